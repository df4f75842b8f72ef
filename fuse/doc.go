// Package fuse merges the events of many documents into one situation
// record.
//
// It consumes sitrep.Documents that have been through every per-document
// stage (text, actor, geo, timex, event) and produces a sitrep.Situation:
// where each document's text comes from, the fused events with every
// member report, their corroboration and contradictions, and story
// threads. It is the last stage; the store, the API and the exporters
// read its output.
//
// # Origin tracing
//
// Every sentence of at least a few words gets a MinHash signature over
// word shingles; locality-sensitive hashing (banding) finds sentences that
// repeat elsewhere in the corpus, whole or trimmed: two sentences match
// when their shingle sets are alike or when most of the shorter one's
// shingles are in the longer one (an excerpt). A document whose sentences mostly come
// from one other document is a copy; copies form a group whose origin is
// its earliest-published member (ties broken by ID), so the origin does not
// depend on the order documents arrive in. A document whose sentences
// mostly come from several other documents is flagged as stitched. An
// event reported in a sentence that also appears in an earlier document is
// credited to that document's origin, so a republished wire story or a
// content-farm page counts once as corroboration.
//
// # Event coreference
//
// Event mentions are indexed under blocking keys (event type and date
// period at week, month or year level, after the precision of the date),
// so adding a document compares its events with a bounded number of
// candidates whatever the size of the corpus: the blocks of its own and
// the adjacent levels over its date range, at most MaxCandidates recent
// mentions each. A candidate pair is linked when its evidence (type, date
// bounds, actors, place distance, quantities, trigger lemma or synonym,
// shared wording) scores above a threshold; fused events are the
// connected components of the links. Linking is a property of pairs, so
// the components do not depend on arrival order, and adding a document
// only ever merges components.
//
// Reports of the same kind of event on different days give a little
// counter-evidence per day apart, so that a daily stream of similar
// reports does not chain into one event. Components can still grow large
// in dense corpora (single links): Add stays bounded, but the record of a
// large fused event costs its size to build.
//
// A sentence that repeats a sentence of another document (a republished
// or stitched copy) reports the same event: its mentions are linked to
// the source's, and its date and figures, read in the copy's context,
// are left out of dating and contradictions.
//
// # Incremental use
//
// New(opts).Add(d) indexes one document; Events(d.Doc.ID) then returns
// the fused events that document is part of, rebuilt from their members
// and the copy groups of their documents only. Situation rebuilds the
// whole record (origins, events, threads) and costs time in proportion to
// the corpus.
//
// The same score links mentions that are not coded events: Cluster takes
// Features (group, type, trigger lemma, argument keys, sentence, date) and
// is what eval/coref scores on ECB+.
//
// # Contradictions
//
// Within a fused event, reports from different origins are compared:
// non-overlapping figures for the same quantity, non-overlapping date
// bounds, places more than a set distance apart or in different countries,
// actors from different countries, and an event asserted by one source
// and denied by another. Each contradiction names both documents, outlets
// and sentences.
package fuse
