package events_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/sitrep/sitrep/eval/events"
	"github.com/sitrep/sitrep/internal/benchdata"
)

func TestRun(t *testing.T) {
	benchdata.ForTest(t, "plover_gsr_cameo")
	benchdata.ForTest(t, "petrarch2")
	root, err := benchdata.Root()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep, err := events.Run(root, &buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	if rep.PLOVER.Records < 300 {
		t.Errorf("scored %d records, want the whole set (322)", rep.PLOVER.Records)
	}
	if rep.Petrarch.Records != 279 {
		t.Errorf("scored %d PETRARCH records, want 279", rep.Petrarch.Records)
	}
	// Regression floors, well under the figures in README.md (0.81 and
	// 227) so that knowledge-base changes elsewhere do not trip them.
	if rep.PLOVER.TypeAccuracy < 0.75 {
		t.Errorf("PLOVER type accuracy %.3f fell under 0.75", rep.PLOVER.TypeAccuracy)
	}
	if rep.Petrarch.Exact <= 90 {
		t.Errorf("%d PETRARCH records exact, no better than PETRARCH-2's 90", rep.Petrarch.Exact)
	}
}

func TestPLOVERErrors(t *testing.T) {
	if !testing.Verbose() || os.Getenv("EVENTS_ERRORS") == "" {
		t.Skip("set EVENTS_ERRORS=1 and -v to list the type errors")
	}
	dir := benchdata.ForTest(t, "plover_gsr_cameo")
	rep, err := events.RunPLOVER(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rep.Errors {
		t.Logf("%s gold=%s sys=%s trig=%q\n    %s", e.ID, e.Gold, e.System, e.Trigger, e.Text)
	}
}

func TestPetrarchMisses(t *testing.T) {
	if !testing.Verbose() || os.Getenv("EVENTS_ERRORS") == "" {
		t.Skip("set EVENTS_ERRORS=1 and -v to list the records coded wrongly")
	}
	dir := benchdata.ForTest(t, "petrarch2")
	rep, err := events.RunPetrarch(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rep.Misses {
		t.Logf("%s want=%v got=%v\n    %s", m.ID, m.Want, m.Got, m.Text)
	}
}
