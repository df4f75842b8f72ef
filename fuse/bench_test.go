package fuse

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
)

// synth generates synthetic documents: a few sentences of random words
// around one or two events, with one document in ten republishing an
// earlier one.
type synth struct {
	r     *rand.Rand
	vocab []string
	prev  []sitrep.Document
	n     int
}

func newSynth(seed uint64) *synth {
	s := &synth{r: rand.New(rand.NewPCG(seed, 7))}
	for i := 0; i < 5000; i++ {
		s.vocab = append(s.vocab, fmt.Sprintf("w%x", i))
	}
	return s
}

func (s *synth) sentence(words int) string {
	ws := make([]string, words)
	for i := range ws {
		ws[i] = s.vocab[s.r.IntN(len(s.vocab))]
	}
	return strings.Join(ws, " ") + "."
}

var (
	synthTypes  = []string{"ASSAULT", "FIGHT", "MOBILIZE", "AID", "DEPLOY"}
	synthActors = []*sitrep.EventActor{russia, syria, rebels,
		{ID: "kb:irn_mil", Name: "Iranian forces", Country: "IRN"},
		{ID: "kb:usa_gov", Name: "US government", Country: "USA"},
		{ID: "kb:tur_mil", Name: "Turkish army", Country: "TUR"}}
	synthStart = time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC)
)

func (s *synth) next() sitrep.Document {
	s.n++
	id := fmt.Sprintf("d%07d", s.n)
	pub := synthStart.Add(time.Duration(s.r.IntN(730*24)) * time.Hour)
	if len(s.prev) > 0 && s.r.IntN(10) == 0 {
		orig := s.prev[s.r.IntN(len(s.prev))]
		d := orig
		d.Doc.ID, d.Doc.Source = id, fmt.Sprintf("outlet%d", s.r.IntN(300))
		d.Doc.Published = pub.Format(time.RFC3339)
		d.Events = nil
		for _, e := range orig.Events {
			e.ID = id + e.ID[strings.IndexByte(e.ID, '/'):]
			d.Events = append(d.Events, e)
		}
		return d
	}
	sents := make([]string, 6)
	for i := range sents {
		sents[i] = s.sentence(12 + s.r.IntN(10))
	}
	d := newDoc(id, fmt.Sprintf("outlet%d", s.r.IntN(300)), pub.Format(time.RFC3339), sents...)
	for k := 0; k < 1+s.r.IntN(2); k++ {
		sent := s.r.IntN(len(sents))
		trigger := strings.Fields(sents[sent])[0]
		p := place{fmt.Sprintf("p%d", s.r.IntN(200)), "somewhere", "SYR", 32 + 5*s.r.Float64(), 35 + 6*s.r.Float64()}
		day := pub.Add(-time.Duration(s.r.IntN(3)) * 24 * time.Hour).Format("2006-01-02")
		addEvents(&d, ev{sent: sent, trigger: trigger, typ: synthTypes[s.r.IntN(len(synthTypes))],
			actor: synthActors[s.r.IntN(len(synthActors))], where: &p, date: day,
			qty: []sitrep.Quantity{exact("killed", float64(s.r.IntN(100)), "some")}})
	}
	if len(s.prev) < 2000 {
		s.prev = append(s.prev, d)
	} else {
		s.prev[s.r.IntN(len(s.prev))] = d
	}
	return d
}

// BenchmarkAdd measures the cost of adding one document to a corpus that
// already holds 1k, 10k or 100k documents:
//
//	go test ./fuse -run '^$' -bench BenchmarkAdd -benchtime 2000x
func BenchmarkAdd(b *testing.B) {
	for _, size := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("corpus=%d", size), func(b *testing.B) {
			gen := newSynth(1)
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
			b.ResetTimer()
			for i := range docs {
				if err := f.Add(&docs[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/doc")
		})
	}
}

// BenchmarkSituation measures a full snapshot of a 10k-document corpus.
func BenchmarkSituation(b *testing.B) {
	gen := newSynth(2)
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
