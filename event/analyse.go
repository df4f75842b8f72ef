package event

import (
	"strings"

	"github.com/sitrep/sitrep"
)

// span is a half-open token range [lo, hi) within one sentence.
type span struct{ lo, hi int }

var noSpan = span{-1, -1}

func (s span) ok() bool           { return s.lo >= 0 && s.hi > s.lo }
func (s span) has(i int) bool     { return s.ok() && i >= s.lo && i < s.hi }
func (s span) covers(o span) bool { return s.ok() && o.ok() && o.lo >= s.lo && o.hi <= s.hi }
func union(a, b span) span {
	switch {
	case !a.ok():
		return b
	case !b.ok():
		return a
	}
	return span{min(a.lo, b.lo), max(a.hi, b.hi)}
}

// phrase is an argument noun phrase: head is the first noun-phrase chunk,
// full adds the "of"/"in" chain after it ("the commander of Russian forces
// in Syria").
type phrase struct {
	head, full span
	chunk      int // index of the head chunk, -1 when absent
}

var noPhrase = phrase{noSpan, noSpan, -1}

func (p phrase) ok() bool { return p.chunk >= 0 }

// frame is one event found in a sentence, in token positions. Process turns
// frames into sitrep.Events by looking up entities, places and timexes in
// the spans.
type frame struct {
	e        *entry
	trig     span // trigger words
	vp       int  // chunk of the verb group that carries the event, -1 for a bare noun
	nominal  bool // event noun ("the airstrikes on Homs")
	light    bool // light verb + event noun ("carried out strikes")
	passive  bool
	actor    phrase
	actorMod span // for nouns: modifiers before the head ("Russian airstrikes")
	// agentOf is the agent of a weapon named as the agent: "hit by a
	// missile fired by a Turkish jet". Used when the actor names no entity.
	agentOf span
	recip   phrase
	clause  span // where date, place and quantities are looked for

	status  sitrep.Status
	speaker phrase // who says so
	cue     span   // the attributing words
	via     phrase // the relaying medium
	quoted  bool

	// embedded: the event sits in a relative, adverbial or non-finite
	// clause, or a complement of a verb other than a reporting verb, so it
	// is not what the sentence mainly reports.
	embedded bool

	must   bool   // "must", "should", "has to": an obligation someone states
	threat bool   // the complement of "threaten": coded as a threat whatever it is
	refuse bool   // "will not", "would not", "failed to"
	cond   string // "if" or "unless" clause after the event

	merged []span // clauses of participle clauses folded into this event
}

// sentence is the analysis of one sentence.
type analysis struct {
	lx     *lexicon
	ws     []word
	cs     []chunk
	frames []frame
	quotes []bool // per token: inside a direct quote
}

// analyse finds the events of one tokenised sentence. It never fails: text
// it cannot read yields fewer frames.
func analyse(lx *lexicon, ws []word) *analysis {
	a := &analysis{lx: lx, ws: ws, cs: chunkSentence(lx, ws)}
	a.quotes = quoteMask(ws)
	used := map[int]bool{} // noun-phrase chunks consumed by a verb
	subjOf := make([]phrase, len(a.cs))
	for v := range a.cs {
		subjOf[v] = noPhrase
	}
	a.fixReduced(lx)
	// Pass 1: subjects of every verb group, left to right so that
	// participle and coordinated verbs can inherit.
	for v, c := range a.cs {
		if c.kind != ckVP {
			continue
		}
		subjOf[v] = a.subject(lx, v, subjOf)
	}
	for v, c := range a.cs {
		if c.kind != ckVP {
			continue
		}
		if f, ok := a.verbFrame(lx, v, subjOf, used); ok {
			a.frames = append(a.frames, f)
		}
	}
	// Pass 2: event nouns standing on their own.
	for i, c := range a.cs {
		if c.kind != ckNP || used[i] {
			continue
		}
		if f, ok := a.nounFrame(lx, i, subjOf); ok {
			a.frames = append(a.frames, f)
		}
	}
	a.mergeFrames(lx)
	for k := range a.frames {
		if f := &a.frames[k]; !f.recip.ok() && f.vp >= 0 && a.intentVerb(lx, f.vp) {
			f.recip = a.complementRecipient(lx, f.vp)
		}
	}
	for k := range a.frames {
		a.status(lx, &a.frames[k], subjOf)
		a.frames[k].embedded = a.isEmbedded(lx, &a.frames[k])
	}
	a.inheritAttribution()
	a.dropReporters()
	return a
}

// inheritAttribution gives an event with no reporting verb of its own the
// speaker of the event whose clause holds it: in "the observatory said 27
// civilians were killed in the strikes" the observatory reports the strikes
// too. Only the source passes on, not the status.
func (a *analysis) inheritAttribution() {
	for k := range a.frames {
		f := &a.frames[k]
		if f.cue.ok() || f.speaker.ok() {
			continue
		}
		for n := range a.frames {
			g := &a.frames[n]
			if n == k || !g.cue.ok() || !g.speaker.ok() || g.trig == f.trig {
				continue
			}
			in := g.clause.covers(f.trig)
			for _, m := range g.merged {
				in = in || m.covers(f.trig)
			}
			if in || a.coordinatedAfter(g, f) {
				f.speaker, f.cue, f.via = g.speaker, g.cue, g.via
				break
			}
		}
	}
}

// coordinatedAfter reports a clause f joined by a bare "and" or "but" to
// the end of a reported clause g whose reporting verb comes before it:
// "the source added that dozens were killed and others were injured". A
// comma before the conjunction more often starts the writer's own clause,
// so it does not count.
func (a *analysis) coordinatedAfter(g, f *frame) bool {
	if !g.cue.ok() || g.cue.hi > g.clause.lo || !f.clause.ok() {
		return false
	}
	c := a.chunkAt(f.clause.lo)
	if c < 1 || a.cs[c].lo != f.clause.lo {
		return false
	}
	cc := a.cs[c-1]
	return cc.kind == ckCC && (cc.text == "and" || cc.text == "but") && cc.lo == g.clause.hi
}

// fixReduced reads a bare past participle as a finite past tense when
// nothing in the sentence makes it a reduced relative: no "by" agent after
// it and no finite verb later ("Hundreds of troops arrived in Syria").
func (a *analysis) fixReduced(lx *lexicon) {
	for v, c := range a.cs {
		if c.kind != ckVP || !c.vp.passive || c.vp.finite || c.hi-c.lo != 1 || v == 0 || a.cs[v-1].kind != ckNP {
			continue
		}
		later := false
	scan:
		for j := v + 1; j < len(a.cs); j++ {
			switch c := a.cs[j]; {
			case c.kind == ckPP && c.text == "by" || c.kind == ckVP && c.vp.finite && !a.isStatusVerb(lx, c.vp.lemma):
				later = true
				break scan
			case c.kind == ckSep || c.kind == ckRel || c.kind == ckSub:
				break scan // a later verb in another clause does not count
			}
		}
		if !later {
			vg := *c.vp
			vg.passive, vg.finite = false, true
			a.cs[v].vp = &vg
		}
	}
}

// dropReporters removes the frame of a verb that only reports another
// event of the sentence and has no object of its own ("..., a rights group
// charged", "..., the group protested"): it is the attribution, not an
// event.
func (a *analysis) dropReporters() {
	cueVP := map[int]bool{}
	for _, f := range a.frames {
		if f.cue.ok() {
			cueVP[a.chunkAt(f.cue.lo)] = true
		}
	}
	out := a.frames[:0]
	for _, f := range a.frames {
		if f.vp >= 0 && cueVP[f.vp] && !f.recip.ok() && !a.object(f.vp).ok() {
			continue
		}
		out = append(out, f)
	}
	a.frames = out
}

// isEmbedded reports whether frame f is subordinate (see frame.embedded).
func (a *analysis) isEmbedded(lx *lexicon, f *frame) bool {
	if f.vp < 0 {
		ni := a.chunkAt(f.trig.lo)
		return ni > 0 && (a.cs[ni-1].kind == ckPP || a.cs[ni-1].kind == ckVP)
	}
	vg := a.cs[f.vp].vp
	if !vg.finite {
		return true
	}
	start := f.vp
	if f.actor.ok() && !vg.passive && f.actor.full.lo < a.cs[f.vp].lo {
		start = a.chunkAt(f.actor.full.lo)
	}
	j := start - 1
	for j >= 0 && a.cs[j].kind == ckOther {
		j--
	}
	if j < 0 {
		return false
	}
	switch c := a.cs[j]; c.kind {
	case ckSub:
		return true
	case ckVP:
		// The content of a participle ("..., saying it was withholding
		// it") is secondary to the clause the participle hangs on.
		return !c.vp.finite
	case ckRel:
		if c.text != "that" {
			return true
		}
		k := j - 1
		if k >= 1 && a.cs[k].kind == ckNP && a.isVP(k-1) {
			k-- // "told Reuters that"
		}
		return !a.isCueVerb(lx, k)
	}
	return false
}

// quoteMask marks the tokens inside quotation marks.
func quoteMask(ws []word) []bool {
	in := make([]bool, len(ws))
	open := false
	for i, w := range ws {
		switch w.low {
		case "\"", "“", "”", "``", "''":
			switch w.low {
			case "“":
				open = true
			case "”":
				open = false
			default:
				open = !open
			}
			continue
		}
		in[i] = open
	}
	return in
}

// chain extends the noun phrase at chunk i over "of", "from", "in" chains and
// returns the phrase.
func (a *analysis) chain(i int) phrase {
	if i < 0 || i >= len(a.cs) || a.cs[i].kind != ckNP {
		return noPhrase
	}
	c := a.cs[i]
	p := phrase{head: span{c.lo, c.hi}, full: span{c.lo, c.hi}, chunk: i}
	for j := i + 1; j+1 < len(a.cs); j += 2 {
		if a.cs[j].kind != ckPP || a.cs[j+1].kind != ckNP {
			break
		}
		switch a.cs[j].text {
		case "of", "from", "for":
		default:
			return p
		}
		p.full.hi = a.cs[j+1].hi
	}
	return p
}

// isVP reports whether chunk i is a verb group.
func (a *analysis) isVP(i int) bool { return i >= 0 && i < len(a.cs) && a.cs[i].kind == ckVP }

// subject finds the subject of the verb group at chunk v: the noun phrase
// before it in the same clause, skipping the prepositional phrases and
// reduced relatives that modify it. Non-finite and coordinated verbs inherit
// the subject of the verb before them.
func (a *analysis) subject(lx *lexicon, v int, subjOf []phrase) phrase {
	cs := a.cs
	if vg := cs[v].vp; vg.infinitive || vg.gerund {
		// The noun phrase before "to withdraw" or "killing" is an object
		// or a predicate ("is willing to withdraw"), not a subject.
		return a.inherit(v, subjOf)
	}
	if vg := cs[v].vp; !vg.finite && vg.passive {
		// A reduced relative modifies the noun right before it, wherever
		// that noun stands: "in a message sent by the President",
		// "aircraft already stationed at its base".
		j := v - 1
		for j >= 0 && cs[j].kind == ckOther {
			j--
		}
		if j >= 0 && cs[j].kind == ckNP && !a.timeNP(j) {
			return a.chain(j)
		}
	}
	// Skip adverbs and time phrases: "The German government today
	// welcomed", "the Federation Council on Wednesday unanimously approved".
	j := v - 1
	for j >= 0 {
		switch {
		case cs[j].kind == ckOther && cs[j].text != "there":
			j--
			continue
		case a.timeNP(j):
			j--
			if j >= 0 && cs[j].kind == ckPP {
				j--
			}
			continue
		}
		break
	}
	if j >= 0 && cs[j].kind == ckNP {
		k := j
		for {
			switch {
			case k-2 >= 0 && cs[k-1].kind == ckPP && cs[k-2].kind == ckNP && cs[k-1].text != "according to":
				k -= 2
				continue
			case k-3 >= 0 && cs[k-1].kind == ckPP && cs[k-2].kind == ckVP && !cs[k-2].vp.finite && cs[k-3].kind == ckNP:
				// "warplanes based in Latakia struck"
				k -= 3
				continue
			}
			break
		}
		// Coordinated subjects: "President Kagame and his party must agree".
		coord := k
		// Not over a preposition's object: "met Lavrov on Wednesday and the
		// two agreed" coordinates clauses, not subjects.
		for coord-2 >= 0 && cs[coord-1].kind == ckCC && (cs[coord-1].text == "and" || cs[coord-1].text == "or") && cs[coord-2].kind == ckNP &&
			!a.timeNP(coord-2) && (coord-3 < 0 || cs[coord-3].kind != ckPP && cs[coord-3].kind != ckVP) {
			coord -= 2
		}
		if coord-1 >= 0 && cs[coord-1].kind == ckPP {
			// A fronted phrase ("In Homs, ...") or a preposition's object:
			// no subject here.
			return a.inherit(v, subjOf)
		}
		p := a.chain(coord)
		if coord < k {
			p.head.hi, p.full.hi = cs[j].hi, max(p.full.hi, cs[j].hi)
		}
		return p
	}
	if j >= 0 && cs[j].kind == ckSep && cs[j].text == "," {
		if k, appos := a.appositiveHost(j); k >= 0 {
			p := a.chain(k)
			if appos {
				// Entities may sit in the appositive only: "The pilot, Lt.
				// Col. Oleg Peshkov, was killed". The head still wins.
				p.full.hi = max(p.full.hi, cs[j-1].hi)
			}
			return p
		}
		// An appositive between subject and verb: "The main rebel group,
		// Forces for Defence of Democracy (FDD), insisted". Only when the
		// sentence up to the verb is noun material.
		m := j - 1
		for m >= 0 && (cs[m].kind == ckNP || cs[m].kind == ckPP || cs[m].kind == ckSep || cs[m].kind == ckOther) {
			m--
		}
		if m < 0 && cs[0].kind == ckNP {
			return a.chain(0)
		}
	}
	if j >= 0 && cs[j].kind == ckRel && j-1 >= 0 && cs[j].text != "that" || j >= 0 && cs[j].kind == ckRel && cs[j].text == "that" && j-1 >= 0 && cs[j-1].kind == ckNP && !a.isVP(j-2) {
		// Relative clause: "the jets that struck", "Russia, which sent".
		k := j - 1
		if k >= 0 && cs[k].kind == ckSep {
			k--
		}
		if k >= 0 && cs[k].kind == ckNP {
			return a.chain(k)
		}
	}
	return a.inherit(v, subjOf)
}

// agentOf returns the "by" agent of a reduced relative right after agent
// phrase p ("a missile fired by a Turkish F-16"), or noSpan.
func (a *analysis) agentOf(p phrase) span {
	k := a.chunkAt(p.full.hi-1) + 1
	if k+2 >= len(a.cs) || !a.isVP(k) || a.cs[k].vp.finite || !a.cs[k].vp.passive {
		return noSpan
	}
	if a.cs[k+1].kind != ckPP || a.cs[k+1].text != "by" || a.cs[k+2].kind != ckNP {
		return noSpan
	}
	return a.chain(k + 2).full
}

// appositiveHost finds the noun phrase that an appositive ending with the
// comma at chunk j describes: "around 1,500 Iranian troops, most of them
// members of the Revolutionary Guards, were deployed". The appositive is
// noun material only, and the host must open its clause (sentence start,
// "that", a subordinator or fronted phrases), else the comma may close
// something else. It returns the host's chunk or -1.
func (a *analysis) appositiveHost(j int) (int, bool) {
	cs := a.cs
	m := j - 1
	nouns, rel := 0, false
	for m >= 0 && (cs[m].kind == ckNP || cs[m].kind == ckPP || cs[m].kind == ckOther || cs[m].kind == ckSub) {
		if cs[m].kind == ckNP {
			nouns++
		}
		m--
	}
	if m >= 0 && cs[m].kind == ckVP {
		// A non-restrictive relative clause: "The official, who spoke on
		// condition of anonymity, said".
		for m >= 0 && !(cs[m].kind == ckSep && cs[m].text == ",") && cs[m].kind != ckQuote && cs[m].kind != ckSub {
			m--
		}
		if m < 1 || cs[m].kind != ckSep {
			return -1, false
		}
		// Or a participle phrase: "army units, backed by Russian jets,
		// recaptured"; "Lavrov, speaking after the talks, said".
		relative := cs[m+1].kind == ckRel && (cs[m+1].text == "who" || cs[m+1].text == "which")
		participle := cs[m+1].kind == ckVP && !cs[m+1].vp.finite && !cs[m+1].vp.infinitive
		if !relative && !participle {
			return -1, false
		}
		nouns, rel = 1, true
	}
	if nouns == 0 || m < 1 || cs[m].kind != ckSep || cs[m].text != "," || cs[m-1].kind != ckNP {
		return -1, false
	}
	k := m - 1
	for k-2 >= 0 && cs[k-1].kind == ckPP && cs[k-2].kind == ckNP && cs[k-1].text != "according to" {
		k -= 2
	}
	if k == 0 {
		return k, !rel
	}
	switch p := cs[k-1]; {
	case p.kind == ckRel && p.text == "that", p.kind == ckSub, p.kind == ckQuote, p.kind == ckSep && p.text == ":":
		return k, !rel
	case p.kind == ckSep && (p.text == "-" || p.text == "--" || p.text == "—" || p.text == "–"):
		// After a dateline: "Damascus, SANA - army units, backed by
		// Russian jets, struck".
		return k, !rel
	case p.kind == ckVP && a.isCueVerb(a.lx, k-1):
		// A complement with no "that": "a source said around 1,500 troops,
		// most of them ..., were deployed".
		return k, !rel
	case p.kind == ckSep && p.text == ",":
		// Fronted phrases: "On Friday, Russian jets, ..., struck".
		for n := k - 2; n >= 0; n-- {
			if cs[n].kind != ckPP && cs[n].kind != ckNP && cs[n].kind != ckOther {
				return -1, false
			}
		}
		return k, !rel
	}
	return -1, false
}

// inherit gives a verb without a subject of its own the subject of the
// verb it depends on: participles ("..., killing dozens"), infinitives
// ("plans to deploy"; "urged Russia to stop" gives Russia) and verbs
// coordinated with "and".
func (a *analysis) inherit(v int, subjOf []phrase) phrase {
	vg := a.cs[v].vp
	prevCC := v-1 >= 0 && a.cs[v-1].kind == ckCC
	if !(vg.gerund || vg.infinitive || prevCC || !vg.finite) {
		return noPhrase
	}
	for j := v - 1; j >= 0; j-- {
		c := a.cs[j]
		if c.kind == ckSub || c.kind == ckRel {
			return noPhrase
		}
		if c.kind != ckVP {
			continue
		}
		if vg.infinitive && j+2 == v && a.cs[j+1].kind == ckNP && a.isControl(c) {
			// A control verb's object does the infinitive: "urged Russia
			// to stop", "asked Iran to send".
			return a.chain(j + 1)
		}
		return subjOf[j]
	}
	return noPhrase
}

// isControl reports a verb whose object does its "to"-infinitive.
func (a *analysis) isControl(c chunk) bool {
	l := c.vp.lemma
	return a.lx.cue("control", l) || c.vp.particle != "" && a.lx.cue("control", l+" "+c.vp.particle)
}

// object returns the direct object of the verb group at chunk v.
func (a *analysis) object(v int) phrase {
	j := v + 1
	for j < len(a.cs) && (a.cs[j].kind == ckOther || a.timeNP(j)) {
		j++ // "lifted Friday a day-old blockade"
	}
	if j < len(a.cs) && a.cs[j].kind == ckNP {
		return a.chain(j)
	}
	return noPhrase
}

// timeNP reports a noun phrase that is only a time word ("Friday").
func (a *analysis) timeNP(j int) bool {
	c := a.cs[j]
	return c.kind == ckNP && c.hi-c.lo == 1 && timeWords[a.ws[c.lo].low]
}

// preps collects the prepositional phrases after chunk from up to the end of
// the clause, first occurrence of each preposition, and returns the clause
// end as a token index.
func (a *analysis) preps(from int) (map[string]phrase, int) {
	pp := map[string]phrase{}
	end := len(a.ws)
	if from < len(a.cs) {
		end = a.cs[from].lo
	}
	for j := from; j < len(a.cs); j++ {
		c := a.cs[j]
		switch c.kind {
		case ckPP:
			if j+1 < len(a.cs) && a.cs[j+1].kind == ckNP {
				p := a.chain(j + 1)
				if _, seen := pp[c.text]; !seen {
					pp[c.text] = p
				}
				end = p.full.hi
				j = p.full.hi - 1
				j = a.chunkAt(p.full.hi - 1)
				continue
			}
			end = c.hi
		case ckNP, ckOther:
			end = c.hi
		case ckVP:
			if c.vp.finite || j == from {
				return pp, end
			}
			// A participle inside the clause ("targets held by ISIS").
			end = c.hi
		case ckSep:
			if j+1 < len(a.cs) && a.cs[j+1].kind == ckPP && a.cs[j+1].text != "according to" {
				continue
			}
			return pp, end
		default:
			return pp, end
		}
	}
	return pp, end
}

// chunkAt returns the index of the chunk holding token t.
func (a *analysis) chunkAt(t int) int {
	for i, c := range a.cs {
		if t >= c.lo && t < c.hi {
			return i
		}
	}
	return len(a.cs) - 1
}

// particleOK reports whether the words right after the verb at token h are
// the entry's particle ("out" in "carry out", "fire" in "open fire").
func (a *analysis) particleOK(e *entry, h int) bool {
	for k, p := range e.particle {
		if h+1+k >= len(a.ws) || a.ws[h+1+k].low != p {
			return false
		}
	}
	return true
}

// wordsOK reports whether one of the entry's word alternatives occurs in
// tokens s (matching lemma-insensitively on plurals).
func (a *analysis) wordsOK(lx *lexicon, e *entry, s span) bool {
	if len(e.words) == 0 {
		return true
	}
	if !s.ok() {
		return false
	}
	for _, alt := range e.words {
		for i := s.lo; i+len(alt) <= s.hi; i++ {
			ok := true
			for k, w := range alt {
				x := a.ws[i+k].low
				if x != w && lx.nounLemma(x) != w && strings.TrimSuffix(x, "s") != w {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// best picks the most specific entry whose particle and words match.
func (a *analysis) best(lx *lexicon, es []*entry, h int, obj span) *entry {
	var b *entry
	for _, e := range es {
		if !a.particleOK(e, h) || !a.wordsOK(lx, e, obj) {
			continue
		}
		if b == nil || e.specificity() > b.specificity() {
			b = e
		}
	}
	return b
}

// nounEntry returns the event-noun entry for the noun phrase chunk i, or nil.
func (a *analysis) nounEntry(lx *lexicon, i int) *entry {
	e, _ := a.nounMatch(lx, i)
	return e
}

// nounMatch returns the event-noun entry of noun phrase chunk i and the
// token that carries it: the head, or for a shell noun ("mediation
// mission", "peace effort") the event noun before it.
func (a *analysis) nounMatch(lx *lexicon, i int) (*entry, int) {
	c := a.cs[i]
	h := c.head
	if h < c.lo || h >= c.hi || !isNoun(a.ws[h].POS) && a.ws[h].POS != "" {
		// Taggers read some event nouns as adjectives ("an offensive").
		h = c.hi - 1
		if !lx.nlem[lx.nounLemma(a.ws[h].low)] {
			return nil, h
		}
	}
	if b := a.nounAt(lx, c, h); b != nil {
		return b, h
	}
	if lx.cue("shell", a.ws[h].low) && h-1 >= c.lo {
		if b := a.nounAt(lx, c, h-1); b != nil {
			return b, h - 1
		}
	}
	return nil, h
}

// nounAt returns the most specific entry for the noun at token h of chunk
// c; the words a row asks for may be in the phrase's "of" chain ("a
// suspension of air links").
func (a *analysis) nounAt(lx *lexicon, c chunk, h int) *entry {
	words := span{c.lo, c.hi}
	if p := a.chain(a.chunkAt(c.lo)); p.ok() {
		words = p.full
	}
	lem := lx.nounLemma(a.ws[h].low)
	var b *entry
	for _, e := range lx.nouns[lem] {
		// Words before the head of a compound ("bombing" in "bombing campaign").
		ok := true
		for k := range e.particle {
			p := h - len(e.particle) + k
			if p < c.lo || lx.nounLemma(a.ws[p].low) != e.particle[k] && a.ws[p].low != e.particle[k] {
				ok = false
				break
			}
		}
		if !ok || !a.wordsOK(lx, e, words) {
			continue
		}
		if b == nil || e.specificity() > b.specificity() {
			b = e
		}
	}
	return b
}

// nounHead returns the head token of noun phrase chunk i, taking the last
// word when the tagger left no noun there.
func (a *analysis) nounHead(lx *lexicon, i int) int {
	_, h := a.nounMatch(lx, i)
	return h
}

// verbFrame builds the event carried by the verb group at chunk v, if any.
func (a *analysis) verbFrame(lx *lexicon, v int, subjOf []phrase, used map[int]bool) (frame, bool) {
	c := a.cs[v]
	vg := c.vp
	h := c.head
	obj := a.object(v)
	pp, end := a.preps(v + 1)
	if obj.ok() {
		pp, end = a.preps(obj.chunk + 1)
		// The object's own chain may hold "of" etc.
		if end < obj.full.hi {
			end = obj.full.hi
		}
	}
	// A preposition the verb takes ("call for", "engage in", "fire on"):
	// its object stands in for the direct object.
	ppObj := noPhrase
	if !obj.ok() && v+1 < len(a.cs) && a.cs[v+1].kind == ckPP && a.cs[v+1].lo == h+1 {
		ppObj = a.object(v + 1)
	}
	f := frame{vp: v, passive: vg.passive, actor: subjOf[v], recip: noPhrase, speaker: noPhrase, via: noPhrase, cue: noSpan, actorMod: noSpan}
	if vg.passive {
		f.actor = noPhrase
		if p, ok := pp["by"]; ok {
			f.actor = p
			f.agentOf = a.agentOf(p)
		}
	}
	// Light verb with an event noun as object (or, passive, as subject).
	if _, light := lx.light[vg.lemma]; light {
		nounAt := -1
		if obj.ok() {
			nounAt = obj.chunk
		} else if ppObj.ok() && a.lightOK(lx, vg.lemma, h) && a.lightParticle(lx, vg.lemma, h) {
			nounAt = ppObj.chunk // "engaged in ethnic cleansing"
		} else if vg.passive && subjOf[v].ok() {
			nounAt = subjOf[v].chunk
		}
		if nounAt >= 0 {
			if e := a.nounEntry(lx, nounAt); e != nil && a.lightOK(lx, vg.lemma, h) && (e.typ != "AID" || lx.cue("transfer", vg.lemma)) {
				if spec := a.best(lx, lx.verbs[vg.lemma], h, objSpan(obj)); spec == nil || spec.specificity() == 0 {
					f.e, f.light = e, true
					nh := a.nounHead(lx, nounAt)
					f.trig = span{h, nh + 1}
					if nh < h {
						// Passive: "the airstrikes ... were carried out".
						f.trig = span{nh - len(e.particle), nh + 1}
					}
					used[nounAt] = true
					npp := pp
					if nounAt != obj.chunk {
						npp, _ = a.preps(nounAt + 1)
						for k, p := range pp {
							if _, ok := npp[k]; !ok {
								npp[k] = p
							}
						}
					}
					if !f.actor.ok() {
						// "Russian airstrikes were carried out": the noun's modifiers.
						f.actorMod = span{a.cs[nounAt].lo, nh}
					}
					f.recip = a.recipient(e, noPhrase, npp)
					subj := f.actor
					if vg.passive && subjOf[v].ok() {
						subj = subjOf[v] // "about 20 sorties had been flown"
					}
					f.clause = a.clauseOf(subj, v, end)
					return f, true
				}
			}
		}
	}
	// The object (or a preposition's object) names what the verb acts on;
	// intransitive verbs name it as their subject ("troops arrived").
	var e *entry
	ins := []span{objSpan(obj), ppSpan(a, v, ppObj), subjSpan(subjOf[v], vg.passive)}
	if vg.passive && subjOf[v].ok() {
		// The passive subject is what the verb acts on: "2,000 marines
		// were sent to Tartus".
		ins = append([]span{subjOf[v].full}, ins...)
	}
	for _, in := range ins {
		if !in.ok() {
			continue
		}
		if c := a.best(lx, lx.verbs[vg.lemma], h, in); c != nil && len(c.words) > 0 {
			e = c
			break
		}
	}
	if e == nil {
		e = a.best(lx, lx.verbs[vg.lemma], h, objSpan(obj))
	}
	if e == nil && (vg.modal == "must" || vg.modal == "should") && !a.isStatusVerb(lx, vg.lemma) {
		e = demandEntry
	}
	if e == nil {
		return f, false
	}
	// A verb whose "to"-infinitive complement it governs is coded as itself
	// ("agreed to send troops" is AGREE); the complement is not a second event.
	if (vg.infinitive || !vg.finite && v-1 >= 0 && a.cs[v-1].kind == ckCC) && a.governedByIntent(lx, v) {
		return f, false
	}
	f.e = e
	if len(e.particle) > 0 && ppObj.ok() && !obj.ok() {
		obj = ppObj
		pp, end = a.preps(obj.chunk + 1)
		end = max(end, obj.full.hi)
	}
	f.trig = span{h, h + 1 + len(e.particle)}
	if f.trig.hi > len(a.ws) {
		f.trig.hi = len(a.ws)
	}
	if vg.passive {
		// "Homs was struck by Russian jets": the subject is the recipient.
		f.recip = a.recipient(e, subjOf[v], pp)
		if sp := subjOf[v]; sp.ok() {
			f.recip = sp
		}
		if e.typ == "MOBILIZE" && !f.actor.ok() && subjOf[v].ok() {
			// "1,500 Iranian troops were deployed in Syria": the units
			// deployed are the mobilising actor; the place is the recipient.
			f.actor = subjOf[v]
			f.recip = a.recipient(e, noPhrase, pp)
		}
	} else {
		f.recip = a.recipient(e, obj, pp)
	}
	if obj.ok() && !f.light {
		used[obj.chunk] = used[obj.chunk] || a.isStatusVerb(lx, vg.lemma)
	}
	subj := f.actor
	if vg.passive && subjOf[v].ok() {
		subj = subjOf[v] // the passive subject is in the clause too
	}
	f.clause = a.clauseOf(subj, v, end)
	if vg.passive && f.actor.ok() {
		// "Homs was hit by Russian airstrikes" is one attack: the agent
		// noun is not a second event. "Backed by air strikes" is.
		if ne := a.nounEntry(lx, f.actor.chunk); ne != nil && ne.typ == e.typ {
			used[f.actor.chunk] = true
		}
	}
	return f, true
}

// ppSpan returns the preposition and its object after verb chunk v.
func ppSpan(a *analysis, v int, p phrase) span {
	if !p.ok() {
		return noSpan
	}
	return span{a.cs[v+1].lo, p.full.hi}
}

// subjSpan returns an active verb's subject tokens.
func subjSpan(p phrase, passive bool) span {
	if passive || !p.ok() {
		return noSpan
	}
	return p.full
}

// objSpan returns the tokens of an object phrase, or noSpan.
func objSpan(p phrase) span {
	if !p.ok() {
		return noSpan
	}
	return p.full
}

// lightOK checks a light verb's particle ("carry out", "step up").
func (a *analysis) lightOK(lx *lexicon, lemma string, h int) bool {
	for _, e := range lx.light[lemma] {
		if a.particleOK(e, h) {
			return true
		}
	}
	return false
}

// lightParticle reports whether a light verb's row has a particle ("engage in").
func (a *analysis) lightParticle(lx *lexicon, lemma string, h int) bool {
	for _, e := range lx.light[lemma] {
		if len(e.particle) > 0 && a.particleOK(e, h) {
			return true
		}
	}
	return false
}

// isStatusVerb reports verbs that take an event as their object without
// being events themselves (deny, claim, report...).
func (a *analysis) isStatusVerb(lx *lexicon, lemma string) bool {
	return lx.cue("report", lemma) || lx.cue("claim", lemma) || lx.cue("deny", lemma)
}

// governedByIntent reports whether the infinitive at chunk v completes an
// intent verb ("agreed to send", "threatened to strike").
func (a *analysis) governedByIntent(lx *lexicon, v int) bool {
	// Walk back over the chain of non-finite verbs and their objects
	// ("refused to allow UN planes to land and evacuate") to the verb that
	// governs it.
	for j := v - 1; j >= 0; j-- {
		c := a.cs[j]
		switch c.kind {
		case ckNP, ckCC, ckOther, ckPP:
			continue
		case ckVP:
		default:
			return false
		}
		lem := c.vp.lemma
		if promissive[lem] {
			// "vowed to fight": the complement is the event, planned.
			return false
		}
		if c.vp.particle != "" && lx.cue("intent", lem+" "+c.vp.particle) || lx.cue("intent", lem) && len(lx.verbs[lem]) > 0 {
			return true
		}
		if c.vp.finite {
			return false
		}
	}
	return false
}

// promissive verbs announce their "to"-complement rather than absorb it:
// "threatened to strike" is a planned strike, coded as a threat.
var promissive = map[string]bool{"vow": true, "pledge": true, "promise": true, "swear": true, "threaten": true}

// demandEntry codes an obligation a speaker states without a trigger verb
// ("X said Y must drop its barriers"): a generic demand.
var demandEntry = &entry{kind: kindVerb, typ: "REQUEST", cameo: "100", recip: []string{"obj"}}

// intentVerb reports a verb that folds its "to"-complement into its own
// event ("agreed to", "offered to").
func (a *analysis) intentVerb(lx *lexicon, v int) bool {
	c := a.cs[v]
	l := c.vp.lemma
	return !promissive[l] && (lx.cue("intent", l) || c.vp.particle != "" && lx.cue("intent", l+" "+c.vp.particle))
}

// complementRecipient finds the recipient of the "to"-complement of the
// intent verb at chunk v: "offered to hand over to Great Britain",
// "agreed to provide aid for Romania".
func (a *analysis) complementRecipient(lx *lexicon, v int) phrase {
	c := v + 1
	// Past the control object ("urged Russia to stop": the object is the
	// doer, not the recipient) and adverbial phrases ("agreed in principle
	// on Saturday to provide").
	for c < len(a.cs) && c <= v+6 && (a.cs[c].kind == ckNP || a.cs[c].kind == ckPP || a.cs[c].kind == ckOther) {
		c++
	}
	if c >= len(a.cs) || a.cs[c].kind != ckVP || !a.cs[c].vp.infinitive {
		return noPhrase
	}
	vg := a.cs[c].vp
	obj := a.object(c)
	from := c + 1
	if obj.ok() {
		from = a.chunkAt(obj.full.hi-1) + 1
	}
	pp, _ := a.preps(from)
	e := a.best(lx, lx.verbs[vg.lemma], a.cs[c].head, objSpan(obj))
	if e == nil {
		e = &entry{recip: strings.Split(defaultRecipTo, ",")}
	}
	// Prepositions right after the verb ("hand over to Great Britain").
	if !obj.ok() && c+1 < len(a.cs) && a.cs[c+1].kind == ckPP {
		if p := a.object(c + 1); p.ok() {
			pp[a.cs[c+1].text] = p
		}
	}
	return a.recipient(e, obj, pp)
}

// recipient picks the recipient phrase in the entry's order of preference.
func (a *analysis) recipient(e *entry, obj phrase, pp map[string]phrase) phrase {
	for _, r := range e.recip {
		if r == "obj" {
			if obj.ok() {
				return obj
			}
			continue
		}
		if p, ok := pp[r]; ok {
			return p
		}
	}
	return noPhrase
}

// clauseOf returns the token range of the clause around verb chunk v: from
// its subject (or the verb) to end; a clause that opens the sentence also
// takes fronted phrases ("On Wednesday, Russian jets struck...").
func (a *analysis) clauseOf(subj phrase, v, end int) span {
	lo := a.cs[v].lo
	if subj.ok() && subj.full.lo < lo {
		lo = subj.full.lo
	}
	front := true
	for j := 0; j < len(a.cs) && a.cs[j].lo < lo; j++ {
		switch a.cs[j].kind {
		case ckPP, ckNP, ckSep, ckOther, ckQuote:
		default:
			front = false
		}
	}
	if front {
		lo = 0
	}
	if end < a.cs[v].hi {
		end = a.cs[v].hi
	}
	return span{lo, end}
}

// nounFrame builds an event from an event noun not used by a verb: "the
// airstrikes on Homs", "Russia's bombing campaign".
func (a *analysis) nounFrame(lx *lexicon, i int, subjOf []phrase) (frame, bool) {
	e := a.nounEntry(lx, i)
	if e == nil || !e.alone {
		return frame{}, false
	}
	c := a.cs[i]
	c.head = a.nounHead(lx, i)
	pp, end := a.preps(i + 1)
	f := frame{e: e, vp: -1, nominal: true, actor: noPhrase, recip: noPhrase, speaker: noPhrase, via: noPhrase, cue: noSpan}
	f.trig = span{c.head - len(e.particle), c.head + 1}
	if f.trig.lo < c.lo {
		f.trig.lo = c.lo
	}
	f.actorMod = span{c.lo, f.trig.lo}
	if p, ok := pp["by"]; ok {
		f.actor = p
		f.agentOf = a.agentOf(p)
	}
	f.recip = a.recipient(e, noPhrase, pp)
	f.clause = span{c.lo, max(end, c.hi)}
	return f, true
}

// mergeFrames folds participle clauses that report the toll of the event
// before them ("struck Homs, killing 20 people") into that event, and a
// verb whose subject is an event noun of the same type ("the airstrikes
// killed 20") into the noun's event.
func (a *analysis) mergeFrames(lx *lexicon) {
	drop := make([]bool, len(a.frames))
	for k := range a.frames {
		f := &a.frames[k]
		if f.vp < 0 || f.e.typ != "ASSAULT" {
			continue
		}
		vg := a.cs[f.vp].vp
		if _, cas := lx.casualty[vg.lemma]; !cas {
			continue
		}
		// Participle toll clause: the previous frame is an assault.
		if vg.gerund || vg.passive && !vg.finite {
			for p := k - 1; p >= 0; p-- {
				if drop[p] || a.frames[p].vp < 0 {
					continue
				}
				if a.frames[p].e.typ == "ASSAULT" && a.frames[p].vp < f.vp {
					a.frames[p].merged = append(a.frames[p].merged, f.clause)
					drop[k] = true
				}
				break
			}
			if drop[k] {
				continue
			}
		}
		// "The airstrikes killed 20 people": the noun already carries it.
		if f.actor.ok() {
			for n := range a.frames {
				g := &a.frames[n]
				if n == k || drop[n] || !g.nominal || g.e.typ != "ASSAULT" || !f.actor.head.covers(span{g.trig.lo, g.trig.hi}) {
					continue
				}
				g.merged = append(g.merged, f.clause)
				if !g.recip.ok() {
					g.recip = f.recip
				}
				drop[k] = true
				break
			}
		}
	}
	for k := range a.frames {
		f := &a.frames[k]
		if f.vp < 0 || !promissive[a.cs[f.vp].vp.lemma] {
			continue
		}
		for n := range a.frames {
			g := &a.frames[n]
			if n != k && !drop[n] && g.vp > f.vp && a.cs[g.vp].vp.infinitive && a.prevVP(g.vp) == f.vp {
				drop[k] = true
			}
		}
	}
	out := a.frames[:0]
	for k, f := range a.frames {
		if !drop[k] {
			out = append(out, f)
		}
	}
	a.frames = out
}
