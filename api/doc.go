// Package api serves sitrep's record over HTTP as JSON.
//
// It consumes a Reader (and optionally a Writer), both satisfied by
// store.Store, and produces an http.Handler for the paths under /api:
// documents, entities, events with their provenance, fused events,
// statistics, exports (package export, /api/export?format=csv|geojson|plover)
// and its own OpenAPI 3 description at /api/openapi.json. The handler
// expects the /api prefix in the request path: mount it as
// mux.Handle("/api/", api.New(st, opts)) without stripping the prefix.
// /api/v1/... is served as an alias of /api/.... It comes after the
// pipeline, fuse and store; the web UI (package web) is its client.
//
// Contract of the handler:
//
//   - Every error is a JSON object {"error": "..."} with a fitting status:
//     400 for malformed parameters, cursors or records, 401 for a missing
//     or wrong token, 403 when writes are not configured, 404 for unknown
//     IDs and endpoints, 413 for a body over the limit, 415 for a body
//     type it does not take, 422 for text the pipeline cannot process,
//     503 when the database is read-only or full, 500 otherwise (the
//     detail goes to the log, not to the client).
//   - Lists take the filter parameters of ParseFilter and return
//     {"items": [...], "next": "<cursor>"}; pass next as cursor for the
//     following page. A limit above the maximum page size is refused, not
//     clamped.
//   - POST and DELETE need "Authorization: Bearer <token>" and are
//     refused when no token is configured; reads need it only with
//     Options.ProtectReads. CORS headers are sent only for the origins in
//     Options.CORSOrigins (none by default).
//   - POST /api/documents takes document records as JSON Lines, checked
//     by CheckRecord (every offset inside the text), or one article as
//     text/plain, which Options.Process runs through the pipeline.
//   - Responses are JSON with X-Content-Type-Options: nosniff; text from
//     the web is never returned as markup.
package api
