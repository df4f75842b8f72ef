// Package queue runs the sitrep pipeline on NATS JetStream: a Publisher
// puts ingested documents on a work queue, any number of Workers (in any
// number of processes) run the pipeline on them and store the result, and
// exactly one Fuser folds the stored documents into the fused situation.
//
// # Streams
//
//   - SITREP_DOCS (subject sitrep.docs, work-queue retention): ingested
//     documents. The message ID is the document hash, so JetStream drops a
//     document published twice within the duplicate window.
//   - SITREP_STORED (subject sitrep.stored, work-queue retention): one
//     notice per stored document, carrying the processed record, for the
//     Fuser.
//   - SITREP_DEAD (subject sitrep.dead, limits retention): documents the
//     pipeline failed on MaxDeliver times, with the error in a header.
//
// # Delivery
//
// Workers share the durable pull consumer "sitrep-workers" with explicit
// acks. A Worker fetches only as many messages as it has free slots
// (MaxInFlight), so a slow database fills the slots and fetching stops:
// the backlog waits in the stream, not in memory. A document is acked only
// after it is stored and its notice is published, so a worker that dies
// mid-batch loses nothing: JetStream redelivers after AckWait, storing is
// idempotent (keyed on ID and hash) and the notice is deduplicated by hash.
//
// # Fusion
//
// Fused events depend on every document, so they cannot be computed by
// each worker on its own share. One Fuser, holding a lease in a JetStream
// key-value bucket, keeps an incremental fuse.Fuser in memory, feeds it the
// stored notices, and writes only the fused events that changed; a new
// leader rebuilds its state from the store first. Most flushes are
// incremental (only the fused events and origin records of the documents
// added since the last flush); every FullEvery-th, and one when the stream
// goes idle, re-fuses the corpus for story threads and the records of
// earlier documents (see Fuser). docs/scale.md gives the reasons and the
// capacity plan.
package queue
