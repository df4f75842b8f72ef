package fuse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

var (
	civilians = &sitrep.EventActor{ID: "x:civilians", Name: "civilians", Type: sitrep.Person}
	charity   = &sitrep.EventActor{ID: "x:medical_charity", Name: "medical charity", Type: sitrep.Organization}
)

// corpus is a small hand-written corpus: a wire story, its republication,
// an independent report, a denial, a content-farm page stitched from the
// first two, and unrelated or conflicting reports.
func corpus() []sitrep.Document {
	atLeast36 := sitrep.Quantity{What: "killed", Low: num(36), Text: "at least 36"}

	wire := newDoc("wire", "Wire Agency", "2015-10-01T09:00:00Z",
		"Russian warplanes struck targets near the city of Homs on Wednesday, killing at least 36 people, according to a monitoring group.",
		"The strikes were the first carried out by Moscow since it began moving aircraft to the Latakia region last month.",
		"Residents described several loud explosions shortly after noon and columns of smoke above the northern districts.",
		"Officials in Moscow said the raids hit weapons depots and command posts belonging to militants.")
	addEvents(&wire, ev{sent: 0, trigger: "struck", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30", qty: []sitrep.Quantity{atLeast36}})

	copied := newDoc("copy", "Evening Paper", "2015-10-01T13:00:00Z",
		"Russian warplanes struck targets near the city of Homs on Wednesday, killing at least 36 people, according to a monitoring group.",
		"The strikes were the first carried out by Moscow since it began moving aircraft to the Latakia region last month.",
		"Residents described several loud explosions shortly after noon and columns of smoke above the northern districts.")
	addEvents(&copied, ev{sent: 0, trigger: "struck", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30", qty: []sitrep.Quantity{atLeast36}})

	independent := newDoc("indep", "Second Agency", "2015-10-01T10:30:00Z",
		"Moscow's air force launched its first bombing raids in Syria on Wednesday, hitting positions around Homs.",
		"An opposition monitor put the death toll at 27, most of them civilians living in farming villages.",
		"Washington questioned whether the targets were really jihadist fighters or other rebel groups.")
	addEvents(&independent, ev{sent: 0, trigger: "bombing raids", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30",
		qty: []sitrep.Quantity{exact("killed", 27, "27")}})

	denial := newDoc("denial", "State Channel", "2015-10-02T08:00:00Z",
		"The defence ministry in Moscow denied that its aircraft had hit any residential areas near Homs on Wednesday.")
	addEvents(&denial, ev{sent: 0, trigger: "hit", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30", status: sitrep.Denied})

	farm := newDoc("farm", "Click Farm", "2015-10-03T00:00:00Z",
		"Russian warplanes struck targets near the city of Homs on Wednesday, killing at least 36 people, according to a monitoring group.",
		"An opposition monitor put the death toll at 27, most of them civilians living in farming villages.",
		"Residents described several loud explosions shortly after noon and columns of smoke above the northern districts.",
		"Washington questioned whether the targets were really jihadist fighters or other rebel groups.")
	addEvents(&farm, ev{sent: 0, trigger: "struck", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30", qty: []sitrep.Quantity{atLeast36}})

	later := newDoc("later", "Wire Agency", "2015-10-07T09:00:00Z",
		"Russian jets returned to the countryside north of Homs on Tuesday and bombed a bridge used by insurgents.")
	addEvents(&later, ev{sent: 0, trigger: "bombed", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-10-06"})

	offensive := newDoc("offensive", "Second Agency", "2015-10-08T09:00:00Z",
		"Government troops began a ground offensive south of Aleppo on Thursday backed by heavy artillery fire.")
	addEvents(&offensive, ev{sent: 0, trigger: "offensive", typ: "FIGHT", actor: syria, where: &aleppo, date: "2015-10-08"})

	hosp1 := newDoc("hosp1", "Wire Agency", "2015-10-16T09:00:00Z",
		"Russian aircraft bombed a field hospital run by a medical charity on Thursday, killing 12 staff members.")
	addEvents(&hosp1, ev{sent: 0, trigger: "bombed", typ: "ASSAULT", actor: russia, target: charity, where: &aleppo, date: "2015-10-15",
		qty: []sitrep.Quantity{exact("killed", 12, "12")}})
	hosp2 := newDoc("hosp2", "Regional Daily", "2015-10-16T11:00:00Z",
		"A medical charity said its field hospital was destroyed by Russian bombs on Thursday and twelve of its staff died.")
	addEvents(&hosp2, ev{sent: 0, trigger: "destroyed", typ: "ASSAULT", actor: russia, target: charity, where: &latakia, date: "2015-10-15",
		qty: []sitrep.Quantity{exact("killed", 12, "twelve")}})

	market1 := newDoc("market1", "Wire Agency", "2015-10-24T09:00:00Z",
		"Government helicopters dropped barrel bombs on a crowded market in Aleppo on Friday, killing hundreds of civilians.")
	addEvents(&market1, ev{sent: 0, trigger: "dropped", typ: "ASSAULT", actor: syria, target: civilians, where: &aleppo, date: "2015-10-23",
		qty: []sitrep.Quantity{vague("killed", 200, 999, "hundreds")}})
	market2 := newDoc("market2", "Second Agency", "2015-10-24T10:00:00Z",
		"Russian aircraft hit the crowded market in Aleppo on Friday in a strike that left around 1,500 civilians dead.")
	addEvents(&market2, ev{sent: 0, trigger: "hit", typ: "ASSAULT", actor: russia, target: civilians, where: &aleppo, date: "2015-10-23",
		qty: []sitrep.Quantity{vague("killed", 1400, 1600, "around 1,500")}})

	ship1 := newDoc("ship1", "Wire Agency", "2015-10-20T09:00:00Z",
		"Warships in the Caspian Sea fired cruise missiles at camps in northern Iraq near Mosul, killing 50 fighters.")
	addEvents(&ship1, ev{sent: 0, trigger: "fired", typ: "ASSAULT", actor: russia, where: &mosul, date: "2015-10-19",
		qty: []sitrep.Quantity{exact("killed", 50, "50")}})
	ship2 := newDoc("ship2", "Regional Daily", "2015-10-21T09:00:00Z",
		"Navy vessels launched cruise missiles from the Caspian Sea at camps near Mosul, killing about 50 fighters, officials said.")
	addEvents(&ship2, ev{sent: 0, trigger: "launched", typ: "ASSAULT", actor: russia, where: &mosul, date: "2015-10-20",
		qty: []sitrep.Quantity{vague("killed", 45, 55, "about 50")}})

	return []sitrep.Document{wire, copied, independent, denial, farm, later, offensive, hosp1, hosp2, market1, market2, ship1, ship2}
}

func originOf(s sitrep.Situation, doc string) sitrep.DocOrigin {
	for _, o := range s.Origins {
		if o.Doc == doc {
			return o
		}
	}
	return sitrep.DocOrigin{}
}

// eventWith returns the fused event that has a member from doc.
func eventWith(t *testing.T, s sitrep.Situation, doc string) sitrep.FusedEvent {
	t.Helper()
	for _, e := range s.Events {
		for _, m := range e.Members {
			if m.Doc == doc {
				return e
			}
		}
	}
	t.Fatalf("no fused event has a member from %s", doc)
	return sitrep.FusedEvent{}
}

func memberDocs(e sitrep.FusedEvent) []string {
	var out []string
	for _, m := range e.Members {
		out = append(out, m.Doc)
	}
	slices.Sort(out)
	return out
}

func TestOrigins(t *testing.T) {
	s := Fuse(corpus())
	tests := []struct {
		doc, origin string
		stitched    bool
		from        []string
	}{
		{"wire", "wire", false, nil},
		{"copy", "wire", false, nil},
		{"indep", "indep", false, nil},
		{"denial", "denial", false, nil},
		{"farm", "farm", true, []string{"indep", "wire"}},
		{"later", "later", false, nil},
	}
	for _, tt := range tests {
		o := originOf(s, tt.doc)
		if o.Origin != tt.origin {
			t.Errorf("%s: origin %q, want %q", tt.doc, o.Origin, tt.origin)
		}
		if o.Stitched != tt.stitched {
			t.Errorf("%s: stitched %v, want %v (overlap %.2f, from %v)", tt.doc, o.Stitched, tt.stitched, o.Overlap, o.From)
		}
		if !slices.Equal(o.From, tt.from) {
			t.Errorf("%s: from %v, want %v", tt.doc, o.From, tt.from)
		}
	}
	if o := originOf(s, "copy"); !slices.Equal(o.CopyOf, []string{"wire"}) || o.Overlap != 1 {
		t.Errorf("copy: copy_of %v overlap %.2f, want [wire] 1", o.CopyOf, o.Overlap)
	}
}

func TestOriginOfEarlyArrivingCopy(t *testing.T) {
	docs := corpus()
	f := New(Options{})
	// The republication arrives first; the origin must still be the wire
	// story, the earliest published.
	for _, i := range []int{1, 0} {
		if err := f.Add(&docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	s := f.Situation()
	if got := originOf(s, "copy").Origin; got != "wire" {
		t.Errorf("copy origin %q, want wire", got)
	}
	if got := originOf(s, "wire").Origin; got != "wire" {
		t.Errorf("wire origin %q, want wire", got)
	}
	if len(s.Events) != 1 || s.Events[0].ID != "fe:wire/e1" {
		t.Errorf("events %+v, want one with ID fe:wire/e1", s.Events)
	}
}

func TestClustering(t *testing.T) {
	s := Fuse(corpus())
	tests := []struct {
		doc              string
		members          []string
		origins, outlets int
	}{
		{"wire", []string{"copy", "denial", "farm", "indep", "wire"}, 3, 5},
		{"later", []string{"later"}, 1, 1},
		{"offensive", []string{"offensive"}, 1, 1},
		{"hosp1", []string{"hosp1", "hosp2"}, 2, 2},
		{"market1", []string{"market1", "market2"}, 2, 2},
		{"ship1", []string{"ship1", "ship2"}, 2, 2},
	}
	for _, tt := range tests {
		e := eventWith(t, s, tt.doc)
		if got := memberDocs(e); !slices.Equal(got, tt.members) {
			t.Errorf("%s: members %v, want %v", tt.doc, got, tt.members)
		}
		if e.Origins != tt.origins || e.Outlets != tt.outlets {
			t.Errorf("%s: %d origins / %d outlets, want %d / %d", tt.doc, e.Origins, e.Outlets, tt.origins, tt.outlets)
		}
	}
	if len(s.Events) != 6 {
		t.Errorf("%d fused events, want 6", len(s.Events))
	}
	homsStrike := eventWith(t, s, "wire")
	if homsStrike.ID != "fe:wire/e1" {
		t.Errorf("ID %q, want fe:wire/e1 (earliest member)", homsStrike.ID)
	}
	if homsStrike.Status != sitrep.Asserted {
		t.Errorf("status %q, want asserted", homsStrike.Status)
	}
	if homsStrike.Date.Earliest != "2015-09-30" || homsStrike.Date.Latest != "2015-09-30" {
		t.Errorf("date %+v, want 2015-09-30", homsStrike.Date)
	}
	for _, m := range homsStrike.Members {
		want := m.Doc
		if m.Doc == "copy" || m.Doc == "farm" {
			want = "wire"
		}
		if m.Origin != want {
			t.Errorf("member %s: origin %s, want %s", m.Doc, m.Origin, want)
		}
	}
}

func TestContradictions(t *testing.T) {
	s := Fuse(corpus())
	type side struct{ a, b string }
	tests := []struct {
		doc   string
		kind  string
		what  string
		pairs []side // unordered pairs of documents
	}{
		{"wire", "quantity", "killed", []side{{"wire", "indep"}}},
		// One contradiction per pair of values: the denial against the
		// earliest report.
		{"wire", "status", "", []side{{"wire", "denial"}}},
		{"hosp1", "place", "", []side{{"hosp1", "hosp2"}}},
		{"market1", "actor", "", []side{{"market1", "market2"}}},
		{"market1", "quantity", "killed", []side{{"market1", "market2"}}},
		{"ship1", "date", "", []side{{"ship1", "ship2"}}},
	}
	for _, tt := range tests {
		e := eventWith(t, s, tt.doc)
		var got []side
		for _, c := range e.Contradictions {
			if c.Kind != tt.kind || c.What != tt.what {
				continue
			}
			if c.A.Sentence.Text == "" || c.B.Sentence.Text == "" || c.A.Source == "" || c.B.Source == "" {
				t.Errorf("%s %s: contradiction without both sources and sentences: %+v", tt.doc, tt.kind, c)
			}
			p := side{c.A.Doc, c.B.Doc}
			if p.a > p.b {
				p.a, p.b = p.b, p.a
			}
			got = append(got, p)
		}
		for _, w := range tt.pairs {
			if w.a > w.b {
				w.a, w.b = w.b, w.a
			}
			if !slices.Contains(got, w) {
				t.Errorf("%s: no %s contradiction between %s and %s (got %v)", tt.doc, tt.kind, w.a, w.b, got)
			}
		}
	}
	// Copies of one report never contradict each other, and the ship
	// reports agree on the figure.
	for _, e := range s.Events {
		for _, c := range e.Contradictions {
			if (c.A.Doc == "wire" && c.B.Doc == "copy") || (c.A.Doc == "copy" && c.B.Doc == "wire") {
				t.Errorf("contradiction between a report and its copy: %+v", c)
			}
			if c.Kind == "quantity" && strings.HasPrefix(c.A.Doc, "ship") {
				t.Errorf("agreeing figures reported as contradiction: %+v", c)
			}
		}
	}
}

func TestConfidenceRewardsIndependentOrigins(t *testing.T) {
	single := newDoc("a", "Outlet A", "2015-10-01", "Russian warplanes struck an ammunition store outside Homs early on Wednesday morning.")
	addEvents(&single, ev{sent: 0, trigger: "struck", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30"})
	copyA := newDoc("b", "Outlet B", "2015-10-02", "Russian warplanes struck an ammunition store outside Homs early on Wednesday morning.")
	addEvents(&copyA, ev{sent: 0, trigger: "struck", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30"})
	other := newDoc("c", "Outlet C", "2015-10-02", "An ammunition depot near Homs exploded after a Russian air raid on Wednesday, witnesses said.")
	addEvents(&other, ev{sent: 0, trigger: "air raid", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30"})

	one := Fuse([]sitrep.Document{single}).Events[0].Confidence
	copied := Fuse([]sitrep.Document{single, copyA})
	two := Fuse([]sitrep.Document{single, other})
	if len(copied.Events) != 1 || len(two.Events) != 1 {
		t.Fatalf("want one fused event each, got %d and %d", len(copied.Events), len(two.Events))
	}
	if c := copied.Events[0].Confidence; c != one {
		t.Errorf("a copy changed confidence from %.3f to %.3f", one, c)
	}
	if c := two.Events[0].Confidence; c <= one {
		t.Errorf("an independent report did not raise confidence: %.3f <= %.3f", c, one)
	}
}

func mustJSON(t *testing.T, s sitrep.Situation) string {
	t.Helper()
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestOrderIndependence(t *testing.T) {
	docs := corpus()
	want := mustJSON(t, Fuse(docs))
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20; i++ {
		perm := slices.Clone(docs)
		r.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		if got := mustJSON(t, Fuse(perm)); got != want {
			var ids []string
			for _, d := range perm {
				ids = append(ids, d.Doc.ID)
			}
			t.Fatalf("order %v gives a different situation:\n%s\nwant:\n%s", ids, got, want)
		}
	}
}

func TestIncrementalEqualsBatch(t *testing.T) {
	docs := corpus()
	f := New(Options{})
	for i := range docs[:5] {
		if err := f.Add(&docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	partial := f.Situation()
	if got := len(eventWith(t, partial, "wire").Members); got != 5 {
		t.Errorf("partial snapshot: %d members, want 5", got)
	}
	for i := range docs[5:] {
		if err := f.Add(&docs[5+i]); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := mustJSON(t, f.Situation()), mustJSON(t, Fuse(docs)); got != want {
		t.Errorf("incremental result differs from batch:\n%s\nwant:\n%s", got, want)
	}
	if err := f.Add(&docs[0]); err == nil {
		t.Error("adding a document twice: no error")
	}
}

func TestThreadsAndTimeline(t *testing.T) {
	s := Fuse(corpus())
	for i := 1; i < len(s.Events); i++ {
		if s.Events[i].Date.Earliest < s.Events[i-1].Date.Earliest {
			t.Errorf("timeline out of order at %d: %s after %s", i, s.Events[i].Date.Earliest, s.Events[i-1].Date.Earliest)
		}
	}
	homs1, homs2 := eventWith(t, s, "wire"), eventWith(t, s, "later")
	if homs1.Thread == "" || homs1.Thread != homs2.Thread {
		t.Errorf("the two Homs strikes are in threads %q and %q, want one", homs1.Thread, homs2.Thread)
	}
	if off := eventWith(t, s, "offensive"); off.Thread == homs1.Thread {
		t.Errorf("the Syrian offensive joined the Russian thread %q", off.Thread)
	}
}

func TestWriteReport(t *testing.T) {
	docs := corpus()
	var buf bytes.Buffer
	if err := WriteReport(&buf, Fuse(docs), docs...); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"3 origins / 5 outlets",
		"CONTRADICTION quantity (killed)",
		"CONTRADICTION status",
		"hundreds",
		"around 1,500",
		"copy [Evening Paper] copies wire",
		"farm [Click Farm]: 100% of sentences from indep, wire",
		"[2015-09-30] ASSAULT Russian armed forces at Homs",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// Counts reported days apart may both be right. A chain of reports of one
// campaign gives no contradiction between its first and last figures; close
// figures conflict unless they are running totals ("since", "so far") that
// grow from one day's report to the next; a running total that shrinks
// does conflict.
func TestNoQuantityContradictionAcrossDistantDates(t *testing.T) {
	type report struct {
		day, text string
		sorties   float64
	}
	pairsOf := func(t *testing.T, rs []report) map[string]bool {
		t.Helper()
		var docs []sitrep.Document
		for i, c := range rs {
			d := newDoc(fmt.Sprintf("d%d", i), fmt.Sprintf("outlet%d", i), c.day+"T12:00:00Z", c.text)
			addEvents(&d, ev{sent: 0, trigger: "flown", typ: "ASSAULT", actor: russia, where: &homs, date: c.day,
				qty: []sitrep.Quantity{exact("sorties", c.sorties, fmt.Sprintf("%g sorties", c.sorties))}})
			docs = append(docs, d)
		}
		// A low threshold lets the reports of days apart chain, as they
		// do in dense corpora.
		e := eventWith(t, FuseWith(Options{LinkThreshold: 1.5}, docs), "d0")
		if len(e.Members) != len(rs) {
			t.Fatalf("%d members, want the %d reports fused", len(e.Members), len(rs))
		}
		pairs := map[string]bool{}
		for _, c := range e.Contradictions {
			if c.Kind == "quantity" {
				pairs[c.A.Doc+"-"+c.B.Doc] = true
			}
		}
		return pairs
	}
	t.Run("figures of close days conflict, distant ones not", func(t *testing.T) {
		pairs := pairsOf(t, []report{
			{"2015-10-01", "Russian jets have flown 112 sorties over Homs, the ministry said.", 112},
			{"2015-10-03", "The defence ministry in Moscow says its aircraft have flown 150 sorties around Homs.", 150},
			{"2015-10-05", "Russian pilots have flown 700 sorties in the Homs region, officials said.", 700},
		})
		if !pairs["d0-d1"] || !pairs["d1-d2"] || pairs["d0-d2"] {
			t.Errorf("quantity contradictions %v, want d0-d1 and d1-d2 only", pairs)
		}
	})
	t.Run("growing running totals do not conflict", func(t *testing.T) {
		pairs := pairsOf(t, []report{
			{"2015-10-01", "Russian jets have flown 112 sorties over Homs since the start of the operation, the ministry said.", 112},
			{"2015-10-03", "The defence ministry in Moscow says its aircraft have flown 150 sorties around Homs so far.", 150},
			{"2015-10-05", "Since the campaign began, Russian pilots have flown 700 sorties in the Homs region, officials said.", 700},
		})
		if len(pairs) != 0 {
			t.Errorf("quantity contradictions %v, want none between growing running totals", pairs)
		}
	})
	t.Run("a shrinking running total conflicts", func(t *testing.T) {
		pairs := pairsOf(t, []report{
			{"2015-10-01", "Russian jets have flown 300 sorties over Homs since the start of the operation, the ministry said.", 300},
			{"2015-10-03", "The defence ministry in Moscow says its aircraft have flown 150 sorties around Homs so far.", 150},
		})
		if !pairs["d0-d1"] {
			t.Errorf("quantity contradictions %v, want d0-d1", pairs)
		}
	})
}

// Events(doc) after each Add gives exactly the fused events of that
// document that a full Situation gives, threads aside.
func TestEventsMatchSituation(t *testing.T) {
	docs := corpus()
	f := New(Options{})
	for i := range docs {
		if err := f.Add(&docs[i]); err != nil {
			t.Fatal(err)
		}
		s := f.Situation()
		got := f.Events(docs[i].Doc.ID)
		var want []sitrep.FusedEvent
		for _, e := range s.Events {
			for _, m := range e.Members {
				if m.Doc == docs[i].Doc.ID {
					e.Thread = ""
					want = append(want, e)
					break
				}
			}
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if len(want) == 0 || string(g) != string(w) {
			t.Fatalf("after adding %s: Events gives\n%s\nSituation gives\n%s", docs[i].Doc.ID, g, w)
		}
	}
	if got := f.Events("no such document"); len(got) != 0 {
		t.Errorf("Events of an unknown document: %d events", len(got))
	}
}

// Origins(ids...) gives exactly the entries of Situation().Origins for
// those documents, after each Add (origins of earlier documents change as
// copies and earlier reports arrive), and NumEvents counts Situation's
// fused events.
func TestOriginsMatchSituation(t *testing.T) {
	check := func(t *testing.T, f *Fuser, ids []string) {
		t.Helper()
		s := f.Situation()
		if got := f.NumEvents(); got != len(s.Events) {
			t.Fatalf("NumEvents %d, Situation has %d events", got, len(s.Events))
		}
		byDoc := map[string]sitrep.DocOrigin{}
		for _, o := range s.Origins {
			byDoc[o.Doc] = o
		}
		for _, id := range ids {
			got := f.Origins(id)
			if len(got) != 1 {
				t.Fatalf("Origins(%s): %d records", id, len(got))
			}
			if g, w := jsonOf(t, got[0]), jsonOf(t, byDoc[id]); g != w {
				t.Fatalf("Origins(%s) after %d documents:\n%s\nSituation gives\n%s", id, f.Len(), g, w)
			}
		}
		if g, w := jsonOf(t, f.Origins(append(ids, ids...)...)), jsonOf(t, s.Origins); g != w {
			t.Fatalf("Origins of every document differs from Situation().Origins:\n%s\nwant\n%s", g, w)
		}
	}
	t.Run("corpus", func(t *testing.T) {
		docs := corpus()
		for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {7, 6, 5, 4, 3, 2, 1, 0}, {1, 4, 6, 0, 3, 7, 2, 5}} {
			f := New(Options{})
			var ids []string
			for _, i := range order {
				if i >= len(docs) {
					continue
				}
				if err := f.Add(&docs[i]); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, docs[i].Doc.ID)
				check(t, f, ids)
			}
		}
		if got := New(Options{}).Origins("no such document"); len(got) != 0 {
			t.Errorf("Origins of an unknown document: %v", got)
		}
	})
	t.Run("stream", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short mode")
		}
		// A stream with verbatim republications: copy groups, copies that
		// arrive before their origin's later copies, overlapping reports.
		gen := newStream(t, 5, 50)
		f := New(Options{})
		var ids []string
		for i := range 400 {
			d := gen.next()
			if err := f.Add(&d); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, d.Doc.ID)
			if i%50 == 49 {
				check(t, f, ids)
			}
		}
		copies := 0
		for _, o := range f.Origins(ids...) {
			if len(o.CopyOf) > 0 {
				copies++
			}
		}
		if copies == 0 {
			t.Error("the stream has no copies: the test does not exercise copy groups")
		}
	})
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
