package geo

import (
	"context"
	"testing"
	"time"

	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
)

func BenchmarkLoad(b *testing.B) {
	loadForTest(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(dataFS); err != nil {
			b.Fatal(err)
		}
	}
}

// lookupNames mixes exact names, transliterations, multi-word features and
// misses, as the stage sees them.
var lookupNames = []string{
	"Aleppo", "Lattakia", "Tartous", "Deir ez-Zor", "Hmeimim airbase", "Idlib province",
	"Moscow", "Washington", "Syria", "the Mediterranean", "Kweires", "Springfield",
	"Xyzzyqux", "Golan Heights", "Jisr al-Shughour", "Paris",
}

func BenchmarkLookup(b *testing.B) {
	g := loadForTest(b)
	b.ReportAllocs()
	n := 0
	start := time.Now()
	for b.Loop() {
		g.Lookup(lookupNames[n%len(lookupNames)])
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "lookups/s")
}

// BenchmarkStage runs the geo stage alone on the demo corpus, after the
// text and actor stages have run once in setup.
func BenchmarkStage(b *testing.B) {
	g := loadForTest(b)
	docs, err := demo.Documents()
	if err != nil {
		b.Fatal(err)
	}
	ts, err := text.New()
	if err != nil {
		b.Fatal(err)
	}
	kb, err := actor.LoadKB()
	if err != nil {
		b.Fatal(err)
	}
	pre, err := pipeline.New(ts, actor.New(kb))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	bytes := 0
	for i := range docs {
		if err := pre.Run(ctx, &docs[i]); err != nil {
			b.Fatal(err)
		}
		bytes += len(docs[i].Doc.Text)
	}
	st := New(g)
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	n := 0
	start := time.Now()
	for b.Loop() {
		for i := range docs {
			d := docs[i] // the stage sets Places; earlier layers are only read
			d.Places = nil
			if err := st.Process(ctx, &d); err != nil {
				b.Fatal(err)
			}
		}
		n += len(docs)
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
}
