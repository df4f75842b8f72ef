package text

import (
	"regexp/syntax"
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
