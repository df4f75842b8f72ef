package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"maps"
	"os"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/store"
)

// Fuser defaults.
const (
	DefaultFlushEvery  = 2 * time.Second  // longest time a stored document waits for fusion
	DefaultFlushDocs   = 1000             // documents fused per write at most
	DefaultLeaseTTL    = 10 * time.Second // a dead Fuser is replaced within this
	DefaultFuseAckWait = 30 * time.Second // a notice is acked once added, so this only covers a fetch
	DefaultFullEvery   = 10               // incremental flushes between two full ones
	fetchBatch         = 256              // notices pulled at once by the Fuser
	leaseKey           = "fuser"
)

// FuserConfig configures a Fuser. Zero fields take the defaults.
type FuserConfig struct {
	Consumer   string        // durable consumer name; ConsumerFuse
	FlushEvery time.Duration // DefaultFlushEvery
	FlushDocs  int           // DefaultFlushDocs: flush early after this many, within the duty limit
	LeaseTTL   time.Duration // DefaultLeaseTTL
	AckWait    time.Duration // DefaultFuseAckWait
	Owner      string        // lease owner label; host name and process id
	// FullEvery is how many incremental flushes may follow a full one
	// before the next flush is full again: DefaultFullEvery. Negative:
	// every flush is full (re-fuses the whole corpus, as before
	// incremental flushes).
	FullEvery int
	// IdleFull: once no document has arrived for this long, a full flush
	// brings story threads and the records that incremental flushes leave
	// behind up to date: FlushEvery.
	IdleFull time.Duration
	Options  fuse.Options // fusion options
	Logger   *slog.Logger // slog.Default()
	// OnFlush, if set, is called after each write of the situation.
	OnFlush func(FlushStats)
}

// FlushStats describes one write of the fused situation.
type FlushStats struct {
	Full      bool          // the whole corpus was re-fused; else only the events of the documents added
	Documents int           // documents fused so far
	Added     int           // documents added since the last flush
	Events    int           // fused events in the situation
	Fused     int           // fused events built by this flush: Events if Full, else those holding a report of the documents added
	Written   int           // fused events written (changed since the last flush)
	Origins   int           // origin records written
	Took      time.Duration // fusing and writing
}

func (c FuserConfig) withDefaults() FuserConfig {
	if c.Consumer == "" {
		c.Consumer = ConsumerFuse
	}
	if c.FlushEvery <= 0 {
		c.FlushEvery = DefaultFlushEvery
	}
	if c.FlushDocs <= 0 {
		c.FlushDocs = DefaultFlushDocs
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultFuseAckWait
	}
	if c.FullEvery == 0 {
		c.FullEvery = DefaultFullEvery
	}
	if c.IdleFull <= 0 {
		c.IdleFull = c.FlushEvery
	}
	if c.LeaseTTL <= 0 {
		c.LeaseTTL = DefaultLeaseTTL
	}
	if c.Owner == "" {
		host, _ := os.Hostname()
		c.Owner = host + ":" + strconv.Itoa(os.Getpid())
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Fuser is the single writer of fused events. Fused events depend on all
// documents, so workers do not fuse: they publish a notice per stored
// document, and the Fuser that holds the lease adds each to an incremental
// fuse.Fuser and, every FlushEvery or FlushDocs documents, writes the fused
// events that changed.
//
// Flushes are of two kinds. An incremental flush builds only the fused
// events that hold a report of a document added since the last flush
// (fuse.Fuser.Events) and those documents' origin records
// (fuse.Fuser.Origins): its cost follows the documents added and the
// events they touch, not the corpus. Because PutSituation drops any stored
// fused event that shared a member with an upserted one, clusters merged
// or renamed by the new documents are written correctly. What an
// incremental flush leaves behind until the next full one:
//
//   - story threads: a fused event keeps the thread it had at the last full
//     flush (a new event has none), thread records are not rewritten, and a
//     thread may still list an event that was merged away;
//   - records of earlier documents that a new one changes without joining
//     their fused events: the origin record of an earlier document that the
//     new one copies, predates or overlaps (origin, copy_of, overlap,
//     stitched), and fused events whose reports' origins shift with it
//     (member origins, independent sources, confidence).
//
// A full flush re-fuses the whole corpus (fuse.Fuser.Situation) and writes
// whatever differs from what the store holds, so it repairs all of that. It
// is made after FullEvery incremental flushes, when the stream has been
// idle for IdleFull, on taking the lease and on stopping (after an
// incremental one, and only when the last full flush suggests it fits in
// the time a stop allows). Every flush is
// spaced at least three times its own duration after the previous one, so
// fusion takes at most about a quarter of a core. FullEvery bounds how far
// threads lag: at most FullEvery flushes while documents arrive. Run as
// many Fusers as you like for availability; one works, the others wait for
// the lease. The store is the source of truth: a new leader rebuilds from
// it, so notices are acknowledged as soon as they are added.
type Fuser struct {
	js  jetstream.JetStream
	st  SituationStore
	cfg FuserConfig

	fz           *fuse.Fuser
	written      map[string]uint64 // fused event, origin and thread ID → hash of what the store holds
	threadOf     map[string]string // fused event ID → its story thread at the last full flush
	pending      []string          // documents added since the last flush
	lastFull     time.Duration     // how long the last full flush took
	lastFullDocs int               // and how many documents it fused
}

// NewFuser returns a Fuser over js and s; Run starts it.
func NewFuser(js jetstream.JetStream, s SituationStore, cfg FuserConfig) *Fuser {
	return &Fuser{js: js, st: s, cfg: cfg.withDefaults()}
}

// Run waits for the lease, rebuilds the fused state from the store,
// then fuses stored notices until ctx is done (nil) or the lease is lost
// (ErrLeaseLost) or the store fails.
func (f *Fuser) Run(ctx context.Context) error {
	if err := Setup(ctx, f.js); err != nil {
		return err
	}
	l, err := acquireLease(ctx, f.js, leaseKey, f.cfg.Owner, f.cfg.LeaseTTL)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	kept := make(chan struct{})
	go func() {
		defer close(kept)
		if err := l.keep(ctx); err != nil {
			cancel(err)
		}
	}()
	defer func() {
		cancel(nil)
		<-kept
		rctx, done := context.WithTimeout(context.Background(), 2*time.Second)
		defer done()
		l.release(rctx)
	}()

	err = f.run(ctx)
	if cause := context.Cause(ctx); errors.Is(cause, ErrLeaseLost) {
		return cause
	}
	if ctx.Err() != nil {
		return nil
	}
	return err
}

func (f *Fuser) run(ctx context.Context) error {
	f.fz = fuse.New(f.cfg.Options)
	f.written = map[string]uint64{}
	f.threadOf = map[string]string{}
	f.pending = nil
	n, err := f.rebuild(ctx)
	if err != nil {
		return err
	}
	f.cfg.Logger.Info("queue: fuser rebuilt state from the store", "documents", n)
	cons, err := f.js.CreateOrUpdateConsumer(ctx, StreamStored, jetstream.ConsumerConfig{
		Durable:       f.cfg.Consumer,
		Description:   "sitrep fuser",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       f.cfg.AckWait,
		MaxAckPending: 4 * fetchBatch,
		FilterSubject: SubjectStored,
	})
	if err != nil {
		return fmt.Errorf("queue: fuser consumer: %w", err)
	}
	// The first flush writes everything rebuilt from the store.
	took, err := f.flush(ctx, n, true)
	if err != nil {
		return err
	}
	// added counts notices since the last flush, incr incremental flushes
	// since the last full one (threads are stale while it is not zero).
	lastEnd, lastDoc, added, incr := time.Now(), time.Now(), 0, 0
	for {
		// Every flush, full or incremental, is followed by three times its
		// duration without one, so fusion runs at most a quarter of the
		// time however fast documents arrive.
		earliest := lastEnd.Add(3 * took)
		regular := lastEnd.Add(max(f.cfg.FlushEvery, 3*took))
		idleAt := later(lastDoc.Add(f.cfg.IdleFull), earliest)
		now := time.Now()
		due := added > 0 && (!now.Before(regular) || (added >= f.cfg.FlushDocs && !now.Before(earliest)))
		idle := added == 0 && incr > 0 && !now.Before(idleAt)
		if due || idle {
			full := idle || f.cfg.FullEvery < 0 || incr >= f.cfg.FullEvery
			if took, err = f.flush(ctx, added, full); err != nil {
				return err
			}
			lastEnd, added = time.Now(), 0
			if incr++; full {
				incr = 0
			}
			continue
		}
		next := regular
		if added == 0 && incr > 0 {
			next = idleAt
		}
		wait := min(max(time.Until(next), 50*time.Millisecond), f.cfg.FlushEvery)
		fctx, cancel := context.WithTimeout(ctx, wait)
		batch, err := cons.Fetch(fetchBatch, jetstream.FetchContext(fctx))
		if err != nil {
			cancel()
			if ctx.Err() != nil {
				return f.finalFlush(ctx, added, incr)
			}
			f.cfg.Logger.Warn("queue: fuser fetch failed; retrying", "err", err)
			if !sleep(ctx, time.Second) {
				return f.finalFlush(ctx, added, incr)
			}
			continue
		}
		for msg := range batch.Messages() {
			d, err := decodeStored(msg.Data())
			if err != nil {
				f.cfg.Logger.Error("queue: fuser dropped a malformed notice", "err", err)
				_ = msg.Term()
				continue
			}
			switch err := f.fz.Add(d); {
			case err == nil:
				f.pending = append(f.pending, d.Doc.ID)
			case !errors.Is(err, fuse.ErrDuplicate):
				f.cfg.Logger.Error("queue: fuser could not add a document", "doc", d.Doc.ID, "err", err)
			}
			// Acked before the write: the document is already committed to
			// the store, and whoever fuses after a crash rebuilds from the
			// store, so the notice has done its job.
			_ = msg.Ack()
			added++
			lastDoc = time.Now()
		}
		cancel()
		if ctx.Err() != nil {
			return f.finalFlush(ctx, added, incr)
		}
	}
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// finalFlush writes what the Fuser holds when it is stopped, unless it
// stopped because it lost the lease: then another Fuser owns the fused
// events. Documents not yet written get an incremental flush; then, if
// incremental flushes left threads stale and the last full flush suggests
// one fits in the time left, a full flush. Otherwise the next leader's
// first flush, which is full, brings them up to date.
func (f *Fuser) finalFlush(ctx context.Context, added, incr int) error {
	if (added == 0 && incr == 0) || errors.Is(context.Cause(ctx), ErrLeaseLost) {
		return ctx.Err()
	}
	const budget = 30 * time.Second
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), budget)
	defer cancel()
	start := time.Now()
	if f.cfg.FullEvery < 0 {
		_, err := f.flush(fctx, added, true)
		return errors.Join(err, ctx.Err())
	}
	if added > 0 {
		if _, err := f.flush(fctx, added, false); err != nil {
			return err
		}
	}
	// A full flush costs about as much per document as the last one.
	estimate := f.lastFull * time.Duration(f.fz.Len()) / time.Duration(max(1, f.lastFullDocs))
	if left := budget - time.Since(start); 2*estimate < left {
		if _, err := f.flush(fctx, 0, true); err != nil {
			return err
		}
	} else {
		f.cfg.Logger.Warn("queue: fuser stopped without a full flush; story threads stay stale until the next leader's first flush",
			"estimate", estimate.Round(time.Millisecond))
	}
	return ctx.Err()
}

// rebuild adds every stored document to the fresh fuse.Fuser, so a new
// leader starts from what is committed, not from what its predecessor
// had in memory.
func (f *Fuser) rebuild(ctx context.Context) (int, error) {
	n := 0
	filter := store.Filter{Limit: store.MaxLimit}
	for {
		page, err := f.st.Documents(ctx, filter)
		if err != nil {
			return n, fmt.Errorf("queue: fuser rebuild: list documents: %w", err)
		}
		for _, info := range page.Items {
			d, err := f.st.Document(ctx, info.ID)
			if err != nil {
				return n, fmt.Errorf("queue: fuser rebuild: document %s: %w", info.ID, err)
			}
			if err := f.fz.Add(d); err != nil && !errors.Is(err, fuse.ErrDuplicate) {
				f.cfg.Logger.Error("queue: fuser rebuild skipped a document", "doc", info.ID, "err", err)
				continue
			}
			n++
		}
		if page.Next == "" {
			return n, nil
		}
		filter.Cursor = page.Next
	}
}

// flush writes the parts of the situation that changed since the last
// flush and returns how long it took. A full flush re-fuses the corpus; an
// incremental one builds only the fused events and origin records of the
// documents added since the last flush (see Fuser).
func (f *Fuser) flush(ctx context.Context, added int, full bool) (time.Duration, error) {
	start := time.Now()
	var sit sitrep.Situation
	if full {
		sit = f.fz.Situation()
	} else {
		sit.Events = f.fz.Events(f.pending...)
		sit.Origins = f.fz.Origins(f.pending...)
		for i := range sit.Events {
			// Keep the thread the event had at the last full flush rather
			// than unlink it until the next.
			if e := &sit.Events[i]; e.Thread == "" {
				e.Thread = f.threadOf[e.ID]
			}
		}
	}
	changed := sitrep.Situation{}
	seen := make(map[string]uint64, len(sit.Events)+len(sit.Origins)+len(sit.Threads))
	diff := func(key string, v any) bool {
		b, err := json.Marshal(v)
		if err != nil {
			return true // cannot tell: write it
		}
		h := fnv.New64a()
		h.Write(b)
		sum := h.Sum64()
		seen[key] = sum
		old, ok := f.written[key]
		return !ok || old != sum
	}
	for _, e := range sit.Events {
		if diff("e\x00"+e.ID, e) {
			changed.Events = append(changed.Events, e)
		}
	}
	for _, o := range sit.Origins {
		if diff("o\x00"+o.Doc, o) {
			changed.Origins = append(changed.Origins, o)
		}
	}
	for _, t := range sit.Threads {
		if diff("t\x00"+t.ID, t) {
			changed.Threads = append(changed.Threads, t)
		}
	}
	if len(changed.Events)+len(changed.Origins)+len(changed.Threads) > 0 {
		if err := f.st.PutSituation(ctx, changed); err != nil {
			return 0, fmt.Errorf("queue: fuser write: %w", err)
		}
	}
	if full {
		// Everything the store should hold was seen: events merged away
		// since the last full flush are forgotten.
		f.written = seen
		clear(f.threadOf)
		for _, e := range sit.Events {
			if e.Thread != "" {
				f.threadOf[e.ID] = e.Thread
			}
		}
	} else {
		maps.Copy(f.written, seen)
	}
	f.pending = f.pending[:0]
	took := time.Since(start)
	if full {
		f.lastFull, f.lastFullDocs = took, f.fz.Len()
	}
	if f.cfg.OnFlush != nil {
		f.cfg.OnFlush(FlushStats{
			Full: full, Documents: f.fz.Len(), Added: added, Events: f.fz.NumEvents(), Fused: len(sit.Events),
			Written: len(changed.Events), Origins: len(changed.Origins), Took: took,
		})
	}
	return took, nil
}
