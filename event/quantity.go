package event

import (
	"math"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
)

// quantity is a number found in a sentence, in token positions.
type quantity struct {
	toks span
	q    sitrep.Quantity
}

// maxNounGap is how many words may sit between a number and the noun it
// counts ("2,000 Iranian ground troops").
const maxNounGap = 3

// quantities finds the counted numbers of a sentence: numerals, number
// words and vague amounts, with the modifier before them and the noun they
// count after them. skip marks tokens inside temporal expressions.
func quantities(lx *lexicon, ws []word, skip []bool) []quantity {
	var out []quantity
	for i := 0; i < len(ws); i++ {
		if skip[i] {
			continue
		}
		// Votes: "voted 162 to 0", "by a vote of 9-4".
		if q, n, ok := voteAt(ws, i); ok {
			out = append(out, q...)
			i += n - 1
			continue
		}
		start := i
		mod := ""
		if !lx.starts[ws[i].low] && !isNumeral(ws[i].low) {
			continue
		}
		if m, n := longestMatch(ws, i, lx.maxPhrase, func(s string) bool { _, ok := lx.mods[s]; return ok }); n > 0 {
			mod = lx.mods[m]
			i += n
		}
		var lo, hi, val float64
		exact := false
		n := 0
		if v, k, ok := number(lx, ws, i); ok {
			val, exact, n = v, true, k
		} else if m, k := longestMatch(ws, i, lx.maxPhrase, func(s string) bool { _, ok := lx.vague[s]; return ok }); k > 0 {
			r := lx.vague[m]
			lo, hi, n = r[0], r[1], k
		}
		if n == 0 {
			i = start
			continue
		}
		end := i + n
		if partitiveOfPronoun(ws, end) {
			// "many of them marines": a share of a group counted already.
			i = end - 1
			continue
		}
		what, nEnd := countedNoun(lx, ws, end)
		if what == "" {
			i = start
			continue
		}
		if c := casualtyNear(lx, ws, start, nEnd); c != "" && (what == "people" || what == "troops" || what == "fighters" || what == "killed") {
			what = c
		}
		q := sitrep.Quantity{What: what, Text: joinText(ws, start, end)}
		switch {
		case !exact:
			q.Low, q.High = ptr(lo), ptr(hi)
		case mod == "gt":
			q.Low = ptr(val + 1)
		case mod == "ge":
			q.Low = ptr(val)
		case mod == "lt":
			q.High = ptr(math.Max(val-1, 0))
		case mod == "le":
			q.High = ptr(val)
		case mod == "approx":
			// "around 1,500": a tenth either side.
			q.Low, q.High = ptr(math.Round(val*0.9)), ptr(math.Round(val*1.1))
		default:
			q.Value = ptr(val)
		}
		q.Text = joinText(ws, start, nEnd)
		out = append(out, quantity{toks: span{start, nEnd}, q: q})
		i = nEnd - 1
	}
	return out
}

// partitiveOfPronoun reports "of them", "of whom" and the like at token i.
func partitiveOfPronoun(ws []word, i int) bool {
	if i+1 >= len(ws) || ws[i].low != "of" {
		return false
	}
	switch ws[i+1].low {
	case "them", "these", "those", "whom", "which", "us":
		return true
	}
	return false
}

func ptr(f float64) *float64 { return &f }

// isNumeral reports whether w starts with a digit ("1,500", "2.5").
func isNumeral(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// joinText returns the original text of tokens [lo, hi) with single spaces
// where the text has any gap.
func joinText(ws []word, lo, hi int) string {
	var b strings.Builder
	for k := lo; k < hi && k < len(ws); k++ {
		if k > lo && ws[k].Start > ws[k-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(ws[k].Text)
	}
	return b.String()
}

// longestMatch finds the longest phrase of up to max words at i accepted
// by ok.
func longestMatch(ws []word, i, maxWords int, ok func(string) bool) (string, int) {
	for n := min(maxWords, len(ws)-i); n >= 1; n-- {
		if n == 1 {
			if ok(ws[i].low) {
				return ws[i].low, 1
			}
			continue
		}
		s := joinLow(ws[i : i+n])
		if ok(s) {
			return s, n
		}
	}
	return "", 0
}

// number reads a numeral ("1,500", "2.5"), a number word ("two", "a
// dozen") and an optional scale ("2 million", "three thousand") at i.
func number(lx *lexicon, ws []word, i int) (float64, int, bool) {
	if i >= len(ws) {
		return 0, 0, false
	}
	var v float64
	n := 0
	if f, err := strconv.ParseFloat(strings.ReplaceAll(ws[i].low, ",", ""), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		v, n = f, 1
	} else if m, k := longestMatch(ws, i, lx.maxPhrase, func(s string) bool { _, ok := lx.numWords[s]; return ok }); k > 0 {
		v, n = lx.numWords[m], k
	} else {
		return 0, 0, false
	}
	if i+n < len(ws) {
		if s, ok := lx.scales[ws[i+n].low]; ok {
			v *= s
			n++
		}
	}
	return v, n, true
}

// countedNoun returns what the number before token i counts and the token
// after the noun, looking past a few modifiers ("2,000 Iranian ground
// troops", "dozens of civilians").
func countedNoun(lx *lexicon, ws []word, i int) (string, int) {
	if i < len(ws) && ws[i].low == "of" {
		i++
	}
	for k := i; k < len(ws) && k <= i+maxNounGap; k++ {
		w := ws[k]
		if w.low == "," || w.low == "." || w.POS == "IN" || w.POS == "CC" || isVerb(w.POS) && !strings.HasSuffix(w.POS, "_ADJ") && w.POS != "VBN" {
			break
		}
		if k+1 < len(ws) {
			if what, ok := lx.countNouns[w.low+" "+ws[k+1].low]; ok {
				return what, k + 2
			}
		}
		what, ok := lx.countNouns[lx.nounLemma(w.low)]
		if !ok {
			what, ok = lx.countNouns[w.low]
		}
		if ok && !(k+1 < len(ws) && (ws[k+1].POS == "NN" || ws[k+1].POS == "NNS")) {
			return what, k + 1
		}
		// Otherwise a modifier of a later noun: "130 terrorist targets".
	}
	return "", i
}

// casualtyNear returns the casualty kind ("killed", "wounded") named by a
// word within a few tokens of [lo, hi): "killing 30 people", "30 people
// were killed", "30 dead".
func casualtyNear(lx *lexicon, ws []word, lo, hi int) string {
	look := func(k int) string {
		if k < 0 || k >= len(ws) {
			return ""
		}
		if c, ok := lx.casualty[ws[k].low]; ok {
			return c
		}
		if isVerb(ws[k].POS) {
			if c, ok := lx.casualty[lx.verbLemma(ws[k].low)]; ok {
				return c
			}
		}
		return ""
	}
	for d := 1; d <= 3; d++ {
		if c := look(hi - 1 + d); c != "" {
			return c
		}
		if c := look(lo - d); c != "" {
			return c
		}
	}
	return ""
}

// voteAt reads "162 to 0", "9-4" after a vote word within the previous few
// tokens.
func voteAt(ws []word, i int) ([]quantity, int, bool) {
	near := false
	for k := max(0, i-4); k < i; k++ {
		if strings.HasPrefix(ws[k].low, "vot") || ws[k].low == "ballot" {
			near = true
		}
	}
	if !near {
		return nil, 0, false
	}
	parse := func(s string) (float64, bool) {
		f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		return f, err == nil && f >= 0 && !math.IsInf(f, 0)
	}
	var a, b float64
	n := 0
	switch {
	case i+2 < len(ws) && (ws[i+1].low == "to" || ws[i+1].low == "-" || ws[i+1].low == "–" || ws[i+1].low == "against"):
		x, ok1 := parse(ws[i].low)
		y, ok2 := parse(ws[i+2].low)
		if !ok1 || !ok2 {
			return nil, 0, false
		}
		a, b, n = x, y, 3
	default:
		parts := strings.FieldsFunc(ws[i].low, func(r rune) bool { return r == '-' || r == '–' })
		if len(parts) != 2 {
			return nil, 0, false
		}
		x, ok1 := parse(parts[0])
		y, ok2 := parse(parts[1])
		if !ok1 || !ok2 {
			return nil, 0, false
		}
		a, b, n = x, y, 1
	}
	text := joinText(ws, i, i+n)
	return []quantity{
		{toks: span{i, i + n}, q: sitrep.Quantity{What: "votes_for", Value: ptr(a), Text: text}},
		{toks: span{i, i + n}, q: sitrep.Quantity{What: "votes_against", Value: ptr(b), Text: text}},
	}, n, true
}
