// Package postgres is the PostgreSQL store backend, for deployments where
// several processes (the NATS workers, the API server) share one database.
//
// Importing the package registers it with store.Open for "postgres://" and
// "postgresql://" URLs; Open can also be called directly. It talks to the
// server through github.com/jackc/pgx/v5 behind database/sql, so every
// query is the same as the SQLite backend's (package sqlstore) and the
// conformance suite checks both alike.
//
// The URL is a libpq connection URL. Parameters pgx does not know are sent
// to the server as run-time settings, so "?search_path=myschema" puts the
// tables into a schema of their own (the tests use that to run in a fresh
// schema each time).
//
// Concurrency: documents are deduplicated by the unique constraints on ID,
// hash and URL (INSERT ... ON CONFLICT DO NOTHING), so concurrent writers
// of one document store it once. Writers of fused events (PutSituation,
// MergeFused, DeleteDocument) take a transaction-scoped advisory lock, so
// they run one at a time and never interleave their membership changes.
// Transactions the server aborts for a deadlock or serialization failure
// are retried.
//
// It sits after the pipeline and fuse stages and before package api.
package postgres
