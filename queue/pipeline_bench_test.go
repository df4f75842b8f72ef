package queue_test

import (
	"strconv"
	"sync/atomic"

	"context"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/queue"
	"testing"
)

// BenchmarkPipelineOnly is the per-document cost of the real pipeline on
// the load test's documents, without the queue, for comparison.
func BenchmarkPipelineOnly(b *testing.B) {
	p := realPipeline(b)
	docs := demoDocs(b, 1000)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d := *docs[i%len(docs)]
		if err := p.Run(context.Background(), &d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkQueueOverhead is the cost the queue adds per document: publish,
// pull, store notice and ack, with a no-op processor and the in-memory
// store, so the pipeline's cost is left out.
func BenchmarkQueueOverhead(b *testing.B) {
	url := startServer(b)
	docs := syntheticDocs(b.N)
	st := memProbe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var settled atomic.Int64
	all := make(chan struct{})
	_, js := connect(b, url)
	noop := queue.ProcessorFunc(func(ctx context.Context, d *sitrep.Document) error { d.Doc.Text = d.Doc.Raw; return nil })
	_, done := startWorker(b, ctx, js, noop, st, queue.WorkerConfig{OnDone: func(r queue.Result) {
		if settled.Add(1) == int64(len(docs)) {
			close(all)
		}
	}})
	b.ResetTimer()
	publishAll(b, url, docs)
	<-all
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	cancel()
	<-done
}

// BenchmarkFuserSnapshot is what one Fuser flush costs before writing: a
// full fuse Situation over a corpus of synthetic one-event documents
// (see docs/scale.md: it grows with the corpus, unlike Add). The synthetic
// sentences are near-duplicates, a worst case for origin tracing.
func BenchmarkFuserSnapshot(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			fz := fuse.New(fuse.Options{})
			for _, d := range syntheticDocs(n) {
				if err := fakePipeline(context.Background(), d); err != nil {
					b.Fatal(err)
				}
				if err := fz.Add(d); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for b.Loop() {
				_ = fz.Situation()
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/flush")
		})
	}
}
