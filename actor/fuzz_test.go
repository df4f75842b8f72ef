package actor

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func FuzzParseKB(f *testing.F) {
	for _, s := range []string{
		"actor\tx\tperson\tRUS\tRUSGOV\tX Y\tZ\nrole\tx\t2015\t-\tRUSMIL\tRUS\toffice\n",
		"country\tXXX\tXXX\tXland\tXia\tXian\tXcity\n",
		"agent\tMIL\tMIL\tmilitary\tmilitary\t50\ttroops|soldiers\n",
		"title\tperson\tMr|Dr\norgword\tBank\ngiven\tJane\n",
		"actor\tRUS/GOV\t-\t-\t-\t-\tKremlin\n",
		"# comment\n\nrole\tnobody\t-\t-\t-\t-\t-\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		kb, err := LoadKB(fstest.MapFS{"fuzz.tsv": {Data: []byte(data)}})
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.tsv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		// A loaded knowledge base must run on text that uses its names.
		checkSpans(t, kb, "Jane Roe of Xland said Moscow and the Kremlin agreed. "+data)
	})
}

func FuzzPetrarchActors(f *testing.F) {
	f.Add(testActors)
	f.Add("A_B [XYZ]\n+C_D\n\t[XYZGOV 150101-161231]\n\t[XYZMIL >170101]\n")
	f.Add("<!-- x -->\nE [---]\nF [AAA/BBB]\n")
	f.Fuzz(func(t *testing.T, data string) {
		as, err := ParsePetrarchActors("fuzz.actors", strings.NewReader(data))
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.actors") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, a := range as {
			for _, c := range a.Codes {
				if c.From != "" && len(c.From) != 10 || c.To != "" && len(c.To) != 10 {
					t.Fatalf("bad dates in %+v", c)
				}
			}
		}
		kb, err := LoadPetrarch([]Dict{{"fuzz.actors", strings.NewReader(data)}}, nil)
		if err != nil {
			t.Fatalf("parsed but did not load: %v", err)
		}
		checkSpans(t, kb, "Arnor cleric met Gollum. "+data)
	})
}

func FuzzPetrarchAgents(f *testing.F) {
	f.Add(testAgents)
	f.Add("!X! = A, B\nCLERIC!X! {} [~REL]\nTROOP [~MIL]\n")
	f.Fuzz(func(t *testing.T, data string) {
		_, err := ParsePetrarchAgents("fuzz.agents", strings.NewReader(data))
		if err != nil && !strings.Contains(err.Error(), "fuzz.agents") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// FuzzProcess runs the stage on arbitrary text: no panic, every mention
// inside the text and equal to its span.
func FuzzProcess(f *testing.F) {
	f.Add("Russian warplanes struck Idlib, Moscow said.\nMr. Putin met Bashr al-Assad.")
	f.Add("(EADS) European Aeronautic Defence and Space Company (EADS) said.")
	f.Add("the general said the general")
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, loadTestKB(t), text)
	})
}

func checkSpans(t *testing.T, kb *KB, text string) {
	t.Helper()
	d := fixtureDoc(text, "2015-10-01")
	if err := New(kb).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Entities {
		if e.ID == "" || len(e.Mentions) == 0 {
			t.Fatalf("entity without id or mentions: %+v", e)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad mention %+v of %s in %q", m, e.ID, text)
			}
		}
	}
}
