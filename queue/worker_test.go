package queue_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/queue"
)

// publishAll publishes docs through a Publisher on its own connection.
func publishAll(t testing.TB, url string, docs []*sitrep.Document) {
	t.Helper()
	ctx := context.Background()
	p, err := queue.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := p.Send(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if sent, dups := p.Counts(); sent != len(docs) || dups != 0 {
		t.Fatalf("publisher: %d acked, %d duplicates; want %d and 0", sent, dups, len(docs))
	}
}

func startWorker(t testing.TB, ctx context.Context, js jetstream.JetStream, p queue.Processor, s queue.DocumentStore, cfg queue.WorkerConfig) (*queue.Worker, <-chan error) {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	w, err := queue.NewWorker(ctx, js, p, s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	return w, done
}

func startFuser(t testing.TB, ctx context.Context, js jetstream.JetStream, s queue.SituationStore, cfg queue.FuserConfig) <-chan error {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	f := queue.NewFuser(js, s, cfg)
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	return done
}

// expectedFusion processes docs with the fake pipeline and fuses them in
// one go: what the store must hold once the queue has drained.
func expectedFusion(t testing.TB, docs []*sitrep.Document) map[string][]string {
	t.Helper()
	var all []sitrep.Document
	for _, d := range docs {
		c := *d
		if err := fakePipeline(context.Background(), &c); err != nil {
			continue
		}
		all = append(all, c)
	}
	sit := fuse.Fuse(all)
	return fusedMembers(func(yield func(sitrep.FusedEvent) bool) {
		for _, f := range sit.Events {
			if !yield(f) {
				return
			}
		}
	})
}

// TestKilledWorkerLosesNothing kills a worker and the fuser mid-batch by
// closing their connections without acking; a second worker and fuser
// take over. Every document must be stored exactly once and the stored
// fused events must equal fusing the corpus in one go.
func TestKilledWorkerLosesNothing(t *testing.T) {
	t.Run("mem", func(t *testing.T) { testKilledWorker(t, memProbe()) })
	t.Run("postgres", func(t *testing.T) { testKilledWorker(t, postgresProbe(t)) })
}

func testKilledWorker(t *testing.T, st *probe) {
	url := startServer(t)
	const n = 300
	docs := syntheticDocs(n)
	publishAll(t, url, docs)

	var blocked atomic.Bool
	release := make(chan struct{})
	var once sync.Once
	// After 100 writes, the first worker's writes hang after committing:
	// stored but never acked, the worst moment to die.
	var writes atomic.Int64
	st.after = func(ctx context.Context, d *sitrep.Document) {
		if writes.Add(1) > 100 && blocked.Load() {
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
	}
	blocked.Store(true)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := queue.WorkerConfig{MaxInFlight: 8, AckWait: time.Second, MaxDeliver: 10, RetryDelay: 10 * time.Millisecond}
	nc1, js1 := connect(t, url)
	ctx1, cancel1 := context.WithCancel(ctx)
	_, done1 := startWorker(t, ctx1, js1, queue.ProcessorFunc(fakePipeline), st, cfg)
	fnc1, fjs1 := connect(t, url)
	fctx1, fcancel1 := context.WithCancel(ctx)
	defer fcancel1()
	fcfg := queue.FuserConfig{FlushEvery: 50 * time.Millisecond, FlushDocs: 40, LeaseTTL: 3 * time.Second, AckWait: 2 * time.Second}
	fdone1 := startFuser(t, fctx1, fjs1, st, fcfg)

	waitFor(t, "the first worker to hang", 20*time.Second, func() bool { return writes.Load() > 100+int64(cfg.MaxInFlight)-1 })
	waitFor(t, "the first fuser to flush", 20*time.Second, func() bool { return st.flushes() >= 1 })
	// Kill: connections go first, so nothing in hand can be acked or
	// nakked, and the fuser's lease is not released.
	nc1.Close()
	fnc1.Close()
	cancel1()
	fcancel1()
	once.Do(func() { close(release) })
	if err := <-done1; err != nil {
		t.Logf("first worker, killed: %v", err)
	}
	if err := <-fdone1; err != nil {
		t.Logf("first fuser, killed: %v", err)
	}
	blocked.Store(false)
	if got := st.count(); got >= n {
		t.Fatalf("the first worker stored all %d documents before it was killed; the test proves nothing", got)
	}

	_, js2 := connect(t, url)
	_, done2 := startWorker(t, ctx, js2, queue.ProcessorFunc(fakePipeline), st, cfg)
	_, fjs2 := connect(t, url)
	fdone2 := startFuser(t, ctx, fjs2, st, fcfg)
	waitFor(t, "all documents stored", 60*time.Second, func() bool {
		return st.count() == n
	})
	waitFor(t, "both queues to drain", 30*time.Second, func() bool {
		select {
		case err := <-done2:
			t.Fatalf("second worker stopped early: %v", err)
		case err := <-fdone2:
			t.Fatalf("second fuser stopped early: %v", err)
		default:
		}
		return drained(t, js2, queue.StreamDocs, queue.ConsumerWork) && drained(t, js2, queue.StreamStored, queue.ConsumerFuse)
	})
	want := expectedFusion(t, docs)
	// Notices are acked when fused, before the write: give the last flush
	// its turn.
	eventually(20*time.Second, func() bool { return maps.EqualFunc(st.snap(), want, slices.Equal) })
	cancel()
	if err := <-done2; err != nil {
		t.Errorf("second worker: %v", err)
	}
	if err := <-fdone2; err != nil {
		t.Errorf("second fuser: %v", err)
	}

	for _, d := range docs {
		if c := st.stored[d.Doc.ID]; c != 1 {
			t.Errorf("%s stored %d times, want 1", d.Doc.ID, c)
		}
	}
	if st.puts <= n {
		t.Errorf("%d writes for %d documents: no document was redelivered, the takeover was not exercised", st.puts, n)
	}
	got := st.snap()
	if len(want) >= n {
		t.Fatalf("fusion merged nothing (%d fused events for %d documents); the check is vacuous", len(want), n)
	}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("stored fused events differ from fusing the corpus at once: %d stored, %d expected", len(got), len(want))
		for id, ms := range want {
			if !slices.Equal(got[id], ms) {
				t.Logf("  %s: stored %v, want %v", id, got[id], ms)
			}
		}
	}
	members := map[string]string{}
	for id, ms := range got {
		for _, m := range ms {
			if other, dup := members[m]; dup {
				t.Errorf("event %s is in fused events %s and %s", m, other, id)
			}
			members[m] = id
		}
	}
}

// TestPoisonedDocumentDeadLettered checks that a document the pipeline
// always fails on is tried MaxDeliver times, then lands on SubjectDead with
// its error, and that it blocks nothing else.
func TestPoisonedDocumentDeadLettered(t *testing.T) {
	url := startServer(t)
	docs := syntheticDocs(20)
	docs[7].Doc.Raw = "POISON " + docs[7].Doc.Raw
	publishAll(t, url, docs)

	st := memProbe()
	var tries atomic.Int64
	proc := queue.ProcessorFunc(func(ctx context.Context, d *sitrep.Document) error {
		if d.Doc.ID == docs[7].Doc.ID {
			tries.Add(1)
		}
		return fakePipeline(ctx, d)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, js := connect(t, url)
	const maxDeliver = 3
	_, done := startWorker(t, ctx, js, proc, st, queue.WorkerConfig{MaxDeliver: maxDeliver, RetryDelay: 10 * time.Millisecond, AckWait: 5 * time.Second})

	dead, msg := waitDeadLetter(t, ctx, js)
	waitFor(t, "the work queue to drain", 30*time.Second, func() bool { return drained(t, js, queue.StreamDocs, queue.ConsumerWork) })
	cancel()
	<-done
	ctx = context.Background()

	if got := msg.Header.Get(queue.HeaderDoc); got != docs[7].Doc.ID {
		t.Errorf("dead letter is for %q, want %q", got, docs[7].Doc.ID)
	}
	if got := msg.Header.Get(queue.HeaderError); got == "" {
		t.Error("dead letter has no error header")
	}
	if got := msg.Header.Get(queue.HeaderDeliveries); got != strconv.Itoa(maxDeliver) {
		t.Errorf("dead letter after %s deliveries, want %d", got, maxDeliver)
	}
	if got := tries.Load(); got != maxDeliver {
		t.Errorf("pipeline ran %d times on the poisoned document, want %d", got, maxDeliver)
	}
	info, err := dead.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 1 {
		t.Errorf("%d dead letters, want 1", info.State.Msgs)
	}
	if st.count() != len(docs)-1 {
		t.Errorf("%d documents stored, want %d", st.count(), len(docs)-1)
	}
	work, err := js.Stream(ctx, queue.StreamDocs)
	if err != nil {
		t.Fatal(err)
	}
	if wi, err := work.Info(ctx); err != nil || wi.State.Msgs != 0 {
		t.Errorf("work queue holds %d messages after draining (err %v), want 0", wi.State.Msgs, err)
	}
}

// TestSlowStoreBoundsInFlight checks backpressure: with a slow store, a
// worker never holds more than MaxInFlight documents, and the consumer
// never has more than that outstanding.
func TestSlowStoreBoundsInFlight(t *testing.T) {
	url := startServer(t)
	docs := syntheticDocs(80)
	publishAll(t, url, docs)

	st := memProbe()
	st.delay = 20 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, js := connect(t, url)
	const maxInFlight = 4
	w, done := startWorker(t, ctx, js, queue.ProcessorFunc(fakePipeline), st, queue.WorkerConfig{MaxInFlight: maxInFlight})

	cons, err := js.Consumer(ctx, queue.StreamDocs, queue.ConsumerWork)
	if err != nil {
		t.Fatal(err)
	}
	maxPending := 0
	waitFor(t, "all documents stored", 60*time.Second, func() bool {
		if info, err := cons.Info(ctx); err == nil {
			maxPending = max(maxPending, info.NumAckPending)
		}
		return st.count() == len(docs)
	})
	cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("worker: %v", err)
	}
	if got := w.MaxInFlightObserved(); got > maxInFlight {
		t.Errorf("worker held %d documents at once, want at most %d", got, maxInFlight)
	}
	if st.maxIn > maxInFlight {
		t.Errorf("%d concurrent store writes, want at most %d", st.maxIn, maxInFlight)
	}
	if maxPending > maxInFlight {
		t.Errorf("consumer had %d unacked messages, want at most %d", maxPending, maxInFlight)
	}
	if st.maxIn < 2 {
		t.Errorf("store writes never overlapped (max %d): the bound was not exercised", st.maxIn)
	}
}

// TestCrashLoopDeadLettered checks that a document on which the worker
// never settles (it hangs past AckWait every time, as a crashing worker
// would) is dead-lettered after MaxDeliver tries instead of staying in the
// stream forever.
func TestCrashLoopDeadLettered(t *testing.T) {
	url := startServer(t)
	docs := syntheticDocs(6)
	publishAll(t, url, docs)
	hang := make(chan struct{})
	var tries atomic.Int64
	proc := queue.ProcessorFunc(func(ctx context.Context, d *sitrep.Document) error {
		if d.Doc.ID == docs[2].Doc.ID {
			tries.Add(1)
			<-hang // ignores ctx, like a wedged or dying worker
		}
		return fakePipeline(ctx, d)
	})
	st := memProbe()
	ctx, cancel := context.WithCancel(context.Background())
	_, js := connect(t, url)
	const maxDeliver = 2
	_, done := startWorker(t, ctx, js, proc, st, queue.WorkerConfig{MaxDeliver: maxDeliver, AckWait: 300 * time.Millisecond, MaxInFlight: 8})
	_, msg := waitDeadLetter(t, ctx, js)
	waitFor(t, "the other documents", 30*time.Second, func() bool { return st.count() == len(docs)-1 })
	if got := msg.Header.Get(queue.HeaderDoc); got != docs[2].Doc.ID {
		t.Errorf("dead letter is for %q, want %q", got, docs[2].Doc.ID)
	}
	if got := msg.Header.Get(queue.HeaderDeliveries); got != strconv.Itoa(maxDeliver+1) {
		t.Errorf("dead-lettered at delivery %s, want %d", got, maxDeliver+1)
	}
	if got := tries.Load(); got != maxDeliver {
		t.Errorf("pipeline started %d times on the document, want %d", got, maxDeliver)
	}
	cancel()
	close(hang) // the worker waits for its hung calls before Run returns
	<-done
}

// waitDeadLetter waits for a message on the dead-letter subject and
// returns the dead-letter stream and its last message.
func waitDeadLetter(t *testing.T, ctx context.Context, js jetstream.JetStream) (jetstream.Stream, *jetstream.RawStreamMsg) {
	t.Helper()
	dead, err := js.Stream(ctx, queue.StreamDead)
	if err != nil {
		t.Fatal(err)
	}
	var msg *jetstream.RawStreamMsg
	waitFor(t, "a dead letter", 30*time.Second, func() bool {
		msg, err = dead.GetLastMsgForSubject(ctx, queue.SubjectDead)
		return err == nil
	})
	return dead, msg
}
