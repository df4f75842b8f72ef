package fuse

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// member is a mention with the facts fusion needs about its document.
type member struct {
	m      *mention
	ds     *docState
	origin int32 // index of the origin document credited with the report
	// copied: the sentence repeats one of an earlier document. Its date
	// and figures are the source's, read in the wrong context (relative
	// dates resolved against the copy's publication date), so they are
	// left out of dating and contradictions.
	copied bool
}

// fuseCluster builds one fused event from the mentions of a component.
func (f *Fuser) fuseCluster(idx []int32, groupOrigin func(int32) int32) sitrep.FusedEvent {
	ms := make([]member, len(idx))
	for i, x := range idx {
		m := f.mentions[x]
		origin, copied := f.sentenceOrigin(m.doc, m.ev.Sentence.Index, groupOrigin)
		ms[i] = member{m: m, ds: f.docs[m.doc], origin: origin, copied: copied}
	}
	// Earliest report first: it names the fused event, so the ID is
	// stable whatever order documents arrived in.
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.m.doc != b.m.doc {
			return f.earlier(a.m.doc, b.m.doc)
		}
		return a.m.ev.ID < b.m.ev.ID
	})
	fe := sitrep.FusedEvent{ID: "fe:" + ms[0].m.ev.ID}
	if ms[0].m.ev.ID == "" {
		fe.ID = fmt.Sprintf("fe:%s/%d", ms[0].ds.id, ms[0].m.ev.Sentence.Index)
	}

	origins := map[int32]bool{}
	outlets := map[string]bool{}
	seenQ := map[string]bool{} // one claim per document and figure
	for _, x := range ms {
		origins[x.origin] = true
		src := x.ds.source
		if src == "" {
			src = x.ds.id
		}
		outlets[src] = true
		fe.Members = append(fe.Members, sitrep.Member{
			Doc: x.ds.id, Event: x.m.ev.ID, Source: x.ds.source,
			Origin: f.docs[x.origin].id, Published: x.ds.published,
			Status: x.m.ev.Status, Attribution: x.m.ev.Attribution, Sentence: x.m.ev.Sentence,
		})
		for _, q := range x.m.ev.Quantities {
			key := x.ds.id + "\x00" + q.What + "\x00" + q.Text
			if seenQ[key] {
				continue
			}
			seenQ[key] = true
			fe.Quantities = append(fe.Quantities, sitrep.QuantityClaim{Quantity: q, Doc: x.ds.id, Source: x.ds.source})
		}
	}
	fe.Origins = len(origins)
	fe.Outlets = len(outlets)
	for s := range outlets {
		fe.Sources = append(fe.Sources, s)
	}
	sort.Strings(fe.Sources)

	// Attributes by vote of independent origins: each origin votes once
	// per value, so copies do not outvote an independent report.
	fe.Type = vote(ms, func(x member) string { return x.m.ev.Type })
	fe.Mode = vote(ms, func(x member) string { return x.m.ev.Mode })
	fe.CAMEO = vote(ms, func(x member) string { return x.m.ev.CAMEO })
	fe.Status = sitrep.Status(vote(ms, func(x member) string { return string(x.m.ev.Status) }))
	if id := vote(ms, func(x member) string { return actorID(x.m.ev.Actor) }); id != "" {
		fe.Actor = firstActor(ms, id, func(e *sitrep.Event) *sitrep.EventActor { return e.Actor })
	}
	if id := vote(ms, func(x member) string { return actorID(x.m.ev.Recipient) }); id != "" {
		fe.Recipient = firstActor(ms, id, func(e *sitrep.Event) *sitrep.EventActor { return e.Recipient })
	}
	fe.Location = fuseLocation(ms)
	fe.Date = fuseDate(ms)
	fe.Contradictions = f.contradictions(ms)
	fe.Confidence = confidence(ms, fe.Contradictions)
	return fe
}

func actorID(a *sitrep.EventActor) string {
	if a == nil {
		return ""
	}
	if a.ID != "" {
		return a.ID
	}
	return a.Name
}

func firstActor(ms []member, id string, get func(*sitrep.Event) *sitrep.EventActor) *sitrep.EventActor {
	for _, x := range ms {
		if a := get(&x.m.ev); a != nil && actorID(a) == id {
			c := *a
			c.Text = "" // the words differ per report; members keep them
			return &c
		}
	}
	return nil
}

// vote returns the non-empty value most independent origins give, ties
// broken by the earliest report.
func vote(ms []member, get func(member) string) string {
	count := map[string]map[int32]bool{}
	var order []string
	for _, x := range ms {
		v := get(x)
		if v == "" {
			continue
		}
		if count[v] == nil {
			count[v] = map[int32]bool{}
			order = append(order, v)
		}
		count[v][x.origin] = true
	}
	best := ""
	for _, v := range order {
		if best == "" || len(count[v]) > len(count[best]) {
			best = v
		}
	}
	return best
}

var precisionRank = map[sitrep.Precision]int{
	sitrep.PrecisionPoint: 0, sitrep.PrecisionAdmin: 1, sitrep.PrecisionCountry: 2, sitrep.PrecisionRegion: 3,
}

// fuseLocation picks the most precise location that enough origins give:
// at least a third of the origins that locate the event at all. One
// report's village does not place a campaign that a dozen others put in
// the country; a single report's village places its own event.
func fuseLocation(ms []member) *sitrep.Location {
	rank := func(l *sitrep.Location) int {
		if r, ok := precisionRank[l.Precision]; ok {
			return r
		}
		return 98
	}
	key := func(l *sitrep.Location) string {
		if l.PlaceID != "" {
			return l.PlaceID
		}
		return l.Name
	}
	located := map[int32]bool{}
	ranks := map[int]bool{}
	for _, x := range ms {
		if l := x.m.ev.Location; l != nil {
			located[x.origin] = true
			ranks[rank(l)] = true
		}
	}
	if len(located) == 0 {
		return nil
	}
	need := (len(located) + 2) / 3
	var fallback *sitrep.Location
	for _, r := range []int{0, 1, 2, 3, 98} {
		if !ranks[r] {
			continue
		}
		at := func(x member) string {
			if l := x.m.ev.Location; l != nil && rank(l) == r {
				return key(l)
			}
			return ""
		}
		id := vote(ms, at)
		n := map[int32]bool{}
		var loc *sitrep.Location
		for _, x := range ms {
			if at(x) == id {
				n[x.origin] = true
				if loc == nil {
					c := *x.m.ev.Location
					c.Text = ""
					loc = &c
				}
			}
		}
		if fallback == nil {
			fallback = loc
		}
		if len(n) >= need {
			return loc
		}
	}
	return fallback // no level has enough support: the most precise one
}

// fuseDate gives the fused event's date bounds: the intersection of the
// dates the text states when they agree, their span when they do not, and
// the publication window when no report dates the event.
func fuseDate(all []member) sitrep.Date {
	var ms []member
	for _, x := range all {
		if !x.copied {
			ms = append(ms, x)
		}
	}
	if len(ms) == 0 {
		ms = all
	}
	var lo, hi []int
	values := map[string]map[int32]bool{}
	precise := false
	for _, x := range ms {
		if x.m.precise {
			precise = true
		}
	}
	for _, x := range ms {
		if !x.m.hasDate || x.m.precise != precise {
			continue
		}
		lo = append(lo, x.m.lo)
		hi = append(hi, x.m.hi)
		if v := x.m.ev.Date.Value; v != "" && precise {
			if values[v] == nil {
				values[v] = map[int32]bool{}
			}
			values[v][x.origin] = true
		}
	}
	if len(lo) == 0 {
		return sitrep.Date{}
	}
	maxLo, minHi := lo[0], hi[0]
	minLo, maxHi := lo[0], hi[0]
	for i := range lo {
		maxLo, minHi = max(maxLo, lo[i]), min(minHi, hi[i])
		minLo, maxHi = min(minLo, lo[i]), max(maxHi, hi[i])
	}
	d := sitrep.Date{Precision: "publication"}
	if precise {
		d.Precision = "span"
	}
	if maxLo <= minHi {
		d.Earliest, d.Latest = dayString(maxLo), dayString(minHi)
	} else {
		d.Earliest, d.Latest = dayString(minLo), dayString(maxHi)
	}
	if d.Earliest == d.Latest && precise {
		d.Precision = "day"
		d.Value = d.Earliest
	}
	best := ""
	for v, o := range values {
		if best == "" || len(o) > len(values[best]) || (len(o) == len(values[best]) && v < best) {
			best = v
		}
	}
	if best != "" && d.Value == "" {
		d.Value = best
	}
	return d
}

// confidence combines the support of independent origins (noisy-or of the
// best member confidence per origin), discounted for contradictions and
// denials.
func confidence(ms []member, cs []sitrep.Contradiction) float64 {
	best := map[int32]float64{}
	denied := false
	for _, x := range ms {
		c := x.m.ev.Confidence
		if c <= 0 {
			c = 0.5
		}
		switch x.m.ev.Status {
		case sitrep.Denied, sitrep.Negated:
			denied = true
			continue
		case sitrep.Claimed:
			c *= 0.8
		case sitrep.Planned, sitrep.Hypothetical:
			c *= 0.5
		}
		best[x.origin] = max(best[x.origin], c)
	}
	miss := 1.0
	for _, c := range best {
		miss *= 1 - math.Min(c, 0.95)
	}
	conf := 1 - miss
	kinds := map[string]bool{}
	for _, c := range cs {
		kinds[c.Kind] = true
	}
	conf *= math.Pow(0.85, float64(len(kinds)))
	if denied {
		conf *= 0.8
	}
	return math.Round(conf*1000) / 1000
}

// contradictions compares the reports of different origins. It keeps one
// contradiction per kind, subject and pair of values, between the
// earliest reports that give them, so a figure repeated by many outlets is
// listed once. Reports are grouped by value first, so the cost grows with
// the number of distinct values, not with the square of the members.
func (f *Fuser) contradictions(ms []member) []sitrep.Contradiction {
	var own []member // copies repeat their source's claims
	for _, x := range ms {
		if !x.copied {
			own = append(own, x)
		}
	}
	var out []sitrep.Contradiction
	claim := func(x member, v string) sitrep.Claim {
		return sitrep.Claim{Doc: x.ds.id, Source: x.ds.source, Value: v, Sentence: x.m.ev.Sentence}
	}
	// compare groups the reports by key (skipping those with key ""), and
	// for each pair of groups whose values conflict finds the earliest
	// pair of reports from different origins that ok accepts.
	compare := func(kind, what string, key func(member) string, value func(member) string,
		conflict func(a, b member) bool, ok func(a, b member) bool) {
		groups := map[string][]member{}
		var order []string
		for _, x := range own {
			k := key(x)
			if k == "" {
				continue
			}
			if groups[k] == nil {
				order = append(order, k)
			}
			if len(groups[k]) < maxPerValue {
				groups[k] = append(groups[k], x)
			}
		}
		for i, ka := range order {
			for _, kb := range order[i+1:] {
				if !conflict(groups[ka][0], groups[kb][0]) {
					continue
				}
			search:
				for _, a := range groups[ka] {
					for _, b := range groups[kb] {
						if a.origin != b.origin && (ok == nil || ok(a, b)) {
							out = append(out, sitrep.Contradiction{Kind: kind, What: what, A: claim(a, value(a)), B: claim(b, value(b))})
							break search
						}
					}
				}
			}
		}
	}
	tol := f.opts.QuantityTolerance
	var whats []string
	seenWhat := map[string]bool{}
	for _, x := range own {
		for _, q := range x.m.ev.Quantities {
			if q.What != "" && !seenWhat[q.What] {
				seenWhat[q.What] = true
				whats = append(whats, q.What)
			}
		}
	}
	for _, what := range whats {
		quantity := func(x member) (sitrep.Quantity, bool) {
			// A denial's figure is the claim it denies, not a figure of
			// its own.
			if refuted(x.m.ev.Status) {
				return sitrep.Quantity{}, false
			}
			for _, q := range x.m.ev.Quantities {
				if q.What == what {
					if _, _, ok := bounds(q, tol); ok {
						return q, true
					}
				}
			}
			return sitrep.Quantity{}, false
		}
		compare("quantity", what,
			func(x member) string {
				if q, ok := quantity(x); ok {
					return rangeKey(q)
				}
				return ""
			},
			func(x member) string { q, _ := quantity(x); return quantityText(q) },
			func(a, b member) bool {
				qa, _ := quantity(a)
				qb, _ := quantity(b)
				alo, ahi, _ := bounds(qa, tol)
				blo, bhi, _ := bounds(qb, tol)
				return ahi < blo || bhi < alo
			},
			// Figures given at times further apart than the date slack
			// (linked through other reports) may both be right: counts
			// grow. So do running totals ("since September 30", "so
			// far") reported on different days, unless the later report
			// gives less.
			func(a, b member) bool {
				if f.timesApart(a.m, b.m) {
					return false
				}
				if a.m.running && b.m.running && a.ds.hasPub && b.ds.hasPub {
					early, late := a, b
					if late.ds.pub.Before(early.ds.pub) {
						early, late = late, early
					}
					if late.ds.pub.Sub(early.ds.pub) >= 24*time.Hour {
						qe, _ := quantity(early)
						ql, _ := quantity(late)
						elo, _, _ := bounds(qe, tol)
						_, lhi, _ := bounds(ql, tol)
						return lhi < elo
					}
				}
				return true
			})
	}
	compare("date", "",
		func(x member) string {
			if !x.m.precise || !x.m.hasDate {
				return ""
			}
			return dateText(x.m)
		},
		func(x member) string { return dateText(x.m) },
		func(a, b member) bool { return f.datesDiffer(a.m, b.m) }, nil)
	compare("place", "",
		func(x member) string {
			if l := x.m.ev.Location; l != nil {
				return locationKey(l)
			}
			return ""
		},
		func(x member) string { return x.m.ev.Location.Name },
		func(a, b member) bool { return f.placesDiffer(a.m.ev.Location, b.m.ev.Location) }, nil)
	compare("actor", "",
		func(x member) string { return actorID(x.m.ev.Actor) },
		func(x member) string { return x.m.ev.Actor.Name },
		func(a, b member) bool { return actorsDiffer(a.m.ev.Actor, b.m.ev.Actor) }, nil)
	compare("status", "",
		func(x member) string {
			switch st := x.m.ev.Status; {
			case asserted(st), refuted(st):
				return string(st)
			}
			return ""
		},
		func(x member) string { return string(x.m.ev.Status) },
		func(a, b member) bool {
			sa, sb := a.m.ev.Status, b.m.ev.Status
			return asserted(sa) && refuted(sb) || refuted(sa) && asserted(sb)
		}, nil)
	return out
}

// maxPerValue bounds the reports kept per value when looking for a pair
// from different origins.
const maxPerValue = 16

// datesDiffer: two dates from the text that cannot both be right. Two
// different days are; a range and a day a little after it are not, since
// reports written days apart bound the same event differently.
func (f *Fuser) datesDiffer(a, b *mention) bool {
	if !a.precise || !b.precise || !a.hasDate || !b.hasDate {
		return false
	}
	gap := max(a.lo, b.lo) - min(a.hi, b.hi)
	if gap <= 0 {
		return false
	}
	return gap > f.opts.DateSlackDays || (a.lo == a.hi && b.lo == b.hi)
}

// timesApart: both mentions are dated from the text and their ranges are
// further apart than the date slack.
func (f *Fuser) timesApart(a, b *mention) bool {
	return a.precise && b.precise && max(a.lo, b.lo)-min(a.hi, b.hi) > f.opts.DateSlackDays
}

func rangeKey(q sitrep.Quantity) string {
	lo, hi, _ := bounds(q, 0)
	return strconv.FormatFloat(lo, 'g', -1, 64) + "-" + strconv.FormatFloat(hi, 'g', -1, 64)
}

func locationKey(l *sitrep.Location) string {
	if l.PlaceID != "" {
		return l.PlaceID
	}
	return l.Name
}

func asserted(s sitrep.Status) bool { return s == sitrep.Asserted || s == sitrep.Claimed }
func refuted(s sitrep.Status) bool  { return s == sitrep.Denied || s == sitrep.Negated }

func (f *Fuser) placesDiffer(a, b *sitrep.Location) bool {
	if a.PlaceID != "" && a.PlaceID == b.PlaceID {
		return false
	}
	if a.Country != "" && b.Country != "" && a.Country != b.Country {
		return true
	}
	return a.Precision == sitrep.PrecisionPoint && b.Precision == sitrep.PrecisionPoint &&
		distanceKm(a.Lat, a.Lon, b.Lat, b.Lon) > f.opts.MaxDistanceKm
}

// actorsDiffer: different countries, or different actors where neither
// names a country.
func actorsDiffer(a, b *sitrep.EventActor) bool {
	if a.Country != "" && b.Country != "" {
		return a.Country != b.Country
	}
	if a.Country == "" && b.Country == "" {
		return actorID(a) != actorID(b)
	}
	return false
}

func quantityText(q sitrep.Quantity) string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	var b strings.Builder
	b.WriteString(q.Text)
	switch {
	case q.Value != nil:
		fmt.Fprintf(&b, " (%s)", num(*q.Value))
	case q.Low != nil && q.High != nil:
		fmt.Fprintf(&b, " (%s-%s)", num(*q.Low), num(*q.High))
	case q.Low != nil:
		fmt.Fprintf(&b, " (>=%s)", num(*q.Low))
	case q.High != nil:
		fmt.Fprintf(&b, " (<=%s)", num(*q.High))
	}
	return strings.TrimSpace(b.String())
}

func dateText(m *mention) string {
	if m.lo == m.hi {
		return dayString(m.lo)
	}
	return dayString(m.lo) + ".." + dayString(m.hi)
}

// runningCues mark a figure as a running total: "since September 30",
// "so far", "to date".
var runningCues = []string{" since ", "so far", "to date", "in total", "a total of", "since the start", "thus far", "up to now"}

// runningTotal reports whether a sentence gives its figures as running
// totals, which grow from report to report.
func runningTotal(sentence string) bool {
	s := " " + strings.ToLower(sentence) + " "
	for _, c := range runningCues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}
