// Package timex finds temporal expressions in a report and normalises
// them against its publication date.
//
// It consumes Doc.Text, Doc.Published and the sentences (with
// part-of-speech tags) of the text stage, and produces Document.Timexes:
// for each expression its span, TIMEX3 type (DATE, TIME, DURATION, SET)
// and value ("2015-09-30", "2015-W39", "P10D", "PRESENT_REF"), and a Date
// with ISO day bounds, so that "last week" in an article of Thursday
// 2015-10-01 is 2015-W39 from 2015-09-21 to 2015-09-27.
//
// It runs after text (and after actor and geo, which it does not read)
// and before event, which attaches the dates to events; events without
// an expression of their own take PublicationDate.
//
// The rules are data: data/vocab.tsv lists the words (months, weekdays,
// numbers, units, modifiers, reference words, tense cues) and
// data/patterns.tsv the token patterns, each naming a resolver in
// resolve.go that turns the captured words into a value. Bare weekdays
// and months are read as past, as news mostly reports what happened,
// unless a cue such as "will" governs them.
package timex
