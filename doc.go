// Package sitrep turns news reports about a conflict into an
// evidence-backed record of the situation.
//
// The pipeline, in order:
//
//  1. ingest reads text, HTML, feeds, JSON Lines and WARC archives into
//     Documents (package ingest).
//  2. text drops boilerplate lines, splits sentences and tokens and tags
//     parts of speech (package text).
//  3. actor finds people, governments, militaries, armed groups and media
//     and resolves each to one canonical identity (package actor).
//  4. geo finds place names and resolves them to gazetteer entries with an
//     honest precision (package geo).
//  5. timex finds temporal expressions and normalises them against the
//     publication date (package timex).
//  6. event codes who did what to whom, where, when, how many and who says
//     so (package event).
//  7. fuse merges events across documents, counts independent origins and
//     surfaces contradictions (package fuse).
//
// Each stage reads the layers that earlier stages added to a Document and
// adds its own; it never edits an earlier layer and never imports a later
// stage. Package pipeline runs the per-document stages in order and checks
// their declared requirements at start-up. All offsets are byte offsets
// into Doc.Text, the kept text of the article, end exclusive.
//
// The JSON form of a Document is the record format documented in
// docs/record.md and docs/record.schema.json.
package sitrep
