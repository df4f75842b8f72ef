// Package sqlite is the default store backend: a single SQLite file opened
// through the pure-Go driver modernc.org/sqlite, so sitrep needs no C
// toolchain.
//
// Importing the package registers it with store.Open for "sqlite:path",
// "file:path" and plain paths; Open can also be called directly. The
// database runs in WAL mode with synchronous=FULL, so a transaction that
// has committed survives a process crash and a power cut, and readers do
// not block the writer. Each document is written in one transaction (see
// package store), so an ingest killed midway leaves only whole documents.
//
// It sits after the pipeline and fuse stages and before package api.
package sqlite
