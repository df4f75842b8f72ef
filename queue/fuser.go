package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
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
	Options    fuse.Options  // fusion options
	Logger     *slog.Logger  // slog.Default()
	// OnFlush, if set, is called after each write of the situation.
	OnFlush func(FlushStats)
}

// FlushStats describes one write of the fused situation.
type FlushStats struct {
	Documents int           // documents fused so far
	Added     int           // documents added since the last flush
	Events    int           // fused events in the situation
	Written   int           // fused events written (changed since the last flush)
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
// events that changed. Because a flush re-fuses the whole corpus
// (fuse.Fuser.Situation), flushes are spaced at least three times their
// own duration apart. Run as many Fusers as you like for availability;
// one works, the others wait for the lease. The store is the source of
// truth: a new leader rebuilds from it, so notices are acknowledged as
// soon as they are added.
type Fuser struct {
	js  jetstream.JetStream
	st  SituationStore
	cfg FuserConfig

	fz      *fuse.Fuser
	written map[string]uint64 // fused event, origin and thread ID → hash of what the store holds
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
	took, err := f.flush(ctx, n)
	if err != nil {
		return err
	}
	lastEnd, added := time.Now(), 0
	for {
		// A flush re-fuses the whole corpus, so it runs at most a quarter
		// of the time however fast documents arrive.
		earliest := lastEnd.Add(3 * took)
		regular := lastEnd.Add(max(f.cfg.FlushEvery, 3*took))
		if now := time.Now(); added > 0 && (!now.Before(regular) || (added >= f.cfg.FlushDocs && !now.Before(earliest))) {
			if took, err = f.flush(ctx, added); err != nil {
				return err
			}
			lastEnd, added = time.Now(), 0
			continue
		}
		wait := min(max(time.Until(regular), 50*time.Millisecond), f.cfg.FlushEvery)
		fctx, cancel := context.WithTimeout(ctx, wait)
		batch, err := cons.Fetch(fetchBatch, jetstream.FetchContext(fctx))
		if err != nil {
			cancel()
			if ctx.Err() != nil {
				return f.finalFlush(ctx, added)
			}
			f.cfg.Logger.Warn("queue: fuser fetch failed; retrying", "err", err)
			if !sleep(ctx, time.Second) {
				return f.finalFlush(ctx, added)
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
			if err := f.fz.Add(d); err != nil && !errors.Is(err, fuse.ErrDuplicate) {
				f.cfg.Logger.Error("queue: fuser could not add a document", "doc", d.Doc.ID, "err", err)
			}
			// Acked before the write: the document is already committed to
			// the store, and whoever fuses after a crash rebuilds from the
			// store, so the notice has done its job.
			_ = msg.Ack()
			added++
		}
		cancel()
		if ctx.Err() != nil {
			return f.finalFlush(ctx, added)
		}
	}
}

// finalFlush writes what was added since the last flush when the Fuser is
// stopped, unless it stopped because it lost the lease: then another
// Fuser owns the fused events.
func (f *Fuser) finalFlush(ctx context.Context, added int) error {
	if added == 0 || errors.Is(context.Cause(ctx), ErrLeaseLost) {
		return ctx.Err()
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if _, err := f.flush(fctx, added); err != nil {
		return err
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
// flush and returns how long it took.
func (f *Fuser) flush(ctx context.Context, added int) (time.Duration, error) {
	start := time.Now()
	sit := f.fz.Situation()
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
	f.written = seen
	took := time.Since(start)
	if f.cfg.OnFlush != nil {
		f.cfg.OnFlush(FlushStats{
			Documents: f.fz.Len(), Added: added, Events: len(sit.Events),
			Written: len(changed.Events), Took: took,
		})
	}
	return took, nil
}
