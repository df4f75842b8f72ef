package events

import "strings"

// binding records which sentence items a pattern's actor markers matched.
type binding struct{ src, tgt, comp int }

var noBinding = binding{-1, -1, -1}

// verbsAt returns the longest verb forms starting at item i (several
// blocks may list the same form, "SHOT" under SHOOT and SHOT).
func (vd *verbDict) verbsAt(items []item, i int) []*verbEntry {
	var best []*verbEntry
	for _, e := range vd.forms[items[i].word] {
		if i+len(e.words) > len(items) {
			continue
		}
		ok := true
		for k, w := range e.words {
			if items[i+k].word != w {
				ok = false
				break
			}
		}
		switch {
		case !ok:
		case len(best) == 0 || len(e.words) > len(best[0].words):
			best = []*verbEntry{e}
		case len(e.words) == len(best[0].words):
			best = append(best, e)
		}
	}
	return best
}

// verbAt picks among the forms at i the one whose block has the longest
// matching pattern, preferring a block named by the form itself.
func (vd *verbDict) verbAt(items []item, i int) (*verbEntry, int, string, binding) {
	es := vd.verbsAt(items, i)
	if len(es) == 0 {
		return nil, 0, "", noBinding
	}
	var (
		best     *verbEntry
		bestCode string
		bestB    = noBinding
		bestLen  = -2
	)
	for _, e := range es {
		j := i + len(e.words)
		code, b, n := vd.bestPattern(e.block, items, i, j)
		own := e.block.name == strings.Join(e.words, " ")
		if n > bestLen || n == bestLen && own && best != nil && best.block.name != strings.Join(best.words, " ") {
			best, bestCode, bestB, bestLen = e, code, b, n
		}
	}
	return best, len(best.words), bestCode, bestB
}

// elemMatch reports whether element e matches the items starting at lo,
// and how many items it covers.
func (vd *verbDict) elemMatch(e elem, items []item, lo int) (int, bool) {
	if lo < 0 || lo >= len(items) {
		return 0, false
	}
	it := items[lo]
	switch e.kind {
	case elWord:
		return 1, it.word == e.word
	case elSource, elTarget, elCompound:
		return 1, it.actor != ""
	case elSkip:
		return 1, true
	case elSyn:
		for _, m := range vd.synsets[e.word] {
			if lo+len(m) > len(items) {
				continue
			}
			ok := true
			for k, w := range m {
				if items[lo+k].word != w {
					ok = false
					break
				}
			}
			if ok {
				return len(m), true
			}
		}
	}
	return 0, false
}

// lens lists the lengths an element may cover, for right-to-left
// matching.
func (vd *verbDict) lens(e elem) []int {
	if e.kind != elSyn {
		return []int{1}
	}
	seen := map[int]bool{}
	var out []int
	for _, m := range vd.synsets[e.word] {
		n := len(m)
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// matchPre matches pre[:k+1] right to left, the last element ending at or
// (unless joined) before end.
func (vd *verbDict) matchPre(pre []elem, k int, items []item, end int, b *binding) bool {
	if k < 0 {
		return true
	}
	e := pre[k]
	for hi := end; hi >= 0; hi-- {
		for _, n := range vd.lens(e) {
			lo := hi - n + 1
			if m, ok := vd.elemMatch(e, items, lo); ok && m == n {
				save := *b
				mark(e, lo, b)
				if vd.matchPre(pre, k-1, items, lo-1, b) {
					return true
				}
				*b = save
			}
		}
		if e.joins {
			break
		}
	}
	return false
}

// matchPost matches post[k:] left to right, the first element starting at
// or (unless joined) after start.
func (vd *verbDict) matchPost(post []elem, k int, items []item, start int, b *binding) bool {
	if k == len(post) {
		return true
	}
	e := post[k]
	for lo := start; lo < len(items); lo++ {
		if n, ok := vd.elemMatch(e, items, lo); ok {
			save := *b
			mark(e, lo, b)
			if vd.matchPost(post, k+1, items, lo+n, b) {
				return true
			}
			*b = save
		}
		if e.joins {
			break
		}
	}
	return false
}

func mark(e elem, at int, b *binding) {
	switch e.kind {
	case elSource:
		b.src = at
	case elTarget:
		b.tgt = at
	case elCompound:
		b.comp = at
	}
}

// bestPattern returns the code of the longest pattern of the verb's block
// that matches around the verb at [i, j), and its actor bindings.
func (vd *verbDict) bestPattern(blk *verbBlock, items []item, i, j int) (string, binding, int) {
	code, best, bb := "", -1, noBinding
	for _, p := range blk.patterns {
		n := len(p.pre) + len(p.post)
		if n <= best {
			continue
		}
		b := noBinding
		if vd.matchPre(p.pre, len(p.pre)-1, items, i-1, &b) && vd.matchPost(p.post, 0, items, j, &b) {
			code, best, bb = p.code, n, b
		}
	}
	return code, bb, best
}

// group returns the actor items coordinated with the actor at i ("Gondor
// and Osgiliath", "Arnor, Osgiliath and Gondor").
func group(items []item, i int) []int {
	if i < 0 || i >= len(items) || items[i].actor == "" {
		return nil
	}
	// Conjuncts may carry determiners and adjectives: "Fornost and the
	// evil awful Gondor".
	out := []int{i}
	for k := i; ; {
		n := nextConjunct(items, k, +1)
		if n < 0 {
			break
		}
		out = append(out, n)
		k = n
	}
	for k := i; ; {
		n := nextConjunct(items, k, -1)
		if n < 0 {
			break
		}
		out = append([]int{n}, out...)
		k = n
	}
	return out
}

// maxModifiers is how many words may sit between a conjunction and the
// actor it joins.
const maxModifiers = 3

// nextConjunct returns the actor coordinated with the one at k in
// direction dir (+1 right, -1 left), or -1.
func nextConjunct(items []item, k, dir int) int {
	if dir > 0 {
		j := k + 1
		if j >= len(items) || !isConj(items[j]) {
			return -1
		}
		j++
		if j < len(items) && isConj(items[j]) { // ", and"
			j++
		}
		for m := 0; j < len(items) && m <= maxModifiers; j, m = j+1, m+1 {
			if items[j].actor != "" {
				return j
			}
			if !isModifier(items[j]) {
				return -1
			}
		}
		return -1
	}
	j := k - 1
	for m := 0; j >= 0 && m < maxModifiers && isModifier(items[j]); m++ {
		j--
	}
	if j < 0 || !isConj(items[j]) {
		return -1
	}
	j--
	if j >= 0 && isConj(items[j]) {
		j--
	}
	if j >= 0 && items[j].actor != "" {
		return j
	}
	return -1
}

// isModifier reports a determiner or adjective that may precede a
// conjoined actor.
func isModifier(it item) bool {
	if it.actor != "" || it.word == "" {
		return false
	}
	switch it.pos {
	case "DT", "JJ", "JJR", "JJS", "RB", "PDT", "PRP$", "CD", "AGENT":
		return true
	}
	return false
}

func isConj(it item) bool { return it.word == "AND" || it.word == "," || it.word == "OR" }

// auxiliary lists verb forms that only support another verb.
var auxiliary = map[string]bool{
	"IS": true, "ARE": true, "WAS": true, "WERE": true, "BE": true, "BEEN": true, "BEING": true, "AM": true,
	"HAS": true, "HAVE": true, "HAD": true, "HAVING": true, "DO": true, "DOES": true, "DID": true,
}

// clauseOpener lists subordinators and relatives that open a clause of
// their own: actors beyond them belong to another verb.
var clauseOpener = map[string]bool{
	"AFTER": true, "BEFORE": true, "WHEN": true, "WHILE": true, "BECAUSE": true, "SINCE": true,
	"UNTIL": true, "IF": true, "ALTHOUGH": true, "THOUGH": true, "UNLESS": true, "WHEREAS": true,
	"THAT": true, "WHICH": true, "WHO": true, "WHOM": true, "WHERE": true, "WHOSE": true,
}

var passiveAux = map[string]bool{"WAS": true, "WERE": true, "BEEN": true, "IS": true, "ARE": true, "BE": true, "BEING": true}

// codeItems codes every dictionary verb of the sentence.
func codeItems(vd *verbDict, items []item, dyad bool) []triple {
	var out []triple
	seen := map[triple]bool{}
	emit := func(t triple) {
		// Actors with alternative codes ("FRO/BIL/SAM") give one event each.
		for _, s := range strings.Split(t.Src, "/") {
			for _, g := range strings.Split(t.Tgt, "/") {
				u := triple{s, g, t.Code}
				if !seen[u] && u.Src != u.Tgt {
					seen[u] = true
					out = append(out, u)
				}
			}
		}
	}
	prevVerbEnd, prevSrc := -1, []int(nil)
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.word == "" || !strings.HasPrefix(it.pos, "VB") {
			continue
		}
		e, n, code, b := vd.verbAt(items, i)
		if e == nil {
			continue
		}
		j := i + n
		if code == "" {
			code = e.code
		}
		coordinated := i > 0 && items[i-1].word == "AND"
		lastEnd := prevVerbEnd
		if !auxiliary[it.word] {
			prevVerbEnd = j
		}
		if code == "" || strings.HasPrefix(code, "---") {
			continue
		}
		a := i - 1
		for a >= 0 && items[a].pos == "RB" {
			a-- // "was fiercely opposed"
		}
		passive := strings.HasPrefix(it.pos, "VBN") && a >= 0 && passiveAux[items[a].word]
		var srcs, tgts []int
		switch {
		case b.comp >= 0:
			srcs = group(items, b.comp)
			tgts = srcs
		default:
			if b.src >= 0 {
				srcs = group(items, b.src)
			}
			if b.tgt >= 0 {
				tgts = group(items, b.tgt)
			}
		}
		// The source is the first actor of the verb's own clause; only a
		// sentence's first verb reaches back past an earlier verb.
		start := max(lastEnd, 0)
		for k := i - 1; k >= start; k-- {
			if clauseOpener[items[k].word] {
				start = k + 1
				break
			}
		}
		before := firstActor(items, start, i)
		if before < 0 && lastEnd < 0 && start == 0 {
			before = firstActor(items, 0, i)
		}
		// The target is in the verb's clause: a comma ends the search.
		after := -1
		for k := j; k < len(items); k++ {
			if items[k].actor != "" {
				after = k
				break
			}
			if items[k].word == "," {
				break
			}
		}
		if passive {
			by := -1
			for k := j; k+1 < len(items); k++ {
				if items[k].word == "BY" && items[k+1].actor != "" {
					by = k + 1
					break
				}
			}
			if srcs == nil && by >= 0 {
				srcs = group(items, by)
			}
			if tgts == nil {
				tgts = group(items, before)
			}
		}
		if srcs == nil {
			if coordinated && prevSrc != nil {
				srcs = prevSrc
			} else {
				srcs = group(items, before)
			}
		}
		if tgts == nil {
			a := after
			for a >= 0 && contains(srcs, a) {
				a = firstActor(items, a+1, len(items))
			}
			tgts = group(items, a)
		}
		prevSrc = srcs
		fwd, back, _ := strings.Cut(code, ":")
		for _, s := range srcs {
			if len(tgts) == 0 {
				if !dyad {
					emit(triple{items[s].actor, "---", fwd})
				}
				continue
			}
			for _, t := range tgts {
				if s == t {
					continue
				}
				emit(triple{items[s].actor, items[t].actor, fwd})
				if back != "" && b.comp < 0 {
					emit(triple{items[t].actor, items[s].actor, back})
				}
			}
		}
	}
	return out
}

func firstActor(items []item, lo, hi int) int {
	for k := max(lo, 0); k < hi && k < len(items); k++ {
		if items[k].actor != "" {
			return k
		}
	}
	return -1
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
