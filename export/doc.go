// Package export writes events in formats other tools read: PLOVER-style
// JSON Lines, CSV with one row per event in ACLED-like columns, and
// GeoJSON.
//
// It consumes document events and fused events as package store returns
// them (store.StoredEvent, store.StoredFused), flattened to a Row by
// FromEvent and FromFused; fused events are exported as primary rows with
// their corroboration (the number of independent origins). It comes last:
// after the pipeline, fuse and store. Package api serves the same
// encoders under /api/export.
//
// Locations keep their precision. CSV and PLOVER carry the centroid with a
// precision column; GeoJSON draws a Point only for point precision, the
// bounding box Polygon for areas that have one, and no geometry otherwise.
package export
