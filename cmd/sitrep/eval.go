package main

import (
	"fmt"
	"io"
	"path/filepath"

	corefeval "github.com/sitrep/sitrep/eval/coref"
	entityeval "github.com/sitrep/sitrep/eval/entities"
	eventeval "github.com/sitrep/sitrep/eval/events"
	geoeval "github.com/sitrep/sitrep/eval/geo"
	timexeval "github.com/sitrep/sitrep/eval/timex"
	"github.com/sitrep/sitrep/internal/benchdata"
	"github.com/spf13/cobra"
)

// evaluation is one harness: it scores sitrep on labelled sets under the
// benchmarks root and prints a report.
type evaluation struct {
	name, short string
	run         func(root string, w io.Writer) error
}

func evaluations() []evaluation {
	return []evaluation{
		{"entities", "mention P/R/F1 for people, organizations and places on MEANTIME and GUM news", func(root string, w io.Writer) error {
			_, err := entityeval.Run(root, w)
			return err
		}},
		{"geo", "toponym resolution Acc@161, AUC and mean error on GeoVirus and GeoWebNews", func(root string, w io.Writer) error {
			_, err := geoeval.Run(root, w)
			return err
		}},
		{"events", "PLOVER type and actor/recipient accuracy; PETRARCH-2 validation records", func(root string, w io.Writer) error {
			_, err := eventeval.Run(root, w)
			return err
		}},
		{"coref", "cross-document event coreference on ECB+ test topics 36-45 (MUC, B3, CEAF-e, CoNLL)", func(root string, w io.Writer) error {
			_, err := corefeval.Run(filepath.Join(root, "ecbplus"), w)
			return err
		}},
		{"timex", "TIMEX value accuracy on TempEval-3 platinum", func(root string, w io.Writer) error {
			_, err := timexeval.Run(root, w)
			return err
		}},
	}
}

func newEvalCmd() *cobra.Command {
	var root string
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score sitrep on the public labelled benchmark sets",
		Long: `eval runs one evaluation harness (or all of them with "eval all") on the
labelled sets in ../shared/benchmarks (or --benchmarks, or $SITREP_BENCHMARKS).
The sets are read in place, never copied into the project.`,
	}
	cmd.PersistentFlags().StringVar(&root, "benchmarks", "", "benchmarks directory (default ../shared/benchmarks)")
	resolve := func() (string, error) {
		if root != "" {
			return root, nil
		}
		r, err := benchdata.Root()
		if err != nil {
			return "", fmt.Errorf("benchmarks: %w", err)
		}
		return r, nil
	}
	all := evaluations()
	for _, e := range all {
		cmd.AddCommand(&cobra.Command{
			Use:   e.name,
			Short: e.short,
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				r, err := resolve()
				if err != nil {
					return err
				}
				return e.run(r, cmd.OutOrStdout())
			},
		})
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "all",
		Short: "Run every evaluation",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := resolve()
			if err != nil {
				return err
			}
			for _, e := range all {
				fmt.Fprintf(cmd.OutOrStdout(), "== %s: %s\n", e.name, e.short)
				if err := e.run(r, cmd.OutOrStdout()); err != nil {
					return fmt.Errorf("eval %s: %w", e.name, err)
				}
				fmt.Fprintln(cmd.OutOrStdout())
			}
			return nil
		},
	})
	return cmd
}
