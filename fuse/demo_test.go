package fuse

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/text"
)

// The demo checks run the text stage over the demo corpus and attach
// hand-built events to its sentences: what the event stage should code,
// kept fixed here so that these tests measure fusion, not extraction.

var (
	demoOnce sync.Once
	demoDocs []sitrep.Document
	demoErr  error
)

func segmentedDemo(tb testing.TB) []sitrep.Document {
	tb.Helper()
	demoOnce.Do(func() {
		docs, err := demo.Documents()
		if err != nil {
			demoErr = err
			return
		}
		ts, err := text.New()
		if err != nil {
			demoErr = err
			return
		}
		for i := range docs {
			if err := ts.Process(context.Background(), &docs[i]); err != nil {
				demoErr = fmt.Errorf("%s: %w", docs[i].Doc.ID, err)
				return
			}
		}
		demoDocs = docs
	})
	if demoErr != nil {
		tb.Fatal(demoErr)
	}
	out := make([]sitrep.Document, len(demoDocs))
	copy(out, demoDocs)
	for i := range out {
		out[i].Events = nil
	}
	return out
}

const (
	wireDoc     = "06-iranian-troops-lebanese-sources"
	copyDoc     = "07-republished-iranian-troops"
	israeliDoc  = "08-israeli-source-1500-iranians"
	denialDoc   = "10-press-tv-advisers-only"
	farmDoc     = "31-farm-syria-roundup"
	caspianDoc  = "11-caspian-cruise-missiles"
	iranCountry = "IRN"
)

var (
	iran      = &sitrep.EventActor{ID: "kb:IRN", Name: "Iran", Type: sitrep.Country, Country: iranCountry}
	iranMil   = &sitrep.EventActor{ID: "kb:IRN/MIL", Name: "Iranian military", Type: sitrep.Military, Country: iranCountry}
	syriaLand = &sitrep.EventActor{ID: "kb:SYR", Name: "Syria", Type: sitrep.Country, Country: "SYR"}
	russiaNav = &sitrep.EventActor{ID: "kb:RUS/MIL", Name: "Russian military", Type: sitrep.Military, Country: "RUS"}
	syriaLoc  = &sitrep.Location{PlaceID: "geonames:163843", Name: "Syria", Lat: 35, Lon: 38, Country: "SYR", Precision: sitrep.PrecisionCountry}
)

// demoEvent describes an event to attach to the demo sentence containing
// phrase.
type demoEvent struct {
	doc, phrase, trigger string
	typ, mode            string
	actor, recipient     *sitrep.EventActor
	earliest, latest     string
	status               sitrep.Status
	qty                  []sitrep.Quantity
}

func attach(tb testing.TB, docs []sitrep.Document, evs ...demoEvent) {
	tb.Helper()
	byID := map[string]*sitrep.Document{}
	for i := range docs {
		byID[docs[i].Doc.ID] = &docs[i]
	}
	for _, e := range evs {
		d := byID[e.doc]
		if d == nil {
			tb.Fatalf("no demo document %s", e.doc)
		}
		si := -1
		for i, s := range d.Sentences {
			if strings.Contains(d.Doc.Text[s.Start:s.End], e.phrase) {
				si = i
				break
			}
		}
		if si < 0 {
			tb.Fatalf("%s: no sentence contains %q", e.doc, e.phrase)
		}
		s := d.Sentences[si]
		sent := d.Doc.Text[s.Start:s.End]
		at := strings.Index(sent, e.trigger)
		if at < 0 {
			tb.Fatalf("%s: trigger %q not in %q", e.doc, e.trigger, sent)
		}
		status := e.status
		if status == "" {
			status = sitrep.Asserted
		}
		precision := "day"
		if e.earliest != e.latest {
			precision = "span"
		}
		d.Events = append(d.Events, sitrep.Event{
			ID:   fmt.Sprintf("%s/e%d", d.Doc.ID, len(d.Events)+1),
			Type: e.typ, Mode: e.mode, CAMEO: "154",
			Trigger:     sitrep.Mention{Span: sitrep.Span{Start: s.Start + at, End: s.Start + at + len(e.trigger)}, Text: e.trigger, Sentence: si},
			Actor:       e.actor,
			Recipient:   e.recipient,
			Location:    syriaLoc,
			Date:        sitrep.EventDate{Date: sitrep.Date{Earliest: e.earliest, Latest: e.latest, Precision: precision}},
			Quantities:  e.qty,
			Status:      status,
			Attribution: sitrep.Attribution{Source: "outlet:" + d.Doc.Source, Name: d.Doc.Source},
			Sentence:    sitrep.SentenceRef{Span: s.Span, Index: si, Text: sent},
			Confidence:  0.8,
		})
	}
}

// iranianTroops codes the reports of Iranian troops in Syria: the
// Lebanese sources' "hundreds" (wire, its republication and the farm's
// copy of the sentence), the Israeli "around 1,500" (and the farm's copy)
// and Tehran's denial.
func iranianTroops(tb testing.TB) []sitrep.Document {
	docs := segmentedDemo(tb)
	hundreds := vague("troops", 200, 999, "hundreds of soldiers")
	around1500 := vague("troops", 1350, 1650, "around 1,500 Iranian troops")
	sent := demoEvent{phrase: "Iran has sent hundreds of soldiers", trigger: "sent", typ: "MOBILIZE", mode: "troops",
		actor: iran, recipient: syriaLand, earliest: "2015-09-21", latest: "2015-10-01", qty: []sitrep.Quantity{hundreds}}
	deployed := demoEvent{phrase: "1,500 Iranian troops", trigger: "deployed", typ: "MOBILIZE", mode: "troops",
		actor: iranMil, recipient: syriaLand, earliest: "2015-10-03", latest: "2015-10-03", qty: []sitrep.Quantity{around1500}}
	var evs []demoEvent
	for _, doc := range []string{wireDoc, copyDoc, farmDoc} {
		e := sent
		e.doc = doc
		evs = append(evs, e)
	}
	for _, doc := range []string{israeliDoc, farmDoc} {
		e := deployed
		e.doc = doc
		evs = append(evs, e)
	}
	evs = append(evs,
		demoEvent{doc: denialDoc, phrase: "Iran has dismissed", trigger: "sent", typ: "MOBILIZE", mode: "troops",
			actor: iran, recipient: syriaLand, earliest: "2015-10-02", latest: "2015-10-05", status: sitrep.Denied,
			qty: []sitrep.Quantity{vague("troops", 200, 999, "hundreds of Iranian troops")}},
		// An unrelated event of another type in the same days.
		demoEvent{doc: caspianDoc, phrase: "fired 26 cruise missiles", trigger: "fired", typ: "ASSAULT", mode: "missile",
			actor: russiaNav, earliest: "2015-10-07", latest: "2015-10-07"},
	)
	attach(tb, docs, evs...)
	return docs
}

// TestDemoOrigins: the republished wire story is a copy of the original,
// and the content-farm page is flagged as stitched from other reports.
func TestDemoOrigins(t *testing.T) {
	s := Fuse(segmentedDemo(t))
	if o := originOf(s, copyDoc); o.Origin != wireDoc {
		t.Errorf("%s: origin %q, want %s", copyDoc, o.Origin, wireDoc)
	}
	if o := originOf(s, wireDoc); o.Origin != wireDoc || o.Stitched {
		t.Errorf("%s: %+v, want its own origin, not stitched", wireDoc, o)
	}
	o := originOf(s, farmDoc)
	if !o.Stitched || o.Origin != farmDoc {
		t.Errorf("%s: %+v, want flagged as stitched, its own origin", farmDoc, o)
	}
	for _, from := range []string{wireDoc, israeliDoc, caspianDoc} {
		if !strings.Contains(strings.Join(o.From, " "), from) {
			t.Errorf("%s: stitched from %v, want %s among them", farmDoc, o.From, from)
		}
	}
	for _, o := range s.Origins {
		if o.Stitched && o.Doc != farmDoc {
			t.Errorf("%s flagged as stitched; only %s is", o.Doc, farmDoc)
		}
		if o.Origin != o.Doc && o.Doc != copyDoc {
			t.Errorf("%s taken for a copy of %s; only %s is a copy", o.Doc, o.Origin, copyDoc)
		}
	}
}

// TestDemoIranianTroops: the reports fuse into one event; the wire story,
// its republication and the farm's copy of its sentence count as one
// origin; the Israeli figure contradicts the Lebanese sources' "hundreds"
// naming both outlets and sentences; Tehran's denial is a status
// contradiction.
func TestDemoIranianTroops(t *testing.T) {
	s := Fuse(iranianTroops(t))
	e := eventWith(t, s, wireDoc)
	if got, want := memberDocs(e), []string{wireDoc, copyDoc, israeliDoc, denialDoc, farmDoc, farmDoc}; !sameSet(got, want) {
		t.Fatalf("fused event members %v, want %v", got, want)
	}
	if e.Origins != 3 || e.Outlets != 5 {
		t.Errorf("corroboration %d origins / %d outlets, want 3 / 5 (the copy and the farm count once with their sources)", e.Origins, e.Outlets)
	}
	for _, m := range e.Members {
		if (m.Doc == copyDoc || m.Doc == farmDoc) && m.Origin != wireDoc && m.Origin != israeliDoc {
			t.Errorf("member from %s credited to %s, want the report it copies", m.Doc, m.Origin)
		}
	}
	var quantity, status bool
	kinds := map[string]int{}
	for _, c := range e.Contradictions {
		kinds[c.Kind]++
		vals := c.A.Value + " | " + c.B.Value
		docs := c.A.Doc + " " + c.B.Doc
		switch c.Kind {
		case "quantity":
			if strings.Contains(vals, "hundreds of soldiers") && strings.Contains(vals, "around 1,500") &&
				strings.Contains(docs, israeliDoc) {
				quantity = true
			}
		case "status":
			status = status || strings.Contains(docs, denialDoc)
		}
		for _, side := range []sitrep.Claim{c.A, c.B} {
			if side.Source == "" || side.Doc == "" || side.Sentence.Text == "" {
				t.Errorf("contradiction side without source, document or sentence: %+v", side)
			}
		}
	}
	if !quantity {
		t.Errorf("no quantity contradiction between hundreds and around 1,500: %+v", e.Contradictions)
	}
	if !status {
		t.Errorf("no status contradiction with Tehran's denial: %+v", e.Contradictions)
	}
	// The figures repeated by the copy and the farm, and the figure the
	// denial quotes, are no further contradictions; a range and a day
	// two days later are no date contradiction.
	if kinds["quantity"] != 1 || kinds["status"] != 1 || kinds["date"] != 0 {
		t.Errorf("contradictions by kind %v, want one quantity and one status", kinds)
	}
	if other := eventWith(t, s, caspianDoc); other.ID == e.ID {
		t.Error("the Caspian missile strike was fused with the troop reports")
	}
}

// TestDemoIncrementalEqualsBatch: adding the demo documents one by one,
// in reverse order, gives the same record as fusing them at once.
func TestDemoIncrementalEqualsBatch(t *testing.T) {
	docs := iranianTroops(t)
	var a, b strings.Builder
	if err := WriteJSON(&a, Fuse(docs)); err != nil {
		t.Fatal(err)
	}
	f := New(Options{})
	for i := len(docs) - 1; i >= 0; i-- {
		if err := f.Add(&docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteJSON(&b, f.Situation()); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("incremental fusion in reverse order differs from batch fusion")
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}
