package fuse

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/timex"
)

var (
	codedOnce sync.Once
	codedDocs []sitrep.Document
	codedErr  error
)

// codedDemo runs text, actor, timex and event over the demo corpus once:
// the templates of the synthetic stream.
func codedDemo(tb testing.TB) []sitrep.Document {
	tb.Helper()
	docs := segmentedDemo(tb)
	codedOnce.Do(func() {
		kb, err := actor.LoadKB()
		if err != nil {
			codedErr = err
			return
		}
		es, err := event.New()
		if err != nil {
			codedErr = err
			return
		}
		stages := []pipeline.Stage{actor.New(kb), timex.New(), es}
		for i := range docs {
			for _, s := range stages {
				if err := s.Process(context.Background(), &docs[i]); err != nil {
					codedErr = fmt.Errorf("%s: %s: %w", docs[i].Doc.ID, s.Name(), err)
					return
				}
			}
		}
		codedDocs = docs
	})
	if codedErr != nil {
		tb.Fatal(codedErr)
	}
	return codedDocs
}

// stream generates a news stream from the coded demo documents: each new
// document is a demo report moved to the stream's current day (its event
// dates shifted with it), with about a third of its words replaced so
// that outlets word the story differently, and its events placed at one
// of 500 places (the same for one story on one day). One document in ten republishes a recent one verbatim.
// The stream runs at perDay documents a day, so a larger corpus covers a
// longer period, as a growing archive does.
type stream struct {
	r      *rand.Rand
	tmpl   []sitrep.Document
	vocab  []string
	places []sitrep.Location
	recent []sitrep.Document
	perDay int
	n      int
}

var streamStart = time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC)

func newStream(tb testing.TB, seed uint64, perDay int) *stream {
	s := &stream{r: rand.New(rand.NewPCG(seed, 11)), tmpl: codedDemo(tb), perDay: perDay}
	for i := 0; i < 5000; i++ {
		s.vocab = append(s.vocab, fmt.Sprintf("w%x", i))
	}
	for i := 0; i < 500; i++ {
		s.places = append(s.places, sitrep.Location{PlaceID: fmt.Sprintf("synth:%d", i), Name: fmt.Sprintf("place %d", i),
			Lat: 32 + 5*s.r.Float64(), Lon: 35 + 7*s.r.Float64(), Country: "SYR", Precision: sitrep.PrecisionPoint})
	}
	return s
}

func shiftDate(v string, days int) string {
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return v
	}
	return t.AddDate(0, 0, days).Format("2006-01-02")
}

func (s *stream) next() sitrep.Document {
	s.n++
	id := fmt.Sprintf("s%07d", s.n)
	day := streamStart.AddDate(0, 0, s.n/s.perDay)
	if len(s.recent) > 0 && s.r.IntN(10) == 0 {
		d := s.recent[s.r.IntN(len(s.recent))]
		d.Doc.ID, d.Doc.Source = id, fmt.Sprintf("outlet%d", s.r.IntN(300))
		d.Doc.Published = day.Format("2006-01-02")
		d.Events = append([]sitrep.Event(nil), d.Events...)
		for i := range d.Events {
			d.Events[i].ID = fmt.Sprintf("%s/e%d", id, i)
		}
		return d
	}
	ti := s.r.IntN(len(s.tmpl))
	t := &s.tmpl[ti]
	pub, ok := t.Doc.PublishedTime()
	shift := 0
	if ok {
		shift = int(day.Sub(pub.Truncate(24*time.Hour)).Hours() / 24)
	}
	d := sitrep.Document{Doc: sitrep.Doc{ID: id, Source: fmt.Sprintf("outlet%d", s.r.IntN(300)), Published: day.Format("2006-01-02")}}
	var b strings.Builder
	sents := make([]string, len(t.Sentences))
	for i, se := range t.Sentences {
		ws := strings.Fields(t.Doc.Text[se.Start:se.End])
		for j := range ws {
			if s.r.IntN(3) == 0 {
				ws[j] = s.vocab[s.r.IntN(len(s.vocab))]
			}
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		sents[i] = strings.Join(ws, " ")
		b.WriteString(sents[i])
		d.Sentences = append(d.Sentences, sitrep.Sentence{Span: sitrep.Span{Start: start, End: b.Len()}})
	}
	d.Doc.Text = b.String()
	for i, e := range t.Events {
		e.ID = fmt.Sprintf("%s/e%d", id, i)
		e.Quantities = append([]sitrep.Quantity(nil), e.Quantities...)
		if si := e.Sentence.Index; si >= 0 && si < len(d.Sentences) {
			e.Sentence = sitrep.SentenceRef{Span: d.Sentences[si].Span, Index: si, Text: sents[si]}
		}
		e.Date.Value = shiftDate(e.Date.Value, shift)
		e.Date.Earliest = shiftDate(e.Date.Earliest, shift)
		e.Date.Latest = shiftDate(e.Date.Latest, shift)
		// The same story on the same day happens at the same place; on
		// another day, somewhere else. One event in ten has no place.
		if s.r.IntN(10) > 0 {
			p := s.places[int(mix(uint64(ti)<<40|uint64(i)<<20|uint64(s.n/s.perDay))%uint64(len(s.places)))]
			e.Location = &p
		}
		d.Events = append(d.Events, e)
	}
	if len(s.recent) < 1000 {
		s.recent = append(s.recent, d)
	} else {
		s.recent[s.r.IntN(len(s.recent))] = d
	}
	return d
}

// BenchmarkAdd measures the cost of adding one document to a corpus that
// already holds 1k, 10k or 100k documents of a stream of 100 documents a
// day (about 6 coded events each):
//
//	go test ./fuse -run '^$' -bench BenchmarkAdd -benchtime 2000x
func BenchmarkAdd(b *testing.B) {
	for _, size := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("corpus=%d", size), func(b *testing.B) {
			gen := newStream(b, 1, 100)
			f := New(Options{})
			for i := 0; i < size; i++ {
				d := gen.next()
				if err := f.Add(&d); err != nil {
					b.Fatal(err)
				}
			}
			docs := make([]sitrep.Document, b.N)
			bytes := 0
			for i := range docs {
				docs[i] = gen.next()
				bytes += len(docs[i].Doc.Text)
			}
			b.SetBytes(int64(bytes / max(1, b.N)))
			b.ReportAllocs()
			cmp0, sig0 := f.compared, f.signed
			b.ResetTimer()
			for i := range docs {
				if err := f.Add(&docs[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/doc")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			// Pairs scored per document: the cost measure that machine load
			// does not disturb.
			b.ReportMetric(float64(f.compared-cmp0)/float64(b.N), "pairs/doc")
			b.ReportMetric(float64(f.signed-sig0)/float64(b.N), "sentpairs/doc")
		})
	}
}

// BenchmarkSituation measures a full snapshot of a 10k-document corpus.
func BenchmarkSituation(b *testing.B) {
	gen := newStream(b, 2, 100)
	f := New(Options{})
	for i := 0; i < 10_000; i++ {
		d := gen.next()
		if err := f.Add(&d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = f.Situation()
	}
}

// BenchmarkEvents measures Events for a document just added to a
// 10k-document corpus: the incremental update of its fused events. Its
// cost follows the size of those events (members/event).
func BenchmarkEvents(b *testing.B) {
	gen := newStream(b, 3, 100)
	f := New(Options{})
	for i := 0; i < 10_000; i++ {
		d := gen.next()
		if err := f.Add(&d); err != nil {
			b.Fatal(err)
		}
	}
	docs := make([]sitrep.Document, b.N)
	for i := range docs {
		docs[i] = gen.next()
	}
	members, events := 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := range docs {
		b.StopTimer()
		if err := f.Add(&docs[i]); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for _, e := range f.Events(docs[i].Doc.ID) {
			members += len(e.Members)
			events++
		}
	}
	b.ReportMetric(float64(members)/float64(max(1, events)), "members/event")
}

// BenchmarkFlush compares the two flushes of queue.Fuser after a batch of
// 1,000 new documents (DefaultFlushDocs) on a corpus of 10k or 100k
// documents of a stream of 100 a day: full re-fuses the corpus
// (Situation); incremental builds the fused events and origin records of
// the batch (Events and Origins), whose cost should not grow with the
// corpus.
//
//	go test ./fuse -run '^$' -bench BenchmarkFlush -benchtime 3x
func BenchmarkFlush(b *testing.B) {
	const batch = 1000
	for _, size := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("corpus=%d", size), func(b *testing.B) {
			gen := newStream(b, 4, 100)
			f := New(Options{})
			for i := 0; i < size; i++ {
				d := gen.next()
				if err := f.Add(&d); err != nil {
					b.Fatal(err)
				}
			}
			ids := make([]string, batch)
			for i := range ids {
				d := gen.next()
				if err := f.Add(&d); err != nil {
					b.Fatal(err)
				}
				ids[i] = d.Doc.ID
			}
			b.Run("full", func(b *testing.B) {
				events := 0
				for b.Loop() {
					events = len(f.Situation().Events)
				}
				b.ReportMetric(float64(events), "events")
			})
			b.Run("incremental", func(b *testing.B) {
				events := 0
				for b.Loop() {
					events = len(f.Events(ids...))
					_ = f.Origins(ids...)
				}
				b.ReportMetric(float64(events), "events")
			})
		})
	}
}
