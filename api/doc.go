// Package api serves sitrep's record over HTTP as JSON.
//
// It consumes a Reader (and optionally a Writer), both satisfied by
// store.Store, and produces an http.Handler rooted at /api/v1: documents,
// entities, events with their provenance, fused events, statistics,
// exports (package export) and its own OpenAPI 3 description at
// /api/v1/openapi.json. It comes after the pipeline, fuse and store; the
// web UI (package web) is its client.
//
// Contract of the handler:
//
//   - Every error is a JSON object {"error": "..."} with a fitting status:
//     400 for malformed parameters, cursors or records, 401 for a missing
//     or wrong token, 403 when writes are not configured, 404 for unknown
//     IDs and endpoints, 413 for a body over the limit, 500 otherwise (the
//     detail goes to the log, not to the client).
//   - Lists take the filter parameters of ParseFilter and return
//     {"items": [...], "next": "<cursor>"}; pass next as cursor for the
//     following page. A limit above the maximum page size is refused, not
//     clamped.
//   - POST and DELETE need "Authorization: Bearer <token>"; reads need it
//     only with Options.ProtectReads. CORS headers are sent only for the
//     origins in Options.CORSOrigins.
package api
