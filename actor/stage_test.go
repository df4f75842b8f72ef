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
