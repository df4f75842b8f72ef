// Package ingest reads reports from files, directories, HTML pages, RSS and
// Atom feeds, JSON Lines and WARC archives into sitrep.Documents.
//
// It is the first stage: it consumes raw inputs and produces Documents with
// only Doc filled (ID, Source, URL, Title, Published, Raw and Hash, the hex
// SHA-256 of Raw). The text stage comes next; it drops boilerplate lines
// from Raw and fills Doc.Text.
package ingest
