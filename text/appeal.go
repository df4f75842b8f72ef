package text

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Thresholds of the appeal scorer (see data/appeal.tsv): a line is page
// furniture when the best reason has at least minOwnScore from its own
// cues and at least minAppealScore once the shared cues are added.
const (
	minOwnScore    = 2
	minAppealScore = 4
	// longLine is the length past which a line loses a point: appeals are
	// short, prose runs long.
	longLine = 200
)

// appealCue is one row of data/appeal.tsv.
type appealCue struct {
	words  []string
	verb   bool // counts only at the start of a sentence
	reason int  // index into appealScorer.reasons, or -1 for *
	weight int
}

// appealScorer judges lines that address the reader rather than report:
// "Independent journalism needs your support. Donate today". It weighs
// features (an imperative opening a sentence, second-person address, the
// publisher's "we", words of appeals, sign-ups and prompts) against marks
// of news prose (reporting verbs, quotation marks).
type appealScorer struct {
	reasons []string
	cues    map[string][]appealCue // first word -> cues
}

func parseAppeal(name, data string) (*appealScorer, error) {
	a := &appealScorer{cues: make(map[string][]appealCue)}
	index := map[string]int{"*": -1}
	err := eachRow(name, data, func(f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 tab-separated fields (kind, phrase, reason, weight), got %d", len(f))
		}
		w, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("weight %q: %w", f[3], err)
		}
		words := lineWords(f[1], nil)
		if len(words) == 0 || f[2] == "" {
			return fmt.Errorf("empty phrase or reason")
		}
		c := appealCue{weight: w}
		switch f[0] {
		case "verb":
			c.verb = true
		case "term":
		case "report":
			if f[2] != "*" || w >= 0 {
				return fmt.Errorf("a report cue has reason * and a negative weight")
			}
		default:
			return fmt.Errorf("unknown kind %q (want verb, term or report)", f[0])
		}
		r, ok := index[f[2]]
		if !ok {
			r = len(a.reasons)
			index[f[2]] = r
			a.reasons = append(a.reasons, f[2])
		}
		c.reason = r
		for _, wd := range words {
			c.words = append(c.words, wd.text)
		}
		a.cues[c.words[0]] = append(a.cues[c.words[0]], c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// lineWord is a lower-cased word of a line.
type lineWord struct {
	text  string
	lower bool // the word was written in lower case
	start bool // the word opens a sentence or a clause after a dash
}

// lineWords splits s into words: runs of letters and digits with inner
// apostrophes and hyphens, lower-cased, "’" read as "'".
func lineWords(s string, out []lineWord) []lineWord {
	start := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isAlnum(r) {
			if strings.ContainsRune(".!?:;…|•—–", r) || r == '-' && i > 0 && s[i-1] == ' ' {
				start = true
			}
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if isAlnum(r) {
				j += size
				continue
			}
			if r == '\'' || r == '’' || r == '-' {
				if next, _ := utf8.DecodeRuneInString(s[j+size:]); j+size < len(s) && isAlnum(next) {
					j += size
					continue
				}
			}
			break
		}
		w := s[i:j]
		lw := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
		out = append(out, lineWord{text: lw, lower: lw == w, start: start})
		start = false
		i = j
	}
	return out
}

// judge returns the reason t is an appeal or prompt, or "".
func (a *appealScorer) judge(t string) string {
	var buf [48]lineWord
	words := lineWords(t, buf[:0])
	if len(words) == 0 {
		return ""
	}
	var (
		own    [16]int // score per reason; reasons beyond 16 are ignored
		shared int
		seen   [24]*appealCue
		nseen  int
		second bool
		we     bool
	)
	for i, w := range words {
		switch w.text {
		case "you", "your", "yours", "yourself", "you're", "you'll", "you've", "you'd":
			second = true
		case "we", "our", "ours", "we're", "we've":
			we = true
		case "us":
			we = we || w.lower // not "US", the country
		}
		cues := a.cues[w.text]
		for k := range cues {
			c := &cues[k]
			if c.verb && !w.start || !matchWords(words[i:], c.words) {
				continue
			}
			dup := false
			for _, s := range seen[:nseen] {
				dup = dup || s == c
			}
			if dup || nseen == len(seen) {
				continue
			}
			seen[nseen] = c
			nseen++
			switch {
			case c.reason < 0:
				shared += c.weight
			case c.reason < len(own):
				own[c.reason] += c.weight
			}
		}
	}
	if second {
		shared++
	}
	if we {
		shared++
	}
	if strings.ContainsAny(t, "\"“”«»") {
		shared -= 2
	}
	if len(t) > longLine {
		shared--
	}
	best := -1
	for r := range min(len(a.reasons), len(own)) {
		if best < 0 || own[r] > own[best] {
			best = r
		}
	}
	if best < 0 || own[best] < minOwnScore || own[best]+shared < minAppealScore {
		return ""
	}
	return a.reasons[best]
}

// matchWords reports whether words opens with phrase.
func matchWords(words []lineWord, phrase []string) bool {
	if len(words) < len(phrase) {
		return false
	}
	for i, p := range phrase {
		if words[i].text != p {
			return false
		}
	}
	return true
}
