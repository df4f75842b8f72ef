package events_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/sitrep/sitrep/eval/events"
	"github.com/sitrep/sitrep/internal/benchdata"
)

func TestPLOVER(t *testing.T) {
	dir := benchdata.ForTest(t, "plover_gsr_cameo")
	var buf bytes.Buffer
	rep, err := events.Run(dir, &buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	if rep.PLOVER.Records < 300 {
		t.Errorf("scored %d records, want the whole set (322)", rep.PLOVER.Records)
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
