package fuse

// Options tune origin tracing and event linking. The zero value of a field
// means its default.
type Options struct {
	// ShingleWords is the number of words per shingle in a sentence
	// signature. Default 3.
	ShingleWords int
	// MinSentenceWords is the length below which a sentence is too short
	// to be evidence of copying. Default 6.
	MinSentenceWords int
	// SentenceMatch is the estimated Jaccard similarity of shingle sets at
	// which two sentences count as the same sentence. Default 0.6.
	SentenceMatch float64
	// SentenceContain is the estimated share of the shorter sentence's
	// shingles found in the longer one at which a sentence counts as an
	// excerpt of another ("X said on Saturday that ..." trimmed to
	// "X said ..."). Default 0.75.
	SentenceContain float64
	// CopyShare is the share of a document's sentences that must come from
	// one other document for it to be a copy. Default 0.8.
	CopyShare float64
	// CopyMutual is the share of the other document's sentences that must
	// appear in the copy, so that a short article quoted inside a long page
	// does not make the page a copy of it. Default 0.5.
	CopyMutual float64
	// StitchShare is the share of a document's sentences found in other
	// documents (two or more) for it to be flagged as stitched. Default 0.5.
	StitchShare float64

	// DateSlackDays is how far apart two date ranges may be and still
	// describe the same event. Default 2.
	DateSlackDays int
	// PublicationWindowDays is how far before publication an event with no
	// date of its own may have happened. Default 3.
	PublicationWindowDays int
	// MaxDistanceKm is the distance beyond which two point locations are
	// different places. Default 50.
	MaxDistanceKm float64
	// QuantityTolerance widens each figure by this relative amount before
	// ranges are compared, so rounding is not a contradiction. Default 0.05.
	QuantityTolerance float64
	// LemmaWeight is the evidence of two mentions sharing their trigger
	// lemma. Default 0.5.
	LemmaWeight float64
	// SynonymWeight is the evidence of trigger lemmas in one synonym
	// class (data/synonyms.tsv), such as "killed" and "death". Default 0.4.
	SynonymWeight float64
	// ContextWeight multiplies the Jaccard similarity of the content words
	// of the two mentions' sentences. Default 2.
	ContextWeight float64
	// ArgumentWeight is the evidence of sharing an argument key of one
	// role, and ArgumentPenalty the counter-evidence of naming arguments of
	// a role with none in common. They apply to mentions given as Features.
	// Defaults 1 and 0.
	ArgumentWeight  float64
	ArgumentPenalty float64
	// LinkThreshold is the evidence score at which two mentions are linked.
	// Default 2.5.
	LinkThreshold float64
	// MaxCandidates bounds how many of the most recent mentions of each
	// block are compared with a new mention; it keeps the cost per added
	// document flat. Results are exact while no block exceeds it.
	// Default 400.
	MaxCandidates int
	// MaxBucket bounds how many sentences one LSH bucket holds; a sentence
	// repeated more often than this is boilerplate, not evidence.
	// Default 200.
	MaxBucket int
}

const (
	numHashes = 32 // MinHash signature length
	numBands  = 16 // LSH bands of numHashes/numBands rows each: two rows find excerpts (Jaccard 0.3) nine times in ten
)

func (o Options) withDefaults() Options {
	setInt := func(p *int, v int) {
		if *p <= 0 {
			*p = v
		}
	}
	setFloat := func(p *float64, v float64) {
		if *p <= 0 {
			*p = v
		}
	}
	setInt(&o.ShingleWords, 3)
	setInt(&o.MinSentenceWords, 6)
	setFloat(&o.SentenceMatch, 0.6)
	setFloat(&o.SentenceContain, 0.75)
	setFloat(&o.CopyShare, 0.8)
	setFloat(&o.CopyMutual, 0.5)
	setFloat(&o.StitchShare, 0.5)
	setInt(&o.DateSlackDays, 2)
	setInt(&o.PublicationWindowDays, 3)
	setFloat(&o.MaxDistanceKm, 50)
	setFloat(&o.QuantityTolerance, 0.05)
	setFloat(&o.LemmaWeight, 0.5)
	setFloat(&o.SynonymWeight, 0.4)
	setFloat(&o.ContextWeight, 2)
	setFloat(&o.ArgumentWeight, 1)
	setFloat(&o.LinkThreshold, 2.5)
	setInt(&o.MaxCandidates, 400)
	setInt(&o.MaxBucket, 200)
	return o
}
