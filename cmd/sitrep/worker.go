package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/sitrep/sitrep/queue"
	"github.com/sitrep/sitrep/store"
	_ "github.com/sitrep/sitrep/store/postgres" // postgres:// URLs
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"
)

func newWorkerCmd() *cobra.Command {
	var (
		natsURL  string
		db       string
		noFuse   bool
		fuseOnly bool
		cfg      queue.WorkerConfig
	)
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Process documents from NATS JetStream into the database",
		Long: `worker consumes the documents "sitrep ingest --to nats://..." publishes, runs
the pipeline on each and stores it (--db, normally PostgreSQL shared by all
workers). Delivery is at least once with explicit acks; storing is idempotent,
so the effect is exactly once. A document that fails --max-deliver times goes
to the dead-letter subject sitrep.dead with its error.

Every worker also competes for the fuser lease unless --no-fuse: exactly one
process at a time folds stored documents into the fused events. At scale,
run the fuser in its own process (--fuse-only) and the workers with
--no-fuse. See docs/scale.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			p, err := newPipeline(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			st, err := store.Open(ctx, db)
			if err != nil {
				return fmt.Errorf("open %s: %w", store.Redact(db), err)
			}
			defer st.Close()
			nc, err := nats.Connect(natsURL, nats.Name("sitrep worker"))
			if err != nil {
				return fmt.Errorf("connect %s: %w", natsURL, err)
			}
			defer nc.Close()
			js, err := jetstream.New(nc)
			if err != nil {
				return fmt.Errorf("jetstream: %w", err)
			}
			if err := queue.Setup(ctx, js); err != nil {
				return err
			}
			if noFuse && fuseOnly {
				return errors.New("--no-fuse and --fuse-only exclude each other")
			}
			log := slog.New(slog.NewTextHandler(os.Stderr, nil))
			cfg.Logger = log
			g, ctx := errgroup.WithContext(ctx)
			if !fuseOnly {
				w, err := queue.NewWorker(ctx, js, p, st, cfg)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "sitrep worker: consuming %s from %s into %s\n", queue.StreamDocs, natsURL, store.Redact(db))
				g.Go(func() error { return w.Run(ctx) })
			}
			if !noFuse {
				g.Go(func() error { return runFuser(ctx, js, st, log) })
			}
			if err := g.Wait(); err != nil && !errors.Is(err, context.Canceled) {
				return err
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&natsURL, "nats", nats.DefaultURL, "NATS server URL")
	fl.StringVar(&db, "db", "postgres://127.0.0.1:5432/test?sslmode=disable", "database URL shared by the workers")
	fl.BoolVar(&noFuse, "no-fuse", false, "do not compete for the fuser lease")
	fl.BoolVar(&fuseOnly, "fuse-only", false, "only fuse: hold the fuser lease, consume no documents")
	fl.IntVar(&cfg.MaxInFlight, "max-in-flight", 0, "documents held at once (0: 2 x CPUs); bounds memory and database load")
	fl.IntVar(&cfg.MaxDeliver, "max-deliver", 0, "deliveries before a document is dead-lettered (0: default)")
	return cmd
}

// runFuser keeps competing for the fuser lease until ctx ends. Losing the
// lease or a store failure only restarts the fuser after a pause: the
// worker beside it goes on storing documents, and whoever holds the lease
// next rebuilds the fused state from the store.
func runFuser(ctx context.Context, js jetstream.JetStream, st store.Store, log *slog.Logger) error {
	const pause = 5 * time.Second
	for {
		f := queue.NewFuser(js, st, queue.FuserConfig{Logger: log})
		err := f.Run(ctx)
		if ctx.Err() != nil {
			return nil
		}
		log.Warn("sitrep worker: fuser stopped; competing for the lease again", "err", err, "pause", pause)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(pause):
		}
	}
}
