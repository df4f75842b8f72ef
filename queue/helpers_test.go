package queue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/queue"
	"github.com/sitrep/sitrep/store"
)

// startServer runs an in-process NATS server with JetStream in a temp dir.
func startServer(t testing.TB) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true,
	})
	if err != nil {
		t.Fatalf("nats server: %v", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server did not start")
	}
	t.Cleanup(s.Shutdown)
	return s.ClientURL()
}

// connect opens a connection that the test can close to simulate a crash.
func connect(t testing.TB, url string) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatalf("jetstream: %v", err)
	}
	return nc, js
}

func quietLogger() *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// eventually polls cond until it holds or the deadline passes, and says
// which; the caller reports the details.
func eventually(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// drained reports whether a consumer has nothing pending or unacked.
func drained(t testing.TB, js jetstream.JetStream, stream, consumer string) bool {
	t.Helper()
	c, err := js.Consumer(context.Background(), stream, consumer)
	if err != nil {
		return false
	}
	info, err := c.Info(context.Background())
	if err != nil {
		return false
	}
	if testing.Verbose() {
		t.Logf("%s/%s: pending %d, ack pending %d, redelivered %d, waiting %d", stream, consumer, info.NumPending, info.NumAckPending, info.NumRedelivered, info.NumWaiting)
	}
	return info.NumPending == 0 && info.NumAckPending == 0
}

// probe wraps a store, counting writes and their concurrency, and can
// slow writes down or hook into them.
type probe struct {
	queue.Store
	snap func() map[string][]string // stored fused events by ID, members as sorted "doc/event"

	mu       sync.Mutex
	stored   map[string]int // ID → times PutDocument returned stored
	puts     int
	inFlight int
	maxIn    int
	sitPuts  int

	delay time.Duration                                 // per PutDocument
	after func(ctx context.Context, d *sitrep.Document) // runs after a write
}

func newProbe(s queue.Store, snap func() map[string][]string) *probe {
	return &probe{Store: s, snap: snap, stored: map[string]int{}}
}

func (p *probe) PutDocument(ctx context.Context, d *sitrep.Document) (bool, error) {
	p.mu.Lock()
	p.puts++
	p.inFlight++
	p.maxIn = max(p.maxIn, p.inFlight)
	p.mu.Unlock()
	defer func() { p.mu.Lock(); p.inFlight--; p.mu.Unlock() }()
	if p.delay > 0 {
		select {
		case <-time.After(p.delay):
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
	stored, err := p.Store.PutDocument(ctx, d)
	if err != nil {
		return false, err
	}
	if stored {
		p.mu.Lock()
		p.stored[d.Doc.ID]++
		p.mu.Unlock()
	}
	if p.after != nil {
		p.after(ctx, d)
	}
	return stored, nil
}

func (p *probe) PutSituation(ctx context.Context, sit sitrep.Situation) error {
	p.mu.Lock()
	p.sitPuts++
	p.mu.Unlock()
	return p.Store.PutSituation(ctx, sit)
}

// count returns how many distinct documents were stored.
func (p *probe) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.stored)
}

func (p *probe) flushes() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sitPuts
}

// memStore is an in-memory store with the semantics the queue relies on:
// PutDocument idempotent on ID and hash, PutSituation upserting fused
// events and dropping others that claimed one of their members.
type memStore struct {
	mu      sync.Mutex
	docs    map[string][]byte // ID → JSON record
	hashes  map[string]string // hash → ID
	fused   map[string]sitrep.FusedEvent
	owner   map[string]string // "doc/event" → fused ID
	origins map[string]sitrep.DocOrigin
	threads map[string]sitrep.StoryThread
}

var _ queue.Store = (*memStore)(nil)

func newMemStore() *memStore {
	return &memStore{
		docs: map[string][]byte{}, hashes: map[string]string{}, fused: map[string]sitrep.FusedEvent{},
		owner: map[string]string{}, origins: map[string]sitrep.DocOrigin{}, threads: map[string]sitrep.StoryThread{},
	}
}

// memProbe is a probe over a fresh memStore.
func memProbe() *probe {
	m := newMemStore()
	return newProbe(m, m.snapshot)
}

func (s *memStore) PutDocument(ctx context.Context, d *sitrep.Document) (bool, error) {
	if d.Doc.ID == "" {
		return false, fmt.Errorf("mem: %w: no ID", store.ErrInvalid)
	}
	rec, err := json.Marshal(d)
	if err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, dupID := s.docs[d.Doc.ID]
	_, dupHash := s.hashes[d.Doc.Hash]
	if dupID || dupHash {
		return false, nil
	}
	s.docs[d.Doc.ID] = rec
	s.hashes[d.Doc.Hash] = d.Doc.ID
	return true, nil
}

func (s *memStore) PutSituation(ctx context.Context, sit sitrep.Situation) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range sit.Origins {
		s.origins[o.Doc] = o
	}
	for _, th := range sit.Threads {
		s.threads[th.ID] = th
	}
	for _, f := range sit.Events {
		if old, ok := s.fused[f.ID]; ok {
			for _, m := range old.Members {
				delete(s.owner, m.Doc+"/"+m.Event)
			}
		}
		for _, m := range f.Members {
			key := m.Doc + "/" + m.Event
			if other, ok := s.owner[key]; ok && other != f.ID {
				for _, om := range s.fused[other].Members {
					delete(s.owner, om.Doc+"/"+om.Event)
				}
				delete(s.fused, other)
			}
		}
		for _, m := range f.Members {
			s.owner[m.Doc+"/"+m.Event] = f.ID
		}
		s.fused[f.ID] = f
	}
	return nil
}

func (s *memStore) Documents(ctx context.Context, f store.Filter) (store.Page[store.DocumentInfo], error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.docs))
	for id := range s.docs {
		if id > f.Cursor {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var p store.Page[store.DocumentInfo]
	if n := f.PageLimit(); len(ids) > n {
		ids = ids[:n]
		p.Next = ids[n-1]
	}
	for _, id := range ids {
		p.Items = append(p.Items, store.DocumentInfo{ID: id})
	}
	return p, nil
}

func (s *memStore) Document(ctx context.Context, id string) (*sitrep.Document, error) {
	s.mu.Lock()
	rec, ok := s.docs[id]
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("mem: document %s: %w", id, store.ErrNotFound)
	}
	var d sitrep.Document
	if err := json.Unmarshal(rec, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// snapshot returns the stored fused events by ID, with their members as
// sorted "doc/event" keys.
func (s *memStore) snapshot() map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fusedMembers(func(yield func(sitrep.FusedEvent) bool) {
		for _, f := range s.fused {
			if !yield(f) {
				return
			}
		}
	})
}

func fusedMembers(all func(func(sitrep.FusedEvent) bool)) map[string][]string {
	out := map[string][]string{}
	for f := range all {
		var ms []string
		for _, m := range f.Members {
			ms = append(ms, m.Doc+"/"+m.Event)
		}
		sort.Strings(ms)
		out[f.ID] = ms
	}
	return out
}

// syntheticDocs returns n ingested documents in groups of three that
// report the same strike in similar words, so fusion has work to do.
func syntheticDocs(n int) []*sitrep.Document {
	places := []string{"Homs", "Hama", "Idlib", "Latakia", "Aleppo", "Palmyra", "Raqqa"}
	outlets := []string{"Reuters", "TASS", "Al Jazeera"}
	var docs []*sitrep.Document
	for i := range n {
		g := i / 3
		day := 1 + g%28
		raw := fmt.Sprintf("Russian warplanes struck targets near %s on October %d, killing %d people, %s reported. Item %d of the feed.",
			places[g%len(places)], day, 10+g%50, outlets[i%3], i)
		docs = append(docs, &sitrep.Document{Doc: sitrep.Doc{
			ID: fmt.Sprintf("syn-%05d", i), Source: outlets[i%3],
			Published: fmt.Sprintf("2015-10-%02d", min(day+1, 28)), Raw: raw,
		}})
	}
	return docs
}

var placeCoords = map[string][2]float64{
	"Homs": {34.73, 36.72}, "Hama": {35.13, 36.75}, "Idlib": {35.93, 36.63}, "Latakia": {35.52, 35.78},
	"Aleppo": {36.20, 37.16}, "Palmyra": {34.55, 38.27}, "Raqqa": {35.95, 39.01},
}

// fakePipeline codes the single event of a synthetic document, standing in
// for the real stages so the queue tests do not depend on them.
func fakePipeline(ctx context.Context, d *sitrep.Document) error {
	if strings.Contains(d.Doc.Raw, "POISON") {
		return fmt.Errorf("fake pipeline: cannot parse %s", d.Doc.ID)
	}
	d.Doc.Text = d.Doc.Raw
	end := strings.Index(d.Doc.Text, ". ") + 1
	if end <= 0 {
		end = len(d.Doc.Text)
	}
	d.Sentences = []sitrep.Sentence{{Span: sitrep.Span{Start: 0, End: end}}}
	var place string
	var day int
	fmt.Sscanf(d.Doc.Text[strings.Index(d.Doc.Text, "near ")+5:], "%s on October %d", &place, &day)
	date := fmt.Sprintf("2015-10-%02d", day)
	d.Events = []sitrep.Event{{
		ID: d.Doc.ID + "/e0", Type: "ASSAULT", Mode: "aerial", CAMEO: "195",
		Actor: &sitrep.EventActor{ID: "kb:RUS-MIL", Name: "Russian military", Country: "RUS", CAMEO: "RUSMIL"},
		Location: &sitrep.Location{Name: place, Country: "SYR", Precision: sitrep.PrecisionPoint,
			Lat: placeCoords[place][0], Lon: placeCoords[place][1]},
		Date:        sitrep.EventDate{Date: sitrep.Date{Value: date, Earliest: date, Latest: date, Precision: "day"}},
		Status:      sitrep.Asserted,
		Attribution: sitrep.Attribution{Source: "outlet:" + d.Doc.Source, Name: d.Doc.Source},
		Sentence:    sitrep.SentenceRef{Span: d.Sentences[0].Span, Text: d.Doc.Text[:end]},
		Confidence:  0.8,
	}}
	return nil
}
