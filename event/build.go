package event

import (
	"strings"

	"github.com/sitrep/sitrep"
)

// sentCtx turns the frames of one sentence into events.
type sentCtx struct {
	d    *sitrep.Document
	ix   *docIndex
	si   int
	sent sitrep.Sentence
	a    *analysis
	lx   *lexicon
	qs   []quantity
}

// bytes returns the byte span of tokens s.
func (sc *sentCtx) bytes(s span) sitrep.Span {
	ws := sc.a.ws
	return sitrep.Span{Start: ws[s.lo].Start, End: ws[s.hi-1].End}
}

func (sc *sentCtx) text(s span) string {
	b := sc.bytes(s)
	return sc.d.Doc.Text[b.Start:b.End]
}

// entitiesIn returns the actor entities mentioned inside s, in text order.
// Places are left to the location.
func (sc *sentCtx) entitiesIn(s span) []entMention {
	if !s.ok() {
		return nil
	}
	b := sc.bytes(s)
	var out []entMention
	for _, em := range sc.ix.ents[sc.si] {
		if em.e.Type == sitrep.PlaceEntity || !b.Overlaps(em.m.Span) {
			continue
		}
		dup := false
		for _, o := range out {
			if o.e.ID == em.e.ID {
				dup = true
			}
		}
		if !dup {
			out = append(out, em)
		}
	}
	return out
}

// hasCoordination reports a conjunction inside s.
func (sc *sentCtx) hasCoordination(s span) bool {
	for k := s.lo; k < s.hi; k++ {
		if w := sc.a.ws[k].low; w == "and" || w == "or" || w == "," {
			return true
		}
	}
	return false
}

// roleEntities resolves an argument phrase to entities: those in its head;
// failing that, in its "of" chain. Coordinated heads give every conjunct;
// otherwise the longest mention wins ("Russian Defence Minister Sergei
// Shoigu" is Shoigu, not Russia).
func (sc *sentCtx) roleEntities(p phrase, extra span) []entMention {
	var ems []entMention
	coord := false
	switch {
	case p.ok():
		ems = sc.entitiesIn(p.head)
		coord = sc.hasCoordination(p.head)
		if len(ems) == 0 {
			ems = sc.entitiesIn(p.full)
		}
	case extra.ok():
		ems = sc.entitiesIn(extra)
		coord = sc.hasCoordination(extra)
	}
	if len(ems) <= 1 || coord {
		return ems
	}
	// An entity with an actor code beats one without ("British Defence
	// Secretary Tom King": Britain's government if King is unknown).
	best := ems[0]
	for _, em := range ems[1:] {
		coded, bestCoded := em.e.CAMEO != "", best.e.CAMEO != ""
		if coded && !bestCoded || coded == bestCoded && em.m.Len() > best.m.Len() {
			best = em
		}
	}
	return []entMention{best}
}

// pronoun resolves a pronoun subject: "we" or "our" inside a quote is the
// speaker; "it", "its", "they", "their" the nearest actor before it in the
// sentence.
func (sc *sentCtx) pronoun(f *frame) []entMention {
	if ems := sc.theTwo(f.actor); ems != nil {
		return ems
	}
	w := sc.a.ws[f.actor.head.lo]
	if w.POS != "PRP" && w.POS != "PRP$" {
		return nil
	}
	switch w.low {
	case "we", "our", "i", "my", "us":
		if f.quoted && f.speaker.ok() {
			return sc.roleEntities(f.speaker, noSpan)
		}
	case "it", "its", "they", "their", "he", "his", "she", "her", "them":
		person := w.low == "he" || w.low == "his" || w.low == "she" || w.low == "her"
		var best []entMention
		for _, em := range sc.ix.ents[sc.si] {
			if em.e.Type == sitrep.PlaceEntity || em.e.Type == sitrep.Media || em.m.End > w.Start || person != (em.e.Type == sitrep.Person) {
				continue
			}
			if best == nil || em.m.Start > best[0].m.Start {
				best = []entMention{em}
			}
		}
		return best
	}
	return nil
}

// pairWords are subjects that refer back to two actors named before:
// "Kerry met Lavrov ... and the two agreed".
var pairWords = map[string]bool{
	"the two": true, "both": true, "the two sides": true, "both sides": true, "the two leaders": true,
	"the two men": true, "the two countries": true, "both countries": true, "the two ministers": true,
	"both leaders": true, "both men": true, "the pair": true,
}

// theTwo resolves a pair subject to the last two actors before it in the
// sentence, or in the sentence before.
func (sc *sentCtx) theTwo(p phrase) []entMention {
	if !pairWords[strings.ToLower(sc.text(p.head))] {
		return nil
	}
	start := sc.a.ws[p.head.lo].Start
	for si := sc.si; si >= 0 && si >= sc.si-1; si-- {
		var out []entMention
		for k := len(sc.ix.ents[si]) - 1; k >= 0; k-- {
			em := sc.ix.ents[si][k]
			if em.m.End > start || em.e.Type == sitrep.PlaceEntity || em.e.Type == sitrep.Media {
				continue
			}
			dup := false
			for _, o := range out {
				dup = dup || o.e.ID == em.e.ID
			}
			if !dup {
				out = append(out, em)
			}
			if len(out) == 2 {
				return out
			}
		}
	}
	return nil
}

func eventActor(em entMention) *sitrep.EventActor {
	return &sitrep.EventActor{ID: em.e.ID, Name: em.e.Name, Type: em.e.Type, CAMEO: em.e.CAMEO, Country: em.e.Country, Text: em.m.Text}
}

// events builds one event per actor of frame k.
func (sc *sentCtx) events(k int) []sitrep.Event {
	f := &sc.a.frames[k]
	if f.e.typ == noEvent {
		return nil
	}
	actors := sc.roleEntities(f.actor, f.actorMod)
	if len(actors) == 0 && f.actor.ok() {
		actors = sc.pronoun(f)
	}
	if len(actors) == 0 {
		actors = sc.roleEntities(noPhrase, f.agentOf)
	}
	recips := sc.roleEntities(f.recip, noSpan)
	at := sc.attribution(f)
	status := f.status
	if f.e == demandEntry && !(f.must && f.speaker.ok()) {
		return nil // an obligation nobody states is not an event
	}
	if f.vp >= 0 && f.e.typ == "ASSAULT" && len(actors) == 0 && !f.actor.ok() && sc.a.cs[f.vp].vp.gerund {
		if _, cas := sc.lx.casualty[sc.a.cs[f.vp].vp.lemma]; cas {
			return nil // "an airliner crashed, killing 224": a toll, not an attack
		}
	}
	if f.e.typ == "CONSULT" && f.e.mode == "visit" && len(actors) == 0 && f.actor.ok() && sc.vehicle(f.actor) {
		return nil // "the Airbus was flying to St. Petersburg": a journey, not a visit
	}
	typ, mode, cameo := f.e.typ, f.e.mode, f.e.cameo
	speaker := sc.speakerEntity(f)
	switch r := sc.recodeRule(f, actors, speaker); {
	case r == nil:
	case r.rule == "demand":
		// The speaker demands it of the actor: "Russia said Sudan must return
		// the helicopter" is Russia -> Sudan REQUEST.
		if len(actors) > 0 {
			recips = actors[:1]
		}
		actors = nil
		if speaker != nil {
			actors = []entMention{*speaker}
		}
		typ, mode, cameo, status = r.to, r.mode, r.cameo, sitrep.Asserted
	case r.rule == "refuse":
		typ, mode, cameo, status = r.to, r.mode, r.cameo, sitrep.Asserted
	default:
		typ, mode, cameo = r.to, r.mode, r.cameo
	}
	var recip *sitrep.EventActor
	for _, r := range recips {
		if len(actors) == 0 || r.e.ID != actors[0].e.ID {
			recip = eventActor(r)
			break
		}
	}
	base := sitrep.Event{
		Type:        typ,
		Mode:        mode,
		CAMEO:       cameo,
		Recipient:   recip,
		Status:      status,
		Quantities:  sc.quantitiesFor(f),
		Attribution: at,
		Sentence:    sitrep.SentenceRef{Span: sc.sent.Span, Index: sc.si, Text: sc.d.Doc.Text[sc.sent.Start:sc.sent.End]},
		Location:    sc.location(k),
		Date:        sc.date(k),
	}
	tb := sc.bytes(f.trig)
	base.Trigger = sitrep.Mention{Span: tb, Text: sc.d.Doc.Text[tb.Start:tb.End], Sentence: sc.si}
	if base.Quantities == nil {
		base.Quantities = []sitrep.Quantity{}
	}
	sc.refineMode(f, &base)
	if len(actors) == 0 {
		if a := sc.anaphor(f, base.Type); a != nil {
			// "the strikes": the actor of the latest event of this type.
			base.Actor = a
			base.Confidence = sc.confidence(f, &base, 1) - 0.1
			return []sitrep.Event{base}
		}
		base.Confidence = sc.confidence(f, &base, 1)
		return []sitrep.Event{base}
	}
	for _, a := range actors {
		sc.ix.lastActor[base.Type] = append(sc.ix.lastActor[base.Type], lastActor{*eventActor(a), sc.si, base.Trigger.Start})
	}
	out := make([]sitrep.Event, 0, len(actors))
	for _, a := range actors {
		ev := base
		ev.Actor = eventActor(a)
		if ev.Recipient != nil && ev.Recipient.ID == a.e.ID {
			ev.Recipient = nil
		}
		ev.Confidence = sc.confidence(f, &ev, len(actors))
		out = append(out, ev)
	}
	return out
}

// appliedRule is a recoding row with its rule name.
type appliedRule struct {
	rule string
	*recodeRule
}

// recodeRule decides whether CAMEO's intent, demand or refusal coding
// applies to frame f (see data/recode.tsv).
func (sc *sentCtx) recodeRule(f *frame, actors []entMention, speaker *entMention) *appliedRule {
	try := func(rule string) *appliedRule {
		if r := sc.lx.recodeAs(rule, f.e.typ, f.e.cameo); r != nil {
			return &appliedRule{rule, r}
		}
		return nil
	}
	switch {
	case f.threat:
		// "threatened to deliver devastating blows": a threat, whatever
		// the complement codes as.
		if r := try("intent"); r != nil && r.to == "THREATEN" {
			return r
		}
		return &appliedRule{"intent", &recodeRule{to: "THREATEN", cameo: "130"}}
	case f.refuse && f.status != sitrep.Denied:
		return try("refuse")
	case f.must && f.speaker.ok() && !(speaker != nil && len(actors) > 0 && speaker.e.ID == actors[0].e.ID):
		return try("demand")
	case f.status == sitrep.Planned || f.status == sitrep.Hypothetical && f.cond != "":
		// CAMEO codes an announced action as the intent to act, whoever
		// reports it ("X will visit Y, diplomatic sources said").
		return try("intent")
	}
	return nil
}

// speakerEntity returns the entity saying the event, or nil.
func (sc *sentCtx) speakerEntity(f *frame) *entMention {
	if !f.speaker.ok() {
		return nil
	}
	if ems := sc.roleEntities(f.speaker, noSpan); len(ems) > 0 {
		return &ems[0]
	}
	return nil
}

// anaphor returns, for a definite event noun without an actor of its own
// ("the strikes", "the offensive"), the actor of the latest event of the
// same type within maxAnaphora sentences, or nil.
func (sc *sentCtx) anaphor(f *frame, typ string) *sitrep.EventActor {
	if !f.nominal {
		return nil
	}
	c := sc.a.cs[sc.a.chunkAt(f.trig.lo)]
	switch sc.a.ws[c.lo].low {
	case "the", "these", "those", "this", "that":
	default:
		return nil
	}
	// The latest antecedent before the trigger in text order; frames are
	// not coded in text order, so a later event of this sentence may
	// already be listed.
	at := sc.bytes(f.trig).Start
	var la *lastActor
	hist := sc.ix.lastActor[typ]
	for i := range hist {
		h := &hist[i]
		if h.sentence == sc.si && h.at >= at {
			continue
		}
		if la == nil || h.sentence > la.sentence || h.sentence == la.sentence && h.at >= la.at {
			la = h
		}
	}
	if la == nil || sc.si-la.sentence > maxAnaphora {
		return nil
	}
	a := la.a
	a.Text = sc.text(span{c.lo, c.hi})
	return &a
}

// refineMode gives a generic assault the aerial mode when aircraft carry
// it out ("Russian warplanes struck") or the noun says so.
func (sc *sentCtx) refineMode(f *frame, ev *sitrep.Event) {
	if ev.Mode != "" {
		return
	}
	look := []span{f.actor.head, f.actorMod, span{max(f.trig.lo-2, 0), f.trig.hi}}
	for _, s := range look {
		if !s.ok() {
			continue
		}
		for i := s.lo; i < s.hi && i < len(sc.a.ws); i++ {
			if m, ok := sc.lx.modes[sc.lx.nounLemma(sc.a.ws[i].low)]; ok && m.typ == ev.Type {
				ev.Mode, ev.CAMEO = m.mode, m.cameo
				return
			}
		}
	}
}

// quantitiesFor returns the quantities whose counted noun lies inside the
// frame's clause or the clauses merged into it. The noun decides, not the
// number: "about 20 sorties" belongs to the event noun "sorties" even though
// "about" sits outside its chunk.
func (sc *sentCtx) quantitiesFor(f *frame) []sitrep.Quantity {
	var out []sitrep.Quantity
	in := func(s span) bool {
		noun := s.hi - 1
		for _, m := range f.merged {
			if m.has(noun) {
				return true
			}
		}
		if !f.clause.has(noun) {
			return false
		}
		// A smaller clause of another event inside this one claims its own
		// numbers: in "killed hundreds of fighters and destroyed 30 tanks"
		// the second verb's clause, stretched back to the shared subject,
		// holds the first one's.
		for n := range sc.a.frames {
			g := &sc.a.frames[n]
			if g == f || !g.clause.has(noun) || g.clause == f.clause || !f.clause.covers(g.clause) || g.nominal || f.clause.covers(g.trig) && !f.trig.ok() {
				continue
			}
			if g.vp >= 0 && f.vp >= 0 {
				return false
			}
		}
		return true
	}
	for _, q := range sc.qs {
		if in(q.toks) {
			out = append(out, q.q)
		}
	}
	return out
}

// inOtherClause reports whether token range s lies in the clause of a
// frame other than k.
func (sc *sentCtx) inOtherClause(k int, s span) bool {
	for n, g := range sc.a.frames {
		if n != k && g.clause.covers(s) && !sc.a.frames[k].clause.covers(s) {
			return true
		}
	}
	return false
}

// reporterSpan returns the tokens of the clause that attributes the
// frame ("..., the ministry said on Thursday", "Officials in Moscow said
// that ..."): a time or place there belongs to the statement, not the
// event.
func (sc *sentCtx) reporterSpan(f *frame) span {
	if !f.cue.ok() {
		return noSpan
	}
	lo := f.cue.lo
	if f.speaker.ok() && f.speaker.full.lo < lo {
		lo = f.speaker.full.lo
	}
	if f.cue.lo > f.trig.hi {
		// After the event: to the end of the sentence, or of the quote.
		return span{lo, len(sc.a.ws)}
	}
	if f.clause.lo > f.cue.hi {
		return span{lo, f.clause.lo}
	}
	return noSpan
}

// tokSpan returns the tokens covering byte span b.
func (sc *sentCtx) tokSpan(b sitrep.Span) span {
	s := noSpan
	for i, w := range sc.a.ws {
		if w.Start < b.End && b.Start < w.End {
			if s.lo < 0 {
				s.lo = i
			}
			s.hi = i + 1
		}
	}
	return s
}

// date is the temporal expression of the event's clause, else one in the
// sentence no other event claims, else the publication day.
func (sc *sentCtx) date(k int) sitrep.EventDate {
	f := &sc.a.frames[k]
	rep := sc.reporterSpan(f)
	var best *sitrep.Timex
	bestScore := 1 << 30
	for _, t := range sc.ix.tx[sc.si] {
		if t.Date.Value == "" && t.Date.Earliest == "" || t.Type == "DURATION" && t.Date.Earliest == "" || t.Type == "SET" {
			continue
		}
		s := sc.tokSpan(t.Span)
		if !s.ok() || rep.covers(s) && !f.clause.covers(s) {
			continue
		}
		score := dist(s, f.trig)
		switch {
		case f.clause.covers(s):
		case sc.inOtherClause(k, s):
			continue
		default:
			score += 1000
		}
		if score < bestScore {
			best, bestScore = t, score
		}
	}
	if best == nil {
		return sitrep.EventDate{Date: sc.ix.pub}
	}
	d := best.Date
	if d.Value == "" || d.Value[0] < '0' || d.Value[0] > '9' || best.Type == "DURATION" {
		// "PRESENT_REF", "PT24H": give the day or the ISO interval the
		// bounds say.
		switch {
		case d.Earliest == "":
			return sitrep.EventDate{Date: sc.ix.pub}
		case d.Earliest == d.Latest:
			d.Value = d.Earliest
		default:
			d.Value = d.Earliest + "/" + d.Latest
		}
	}
	return sitrep.EventDate{Date: d, Text: best.Text}
}

func dist(a, b span) int {
	switch {
	case a.hi <= b.lo:
		return b.lo - a.hi
	case b.hi <= a.lo:
		return a.lo - b.hi
	}
	return 0
}

// location is the place in the event's clause nearest its trigger,
// preferring places after it ("struck targets near Homs"); a place
// elsewhere in the sentence counts when no other event claims it.
func (sc *sentCtx) location(k int) *sitrep.Location {
	f := &sc.a.frames[k]
	rep := sc.reporterSpan(f)
	var best *placeMention
	bestScore := 1 << 30
	for i := range sc.ix.places[sc.si] {
		pm := &sc.ix.places[sc.si][i]
		s := sc.tokSpan(pm.m.Span)
		if !s.ok() || rep.covers(s) && !f.clause.covers(s) {
			continue
		}
		score := dist(s, f.trig)
		if s.hi <= f.trig.lo {
			score += 50 // before the trigger: often the actor's base
		}
		inClause := f.clause.covers(s)
		for _, m := range f.merged {
			inClause = inClause || m.covers(s)
		}
		switch {
		case inClause:
		case sc.inOtherClause(k, s):
			continue
		default:
			score += 1000
		}
		if f.actor.ok() && f.actor.full.covers(s) || f.speaker.ok() && f.speaker.full.covers(s) {
			score += 500
		}
		if score < bestScore {
			best, bestScore = pm, score
		}
	}
	if best == nil {
		return nil
	}
	p := best.p
	return &sitrep.Location{PlaceID: p.ID, Name: p.Name, Lat: p.Lat, Lon: p.Lon, Country: p.Country, Precision: p.Precision, Text: best.m.Text}
}

// attribution says who reports the event: the speaker of a governing
// reporting verb or "according to", else the outlet.
func (sc *sentCtx) attribution(f *frame) sitrep.Attribution {
	at := sitrep.Attribution{Quoted: f.quoted}
	if f.cue.ok() {
		at.Cue = sc.text(f.cue)
	}
	if f.via.ok() {
		if ems := sc.roleEntities(f.via, noSpan); len(ems) > 0 {
			at.Via = ems[0].e.Name
		} else if v := trimDet(sc.text(f.via.head)); v != strings.ToLower(v) {
			at.Via = v // a name; "told reporters" relays through nobody in particular
		}
	}
	if !f.speaker.ok() {
		name := sc.ix.outlet
		if name == "" {
			name = "unknown"
		}
		at.Source, at.Name = "outlet:"+name, name
		return at
	}
	at.Text = sc.text(f.speaker.full)
	if ems := sc.entitiesInAny(f.speaker); len(ems) > 0 {
		at.Source, at.Name = ems[0].e.ID, ems[0].e.Name
		return at
	}
	if em := sc.personBefore(f.speaker); em != nil {
		at.Source, at.Name = em.e.ID, em.e.Name
		return at
	}
	if w := sc.a.ws[f.speaker.head.lo]; w.POS == "PRP$" {
		// "its foreign minister": the entity "its" stands for.
		g := *f
		g.actor = f.speaker
		if ems := sc.pronoun(&g); len(ems) > 0 {
			at.Source, at.Name = ems[0].e.ID, ems[0].e.Name
			return at
		}
	}
	name := trimDet(sc.text(f.speaker.head))
	if i := strings.Index(name, " and "); i > 0 {
		name = name[:i] // "activists and a monitoring group": the first named
	}
	at.Source, at.Name = "x:"+slug(name), name
	return at
}

// personBefore resolves a speaker "he" or "she" to the last person
// mentioned before it, in this sentence or the ones before ("He said ...").
func (sc *sentCtx) personBefore(p phrase) *entMention {
	w := sc.a.ws[p.head.lo]
	if p.head.hi-p.head.lo != 1 || w.low != "he" && w.low != "she" {
		return nil
	}
	// In the same sentence the nearest person before the pronoun; in an
	// earlier one its first person, usually the subject ("Putin met Assad.
	// He said..." is Putin).
	for si := sc.si; si >= 0 && si >= sc.si-3; si-- {
		var best *entMention
		for k := range sc.ix.ents[si] {
			em := &sc.ix.ents[si][k]
			if em.e.Type != sitrep.Person || em.m.End > w.Start {
				continue
			}
			if best == nil || si == sc.si && em.m.Start > best.m.Start || si != sc.si && em.m.Start < best.m.Start {
				best = em
			}
		}
		if best != nil {
			return best
		}
	}
	return nil
}

// entitiesInAny returns the entities of a speaker phrase, media included.
func (sc *sentCtx) entitiesInAny(p phrase) []entMention {
	if ems := sc.roleEntities(p, noSpan); len(ems) > 0 {
		return ems
	}
	return nil
}

// trimDet drops a leading article and a trailing possessive.
func trimDet(s string) string {
	for _, d := range []string{"the ", "The ", "a ", "A ", "an ", "An "} {
		s = strings.TrimPrefix(s, d)
	}
	return strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
}

// slug lower-cases s and joins its words with hyphens, the form of "x:"
// ids for names the knowledge base does not know.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "unknown"
	}
	return b.String()
}

// confidence scores how much of the event the sentence pinned down. A
// verb trigger with both roles found scores highest; an event shared among
// coordinated actors, or only possible, scores lower.
func (sc *sentCtx) confidence(f *frame, ev *sitrep.Event, nActors int) float64 {
	c := 0.35
	switch {
	case f.light || f.vp >= 0 && !f.nominal:
		c += 0.2
	default:
		c += 0.1
	}
	if len(f.e.words) > 0 || len(f.e.particle) > 0 {
		c += 0.05
	}
	if ev.Actor != nil {
		c += 0.2
	}
	if ev.Recipient != nil {
		c += 0.1
	}
	if ev.Date.Precision != "publication" && ev.Date.Value != "" {
		c += 0.05
	}
	if ev.Location != nil {
		c += 0.05
	}
	if nActors > 1 {
		c -= 0.05
	}
	if f.embedded {
		c -= 0.15
	}
	if ev.Status == sitrep.Hypothetical {
		c -= 0.1
	}
	return max(0.05, min(c, 0.95))
}

// vehicle reports whether a phrase names a vehicle: any word of its head
// or, failing that, of the whole phrase up to a comma.
func (sc *sentCtx) vehicle(p phrase) bool {
	for _, sp := range []span{p.head, p.full} {
		for _, w := range strings.FieldsFunc(strings.ToLower(sc.text(sp)), func(r rune) bool { return r == ' ' || r == ',' }) {
			if vehicles[w] {
				return true
			}
		}
	}
	return false
}

// vehicles head subjects that travel without visiting anyone.
var vehicles = map[string]bool{"plane": true, "airliner": true, "aircraft": true, "jet": true, "airbus": true,
	"boeing": true, "flight": true, "helicopter": true, "ship": true, "vessel": true, "boat": true, "train": true,
	"bus": true, "convoy": true, "drone": true, "missile": true, "tanker": true, "ferry": true, "a321": true}
