package geo

import (
	"context"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	sgeo "github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
)

// Recognition scores the whole stage, recognition and resolution, on raw
// article text run through the text, actor and geo stages.
type Recognition struct {
	Set      string
	Articles int
	Skipped  int // articles whose kept text is not a piece of the original (offsets cannot be compared)
	Gold     int // gold toponyms
	System   int // place mentions the stage emitted
	Matched  int // system mentions overlapping a gold toponym, one to one
	P, R, F1 float64
	Acc161   float64 // over matched mentions: the stage's place within 161 km of the gold point
}

// EndToEnd runs the pipeline up to the geo stage on each article and
// matches its place mentions against the gold spans (overlap, one to one).
// A gold span's sense is not checked at matching time; Acc161 then says
// how many matched mentions landed within 161 km.
func EndToEnd(g *sgeo.Gazetteer, set string, arts []Article) (Recognition, error) {
	ts, err := text.New()
	if err != nil {
		return Recognition{}, fmt.Errorf("eval geo: %w", err)
	}
	kb, err := actor.LoadKB()
	if err != nil {
		return Recognition{}, fmt.Errorf("eval geo: %w", err)
	}
	p, err := pipeline.New(ts, actor.New(kb), sgeo.New(g))
	if err != nil {
		return Recognition{}, fmt.Errorf("eval geo: %w", err)
	}
	rec := Recognition{Set: set, Articles: len(arts)}
	within := 0
	for _, a := range arts {
		d := &sitrep.Document{Doc: sitrep.Doc{ID: a.ID, Raw: a.Text}}
		if err := p.Run(context.Background(), d); err != nil {
			rec.Skipped++
			continue
		}
		shift := strings.Index(a.Text, d.Doc.Text)
		if shift < 0 {
			rec.Skipped++
			continue
		}
		rec.Gold += len(a.Golds)
		used := make([]bool, len(a.Golds))
		for _, pl := range d.Places {
			for _, m := range pl.Mentions {
				rec.System++
				sp := sitrep.Span{Start: m.Start + shift, End: m.End + shift}
				for i, gd := range a.Golds {
					if used[i] || !gd.Overlaps(sp) {
						continue
					}
					used[i] = true
					rec.Matched++
					if sgeo.Distance(pl.Lat, pl.Lon, gd.Lat, gd.Lon) < 161 {
						within++
					}
					break
				}
			}
		}
	}
	if rec.System > 0 {
		rec.P = float64(rec.Matched) / float64(rec.System)
	}
	if rec.Gold > 0 {
		rec.R = float64(rec.Matched) / float64(rec.Gold)
	}
	if rec.P+rec.R > 0 {
		rec.F1 = 2 * rec.P * rec.R / (rec.P + rec.R)
	}
	if rec.Matched > 0 {
		rec.Acc161 = float64(within) / float64(rec.Matched)
	}
	return rec, nil
}
