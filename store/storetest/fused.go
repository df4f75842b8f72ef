package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// fusedOf returns a fused event of the e1 events of docs named id, whose
// members are their own origins.
func fusedOf(id string, docs ...*sitrep.Document) sitrep.FusedEvent {
	f := Situation(docs).Events[0]
	f.ID = id
	return f
}

// allFused lists every stored fused event.
func allFused(t *testing.T, s store.Store) []store.StoredFused {
	t.Helper()
	p, err := s.FusedEvents(context.Background(), store.Filter{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return p.Items
}

// checkOneFusedPerReport fails when a report is a member of two stored
// fused events.
func checkOneFusedPerReport(t *testing.T, s store.Store) {
	t.Helper()
	in := map[string]string{}
	for _, f := range allFused(t, s) {
		for _, m := range f.Members {
			k := m.Doc + "/" + m.Event
			if prev, dup := in[k]; dup {
				t.Errorf("report %s is in fused events %s and %s", k, prev, f.ID)
			}
			in[k] = f.ID
		}
	}
}

func testSupersede(t *testing.T, s store.Store) {
	ctx := context.Background()
	all := docs(3)
	put(t, s, all...)
	if err := s.PutSituation(ctx, sitrep.Situation{Events: []sitrep.FusedEvent{fusedOf("fe:doc-001/e1", all[1], all[2])}}); err != nil {
		t.Fatal(err)
	}
	// An earlier report arrives: fuse renames the grown event after it.
	if err := s.PutSituation(ctx, sitrep.Situation{Events: []sitrep.FusedEvent{fusedOf("fe:doc-000/e1", all...)}}); err != nil {
		t.Fatal(err)
	}
	got := allFused(t, s)
	if len(got) != 1 || got[0].ID != "fe:doc-000/e1" || len(got[0].Members) != 3 {
		t.Fatalf("after the grown event: %d fused events %+v, want only fe:doc-000/e1 with 3 members", len(got), got)
	}
	if _, err := s.FusedEvent(ctx, "fe:doc-001/e1"); err == nil {
		t.Error("superseded fused event still readable")
	}
	ev, err := s.Event(ctx, "doc-002", "e1")
	if err != nil {
		t.Fatal(err)
	}
	if ev.Event.Fused != "fe:doc-000/e1" || ev.Event.Origins != 3 {
		t.Errorf("event links to %q with %d origins, want fe:doc-000/e1 with 3", ev.Event.Fused, ev.Event.Origins)
	}
}

func testMergeFused(t *testing.T, s store.Store) {
	ctx := context.Background()
	all := docs(3)
	put(t, s, all...)
	// A new fused event stores as it is.
	got, err := s.MergeFused(ctx, fusedOf("fe:doc-001/e1", all[1]), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "fe:doc-001/e1" || len(got.Members) != 1 {
		t.Fatalf("first merge stored %+v", got)
	}
	// A report of the same event from an earlier document: the union is
	// stored under the earliest report's name and the old one is gone.
	got, err = s.MergeFused(ctx, fusedOf("fe:doc-000/e1", all[0], all[1]), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "fe:doc-000/e1" || len(got.Members) != 2 || got.Origins != 2 || got.Outlets != 2 {
		t.Fatalf("second merge stored %s with %d members, %d origins, %d outlets; want fe:doc-000/e1, 2, 2, 2",
			got.ID, len(got.Members), got.Origins, got.Outlets)
	}
	// A worker with a stale view (it never saw doc-000) adds doc-002: no
	// member is lost.
	got, err = s.MergeFused(ctx, fusedOf("fe:doc-001/e1", all[1], all[2]), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "fe:doc-000/e1" || len(got.Members) != 3 || got.Origins != 3 {
		t.Fatalf("stale merge stored %s with %d members, %d origins; want fe:doc-000/e1, 3, 3", got.ID, len(got.Members), got.Origins)
	}
	stored := allFused(t, s)
	if len(stored) != 1 {
		t.Fatalf("%d fused events stored, want 1", len(stored))
	}
	a, _ := json.Marshal(stored[0].FusedEvent)
	b, _ := json.Marshal(got)
	if string(a) != string(b) {
		t.Errorf("MergeFused returned\n%s\nbut stored\n%s", b, a)
	}
	// A caller's merge function decides the result.
	custom := func(in sitrep.FusedEvent, st []sitrep.FusedEvent) sitrep.FusedEvent {
		in.Confidence = float64(len(st))
		return in
	}
	got, err = s.MergeFused(ctx, fusedOf("fe:x", all[2]), custom)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "fe:x" || got.Confidence != 1 || len(allFused(t, s)) != 1 {
		t.Errorf("custom merge: stored %+v; fused events %d", got, len(allFused(t, s)))
	}
	if _, err := s.MergeFused(ctx, sitrep.FusedEvent{}, nil); err == nil {
		t.Error("MergeFused without ID succeeded")
	}
	checkOneFusedPerReport(t, s)
}

// testMergeConcurrent is the NATS worker case: workers that each read the
// same fused event and add their own report to it, at the same time.
func testMergeConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	const n = 8
	all := docs(n + 1)
	put(t, s, all...)
	if _, err := s.MergeFused(ctx, fusedOf("fe:doc-000/e1", all[0]), nil); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 1; i <= n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("fe:%s/e1", all[i].Doc.ID)
			if _, err := s.MergeFused(ctx, fusedOf(id, all[0], all[i]), nil); err != nil {
				t.Errorf("worker %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	got := allFused(t, s)
	if len(got) != 1 {
		t.Fatalf("%d fused events after concurrent merges, want 1", len(got))
	}
	f := got[0]
	var members []string
	for _, m := range f.Members {
		members = append(members, m.Doc)
	}
	sort.Strings(members)
	if f.ID != "fe:doc-000/e1" || len(members) != n+1 || f.Origins != n+1 {
		t.Errorf("after %d concurrent merges: %s with members %v and %d origins; want fe:doc-000/e1 with all %d", n, f.ID, members, f.Origins, n+1)
	}
	ev, err := s.Events(ctx, store.Filter{MinOrigins: n + 1})
	if err != nil || len(ev.Items) != n+1 {
		t.Errorf("events of the merged event: %d, %v; want %d", len(ev.Items), err, n+1)
	}
	checkOneFusedPerReport(t, s)
}

// testSituationConcurrent stores overlapping situations from several
// goroutines: none fails, and no report ends up in two fused events.
func testSituationConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	const n = 6
	all := docs(n)
	put(t, s, all...)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sit := Situation(all[:i+1])
			sit.Events[0].ID = fmt.Sprintf("fe:view-%d", i) // each writer names it differently
			if err := s.PutSituation(ctx, sit); err != nil {
				t.Errorf("writer %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	got := allFused(t, s)
	if len(got) != 1 {
		t.Errorf("%d fused events after overlapping situations, want 1 (the last writer's)", len(got))
	}
	checkOneFusedPerReport(t, s)
}

// testHostileStrings stores text with NUL bytes and invalid UTF-8, which
// web pages can hold and PostgreSQL text columns refuse.
func testHostileStrings(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := Doc(0)
	d.Doc.Title = "nul\x00byte"
	d.Doc.Source = "Bad\xffSource"
	d.Entities[0].Name = "Russian\x00Air Force"
	d.Events[0].Actor.Name = "\xfe\xff"
	put(t, s, d)
	got, err := s.Document(ctx, d.Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	// JSON writes invalid UTF-8 as the escape \ufffd, and the decoded
	// replacement character literally; compare decoded forms.
	raw, _ := json.Marshal(d)
	var norm sitrep.Document
	if err := json.Unmarshal(raw, &norm); err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(norm)
	gotJSON, _ := json.Marshal(got)
	if string(gotJSON) != string(want) {
		t.Errorf("record changed:\n got %s\nwant %s", gotJSON, want)
	}
	for _, f := range []store.Filter{{Source: "x\x00y"}, {Actor: "\xff"}, {Place: "\x00"}} {
		if _, err := s.Events(ctx, f); err != nil {
			t.Errorf("Events(%q): %v", fmt.Sprint(f), err)
		}
	}
}
