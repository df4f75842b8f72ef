package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/store"
	_ "github.com/sitrep/sitrep/store/sqlite" // sqlite:// and plain file paths
	"github.com/spf13/cobra"
)

func newRunCmd() *cobra.Command {
	var (
		db      string
		addr    string
		noServe bool
		workers int
	)
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Process the embedded demo corpus, store it, print a summary and serve the UI",
		Long: `run is sitrep's main job on the embedded demo corpus: 38 reports on the
autumn-2015 Russian and Iranian intervention in Syria, from wire services,
state media, blogs, a content farm and a republished wire story. It extracts
entities, places, dates and events, fuses events across reports, rebuilds the
database (--db) from scratch, prints a summary and serves the web UI.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			out := cmd.OutOrStdout()
			docs, err := demo.Documents()
			if err != nil {
				return err
			}
			p, err := newPipeline(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if err := removeDB(db); err != nil {
				return err
			}
			st, err := store.Open(ctx, db)
			if err != nil {
				return fmt.Errorf("open %s: %w", db, err)
			}
			defer st.Close()

			done, err := extractAll(ctx, p, workers, docs, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			sit, err := storeAll(ctx, st, done)
			if err != nil {
				return err
			}
			summarize(out, done, sit)
			if noServe {
				return nil
			}
			fmt.Fprintf(out, "\nDatabase: %s\n", db)
			return serve(ctx, out, st, serveOptions{addr: addr, process: p.Run})
		},
	}
	cmd.Flags().StringVar(&db, "db", "sitrep.db", "SQLite file (rebuilt) or postgres:// URL")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address the UI listens on")
	cmd.Flags().BoolVar(&noServe, "no-serve", false, "stop after the summary")
	cmd.Flags().IntVar(&workers, "workers", 0, "pipeline goroutines (0: one per CPU)")
	return cmd
}

// removeDB deletes a SQLite database file and its journal so that run
// starts from a clean record; URLs of server databases are left alone.
func removeDB(db string) error {
	if strings.Contains(db, "://") && !strings.HasPrefix(db, "sqlite://") && !strings.HasPrefix(db, "file:") {
		return nil
	}
	path := strings.TrimPrefix(strings.TrimPrefix(db, "sqlite://"), "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("reset database: %w", err)
		}
	}
	return nil
}

// extractAll runs the pipeline over docs and returns those that succeeded;
// failures are reported on errw.
func extractAll(ctx context.Context, p *pipeline.Pipeline, workers int, docs []sitrep.Document, errw io.Writer) ([]sitrep.Document, error) {
	bar := newProgress(len(docs), "extract")
	defer bar.Done()
	var out []sitrep.Document
	failed := 0
	produce := func(ctx context.Context, send func(*sitrep.Document) error) error {
		for i := range docs {
			if err := send(&docs[i]); err != nil {
				return err
			}
		}
		return nil
	}
	err := process(ctx, p, workers, produce, func(r pipeline.Result) error {
		bar.Add(1)
		if r.Err != nil {
			failed++
			docErr(errw, r.Doc, r.Err)
			return nil
		}
		out = append(out, *r.Doc)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if failed > 0 && len(out) == 0 {
		return nil, fmt.Errorf("all %d documents failed", failed)
	}
	return out, nil
}

// storeAll writes each document, fuses the corpus and stores the situation.
func storeAll(ctx context.Context, st store.Store, docs []sitrep.Document) (sitrep.Situation, error) {
	for i := range docs {
		if _, err := st.PutDocument(ctx, &docs[i]); err != nil {
			return sitrep.Situation{}, fmt.Errorf("store %s: %w", docs[i].Doc.ID, err)
		}
	}
	sit := fuse.Fuse(docs)
	if err := st.PutSituation(ctx, sit); err != nil {
		return sit, fmt.Errorf("store fused events: %w", err)
	}
	return sit, nil
}

// summarize prints what the corpus holds: counts, the best-corroborated
// events and the contradictions an analyst should look at first.
func summarize(w io.Writer, docs []sitrep.Document, s sitrep.Situation) {
	var words, dropped, mentions, events int
	ents := map[string]string{}
	places := map[string]bool{}
	for _, d := range docs {
		words += len(strings.Fields(d.Doc.Text))
		dropped += len(d.Doc.Dropped)
		events += len(d.Events)
		for _, e := range d.Entities {
			ents[e.ID] = e.Name
			mentions += len(e.Mentions)
		}
		for _, p := range d.Places {
			places[p.ID] = true
		}
	}
	copies, stitched := 0, 0
	origins := map[string]bool{}
	for _, o := range s.Origins {
		origins[o.Origin] = true
		if len(o.CopyOf) > 0 {
			copies++
		}
		if o.Stitched {
			stitched++
		}
	}
	contra := 0
	for _, e := range s.Events {
		contra += len(e.Contradictions)
	}
	fmt.Fprintf(w, "sitrep: %d documents, %d words, %d boilerplate lines dropped\n", len(docs), words, dropped)
	fmt.Fprintf(w, "  %d independent origins (%d republished copies, %d stitched pages)\n", len(origins), copies, stitched)
	fmt.Fprintf(w, "  %d actors (%d mentions), %d places\n", len(ents), mentions, len(places))
	fmt.Fprintf(w, "  %d event mentions fused into %d events in %d story threads, %d contradictions\n",
		events, len(s.Events), len(s.Threads), contra)

	top := append([]sitrep.FusedEvent(nil), s.Events...)
	sort.SliceStable(top, func(i, j int) bool { return top[i].Origins > top[j].Origins })
	if len(top) > 0 {
		fmt.Fprintln(w, "\nBest corroborated events:")
	}
	for _, e := range top[:min(5, len(top))] {
		fmt.Fprintf(w, "  %-10s %s  %s  (%d origins, %d outlets)\n", e.Date.Value, e.Type, describe(e), e.Origins, e.Outlets)
	}
	shown := 0
	for _, e := range s.Events {
		for _, c := range e.Contradictions {
			if shown == 0 {
				fmt.Fprintln(w, "\nContradictions:")
			}
			if shown == 5 {
				fmt.Fprintf(w, "  ... %d more (sitrep fuse for the full report)\n", contra-shown)
				return
			}
			fmt.Fprintf(w, "  %s %s: %s says %q, %s says %q\n", describe(e), c.Kind, c.A.Source, c.A.Value, c.B.Source, c.B.Value)
			shown++
		}
	}
}

func describe(e sitrep.FusedEvent) string {
	var b strings.Builder
	if e.Actor != nil {
		b.WriteString(e.Actor.Name)
	} else {
		b.WriteString("?")
	}
	b.WriteString(" -> ")
	if e.Recipient != nil {
		b.WriteString(e.Recipient.Name)
	} else {
		b.WriteString("?")
	}
	if e.Location != nil && e.Location.Name != "" {
		b.WriteString(" in ")
		b.WriteString(e.Location.Name)
	}
	return b.String()
}
