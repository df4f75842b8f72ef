// Package pipeline runs the per-document stages of sitrep in order.
//
// A Stage reads the layers earlier stages added to a sitrep.Document and
// adds its own. Each stage names the stages it requires; New checks at
// start-up that every requirement runs earlier, the way an analysis pass
// declares its prerequisites.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/sitrep/sitrep"
)

// Stage is one step of the per-document pipeline.
//
// Process adds the stage's layer to d. It must not modify layers that
// earlier stages wrote, must keep every offset within d.Doc.Text, and must
// be safe to call from several goroutines on different documents. An error
// means the document could not be processed by this stage; the pipeline
// wraps it in a *sitrep.StageError.
type Stage interface {
	Name() string
	Requires() []string
	Process(ctx context.Context, d *sitrep.Document) error
}

// Pipeline is an ordered, validated list of stages.
type Pipeline struct {
	stages []Stage
}

// New validates the order of stages: names are unique and each stage's
// requirements appear before it.
func New(stages ...Stage) (*Pipeline, error) {
	seen := make(map[string]bool, len(stages))
	for _, s := range stages {
		if seen[s.Name()] {
			return nil, fmt.Errorf("pipeline: stage %q listed twice", s.Name())
		}
		for _, r := range s.Requires() {
			if !seen[r] {
				return nil, fmt.Errorf("pipeline: stage %q requires %q to run before it", s.Name(), r)
			}
		}
		seen[s.Name()] = true
	}
	return &Pipeline{stages: stages}, nil
}

// Stages returns the stages in run order.
func (p *Pipeline) Stages() []Stage { return p.stages }

// Run passes d through every stage in order and stops at the first error.
func (p *Pipeline) Run(ctx context.Context, d *sitrep.Document) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := process(ctx, s, d); err != nil {
			return &sitrep.StageError{Doc: d.Doc.ID, Stage: s.Name(), Offset: -1, Err: err}
		}
	}
	return nil
}

// ErrPanic marks a stage that panicked on a document. The pipeline turns
// the panic into this document's error so that one hostile input cannot
// take down a run over thousands; the stack goes into the error for the
// bug report.
var ErrPanic = errors.New("stage panicked")

func process(ctx context.Context, s Stage, d *sitrep.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v\n%s", ErrPanic, r, debug.Stack())
		}
	}()
	return s.Process(ctx, d)
}
