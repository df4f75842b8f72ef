package actor

import (
	"testing"

	"github.com/sitrep/sitrep"
)

// needNames skips a test that depends on the generated name lists.
func needNames(t *testing.T) {
	t.Helper()
	if kb := loadTestKB(t); len(kb.family) == 0 {
		t.Skip("actor/data/gen/names.tsv not built (make data)")
	}
}

func TestFamilyNameMakesPerson(t *testing.T) {
	needNames(t)
	es := run(t, "The midfielder Ferjani Sassi scored twice. The club thanked Lockheed Martin for the stands.", "2018-06-23")
	if e, ok := find(es, "Ferjani Sassi"); !ok || e.Type != sitrep.Person {
		t.Errorf("Ferjani Sassi: %+v, want a person", e)
	}
	if e, ok := find(es, "Lockheed Martin"); ok && e.Type == sitrep.Person {
		t.Errorf("Lockheed Martin typed as a person")
	}
}

func TestShortMentionBeforeFullName(t *testing.T) {
	es := run(t, "Warhol photo legacy spread by university exhibits.\n\nThe Warhol Polaroids were donated. "+
		"Warhol took them in the 1970s. An exhibit of Andy Warhol opened on Tuesday.", "2014-01-27")
	var p sitrep.Entity
	for _, e := range es {
		if e.Name == "Andy Warhol" {
			p = e
		}
	}
	if p.Type != sitrep.Person {
		t.Fatalf("no person Andy Warhol in %+v", es)
	}
	n := 0
	for _, m := range p.Mentions {
		if m.Text == "Warhol" {
			n++
		}
	}
	if n != 2 { // headline, and the short form after "Warhol Polaroids"
		t.Errorf("Andy Warhol has %d mentions \"Warhol\", want 2: %+v", n, p.Mentions)
	}
	for k := 1; k < len(p.Mentions); k++ {
		if p.Mentions[k].Start < p.Mentions[k-1].Start {
			t.Errorf("mentions out of order: %+v", p.Mentions)
		}
	}
}

func TestHyphenatedGivenNameAndParty(t *testing.T) {
	needNames(t)
	es := run(t, "The seat went to Wu Chi-wai of the Democratic Party, ahead of Frederick Fung of ADPL.", "2016-09-05")
	if e, ok := find(es, "Wu Chi-wai"); !ok || e.Type != sitrep.Person {
		t.Errorf("Wu Chi-wai: %+v (found %v), want a person", e, ok)
	}
	if e, ok := find(es, "Frederick Fung"); !ok || e.Type != sitrep.Person {
		t.Errorf("Frederick Fung: %+v (found %v), want a person without his party", e, ok)
	}
	if _, ok := find(es, "ADPL"); !ok {
		t.Errorf("ADPL not found apart from Frederick Fung")
	}
}

func TestWithPlaces(t *testing.T) {
	text := "The mayor said Evansville welcomed the exhibit."
	for _, known := range []bool{false, true} {
		d := fixtureDoc(text, "2014-01-27")
		st := New(loadTestKB(t))
		if known {
			st = st.WithPlaces(func(name string) bool { return name == "Evansville" })
		}
		if err := st.Process(t.Context(), d); err != nil {
			t.Fatal(err)
		}
		e, ok := find(d.Entities, "Evansville")
		if !ok {
			t.Fatalf("Evansville not found (places known: %v)", known)
		}
		if got := e.Type == sitrep.PlaceEntity; got != known {
			t.Errorf("places known %v: Evansville typed %s", known, e.Type)
		}
	}
}

func TestNamesWithoutTitlePhrase(t *testing.T) {
	es := run(t, "Tunisian coach Nabil Maaloul praised the team. A spokesman for Force Ouvriere said the cuts were wrong.", "2018-06-23")
	byName := map[string]sitrep.Entity{}
	for _, e := range es {
		byName[e.Name] = e
	}
	coach, ok := byName["Nabil Maaloul"]
	if !ok || coach.Type != sitrep.Person || coach.Mentions[0].Text != "Tunisian coach Nabil Maaloul" {
		t.Errorf("coach: %+v (found %v), want person Nabil Maaloul mentioned with his title", coach, ok)
	}
	if coach.CAMEO != "TUN" || coach.Country != "TUN" {
		t.Errorf("coach coded %q in %q, want TUN (the country, no government sector)", coach.CAMEO, coach.Country)
	}
	fo, ok := byName["Force Ouvriere"]
	if !ok || fo.Type == sitrep.Person || fo.Mentions[0].Text != "spokesman for Force Ouvriere" {
		t.Errorf("spokesman for: %+v (found %v), want the body Force Ouvriere, not a person", fo, ok)
	}
}

func TestCommonWordByPosition(t *testing.T) {
	if len(loadTestKB(t).common) == 0 {
		t.Skip("actor/data/gen/common.tsv not built (make data)")
	}
	es := run(t, "The analysis said: \"Usually, the browser is second.\" It usually is. The Church of Scientology sued.\nThe Church said the members usually leave.", "2011-03-01")
	if e, ok := find(es, "Usually"); ok {
		t.Errorf("Usually taken for a name: %+v", e)
	}
	if e, ok := find(es, "Church"); !ok || e.Type != sitrep.Organization {
		t.Errorf("the Church: %+v (found %v), want an organisation", e, ok)
	}
}

func TestPlacesAndAgentsInCapitals(t *testing.T) {
	es := run(t, "Intelligence was confirmed by the Syrian General Staff. The jet crossed the border south of Yayladagi at noon. "+
		"The strikes hit positions in the areas of al-Lataminah, Kafr Zita and Talbisa.", "2015-10-03")
	if e, ok := find(es, "Staff"); ok {
		t.Errorf("Staff taken for a name: %+v", e)
	}
	es2 := run(t, "The Chief of the General Staff's Main Operations Directorate spoke. The decision of the Supreme Commander-in-Chief was read.", "2015-10-03")
	for _, name := range []string{"Staff", "Supreme Commander"} {
		if e, ok := find(es2, name); ok {
			t.Errorf("%s taken for a name: %+v", name, e)
		}
	}
	if e, ok := find(es, "the Syrian General Staff"); !ok || e.CAMEO != "SYRMIL" {
		t.Errorf("General Staff: %+v (found %v), want SYRMIL", e, ok)
	}
	for _, name := range []string{"Yayladagi", "Lataminah", "Kafr Zita", "Talbisa"} {
		if e, ok := find(es, name); !ok || e.Type != sitrep.PlaceEntity {
			t.Errorf("%s: %+v (found %v), want a place", name, e, ok)
		}
	}
}

func TestMilitaryModelsAndNamedGroups(t *testing.T) {
	es := run(t, "The Russian Su-24 was shot down by two Turkish F-16 jets.\nA rebel commander of a group called Tajammu Alezzah said his positions were struck.", "2015-11-24")
	for mention, cameo := range map[string]string{"The Russian Su-24": "RUSMIL", "two Turkish F-16 jets": "TURMIL"} {
		if e, ok := find(es, mention); !ok || e.CAMEO != cameo {
			t.Errorf("%s: %+v (found %v), want %s", mention, e, ok, cameo)
		}
	}
	if e, ok := find(es, "Tajammu Alezzah"); !ok || e.Type != sitrep.ArmedGroup {
		t.Errorf("Tajammu Alezzah: %+v (found %v), want an armed group", e, ok)
	}
}

func TestBareAgents(t *testing.T) {
	es := run(t, "Rebels attacked a convoy near Hama, killing three civilians. Syrian rebels denied it. The pilot was killed by rebel fire.", "2015-11-24")
	e, ok := find(es, "Rebels")
	if !ok || e.ID != "kb:REB" || e.CAMEO != "REB" || e.Country != "" {
		t.Errorf("Rebels: %+v (found %v), want kb:REB coded REB without a country", e, ok)
	}
	if e, ok := find(es, "civilians"); !ok || e.CAMEO != "CVL" {
		t.Errorf("civilians: %+v (found %v), want CVL", e, ok)
	}
	if e, ok := find(es, "Syrian rebels"); !ok || e.CAMEO != "SYRREB" {
		t.Errorf("Syrian rebels: %+v (found %v), want SYRREB", e, ok)
	}
	if e, ok := find(es, "rebel"); !ok || e.ID != "kb:REB" {
		t.Errorf("rebel fire: %+v (found %v), want kb:REB", e, ok)
	}
}

func TestOperationsAndDocumentsAreNoActors(t *testing.T) {
	es := run(t, "Turkey launched Operation Euphrates Shield as the Geneva Communique was discussed.\nThe US-led Operation Inherent Resolve continued.", "2016-08-24")
	for _, name := range []string{"Operation Euphrates Shield", "Euphrates Shield", "Geneva Communique", "Operation Inherent Resolve"} {
		if e, ok := find(es, name); ok {
			t.Errorf("%s taken for an actor: %+v", name, e)
		}
	}
}

func TestCapitalAddressedIsGovernment(t *testing.T) {
	es := run(t, "Assad asked Moscow for help. The UN called on Damascus to stop. Putin flew to Tehran.", "2015-10-01")
	for mention, id := range map[string]string{"Moscow": "kb:RUS/GOV", "Damascus": "kb:SYR/GOV", "Tehran": "kb:city:tehran"} {
		if e, ok := find(es, mention); !ok || e.ID != id {
			t.Errorf("%s: %+v (found %v), want %s", mention, e, ok, id)
		}
	}
}
