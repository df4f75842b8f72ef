package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDateWords bounds a date-only line: "Last modified on Thu 1 Oct 2015
// 11.40 BST" has nine words.
const maxDateWords = 14

// dateWords is data/dates.tsv: word -> kind.
type dateWords map[string]string

func parseDateWords(name, data string) (dateWords, error) {
	d := make(dateWords)
	err := eachRow(name, data, func(f []string) error {
		if len(f) != 2 || f[1] == "" {
			return fmt.Errorf("want 2 tab-separated fields (kind, word), got %d", len(f))
		}
		switch f[0] {
		case "month", "weekday", "zone", "lead":
			d[f[1]] = f[0]
		default:
			return fmt.Errorf("unknown kind %q (want month, weekday, zone or lead)", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// dateOnly reports whether line gives a date or time and nothing else:
// "September 30, 2015", "Updated 14:02 GMT, 30 Sep 2015", "30/09/2015".
// Such a line sits in the page's header, not in the article.
func (dw dateWords) dateOnly(line string) bool {
	var (
		words, numbers int
		month, year    bool
	)
	for f := range strings.FieldsFuncSeq(strings.ToLower(line), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	}) {
		f = strings.Trim(f, ".")
		if f == "" {
			continue
		}
		if words++; words > maxDateWords {
			return false
		}
		if n := leadingDigits(f); n > 0 {
			switch suffix := f[n:]; {
			case n > 4:
				return false
			case suffix == "" || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" ||
				dw[suffix] == "zone": // "7am"
			case suffix[0] == '.' && leadingDigits(strings.ReplaceAll(suffix, ".", "")) == len(suffix)-strings.Count(suffix, "."):
				// "09.15", "30.09.2015"
			default:
				return false
			}
			numbers++
			year = year || n == 4
			if strings.Count(f, ".") >= 2 {
				month = true // "30.09.2015"
			}
			continue
		}
		kind, ok := dw[f]
		if !ok {
			return false
		}
		month = month || kind == "month"
	}
	// "30/09/2015" and "2015-09-30" come as three numbers with a year.
	month = month || numbers >= 3 && year
	return month && numbers > 0
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// Link lists: "Home | World | Middle East | Syria", "News > World".
const (
	minLinks       = 3
	maxLinkWords   = 4
	maxLinkBytes   = 40
	linkSeparators = "|•·›»>/"
)

// linkList reports whether line is a row of short links or a breadcrumb
// trail: at least minLinks parts between separators, each a few words
// with no sentence punctuation.
func linkList(line string) bool {
	parts := strings.FieldsFunc(line, func(r rune) bool { return strings.ContainsRune(linkSeparators, r) })
	if len(parts) < minLinks && !(len(parts) == minLinks-1 && strings.ContainsAny(line, ">›»")) {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || len(p) > maxLinkBytes || len(strings.Fields(p)) > maxLinkWords || !hasAlnum(p) {
			return false
		}
		last, _ := utf8.DecodeLastRuneInString(p)
		if strings.ContainsRune(".,;:!?\"”", last) {
			return false
		}
	}
	// Separators must stand between spaces, or "and/or" and "24/7" would
	// make a list.
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if strings.ContainsRune(linkSeparators, r) {
			if i == 0 || line[i-1] != ' ' || i+size >= len(line) || line[i+size] != ' ' {
				return false
			}
		}
		i += size
	}
	return true
}
