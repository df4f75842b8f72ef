// Package timex measures the timex stage on the TempEval-3 platinum test
// set (../shared/benchmarks/tempeval3_platinum): TimeML documents whose
// TIMEX3 tags give the gold spans, types and values.
//
// Run strips the tags to recover each article's text and gold spans,
// passes the text through the text and timex stages with the document
// creation time as publication date, and scores the result the way the
// TempEval-3 Task A scorer does: extraction precision, recall and F1 under
// strict (same extent) and relaxed (overlapping extent) matching, and for
// the type and value attributes accuracy over relaxed matches and
// attribute F1 = relaxed F1 x attribute accuracy. Value F1 was the task's
// ranking figure for normalisation.
//
// The benchmark files are read at run time and never copied into the
// repository.
package timex
