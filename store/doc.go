// Package store keeps processed documents and the fused situation in a
// database and answers the queries of the HTTP API and the exports.
//
// It consumes the records the pipeline produces: a *sitrep.Document after
// the last per-document stage (event), and the sitrep.Situation that
// package fuse builds over the whole corpus. It produces pages of
// documents, entities, events and fused events selected by a Filter, and
// an event's provenance: every sentence, offset and attribution behind it.
// Package api serves these over HTTP; package export writes them as PLOVER
// JSON Lines, CSV and GeoJSON.
//
// Backends live in subpackages and register themselves by URL scheme when
// imported, the way database/sql drivers do:
//
//	import _ "github.com/sitrep/sitrep/store/sqlite"   // "sqlite:path", "file:path", a plain path; "?mode=ro" for read-only
//	import _ "github.com/sitrep/sitrep/store/postgres" // "postgres://..." or "postgresql://..."
//
//	st, err := store.Open(ctx, "sitrep.db")
//
// Guarantees every backend keeps (package storetest checks them):
//
//   - PutDocument writes a document and all of its layers in one
//     transaction: after a crash a document is either wholly present or
//     absent.
//   - Documents are deduplicated by ID, content hash and URL; storing a
//     document that is already there changes nothing and reports stored ==
//     false.
//   - Lists are ordered by a stable key and paged by an opaque keyset
//     cursor, so pages never skip or repeat rows while nothing is written.
//   - The full record is kept as JSON beside the indexed columns, so what
//     comes out is what went in.
//   - A document event is a member of at most one fused event. Writers of
//     fused events (PutSituation, MergeFused, DeleteDocument) run one at a
//     time; MergeFused merges rather than overwrites, so workers that each
//     add their own report to a fused event lose none.
//   - A database that cannot be written fails writes with ErrReadOnly, a
//     full one with ErrFull; reads go on working.
//   - Schemas are migrated on open, in one transaction, and a database
//     from a newer program is refused.
package store
