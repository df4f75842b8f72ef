package actor

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/text"
)

// BenchmarkStage runs the actor stage over the demo corpus, after the text
// stage, and reports documents per second.
func BenchmarkStage(b *testing.B) {
	docs, err := demo.Documents()
	if err != nil {
		b.Fatal(err)
	}
	ts, err := text.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	bytes := 0
	for i := range docs {
		if err := ts.Process(ctx, &docs[i]); err != nil {
			b.Fatalf("text %s: %v", docs[i].Doc.ID, err)
		}
		bytes += len(docs[i].Doc.Text)
	}
	st := New(loadTestKB(b))
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range docs {
			d := docs[i]
			d.Entities = nil
			if err := st.Process(ctx, &d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkLoadKB measures loading the shipped knowledge base.
func BenchmarkLoadKB(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadKB(); err != nil {
			b.Fatal(err)
		}
	}
}
