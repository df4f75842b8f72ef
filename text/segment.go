package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neurosnap/sentences"
	"github.com/sitrep/sitrep"
)

// segmenter splits paragraphs into sentences. The punkt model of
// neurosnap/sentences decides the ambiguous cases; rules written for news
// prose decide the rest, because punkt alone splits after titles and
// initials ("Lt. Col.", "Vladimir V. Putin") and misses boundaries behind
// closing curly quotes.
type segmenter struct {
	punkt *sentences.DefaultSentenceTokenizer
	// abbrevs are lower-cased abbreviations, without their final dot, that
	// tokenize keeps with their dot.
	abbrevs map[string]bool
	// titles never end a sentence: "Mr.", "Gen.", "Lt.".
	titles map[string]bool
	// beforeNumber end a sentence only when no number follows: "No. 2",
	// "Sept. 30", "Art. 51".
	beforeNumber map[string]bool
	// starters are words that usually open a sentence and rarely follow an
	// abbreviation inside one: "The", "He", "But".
	starters map[string]bool
	maxLen   int // hard limit on a sentence's length in bytes
}

// paragraphs returns the spans of text's paragraphs: lines, except that a
// line without final punctuation is joined with a following line that
// starts in lower case, which undoes hard wrapping.
func paragraphs(text string) []sitrep.Span {
	var paras []sitrep.Span
	start := -1
	lastEnd := 0
	for i := 0; i <= len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text)
		} else {
			j += i
		}
		s, e := trimSpan(text, i, j)
		if s < e {
			if start >= 0 && !joinLines(text[start:lastEnd], text[s:e]) {
				paras = append(paras, sitrep.Span{Start: start, End: lastEnd})
				start = -1
			}
			if start < 0 {
				start = s
			}
			lastEnd = e
		} else if start >= 0 {
			paras = append(paras, sitrep.Span{Start: start, End: lastEnd})
			start = -1
		}
		i = j + 1
	}
	if start >= 0 {
		paras = append(paras, sitrep.Span{Start: start, End: lastEnd})
	}
	return paras
}

// joinLines reports whether next continues the paragraph ending in prev.
func joinLines(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".?!:;\"”’)]…", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first)
}

// trimSpan shrinks [s, e) of text past leading and trailing white space.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// split appends the sentences of the paragraph text[p.Start:p.End], each
// with its tokens, to out.
func (sg *segmenter) split(text string, p sitrep.Span, out []sitrep.Sentence) []sitrep.Sentence {
	toks := tokenize(text, p.Start, p.End, sg.abbrevs, nil)
	if len(toks) == 0 {
		return out
	}
	// punkt's breaks (absolute offsets, ascending) are computed only when
	// an abbreviation leaves a boundary in doubt.
	var (
		punkt     []int
		punktDone bool
	)
	breaks := func() []int {
		if !punktDone {
			punktDone = true
			for _, pos := range sg.punkt.SentencePositions(text[p.Start:p.End]) {
				punkt = append(punkt, p.Start+pos)
			}
		}
		return punkt
	}
	first := 0
	for k := 0; k < len(toks); k++ {
		m, ok := sg.boundary(toks, k, breaks)
		if !ok && k < len(toks)-1 {
			continue
		}
		if !ok {
			m = k
		}
		out = sg.emit(toks[first:m+1], out)
		first = m + 1
		k = m
	}
	return out
}

func isTerminal(t string) bool {
	switch t {
	case ".", "?", "!", "…", "...", "?!", "!?":
		return true
	}
	return strings.Trim(t, ".?!") == "" && t != ""
}

func isCloser(t string) bool {
	switch t {
	case "”", "’", "\"", "'", ")", "]", "»":
		return true
	}
	return false
}

// boundary reports whether a sentence ends after toks[k] and, if so, the
// index of its last token (k plus any closing quotes and brackets).
func (sg *segmenter) boundary(toks []sitrep.Token, k int, punkt func() []int) (int, bool) {
	t := toks[k].Text
	abbrev := false
	switch {
	case isTerminal(t):
	case strings.HasSuffix(t, ".") && len(t) > 1:
		abbrev = true
	default:
		return 0, false
	}
	m := k
	for m+1 < len(toks) && isCloser(toks[m+1].Text) && toks[m+1].Start == toks[m].End {
		m++
	}
	if m+1 >= len(toks) {
		return m, true
	}
	next := toks[m+1].Text
	r, _ := utf8.DecodeRuneInString(next)
	opens := isWordRune(r) && !unicode.IsLower(r) || strings.ContainsRune("“\"‘'([«", r)
	if !opens {
		return 0, false
	}
	if !abbrev && t != "..." && t != "…" {
		return m, true
	}
	word := strings.ToLower(strings.TrimSuffix(t, "."))
	if k := strings.LastIndexByte(word, '-'); k >= 0 {
		word = word[k+1:]
	}
	switch {
	case sg.titles[word]:
		return 0, false
	case sg.beforeNumber[word] && unicode.IsDigit(r):
		return 0, false
	}
	if sg.starters[strings.ToLower(strings.Trim(next, "“\"‘'([«"))] {
		return m, true
	}
	if utf8.RuneCountInString(word) == 1 && isInitial(toks, k) {
		return 0, false
	}
	// A dotted acronym before a capitalised word other than a common
	// opener mostly qualifies it ("U.S. Senator", "U.N. envoy"); punkt
	// splits there too often.
	if strings.Contains(word, ".") {
		return 0, false
	}
	// Ambiguous: an abbreviation before a capitalised word. Ask punkt.
	lo, hi := toks[k].Start+1, toks[m+1].Start
	for _, p := range punkt() {
		if p >= lo && p <= hi {
			return m, true
		}
	}
	return 0, false
}

// isInitial reports whether the single-letter token toks[k] is a middle
// or first initial of a name: it opens the paragraph or a sentence, the
// word before it is capitalised (or another initial), or another initial
// follows ("A. B. Jones").
func isInitial(toks []sitrep.Token, k int) bool {
	if k == 0 || isTerminal(toks[k-1].Text) {
		return true
	}
	if k+1 < len(toks) && isInitialToken(toks[k+1].Text) {
		return true
	}
	prev := toks[k-1].Text
	r, _ := utf8.DecodeRuneInString(prev)
	return unicode.IsUpper(r) && toks[k-1].End+1 >= toks[k].Start
}

// isInitialToken reports whether t is a capital letter and a dot: "V.".
func isInitialToken(t string) bool {
	r, size := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) && t[size:] == "."
}

// emit appends one sentence made of toks, cutting it at token boundaries
// when it exceeds the length limit.
func (sg *segmenter) emit(toks []sitrep.Token, out []sitrep.Sentence) []sitrep.Sentence {
	for len(toks) > 0 {
		n := len(toks)
		if toks[n-1].End-toks[0].Start > sg.maxLen {
			n = cutAt(toks, sg.maxLen)
		}
		s := sitrep.Sentence{Span: sitrep.Span{Start: toks[0].Start, End: toks[n-1].End}, Tokens: toks[:n:n]}
		out = append(out, s)
		toks = toks[n:]
	}
	return out
}

// cutAt returns how many of toks to keep in a sentence of at most max
// bytes: at least one, ending after the last clause punctuation that fits
// in its second half, else after the last token that fits.
func cutAt(toks []sitrep.Token, max int) int {
	start := toks[0].Start
	fit := 1
	for fit < len(toks) && toks[fit].End-start <= max {
		fit++
	}
	for i := fit - 1; i > 0 && toks[i].End-start > max/2; i-- {
		switch toks[i].Text {
		case ";", ",", ":", "—", "–", "--":
			return i + 1
		}
	}
	return fit
}
