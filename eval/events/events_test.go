package events_test

import (
	"bytes"
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
