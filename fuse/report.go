package fuse

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// WriteReport writes a plain-text report of s: the timeline of fused
// events with date bounds, corroboration, figures per source and
// contradictions quoting both sides, then the copied and stitched
// documents. docs, when given, supply document titles.
func WriteReport(w io.Writer, s sitrep.Situation, docs ...sitrep.Document) error {
	bw := bufio.NewWriter(w)
	titles := map[string]string{}
	for i := range docs {
		titles[docs[i].Doc.ID] = docs[i].Doc.Title
	}
	fmt.Fprintf(bw, "SITUATION REPORT: %d fused events from %d documents\n\n", len(s.Events), len(s.Origins))
	fmt.Fprintln(bw, "TIMELINE")
	for i := range s.Events {
		writeEvent(bw, &s.Events[i])
	}
	if len(s.Threads) > 0 {
		fmt.Fprintln(bw, "\nSTORY THREADS")
		for _, t := range s.Threads {
			fmt.Fprintf(bw, "  %s (%d events): %s\n", t.Title, len(t.Events), strings.Join(t.Events, ", "))
		}
	}
	var copies, stitched []sitrep.DocOrigin
	for _, o := range s.Origins {
		if o.Origin != o.Doc {
			copies = append(copies, o)
		}
		if o.Stitched {
			stitched = append(stitched, o)
		}
	}
	if len(copies) > 0 {
		fmt.Fprintln(bw, "\nREPUBLISHED DOCUMENTS (counted once, with their origin)")
		for _, o := range copies {
			fmt.Fprintf(bw, "  %s [%s]%s copies %s (%.0f%% of sentences found elsewhere)\n",
				o.Doc, o.Source, titleOf(titles, o.Doc), o.Origin, 100*o.Overlap)
		}
	}
	if len(stitched) > 0 {
		fmt.Fprintln(bw, "\nSTITCHED DOCUMENTS (built from other reports' sentences)")
		for _, o := range stitched {
			fmt.Fprintf(bw, "  %s [%s]%s: %.0f%% of sentences from %s\n",
				o.Doc, o.Source, titleOf(titles, o.Doc), 100*o.Overlap, strings.Join(o.From, ", "))
		}
	}
	return bw.Flush()
}

func titleOf(titles map[string]string, id string) string {
	if t := titles[id]; t != "" {
		return fmt.Sprintf(" %q", t)
	}
	return ""
}

func writeEvent(w io.Writer, e *sitrep.FusedEvent) {
	when := e.Date.Earliest
	if e.Date.Latest != e.Date.Earliest {
		when = e.Date.Earliest + " .. " + e.Date.Latest
	}
	if when == "" {
		when = "undated"
	}
	var who, whom, where string
	if e.Actor != nil {
		who = e.Actor.Name
	}
	if e.Recipient != nil {
		whom = " -> " + e.Recipient.Name
	}
	if e.Location != nil {
		where = " at " + e.Location.Name
		if e.Location.Precision != "" && e.Location.Precision != sitrep.PrecisionPoint {
			where += " (" + string(e.Location.Precision) + ")"
		}
	}
	kind := e.Type
	if e.Mode != "" {
		kind += "/" + e.Mode
	}
	fmt.Fprintf(w, "\n[%s] %s %s%s%s%s  [%s]\n", when, kind, who, whom, where, statusNote(e.Status), e.ID)
	fmt.Fprintf(w, "  corroboration: %d origins / %d outlets (%s); confidence %.2f\n",
		e.Origins, e.Outlets, strings.Join(e.Sources, ", "), e.Confidence)
	if len(e.Quantities) > 0 {
		byWhat := map[string][]string{}
		var whats []string
		for _, q := range e.Quantities {
			if byWhat[q.What] == nil {
				whats = append(whats, q.What)
			}
			byWhat[q.What] = append(byWhat[q.What], fmt.Sprintf("%s: %s", q.Source, quantityText(q.Quantity)))
		}
		sort.Strings(whats)
		for _, what := range whats {
			fmt.Fprintf(w, "  %s: %s\n", what, strings.Join(byWhat[what], "; "))
		}
	}
	for _, c := range e.Contradictions {
		label := c.Kind
		if c.What != "" {
			label += " (" + c.What + ")"
		}
		fmt.Fprintf(w, "  CONTRADICTION %s: %q vs %q\n", label, c.A.Value, c.B.Value)
		fmt.Fprintf(w, "    %s [%s]: %q\n", c.A.Source, c.A.Doc, c.A.Sentence.Text)
		fmt.Fprintf(w, "    %s [%s]: %q\n", c.B.Source, c.B.Doc, c.B.Sentence.Text)
	}
	for _, m := range e.Members {
		via := ""
		if m.Origin != m.Doc {
			via = " (origin " + m.Origin + ")"
		}
		fmt.Fprintf(w, "  - %s %s%s %s: %q\n", m.Source, m.Doc, via, m.Status, m.Sentence.Text)
	}
}

func statusNote(s sitrep.Status) string {
	if s == "" || s == sitrep.Asserted {
		return ""
	}
	return " (" + string(s) + ")"
}
