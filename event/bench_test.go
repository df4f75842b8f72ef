package event_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/event"
)

// BenchmarkStage measures the event stage alone on the demo corpus, after
// the stages it requires have run.
func BenchmarkStage(b *testing.B) {
	docs, err := demo.Documents()
	if err != nil {
		b.Fatal(err)
	}
	bytes := 0
	for i := range docs {
		for _, s := range before(b) {
			if err := s.Process(context.Background(), &docs[i]); err != nil {
				b.Fatal(err)
			}
		}
		bytes += len(docs[i].Doc.Text)
	}
	st, err := event.New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range docs {
			d := docs[i]
			d.Events = []sitrep.Event(nil)
			if err := st.Process(context.Background(), &d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
}
