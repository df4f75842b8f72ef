package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Stream, subject and consumer names.
const (
	StreamDocs    = "SITREP_DOCS"    // ingested documents, a work queue
	SubjectDocs   = "sitrep.docs"    //
	StreamStored  = "SITREP_STORED"  // notices of stored documents, for the Fuser
	SubjectStored = "sitrep.stored"  //
	StreamDead    = "SITREP_DEAD"    // documents the pipeline failed on
	SubjectDead   = "sitrep.dead"    //
	ConsumerWork  = "sitrep-workers" // durable consumer shared by every Worker
	ConsumerFuse  = "sitrep-fuser"   // durable consumer of the Fuser
	BucketLocks   = "SITREP_LOCKS"   // key-value bucket holding the Fuser lease
)

// Message headers.
const (
	HeaderError      = "Sitrep-Error"      // dead letters: the last processing error
	HeaderDeliveries = "Sitrep-Deliveries" // dead letters: deliveries before giving up
	HeaderDoc        = "Sitrep-Doc"        // document ID, on every message
)

// DuplicateWindow is how long JetStream remembers message IDs (document
// hashes) to drop a republished document. The store deduplicates by hash
// as well, so the window only saves work.
const DuplicateWindow = 24 * time.Hour

// Setup creates the streams if they are missing and updates their
// configuration otherwise. Publisher, Worker and Fuser call it; it is safe
// to call from several processes.
func Setup(ctx context.Context, js jetstream.JetStream) error {
	for _, cfg := range []jetstream.StreamConfig{
		{
			Name: StreamDocs, Subjects: []string{SubjectDocs},
			Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage,
			Duplicates:  DuplicateWindow,
			Description: "sitrep: ingested documents waiting for the pipeline",
		},
		{
			Name: StreamStored, Subjects: []string{SubjectStored},
			Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage,
			Duplicates:  DuplicateWindow,
			Description: "sitrep: stored documents waiting for fusion",
		},
		{
			Name: StreamDead, Subjects: []string{SubjectDead},
			Retention: jetstream.LimitsPolicy, Storage: jetstream.FileStorage,
			Duplicates:  DuplicateWindow,
			Description: "sitrep: documents the pipeline failed on (dead letters)",
		},
	} {
		if _, err := js.CreateOrUpdateStream(ctx, cfg); err != nil {
			return fmt.Errorf("queue: set up stream %s: %w", cfg.Name, err)
		}
	}
	return nil
}
