// Package text is the first stage of the sitrep pipeline after ingest: it
// turns a report's raw text into kept article text, sentences and tagged
// tokens.
//
// It consumes Doc.Raw (or Doc.Text when Raw is empty) as filled by
// package ingest, and produces:
//
//   - Doc.Text: the lines of Raw judged to be article, joined with "\n",
//     each line's text unchanged; runs of blank lines are collapsed to one
//     and every later offset points into this text.
//   - Doc.Dropped: every other non-blank line with its 1-based line number
//     in Raw and a reason (byline, dateline, donation appeal, related-story
//     teaser, share button, newsletter notice, app promotion, cookie
//     notice, copyright, advertisement, photo credit, tag list, comment
//     prompt, navigation, separator). See Boilerplate below.
//   - Sentences, each with its Tokens and Penn Treebank POS tags.
//   - Doc.Flags: opinion sentences, a coherence score and LowCoherence.
//
// The stages after it (actor, geo, timex, event) read the sentences and
// tokens; text requires no stage before it.
//
// # Boilerplate
//
// A line longer than 400 bytes is always kept. A shorter one is judged,
// in order, by the patterns of data/boilerplate.tsv (exact lines,
// prefixes such as "Read more:", regular expressions for bylines,
// datelines, credits and copyright), by shape (a row of links or a
// breadcrumb trail; a line that is only a date), and last by a scorer
// (data/appeal.tsv) for lines that address the reader: an imperative
// opening a sentence ("Donate today", "Sign up"), second-person address,
// the publisher's "we" and words of appeals, sign-ups and prompts count
// for dropping; reporting verbs ("said", "according to") and quotation
// marks count against, so that "The ministry said donations from Gulf
// states funded the group" stays. Headlines listed under a teaser header
// ("Read more:") are dropped with it. All of it errs on the side of
// keeping: a dropped article sentence is worse than a kept button.
//
// # Sentences
//
// Lines are paragraphs (a line without final punctuation is joined with a
// following line that starts in lower case, undoing hard wrapping). Each
// paragraph is tokenized first; a sentence may end after ".", "?", "!" or
// an ellipsis plus any closing quotes or brackets, when the next token
// does not start in lower case. After an abbreviation that took its dot
// ("U.S.", "Inc.", an initial) a sentence ends before a common sentence
// opener ("The", "He"); titles ("Mr.", "Lt.", "Gen.") never end one,
// "No.", "Sept." and the like do not before a number, initials
// ("Vladimir V. Putin", "A. B. Jones") and dotted acronyms before other
// capitalised words ("U.S. Senator") do not either, and the remaining
// cases ("Inc. Shares") go to the punkt model of
// github.com/neurosnap/sentences. A full stop between a lower-case word
// and a capital ("Wednesday.Officials") ends a sentence. A sentence
// longer than the configured limit is cut at a token boundary.
//
// On the news documents of GUM (Wikinews), rebuilt from their gold
// sentences, boundary F1 is 0.989 (gum_eval_test.go).
//
// # Tokens and tags
//
// The tokenizer is our own, so that offsets are exact: "U.S.", "Mr.",
// "1,500", "3.5", "al-Assad", "three-star" and "U.S.-led" are one token,
// curly quotes and dashes are tokens of their own, and clitics are split
// as in the Penn Treebank ("Assad" "'s", "did" "n't"). Every token's Text
// equals Doc.Text[Start:End].
//
// Tags come from the averaged perceptron of github.com/jdkato/prose/v2,
// whose weights are read through prose's exported Asset function; prose
// keeps the tagger itself internal. perceptron.go extracts prose's
// features from our tokens (curly quotes and dashes rewritten to the
// ASCII forms prose was trained on) and scores them with each feature
// known by the FNV-1a hash of its string, never built, in an
// open-addressing table: about twice as fast as string-keyed maps, with
// the same tags (tag_ref_test.go keeps the string-keyed version and
// compares the two on the demo corpus). Punctuation is tagged by rule.
//
// # Limits
//
// Raw text over WithMaxBytes (DefaultMaxBytes) fails with
// sitrep.ErrTooLarge before any work; invalid UTF-8, NUL bytes and mostly
// control characters fail with ErrNotUTF8 or ErrBinary and the offset. A
// sentence over WithMaxSentenceLen bytes is cut at token boundaries,
// after a comma, semicolon, colon or dash in its second half if there is
// one; a single token longer than the limit makes a sentence alone.
//
// # Flags
//
// A sentence reads as opinion when, outside direct quotation, it ends in
// a question or exclamation mark or carries exhortation ("we must"),
// evaluative or stance words (data/opinion.tsv) of enough weight; a
// reporting verb ("said", "told") discounts the words. Coherence is the
// mean, over sentences after the first, of how many content words each
// shares with the three sentences before it (two shared words count as
// full), and LowCoherence is set when it falls below DefaultLowCoherence
// in a document of at least four sentences.
package text
