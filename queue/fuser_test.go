package queue_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/queue"
	"github.com/sitrep/sitrep/store"
)

// flushLog records the Fuser's flushes.
type flushLog struct {
	mu  sync.Mutex
	all []queue.FlushStats
}

func (l *flushLog) add(s queue.FlushStats) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.all = append(l.all, s)
}

func (l *flushLog) list() []queue.FlushStats {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.all)
}

// reached reports whether a flush has written the fused events of n
// documents.
func (l *flushLog) reached(n int) bool {
	return slices.ContainsFunc(l.list(), func(s queue.FlushStats) bool { return s.Documents >= n })
}

// capture remembers the last situation written.
type capture struct {
	*probe
	mu   sync.Mutex
	last sitrep.Situation
}

func (c *capture) PutSituation(ctx context.Context, sit sitrep.Situation) error {
	c.mu.Lock()
	c.last = sit
	c.mu.Unlock()
	return c.probe.PutSituation(ctx, sit)
}

func (c *capture) lastWrite() sitrep.Situation {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// fuserRig runs one worker and one Fuser over a fresh NATS server.
type fuserRig struct {
	url         string
	flushes     *flushLog
	stopFuser   context.CancelFunc
	fuserDone   <-chan error
	workerDone  <-chan error
	stopWorkers context.CancelFunc
}

// incrementalOnly configures a Fuser whose flushes after the first are
// all incremental until it stops, where it makes a full one.
func incrementalOnly(l *flushLog) queue.FuserConfig {
	return queue.FuserConfig{
		FlushEvery: 20 * time.Millisecond, FlushDocs: 25,
		FullEvery: 1 << 30, IdleFull: time.Hour,
		// A notice delivered to a fetch as it times out comes back after
		// AckWait; keep that short, as the fetches are.
		AckWait: time.Second,
		OnFlush: l.add,
	}
}

func startRig(t *testing.T, proc queue.Processor, st queue.Store, fst queue.SituationStore, cfg queue.FuserConfig) *fuserRig {
	t.Helper()
	r := &fuserRig{url: startServer(t)}
	wctx, wcancel := context.WithCancel(context.Background())
	_, wjs := connect(t, r.url)
	_, r.workerDone = startWorker(t, wctx, wjs, proc, st, queue.WorkerConfig{})
	fctx, fcancel := context.WithCancel(context.Background())
	_, fjs := connect(t, r.url)
	r.fuserDone = startFuser(t, fctx, fjs, fst, cfg)
	r.stopFuser, r.stopWorkers = fcancel, wcancel
	t.Cleanup(func() { fcancel(); wcancel() })
	return r
}

// stop stops the Fuser (which makes its final full flush) and the worker.
func (r *fuserRig) stop(t *testing.T) {
	t.Helper()
	r.stopFuser()
	if err := <-r.fuserDone; err != nil {
		t.Errorf("fuser: %v", err)
	}
	r.stopWorkers()
	if err := <-r.workerDone; err != nil {
		t.Errorf("worker: %v", err)
	}
}

// storedDocuments reads every stored document back, as the Fuser's
// rebuild does.
func storedDocuments(t *testing.T, s queue.SituationStore) []sitrep.Document {
	t.Helper()
	ctx := context.Background()
	var out []sitrep.Document
	f := store.Filter{Limit: store.MaxLimit}
	for {
		page, err := s.Documents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range page.Items {
			d, err := s.Document(ctx, info.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, *d)
		}
		if page.Next == "" {
			return out
		}
		f.Cursor = page.Next
	}
}

func situationMembers(sit sitrep.Situation) map[string][]string {
	return fusedMembers(func(yield func(sitrep.FusedEvent) bool) {
		for _, e := range sit.Events {
			if !yield(e) {
				return
			}
		}
	})
}

// sameFusedEvents reports, as test errors, how the stored fused events
// differ from want: IDs and members; a member in two stored events is a
// stale event left behind.
func sameFusedEvents(t *testing.T, when string, got, want map[string][]string) {
	t.Helper()
	owner := map[string]string{}
	for id, ms := range got {
		for _, m := range ms {
			if other, dup := owner[m]; dup {
				t.Errorf("%s: event %s is in stored fused events %s and %s", when, m, other, id)
			}
			owner[m] = id
		}
	}
	if maps.EqualFunc(got, want, slices.Equal) {
		return
	}
	t.Errorf("%s: %d fused events stored, fuse.Fuse gives %d", when, len(got), len(want))
	for id, ms := range want {
		if !slices.Equal(got[id], ms) {
			t.Logf("  %s: stored %v, want %v", id, got[id], ms)
		}
	}
	for id, ms := range got {
		if _, ok := want[id]; !ok {
			t.Logf("  %s: stored %v, not in fuse.Fuse's result", id, ms)
		}
	}
}

// TestIncrementalFlushesMatchFuse streams documents through a Fuser whose
// flushes are incremental and checks that the stored fused events have the
// IDs and members of fuse.Fuse over the same documents after the last
// incremental flush, and that after the final full flush the store holds
// exactly fuse.Fuse's events (threads included) and origins.
func TestIncrementalFlushesMatchFuse(t *testing.T) {
	t.Run("mem", func(t *testing.T) { testIncrementalFlushes(t, memProbe()) })
	t.Run("postgres", func(t *testing.T) { testIncrementalFlushes(t, postgresProbe(t)) })
}

func testIncrementalFlushes(t *testing.T, st *probe) {
	const n = 450
	docs := syntheticDocs(n)
	log := &flushLog{}
	r := startRig(t, queue.ProcessorFunc(fakePipeline), st, st, incrementalOnly(log))
	// In three bursts, so that flushes see clusters grow across them.
	for i := 0; i < n; i += n / 3 {
		publishAll(t, r.url, docs[i:i+n/3])
		waitFor(t, fmt.Sprintf("%d documents fused", i+n/3), 60*time.Second, func() bool { return log.reached(i + n/3) })
	}
	want := fuse.Fuse(storedDocuments(t, st))
	if len(want.Events) >= n/2 {
		t.Fatalf("fusion merged little (%d fused events for %d documents); the check is weak", len(want.Events), n)
	}
	incremental := 0
	for _, s := range log.list()[1:] {
		if s.Full {
			t.Errorf("flush of %d documents was full; want only incremental flushes while running", s.Documents)
		}
		incremental++
	}
	if incremental < 3 {
		t.Fatalf("%d incremental flushes; the test needs several", incremental)
	}
	sameFusedEvents(t, "after incremental flushes", st.snap(), situationMembers(want))

	r.stop(t)
	all := log.list()
	if last := all[len(all)-1]; !last.Full || last.Documents != n {
		t.Fatalf("last flush %+v, want a full flush of %d documents on stopping", last, n)
	}
	sameFusedEvents(t, "after the final full flush", st.snap(), situationMembers(want))

	m, ok := st.Store.(*memStore)
	if !ok {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range want.Events {
		if got, want := mustJSON(t, m.fused[e.ID]), mustJSON(t, e); got != want {
			t.Errorf("stored fused event %s differs from fuse.Fuse's:\n%s\nwant\n%s", e.ID, got, want)
		}
	}
	if len(want.Threads) == 0 {
		t.Error("fuse.Fuse gives no story threads; the check of threads is vacuous")
	}
	for _, th := range want.Threads {
		if got, want := mustJSON(t, m.threads[th.ID]), mustJSON(t, th); got != want {
			t.Errorf("stored thread %s differs from fuse.Fuse's:\n%s\nwant\n%s", th.ID, got, want)
		}
	}
	for _, o := range want.Origins {
		if got, want := mustJSON(t, m.origins[o.Doc]), mustJSON(t, o); got != want {
			t.Errorf("stored origin of %s differs from fuse.Fuse's:\n%s\nwant\n%s", o.Doc, got, want)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// scripted is a Processor that codes each document as the table says.
type scripted map[string]sitrep.Document

func (s scripted) Run(ctx context.Context, d *sitrep.Document) error {
	c, ok := s[d.Doc.ID]
	if !ok {
		return errors.New("scripted: unknown document " + d.Doc.ID)
	}
	d.Doc.Text, d.Sentences, d.Events = c.Doc.Text, c.Sentences, c.Events
	return nil
}

// strikeDoc is a one-sentence document reporting an air strike on date
// (YYYY-MM-DD) at place.
func strikeDoc(id, published, sentence, place, date string) sitrep.Document {
	d := sitrep.Document{Doc: sitrep.Doc{ID: id, Source: "outlet " + id, Published: published, Raw: sentence, Text: sentence}}
	d.Sentences = []sitrep.Sentence{{Span: sitrep.Span{Start: 0, End: len(sentence)}}}
	at := strings.Index(sentence, "struck")
	d.Events = []sitrep.Event{{
		ID: id + "/e0", Type: "ASSAULT", Mode: "aerial", CAMEO: "195",
		Trigger:  sitrep.Mention{Span: sitrep.Span{Start: at, End: at + len("struck")}, Text: "struck"},
		Actor:    &sitrep.EventActor{ID: "kb:RUS-MIL", Name: "Russian military", Country: "RUS", CAMEO: "RUSMIL"},
		Location: &sitrep.Location{Name: place, Country: "SYR", Precision: sitrep.PrecisionPoint, Lat: placeCoords[place][0], Lon: placeCoords[place][1]},
		Date:     sitrep.EventDate{Date: sitrep.Date{Value: date, Earliest: date, Latest: date, Precision: "day"}},
		Status:   sitrep.Asserted, Attribution: sitrep.Attribution{Source: "outlet:" + id, Name: "outlet " + id},
		Sentence: sitrep.SentenceRef{Span: d.Sentences[0].Span, Text: sentence}, Confidence: 0.8,
	}}
	return d
}

// TestIncrementalFlushMergesClusters stores two reports that fuse into two
// fused events, then a third whose one event joins both: it repeats the
// first report's sentence word for word (so it links to that report's
// event whatever its date) and gives the second report's date and place.
// The incremental flush that writes it must leave exactly the merged event
// in the store, under the ID fuse.Fuse gives: the first report's when the
// bridge is published later, the bridge's own when it is published first.
func TestIncrementalFlushMergesClusters(t *testing.T) {
	first := "Russian warplanes struck a weapons depot on the outskirts of Homs early on Tuesday, residents and a monitoring group said."
	second := "Government aircraft and their allies struck positions held by insurgents near Hama on Thursday, local activists reported."
	for _, tc := range []struct {
		name, bridgePublished, wantID string
	}{
		{"later bridge", "2015-10-09", "fe:a/e0"},
		{"earlier bridge renames", "2015-10-01", "fe:c/e0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := strikeDoc("a", "2015-10-06", first, "Homs", "2015-10-06")
			b := strikeDoc("b", "2015-10-08", second, "Hama", "2015-10-08")
			c := strikeDoc("c", tc.bridgePublished, first, "Hama", "2015-10-08")
			// Preconditions on fusion itself, so the test cannot pass
			// vacuously: a and b apart, all three together.
			if got := fuse.Fuse([]sitrep.Document{a, b}); len(got.Events) != 2 {
				t.Fatalf("a and b fuse into %d events, want 2", len(got.Events))
			}
			want := fuse.Fuse([]sitrep.Document{a, b, c})
			if len(want.Events) != 1 || want.Events[0].ID != tc.wantID || len(want.Events[0].Members) != 3 {
				t.Fatalf("a, b and c fuse into %s, want one event %s of 3 members", mustJSON(t, situationMembers(want)), tc.wantID)
			}

			st := memProbe()
			log := &flushLog{}
			r := startRig(t, scripted{"a": a, "b": b, "c": c}, st, st, incrementalOnly(log))
			publishAll(t, r.url, []*sitrep.Document{rawOf(a), rawOf(b)})
			waitFor(t, "a and b fused", 30*time.Second, func() bool { return log.reached(2) })
			if got := st.snap(); len(got) != 2 {
				t.Fatalf("after a and b: %d fused events stored, want 2: %v", len(got), got)
			}
			publishAll(t, r.url, []*sitrep.Document{rawOf(c)})
			waitFor(t, "c fused", 30*time.Second, func() bool { return log.reached(3) })
			all := log.list()
			if s := all[len(all)-1]; s.Full || s.Fused != 1 || s.Written != 1 {
				t.Errorf("flush of c: %+v, want an incremental flush building and writing 1 fused event", s)
			}
			sameFusedEvents(t, "after the incremental flush of c", st.snap(), situationMembers(want))
			r.stop(t)
		})
	}
}

// rawOf returns the document as ingested, the scripted Processor codes
// it; its raw text carries its ID, so that documents the processor gives
// the same text are still distinct (by hash) on the queue.
func rawOf(d sitrep.Document) *sitrep.Document {
	return &sitrep.Document{Doc: sitrep.Doc{ID: d.Doc.ID, Source: d.Doc.Source, Published: d.Doc.Published, Raw: d.Doc.Raw + " [" + d.Doc.ID + "]"}}
}

// spreadDocs returns n documents in groups of three that report the same
// strike; each group's strike is four days from the next group's, so
// groups never fuse with each other: n/3 fused events.
func spreadDocs(n int) (scripted, []*sitrep.Document) {
	places := []string{"Homs", "Hama", "Idlib", "Latakia", "Aleppo", "Palmyra", "Raqqa"}
	outlets := []string{"Reuters", "TASS", "Al Jazeera"}
	table := scripted{}
	var raw []*sitrep.Document
	start := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		g := i / 3
		day := start.AddDate(0, 0, 4*g).Format("2006-01-02")
		place := places[g%len(places)]
		sentence := fmt.Sprintf("Russian warplanes struck targets near %s on %s, killing %d people, %s reported in item %d of its feed.",
			place, day, 10+g%50, outlets[i%3], i)
		d := strikeDoc(fmt.Sprintf("spread-%05d", i), day, sentence, place, day)
		d.Doc.Source = outlets[i%3]
		table[d.Doc.ID] = d
		raw = append(raw, rawOf(d))
	}
	return table, raw
}

// TestIncrementalFlushWritesOnlyWhatChanged adds one document to a corpus
// of many fused events: the incremental flush must build only the fused
// events holding a report of it (what fuse.Fuser.Events gives) and write
// only those that changed, plus its origin record, not the corpus.
func TestIncrementalFlushWritesOnlyWhatChanged(t *testing.T) {
	const n = 600
	table, docs := spreadDocs(n + 1)
	st := &capture{probe: memProbe()}
	log := &flushLog{}
	r := startRig(t, table, st, st, incrementalOnly(log))
	publishAll(t, r.url, docs[:n])
	waitFor(t, "the corpus fused", 60*time.Second, func() bool { return log.reached(n) })
	publishAll(t, r.url, docs[n:])
	waitFor(t, "the last document fused", 30*time.Second, func() bool { return log.reached(n + 1) })

	// What the flush should have built: the fused events of the new
	// document, from a fuse.Fuser over the same stored documents.
	stored := storedDocuments(t, st)
	fz := fuse.New(fuse.Options{})
	for i := range stored {
		if err := fz.Add(&stored[i]); err != nil {
			t.Fatal(err)
		}
	}
	touched := fz.Events(docs[n].Doc.ID)
	all := log.list()
	s := all[len(all)-1]
	if s.Full || s.Added != 1 || s.Documents != n+1 {
		t.Fatalf("last flush %+v, want an incremental flush of 1 document of %d", s, n+1)
	}
	if s.Events != fz.NumEvents() {
		t.Errorf("flush reports %d fused events in the situation, fuse.Fuser has %d", s.Events, fz.NumEvents())
	}
	if s.Events < 100 {
		t.Fatalf("only %d fused events in the corpus; the test needs many", s.Events)
	}
	if s.Fused != len(touched) || s.Written > s.Fused || s.Written == 0 || s.Origins != 1 {
		t.Errorf("incremental flush built %d and wrote %d fused events and %d origin records; want %d built (those of the new document), at most that many and at least one written, 1 origin",
			s.Fused, s.Written, s.Origins, len(touched))
	}
	w := st.lastWrite()
	if len(w.Events) != s.Written || len(w.Origins) != 1 || len(w.Threads) != 0 {
		t.Errorf("last write carried %d fused events, %d origins, %d threads; want %d, 1, 0", len(w.Events), len(w.Origins), len(w.Threads), s.Written)
	}
	for _, e := range w.Events {
		if !slices.ContainsFunc(e.Members, func(m sitrep.Member) bool { return m.Doc == docs[n].Doc.ID }) {
			t.Errorf("incremental flush wrote fused event %s, which holds no report of the new document", e.ID)
		}
	}
	sameFusedEvents(t, "after the incremental flush", st.snap(), situationMembers(fuse.Fuse(stored)))
	r.stop(t)
}
