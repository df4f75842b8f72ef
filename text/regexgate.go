package text

import (
	"regexp/syntax"
	"strings"
	"unicode"
)

// maxGateRunes bounds the set of first runes kept for a rule; a rule that
// may start with more (a class such as \p{Lu}) is always tried.
const maxGateRunes = 64

// firstRunes returns the runes a match of the anchored pattern can start
// with, both cases included, or ok false when that set is unknown, large,
// or the pattern can match the empty string. Trying only the rules whose
// set holds a line's first rune skips most regexp runs: the filter sees
// every line of every document.
func firstRunes(pattern string) (set map[rune]bool, ok bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, false
	}
	set = make(map[rune]bool)
	nullable, ok := addFirst(re.Simplify(), set)
	if !ok || nullable || len(set) == 0 {
		return nil, false
	}
	return set, true
}

// addFirst adds the first runes of re to set and reports whether re can
// match the empty string.
func addFirst(re *syntax.Regexp, set map[rune]bool) (nullable, ok bool) {
	addFold := func(r rune) {
		set[r] = true
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			set[f] = true
		}
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		if re.Flags&syntax.FoldCase != 0 {
			addFold(re.Rune[0])
		} else {
			set[re.Rune[0]] = true
		}
		return false, true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxGateRunes {
				return false, false
			}
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				addFold(r)
			}
		}
		return false, true
	case syntax.OpCapture:
		return addFirst(re.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		_, ok := addFirst(re.Sub[0], set)
		return true, ok
	case syntax.OpPlus:
		return addFirst(re.Sub[0], set)
	case syntax.OpRepeat:
		n, ok := addFirst(re.Sub[0], set)
		return n || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			n, ok := addFirst(sub, set)
			if !ok {
				return false, false
			}
			if !n {
				return false, true
			}
		}
		return true, true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			n, ok := addFirst(sub, set)
			if !ok {
				return false, false
			}
			nullable = nullable || n
		}
		return nullable, true
	}
	return false, false
}

// Literal gates. A rule that can only match where one of a few literal
// strings occurs ("all rights reserved", "getty images"|"ap photo"|...) is
// tried only on lines that contain one of them, lower-cased. Tail rules
// are unanchored at the start, so without this gate the regexp engine
// tries them at every position of every line's tail.

// maxLiterals bounds the literal sets built from alternations and
// optional parts.
const maxLiterals = 64

// minGateLiteral is the shortest literal worth a gate.
const minGateLiteral = 3

// requiredLiterals returns lower-cased strings one of which occurs in
// every match of pattern, or nil. Case folding is taken as Unicode simple
// lower-casing, which misses the rare folds of "ſ" and the Kelvin sign.
func requiredLiterals(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	set := required(re.Simplify())
	if len(set) == 0 || minLen(set) < minGateLiteral {
		return nil
	}
	// A string that holds another of the set adds nothing to the gate.
	var out []string
	for i, s := range set {
		redundant := false
		for j, t := range set {
			redundant = redundant || i != j && strings.Contains(s, t) && (s != t || j < i)
		}
		if !redundant {
			out = append(out, s)
		}
	}
	return out
}

func minLen(set []string) int {
	m := -1
	for _, s := range set {
		if m < 0 || len(s) < m {
			m = len(s)
		}
	}
	return m
}

// exact returns the strings re matches when they are few, lower-cased.
func exact(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 8 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = appendUnique(out, strings.ToLower(string(r)))
			}
		}
		return out, len(out) > 0 && len(out) <= maxLiterals
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpQuest:
		set, ok := exact(re.Sub[0])
		if !ok || len(set) >= maxLiterals {
			return nil, false
		}
		return appendUnique(set, ""), true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			set, ok := exact(sub)
			if !ok {
				return nil, false
			}
			for _, s := range set {
				out = appendUnique(out, s)
			}
			if len(out) > maxLiterals {
				return nil, false
			}
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			set, ok := exact(sub)
			if !ok {
				return nil, false
			}
			if out = product(out, set); out == nil {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// product joins every string of a with every string of b, or returns nil
// when there would be too many.
func product(a, b []string) []string {
	if len(a)*len(b) > maxLiterals {
		return nil
	}
	var out []string
	for _, x := range a {
		for _, y := range b {
			out = appendUnique(out, x+y)
		}
	}
	return out
}

func appendUnique(set []string, s string) []string {
	for _, x := range set {
		if x == s {
			return set
		}
	}
	return append(set, s)
}

// required returns strings one of which every match of re contains, or
// nil when it finds none.
func required(re *syntax.Regexp) []string {
	if set, ok := exact(re); ok {
		if minLen(set) == 0 {
			return nil
		}
		return set
	}
	better := func(a, b []string) []string {
		if a == nil || b != nil && minLen(b) > minLen(a) {
			return b
		}
		return a
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			set := required(sub)
			if set == nil {
				return nil
			}
			for _, s := range set {
				out = appendUnique(out, s)
			}
		}
		return out
	case syntax.OpConcat:
		// Runs of exact parts multiply out; any part's own requirement
		// is a candidate too. The candidate with the longest shortest
		// string wins.
		var best []string
		run := []string{""}
		flush := func() {
			if minLen(run) > 0 {
				best = better(best, run)
			}
			run = []string{""}
		}
		for _, sub := range re.Sub {
			if set, ok := exact(sub); ok {
				if p := product(run, set); p != nil {
					run = p
					continue
				}
				flush()
				run = set
				continue
			}
			flush()
			best = better(best, required(sub))
		}
		flush()
		return best
	}
	return nil
}
