package geo

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
)

// stagePipeline returns text, actor and geo over the built gazetteer,
// built once for the test binary, or skips when the gazetteer was not
// generated.
func stagePipeline(tb testing.TB) *pipeline.Pipeline {
	tb.Helper()
	g := loadForTest(tb)
	p, err := testPipeline(g)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

func testPipeline(g *Gazetteer) (*pipeline.Pipeline, error) {
	pipeOnce.Do(func() {
		ts, err := text.New()
		if err != nil {
			pipeErr = err
			return
		}
		kb, err := actor.LoadKB()
		if err != nil {
			pipeErr = err
			return
		}
		pipe, pipeErr = pipeline.New(ts, actor.New(kb), New(g))
	})
	return pipe, pipeErr
}

func runStage(t *testing.T, raw string) *sitrep.Document {
	t.Helper()
	p := stagePipeline(t)
	d := &sitrep.Document{Doc: sitrep.Doc{ID: "t", Raw: raw, Published: "2015-10-07"}}
	if err := p.Run(context.Background(), d); err != nil {
		t.Fatalf("run %q: %v", raw, err)
	}
	checkPlaces(t, d)
	return d
}

// checkPlaces asserts the layer's invariants: mentions in bounds and naming
// their text, areas never given point precision without a box, and no
// place twice.
func checkPlaces(t *testing.T, d *sitrep.Document) {
	t.Helper()
	seen := map[string]bool{}
	for _, p := range d.Places {
		if seen[p.ID] {
			t.Errorf("place %s listed twice", p.ID)
		}
		seen[p.ID] = true
		if len(p.Mentions) == 0 {
			t.Errorf("place %s has no mention", p.ID)
		}
		for _, m := range p.Mentions {
			if m.Start < 0 || m.End > len(d.Doc.Text) || m.Start >= m.End || d.Doc.Text[m.Start:m.End] != m.Text {
				t.Errorf("place %s: bad mention %+v", p.ID, m)
			}
			if m.Sentence < 0 || m.Sentence >= len(d.Sentences) || !d.Sentences[m.Sentence].Contains(m.Span) {
				t.Errorf("place %s: mention %q not in its sentence %d", p.ID, m.Text, m.Sentence)
			}
		}
		if p.Precision != sitrep.PrecisionPoint && p.BBox == nil {
			t.Errorf("area %s (%s) has no bounding box", p.ID, p.Precision)
		}
		if p.Precision == sitrep.PrecisionPoint && p.BBox != nil {
			t.Errorf("point %s carries a box", p.ID)
		}
	}
}

func placeNamed(d *sitrep.Document, mention string) *sitrep.Place {
	for i, p := range d.Places {
		for _, m := range p.Mentions {
			if m.Text == mention {
				return &d.Places[i]
			}
		}
	}
	return nil
}

func TestStage(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		mention string           // a place mentioned by these words
		id      string           // is this entry ("" = any)
		country string           // in this country
		prec    sitrep.Precision // at this precision
		absent  []string         // and these words are no place
	}{
		{"metonymy", "Moscow said on Wednesday that Russian warplanes struck targets near Homs.",
			"Homs", "geonames:169577", "SYR", sitrep.PrecisionPoint, []string{"Moscow", "Russian"}},
		{"capital as place", "Talks in Moscow ended without a deal on Syria.",
			"Moscow", "geonames:524901", "RUS", sitrep.PrecisionPoint, nil},
		{"airbase", "Russian jets flew from Hmeimim airbase near Latakia.",
			"Hmeimim airbase", "feature:hmeimim", "SYR", sitrep.PrecisionPoint, nil},
		{"airbase variant", "The jets are based at Khmeimim, south of Lattakia.",
			"Khmeimim", "feature:hmeimim", "SYR", sitrep.PrecisionPoint, nil},
		{"transliteration", "Russian ships docked at Tartous on Tuesday.",
			"Tartous", "geonames:163345", "SYR", sitrep.PrecisionPoint, nil},
		{"besieged airbase", "Government forces broke the siege of the Kweires airbase east of Aleppo.",
			"Kweires airbase", "feature:kuweires", "SYR", sitrep.PrecisionPoint, nil},
		{"province", "Airstrikes hit rebel positions in Idlib province.",
			"Idlib province", "feature:sy-idlib", "SYR", sitrep.PrecisionAdmin, nil},
		{"country", "Iranian troops arrived in Syria last month.",
			"Syria", "country:SYR", "SYR", sitrep.PrecisionCountry, []string{"Iranian"}},
		{"sea", "Cruise missiles were fired from the Caspian Sea.",
			"Caspian Sea", "feature:caspian-sea", "", sitrep.PrecisionRegion, nil},
		{"strait", "A Russian landing ship passed through the Bosphorus into the Mediterranean.",
			"Bosphorus", "feature:bosphorus", "TUR", sitrep.PrecisionRegion, nil},
		{"region", "Israeli jets struck near the Golan Heights.",
			"Golan Heights", "feature:golan", "SYR", sitrep.PrecisionRegion, nil},
		{"state acting", "Turkey shot down a Russian bomber near the border with Syria.",
			"Syria", "country:SYR", "SYR", sitrep.PrecisionCountry, []string{"Turkey"}},
		{"countryside", "Government troops advanced in the Aleppo countryside.",
			"Aleppo", "feature:sy-aleppo", "SYR", sitrep.PrecisionAdmin, nil},
		{"governorate variant", "Clashes continued in Deir ez-Zor and Queneitra.",
			"Queneitra", "geonames:173334", "SYR", sitrep.PrecisionPoint, nil},
		{"context", "Shelling hit Tripoli and Beirut, Lebanese officials said.",
			"Tripoli", "", "LBN", sitrep.PrecisionPoint, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := runStage(t, tt.raw)
			p := placeNamed(d, tt.mention)
			if p == nil {
				var got []string
				for _, p := range d.Places {
					got = append(got, p.ID+" "+p.Mentions[0].Text)
				}
				t.Fatalf("no place mentioned as %q; places: %q", tt.mention, got)
			}
			if tt.id != "" && p.ID != tt.id {
				t.Errorf("%q = %s (%s, %s), want %s", tt.mention, p.ID, p.Name, p.Country, tt.id)
			}
			if p.Country != tt.country || p.Precision != tt.prec {
				t.Errorf("%q = %s %s %s, want country %q precision %s", tt.mention, p.ID, p.Country, p.Precision, tt.country, tt.prec)
			}
			for _, w := range tt.absent {
				if q := placeNamed(d, w); q != nil {
					t.Errorf("%q taken as place %s", w, q.ID)
				}
			}
		})
	}
}

func TestStageNoPlaces(t *testing.T) {
	d := runStage(t, "Bill said he may call the president in May.")
	if len(d.Places) != 0 {
		t.Errorf("places in a sentence without any: %+v", d.Places)
	}
	if d.Places == nil {
		t.Error("Places is nil: a document the stage ran on has a layer, even an empty one")
	}
}

func TestStageGroupsMentions(t *testing.T) {
	d := runStage(t, "Rebels in Homs held out.\nThe army shelled Homs again on Friday.")
	p := placeNamed(d, "Homs")
	if p == nil || len(p.Mentions) != 2 || p.Mentions[0].Sentence != 0 || p.Mentions[1].Sentence != 1 {
		t.Fatalf("Homs mentions: %+v", p)
	}
}

func TestStageContract(t *testing.T) {
	s := New(nil)
	if s.Name() != "geo" || strings.Join(s.Requires(), ",") != "text,actor" {
		t.Fatalf("Name/Requires = %s %v", s.Name(), s.Requires())
	}
	if _, err := pipeline.New(s); err == nil {
		t.Fatal("pipeline accepted geo without text and actor")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := New(tinyGazetteer(t)).Process(ctx, &sitrep.Document{}); err == nil {
		t.Fatal("Process ignored a cancelled context")
	}
}
