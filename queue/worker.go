package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// Worker defaults.
const (
	DefaultAckWait       = 30 * time.Second // redelivery after a worker dies
	DefaultMaxDeliver    = 5                // tries before a document is dead-lettered
	DefaultMaxAckPending = 1024             // unacknowledged messages over all workers
	DefaultFetchWait     = time.Second      // longest wait of one pull request
	DefaultRetryDelay    = time.Second      // delay before a failed document is redelivered
	maxStoreBackoff      = 5 * time.Second  // cap of the retry delay of store writes
)

// WorkerConfig configures a Worker. Zero fields take the defaults.
// AckWait, MaxDeliver and MaxAckPending belong to the consumer, which all
// workers share: the last worker to start sets them.
type WorkerConfig struct {
	Consumer      string        // durable consumer name; ConsumerWork
	MaxInFlight   int           // documents this worker holds at once; 2 × GOMAXPROCS
	AckWait       time.Duration // DefaultAckWait
	MaxDeliver    int           // DefaultMaxDeliver
	MaxAckPending int           // DefaultMaxAckPending, raised to MaxInFlight
	FetchWait     time.Duration // DefaultFetchWait
	RetryDelay    time.Duration // DefaultRetryDelay, times the delivery count
	Logger        *slog.Logger  // slog.Default()
	// OnDone, if set, is called after each message is settled (stored,
	// dead-lettered or left for redelivery), from the handling goroutine.
	OnDone func(Result)
}

// Result is the outcome of one delivery.
type Result struct {
	Doc        string
	Outcome    Outcome
	Deliveries uint64    // this delivery's number, from 1
	Queued     time.Time // when JetStream stored the message (publish time)
	Done       time.Time
	Err        error // the processing or store error, if any
}

// Outcome says what a Worker did with a delivery.
type Outcome int

// Outcomes.
const (
	Stored    Outcome = iota // stored now
	Duplicate                // already in the store
	Retry                    // failed; left for redelivery
	Dead                     // failed MaxDeliver times, never settled, or malformed; dead-lettered
	Abandoned                // worker stopped before settling it
)

func (o Outcome) String() string {
	return [...]string{"stored", "duplicate", "retry", "dead", "abandoned"}[o]
}

func (c WorkerConfig) withDefaults() WorkerConfig {
	if c.Consumer == "" {
		c.Consumer = ConsumerWork
	}
	if c.MaxInFlight <= 0 {
		c.MaxInFlight = 2 * runtime.GOMAXPROCS(0)
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = DefaultMaxDeliver
	}
	if c.MaxAckPending <= 0 {
		c.MaxAckPending = DefaultMaxAckPending
	}
	if c.MaxAckPending < c.MaxInFlight {
		c.MaxAckPending = c.MaxInFlight
	}
	if c.FetchWait <= 0 {
		c.FetchWait = DefaultFetchWait
	}
	if c.RetryDelay <= 0 {
		c.RetryDelay = DefaultRetryDelay
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Worker pulls documents from SubjectDocs, runs the Processor on each,
// stores the record, publishes a notice to SubjectStored for the Fuser and
// only then acknowledges. It holds at most MaxInFlight documents and pulls
// only when a slot is free, so a slow store slows the pull rate instead of
// piling up messages.
type Worker struct {
	js   jetstream.JetStream
	cons jetstream.Consumer
	proc Processor
	st   DocumentStore
	cfg  WorkerConfig

	inFlight    atomic.Int64
	maxObserved atomic.Int64
}

// NewWorker sets up the streams and the durable consumer and returns a
// Worker; Run starts it.
func NewWorker(ctx context.Context, js jetstream.JetStream, p Processor, s DocumentStore, cfg WorkerConfig) (*Worker, error) {
	if p == nil || s == nil {
		return nil, errors.New("queue: new worker: processor and store are required")
	}
	cfg = cfg.withDefaults()
	if err := Setup(ctx, js); err != nil {
		return nil, err
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, StreamDocs, jetstream.ConsumerConfig{
		Durable:     cfg.Consumer,
		Description: "sitrep pipeline workers",
		AckPolicy:   jetstream.AckExplicitPolicy,
		AckWait:     cfg.AckWait,
		// One delivery more than the worker's limit: a document that
		// crashed its worker on every try comes back once more, to be
		// dead-lettered without running the pipeline, instead of staying
		// in the stream undelivered forever.
		MaxDeliver:    cfg.MaxDeliver + 1,
		MaxAckPending: cfg.MaxAckPending,
		FilterSubject: SubjectDocs,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: new worker: consumer %s: %w", cfg.Consumer, err)
	}
	return &Worker{js: js, cons: cons, proc: p, st: s, cfg: cfg}, nil
}

// MaxInFlightObserved returns the most documents this worker held at once.
func (w *Worker) MaxInFlightObserved() int { return int(w.maxObserved.Load()) }

// Run pulls and handles documents until ctx is done, then waits for the
// documents in hand; those not yet settled are negatively acknowledged so
// another worker takes them at once. It returns nil after ctx is
// cancelled, or the error that stopped pulling.
func (w *Worker) Run(ctx context.Context) error {
	slots := make(chan struct{}, w.cfg.MaxInFlight)
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		// Wait for one free slot, then ask for as many as are free.
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		free := 1
	fill:
		for free < w.cfg.MaxInFlight {
			select {
			case slots <- struct{}{}:
				free++
			default:
				break fill
			}
		}
		fctx, cancel := context.WithTimeout(ctx, w.cfg.FetchWait)
		batch, err := w.cons.Fetch(free, jetstream.FetchContext(fctx))
		if err != nil {
			cancel()
			release(slots, free)
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, nats.ErrConnectionClosed) || errors.Is(err, jetstream.ErrConsumerDeleted) {
				return fmt.Errorf("queue: worker fetch: %w", err)
			}
			w.cfg.Logger.Warn("queue: worker fetch failed; retrying", "err", err)
			if !sleep(ctx, w.cfg.FetchWait) {
				return nil
			}
			continue
		}
		got := 0
		for msg := range batch.Messages() {
			got++
			w.enter()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { w.inFlight.Add(-1); <-slots }()
				w.handle(ctx, msg)
			}()
		}
		cancel()
		release(slots, free-got)
		if err := batch.Error(); err != nil && ctx.Err() == nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
			w.cfg.Logger.Warn("queue: worker pull ended with an error", "err", err)
		}
	}
}

func (w *Worker) enter() {
	n := w.inFlight.Add(1)
	for {
		m := w.maxObserved.Load()
		if n <= m || w.maxObserved.CompareAndSwap(m, n) {
			return
		}
	}
}

func release(slots chan struct{}, n int) {
	for range n {
		<-slots
	}
}

// sleep waits d or until ctx is done; false means ctx is done.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// handle settles one message: ack after storing, nak for a retry, or
// dead-letter and terminate.
func (w *Worker) handle(ctx context.Context, msg jetstream.Msg) {
	res := Result{Doc: msg.Headers().Get(HeaderDoc)}
	if meta, err := msg.Metadata(); err == nil {
		res.Deliveries = meta.NumDelivered
		res.Queued = meta.Timestamp
	}
	defer func() {
		res.Done = time.Now()
		if w.cfg.OnDone != nil {
			w.cfg.OnDone(res)
		}
	}()

	if res.Deliveries > uint64(w.cfg.MaxDeliver) {
		res.Outcome = Dead
		res.Err = fmt.Errorf("delivered %d times without being settled: the worker died or exceeded AckWait (%v) on every try", res.Deliveries-1, w.cfg.AckWait)
		w.deadLetter(ctx, msg, res)
		return
	}
	d, err := decodeDoc(msg.Data())
	if err != nil {
		res.Outcome, res.Err = Dead, err
		w.deadLetter(ctx, msg, res)
		return
	}
	res.Doc = d.Doc.ID
	if err := runSafely(ctx, w.proc, d); err != nil {
		if ctx.Err() != nil {
			res.Outcome, res.Err = Abandoned, ctx.Err()
			_ = msg.Nak()
			return
		}
		res.Err = err
		if res.Deliveries >= uint64(w.cfg.MaxDeliver) {
			res.Outcome = Dead
			w.deadLetter(ctx, msg, res)
			return
		}
		res.Outcome = Retry
		w.cfg.Logger.Info("queue: document failed; will retry", "doc", d.Doc.ID, "delivery", res.Deliveries, "err", err)
		_ = msg.NakWithDelay(w.cfg.RetryDelay * time.Duration(max(res.Deliveries, 1)))
		return
	}

	stored, err := w.store(ctx, msg, d)
	if err != nil {
		if ctx.Err() != nil {
			res.Outcome, res.Err = Abandoned, ctx.Err()
			_ = msg.Nak()
			return
		}
		// Only a record the store rejects outright gets here.
		res.Outcome, res.Err = Dead, err
		w.deadLetter(ctx, msg, res)
		return
	}
	if err := w.notify(ctx, msg, d); err != nil {
		res.Outcome, res.Err = Abandoned, err
		_ = msg.Nak()
		return
	}
	res.Outcome = Duplicate
	if stored {
		res.Outcome = Stored
	}
	// Wait for the server to confirm the ack before the slot is freed, so
	// the consumer's count of unacked messages respects MaxInFlight too.
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := msg.DoubleAck(actx); err != nil {
		// The ack is lost: the document comes back, finds itself stored
		// and its notice deduplicated.
		w.cfg.Logger.Warn("queue: ack failed", "doc", d.Doc.ID, "err", err)
	}
}

// runSafely runs p on d, turning a panic into an error so that one bad
// document cannot take the worker down.
func runSafely(ctx context.Context, p Processor, d *sitrep.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: processor panicked: %v", d.Doc.ID, r)
		}
	}()
	return p.Run(ctx, d)
}

// store writes d, retrying with backoff while the database fails and
// telling JetStream the message is still being worked on, so it is not
// redelivered to another worker meanwhile. It gives up only when ctx is
// done or the store rejects the record as invalid.
func (w *Worker) store(ctx context.Context, msg jetstream.Msg, d *sitrep.Document) (bool, error) {
	backoff := 50 * time.Millisecond
	for {
		stored, err := w.st.PutDocument(ctx, d)
		if err == nil {
			return stored, nil
		}
		if errors.Is(err, store.ErrInvalid) || ctx.Err() != nil {
			return false, err
		}
		w.cfg.Logger.Warn("queue: store failed; retrying", "doc", d.Doc.ID, "err", err, "in", backoff)
		_ = msg.InProgress()
		if !sleep(ctx, backoff) {
			return false, ctx.Err()
		}
		backoff = min(2*backoff, maxStoreBackoff, w.cfg.AckWait/3)
	}
}

// notify publishes the processed record to SubjectStored for the Fuser,
// with the hash as message ID so a redelivered document is noticed once.
func (w *Worker) notify(ctx context.Context, msg jetstream.Msg, d *sitrep.Document) error {
	data, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("queue: encode stored notice %s: %w", d.Doc.ID, err)
	}
	n := nats.NewMsg(SubjectStored)
	n.Data = data
	n.Header.Set(HeaderDoc, d.Doc.ID)
	backoff := 50 * time.Millisecond
	for {
		_, err := w.js.PublishMsg(ctx, n, jetstream.WithMsgID(d.Doc.Hash))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		w.cfg.Logger.Warn("queue: stored notice failed; retrying", "doc", d.Doc.ID, "err", err)
		_ = msg.InProgress()
		if !sleep(ctx, backoff) {
			return ctx.Err()
		}
		backoff = min(2*backoff, maxStoreBackoff, w.cfg.AckWait/3)
	}
}

// deadLetter copies msg to SubjectDead with the error and delivery count
// in headers and terminates it. If the copy fails the message is left for
// redelivery rather than lost.
func (w *Worker) deadLetter(ctx context.Context, msg jetstream.Msg, res Result) {
	dl := nats.NewMsg(SubjectDead)
	dl.Data = msg.Data()
	dl.Header.Set(HeaderDoc, res.Doc)
	dl.Header.Set(HeaderError, res.Err.Error())
	dl.Header.Set(HeaderDeliveries, strconv.FormatUint(res.Deliveries, 10))
	opts := []jetstream.PublishOpt{}
	if id := msg.Headers().Get(jetstream.MsgIDHeader); id != "" {
		opts = append(opts, jetstream.WithMsgID(id))
	}
	if _, err := w.js.PublishMsg(ctx, dl, opts...); err != nil {
		w.cfg.Logger.Error("queue: dead letter failed; leaving message for redelivery", "doc", res.Doc, "err", err)
		_ = msg.Nak()
		return
	}
	w.cfg.Logger.Warn("queue: document dead-lettered", "doc", res.Doc, "deliveries", res.Deliveries, "err", res.Err)
	_ = msg.TermWithReason("dead-lettered: " + res.Err.Error())
}
