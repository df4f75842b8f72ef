package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/spf13/cobra"
)

func newBenchCmd() *cobra.Command {
	var (
		mb      float64
		workers int
		cpuprof string
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure extraction throughput on the demo corpus repeated to --mb megabytes",
		Long: `bench repeats the embedded demo corpus (each copy a distinct document) until
it holds at least --mb megabytes of text, runs the full extraction pipeline
over it and fuses the result. It reports documents/s, words/s, time per stage
and peak memory (peak Go heap and the process's maximum resident set).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			base, err := demo.Documents()
			if err != nil {
				return err
			}
			stages, err := standardStages(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			timed := make([]*timedStage, len(stages))
			wrapped := make([]pipeline.Stage, len(stages))
			for i, s := range stages {
				timed[i] = &timedStage{Stage: s}
				wrapped[i] = timed[i]
			}
			p, err := pipeline.New(wrapped...)
			if err != nil {
				return err
			}
			docs, bytes, words := repeatCorpus(base, int(mb*(1<<20)))
			if workers < 1 {
				workers = runtime.GOMAXPROCS(0)
			}
			if cpuprof != "" {
				f, err := os.Create(cpuprof)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			peak := watchHeap()
			start := time.Now()
			out, err := extractAll(cmd.Context(), p, workers, docs, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			extract := time.Since(start)
			fstart := time.Now()
			sit := fuse.Fuse(out)
			fusing := time.Since(fstart)
			heap := peak()

			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintf(w, "corpus\t%d documents\t%.1f MB\t%d words\t(demo corpus x%d)\n",
				len(docs), float64(bytes)/(1<<20), words, (len(docs)+len(base)-1)/len(base))
			fmt.Fprintf(w, "extract\t%.0f docs/s\t%.0f words/s\t%.2f MB/s\t%s on %d workers\n",
				float64(len(docs))/extract.Seconds(), float64(words)/extract.Seconds(),
				float64(bytes)/(1<<20)/extract.Seconds(), extract.Round(time.Millisecond), workers)
			for _, t := range timed {
				busy := time.Duration(t.nanos.Load())
				fmt.Fprintf(w, "  %s\t%.0f docs/s per worker\t%.1f%% of stage time\t\n",
					t.Name(), float64(len(docs))/busy.Seconds(), 100*busy.Seconds()/totalBusy(timed).Seconds())
			}
			fmt.Fprintf(w, "fuse\t%.0f docs/s\t%d fused events\t%s\t\n",
				float64(len(out))/fusing.Seconds(), len(sit.Events), fusing.Round(time.Millisecond))
			fmt.Fprintf(w, "memory\tpeak heap %.0f MB\tmax RSS %.0f MB\t\t\n", float64(heap)/(1<<20), float64(maxRSS())/(1<<20))
			return w.Flush()
		},
	}
	cmd.Flags().Float64Var(&mb, "mb", 5, "megabytes of text to process")
	cmd.Flags().IntVar(&workers, "workers", 0, "pipeline goroutines (0: one per CPU)")
	cmd.Flags().StringVar(&cpuprof, "cpuprofile", "", "write a CPU profile to this file")
	return cmd
}

// repeatCorpus copies base until the copies hold at least minBytes of raw
// text. Each copy gets its own ID and URL so nothing is deduplicated.
func repeatCorpus(base []sitrep.Document, minBytes int) (docs []sitrep.Document, bytes, words int) {
	for round := 0; bytes < minBytes || round == 0; round++ {
		for _, d := range base {
			d.Doc.ID = fmt.Sprintf("%s-%d", d.Doc.ID, round)
			if d.Doc.URL != "" {
				d.Doc.URL = fmt.Sprintf("%s?copy=%d", d.Doc.URL, round)
			}
			bytes += len(d.Doc.Raw)
			words += len(strings.Fields(d.Doc.Raw))
			docs = append(docs, d)
		}
	}
	return docs, bytes, words
}

// timedStage adds up the time a stage spends across all workers.
type timedStage struct {
	pipeline.Stage
	nanos atomic.Int64
}

func (t *timedStage) Process(ctx context.Context, d *sitrep.Document) error {
	start := time.Now()
	err := t.Stage.Process(ctx, d)
	t.nanos.Add(int64(time.Since(start)))
	return err
}

func totalBusy(ts []*timedStage) time.Duration {
	var n int64
	for _, t := range ts {
		n += t.nanos.Load()
	}
	return time.Duration(n)
}

// watchHeap samples the Go heap every 20 ms until the returned function is
// called, which returns the peak seen.
func watchHeap() func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapInuse > peak.Load() {
			peak.Store(m.HeapInuse)
		}
	}
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		sample()
		return peak.Load()
	}
}

// maxRSS is the process's peak resident set size in bytes.
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024 // Linux reports kilobytes
}
