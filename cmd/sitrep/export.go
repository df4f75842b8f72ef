package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/store"
	"github.com/spf13/cobra"
)

func newExportCmd() *cobra.Command {
	var (
		db, format, outPath string
		fused               bool
		f                   store.Filter
		status              string
	)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export events as PLOVER JSON Lines, CSV or GeoJSON",
		Long: `export writes the events of a database (--db) in one format:
  plover   PLOVER JSON Lines, one event per line
  csv      one row per event, ACLED-like columns
  geojson  a FeatureCollection; only point-precision places are points
With --fused it exports fused events (one per real-world event) instead of
per-document event mentions. Filters narrow the rows.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			f.Status = sitrep.Status(status)
			if err := f.Validate(); err != nil {
				return err
			}
			st, err := store.Open(ctx, db)
			if err != nil {
				return fmt.Errorf("open %s: %w", db, err)
			}
			defer st.Close()

			w := cmd.OutOrStdout()
			if outPath != "" && outPath != "-" {
				file, err := os.Create(outPath)
				if err != nil {
					return err
				}
				defer file.Close()
				w = file
			}
			bw := bufio.NewWriter(w)
			enc, err := export.NewEncoder(format, bw)
			if err != nil {
				return fmt.Errorf("%w (formats: %s)", err, strings.Join(export.Formats, ", "))
			}
			f.Limit = store.MaxLimit
			n := 0
			for {
				var rows []export.Row
				var next string
				if fused {
					page, err := st.FusedEvents(ctx, f)
					if err != nil {
						return err
					}
					for _, e := range page.Items {
						rows = append(rows, export.FromFused(e))
					}
					next = page.Next
				} else {
					page, err := st.Events(ctx, f)
					if err != nil {
						return err
					}
					for _, e := range page.Items {
						rows = append(rows, export.FromEvent(e))
					}
					next = page.Next
				}
				for _, r := range rows {
					if err := enc.Write(r); err != nil {
						return err
					}
					n++
				}
				if next == "" {
					break
				}
				f.Cursor = next
			}
			if err := enc.Close(); err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "sitrep: exported %d events as %s\n", n, format)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&db, "db", "sitrep.db", "SQLite file or postgres:// URL")
	fl.StringVarP(&format, "format", "f", "plover", "plover, csv or geojson")
	fl.StringVarP(&outPath, "output", "o", "-", "output file")
	fl.BoolVar(&fused, "fused", false, "export fused events instead of event mentions")
	fl.StringVar(&f.Actor, "actor", "", "actor or recipient (entity ID or name)")
	fl.StringVar(&f.Type, "type", "", "PLOVER event type")
	fl.StringVar(&f.From, "from", "", "earliest date, YYYY-MM-DD")
	fl.StringVar(&f.To, "to", "", "latest date, YYYY-MM-DD")
	fl.StringVar(&f.Place, "place", "", "place (gazetteer ID or name)")
	fl.StringVar(&f.Source, "source", "", "outlet name")
	fl.StringVar(&status, "status", "", "asserted, claimed, denied, planned, hypothetical or negated")
	fl.IntVar(&f.MinOrigins, "min-origins", 0, "minimum independent origins")
	return cmd
}
