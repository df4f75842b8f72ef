package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

// newPipeline assembles the standard per-document stages. When the
// gazetteer was not built (no `make data`), places are left out with a
// warning on warn rather than failing every command.
func newPipeline(warn io.Writer) (*pipeline.Pipeline, error) {
	stages, err := standardStages(warn)
	if err != nil {
		return nil, err
	}
	return pipeline.New(stages...)
}

// standardStages returns the stages of the standard pipeline in run order.
func standardStages(warn io.Writer) ([]pipeline.Stage, error) {
	ts, err := text.New()
	if err != nil {
		return nil, fmt.Errorf("text stage: %w", err)
	}
	kb, err := actor.LoadKB()
	if err != nil {
		return nil, fmt.Errorf("actor knowledge base: %w", err)
	}
	if kb.GivenNames() == 0 {
		fmt.Fprintln(warn, "sitrep: given-name list not built (run `make data`): unknown people are found less often")
	}
	as := actor.New(kb)
	g, err := geo.Load()
	switch {
	case errors.Is(err, geo.ErrNotBuilt):
		fmt.Fprintf(warn, "sitrep: places disabled: %v\n", err)
		g = nil
	case err != nil:
		return nil, fmt.Errorf("gazetteer: %w", err)
	default:
		// Unknown capitalised names that are well-known places are
		// typed as places, not guessed organisations.
		as = as.WithPlaces(g.KnownPlace(geo.KnownPlaceMinPop))
	}
	stages := []pipeline.Stage{ts, as}
	if g != nil {
		stages = append(stages, geo.New(g))
	}
	ev, err := event.New()
	if err != nil {
		return nil, fmt.Errorf("event stage: %w", err)
	}
	stages = append(stages, timex.New(), ev)
	return stages, nil
}
