package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/spf13/cobra"
)

func newExtractCmd() *cobra.Command {
	var (
		opts    ingest.Options
		format  string
		workers int
	)
	cmd := &cobra.Command{
		Use:   "extract [flags] FILE... (- for stdin)",
		Short: "Extract entities, places, dates and events; write JSON Lines",
		Long: `extract reads articles (plain text, HTML, RSS/Atom feeds, JSON Lines, WARC,
gzip or zip; directories are read recursively; - is stdin) and writes one
JSON object per document to stdout, in the record format of docs/record.md.

An input that cannot be read (not UTF-8, binary, empty, unreadable, malformed)
is reported on stderr by name and the others still process. Exit status: 0
when every input succeeded, 2 when some failed, 1 when none could be read.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Published != "" {
				norm, err := ingest.NormalizeDate(opts.Published)
				if err != nil {
					return fmt.Errorf("--published: %w", err)
				}
				opts.Published = norm
			}
			opts.Format = ingest.Format(format)
			opts.Stdin = cmd.InOrStdin()
			p, err := newPipeline(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			out := bufio.NewWriter(cmd.OutOrStdout())
			defer out.Flush()
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)

			var res *ingest.Result
			ok, failed := 0, 0
			produce := func(ctx context.Context, send func(*sitrep.Document) error) error {
				var err error
				res, err = ingest.Read(ctx, args, opts, send)
				return err
			}
			err = process(cmd.Context(), p, workers, produce, func(r pipeline.Result) error {
				if r.Err != nil {
					failed++
					docErr(cmd.ErrOrStderr(), r.Doc, r.Err)
					return nil
				}
				ok++
				return enc.Encode(r.Doc)
			})
			if err != nil {
				return err
			}
			if err := out.Flush(); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			if res != nil {
				for _, e := range res.Errors {
					fmt.Fprintf(cmd.ErrOrStderr(), "sitrep: %v\n", e)
				}
				failed += res.ErrorCount
				if res.Duplicates > 0 {
					fmt.Fprintf(cmd.ErrOrStderr(), "sitrep: %d duplicate documents skipped\n", res.Duplicates)
				}
			}
			switch {
			case failed > 0 && ok == 0:
				return fmt.Errorf("no document extracted (%d inputs failed)", failed)
			case failed > 0:
				return fmt.Errorf("%w: %d failed, %d extracted", errPartial, failed, ok)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Published, "published", "", "publication date YYYY-MM-DD for inputs that do not give one")
	fl.StringVar(&opts.Source, "source", "", "outlet name for inputs that do not give one")
	fl.StringVar(&opts.URL, "url", "", "URL for inputs that do not give one")
	fl.StringVar(&format, "format", "", "force the input format: text, html, feed, jsonl, warc (default: sniffed)")
	fl.BoolVar(&opts.KeepDuplicates, "keep-duplicates", false, "do not drop documents with a URL or text seen before")
	fl.IntVar(&workers, "workers", 0, "pipeline goroutines (0: one per CPU)")
	return cmd
}
