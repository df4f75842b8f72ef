package queue_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/queue"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

// realPipeline assembles the standard stages as cmd/sitrep does; geo is
// left out when its gazetteer was not built.
func realPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	ts, err := text.New()
	if err != nil {
		t.Fatal(err)
	}
	kb, err := actor.LoadKB()
	if err != nil {
		t.Fatal(err)
	}
	stages := []pipeline.Stage{ts, actor.New(kb)}
	switch g, err := geo.Load(); {
	case errors.Is(err, geo.ErrNotBuilt):
		t.Logf("places disabled: %v", err)
	case err != nil:
		t.Fatal(err)
	default:
		stages = append(stages, geo.New(g))
	}
	ev, err := event.New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(append(stages, timex.New(), ev)...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// demoDocs returns n small documents cut from the demo corpus: a window of
// a few paragraphs of one report, with a numbered closing line so that
// every text (and hash) is distinct.
func demoDocs(t testing.TB, n int) []*sitrep.Document {
	t.Helper()
	base, err := demo.Documents()
	if err != nil {
		t.Fatal(err)
	}
	paras := make([][]string, len(base))
	for i, d := range base {
		for _, p := range strings.Split(d.Doc.Raw, "\n") {
			if strings.TrimSpace(p) != "" {
				paras[i] = append(paras[i], p)
			}
		}
	}
	docs := make([]*sitrep.Document, n)
	for i := range n {
		b := i % len(base)
		ps := paras[b]
		k := min(len(ps), 3+i%3)
		start := (i / len(base)) % (len(ps) - k + 1)
		raw := strings.Join(ps[start:start+k], "\n\n") + fmt.Sprintf("\n\nDispatch %d of the feed.\n", i)
		d := base[b].Doc
		d.ID = fmt.Sprintf("%s~%06d", d.ID, i)
		d.URL = ""
		d.Raw, d.Hash, d.Text = raw, "", ""
		docs[i] = &sitrep.Document{Doc: d}
	}
	return docs
}

type loadResult struct {
	workers    int
	docs       int
	throughput float64 // documents stored per second, backlog drained by the workers
	p50, p95   time.Duration
	p99        time.Duration
	paced      float64 // publish rate of the latency phase
	flushes    int
	maxFlush   time.Duration
	cpuPerDoc  time.Duration // process CPU time (pipeline, queue, in-process NATS server, store, fuser) per document
	wall       time.Duration
}

// cpuTime returns the CPU time this process has used, user plus system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runLoad publishes docs at rate per second (0: all at once) while
// workers consume them, and returns throughput and publish→stored
// latencies.
func runLoad(t testing.TB, workers int, docs []*sitrep.Document, rate float64, st queue.Store) loadResult {
	t.Helper()
	url := startServer(t)
	proc := realPipeline(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var mu sync.Mutex
	var lat []time.Duration
	var first, last time.Time
	stored := 0
	done := make(chan struct{})
	onDone := func(r queue.Result) {
		if r.Outcome != queue.Stored && r.Outcome != queue.Duplicate && r.Outcome != queue.Dead {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if stored == 0 {
			first = r.Done
		}
		stored++
		if testing.Verbose() && stored%max(1, len(docs)/10) == 0 {
			fmt.Fprintf(os.Stderr, "load: %d workers: %d/%d settled at %s\n", workers, stored, len(docs), r.Done.Format(time.TimeOnly))
		}
		last = r.Done
		lat = append(lat, r.Done.Sub(r.Queued))
		if stored == len(docs) {
			close(done)
		}
	}
	res := loadResult{workers: workers, docs: len(docs), paced: rate}
	var runs []<-chan error
	for range workers {
		_, js := connect(t, url)
		_, d := startWorker(t, ctx, js, proc, st, queue.WorkerConfig{OnDone: onDone})
		runs = append(runs, d)
	}
	_, fjs := connect(t, url)
	var fmu sync.Mutex
	runs = append(runs, startFuser(t, ctx, fjs, st, queue.FuserConfig{OnFlush: func(s queue.FlushStats) {
		if testing.Verbose() {
			kind := "incremental"
			if s.Full {
				kind = "full"
			}
			fmt.Fprintf(os.Stderr, "flush (%s): %d documents (+%d), %d fused events, %d built, %d written, took %v\n",
				kind, s.Documents, s.Added, s.Events, s.Fused, s.Written, s.Took.Round(time.Millisecond))
		}
		fmu.Lock()
		res.flushes++
		res.maxFlush = max(res.maxFlush, s.Took)
		fmu.Unlock()
	}}))

	cpu0 := cpuTime()
	pub, err := queue.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i, d := range docs {
		if rate > 0 {
			if wait := time.Until(start.Add(time.Duration(float64(i) / rate * float64(time.Second)))); wait > 0 {
				time.Sleep(wait)
			}
		}
		if err := pub.Send(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := pub.Close(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(time.Duration(len(docs))*50*time.Millisecond + time.Minute):
		t.Fatalf("%d of %d documents settled before the time limit", stored, len(docs))
	}
	res.cpuPerDoc = (cpuTime() - cpu0) / time.Duration(len(docs))
	res.wall = time.Since(start)
	cancel()
	for _, r := range runs {
		if err := <-r; err != nil {
			t.Errorf("worker or fuser: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if rate == 0 {
		// Backlog mode: everything is published at once, so the drain
		// rate is the capacity.
		res.throughput = float64(len(docs)-1) / last.Sub(first).Seconds()
	} else {
		res.throughput = float64(len(docs)) / last.Sub(start).Seconds()
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	res.p50, res.p95, res.p99 = pct(0.50), pct(0.95), pct(0.99)
	return res
}

// loadStore opens the store the load test writes to: $SITREP_LOAD_STORE
// is "mem" (default), "sqlite" (a file in a temp dir) or "postgres".
func loadStore(t *testing.T) queue.Store {
	t.Helper()
	switch kind := os.Getenv("SITREP_LOAD_STORE"); kind {
	case "", "mem":
		return newMemStore()
	case "sqlite":
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "load.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	case "postgres":
		return postgresProbe(t).Store
	default:
		t.Fatalf("SITREP_LOAD_STORE=%q: want mem, sqlite or postgres", kind)
		return nil
	}
}

// TestLoad pushes $SITREP_LOAD_DOCS (default 100000) demo-derived
// documents through 1, 2 and 4 workers (override with
// $SITREP_LOAD_WORKERS="1,2"), then runs a paced phase at 70% of the
// measured capacity for the latency percentiles. It runs only with
// SITREP_LOAD=1:
//
//	SITREP_LOAD=1 go test -run TestLoad -v -timeout 2h ./queue/
func TestLoad(t *testing.T) {
	if os.Getenv("SITREP_LOAD") != "1" {
		t.Skip("load test: set SITREP_LOAD=1 (and optionally SITREP_LOAD_DOCS, SITREP_LOAD_WORKERS, SITREP_LOAD_STORE)")
	}
	n := 100000
	if v := os.Getenv("SITREP_LOAD_DOCS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 10 {
			t.Fatalf("SITREP_LOAD_DOCS=%q: want a number ≥ 10", v)
		}
	}
	counts := []int{1, 2, 4}
	if v := os.Getenv("SITREP_LOAD_WORKERS"); v != "" {
		counts = nil
		for _, f := range strings.Split(v, ",") {
			c, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || c < 1 {
				t.Fatalf("SITREP_LOAD_WORKERS=%q: want numbers ≥ 1", v)
			}
			counts = append(counts, c)
		}
	}
	docs := demoDocs(t, n)
	t.Logf("machine: %d CPUs (GOMAXPROCS %d), %s/%s; store %q; MaxInFlight %d per worker",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, os.Getenv("SITREP_LOAD_STORE"), 2*runtime.GOMAXPROCS(0))
	for _, w := range counts {
		r := runLoad(t, w, docs, 0, loadStore(t))
		t.Logf("backlog: %d workers, %d docs in %v: %.1f docs/s; %.2f ms CPU per doc (whole process); fuser %d flushes, slowest %v",
			w, r.docs, r.wall.Round(time.Second), r.throughput, float64(r.cpuPerDoc.Microseconds())/1000, r.flushes, r.maxFlush.Round(time.Millisecond))
		m := min(len(docs), max(200, int(0.7*r.throughput*20))) // about 20 s of paced load
		p := runLoad(t, w, docs[:m], 0.7*r.throughput, loadStore(t))
		t.Logf("paced at %.1f docs/s: %d workers, %d docs: publish→stored p50 %v, p95 %v, p99 %v; %.2f ms CPU per doc",
			p.paced, w, p.docs, p.p50.Round(time.Millisecond), p.p95.Round(time.Millisecond), p.p99.Round(time.Millisecond), float64(p.cpuPerDoc.Microseconds())/1000)
	}
}

// TestLoadSmall runs the real pipeline over 200 demo-derived documents
// with two workers: the load path end to end, without timing assertions.
func TestLoadSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	st := memProbe()
	docs := demoDocs(t, 200)
	r := runLoad(t, 2, docs, 0, st)
	if got := st.count(); got != len(docs) {
		t.Errorf("%d documents stored, want %d", got, len(docs))
	}
	if len(st.snap()) == 0 {
		t.Error("no fused events stored")
	}
	t.Logf("%d docs, 2 workers: %.0f docs/s", r.docs, r.throughput)
}
