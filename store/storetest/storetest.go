// Package storetest is the conformance suite every store backend runs
// from its own tests, so that SQLite and PostgreSQL answer alike.
//
// It consumes a function that opens a fresh, empty store.Store; it
// produces test failures. Its fixtures (Doc, Situation) are synthetic
// records written for these tests.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// Opener returns a fresh, empty store; it should register its own cleanup
// with t.Cleanup. Run closes the store at the end of each test.
type Opener func(t *testing.T) store.Store

// Run runs the conformance suite.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"PutIdempotent", testPutIdempotent},
		{"DocumentRoundTrip", testRoundTrip},
		{"PutConcurrentSame", testConcurrentSame},
		{"PutInvalid", testPutInvalid},
		{"DocumentFilters", testDocumentFilters},
		{"EventFilters", testEventFilters},
		{"Pagination", testPagination},
		{"BadCursorAndFilter", testBadCursor},
		{"Entities", testEntities},
		{"SituationAndProvenance", testSituation},
		{"Delete", testDelete},
		{"Stats", testStats},
		{"Supersede", testSupersede},
		{"MergeFused", testMergeFused},
		{"MergeConcurrent", testMergeConcurrent},
		{"SituationConcurrent", testSituationConcurrent},
		{"HostileStrings", testHostileStrings},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
			tc.fn(t, s)
		})
	}
}

func put(t *testing.T, s store.Store, docs ...*sitrep.Document) {
	t.Helper()
	for _, d := range docs {
		ok, err := s.PutDocument(context.Background(), d)
		if err != nil {
			t.Fatalf("PutDocument(%s): %v", d.Doc.ID, err)
		}
		if !ok {
			t.Fatalf("PutDocument(%s) = not stored, want stored", d.Doc.ID)
		}
	}
}

func docs(n int) []*sitrep.Document {
	out := make([]*sitrep.Document, n)
	for i := range out {
		out[i] = Doc(i)
	}
	return out
}

func testPutIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := Doc(0)
	put(t, s, d)

	sameURL := Doc(1)
	sameURL.Doc.URL = d.Doc.URL
	sameHash := Doc(2)
	sameHash.Doc.Hash = d.Doc.Hash
	sameID := Doc(3)
	sameID.Doc.ID = d.Doc.ID
	for _, tc := range []struct {
		name string
		doc  *sitrep.Document
	}{
		{"same document", Doc(0)},
		{"same URL", sameURL},
		{"same hash", sameHash},
		{"same ID", sameID},
	} {
		ok, err := s.PutDocument(ctx, tc.doc)
		if err != nil {
			t.Fatalf("%s: PutDocument: %v", tc.name, err)
		}
		if ok {
			t.Errorf("%s: stored again, want deduplicated", tc.name)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 1 || st.Events != len(d.Events) || st.Entities != len(d.Entities) {
		t.Errorf("after duplicates: %d documents, %d events, %d entities; want 1, %d, %d",
			st.Documents, st.Events, st.Entities, len(d.Events), len(d.Entities))
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := Doc(4)
	put(t, s, d)
	got, err := s.Document(ctx, d.Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(d)
	gotJSON, _ := json.Marshal(got)
	if string(gotJSON) != string(want) {
		t.Errorf("round trip changed the record:\n got %s\nwant %s", gotJSON, want)
	}
	if _, err := s.Document(ctx, "no-such-doc"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(missing) error = %v, want ErrNotFound", err)
	}
}

func testConcurrentSame(t *testing.T, s store.Store) {
	const n = 6
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := 0
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.PutDocument(context.Background(), Doc(5))
			if err != nil {
				t.Errorf("concurrent PutDocument: %v", err)
				return
			}
			if ok {
				mu.Lock()
				stored++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if stored != 1 {
		t.Errorf("%d concurrent puts of one document stored it %d times, want once", n, stored)
	}
}

func testPutInvalid(t *testing.T, s store.Store) {
	d := Doc(0)
	d.Doc.ID = ""
	if _, err := s.PutDocument(context.Background(), d); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("PutDocument without ID: error = %v, want ErrInvalid", err)
	}
	if _, err := s.PutDocument(context.Background(), nil); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("PutDocument(nil): error = %v, want ErrInvalid", err)
	}
}

func docIDs(p store.Page[store.DocumentInfo]) []string {
	ids := []string{}
	for _, d := range p.Items {
		ids = append(ids, d.ID)
	}
	return ids
}

func testDocumentFilters(t *testing.T, s store.Store) {
	ctx := context.Background()
	all := docs(6)
	put(t, s, all...)
	noRecipient := Doc(6)
	noRecipient.Entities = noRecipient.Entities[:1]
	noRecipient.Events = noRecipient.Events[1:]
	put(t, s, noRecipient)
	tests := []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"all", store.Filter{}, []string{"doc-000", "doc-001", "doc-002", "doc-003", "doc-004", "doc-005", "doc-006"}},
		{"source any case", store.Filter{Source: "reuters"}, []string{"doc-000", "doc-003", "doc-006"}},
		{"from", store.Filter{From: "2015-10-05"}, []string{"doc-004", "doc-005", "doc-006"}},
		{"from to", store.Filter{From: "2015-10-02", To: "2015-10-03"}, []string{"doc-001", "doc-002"}},
		{"month prefix", store.Filter{To: "2015-10"}, []string{"doc-000", "doc-001", "doc-002", "doc-003", "doc-004", "doc-005", "doc-006"}},
		{"actor name", store.Filter{Actor: "REBELS"}, []string{"doc-000", "doc-001", "doc-002", "doc-003", "doc-004", "doc-005"}},
		{"event type", store.Filter{Type: "assault"}, []string{"doc-000", "doc-001", "doc-002", "doc-003", "doc-004", "doc-005"}},
		{"place", store.Filter{Place: "homs", Source: "AP"}, []string{"doc-001", "doc-004"}},
		{"nothing", store.Filter{Source: "BBC"}, []string{}},
	}
	for _, tc := range tests {
		p, err := s.Documents(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := docIDs(p); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
		for _, d := range p.Items {
			if d.Events == 0 || d.Hash == "" || d.Stored == "" {
				t.Errorf("%s: document %s lacks metadata: %+v", tc.name, d.ID, d)
			}
		}
	}
}

func eventKeys(p store.Page[store.StoredEvent]) []string {
	keys := []string{}
	for _, e := range p.Items {
		keys = append(keys, e.Doc+"/"+e.ID)
	}
	return keys
}

func testEventFilters(t *testing.T, s store.Store) {
	ctx := context.Background()
	all := docs(3)
	put(t, s, all...)
	if err := s.PutSituation(ctx, Situation(all[:2])); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"all in date order", store.Filter{}, []string{"doc-000/e1", "doc-000/e2", "doc-001/e1", "doc-001/e2", "doc-002/e1", "doc-002/e2"}},
		{"type", store.Filter{Type: "ASSAULT"}, []string{"doc-000/e1", "doc-001/e1", "doc-002/e1"}},
		{"actor id", store.Filter{Actor: "kb:SYRREB"}, []string{"doc-000/e1", "doc-001/e1", "doc-002/e1"}},
		{"actor name", store.Filter{Actor: "air force", Source: "TASS"}, []string{"doc-002/e1"}},
		{"date range", store.Filter{From: "2015-10-02", To: "2015-10-02"}, []string{"doc-001/e1", "doc-001/e2"}},
		{"bbox around Homs", store.Filter{BBox: &[4]float64{36.5, 34.5, 37, 35}}, []string{"doc-000/e1", "doc-001/e1", "doc-002/e1"}},
		{"bbox empty", store.Filter{BBox: &[4]float64{0, 0, 1, 1}}, []string{}},
		{"place id", store.Filter{Place: "geonames:173576", To: "2015-10-01"}, []string{"doc-000/e2"}},
		{"place name", store.Filter{Place: "Latakia Governorate", Source: "ap"}, []string{"doc-001/e2"}},
		{"status", store.Filter{Status: sitrep.Claimed, From: "2015-10-03"}, []string{"doc-002/e2"}},
		{"min origins", store.Filter{MinOrigins: 2}, []string{"doc-000/e1", "doc-001/e1"}},
		{"min origins too high", store.Filter{MinOrigins: 3}, []string{}},
		{"min origins one is no filter", store.Filter{MinOrigins: 1, Type: "MOBILIZE"}, []string{"doc-000/e2", "doc-001/e2", "doc-002/e2"}},
	}
	for _, tc := range tests {
		p, err := s.Events(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := eventKeys(p); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
	p, err := s.Events(ctx, store.Filter{Type: "ASSAULT"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Items {
		fused := e.Doc != "doc-002"
		if got := e.Fused != ""; got != fused {
			t.Errorf("event %s/%s fused = %q, want fused %v", e.Doc, e.ID, e.Fused, fused)
		}
		if fused && e.Origins != 2 {
			t.Errorf("event %s/%s origins = %d, want 2", e.Doc, e.ID, e.Origins)
		}
		if e.URL == "" || e.Published == "" || e.Source == "" || e.Sentence.Text == "" {
			t.Errorf("event %s/%s lacks citation fields: %+v", e.Doc, e.ID, e)
		}
	}
}

func testPagination(t *testing.T, s store.Store) {
	ctx := context.Background()
	all := docs(7)
	put(t, s, all...)
	full, err := s.Events(ctx, store.Filter{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Items) != 14 || full.Next != "" {
		t.Fatalf("one big page: %d items, next %q; want 14 and no next", len(full.Items), full.Next)
	}
	for _, limit := range []int{1, 3, 5, 14} {
		var got []string
		f := store.Filter{Limit: limit}
		for pages := 0; ; pages++ {
			if pages > 20 {
				t.Fatalf("limit %d: pagination does not end", limit)
			}
			p, err := s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Items) > limit {
				t.Fatalf("limit %d: page of %d", limit, len(p.Items))
			}
			got = append(got, eventKeys(p)...)
			if p.Next == "" {
				break
			}
			f.Cursor = p.Next
		}
		if want := eventKeys(full); !reflect.DeepEqual(got, want) {
			t.Errorf("limit %d: pages give %v, want %v", limit, got, want)
		}
	}
	// Every list pages.
	dp, err := s.Documents(ctx, store.Filter{Limit: 4})
	if err != nil || len(dp.Items) != 4 || dp.Next == "" {
		t.Fatalf("documents page 1: %d items, next %q, err %v", len(dp.Items), dp.Next, err)
	}
	dp2, err := s.Documents(ctx, store.Filter{Limit: 4, Cursor: dp.Next})
	if err != nil || len(dp2.Items) != 3 || dp2.Next != "" {
		t.Fatalf("documents page 2: %d items, next %q, err %v", len(dp2.Items), dp2.Next, err)
	}
	ep, err := s.Entities(ctx, store.Filter{Limit: 1})
	if err != nil || len(ep.Items) != 1 || ep.Next == "" {
		t.Fatalf("entities page 1: %+v, err %v", ep, err)
	}
	ep2, err := s.Entities(ctx, store.Filter{Limit: 1, Cursor: ep.Next})
	if err != nil || len(ep2.Items) != 1 || ep2.Next != "" || ep2.Items[0].ID == ep.Items[0].ID {
		t.Fatalf("entities page 2: %+v, err %v", ep2, err)
	}
}

func testBadCursor(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, docs(3)...)
	p, err := s.Documents(ctx, store.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"%%%", "bm90LWEtY3Vyc29y", p.Next} {
		if _, err := s.Events(ctx, store.Filter{Cursor: c}); !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("Events(cursor %q) error = %v, want ErrBadCursor", c, err)
		}
	}
	for _, f := range []store.Filter{
		{Limit: -1},
		{MinOrigins: -2},
		{From: "October"},
		{From: "2015-11-01", To: "2015-10-01"},
		{BBox: &[4]float64{10, 0, 5, 1}},
		{BBox: &[4]float64{-200, 0, 5, 1}},
	} {
		if _, err := s.Events(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("Events(%+v) error = %v, want ErrBadFilter", f, err)
		}
	}
}

func testEntities(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, docs(4)...)
	p, err := s.Entities(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 2 {
		t.Fatalf("entities: got %d, want 2: %+v", len(p.Items), p.Items)
	}
	for _, e := range p.Items {
		if e.Documents != 4 || e.Mentions != 4 || !e.Known || e.Name == "" {
			t.Errorf("entity %s: %+v, want 4 documents, 4 mentions, known", e.ID, e)
		}
	}
	for _, tc := range []struct {
		f    store.Filter
		want string
	}{
		{store.Filter{Type: "armed_group"}, "kb:SYRREB"},
		{store.Filter{Actor: "air"}, "kb:RUSAF"},
		{store.Filter{Actor: "kb:RUSAF", Source: "AP"}, "kb:RUSAF"},
	} {
		p, err := s.Entities(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 1 || p.Items[0].ID != tc.want {
			t.Errorf("Entities(%+v) = %+v, want only %s", tc.f, p.Items, tc.want)
		}
	}
	p, err = s.Entities(ctx, store.Filter{Source: "AP"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Items {
		if e.Documents != 1 {
			t.Errorf("entity %s within AP: %d documents, want 1", e.ID, e.Documents)
		}
	}
	d, err := s.Entity(ctx, "kb:RUSAF")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.InDocuments) != 4 || len(d.InDocuments[0].Mentions) != 1 || d.InDocuments[0].Mentions[0].Text != "Russian jets" {
		t.Errorf("Entity detail: %+v", d)
	}
	if _, err := s.Entity(ctx, "kb:nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Entity(missing) error = %v, want ErrNotFound", err)
	}
}

func testSituation(t *testing.T, s store.Store) {
	ctx := context.Background()
	all := docs(4)
	put(t, s, all...)
	sit := Situation(all[:3])
	for range 2 { // upserting twice changes nothing
		if err := s.PutSituation(ctx, sit); err != nil {
			t.Fatal(err)
		}
	}
	fp, err := s.FusedEvents(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fp.Items) != 1 || fp.Items[0].ID != "f-assault" || len(fp.Items[0].Members) != 3 || fp.Items[0].Origins != 3 {
		t.Fatalf("fused events: %+v", fp.Items)
	}
	for _, tc := range []struct {
		f    store.Filter
		want int
	}{
		{store.Filter{Source: "tass"}, 1},
		{store.Filter{MinOrigins: 3}, 1},
		{store.Filter{MinOrigins: 4}, 0},
		{store.Filter{Type: "MOBILIZE"}, 0},
		{store.Filter{Actor: "kb:RUSAF", From: "2015-10-01", To: "2015-10-01"}, 1},
		{store.Filter{BBox: &[4]float64{0, 0, 1, 1}}, 0},
	} {
		p, err := s.FusedEvents(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != tc.want {
			t.Errorf("FusedEvents(%+v): %d items, want %d", tc.f, len(p.Items), tc.want)
		}
	}

	// The situation shrinks: the upsert replaces the fused event's members.
	if err := s.PutSituation(ctx, Situation(all[:2])); err != nil {
		t.Fatal(err)
	}
	fd, err := s.FusedEvent(ctx, "f-assault")
	if err != nil {
		t.Fatal(err)
	}
	if len(fd.Members) != 2 || len(fd.Evidence) != 2 || fd.Origins != 2 {
		t.Fatalf("after shrinking: %d members, %d evidence, %d origins; want 2, 2, 2", len(fd.Members), len(fd.Evidence), fd.Origins)
	}
	for i, e := range fd.Evidence {
		d := all[i]
		if e.Doc != d.Doc.ID || e.URL != d.Doc.URL || e.Title != d.Doc.Title || e.Trigger == nil ||
			d.Doc.Text[e.Sentence.Start:e.Sentence.End] != e.Sentence.Text || e.Attribution.Source == "" {
			t.Errorf("evidence %d: %+v", i, e)
		}
	}
	if e, err := s.Events(ctx, store.Filter{Source: "TASS", Type: "ASSAULT", To: "2015-10-03"}); err != nil || len(e.Items) != 1 || e.Items[0].Fused != "" {
		t.Errorf("member dropped by the upsert still linked: %+v, %v", e.Items, err)
	}

	det, err := s.Event(ctx, "doc-001", "e1")
	if err != nil {
		t.Fatal(err)
	}
	if det.Fused == nil || det.Fused.ID != "f-assault" {
		t.Fatalf("event provenance lacks its fused event: %+v", det.Fused)
	}
	if len(det.Evidence) != 2 || det.Evidence[0].Doc != "doc-001" || det.Evidence[1].Doc != "doc-000" {
		t.Errorf("event evidence: own first, then the other member; got %+v", det.Evidence)
	}
	if tr := det.Evidence[0].Trigger; tr == nil || all[1].Doc.Text[tr.Start:tr.End] != "struck" {
		t.Errorf("event evidence trigger: %+v", tr)
	}
	solo, err := s.Event(ctx, "doc-003", "e2")
	if err != nil {
		t.Fatal(err)
	}
	if solo.Fused != nil || len(solo.Evidence) != 1 || solo.Evidence[0].Attribution.Cue != "said" {
		t.Errorf("unfused event provenance: %+v", solo)
	}
	for _, key := range [][2]string{{"doc-001", "e9"}, {"doc-999", "e1"}} {
		if _, err := s.Event(ctx, key[0], key[1]); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Event(%v) error = %v, want ErrNotFound", key, err)
		}
	}
	if _, err := s.FusedEvent(ctx, "f-none"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FusedEvent(missing) error = %v, want ErrNotFound", err)
	}
	if err := s.PutSituation(ctx, sitrep.Situation{Events: []sitrep.FusedEvent{{}}}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("PutSituation(fused event without ID) error = %v, want ErrInvalid", err)
	}
}

func testDelete(t *testing.T, s store.Store) {
	ctx := context.Background()
	all := docs(2)
	put(t, s, all...)
	if err := s.PutSituation(ctx, Situation(all)); err != nil {
		t.Fatal(err)
	}
	found, err := s.DeleteDocument(ctx, "doc-000")
	if err != nil || !found {
		t.Fatalf("DeleteDocument = %v, %v; want found", found, err)
	}
	found, err = s.DeleteDocument(ctx, "doc-000")
	if err != nil || found {
		t.Fatalf("second DeleteDocument = %v, %v; want not found", found, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 1 || st.Events != 2 {
		t.Errorf("after delete: %+v", st)
	}
	if _, err := s.Event(ctx, "doc-000", "e1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted document's event still there: %v", err)
	}
	fd, err := s.FusedEvent(ctx, "f-assault")
	if err != nil {
		t.Fatal(err)
	}
	if fd.Evidence[0].URL != "" || fd.Evidence[0].Trigger != nil || fd.Evidence[1].URL == "" {
		t.Errorf("evidence of a deleted member should keep the sentence but lose the document fields: %+v", fd.Evidence)
	}
	// Once deleted, the same document can be stored again.
	put(t, s, Doc(0))
}

func testStats(t *testing.T, s store.Store) {
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 0 || st.Events != 0 || st.FirstDate != "" {
		t.Errorf("empty store stats: %+v", st)
	}
	all := docs(5)
	put(t, s, all...)
	if err := s.PutSituation(ctx, Situation(all)); err != nil {
		t.Fatal(err)
	}
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Stats{
		Documents: 5, Entities: 2, Places: 2, Events: 10, FusedEvents: 1, Sources: 3,
		EventTypes: map[string]int{"ASSAULT": 5, "MOBILIZE": 5},
		FirstDate:  "2015-10-01", LastDate: "2015-10-05",
	}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats:\n got %+v\nwant %+v", st, want)
	}
}

// BenchmarkPut stores fixture documents (two entities, two places, two
// events each) in s one transaction apiece, as ingest does, and reports
// documents per second.
func BenchmarkPut(b *testing.B, s store.Store) {
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := s.PutDocument(ctx, Doc(i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
