package timex

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/benchdata"
)

func TestParseTML(t *testing.T) {
	src := `<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TEXT>Prices &amp; wages rose <TIMEX3 tid="t1" type="DATE" value="2012">last year</TIMEX3>, <EVENT eid="e1">said</EVENT> officials on <TIMEX3 tid="t2" type="DATE" value="2013-03-21">Thursday</TIMEX3>.</TEXT></TimeML>`
	doc, err := ParseTML("x.tml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if doc.DCT != "2013-03-22" {
		t.Errorf("DCT = %q", doc.DCT)
	}
	if !strings.HasPrefix(doc.Text, "Prices & wages") {
		t.Errorf("text not decoded: %q", doc.Text)
	}
	want := []struct{ text, value string }{{"last year", "2012"}, {"Thursday", "2013-03-21"}}
	if len(doc.Golds) != len(want) {
		t.Fatalf("got %d golds, want %d", len(doc.Golds), len(want))
	}
	for i, g := range doc.Golds {
		if got := doc.Text[g.Start:g.End]; got != want[i].text || g.Value != want[i].value {
			t.Errorf("gold %d = %q %q, want %q %q", i, got, g.Value, want[i].text, want[i].value)
		}
	}
}

func TestTempEval3(t *testing.T) {
	dir := benchdata.ForTest(t, "tempeval3_platinum")
	var sb strings.Builder
	rep, err := Run(dir, &sb)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + sb.String())
	for _, e := range rep.Errors {
		t.Logf("%s %s: gold %q=%s sys %q=%s", e.Doc, e.Kind, e.GoldText, e.GoldValue, e.SysText, e.SysVal)
	}
	if rep.Docs != 20 {
		t.Errorf("scored %d documents, want 20", rep.Docs)
	}
	// Sanity floor well under the measured figures: catches a broken
	// stage, not small regressions.
	if rep.Relaxed.F1 < 0.7 || rep.ValueF1 < 0.6 {
		t.Errorf("relaxed F1 %.3f, value F1 %.3f below floor 0.70/0.60", rep.Relaxed.F1, rep.ValueF1)
	}
}
