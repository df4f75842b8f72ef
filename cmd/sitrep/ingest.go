package main

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/queue"
	"github.com/sitrep/sitrep/store"
	"github.com/spf13/cobra"
)

func newIngestCmd() *cobra.Command {
	var (
		opts    ingest.Options
		db      string
		to      string
		format  string
		workers int
	)
	cmd := &cobra.Command{
		Use:   "ingest [flags] FILE|DIR... (- for stdin)",
		Short: "Read, extract and store documents, then refresh the fused events",
		Long: `ingest reads inputs like extract, runs the pipeline and stores each document
in the database (--db) in its own transaction, then re-fuses the corpus.
It is idempotent: documents already stored (same ID, URL or content hash)
are skipped, so an interrupted run can simply be started again.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			opts.Format = ingest.Format(format)
			opts.Stdin = cmd.InOrStdin()
			if to != "" {
				return publish(ctx, cmd, to, args, opts)
			}
			p, err := newPipeline(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			st, err := store.Open(ctx, db)
			if err != nil {
				return fmt.Errorf("open %s: %w", db, err)
			}
			defer st.Close()

			bar := newByteProgress("ingest")
			opts.Progress = bar.Bytes
			// Documents stored by an earlier run skip the pipeline.
			opts.Known = func(d *sitrep.Doc) bool {
				_, err := st.Document(ctx, d.ID)
				return err == nil
			}
			var res *ingest.Result
			stored, skipped, failed := 0, 0, 0
			produce := func(ctx context.Context, send func(*sitrep.Document) error) error {
				var err error
				res, err = ingest.Read(ctx, args, opts, send)
				return err
			}
			err = process(ctx, p, workers, produce, func(r pipeline.Result) error {
				if r.Err != nil {
					failed++
					docErr(cmd.ErrOrStderr(), r.Doc, r.Err)
					return nil
				}
				ok, err := st.PutDocument(ctx, r.Doc)
				if err != nil {
					return fmt.Errorf("store %s: %w", r.Doc.Doc.ID, err)
				}
				if ok {
					stored++
				} else {
					skipped++
				}
				return nil
			})
			bar.Done()
			if err != nil {
				return err
			}
			if res != nil {
				for _, e := range res.Errors {
					fmt.Fprintf(cmd.ErrOrStderr(), "sitrep: %v\n", e)
				}
				failed += res.ErrorCount
				skipped += res.Duplicates
			}
			n, err := refuse(ctx, st)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "sitrep: %d documents stored, %d already present, %d failed; %d fused events\n",
				stored, skipped, failed, n)
			if failed > 0 {
				return fmt.Errorf("%w: %d inputs failed", errPartial, failed)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&db, "db", "sitrep.db", "SQLite file or postgres:// URL")
	fl.StringVar(&to, "to", "", "publish to NATS JetStream (nats://host:4222) for workers instead of processing here")
	fl.StringVar(&opts.Published, "published", "", "publication date for inputs that do not give one")
	fl.StringVar(&opts.Source, "source", "", "outlet name for inputs that do not give one")
	fl.StringVar(&format, "format", "", "force the input format (default: sniffed)")
	fl.IntVar(&workers, "workers", 0, "pipeline goroutines (0: one per CPU)")
	return cmd
}

// refuse fuses every stored document again and stores the situation.
// Fusion IDs are stable, so unchanged fused events keep their IDs.
func refuse(ctx context.Context, st store.Store) (int, error) {
	var docs []sitrep.Document
	f := store.Filter{Limit: store.MaxLimit}
	for {
		page, err := st.Documents(ctx, f)
		if err != nil {
			return 0, fmt.Errorf("list documents: %w", err)
		}
		for _, info := range page.Items {
			d, err := st.Document(ctx, info.ID)
			if err != nil {
				return 0, fmt.Errorf("load %s: %w", info.ID, err)
			}
			docs = append(docs, *d)
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	sit := fuse.Fuse(docs)
	if err := st.PutSituation(ctx, sit); err != nil {
		return 0, fmt.Errorf("store fused events: %w", err)
	}
	return len(sit.Events), nil
}

// publish sends the documents read from args to the JetStream work queue
// for "sitrep worker" processes.
func publish(ctx context.Context, cmd *cobra.Command, url string, args []string, opts ingest.Options) error {
	pub, err := queue.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("connect %s: %w", url, err)
	}
	bar := newByteProgress("publish")
	opts.Progress = bar.Bytes
	res, err := ingest.Read(ctx, args, opts, func(d *sitrep.Document) error { return pub.Send(ctx, d) })
	bar.Done()
	if err != nil {
		pub.Close(ctx)
		return err
	}
	waitErr := pub.Wait(ctx)
	sent, dups := pub.Counts()
	if err := pub.Close(ctx); err != nil && waitErr == nil {
		waitErr = err
	}
	for _, e := range res.Errors {
		fmt.Fprintf(cmd.ErrOrStderr(), "sitrep: %v\n", e)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "sitrep: %d documents published to %s (%d already queued, %d duplicates in input), %d inputs failed\n",
		sent, url, dups, res.Duplicates, res.ErrorCount)
	if waitErr != nil {
		return waitErr
	}
	if res.ErrorCount > 0 {
		return fmt.Errorf("%w: %d inputs failed", errPartial, res.ErrorCount)
	}
	return nil
}
