package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/fuse"
	"github.com/spf13/cobra"
)

// maxRecordBytes bounds one JSON Lines record read back by fuse.
const maxRecordBytes = 64 << 20

func newFuseCmd() *cobra.Command {
	var jsonOut, reportOut string
	cmd := &cobra.Command{
		Use:   "fuse [FILE.jsonl ...]",
		Short: "Fuse extracted documents into one situation record",
		Long: `fuse reads documents written by "sitrep extract" (JSON Lines; - for stdin),
or processes the demo corpus when no file is given, and fuses their events
across reports: republished copies count once, contradictions are named.
It writes the situation as JSON (--json) and a readable report (--report,
default stdout).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var docs []sitrep.Document
			partial := false
			if len(args) == 0 {
				raw, err := demo.Documents()
				if err != nil {
					return err
				}
				p, err := newPipeline(cmd.ErrOrStderr())
				if err != nil {
					return err
				}
				docs, err = extractAll(cmd.Context(), p, 0, raw, cmd.ErrOrStderr())
				if err != nil {
					return err
				}
			}
			for _, name := range args {
				ds, err := readRecords(name, cmd.InOrStdin())
				docs = append(docs, ds...)
				if err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "sitrep: %v\n", err)
					partial = true
				}
			}
			if len(docs) == 0 {
				return errors.New("no documents to fuse")
			}
			sit := fuse.Fuse(docs)
			if jsonOut != "" {
				if err := writeSituation(jsonOut, sit); err != nil {
					return err
				}
			}
			w := cmd.OutOrStdout()
			if reportOut != "" && reportOut != "-" {
				f, err := os.Create(reportOut)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			if err := fuse.WriteReport(w, sit, docs...); err != nil {
				return err
			}
			if partial {
				return errPartial
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&jsonOut, "json", "", "write the fused situation as JSON to this file (- for stdout)")
	cmd.Flags().StringVar(&reportOut, "report", "-", "write the readable report to this file")
	return cmd
}

// readRecords reads sitrep.Document records, one JSON object per line.
// Records read before a bad line are returned with the error, which names
// the file and line.
func readRecords(name string, stdin io.Reader) ([]sitrep.Document, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxRecordBytes)
	var docs []sitrep.Document
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var d sitrep.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return docs, fmt.Errorf("%s:%d: not a sitrep document record: %w", name, line, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return docs, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return docs, nil
}

// writeSituation writes s as JSON to path ("-" for stdout).
func writeSituation(path string, s sitrep.Situation) error {
	if path == "-" {
		return fuse.WriteJSON(os.Stdout, s)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fuse.WriteJSON(f, s); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
