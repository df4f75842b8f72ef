package queue

import (
	"context"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// Processor runs the per-document stages on d. *pipeline.Pipeline
// satisfies it. It must be safe for concurrent use on different documents.
// An error means d is poisoned for this processor; it is retried up to
// MaxDeliver times and then dead-lettered.
type Processor interface {
	Run(ctx context.Context, d *sitrep.Document) error
}

// ProcessorFunc adapts a function to Processor.
type ProcessorFunc func(ctx context.Context, d *sitrep.Document) error

// Run calls f.
func (f ProcessorFunc) Run(ctx context.Context, d *sitrep.Document) error { return f(ctx, d) }

// DocumentStore is what a Worker needs from store.Store.
//
// PutDocument must be idempotent: storing a document whose ID or hash is
// already present returns stored false and a nil error.
type DocumentStore interface {
	PutDocument(ctx context.Context, d *sitrep.Document) (stored bool, err error)
}

// SituationStore is what a Fuser needs from store.Store.
//
// PutSituation upserts fused events by ID. Because a document event
// belongs to one fused event, upserting a fused event must drop any other
// stored fused event that listed one of its members (two clusters merged,
// or an earlier report renamed the cluster); otherwise incremental writes
// leave stale duplicates behind.
type SituationStore interface {
	PutSituation(ctx context.Context, s sitrep.Situation) error
	Documents(ctx context.Context, f store.Filter) (store.Page[store.DocumentInfo], error)
	Document(ctx context.Context, id string) (*sitrep.Document, error)
}

// Store is both; store.Store satisfies it.
type Store interface {
	DocumentStore
	SituationStore
}

var _ Store = store.Store(nil)
