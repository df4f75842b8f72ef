package text

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/benchdata"
)

// TestGeoWebNewsDrops runs the boilerplate filter over the article texts
// of GeoWebNews (200 news pages, GPL-3.0), which are mostly prose with
// some page furniture left in. It logs every dropped line (run with -v
// to judge them) and fails when more than maxDropShare of the lines go,
// which would mean the filter has started eating prose.
func TestGeoWebNewsDrops(t *testing.T) {
	const maxDropShare = 0.05
	b, err := os.ReadFile(filepath.Join(benchdata.ForTest(t, "geowebnews"), "GWN.xml"))
	if err != nil {
		t.Skipf("GeoWebNews unreadable: %v", err)
	}
	var corpus struct {
		Articles []struct {
			File string `xml:"file,attr"`
			Text string `xml:"text"`
		} `xml:"article"`
	}
	if err := xml.Unmarshal(b, &corpus); err != nil {
		t.Fatalf("GWN.xml: %v", err)
	}
	s, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	lines, dropped := 0, 0
	for _, a := range corpus.Articles {
		_, drops := s.boil.strip(a.Text)
		for _, l := range strings.Split(a.Text, "\n") {
			if strings.TrimSpace(l) != "" {
				lines++
			}
		}
		for _, d := range drops {
			dropped++
			t.Logf("article %s line %d: %s: %q", a.File, d.Line, d.Reason, d.Text)
		}
	}
	share := float64(dropped) / float64(max(lines, 1))
	t.Logf("GeoWebNews: %d articles, %d lines, %d dropped (%.3f)", len(corpus.Articles), lines, dropped, share)
	if lines == 0 {
		t.Fatal("no lines read")
	}
	if share > maxDropShare {
		t.Errorf("%.3f of the lines dropped, more than %.2f", share, maxDropShare)
	}
}
