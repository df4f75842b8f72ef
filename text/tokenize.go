package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// tokenize splits text[start:end] into tokens with absolute byte offsets
// into text and appends them to toks. Words keep their internal dots,
// commas between digits, hyphens and apostrophes ("U.S.", "1,500", "3.5",
// "al-Assad", "O'Brien"); English clitics are split off as in the Penn
// Treebank ("Assad" "'s", "did" "n't"); every other non-space rune is a
// token of its own, except runs of dots and of ASCII hyphens. abbrevs
// holds lower-cased abbreviations without their final dot that take it
// along ("mr" makes "Mr." one token).
func tokenize(text string, start, end int, abbrevs map[string]bool, toks []sitrep.Token) []sitrep.Token {
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r) || r == utf8.RuneError && size <= 1 || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff':
			i += size
		case isWordRune(r):
			j := scanWord(text, i, end)
			j = takeAbbrevDot(text, i, j, end, abbrevs)
			toks = appendWord(text, i, j, toks)
			i = j
		case r == '.' || r == '-':
			j := i + 1
			for j < end && text[j] == byte(r) {
				j++
			}
			toks = append(toks, tok(text, i, j))
			i = j
		default:
			toks = append(toks, tok(text, i, i+size))
			i += size
		}
	}
	return toks
}

func tok(text string, s, e int) sitrep.Token {
	return sitrep.Token{Span: sitrep.Span{Start: s, End: e}, Text: text[s:e]}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// isJoiner reports whether r may sit inside a word between two word runes.
func isJoiner(r rune) bool {
	switch r {
	case '.', '-', '\u2010', '\u2011', '\'', '’', ',', '_', '@', '&':
		return true
	}
	return false
}

// scanWord returns the end of the word starting at i.
func scanWord(text string, i, end int) int {
	j := i
	for j < end {
		r, size := utf8.DecodeRuneInString(text[j:end])
		if isWordRune(r) {
			j += size
			continue
		}
		if !isJoiner(r) || j+size >= end {
			break
		}
		prev, _ := utf8.DecodeLastRuneInString(text[i:j])
		next, _ := utf8.DecodeRuneInString(text[j+size : end])
		if !isWordRune(next) {
			break
		}
		switch r {
		case '.':
			// A missing space after a full stop: "Wednesday.Officials".
			// Short heads ("Ph.D", "St.Petersburg") and dotted
			// abbreviations ("U.S") stay whole.
			if unicode.IsLower(prev) && unicode.IsUpper(next) && utf8.RuneCountInString(text[i:j]) >= 3 &&
				!strings.Contains(text[i:j], ".") {
				return j
			}
		case ',':
			// Only digit groups: "1,500" but not "Aleppo,Homs".
			if !unicode.IsDigit(prev) || !unicode.IsDigit(next) {
				return j
			}
		case '&':
			// "AT&T" but not "Syria&Iraq": both sides upper case.
			if !unicode.IsUpper(prev) || !unicode.IsUpper(next) {
				return j
			}
		}
		j += size
	}
	return j
}

// takeAbbrevDot extends the word text[s:e] over a following "." when the
// word is an abbreviation: in abbrevs, a single letter (an initial), or
// dotted like "U.S" or "e.g". A hyphenated continuation ("U.S.-led") is
// taken too.
func takeAbbrevDot(text string, s, e, end int, abbrevs map[string]bool) int {
	if e >= end || text[e] != '.' || e+1 < end && text[e+1] == '.' {
		return e
	}
	w := text[s:e]
	// The abbreviation is the last hyphen-separated part: "ex-Gen." stays
	// "ex-Gen.".
	if k := strings.LastIndexAny(w, "-"); k >= 0 {
		w = w[k+1:]
	}
	lw := strings.ToLower(w)
	ok := abbrevs[lw]
	if !ok {
		r, size := utf8.DecodeRuneInString(w)
		switch {
		case size == len(w) && unicode.IsUpper(r):
			ok = true // an initial: "V."
		case strings.Contains(w, ".") && !hasDigit(w) && shortParts(w):
			ok = true // "U.S", "e.g", "Ph.D", but not "www.example.org"
		}
	}
	if !ok {
		return e
	}
	e++
	if e+1 < end && text[e] == '-' {
		if r, _ := utf8.DecodeRuneInString(text[e+1 : end]); isWordRune(r) {
			return scanWord(text, e+1, end)
		}
	}
	return e
}

// maxAbbrevPart is the longest part between dots of a dotted
// abbreviation: "U.S", "Ph.D", "a.m"; a host name has longer ones.
const maxAbbrevPart = 3

// shortParts reports whether every dot-separated part of w is short.
func shortParts(w string) bool {
	for part := range strings.SplitSeq(w, ".") {
		if utf8.RuneCountInString(part) > maxAbbrevPart {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// clitics are split off the end of a word, Penn Treebank style. Both
// apostrophes are accepted.
var clitics = []string{"n't", "'s", "'re", "'ll", "'ve", "'d", "'m"}

// curlyClitics are clitics with the typographic apostrophe.
var curlyClitics = func() []string {
	out := make([]string, len(clitics))
	for i, c := range clitics {
		out[i] = strings.Replace(c, "'", "’", 1)
	}
	return out
}()

// appendWord appends text[s:e], splitting off a final clitic.
func appendWord(text string, s, e int, toks []sitrep.Token) []sitrep.Token {
	w := text[s:e]
	// Every clitic ends in a letter after an apostrophe or "n": skip the
	// search for words that cannot carry one.
	if len(w) > 2 && (strings.IndexByte(w, '\'') >= 0 || strings.Contains(w, "’")) {
		for i, c := range clitics {
			k := cliticAt(w, c, curlyClitics[i])
			if k <= 0 {
				continue
			}
			return append(toks, tok(text, s, s+k), tok(text, s+k, e))
		}
	}
	// A trailing possessive apostrophe: "rebels'" has its "'" outside the
	// word already, since scanWord stops before a joiner at the end.
	return append(toks, tok(text, s, e))
}

// cliticAt returns the byte index in w where clitic c, or its curly form,
// starts, or -1. The match ignores case.
func cliticAt(w, c, curly string) int {
	for _, a := range [2]string{c, curly} {
		if len(w) > len(a) && strings.EqualFold(w[len(w)-len(a):], a) {
			return len(w) - len(a)
		}
	}
	return -1
}
