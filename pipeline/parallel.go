package pipeline

import (
	"context"
	"runtime"
	"sync"

	"github.com/sitrep/sitrep"
)

// Result is one document after the pipeline, or the error that stopped it.
type Result struct {
	Doc *sitrep.Document
	Err error
}

// RunAll runs the pipeline over the documents received from in on workers
// goroutines (GOMAXPROCS when workers < 1) and calls emit for each result
// in input order, so output is deterministic. Documents that fail are
// emitted with their error and do not stop the others; RunAll returns the
// first error emit returns, or the context's error. Once RunAll returns,
// in is no longer read: a sender should also watch ctx.
func (p *Pipeline) RunAll(ctx context.Context, in <-chan *sitrep.Document, workers int, emit func(Result) error) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		doc *sitrep.Document
		out chan Result
	}
	jobs := make(chan job)
	order := make(chan chan Result, workers*2) // bounds documents in flight

	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				err := p.Run(ctx, j.doc)
				j.out <- Result{Doc: j.doc, Err: err}
			}
		}()
	}

	go func() {
		defer close(order)
		defer close(jobs)
		for d := range in {
			out := make(chan Result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{doc: d, out: out}:
			case <-ctx.Done():
				out <- Result{Doc: d, Err: ctx.Err()} // its slot in order is waiting
				return
			}
		}
	}()

	var err error
	for out := range order {
		r := <-out
		if err == nil {
			if err = emit(r); err != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return ctx.Err()
}
