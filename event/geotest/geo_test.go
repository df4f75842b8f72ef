package geotest_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

// TestDemoWithGeo runs the full pipeline, geo included, on the demo corpus
// and checks that events take their places from the geo layer with its
// precision: a point only for a point, never for a country.
func TestDemoWithGeo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the gazetteer")
	}
	g, err := geo.Load()
	if err != nil {
		t.Skipf("gazetteer unavailable: %v", err)
	}
	docs, err := demo.Documents()
	if err != nil {
		t.Fatal(err)
	}
	kb, err := actor.LoadKB()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := text.New()
	if err != nil {
		t.Fatal(err)
	}
	ev, err := event.New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(ts, actor.New(kb), geo.New(g), timex.New(), ev)
	if err != nil {
		t.Fatal(err)
	}
	located, points := 0, 0
	for i := range docs {
		d := &docs[i]
		if err := p.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		byID := map[string]sitrep.Place{}
		for _, pl := range d.Places {
			byID[pl.ID] = pl
		}
		for _, e := range d.Events {
			if e.Location == nil {
				continue
			}
			located++
			pl, ok := byID[e.Location.PlaceID]
			if !ok {
				t.Errorf("%s: location %s is not among the document's places", e.ID, e.Location.PlaceID)
				continue
			}
			if e.Location.Precision != pl.Precision {
				t.Errorf("%s: location precision %s, the place has %s", e.ID, e.Location.Precision, pl.Precision)
			}
			if !inSentence(pl, e.Sentence.Index) {
				t.Errorf("%s: location %s is not mentioned in the event's sentence", e.ID, pl.Name)
			}
			if e.Location.Precision == sitrep.PrecisionPoint {
				points++
			}
		}
	}
	if located == 0 || points == 0 {
		t.Errorf("%d located events, %d at point precision: want some of each", located, points)
	}
	t.Logf("%d events located, %d at point precision", located, points)
}

func inSentence(p sitrep.Place, si int) bool {
	for _, m := range p.Mentions {
		if m.Sentence == si {
			return true
		}
	}
	return false
}
