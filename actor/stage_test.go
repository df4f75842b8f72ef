package actor

import (
	"context"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
)

var (
	testKBOnce sync.Once
	testKB     *KB
	testKBErr  error
)

func loadTestKB(t testing.TB) *KB {
	t.Helper()
	testKBOnce.Do(func() { testKB, testKBErr = LoadKB() })
	if testKBErr != nil {
		t.Fatalf("LoadKB: %v", testKBErr)
	}
	return testKB
}

// run processes text as one document and returns its entities.
func run(t *testing.T, text, published string) []sitrep.Entity {
	t.Helper()
	d := fixtureDoc(text, published)
	if err := New(loadTestKB(t)).Process(context.Background(), d); err != nil {
		t.Fatalf("Process: %v", err)
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad mention %+v of %s", m, e.ID)
			}
		}
	}
	return d.Entities
}

// find returns the entity with a mention whose text is exactly mention.
func find(es []sitrep.Entity, mention string) (sitrep.Entity, bool) {
	for _, e := range es {
		for _, m := range e.Mentions {
			if m.Text == mention {
				return e, true
			}
		}
	}
	return sitrep.Entity{}, false
}

func TestMentions(t *testing.T) {
	tests := []struct {
		name, text, published string
		mention               string // exact mention text
		id, cameo, country    string
		typ                   sitrep.EntityType
	}{
		{"country", "Russia launched strikes in Syria.", "2015-10-01", "Syria", "kb:SYR", "SYR", "SYR", sitrep.Country},
		{"agent warplanes", "Russian warplanes struck Idlib on Tuesday.", "2015-10-01", "Russian warplanes", "kb:RUS/MIL", "RUSMIL", "RUS", sitrep.Military},
		{"agent troops", "Hundreds of Iranian troops arrived.", "2015-10-01", "Iranian troops", "kb:IRN/MIL", "IRNMIL", "IRN", sitrep.Military},
		{"agent rebels", "Syrian rebels said they held the town.", "2015-10-01", "Syrian rebels", "kb:SYR/REB", "SYRREB", "SYR", sitrep.ArmedGroup},
		{"pentagon", "The Pentagon declined to comment.", "2015-10-01", "Pentagon", "kb:USA/MIL", "USAMIL", "USA", sitrep.Military},
		{"sources", "Two Lebanese sources said the convoy was hit.", "2015-10-01", "Two Lebanese sources", "kb:LBN/SRC", "LBN", "LBN", sitrep.Organization},
		{"three-star general", "A statement quoted a Russian three-star general as saying so.", "2015-10-01", "a Russian three-star general", "kb:RUS/MIL", "RUSMIL", "RUS", sitrep.Military},
		{"official source", "An Israeli official source confirmed the raid.", "2015-10-01", "An Israeli official source", "kb:ISR/GOV", "ISRGOV", "ISR", sitrep.Government},
		{"us official", "The drills were routine, a U.S. official said.", "2015-10-01", "a U.S. official", "kb:USA/GOV", "USAGOV", "USA", sitrep.Government},
		{"spokesman for", "The claim was denied by a spokesman for the Russian Defence Ministry.", "2015-10-01", "a spokesman for the Russian Defence Ministry", "kb:RUS/MIL", "RUSMIL", "RUS", sitrep.Military},
		{"kremlin spokesman", "Kremlin spokesman Dmitry Peskov declined to comment.", "2015-10-01", "Kremlin spokesman Dmitry Peskov", "kb:dmitry-peskov", "RUSGOV", "RUS", sitrep.Person},
		{"metonymy", "Moscow said the strikes targeted militants.", "2015-10-01", "Moscow", "kb:RUS/GOV", "RUSGOV", "RUS", sitrep.Government},
		{"title and initial", "President Vladimir V. Putin spoke on Friday.", "2015-10-01", "Vladimir V. Putin", "kb:vladimir-putin", "RUSGOV", "RUS", sitrep.Person},
		{"mr surname", "Mr. Putin spoke on Friday.", "2015-10-01", "Putin", "kb:vladimir-putin", "RUSGOV", "RUS", sitrep.Person},
		{"typo soleimani", "Qassam Suleimani visited the front.", "2015-10-01", "Qassam Suleimani", "kb:qasem-soleimani", "IRNMIL", "IRN", sitrep.Person},
		{"typo assad", "Bashr al-Assad met his generals.", "2015-10-01", "Bashr al-Assad", "kb:bashar-al-assad", "SYRGOV", "SYR", sitrep.Person},
		{"typo abadi", "Haidar al-Abadi flew to Tehran.", "2015-10-01", "Haidar al-Abadi", "kb:haider-al-abadi", "IRQGOV", "IRQ", sitrep.Person},
		{"role dating before", "Haider al-Abadi spoke in parliament.", "2020-03-01", "Haider al-Abadi", "kb:haider-al-abadi", "IRQLEG", "IRQ", sitrep.Person},
		{"role dating poroshenko", "Petro Poroshenko visited Kiev.", "2016-01-01", "Petro Poroshenko", "kb:petro-poroshenko", "UKRGOV", "UKR", sitrep.Person},
		{"role dating poroshenko later", "Petro Poroshenko visited Kiev.", "2021-01-01", "Petro Poroshenko", "kb:petro-poroshenko", "UKRLEG", "UKR", sitrep.Person},
		{"igo acronym", "The UN called for a ceasefire.", "2015-10-01", "UN", "kb:un", "IGOUNO", "", sitrep.Organization},
		{"armed group alias", "Daesh fighters retreated.", "2015-10-01", "Daesh", "kb:isis", "IMGSYRMOSREB", "", sitrep.ArmedGroup},
		{"typo place", "Rebels shelled Queneitra on Monday.", "2015-10-01", "Queneitra", "kb:place:syr-quneitra", "SYR", "SYR", sitrep.PlaceEntity},
		{"quds force", "The Quds Force sent advisers.", "2015-10-01", "Quds Force", "kb:quds-force", "IRNMIL", "IRN", sitrep.Military},
		{"legislature", "The Federation Council approved the deployment.", "2015-09-30", "Federation Council", "kb:federation-council", "RUSLEG", "RUS", sitrep.Government},
		{"duma", "Duma deputies welcomed the vote.", "2015-09-30", "Duma", "kb:state-duma", "RUSLEG", "RUS", sitrep.Government},
		{"media", "The claim was carried by TASS on Monday.", "2015-10-01", "TASS", "kb:tass", "RUSMED", "RUS", sitrep.Media},
		{"media acronym", "The claim could not be verified by AFP.", "2015-10-01", "AFP", "kb:afp", "FRAMED", "FRA", sitrep.Media},
		{"role dating foreign minister", "Mevlut Cavusoglu met Lavrov.", "2015-10-01", "Mevlut Cavusoglu", "kb:mevlut-cavusoglu", "TURLEG", "TUR", sitrep.Person},
		{"role dating julani", "Abu Mohammad al-Julani spoke.", "2015-10-01", "Abu Mohammad al-Julani", "kb:ahmed-al-sharaa", "SYRREBMOS", "SYR", sitrep.Person},
		{"role dating sharaa", "Ahmed al-Sharaa spoke.", "2025-03-01", "Ahmed al-Sharaa", "kb:ahmed-al-sharaa", "SYRGOV", "SYR", sitrep.Person},
		{"lone demonym", "The Russian economy shrank.", "2015-10-01", "Russian", "kb:RUS", "RUS", "RUS", sitrep.Country},
		{"place extension", "Fighting spread across Aleppo Governorate.", "2015-10-01", "Aleppo Governorate", "x:aleppo-governorate", "", "SYR", sitrep.PlaceEntity},
		{"organisation with place", "The Bank of Japan cut rates.", "2015-10-01", "Bank of Japan", "x:bank-of-japan", "", "", sitrep.Organization},
		{"dateline capital", "MOSCOW, Oct 1 (Reuters) - Jets struck Homs.", "2015-10-01", "MOSCOW", "kb:city:moscow", "RUS", "RUS", sitrep.PlaceEntity},
		{"french forces", "French forces joined the strikes.", "2015-11-20", "French forces", "kb:FRA/MIL", "FRAMIL", "FRA", sitrep.Military},
		{"al particle", "Fighters loyal to al-Qaeda withdrew.", "2015-10-01", "al-Qaeda", "kb:al-qaeda", "IMGMOSREB", "", sitrep.ArmedGroup},
		{"complementiser", "He said that Iranian troops arrived.", "2015-10-01", "Iranian troops", "kb:IRN/MIL", "IRNMIL", "IRN", sitrep.Military},
		{"agent of country", "Soldiers from Jordan crossed the border.", "2015-10-01", "Soldiers from Jordan", "kb:JOR/MIL", "JORMIL", "JOR", sitrep.Military},
		{"agent of list", "The ambassadors of Iran and Iraq met.", "2015-10-01", "Iraq", "kb:IRQ/GOV", "IRQGOV", "IRQ", sitrep.Government},
		{"troops in country", "Russian troops in Syria were reinforced.", "2015-10-01", "Syria", "kb:SYR", "SYR", "SYR", sitrep.Country},
		{"title before unknown name", "Syrian Information Minister Omran al-Zoubi spoke.", "2015-10-01", "Syrian Information Minister Omran al-Zoubi", "x:omran-al-zoubi", "SYRGOV", "SYR", sitrep.Person},
		{"airline", "He flew with Air France.", "2015-10-01", "Air France", "x:air-france", "", "", sitrep.Organization},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := run(t, tt.text, tt.published)
			e, ok := find(es, tt.mention)
			if !ok {
				t.Fatalf("no entity with mention %q; got %+v", tt.mention, es)
			}
			if e.ID != tt.id || e.CAMEO != tt.cameo || e.Country != tt.country || e.Type != tt.typ {
				t.Errorf("mention %q: got id=%s cameo=%s country=%s type=%s; want %s %s %s %s",
					tt.mention, e.ID, e.CAMEO, e.Country, e.Type, tt.id, tt.cameo, tt.country, tt.typ)
			}
		})
	}
}

func TestWithinDocument(t *testing.T) {
	text := "Syrian President Bashar al-Assad met Gen. Qasem Soleimani in Damascus.\n" +
		"Assad thanked the general for Iranian support.\n" +
		"Analyst Jane Whitfield said the visit mattered.\n" +
		"Whitfield added that Moscow was watching.\n"
	es := run(t, text, "2015-10-01")
	for _, tt := range []struct{ mention, id string }{
		{"Bashar al-Assad", "kb:bashar-al-assad"},
		{"Assad", "kb:bashar-al-assad"},
		{"the general", "kb:qasem-soleimani"},
		{"Jane Whitfield", "x:jane-whitfield"},
		{"Whitfield", "x:jane-whitfield"},
	} {
		e, ok := find(es, tt.mention)
		if !ok {
			t.Errorf("no mention %q in %+v", tt.mention, es)
			continue
		}
		if e.ID != tt.id {
			t.Errorf("%q resolved to %s, want %s", tt.mention, e.ID, tt.id)
		}
	}
	if e, ok := find(es, "Damascus"); !ok || e.Type != sitrep.PlaceEntity {
		t.Errorf("Damascus as a place: got %+v, %v", e, ok)
	}
	if e, ok := find(es, "Jane Whitfield"); ok && e.Type != sitrep.Person {
		t.Errorf("Jane Whitfield typed %s", e.Type)
	}
}

// TestNotActors checks capitalised words that name no actor are left out.
func TestNotActors(t *testing.T) {
	text := "The Dow Jones Industrial Average fell as Boeing 787 Dreamliner deliveries slipped.\n" +
		"Prices in US$ rose at the Worldwide Developers Conference, and the iPod Nano sold out.\n" +
		"Airbus Pushes Back A380 Deliveries\n"
	for _, e := range run(t, text, "2015-10-01") {
		for _, m := range e.Mentions {
			switch m.Text {
			case "Dow Jones Industrial Average", "Jones Industrial Average", "Dreamliner", "US", "Worldwide Developers Conference",
				"Nano", "Pushes Back", "Deliveries", "A380", "Boeing":
				t.Errorf("%q recognised as %s (%s)", m.Text, e.ID, e.Type)
			}
		}
	}
}

// TestStableIDs checks the same actors get the same ids in different
// documents, known or not.
func TestStableIDs(t *testing.T) {
	a := run(t, "Qasem Soleimani met Jane Whitfield of the Levant Research Institute.", "2015-10-01")
	b := run(t, "Analysts at the Levant Research Institute said Qassem Suleimani and Jane Whitfield met.", "2015-11-01")
	for _, m := range [][2]string{{"Qasem Soleimani", "Qassem Suleimani"}, {"Jane Whitfield", "Jane Whitfield"}, {"Levant Research Institute", "Levant Research Institute"}} {
		ea, ok1 := find(a, m[0])
		eb, ok2 := find(b, m[1])
		if !ok1 || !ok2 || ea.ID != eb.ID {
			t.Errorf("%q and %q: ids %q and %q (found %v %v)", m[0], m[1], ea.ID, eb.ID, ok1, ok2)
		}
	}
	if e, _ := find(a, "Levant Research Institute"); e.Type != sitrep.Organization || e.Known {
		t.Errorf("unknown institute typed %s, known %v", e.Type, e.Known)
	}
}

// TestShortMentionTyping checks an unknown name is typed by how the
// document shortens it.
func TestShortMentionTyping(t *testing.T) {
	es := run(t, "Zorvath Industrial signed the deal.\nShares of Zorvath rose.\nOn Monday Kaoru Yosano praised it.\nThe plan, Yosano said, was sound.\n", "2015-10-01")
	for mention, typ := range map[string]sitrep.EntityType{"Zorvath Industrial": sitrep.Organization, "Kaoru Yosano": sitrep.Person} {
		if e, ok := find(es, mention); !ok || e.Type != typ {
			t.Errorf("%q: got %+v, want type %s", mention, e, typ)
		}
	}
}
