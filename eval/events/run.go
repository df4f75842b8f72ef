package events

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
)

// Report gathers both evaluations.
type Report struct {
	PLOVER   PLOVERReport
	Petrarch PetrarchReport
}

// Run runs every evaluation on the benchmarks directory root (the
// directory holding plover_gsr_cameo and petrarch2) and writes a readable
// summary to w.
func Run(root string, w io.Writer) (Report, error) {
	ctx := context.Background()
	var rep Report
	var err error
	if rep.PLOVER, err = RunPLOVER(ctx, root); err != nil {
		return rep, err
	}
	writePLOVER(w, rep.PLOVER)
	if rep.Petrarch, err = RunPetrarch(ctx, root); err != nil {
		return rep, err
	}
	p := rep.Petrarch
	fmt.Fprintf(w, "petrarch2 validation: %d of %d records coded exactly (PETRARCH-2: 90 of 279); events P %.3f (%d/%d) R %.3f (%d/%d)\n",
		p.Exact, p.Records, p.P, p.TP, p.System, p.R, p.TP, p.Gold)
	return rep, nil
}

func writePLOVER(w io.Writer, r PLOVERReport) {
	fmt.Fprintf(w, "plover_gsr_cameo: %d sentences, %d with an event\n", r.Records, r.Coded)
	fmt.Fprintf(w, "  PLOVER type accuracy (most confident event): %.3f (%d/%d); some event of the gold type: %.3f\n",
		r.TypeAccuracy, r.TypeCorrect, r.Records, r.AnyType)
	fmt.Fprintf(w, "  actor accuracy: country %.3f, country+sector %.3f (of %d)\n", r.Actor.CountryAccuracy, r.Actor.ExactAccuracy, r.Actor.Gold)
	fmt.Fprintf(w, "  recipient accuracy: country %.3f, country+sector %.3f (of %d)\n", r.Recipient.CountryAccuracy, r.Recipient.ExactAccuracy, r.Recipient.Gold)
	tw := tabwriter.NewWriter(w, 2, 4, 1, ' ', 0)
	fmt.Fprintln(tw, "  gold\tn\tcorrect\tmost frequent other")
	for _, g := range sortedKeys(r.Confusion) {
		n, ok, other, on := 0, 0, "", 0
		for s, c := range r.Confusion[g] {
			n += c
			if s == g {
				ok += c
			} else if c > on || c == on && s < other {
				other, on = s, c
			}
		}
		if other == "" && on > 0 {
			other = "(none)"
		}
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s %d\n", g, n, ok, other, on)
	}
	tw.Flush()
}
