package text

import (
	"sort"

	"github.com/sitrep/sitrep"
)

// TokensIn returns the tokens of d that lie wholly inside s, in order. The
// result shares memory with d.Sentences.
func TokensIn(d *sitrep.Document, s sitrep.Span) []sitrep.Token {
	var out []sitrep.Token
	i := SentenceAt(d, s.Start)
	if i < 0 {
		// s may start in white space between sentences.
		i = sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > s.Start })
	}
	for ; i < len(d.Sentences) && d.Sentences[i].Start < s.End; i++ {
		toks := d.Sentences[i].Tokens
		lo := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= s.Start })
		hi := lo
		for hi < len(toks) && toks[hi].End <= s.End {
			hi++
		}
		if lo == hi {
			continue
		}
		if out == nil && (i+1 >= len(d.Sentences) || d.Sentences[i+1].Start >= s.End) {
			return toks[lo:hi:hi]
		}
		out = append(out, toks[lo:hi]...)
	}
	return out
}

// SentenceAt returns the index of the sentence containing byte offset off
// of d.Doc.Text, or -1 when off lies outside every sentence.
func SentenceAt(d *sitrep.Document, off int) int {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off })
	if i < len(d.Sentences) && d.Sentences[i].Start <= off {
		return i
	}
	return -1
}

// TokenAt returns the sentence and token indexes of the token containing
// byte offset off, or -1, -1.
func TokenAt(d *sitrep.Document, off int) (sent, tok int) {
	i := SentenceAt(d, off)
	if i < 0 {
		return -1, -1
	}
	toks := d.Sentences[i].Tokens
	k := sort.Search(len(toks), func(k int) bool { return toks[k].End > off })
	if k < len(toks) && toks[k].Start <= off {
		return i, k
	}
	return -1, -1
}
