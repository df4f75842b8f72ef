// Command sitrep turns news reports into an evidence-backed record of a
// situation: who did what to whom, where, when, and who says so.
//
// Each subcommand lives in its own file and only wires the library
// packages together; see the package docs of ingest, text, actor, geo,
// timex, event, fuse, store, api and web for the work itself.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// exitPartial is the exit status when some inputs failed and the others
// were processed: callers can tell "nothing worked" (1) from "some did" (2).
const exitPartial = 2

// errPartial marks a run in which some inputs failed; their errors were
// already printed.
var errPartial = errors.New("some inputs failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := newRoot().ExecuteContext(ctx)
	switch {
	case err == nil:
	case errors.Is(err, errPartial):
		fmt.Fprintln(os.Stderr, "sitrep:", err)
		os.Exit(exitPartial)
	default:
		fmt.Fprintln(os.Stderr, "sitrep:", err)
		os.Exit(1)
	}
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "sitrep",
		Short: "Evidence-backed situation records from news reports",
		Long: `sitrep reads news reports (text, HTML, feeds, JSON Lines, WARC), finds actors,
places, dates and events in them, fuses events across reports by independent
origin, and serves the result as JSON, exports and a web UI.

Start with "sitrep run": it processes the embedded demo corpus and serves the UI.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newRunCmd(),
		newExtractCmd(),
		newFuseCmd(),
		newIngestCmd(),
		newServeCmd(),
		newWorkerCmd(),
		newExportCmd(),
		newBenchCmd(),
		newEvalCmd(),
	)
	return root
}
