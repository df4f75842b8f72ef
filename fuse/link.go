package fuse

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// mention is one event mention kept for linking and fusion.
type mention struct {
	doc     int32
	ev      sitrep.Event
	kind    string             // Event.Type, or the CAMEO root when untyped
	lo, hi  int                // date bounds in days since the Unix epoch
	hasDate bool               //
	precise bool               // the date comes from the text, not from publication
	terms   []uint64           // sorted content-word hashes of the sentence
	lemma   string             // trigger lemma
	classes []string           // synonym classes of the lemma
	args    [numRoles][]string // sorted argument keys, for mentions given as Features
	running bool               // its figures are running totals ("since September 30")
}

// Block levels: a mention is filed under the periods of its own level;
// probes look at finer levels across the mention's range and at the
// coarser periods containing it.
const (
	levelWeek = iota
	levelMonth
	levelYear
	levelNone
)

type blockKey struct {
	kind   string
	level  int8
	period int32
}

const epochDay = 24 * time.Hour

func dayNumber(s string) (int, bool) {
	if len(s) < 10 {
		return 0, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return 0, false
	}
	return int(t.Unix() / 86400), true
}

func dayString(d int) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
}

func monthOf(day int) int32 {
	t := time.Unix(int64(day)*86400, 0).UTC()
	return int32(t.Year()*12 + int(t.Month()) - 1)
}

func yearOf(day int) int32 {
	return int32(time.Unix(int64(day)*86400, 0).UTC().Year())
}

// level picks the block level for a date range.
func level(lo, hi int) int8 {
	switch span := hi - lo; {
	case span <= 21:
		return levelWeek
	case span <= 93:
		return levelMonth
	default:
		return levelYear
	}
}

// periods lists the periods of level lv that overlap [lo, hi].
func periods(lv int8, lo, hi int) []int32 {
	var out []int32
	add := func(p int32) {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	switch lv {
	case levelWeek:
		for w := floorDiv(lo, 7); w <= floorDiv(hi, 7); w++ {
			add(int32(w))
		}
	case levelMonth:
		for m := monthOf(lo); m <= monthOf(hi); m++ {
			add(m)
		}
	case levelYear:
		for y := yearOf(lo); y <= yearOf(hi) && len(out) < 3; y++ {
			add(y)
		}
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// stopwords are left out of the lexical overlap of two sentences.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of in on at to for from by with and or but
		is are was were be been being has have had it its this that these those
		as said says say told according he she they we i you his her their our
		not no will would could should may might also after before over into than
		which who whom what when where while there here about against during`) {
		m[w] = true
	}
	return m
}()

// termCache remembers the term hash of each word seen, since stemming
// costs more than the rest of a comparison. It stops growing at
// maxCachedTerms words.
type termCache map[string]uint64

const maxCachedTerms = 1 << 20

func (c termCache) term(w string) uint64 {
	if h, ok := c[w]; ok {
		return h
	}
	h := hashString(Lemma(w))
	if c != nil && len(c) < maxCachedTerms {
		c[w] = h
	}
	return h
}

// contentTerms returns the sorted, distinct term hashes of the content
// words of s. cache may be nil.
func contentTerms(s string, cache termCache) []uint64 {
	var out []uint64
	for _, w := range words(s) {
		if len(w) < 3 || stopwords[w] {
			continue
		}
		out = append(out, cache.term(w))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	// dedupe
	k := 0
	for i, v := range out {
		if i == 0 || v != out[k-1] {
			out[k] = v
			k++
		}
	}
	return out[:k]
}

func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func (f *Fuser) newMention(di int32, ds *docState, ev *sitrep.Event) *mention {
	m := &mention{doc: di, ev: *ev}
	m.ev.Quantities = append([]sitrep.Quantity(nil), ev.Quantities...)
	m.running = len(ev.Quantities) > 0 && runningTotal(ev.Sentence.Text)
	m.kind = ev.Type
	if m.kind == "" && len(ev.CAMEO) >= 2 {
		m.kind = "cameo:" + ev.CAMEO[:2]
	}
	lo, okLo := dayNumber(ev.Date.Earliest)
	hi, okHi := dayNumber(ev.Date.Latest)
	if !okLo || !okHi {
		if v, ok := dayNumber(ev.Date.Value); ok {
			lo, hi, okLo, okHi = v, v, true, true
		}
	}
	switch {
	case okLo && okHi && lo <= hi:
		m.lo, m.hi, m.hasDate = lo, hi, true
		m.precise = ev.Date.Precision != "publication"
	case ds.hasPub:
		p := int(ds.pub.Unix() / 86400)
		m.lo, m.hi, m.hasDate = p-f.opts.PublicationWindowDays, p, true
	}
	m.terms = contentTerms(ev.Sentence.Text, f.terms)
	m.setLemma(TriggerLemma(ev.Trigger.Text))
	return m
}

func (m *mention) level() int8 {
	if !m.hasDate {
		return levelNone
	}
	return level(m.lo, m.hi)
}

// homeKeys are the blocks a mention is filed under.
func (m *mention) homeKeys() []blockKey {
	lv := m.level()
	if lv == levelNone {
		return []blockKey{{m.kind, levelNone, 0}}
	}
	var out []blockKey
	for _, p := range periods(lv, m.lo, m.hi) {
		out = append(out, blockKey{m.kind, lv, p})
	}
	return out
}

// probeKeys are the blocks that may hold a mention linkable to m: for an
// undated mention (no date and no publication date) the undated block,
// else the blocks of its own and the adjacent levels over its date range
// widened by slack. Mentions whose levels are further
// apart (a day and a whole year) are never linked, so no probe needs to
// scan a year of weeks, and every linkable pair is found by whichever of
// the two arrives second.
func (m *mention) probeKeys(slack int) []blockKey {
	if !m.hasDate {
		return []blockKey{{m.kind, levelNone, 0}}
	}
	var out []blockKey
	lo, hi := m.lo-slack, m.hi+slack
	own := m.level()
	for lv := max(own-1, levelWeek); lv <= min(own+1, levelYear); lv++ {
		for _, p := range periods(lv, lo, hi) {
			out = append(out, blockKey{m.kind, lv, p})
		}
	}
	return out
}

// levelsApart reports whether two mentions are too different in date
// precision to be linked: a dated and an undated one, or levels more than
// one apart.
func levelsApart(a, b *mention) bool {
	if a.hasDate != b.hasDate {
		return true
	}
	if !a.hasDate {
		return false
	}
	d := a.level() - b.level()
	return d > 1 || d < -1
}

func (m *mention) setLemma(l string) {
	m.lemma = l
	m.classes = synonyms()[l]
}

func (f *Fuser) addMention(di int32, ds *docState, ev *sitrep.Event) {
	m := f.newMention(di, ds, ev)
	idx := int32(len(f.mentions))
	f.mentions = append(f.mentions, m)
	f.parent = append(f.parent, idx)
	f.members = append(f.members, []int32{idx})
	ds.mentions = append(ds.mentions, idx)
	f.stamp = append(f.stamp, 0)
	if m.kind == "" {
		return // nothing to block or compare on
	}
	f.probe++
	for _, k := range m.probeKeys(f.opts.DateSlackDays) {
		cands := f.blocks[k]
		if len(cands) > f.opts.MaxCandidates {
			cands = cands[len(cands)-f.opts.MaxCandidates:]
		}
		for _, c := range cands {
			if f.stamp[c] == f.probe {
				continue
			}
			f.stamp[c] = f.probe
			if f.find(c) == f.find(idx) {
				continue // already in the same fused event
			}
			f.compared++
			if f.opts.score(m, f.mentions[c]) >= f.opts.LinkThreshold {
				f.union(idx, c)
			}
		}
	}
	for _, k := range m.homeKeys() {
		f.blocks[k] = append(f.blocks[k], idx)
	}
	f.linkCopies(idx, m, ds)
}

// linkCopies links m with the mentions coded from the sentences its own
// sentence repeats: a republished or stitched sentence reports the same
// event as its source, whatever date the copy's context gives it. The
// matches of a sentence are known once both documents are in, so the
// later of the two makes the link, in any order of arrival.
func (f *Fuser) linkCopies(idx int32, m *mention, ds *docState) {
	si := m.ev.Sentence.Index
	if si < 0 || si >= len(ds.matches) {
		return
	}
	for _, r := range ds.matches[si] {
		for _, c := range f.bySentence[r] {
			o := f.mentions[c]
			if o.kind == m.kind && (o.lemma == m.lemma || sharesClass(o.classes, m.classes)) {
				f.union(idx, c)
			}
		}
	}
	f.bySentence[sentRef{m.doc, int32(si)}] = append(f.bySentence[sentRef{m.doc, int32(si)}], idx)
}

// score weighs the evidence that a and b describe the same real event. It
// is symmetric and returns -Inf for pairs that cannot corefer.
func (o *Options) score(a, b *mention) float64 {
	if a.kind != b.kind || levelsApart(a, b) {
		return math.Inf(-1)
	}
	sameSentence := a.doc == b.doc && a.ev.Sentence.Index == b.ev.Sentence.Index
	if sameSentence && a.ev.Trigger.Span == b.ev.Trigger.Span && a.ev.Trigger.Len() > 0 {
		return math.Inf(-1) // the same mention twice
	}
	s := 0.0
	if a.hasDate && b.hasDate {
		gap := max(a.lo, b.lo) - min(a.hi, b.hi) // <= 0 when the ranges overlap
		switch {
		case gap > o.DateSlackDays:
			return math.Inf(-1)
		case gap <= 0 && a.precise && b.precise:
			// Full credit for the same dates; a day inside a long range
			// says little, and such ranges must not bridge the days.
			s += overlapShare(a, b)
		case gap <= 0 && !a.precise && !b.precise:
			// Both dated by publication only: the windows of reports
			// published days apart overlap without saying the same day.
			s += 0.5 - 0.5*math.Abs(float64(a.hi-b.hi))
		case gap <= 0:
			s += 0.5 * overlapShare(a, b)
		default:
			// Within the slack but apart: a little counter-evidence per
			// day, so that daily reports of the same kind of event do not
			// chain into one.
			s -= 0.5 * float64(gap)
		}
	}
	s += actorScore(a.ev.Actor, b.ev.Actor, 1.5)
	s += actorScore(a.ev.Recipient, b.ev.Recipient, 1)
	s += o.placeScore(a.ev.Location, b.ev.Location)
	s += quantityScore(a.ev.Quantities, b.ev.Quantities, o.QuantityTolerance)
	for r := range a.args {
		s += argumentScore(a.args[r], b.args[r], o.ArgumentWeight, o.ArgumentPenalty)
	}
	switch {
	case a.lemma != "" && a.lemma == b.lemma:
		s += o.LemmaWeight
	case sharesClass(a.classes, b.classes):
		s += o.SynonymWeight
	}
	if a.ev.Mode != "" && a.ev.Mode == b.ev.Mode {
		s += 0.25
	}
	// Two mentions in one sentence share all their words; that is no
	// evidence that they are one event.
	if !sameSentence {
		s += o.ContextWeight * jaccard(a.terms, b.terms)
	}
	return s
}

// overlapShare is the share of the union of two date ranges that they
// have in common: 1 for the same dates.
func overlapShare(a, b *mention) float64 {
	inter := min(a.hi, b.hi) - max(a.lo, b.lo) + 1
	union := max(a.hi, b.hi) - min(a.lo, b.lo) + 1
	if inter <= 0 || union <= 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// argumentScore rewards argument keys the two mentions share and, when
// both name arguments of a role and none is shared, applies the penalty.
func argumentScore(a, b []string, w, penalty float64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return w
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return -penalty
}

func actorScore(a, b *sitrep.EventActor, w float64) float64 {
	switch {
	case a == nil || b == nil:
		return 0
	case a.ID != "" && a.ID == b.ID:
		return w
	case a.Country != "" && a.Country == b.Country:
		return w / 2
	case a.Country != "" && b.Country != "":
		return -w
	}
	return 0
}

func (o *Options) placeScore(a, b *sitrep.Location) float64 {
	if a == nil || b == nil {
		return 0
	}
	if a.PlaceID != "" && a.PlaceID == b.PlaceID {
		return 1.5
	}
	if a.Country != "" && b.Country != "" && a.Country != b.Country {
		return -1.5
	}
	if a.Precision == sitrep.PrecisionPoint && b.Precision == sitrep.PrecisionPoint {
		if distanceKm(a.Lat, a.Lon, b.Lat, b.Lon) <= o.MaxDistanceKm {
			return 1
		}
		return -1
	}
	if a.Country != "" && a.Country == b.Country {
		return 0.25
	}
	return 0
}

// quantityScore rewards figures for the same thing that agree; it never
// penalises, since disagreeing figures are what contradictions are made of.
func quantityScore(a, b []sitrep.Quantity, tol float64) float64 {
	for _, qa := range a {
		for _, qb := range b {
			if qa.What == qb.What && qa.What != "" {
				alo, ahi, ok1 := bounds(qa, tol)
				blo, bhi, ok2 := bounds(qb, tol)
				if ok1 && ok2 && alo <= bhi && blo <= ahi {
					return 0.75
				}
			}
		}
	}
	return 0
}

// bounds gives a quantity's range widened by tol.
func bounds(q sitrep.Quantity, tol float64) (lo, hi float64, ok bool) {
	switch {
	case q.Value != nil:
		lo, hi = *q.Value, *q.Value
	case q.Low != nil && q.High != nil:
		lo, hi = *q.Low, *q.High
	case q.Low != nil:
		lo, hi = *q.Low, math.Inf(1)
	case q.High != nil:
		lo, hi = 0, *q.High
	default:
		return 0, 0, false
	}
	return lo * (1 - tol), hi * (1 + tol), true
}

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
