package entities

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/benchdata"
)

var showErrors = flag.Int("errors", 0, "print this many errors per set")

// TestRun scores the stage on the benchmark sets and checks the report is
// well formed; the figures themselves are printed, not asserted.
func TestRun(t *testing.T) {
	dir := benchdata.ForTest(t, "meantime_en")
	var buf bytes.Buffer
	rep, err := Run(filepath.Dir(dir), &buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())
	if len(rep.Sets) == 0 || rep.Sets[0].Name != "MEANTIME" || rep.Sets[0].Docs != 120 {
		t.Fatalf("unexpected sets: %+v", rep.Sets)
	}
	for _, s := range rep.Sets {
		for _, sc := range []Scores{s.Strict, s.Relaxed} {
			for _, x := range []PRF{sc.Person, sc.Organization, sc.Place, sc.PersonOrg, sc.All} {
				if x.Gold == 0 || x.System == 0 || x.TP > x.Gold || x.TP > x.System || x.F1 < 0 || x.F1 > 1 {
					t.Errorf("%s: implausible counts %+v", s.Name, x)
				}
			}
			if sc.All.Gold != sc.Person.Gold+sc.Organization.Gold+sc.Place.Gold {
				t.Errorf("%s: totals do not add up", s.Name)
			}
		}
		if s.Relaxed.All.TP < s.Strict.All.TP {
			t.Errorf("%s: relaxed matches %d < strict %d", s.Name, s.Relaxed.All.TP, s.Strict.All.TP)
		}
		for k, e := range s.Errors {
			if k >= *showErrors {
				break
			}
			fmt.Printf("%s\t%s\t%-8s\t%s\t%s\t%q\t%q\n", s.Name, e.Doc[:min(len(e.Doc), 24)], e.Kind, e.Gold, e.System, e.Text, e.SystemText)
		}
	}
	if !strings.Contains(buf.String(), "person+org") {
		t.Errorf("table lacks the person+org row:\n%s", buf.String())
	}
}

func TestCore(t *testing.T) {
	for _, tt := range []struct {
		tokens string
		want   string
	}{
		{"EADS chief executive Louis Gallois", "Louis Gallois"},
		{"NASA Administrator Charles Bolden", "Charles Bolden"},
		{"the United States Air Force ( USAF", "United States Air Force"},
		{"Senator John McCain ( R-AZ", "John McCain"},
		{"General Motors", "General Motors"},
		{"Bank of America", "Bank of America"},
		{"DAB 's Starry Lee", "Starry Lee"},
		{"People 's Republic of China", "People 's Republic of China"},
		{"the aircraft", ""},
		{"his company", ""},
	} {
		d := &doc{Tokens: strings.Fields("x " + tt.tokens)}
		d.Sent = make([]int, len(d.Tokens))
		d.build()
		got := ""
		if i, j, ok := d.core(1, len(d.Tokens), false); ok {
			got = strings.Join(d.Tokens[i:j], " ")
		}
		if got != tt.want {
			t.Errorf("core(%q) = %q, want %q", tt.tokens, got, tt.want)
		}
	}
}
