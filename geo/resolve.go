package geo

import (
	"math"
	"slices"
	"strings"

	"github.com/sitrep/sitrep"
)

// Scoring weights, in units of log10 population.
const (
	fuzzyPenalty   = 1.5 // a transliteration match is weaker than an exact one
	shadowPenalty  = 2.0 // and weaker still when some entry matches exactly
	altPenalty     = 1.0 // a GeoNames alternate name is weaker than the entry's own name
	weakPenalty    = 3.0 // a curated secondary name ("~New York" for the state) yields to the usual sense without context
	countryShare   = 3.0 // times the share of the document's other places in the candidate's country
	countrySeen    = 1.0 // flat bonus when any other place is in the candidate's country
	adminSeen      = 2.0 // the document names the candidate's province
	containerBonus = 3.0 // "Pandi, Bulacan": the next name contains the candidate
	cueBonus       = 3.0 // "Idlib province", "Tabqa airbase", "city of X"
	nearbyBonus    = 1.0 // another place of the document lies within nearbyKm
	nearbyKm       = 300
	listBonus      = 2.0 // "Michigan, Oregon, Indiana and Ohio": most list siblings are of the candidate's kind
)

// cue is what the words around a mention say about the kind of place.
type cue int

const (
	cueNone  cue = iota
	cueAdmin     // followed by province, governorate, state, region...
	cuePoint     // "city of", "town of", followed by city, town, village
	cueBase      // followed by airbase, air base, airport, base, port
)

// mention is one toponym occurrence during resolution.
type mention struct {
	span   sitrep.Span
	key    string
	cands  []cand
	cue    cue
	within int   // index of the mention that follows after a comma ("X, Y"), or -1
	list   []int // the other mentions of an enumeration this one is in ("A, B and C")
	best   int   // index into cands, or -1
	exact  bool  // some candidate matches without folding
	// curated is set when a name written for sitrep (a country, a sea, a
	// base) matches exactly: a GeoNames town that has it only as an
	// alternate name ("Iraq" for Arak) then gives way.
	curated bool
}

// Resolution is the entry chosen for one span; OK is false when the name
// is not in the gazetteer.
type Resolution struct {
	Span  sitrep.Span
	Entry Entry
	OK    bool
}

// Resolve chooses a gazetteer entry for each span of text, which are
// toponyms found by the caller (or given by a benchmark). The spans of one
// document are resolved together: the countries and provinces of the
// other places, nearby places, and "X, Y" containment inform each choice.
func (g *Gazetteer) Resolve(text string, spans []sitrep.Span) []Resolution {
	return g.resolve(text, spans, nil, true)
}

// resolve is Resolve with hint: countries the document is about by other
// evidence (the actor layer's "Syrian troops"), counted like places there.
// With demonyms, an adjective span ("Russian") may name its country; the
// stage, which has found names, not adjectives, leaves them out.
func (g *Gazetteer) resolve(text string, spans []sitrep.Span, hint map[string]int, demonyms bool) []Resolution {
	ms := make([]mention, len(spans))
	for i, sp := range spans {
		ms[i] = g.newMention(text, sp, demonyms)
	}
	linkContainers(text, ms)
	linkLists(text, ms)
	g.disambiguate(ms, hint)
	out := make([]Resolution, len(ms))
	for i, m := range ms {
		out[i].Span = m.span
		if m.best >= 0 {
			c := m.cands[m.best]
			out[i].Entry = g.entries[c.idx]
			out[i].OK = true
			if c.division != "" {
				out[i].Entry = standIn(out[i].Entry, text[m.span.Start:m.span.End], c.division)
			}
		}
	}
	return out
}

func (g *Gazetteer) newMention(text string, sp sitrep.Span, demonyms bool) mention {
	m := mention{span: sp, within: -1, best: -1}
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return m
	}
	surface := text[sp.Start:sp.End]
	m.key = Key(surface)
	m.cands = g.candidates(m.key)
	if len(m.cands) == 0 {
		if k, ok := strings.CutPrefix(m.key, "the "); ok {
			m.key = k
			m.cands = g.candidates(k)
		}
	}
	if len(m.cands) == 0 {
		m.cands = g.divisionCands(m.key)
	}
	if demonyms {
		// A caller's span may be an adjective ("Russian" forces): the
		// demonym names its country, ahead of any village "Canadian".
		m.cands = append(m.cands, g.demonymCands(m.key, m.cands)...)
	}
	m.cue = cueAround(text, sp)
	for i, c := range m.cands {
		e := &g.entries[c.idx]
		m.cands[i].alt = c.exact && c.division == "" && strings.HasPrefix(e.ID, "geonames:") && Key(e.Name) != m.key
		m.cands[i].weak = c.exact && slices.Contains(g.weak[m.key], c.idx)
		m.exact = m.exact || c.exact
		m.curated = m.curated || c.exact && !m.cands[i].weak && !strings.HasPrefix(g.entries[c.idx].ID, "geonames:")
	}
	return m
}

// divisionWords end names of divisions that the gazetteer lacks but whose
// namesake town it often has: "Dallas County", "Nyanza Province".
var divisionWords = map[string]bool{
	"county": true, "province": true, "district": true, "region": true, "state": true,
	"governorate": true, "prefecture": true, "parish": true, "department": true,
	"oblast": true, "canton": true, "municipality": true,
}

// divisionCands returns the namesake towns of "<stem> County" and the like,
// marked to stand in for the division.
func (g *Gazetteer) divisionCands(key string) []cand {
	stem, last, ok := cutLastWord(key)
	if !ok || !divisionWords[last] {
		return nil
	}
	cs := g.candidates(stem)
	for i := range cs {
		cs[i].division = last
	}
	return cs
}

func cutLastWord(key string) (stem, last string, ok bool) {
	i := strings.LastIndexByte(key, ' ')
	if i <= 0 {
		return "", "", false
	}
	return key[:i], key[i+1:], true
}

// standIn makes the entry for a division known only by its namesake town:
// the town's position, at admin precision, with no box.
func standIn(town Entry, surface, division string) Entry {
	e := town
	e.ID = town.ID + "#" + division
	e.Name = strings.TrimSpace(surface)
	e.Feature = division
	e.Precision = sitrep.PrecisionAdmin
	e.BBox = nil
	return e
}

// demonymCands returns the places a demonym or its plural names. Entries
// already in have are left out.
func (g *Gazetteer) demonymCands(key string, have []cand) []cand {
	ids, ok := g.demonym[key]
	if !ok {
		if k, cut := strings.CutSuffix(key, "s"); cut {
			ids = g.demonym[k]
		}
	}
	var out []cand
	for _, idx := range ids {
		dup := false
		for _, c := range have {
			dup = dup || c.idx == idx
		}
		if !dup {
			out = append(out, cand{idx: idx, exact: true})
		}
	}
	return out
}

// cueAround reads the words right before and after a span.
func cueAround(text string, sp sitrep.Span) cue {
	after := strings.ToLower(firstWords(text[sp.End:], 2))
	for _, w := range []string{"province", "governorate", "state", "region", "oblast", "prefecture", "county", "district", "countryside"} {
		if strings.HasPrefix(after, w) {
			return cueAdmin
		}
	}
	for _, w := range []string{"airbase", "air base", "airfield", "airport", "military airport", "naval", "port", "base"} {
		if strings.HasPrefix(after, w) {
			return cueBase
		}
	}
	for _, w := range []string{"city", "town", "village", "suburb"} {
		if strings.HasPrefix(after, w) {
			return cuePoint
		}
	}
	before := strings.ToLower(lastWords(text[:sp.Start], 2))
	for _, w := range []string{"city of", "town of", "village of", "port of", "suburb of"} {
		if before == w {
			return cuePoint
		}
	}
	return cueNone
}

// firstWords returns up to n words at the start of s, after spaces.
func firstWords(s string, n int) string {
	if len(s) > 40 {
		s = s[:40]
	}
	s = strings.TrimLeft(s, " \t\n-")
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// lastWords returns up to n words at the end of s.
func lastWords(s string, n int) string {
	if len(s) > 40 {
		s = s[len(s)-40:]
	}
	f := strings.Fields(s)
	if len(f) > n {
		f = f[len(f)-n:]
	}
	return strings.Join(f, " ")
}

// linkContainers marks "X, Y" pairs where Y may contain X.
func linkContainers(text string, ms []mention) {
	byStart := make(map[int]int, len(ms))
	for i, m := range ms {
		byStart[m.span.Start] = i
	}
	for i := range ms {
		end := ms[i].span.End
		if end >= len(text) || text[end] != ',' {
			continue
		}
		j := end + 1
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if k, ok := byStart[j]; ok && k != i {
			ms[i].within = k
		}
	}
}

// linkLists finds enumerations: mentions joined only by ", ", " and ",
// ", and ", " or " or " / ". A chain of three or more, or of two joined
// by a conjunction, is a list ("X, Y" alone is containment, not a list).
func linkLists(text string, ms []mention) {
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return ms[a].span.Start - ms[b].span.Start })
	flush := func(chain []int, conj bool) {
		if len(chain) < 2 || len(chain) == 2 && !conj {
			return
		}
		for _, i := range chain {
			for _, k := range chain {
				if k != i {
					ms[i].list = append(ms[i].list, k)
				}
			}
		}
	}
	var chain []int
	conj := false
	for n, i := range order {
		if n > 0 {
			p := order[n-1]
			gap := ""
			if ms[p].span.End <= ms[i].span.Start && ms[i].span.Start <= len(text) {
				gap = text[ms[p].span.End:ms[i].span.Start]
			}
			switch gap {
			case ", ":
			case " and ", ", and ", " or ", ", or ", " / ", "/":
				conj = true
			default:
				flush(chain, conj)
				chain, conj = chain[:0:0], false
			}
		}
		chain = append(chain, i)
	}
	flush(chain, conj)
}

// disambiguate chooses an entry for every mention. A first pass uses the
// prior alone; later passes add evidence from the other mentions' current
// choices. Mentions of one name in a document share one entry (one sense
// per discourse): their scores are summed, and none of them counts as
// evidence for the others.
func (g *Gazetteer) disambiguate(ms []mention, hint map[string]int) {
	groups := make(map[string][]int)
	var order []string
	for i := range ms {
		k := ms[i].key
		if len(ms[i].cands) == 0 {
			continue
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	score := func(group []int, ctx *docContext) {
		cands := ms[group[0]].cands
		total := make([]float64, len(cands))
		for j, c := range cands {
			for _, i := range group {
				total[j] += g.prior(c, ms[i])
				if ctx != nil {
					total[j] += g.evidence(ms, i, c, *ctx, len(group))
				}
			}
		}
		best := argmax(total)
		for _, i := range group {
			ms[i].best = best
		}
	}
	for _, k := range order {
		score(groups[k], nil)
	}
	for pass := 0; pass < 2; pass++ {
		ctx := g.context(ms, hint)
		for _, k := range order {
			if len(ms[groups[k][0]].cands) > 1 {
				score(groups[k], &ctx)
			}
		}
	}
}

// prior is a candidate's score before document context.
func (g *Gazetteer) prior(c cand, m mention) float64 {
	s := g.prominence(c.idx)
	if !c.exact {
		s -= fuzzyPenalty
		if m.exact {
			s -= shadowPenalty
		}
	}
	if c.weak {
		s -= weakPenalty
	}
	if c.alt {
		s -= altPenalty
		if m.curated {
			s -= shadowPenalty
		}
	}
	q := m.cue
	e := &g.entries[c.idx]
	switch q {
	case cueAdmin:
		if e.Precision == sitrep.PrecisionAdmin || e.Precision == sitrep.PrecisionRegion {
			s += cueBonus
		}
	case cuePoint:
		if e.Precision == sitrep.PrecisionPoint {
			s += cueBonus
		}
	case cueBase:
		if !strings.HasPrefix(e.ID, "geonames:") && e.Precision == sitrep.PrecisionPoint {
			s += cueBonus
		}
	}
	return s
}

// docContext is what the current choices say about the document.
type docContext struct {
	countries map[string]int // ISO3 -> mentions resolved inside it
	admins    map[string]int // "ISO3/admin name" -> mentions resolved to that division
	inside    map[string]int // "ISO3/admin name" -> point mentions resolved inside it
	total     int
}

func (g *Gazetteer) context(ms []mention, hint map[string]int) docContext {
	ctx := docContext{countries: map[string]int{}, admins: map[string]int{}, inside: map[string]int{}}
	for c, n := range hint {
		ctx.countries[c] += n
		ctx.total += n
	}
	for _, m := range ms {
		if m.best < 0 {
			continue
		}
		e := &g.entries[m.cands[m.best].idx]
		if e.Country != "" {
			ctx.countries[e.Country]++
			ctx.total++
		}
		if e.Precision == sitrep.PrecisionAdmin {
			ctx.admins[e.Country+"/"+e.Name]++
		}
		if e.Precision == sitrep.PrecisionPoint && e.Admin1 != "" {
			ctx.inside[e.Country+"/"+e.Admin1]++
		}
	}
	return ctx
}

// evidence is the document-context part of candidate c's score for
// mention i. The n mentions of i's own name are left out of the counts:
// a name repeated ten times is no evidence for itself.
func (g *Gazetteer) evidence(ms []mention, i int, c cand, ctx docContext, n int) float64 {
	e := &g.entries[c.idx]
	own := &g.entries[ms[i].cands[ms[i].best].idx]
	var s float64
	if e.Country != "" {
		same, total := ctx.countries[e.Country], ctx.total
		if own.Country != "" {
			total -= n
			if own.Country == e.Country {
				same -= n
			}
		}
		if same > 0 && total > 0 {
			s += countrySeen + countryShare*float64(same)/float64(total)
		}
	}
	if e.Admin1 != "" && e.Precision == sitrep.PrecisionPoint {
		same := ctx.admins[e.Country+"/"+e.Admin1]
		if own.Precision == sitrep.PrecisionAdmin && own.Name == e.Admin1 && own.Country == e.Country {
			same -= n
		}
		if same > 0 {
			s += adminSeen
		}
	}
	if e.Precision == sitrep.PrecisionAdmin {
		// "Bozeman ... Missouri": places inside a division support it.
		same := ctx.inside[e.Country+"/"+e.Name]
		if own.Precision == sitrep.PrecisionPoint && own.Admin1 == e.Name && own.Country == e.Country {
			same -= n
		}
		if same > 0 {
			s += adminSeen
		}
	}
	if k := ms[i].within; k >= 0 && ms[k].best >= 0 {
		y := &g.entries[ms[k].cands[ms[k].best].idx]
		if contains(y, e) {
			s += containerBonus
		}
	}
	if l := ms[i].list; len(l) > 0 {
		same, other := 0, 0
		for _, k := range l {
			if ms[k].best < 0 || ms[k].key == ms[i].key {
				continue
			}
			if g.entries[ms[k].cands[ms[k].best].idx].Precision == e.Precision {
				same++
			} else {
				other++
			}
		}
		if same > other {
			s += listBonus
		}
	}
	if e.Precision == sitrep.PrecisionPoint {
		for k := range ms {
			if k == i || ms[k].best < 0 || ms[k].key == ms[i].key {
				continue
			}
			o := &g.entries[ms[k].cands[ms[k].best].idx]
			if o.Precision == sitrep.PrecisionPoint && Distance(e.Lat, e.Lon, o.Lat, o.Lon) < nearbyKm {
				s += nearbyBonus
				break
			}
		}
	}
	return s
}

// contains reports whether area y holds place x.
func contains(y, x *Entry) bool {
	switch y.Precision {
	case sitrep.PrecisionCountry:
		return x.Country == y.Country && x != y
	case sitrep.PrecisionAdmin:
		if x.Country == y.Country && x.Admin1 == y.Name {
			return true
		}
	}
	if b := y.BBox; b != nil && x != y {
		return x.Lat >= b[1] && x.Lat <= b[3] && x.Lon >= b[0] && x.Lon <= b[2]
	}
	return false
}

func argmax(s []float64) int {
	best := -1
	for i, v := range s {
		if best < 0 || v > s[best] {
			best = i
		}
	}
	return best
}

// Distance returns the great-circle distance in kilometres.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
