package actor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one matching unit: a token, or a part of a hyphenated token, with
// its normalised key. Matching runs over words so that "al-Assad",
// "al Assad" and "Al-Assad" meet at the same keys.
type word struct {
	start, end int    // byte offsets into Doc.Text
	raw        string // the text as written
	key        string // normalised: lower case, folded, no dots or apostrophes
	cap        bool   // starts with an upper-case letter or a digit
	upper      bool   // has letters and no lower-case letter ("US", "U.S.", "IRGC")
	tok        int    // index of the token within its sentence
	pos        string // Penn tag of the token, when the text stage gave one
}

// foldRune maps common accented Latin letters to their base letter.
func foldRune(r rune) rune {
	switch r {
	case 'á', 'à', 'â', 'ä', 'ã', 'å', 'ā', 'ă', 'ą':
		return 'a'
	case 'ç', 'ć', 'č':
		return 'c'
	case 'ď', 'đ':
		return 'd'
	case 'é', 'è', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return 'e'
	case 'ğ':
		return 'g'
	case 'í', 'ì', 'î', 'ï', 'ī', 'ı':
		return 'i'
	case 'ł', 'ľ':
		return 'l'
	case 'ñ', 'ń', 'ň':
		return 'n'
	case 'ó', 'ò', 'ô', 'ö', 'õ', 'ø', 'ō', 'ő':
		return 'o'
	case 'ř':
		return 'r'
	case 'ś', 'š', 'ş', 'ș':
		return 's'
	case 'ť', 'ţ', 'ț':
		return 't'
	case 'ú', 'ù', 'û', 'ü', 'ū', 'ů', 'ű':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case 'ź', 'ż', 'ž':
		return 'z'
	}
	return r
}

// normWord returns the matching key of one word: lower case, accents
// folded, dots and apostrophes removed. A word made only of such marks
// keeps its original text so that it never matches a name.
func normWord(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '.', '\'', '’', '‘', '`', 'ʼ', 'ʻ':
			continue
		}
		b.WriteRune(foldRune(unicode.ToLower(r)))
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' || r == '–'
}

// splitWords cuts s (starting at byte offset base) into words at spaces and
// hyphens, and keeps other punctuation as words of their own.
func splitWords(s string, base int, tok int, pos string, out []word) []word {
	if s != "" && strings.TrimFunc(s, func(r rune) bool { return isHyphen(r) || r == '—' }) == "" {
		// A dash standing alone ("SANA - Syrian ...") separates names.
		return append(out, makeWord(s, base, base+len(s), tok, pos))
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || isHyphen(r) || r == '/' {
			i += size
			continue
		}
		j := i
		if isWordRune(r) {
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) || r2 == '.' || r2 == '\'' || r2 == '’' || r2 == '&' {
					j += sz
					continue
				}
				break
			}
			// A trailing dot belongs to the word only for initials and
			// abbreviations like "U.S." or "Gen."; the sentence stop is kept
			// apart by the tokenizer anyway.
		} else {
			j = i + size
		}
		out = append(out, makeWord(s[i:j], base+i, base+j, tok, pos))
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func makeWord(raw string, start, end, tok int, pos string) word {
	w := word{start: start, end: end, raw: raw, key: normWord(raw), tok: tok, pos: pos}
	r, _ := utf8.DecodeRuneInString(raw)
	w.cap = unicode.IsUpper(r) || unicode.IsDigit(r)
	letters, lower := 0, 0
	for _, r := range raw {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				lower++
			}
		}
	}
	w.upper = letters > 0 && lower == 0
	return w
}

// normPhrase returns the key of a multi-word phrase: its words' keys joined
// by single spaces. Underscores count as spaces, so PETRARCH phrases
// normalise the same way.
func normPhrase(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	ws := splitWords(s, 0, 0, "", nil)
	keys := make([]string, 0, len(ws))
	for _, w := range ws {
		keys = append(keys, w.key)
	}
	return strings.Join(keys, " ")
}

// slug turns a key into an id fragment: letters and digits, words joined by
// hyphens.
func slug(key string) string {
	var b strings.Builder
	dash := false
	for _, r := range key {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// skeleton is a coarse spelling-insensitive key used to find typo and
// transliteration variants: particles like "al" dropped, vowels removed
// (but a word's first letter), letters that transliterations swap merged,
// doubled letters collapsed. "Qassem Soleimani" and "Qassam Suleimani" share
// one skeleton; candidates are then checked by edit distance.
func skeleton(key string) string {
	var b strings.Builder
	for _, w := range strings.Fields(key) {
		switch w {
		case "al", "el", "ad", "ar", "as", "ash", "an", "ul", "bin", "ibn", "abu":
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		var last rune
		for i, r := range w {
			switch r {
			case 'q', 'c':
				r = 'k'
			case 'z':
				r = 's'
			case 'y', 'j':
				if i > 0 {
					r = 'i'
				}
			case 'w', 'v':
				r = 'v'
			}
			if i > 0 && (r == 'a' || r == 'e' || r == 'i' || r == 'o' || r == 'u' || r == 'h') {
				continue
			}
			if r == last {
				continue
			}
			b.WriteRune(r)
			last = r
		}
	}
	return b.String()
}

// editDistance is the Damerau-Levenshtein (optimal string alignment)
// distance between a and b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}
