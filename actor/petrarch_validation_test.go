package actor

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/benchdata"
	"github.com/sitrep/sitrep/text"
)

// TestPetrarchValidationActors codes the sentences of PETRARCH's unit-test
// suite with its own dictionaries and checks that most expected source and
// target codes are among the entities found: the actor half of what the
// event coder needs. Set PETR_CHECK=v to list the misses.
func TestPetrarchValidationActors(t *testing.T) {
	dir := filepath.Join(benchdata.ForTest(t, "petrarch2"), "validation")
	kb, err := LoadPetrarch(openDicts(t, dir, "PETR.Validate.actors.txt"), openDicts(t, dir, "PETR.Validate.agents.txt"))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "PETR.UnitTest.records.xml"))
	var x struct {
		S []struct {
			Date  string `xml:"date,attr"`
			ID    string `xml:"id,attr"`
			Text  string `xml:"Text"`
			Codes []struct {
				Src string `xml:"sourcecode,attr"`
				Tgt string `xml:"targetcode,attr"`
			} `xml:"EventCoding"`
		} `xml:"Sentences>Sentence"`
	}
	if err := xml.Unmarshal(data, &x); err != nil {
		t.Fatal(err)
	}
	ts, _ := text.New()
	st := New(kb)
	found, total := 0, 0
	for _, s := range x.S {
		d := &sitrep.Document{Doc: sitrep.Doc{ID: s.ID, Text: s.Text, Published: s.Date[:4] + "-" + s.Date[4:6] + "-" + s.Date[6:]}}
		if err := ts.Process(context.Background(), d); err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		codes := map[string]bool{}
		for _, e := range d.Entities {
			codes[e.CAMEO] = true
		}
		for _, c := range s.Codes {
			for _, k := range []string{c.Src, c.Tgt} {
				if k == "" {
					continue
				}
				total++
				if codes[k] {
					found++
				} else if os.Getenv("PETR_CHECK") == "v" {
					fmt.Printf("%s missing %s; have %v\n", s.ID, k, codes)
				}
			}
		}
	}
	t.Logf("expected actor codes present: %d/%d", found, total)
	if total < 500 || float64(found) < 0.8*float64(total) {
		t.Errorf("only %d of %d expected actor codes found", found, total)
	}
}
