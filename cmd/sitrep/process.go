package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/pipeline"
	"golang.org/x/term"
)

// produceFunc sends documents to the pipeline until its input is exhausted.
type produceFunc func(ctx context.Context, send func(*sitrep.Document) error) error

// process runs p over the documents produce sends, on workers goroutines,
// and calls emit for each result in input order. The producer's error, if
// any, is returned after the results it sent were emitted.
func process(ctx context.Context, p *pipeline.Pipeline, workers int, produce produceFunc, emit func(pipeline.Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan *sitrep.Document, 64)
	prodErr := make(chan error, 1)
	go func() {
		defer close(in)
		prodErr <- produce(ctx, func(d *sitrep.Document) error {
			select {
			case in <- d:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	if err := p.RunAll(ctx, in, workers, emit); err != nil {
		return err
	}
	return <-prodErr
}

// progress reports documents processed on stderr when it is a terminal,
// with rate and ETA when the total is known (-1 when not).
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(total int, what string) *progress {
	if !term.IsTerminal(int(os.Stderr.Fd())) {
		return &progress{}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar}
}

// newByteProgress reports bytes read, with rate and ETA once the total is
// known; ingest.Options.Progress feeds it.
func newByteProgress(what string) *progress {
	if !term.IsTerminal(int(os.Stderr.Fd())) {
		return &progress{}
	}
	bar := progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar}
}

// Bytes sets the bytes done out of total (-1 when unknown).
func (p *progress) Bytes(done, total int64) {
	if p.bar == nil {
		return
	}
	if total > 0 && p.bar.GetMax64() != total {
		p.bar.ChangeMax64(total)
	}
	_ = p.bar.Set64(done)
}

func (p *progress) Add(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n)
	}
}

func (p *progress) Done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// docErr prints a failed document's error naming its input.
func docErr(w io.Writer, d *sitrep.Document, err error) {
	name := d.Doc.ID
	if d.Doc.URL != "" {
		name = d.Doc.URL
	}
	fmt.Fprintf(w, "sitrep: %s: %v\n", name, err)
}
