package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is one word, number or punctuation mark as the matcher sees it.
// Hyphens that join two words ("mid-October", "four-week") are dropped so
// that patterns need not spell them; hyphens between digits are kept.
type tok struct {
	start, end int    // byte offsets into the document text
	low        string // lower-cased text
	upper      bool   // first letter is upper case
}

// tokenize splits text[start:end] into toks with offsets into text.
// abbrev reports whether a lower-case word followed by a full stop is an
// abbreviation that keeps its stop ("sept.").
func tokenize(text string, start, end int, abbrev func(string) bool) []tok {
	var out []tok
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r):
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:end])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n2
			}
			low := strings.ToLower(text[i:j])
			// a.m. and p.m.
			if (low == "a" || low == "p") && j+3 <= end && (text[j:j+3] == ".m." || text[j:j+3] == ".M.") {
				j += 3
				low += ".m."
			} else if j < end && text[j] == '.' && abbrev(low+".") {
				j++
				low += "."
			}
			out = append(out, tok{start: i, end: j, low: low, upper: unicode.IsUpper(r)})
			i = j
		case r >= '0' && r <= '9':
			j := i + 1
			for j < end {
				c := text[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				// Internal separators: 2,000  1.5  15:00
				if (c == ',' || c == '.' || c == ':') && j+1 < end && text[j+1] >= '0' && text[j+1] <= '9' {
					j += 2
					continue
				}
				break
			}
			// Letter suffix: 10th, 1990s, 8pm.
			for j < end {
				c := text[j]
				if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
					j++
					continue
				}
				break
			}
			out = append(out, tok{start: i, end: j, low: strings.ToLower(text[i:j])})
			i = j
		case r == '\'' || r == '’':
			// '90s, '58
			j := i + n
			k := j
			for k < end && text[k] >= '0' && text[k] <= '9' {
				k++
			}
			if k-j == 2 {
				if k < end && text[k] == 's' {
					k++
				}
				out = append(out, tok{start: i, end: k, low: "'" + strings.ToLower(text[j:k])})
				i = k
				continue
			}
			out = append(out, tok{start: i, end: j, low: "'"})
			i = j
		case r == '-' || r == '–' || r == '—':
			// Drop a hyphen joining two words.
			if r == '-' && len(out) > 0 && out[len(out)-1].end == i && i+n < end {
				next, _ := utf8.DecodeRuneInString(text[i+n : end])
				if unicode.IsLetter(next) {
					i += n
					continue
				}
			}
			out = append(out, tok{start: i, end: i + n, low: "-"})
			i += n
		default:
			out = append(out, tok{start: i, end: i + n, low: text[i : i+n]})
			i += n
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
