package geo

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

func emptyGazetteer() *Gazetteer {
	return &Gazetteer{demonym: map[string][]int32{}, country: map[string]int32{}}
}

// checkIndex asserts that every index row names an existing entry.
func checkIndex(t *testing.T, g *Gazetteer) {
	check := func(k string, ids []int32) {
		for _, i := range ids {
			if i < 0 || int(i) >= len(g.entries) {
				t.Fatalf("key %q names entry %d of %d", k, i, len(g.entries))
			}
		}
	}
	g.exact.each(check)
	g.fuzzy.each(check)
	for k, ids := range g.demonym {
		check(k, ids)
	}
}

// FuzzReadGenerated feeds the generated-table parser arbitrary rows: it
// must fail with an error or build a consistent index, never panic.
func FuzzReadGenerated(f *testing.F) {
	f.Add(string(tinyTable()))
	f.Add("E\tgeonames:1\tHoms\t34.7\t36.7\tPPLA\tpoint\tSY\tSYR\t11\t775404\t\nK\thoms\t0\nF\thoms\t0\n")
	f.Add("K\thoms\t0\n")
	f.Add("E\tx\ty\t91\t0\tPPL\tpoint\t\t\t\t\t\n")
	f.Add("E\tx\ty\t1\t2\tPPL\tpoint\t\t\t\t-5\t\n")
	f.Add("E\tx\ty\t1\t2\tsea\tregion\t\t\t\t0\t1,2,3\n")
	f.Add("Q\tx\n")
	f.Add("E\tx\ty\tNaN\t2\tPPL\tpoint\t\t\t\t0\t\nK\ty\t0,0,1\n")
	f.Fuzz(func(t *testing.T, data string) {
		g := emptyGazetteer()
		if err := g.readGenerated(strings.NewReader(data), "fuzz"); err != nil {
			if !strings.HasPrefix(err.Error(), "geo: ") {
				t.Fatalf("error without context: %v", err)
			}
			return
		}
		checkIndex(t, g)
		for _, e := range g.entries {
			if !(e.Lat >= -90 && e.Lat <= 90 && e.Lon >= -180 && e.Lon <= 180) {
				t.Fatalf("entry %s out of range: %v,%v", e.ID, e.Lat, e.Lon)
			}
		}
	})
}

// FuzzReadFeatures does the same for the features.tsv parser.
func FuzzReadFeatures(f *testing.F) {
	f.Add(tinyFeatures)
	f.Add("feature:x\tX\tA|B|\t1\t2\tport\tpoint\t\tSYR\tHoms\t0\t\tHoms\n")
	f.Add("feature:x\tX\t\t1\t2\tsea\tregion\t\t\t\t0\t5,6,1,2\n")
	f.Add("feature:x\tX\t\t1\t2\tsea\tsomewhere\t\t\t\t0\t\n")
	f.Add("too\tfew\n")
	f.Fuzz(func(t *testing.T, data string) {
		g := emptyGazetteer()
		if err := g.readFeatures(strings.NewReader(data), "fuzz.tsv"); err != nil {
			if !strings.Contains(err.Error(), "fuzz.tsv:") {
				t.Fatalf("error does not name file and line: %v", err)
			}
			return
		}
		checkIndex(t, g)
	})
}

// FuzzToponyms runs recognition, resolution and the stage on arbitrary
// text over the tiny gazetteer: spans stay in bounds, in order, inside
// their sentence, and the stage's places are well formed.
func FuzzToponyms(f *testing.F) {
	for _, s := range []string{
		"Jets flew from Hmeimim airbase to Homs.",
		"Ships in the Mediterranean and the Gulf, near Latakia province.",
		"Moscow said Syria and Russia agreed.\nTalks in Paris, Tripoli.",
		"the The THE Homs-Homs' Homs. , Latakia-",
		"Ĥoms Łatakia \xff\xfe Dimashq",
		"",
	} {
		f.Add(s)
	}
	g := tinyGazetteer(f)
	st := New(g)
	f.Fuzz(func(t *testing.T, text string) {
		d := tinyDoc(text)
		tops := g.Toponyms(text, d.Sentences, nil)
		last := 0
		var spans []sitrep.Span
		for _, tp := range tops {
			if tp.Start < last || tp.End > len(text) || tp.Start >= tp.End {
				t.Fatalf("toponym span %v out of order or bounds (len %d)", tp.Span, len(text))
			}
			if !d.Sentences[tp.Sentence].Contains(tp.Span) {
				t.Fatalf("toponym %v outside sentence %d", tp.Span, tp.Sentence)
			}
			last = tp.End
			spans = append(spans, tp.Span)
		}
		res := g.Resolve(text, spans)
		if len(res) != len(spans) {
			t.Fatalf("Resolve returned %d results for %d spans", len(res), len(spans))
		}
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for _, p := range d.Places {
			for _, m := range p.Mentions {
				if m.End > len(text) || text[m.Start:m.End] != m.Text {
					t.Fatalf("mention %+v does not name its text", m)
				}
			}
		}
	})
}

// FuzzKey checks that Key is idempotent and Fuzzy never panics.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"Dar'ā", "Deir ez-Zor", "U.S.", "Łódź", "al-Raqqa", "ǅ\u0301x", "  ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key(%q) = %q, but Key of that = %q", s, k, Key(k))
		}
		if bytes.ContainsAny([]byte(k), "\t\n") {
			t.Fatalf("Key(%q) = %q holds a tab or newline", s, k)
		}
		Fuzzy(k)
	})
}
