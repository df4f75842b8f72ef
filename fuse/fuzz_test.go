package fuse

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// FuzzAdd feeds documents with arbitrary text, sentence spans, dates and
// triggers: Add never panics, and the snapshot accounts for every event
// added exactly once.
func FuzzAdd(f *testing.F) {
	f.Add("Russian warplanes struck targets near Homs on Wednesday, killing at least 36 people.", 0, 80, "struck", "2015-09-30", "2015-09-30", "2015-10-01")
	f.Add("", 0, 0, "", "", "", "")
	f.Add("a b c", 5, 2, "x y", "2015-13-45", "garbage", "2015-10-01T09:00:00Z")
	f.Add("Iran sent hundreds of soldiers. Iran sent hundreds of soldiers.", -3, 1000, "sent", "2015-09-21", "2015-10-01", "")
	f.Fuzz(func(t *testing.T, text string, start, end int, trigger, earliest, latest, published string) {
		fu := New(Options{})
		events := 0
		for i, id := range []string{"a", "b", "c"} {
			d := sitrep.Document{Doc: sitrep.Doc{ID: id, Source: "s" + id, Published: published, Text: text}}
			d.Sentences = []sitrep.Sentence{{Span: sitrep.Span{Start: start, End: end}}, {Span: sitrep.Span{Start: 0, End: len(text)}}}
			for k := 0; k <= i; k++ {
				d.Events = append(d.Events, sitrep.Event{
					ID: id + "/" + strings.Repeat("e", k+1), Type: "ASSAULT",
					Trigger:    sitrep.Mention{Text: trigger},
					Date:       sitrep.EventDate{Date: sitrep.Date{Value: earliest, Earliest: earliest, Latest: latest}},
					Sentence:   sitrep.SentenceRef{Index: k % 3, Text: text},
					Quantities: []sitrep.Quantity{{What: "killed", Text: trigger}},
				})
				events++
			}
			if err := fu.Add(&d); err != nil {
				t.Fatal(err)
			}
		}
		s := fu.Situation()
		n := 0
		for _, e := range s.Events {
			n += len(e.Members)
		}
		if n != events || len(s.Origins) != 3 {
			t.Fatalf("%d members for %d events, %d origins for 3 documents", n, events, len(s.Origins))
		}
		n = 0
		for _, e := range fu.Events("a", "b", "c") {
			n += len(e.Members)
		}
		if n != events {
			t.Fatalf("Events: %d members for %d events", n, events)
		}
	})
}
