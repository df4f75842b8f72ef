package text

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// maxBoilerplateLine is the length past which a line is always kept: page
// furniture is short, and a long line is almost certainly article prose.
const maxBoilerplateLine = 400

// tailBytes is how much of a line's end a "tail" rule sees.
const tailBytes = 100

// boilerRule is one row of data/boilerplate.tsv.
type boilerRule struct {
	kind    string // exact, prefix or regex
	pattern string // lower-cased for exact and prefix
	re      *regexp.Regexp
	reason  string
	// first holds the runes a regex rule's match can start with; nil
	// means any. Only anchored rules have one.
	first map[rune]bool
	// needs holds lower-cased strings one of which every match
	// contains; nil means no such gate.
	needs []string
}

// boilerplate judges lines of Raw.
type boilerplate struct {
	exact    map[string]string // normalised line -> reason
	prefix   []boilerRule
	contains []boilerRule
	tail     []boilerRule
	regex    []boilerRule
	dates    dateWords     // data/dates.tsv
	appeal   *appealScorer // data/appeal.tsv
}

// parseBoilerplate reads the boilerplate table; name is used in errors.
func parseBoilerplate(name, data string) (*boilerplate, error) {
	b := &boilerplate{exact: make(map[string]string)}
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[1] == "" || f[2] == "" {
			return nil, fmt.Errorf("%s:%d: want 3 tab-separated fields (kind, pattern, reason), got %d", name, n, len(f))
		}
		r := boilerRule{kind: f[0], pattern: f[1], reason: f[2]}
		switch r.kind {
		case "exact":
			b.exact[normLine(r.pattern)] = r.reason
		case "prefix":
			r.pattern = strings.ToLower(r.pattern)
			b.prefix = append(b.prefix, r)
		case "contains":
			r.pattern = strings.ToLower(r.pattern)
			b.contains = append(b.contains, r)
		case "regex", "tail":
			re, err := regexp.Compile(r.pattern)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
			r.re = re
			if r.kind == "regex" && strings.HasPrefix(strings.TrimPrefix(r.pattern, "(?i)"), "^") {
				r.first, _ = firstRunes(r.pattern)
			}
			// An anchored rule fails fast at the start of a line; the
			// literal gate pays only for the others.
			if r.first == nil {
				r.needs = requiredLiterals(r.pattern)
			}
			if r.kind == "tail" {
				b.tail = append(b.tail, r)
			} else {
				b.regex = append(b.regex, r)
			}
		default:
			return nil, fmt.Errorf("%s:%d: unknown kind %q (want exact, prefix, contains, tail or regex)", name, n, r.kind)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// normLine lower-cases a trimmed line and strips trailing punctuation that
// page furniture often carries.
func normLine(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimRight(s, ".:!»›> ")
	s = strings.ReplaceAll(s, "’", "'")
	return s
}

// judge returns the reason line is boilerplate, or "" to keep it.
func (b *boilerplate) judge(line string) string {
	t := strings.TrimSpace(line)
	if t == "" || len(t) > maxBoilerplateLine {
		return ""
	}
	if !hasAlnum(t) {
		return "separator"
	}
	if r, ok := b.exact[normLine(t)]; ok {
		return r
	}
	low := strings.ToLower(t)
	for _, r := range b.prefix {
		if strings.HasPrefix(low, r.pattern) && wordBoundary(low, len(r.pattern)) {
			return r.reason
		}
	}
	for _, r := range b.contains {
		if strings.Contains(low, r.pattern) {
			return r.reason
		}
	}
	tail := t
	if len(tail) > tailBytes {
		k := len(tail) - tailBytes
		for k < len(tail) && !utf8.RuneStart(tail[k]) {
			k++
		}
		tail = tail[k:]
	}
	lowTail := strings.ToLower(tail)
	for _, r := range b.tail {
		if r.gate(lowTail) && r.re.MatchString(tail) {
			return r.reason
		}
	}
	first, _ := utf8.DecodeRuneInString(t)
	for _, r := range b.regex {
		if (r.first == nil || r.first[first]) && r.gate(low) && r.re.MatchString(t) {
			return r.reason
		}
	}
	if linkList(t) {
		return "navigation"
	}
	if b.dates != nil && b.dates.dateOnly(t) {
		return "dateline"
	}
	if b.appeal != nil {
		return b.appeal.judge(t)
	}
	return ""
}

// gate reports whether low, a lower-cased line, holds one of the
// literals the rule needs.
func (r *boilerRule) gate(low string) bool {
	if r.needs == nil {
		return true
	}
	for _, s := range r.needs {
		if strings.Contains(low, s) {
			return true
		}
	}
	return false
}

// wordBoundary reports whether s[:i] ends a word: i is the end of s, or
// s[i-1] or s[i] is not a letter or digit.
func wordBoundary(s string, i int) bool {
	if i >= len(s) || i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i:])
	return !isAlnum(prev) || !isAlnum(next)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func hasAlnum(s string) bool {
	for _, r := range s {
		if isAlnum(r) {
			return true
		}
	}
	return false
}

// teaserReason is the reason given to related-story teasers; the
// headlines listed under a teaser header ("Read more:") get it too.
const teaserReason = "related-story teaser"

// maxTeaserList is how many headline lines a teaser header may own.
const maxTeaserList = 8

// maxHeadline bounds a headline's length in bytes.
const maxHeadline = 120

// teaserHeader reports whether a line dropped as a teaser introduces a
// list rather than carrying its headline: "Read more:", "Related stories".
func teaserHeader(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasSuffix(t, ":") || len(strings.Fields(t)) <= 4 && !strings.Contains(t, ":")
}

// headlineShaped reports whether line looks like a headline in a list of
// links: short and not ending as a sentence does.
func headlineShaped(line string) bool {
	t := strings.TrimSpace(line)
	if len(t) > maxHeadline || !hasAlnum(t) {
		return false
	}
	return !strings.HasSuffix(t, ".") || strings.HasSuffix(t, "...")
}

// strip splits raw into kept lines and dropped lines. Kept lines are joined
// with "\n" unchanged (a trailing "\r" is removed); blank lines are kept as
// paragraph breaks but runs of them are collapsed to one, and leading and
// trailing blank lines are removed. Blank lines are never reported.
func (b *boilerplate) strip(raw string) (string, []sitrep.DroppedLine) {
	var (
		out     strings.Builder
		dropped []sitrep.DroppedLine
		blank   bool // a blank line is pending
		teasers int  // headlines that may still follow a teaser header
	)
	out.Grow(len(raw))
	n := 0
	for rest := raw; len(rest) > 0; {
		n++
		var line string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, ""
		}
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			blank = out.Len() > 0
			continue
		}
		reason := b.judge(line)
		if reason == "" && teasers > 0 && headlineShaped(line) {
			reason = teaserReason
			teasers--
		} else {
			teasers = 0
		}
		if reason == teaserReason && teaserHeader(line) {
			teasers = maxTeaserList
		}
		if reason != "" {
			dropped = append(dropped, sitrep.DroppedLine{Line: n, Text: line, Reason: reason})
			continue
		}
		if out.Len() > 0 {
			out.WriteByte('\n')
			if blank {
				out.WriteByte('\n')
			}
		}
		blank = false
		out.WriteString(line)
	}
	return out.String(), dropped
}
