package event

import (
	"strings"

	"github.com/sitrep/sitrep"
)

// status sets the frame's status and attribution from its verb group, the
// verbs governing it and the reporting phrases around it.
//
// Precedence, strongest first: denied (a denying verb governs the event),
// negated, hypothetical, planned, claimed, asserted.
func (a *analysis) status(lx *lexicon, f *frame, subjOf []phrase) {
	var denied, negated, hypo, planned, claimed, would bool
	gov := -1 // the verb chunk the event depends on, for nouns and infinitives
	if f.vp >= 0 {
		vg := a.cs[f.vp].vp
		negated = vg.negated
		switch {
		case vg.modal == "will" || vg.modal == "shall":
			planned = true
		case vg.modal == "would":
			would = true // future in the past when reported, else hypothetical
		case vg.modal == "must" || vg.modal == "should":
			f.must, hypo = true, true
		case vg.modal != "" && lx.cue("hypo", vg.modal):
			hypo = true
		}
		if vg.negated && (vg.modal == "will" || vg.modal == "would") {
			f.refuse = true
		}
		if vg.infinitive && f.vp >= 1 && a.cs[f.vp-1].kind == ckOther && (a.cs[f.vp-1].text == "not" || a.cs[f.vp-1].text == "never") {
			// "vowed not to return": a refusal.
			negated, f.refuse = true, true
		}
		if vg.infinitive || vg.gerund {
			gov = a.prevVP(f.vp)
			if gov >= 0 && a.cs[gov].vp.lemma == "threaten" {
				f.threat = true
			}
			// "is ready to", "are willing to": an adjective of intent.
			if vg.infinitive && f.vp >= 1 && a.cs[f.vp-1].kind == ckNP && a.cs[f.vp-1].hi-a.cs[f.vp-1].lo == 1 && lx.cue("plan", a.ws[a.cs[f.vp-1].lo].low) {
				planned = true
			}
		}
		if lx.cue("plan", vg.lemma) && vg.lemma == "going" {
			planned = true
		}
	} else {
		// A noun: its verb is the one it is the object of ("denied the raid").
		ni := a.chunkAt(f.trig.lo)
		if j := ni - 1; j >= 0 && a.cs[j].kind == ckVP {
			gov = j
		}
		if w := a.ws[a.cs[ni].lo].low; w == "no" {
			negated = true
		}
	}
	if gov >= 0 {
		g := a.cs[gov].vp
		switch {
		case lx.cue("deny", g.lemma):
			denied = true
			a.setSpeaker(f, gov, subjOf)
		case lx.cue("neg", g.lemma) || g.negated:
			negated = true
			f.refuse = true
		case (g.lemma == "have" || g.lemma == "need") && a.cs[f.vp].vp.infinitive:
			f.must, hypo = true, true // "has to return", "needs to stop"
		case lx.cue("hypo", g.lemma) || g.modal != "" && lx.cue("hypo", g.modal):
			hypo = true
		case lx.cue("plan", g.lemma) || g.modal == "will":
			planned = true
		case g.modal == "would":
			would = true
		case lx.cue("claim", g.lemma):
			claimed = true
			a.setSpeaker(f, gov, subjOf)
		case lx.cue("report", g.lemma):
			a.setSpeaker(f, gov, subjOf)
		}
	}
	// "no question of sending", "no plans to deploy".
	for i := max(f.trig.lo-4, 0); i+1 < f.trig.lo; i++ {
		if a.ws[i].low == "no" && lx.cue("neg", "no "+a.ws[i+1].low) {
			negated = true
		}
	}
	// Inside a conditional clause: "if" or "unless" before the trigger with
	// no clause break in between. A condition after the event makes it
	// conditional, which the recoding reads ("will withdraw unless").
	for j := a.chunkAt(f.trig.lo) - 1; j >= 0; j-- {
		c := a.cs[j]
		if c.kind == ckSep || c.kind == ckRel {
			break
		}
		if c.kind == ckSub {
			hypo = c.text == "if" || c.text == "unless" || c.text == "whether"
			break
		}
	}
	for j := a.chunkAt(f.trig.lo) + 1; j < len(a.cs); j++ {
		if c := a.cs[j]; c.kind == ckSub && (c.text == "if" || c.text == "unless") {
			f.cond = c.text
			break
		}
	}
	for i := max(f.clause.lo, 0); i < f.clause.hi && i < len(a.ws); i++ {
		switch a.ws[i].low {
		case "reportedly", "allegedly", "purportedly", "supposedly":
			claimed = true
		}
	}
	// A reporting verb that governs the whole clause.
	if r := a.reporter(lx, f); r >= 0 {
		switch a.cueKind(lx, r) {
		case "deny":
			denied = true
		case "claim":
			claimed = true
		}
		if !f.speaker.ok() {
			a.setSpeaker(f, r, subjOf)
		}
	}
	a.demander(lx, f, subjOf)
	if would {
		if f.speaker.ok() {
			planned = true
		} else {
			hypo = true
		}
	}
	if !f.speaker.ok() {
		a.finalReporter(lx, f)
	}
	if !f.speaker.ok() {
		a.accordingTo(f)
	}
	f.quoted = f.trig.lo < len(a.quotes) && a.quotes[f.trig.lo]
	switch {
	case denied:
		f.status = sitrep.Denied
	case negated:
		f.status = sitrep.Negated
	case hypo:
		f.status = sitrep.Hypothetical
	case planned:
		f.status = sitrep.Planned
	case claimed:
		f.status = sitrep.Claimed
	default:
		f.status = sitrep.Asserted
	}
}

// prevVP returns the verb group governing the non-finite verb at chunk v:
// the nearest verb group before it with at most a noun phrase in between.
func (a *analysis) prevVP(v int) int {
	for j := v - 1; j >= 0 && j >= v-2; j-- {
		switch a.cs[j].kind {
		case ckVP:
			return j
		case ckNP, ckOther:
		default:
			return -1
		}
	}
	return -1
}

// isCueVerb reports a verb group that reports, claims or denies.
func (a *analysis) isCueVerb(lx *lexicon, j int) bool { return a.cueKind(lx, j) != "" }

// cueKind returns "deny", "claim" or "report" for a verb group that
// attributes, by its lemma or by lemma and object ("dismissed reports",
// "rejected claims"), else "".
func (a *analysis) cueKind(lx *lexicon, j int) string {
	if !a.isVP(j) {
		return ""
	}
	l := a.cs[j].vp.lemma
	var withObj []string
	if o := a.object(j); o.ok() {
		n := a.ws[a.cs[o.chunk].head].low
		withObj = []string{l + " " + n, l + " " + strings.TrimSuffix(n, "s")}
	}
	for _, kind := range []string{"deny", "claim", "report"} {
		if lx.cue(kind, l) {
			return kind
		}
		for _, w := range withObj {
			if lx.cue(kind, w) {
				return kind
			}
		}
	}
	return ""
}

// reporter finds a reporting verb governing the frame's clause: before it
// ("Russia said (that) its jets ...", "X told Reuters that ...", `X said:
// "..."`) or after it ("..., two sources said", "..., said the minister").
// It returns the verb's chunk or -1.
func (a *analysis) reporter(lx *lexicon, f *frame) int {
	cs := a.cs
	start := a.chunkAt(max(f.clause.lo, 0))
	if f.actor.ok() && f.actor.full.lo <= f.clause.lo {
		start = a.chunkAt(f.actor.full.lo)
	} else if f.vp >= 0 && f.clause.lo == 0 {
		// The clause was stretched to the sentence start; look from the subject
		// or the verb.
		start = f.vp
		if f.actor.ok() && f.actor.full.lo < cs[f.vp].lo {
			start = a.chunkAt(f.actor.full.lo)
		}
	}
	if f.vp < 0 {
		// A noun deep in an "of" chain: "said that the first wave of
		// Russian airstrikes fell".
		for start-2 >= 0 && cs[start-1].kind == ckPP && cs[start-1].text == "of" && cs[start-2].kind == ckNP {
			start -= 2
		}
		// "... and that there had been heavy clashes".
		if start-2 >= 0 && a.isVP(start-1) && a.cs[start-1].vp.lemma == "be" && cs[start-2].kind == ckOther && cs[start-2].text == "there" {
			start -= 2
		}
	}
	// Before.
	j := start - 1
	for j >= 0 && (cs[j].kind == ckRel && cs[j].text == "that" || cs[j].kind == ckQuote || cs[j].kind == ckSep && cs[j].text == ":" || cs[j].kind == ckOther) {
		j--
	}
	// "said in a statement that", "told Reuters that": skip the hearer or
	// manner phrase.
	for k := 0; k < 2 && j >= 1 && cs[j].kind == ckNP && (cs[j-1].kind == ckPP || a.isCueVerb(lx, j-1)); k++ {
		if a.isCueVerb(lx, j-1) {
			j--
			break
		}
		j -= 2
	}
	if !a.isCueVerb(lx, j) {
		// Longer adverbials: "said in a statement late on Tuesday that".
		m := j
		for n := 0; n < 8 && m >= 0 && (cs[m].kind == ckNP || cs[m].kind == ckPP || cs[m].kind == ckOther); n++ {
			m--
		}
		if m >= 0 && m < j && a.isCueVerb(lx, m) {
			j = m
		}
	}
	if a.isCueVerb(lx, j) && j != f.vp {
		a.cueVia(f, j)
		return j
	}
	if r := a.coordReporter(lx, start); r >= 0 && r != f.vp {
		a.cueVia(f, r)
		return r
	}
	// After.
	end := a.chunkAt(max(f.clause.hi-1, 0))
	if f.trig.lo < len(a.quotes) && a.quotes[f.trig.lo] {
		// Inside a quote the speaker follows the closing mark: `"...," the
		// spokesman told journalists`.
		for k := a.chunkAt(f.trig.lo) + 1; k < len(cs); k++ {
			if cs[k].kind == ckQuote {
				end = k - 1
				break
			}
		}
	}
	for _, m := range f.merged {
		if m.hi > f.clause.hi {
			end = a.chunkAt(m.hi - 1)
		}
	}
	j = end + 1
	for j < len(cs) && (cs[j].kind == ckSep && cs[j].text == "," || cs[j].kind == ckQuote) {
		j++
	}
	if j == end+1 {
		return -1
	}
	switch {
	case j < len(cs) && cs[j].kind == ckNP && a.isCueVerb(lx, a.afterChain(j)):
		r := a.afterChain(j)
		a.cueVia(f, r)
		return r
	case a.isCueVerb(lx, j) && cs[j].vp.finite:
		// Inverted: "..., said the minister" (not "..., saying it had"),
		// unless the comma closes a relative clause: "The diplomat, who
		// asked not to be named, said" is the diplomat speaking.
		if j+1 < len(cs) && cs[j+1].kind == ckNP && !a.inRelative(f) {
			f.speaker = a.chain(j + 1)
			f.cue = span{cs[j].lo, cs[j].hi}
			return j
		}
	}
	return -1
}

// inRelative reports a frame whose verb opens with "who" or "which".
func (a *analysis) inRelative(f *frame) bool {
	if f.vp < 0 {
		return false
	}
	for j := f.vp - 1; j >= 0; j-- {
		switch c := a.cs[j]; c.kind {
		case ckRel:
			return c.text == "who" || c.text == "which"
		case ckOther, ckVP:
			continue
		default:
			return false
		}
	}
	return false
}

// coordReporter finds the reporting verb of a second complement clause
// coordinated with a first one ("X said the jets had struck Homs, and that
// two pilots were killed"): the nearest reporting verb before the "and
// that" that opens the clause at chunk start. It returns the verb's chunk
// or -1.
func (a *analysis) coordReporter(lx *lexicon, start int) int {
	cs := a.cs
	j := start - 1
	if j < 1 || cs[j].kind != ckRel || cs[j].text != "that" {
		return -1
	}
	j--
	if cs[j].kind != ckCC || cs[j].text != "and" && cs[j].text != "but" {
		return -1
	}
	for j--; j >= 0; j-- {
		c := cs[j]
		if c.kind == ckQuote || c.kind == ckSep && (c.text == ";" || c.text == ":") {
			return -1
		}
		if c.kind == ckVP && a.isCueVerb(lx, j) && c.vp.finite {
			return j
		}
	}
	return -1
}

// afterChain returns the chunk after the noun phrase chain starting at j.
func (a *analysis) afterChain(j int) int {
	p := a.chain(j)
	k := a.chunkAt(p.full.hi-1) + 1
	// Coordinated speakers: "activists and a monitoring group said".
	for k+1 < len(a.cs) && a.cs[k].kind == ckCC && (a.cs[k].text == "and" || a.cs[k].text == "or") && a.cs[k+1].kind == ckNP {
		p = a.chain(k + 1)
		k = a.chunkAt(p.full.hi-1) + 1
	}
	for k < len(a.cs) && a.cs[k].kind == ckOther {
		k++
	}
	return k
}

// cueVia records the cue words of reporting verb r and, for "told X", the
// hearer as the relaying medium.
func (a *analysis) cueVia(f *frame, r int) {
	c := a.cs[r]
	f.cue = span{c.lo, c.hi}
	if c.vp.lemma == "tell" || c.vp.lemma == "quote" {
		if j := r + 1; j < len(a.cs) && a.cs[j].kind == ckNP {
			f.via = a.chain(j)
			f.cue = span{c.lo, a.cs[j].hi}
		}
	}
}

// setSpeaker makes the subject of reporting verb g the speaker.
func (a *analysis) setSpeaker(f *frame, g int, subjOf []phrase) {
	if g < 0 || g >= len(subjOf) {
		return
	}
	sp := subjOf[g]
	if c := a.cs[g]; c.vp.gerund && g-1 >= 0 && a.cs[g-1].kind == ckNP && isNoun(a.ws[a.cs[g-1].hi-1].POS) && !a.timeNP(g-1) {
		// "media reports claiming that ...": the reports make the claim,
		// not the subject of the clause around them.
		sp = a.chain(g - 1)
	}
	if !sp.ok() {
		return
	}
	f.speaker = sp
	if f.cue.ok() {
		return
	}
	a.cueVia(f, g)
}

// accordingTo takes the speaker from "according to X" or "citing X" in the
// sentence.
func (a *analysis) accordingTo(f *frame) {
	for j, c := range a.cs {
		if j+1 >= len(a.cs) || a.cs[j+1].kind != ckNP {
			continue
		}
		if c.kind == ckPP && c.text == "according to" || c.kind == ckVP && (a.ws[c.head].low == "citing" || a.ws[c.head].low == "quoting") {
			f.speaker = a.chain(j + 1)
			f.cue = span{c.lo, c.hi}
			return
		}
	}
}

// demander finds who demands an event stated as an obligation or as the
// complement of a demand: "issued a reminder to Iraq that it must
// cooperate", "demanding that the government provide", "reiterated its
// demand that Israel ease". It marks the frame as a demand and makes the
// governing clause's subject its speaker.
func (a *analysis) demander(lx *lexicon, f *frame, subjOf []phrase) {
	start := a.chunkAt(max(f.clause.lo, 0))
	if f.actor.ok() && f.actor.full.lo < a.cs[start].lo {
		start = a.chunkAt(f.actor.full.lo)
	}
	j := start - 1
	if j < 0 || a.cs[j].kind != ckRel || a.cs[j].text != "that" {
		return
	}
	demandWord := func(c chunk) bool {
		switch c.kind {
		case ckVP:
			for _, e := range lx.verbs[c.vp.lemma] {
				if e.typ == "REQUEST" {
					return true
				}
			}
		case ckNP:
			for _, e := range lx.nouns[lx.nounLemma(a.ws[c.head].low)] {
				if e.typ == "REQUEST" {
					return true
				}
			}
		}
		return false
	}
	for k := j - 1; k >= 0 && k >= j-4; k-- {
		c := a.cs[k]
		if demandWord(c) {
			f.must = true
		}
		if c.kind == ckVP {
			if f.must && !f.speaker.ok() {
				a.setSpeaker(f, k, subjOf)
			}
			return
		}
		if c.kind != ckNP && c.kind != ckPP && c.kind != ckOther {
			return
		}
	}
}

// finalReporter attributes an event to a reporting clause that closes the
// sentence ("Iran has sent troops ... for an assault in which they will
// fight, two Lebanese sources told Reuters on Thursday."), however many
// clauses lie between.
func (a *analysis) finalReporter(lx *lexicon, f *frame) {
	cs := a.cs
	// The reporting verb: the last verb group, followed only by its
	// hearer, adverbials and punctuation.
	r := -1
	for j := len(cs) - 1; j >= 0; j-- {
		c := cs[j]
		if c.kind == ckVP {
			r = j
			break
		}
		if c.kind != ckNP && c.kind != ckPP && c.kind != ckOther && c.kind != ckSep {
			return
		}
	}
	if r < 2 || !a.isCueVerb(lx, r) || !cs[r].vp.finite {
		return
	}
	// Its subject, right after a comma.
	k := r - 1
	for k >= 0 && (cs[k].kind == ckOther || a.timeNP(k)) {
		k--
	}
	if k < 1 || cs[k].kind != ckNP {
		return
	}
	start := k
	for start-2 >= 0 && cs[start-1].kind == ckPP && cs[start-2].kind == ckNP {
		start -= 2
	}
	if start < 1 || cs[start-1].kind != ckSep || cs[start-1].text != "," || f.trig.hi > cs[start-1].lo {
		return
	}
	if f.trig.lo < len(a.quotes) && a.quotes[f.trig.lo] != a.quotes[cs[r].lo] {
		return // a quote is attributed by the words after its closing mark
	}
	f.speaker = a.chain(start)
	a.cueVia(f, r)
}
