package text_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/text"
)

// BenchmarkDemo runs the stage over the whole demo corpus, once per
// iteration, with and without tagging.
func BenchmarkDemo(b *testing.B) {
	docs, err := demo.Documents()
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, d := range docs {
		size += int64(len(d.Doc.Raw))
	}
	for _, tagging := range []bool{true, false} {
		name := "tagged"
		if !tagging {
			name = "untagged"
		}
		b.Run(name, func(b *testing.B) {
			s := newStage(b, text.WithTagging(tagging))
			run := func() {
				for _, doc := range docs {
					d := &sitrep.Document{Doc: sitrep.Doc{ID: doc.Doc.ID, Raw: doc.Doc.Raw}}
					if err := s.Process(context.Background(), d); err != nil {
						b.Fatalf("%s: %v", doc.Doc.ID, err)
					}
				}
			}
			run() // load the tagger outside the timing
			b.ReportAllocs()
			b.SetBytes(size)
			b.ResetTimer()
			cpu := text.CPUTime()
			for b.Loop() {
				run()
			}
			b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
			if cpu := text.CPUTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(b.N*len(docs))/cpu.Seconds(), "docs/cpu-s")
			}
		})
	}
}
