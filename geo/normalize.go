package geo

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// special maps letters that do not decompose into a base letter plus marks.
var special = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
	'ə': "a", 'Ə': "a", 'ħ': "h",
}

// Key normalises a place name for exact lookup: lower case, accents
// removed, apostrophes and ayn/hamza marks dropped, other punctuation
// turned into single spaces. "Dar'ā" and "Dara" differ; "Tartūs" and
// "Tartus" do not.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading space
	if !isASCII(s) {
		// Invalid bytes would stop NFD from decomposing what follows.
		s = norm.NFD.String(strings.ToValidUTF8(s, " "))
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ' || r == 'ʿ' || r == 'ʾ' || r == '`' || r == '´':
			continue
		case r == '.':
			// "U.S." and "St. Louis" keep their letters together.
			continue
		}
		if rep, ok := special[unicode.ToLower(r)]; ok {
			b.WriteString(rep)
			space = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// articles are Arabic (and Romance) definite articles that transliterations
// write, drop or hyphenate at will: "al-Raqqa", "Raqqa", "ar-Raqqah".
var articles = map[string]bool{
	"al": true, "el": true, "ar": true, "as": true, "ash": true, "ad": true,
	"an": true, "az": true, "ez": true, "es": true, "ed": true, "er": true,
	"at": true, "ul": true, "et": true,
}

// Fuzzy folds a Key further so that common transliteration variants meet:
// Arabic articles are dropped, ou→u, q→k, c→k, ph→f, y→i, uw→w, doubled
// letters are collapsed and a final h after a vowel is dropped. "Lattakia"
// and "Latakia", "Tartous" and "Tartus", "Kuweires" and "Kweires",
// "Deir ez-Zor" and "Deir al-Zor" share a fuzzy key.
func Fuzzy(key string) string {
	words := strings.Fields(key)
	if len(words) > 1 {
		kept := words[:0]
		for i, w := range words {
			if articles[w] && i < len(words)-1 {
				continue
			}
			kept = append(kept, w)
		}
		words = kept
	}
	var b strings.Builder
	b.Grow(len(key))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(foldWord(w))
	}
	return b.String()
}

// letterFolds is read-only after init; strings.Replacer is safe for
// concurrent use.
var letterFolds = strings.NewReplacer("ou", "u", "uw", "w", "ph", "f", "ck", "k", "q", "k", "c", "k", "y", "i", "ee", "i", "oo", "u")

func foldWord(w string) string {
	w = letterFolds.Replace(w)
	out := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		out = append(out, w[i])
	}
	if n := len(out); n > 2 && out[n-1] == 'h' && isVowel(out[n-2]) {
		out = out[:n-1]
	}
	return string(out)
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
