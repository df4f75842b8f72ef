package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// rctx is what a resolver sees: the captured slots of one match, the
// reference (publication) day and the tense direction of the clause
// (-1 past, +1 future, 0 no cue).
type rctx struct {
	slots map[string]string
	ref   time.Time
	dir   int
	typ   string
}

func (c *rctx) has(k string) bool { _, ok := c.slots[k]; return ok }

func (c *rctx) str(k string) string { return c.slots[k] }

func (c *rctx) int(k string) (int, bool) {
	v, ok := c.slots[k]
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// result is a resolved expression.
type result struct {
	typ, value string
	date       sitrep.Date
}

type resolver func(c *rctx) (result, bool)

// resolvers are the normalisation routines patterns.tsv may name.
var resolvers map[string]resolver

func init() {
	resolvers = map[string]resolver{
		"date":     resolveDate,
		"iso":      resolveISO,
		"month":    resolveMonth,
		"weekof":   resolveWeekOf,
		"year":     resolveYear,
		"season":   resolveSeason,
		"quarter":  resolveQuarter,
		"half":     resolveHalf,
		"weekday":  resolveWeekday,
		"dayrel":   resolveDayRel,
		"relunit":  resolveRelUnit,
		"ago":      resolveAgo,
		"span":     resolveSpan,
		"duration": resolveDuration,
		"ref":      resolveRef,
		"set":      resolveSet,
		"time":     resolveTime,
	}
}

func (c *rctx) period(p period) (result, bool) {
	if m := c.str("mod"); m != "" {
		p = p.third(m)
	}
	return result{typ: c.typ, value: p.value, date: p.date()}, true
}

func validDay(y int, m time.Month, d int) bool {
	return d >= 1 && d <= date(y, m, 1).AddDate(0, 1, -1).Day()
}

// pickYear chooses the year for a month and day given without one: the
// closest occurrence to ref, or the next or last one when tense says so.
func pickYear(m time.Month, d int, ref time.Time, dir int) (time.Time, bool) {
	var best time.Time
	found := false
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !validDay(y, m, d) {
			continue
		}
		t := date(y, m, d)
		diff := t.Sub(ref)
		switch {
		case dir > 0 && diff < 0, dir < 0 && diff > 0:
			continue
		}
		if !found || absDur(diff) < absDur(best.Sub(ref)) {
			best, found = t, true
		}
	}
	if !found && dir != 0 {
		return pickYear(m, d, ref, 0)
	}
	return best, found
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func resolveDate(c *rctx) (result, bool) {
	mo, ok1 := c.int("month")
	d, ok2 := c.int("day")
	if !ok1 || !ok2 {
		return result{}, false
	}
	m := time.Month(mo)
	if y, ok := c.int("year"); ok {
		if !validDay(y, m, d) {
			return result{}, false
		}
		return c.period(dayPeriod(date(y, m, d)))
	}
	t, ok := pickYear(m, d, c.ref, c.dir)
	if !ok {
		return result{}, false
	}
	return c.period(dayPeriod(t))
}

func resolveISO(c *rctx) (result, bool) {
	y, ok1 := c.int("year")
	m, ok2 := c.int("mm")
	d, ok3 := c.int("dd")
	if !ok1 || !ok2 || !ok3 || !validDay(y, time.Month(m), d) {
		return result{}, false
	}
	return c.period(dayPeriod(date(y, time.Month(m), d)))
}

// monthYear resolves a month named without a year: this year's when it
// is the current month; otherwise the last one before ref, or the next one
// when the clause is about the future.
func monthYear(m time.Month, ref time.Time, rel, dir int, hasRel bool) int {
	y := ref.Year()
	if hasRel {
		switch {
		case rel < 0 && m >= ref.Month():
			return y - 1
		case rel > 0 && m <= ref.Month():
			return y + 1
		}
		return y
	}
	switch {
	case m == ref.Month():
		return y
	case dir > 0 && m < ref.Month():
		return y + 1
	case dir <= 0 && m > ref.Month():
		return y - 1
	}
	return y
}

func resolveMonth(c *rctx) (result, bool) {
	mo, ok := c.int("month")
	if !ok || mo < 1 || mo > 12 {
		return result{}, false
	}
	m := time.Month(mo)
	y, ok := c.int("year")
	if !ok {
		rel, hasRel := c.int("rel")
		y = monthYear(m, c.ref, rel, c.dir, hasRel)
	}
	return c.period(monthPeriod(y, m))
}

func resolveWeekOf(c *rctx) (result, bool) {
	mo, ok1 := c.int("month")
	k, ok2 := c.int("ord")
	if !ok1 || !ok2 || k == 0 || k > 5 {
		return result{}, false
	}
	m := time.Month(mo)
	y, ok := c.int("year")
	if !ok {
		y = monthYear(m, c.ref, 0, c.dir, false)
	}
	mp := monthPeriod(y, m)
	first := mp.first.AddDate(0, 0, 7*(k-1))
	if k < 0 {
		first = mp.end.AddDate(0, 0, -6)
	}
	last := first.AddDate(0, 0, 6)
	if last.After(mp.end) {
		last = mp.end
	}
	if first.After(mp.end) {
		return result{}, false
	}
	w := weekPeriod(first.AddDate(0, 0, 3))
	return c.period(period{value: w.value, first: first, end: last, precision: "week"})
}

func resolveYear(c *rctx) (result, bool) {
	if d, ok := c.int("decade"); ok {
		return c.period(decadePeriod(d))
	}
	if k, ok := c.int("ord"); ok {
		if k < 1 || k > 30 {
			return result{}, false
		}
		return c.period(centuryPeriod(k - 1))
	}
	y, ok := c.int("year")
	if !ok {
		return result{}, false
	}
	return c.period(yearPeriod(y))
}

// seasonRel picks the year of season s: rel -1 the last one before the
// current season, +1 the next one after it, 0 the one this year; without
// rel, the current or last one (or the next one in a future clause).
func seasonRel(s string, ref time.Time, rel, dir int, hasRel bool) period {
	cy, cs := seasonOf(ref)
	cur := seasonPeriod(cy, cs)
	p := seasonPeriod(ref.Year(), s)
	if s == "WI" && ref.Month() <= 2 {
		p = seasonPeriod(ref.Year()-1, s)
	}
	switch {
	case hasRel && rel < 0, !hasRel && dir <= 0:
		for p.first.After(cur.first) || hasRel && p.first.Equal(cur.first) {
			p = seasonPeriod(yearOf(p)-1, s)
		}
	case hasRel && rel > 0, !hasRel && dir > 0:
		for p.first.Before(cur.first) || hasRel && p.first.Equal(cur.first) {
			p = seasonPeriod(yearOf(p)+1, s)
		}
	}
	return p
}

func yearOf(p period) int { return p.first.Year() }

func resolveSeason(c *rctx) (result, bool) {
	s := c.str("season")
	if y, ok := c.int("year"); ok {
		return c.period(seasonPeriod(y, s))
	}
	rel, hasRel := c.int("rel")
	return c.period(seasonRel(s, c.ref, rel, c.dir, hasRel))
}

func resolveQuarter(c *rctx) (result, bool) {
	q, ok := c.int("ord")
	if !ok || q < 1 || q > 4 {
		return result{}, false
	}
	y, ok := c.int("year")
	if !ok {
		y = c.ref.Year()
		cur := (int(c.ref.Month())-1)/3 + 1
		if c.dir <= 0 && q > cur {
			y--
		}
	}
	return c.period(quarterPeriod(y, q))
}

func resolveHalf(c *rctx) (result, bool) {
	h, ok := c.int("ord")
	if !ok || h < 1 || h > 2 {
		return result{}, false
	}
	y, ok := c.int("year")
	if !ok {
		y = c.ref.Year()
		if c.dir <= 0 && h == 2 && c.ref.Month() <= 6 {
			y--
		}
	}
	return c.period(halfPeriod(y, h))
}

// weekdayDay finds the day named by weekday wd (1 Monday .. 7 Sunday).
func weekdayDay(wd int, ref time.Time, rel, dir int, hasRel bool) time.Time {
	refWD := int(ref.Weekday()+6)%7 + 1
	back := (refWD - wd + 7) % 7 // days back to the latest such day, 0..6
	fwd := (wd - refWD + 7) % 7  // days forward to the next, 0..6
	switch {
	case hasRel && rel < 0:
		if back == 0 {
			back = 7
		}
		return ref.AddDate(0, 0, -back)
	case hasRel && rel > 0:
		if fwd == 0 {
			fwd = 7
		}
		return ref.AddDate(0, 0, fwd)
	case hasRel:
		return ref.AddDate(0, 0, wd-refWD)
	case dir > 0:
		return ref.AddDate(0, 0, fwd)
	}
	return ref.AddDate(0, 0, -back)
}

func (c *rctx) dayResult(t time.Time) (result, bool) {
	p := dayPeriod(t)
	if pod := c.str("partofday"); pod != "" {
		p.value += "T" + pod
		return result{typ: "TIME", value: p.value, date: p.date()}, true
	}
	return c.period(p)
}

func resolveWeekday(c *rctx) (result, bool) {
	wd, ok := c.int("weekday")
	if !ok || wd < 1 || wd > 7 {
		return result{}, false
	}
	rel, hasRel := c.int("rel")
	return c.dayResult(weekdayDay(wd, c.ref, rel, c.dir, hasRel))
}

func resolveDayRel(c *rctx) (result, bool) {
	n, ok := c.int("dayrel")
	if !ok {
		return result{}, false
	}
	return c.dayResult(c.ref.AddDate(0, 0, n))
}

func resolveRelUnit(c *rctx) (result, bool) {
	unit := c.str("calunit")
	rel, hasRel := c.int("rel")
	if !hasRel && unit == "WE" {
		// "over the weekend": the one just gone, or the coming one.
		switch wd := c.ref.Weekday(); {
		case wd == time.Saturday || wd == time.Sunday:
			rel = 0
		case c.dir > 0:
			rel = 0
		default:
			rel = -1
		}
	}
	t, ok := shift(c.ref, unit, float64(rel))
	if !ok {
		return result{}, false
	}
	p, ok := unitPeriod(unit, t)
	if !ok {
		return result{}, false
	}
	switch c.str("part") {
	case "before":
		p.end, p.precision = dayOf(c.ref), "span"
	case "after":
		p.first, p.precision = dayOf(c.ref), "span"
	}
	return c.period(p)
}

// count is the slot "num" as a number; ok false for an unspecified count.
func (c *rctx) count() (float64, bool) {
	v := c.str("num")
	if v == "" && !c.has("vague") && !c.has("unitpl") {
		v = "1"
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, false
	}
	if c.has("half") {
		n += 0.5
	}
	return n, true
}

func (c *rctx) unit() string {
	for _, k := range []string{"unit", "unitpl", "calunit"} {
		if u := c.str(k); u != "" {
			return u
		}
	}
	return ""
}

func resolveAgo(c *rctx) (result, bool) {
	unit := c.unit()
	n, ok := c.count()
	if !ok {
		if c.str("dir") == "1" {
			return resolveRef(&rctx{slots: map[string]string{"ref": "FUTURE_REF"}, ref: c.ref, typ: c.typ})
		}
		return resolveRef(&rctx{slots: map[string]string{"ref": "PAST_REF"}, ref: c.ref, typ: c.typ})
	}
	if c.str("dir") != "1" {
		n = -n
	}
	t, ok := shift(c.ref, unit, n)
	if !ok || t.Year() < 1 || t.Year() > 9999 {
		return result{}, false
	}
	gran := unit
	switch unit {
	case "TH", "TM", "TS":
		gran = "D"
	case "2W":
		gran = "W"
	}
	p, ok := unitPeriod(gran, t)
	if !ok {
		return result{}, false
	}
	return c.period(p)
}

// durationValue writes a TIMEX3 duration: P3Y, P1.5M, PT24H, PXD.
func durationValue(n float64, known bool, unit string) string {
	num := "X"
	if known {
		if unit == "Q" {
			n, unit = n*3, "M"
		}
		switch unit {
		case "2W":
			n, unit = n*2, "W"
		case "DE":
			n, unit = n*10, "Y"
		case "CE":
			n, unit = n*100, "Y"
		}
		num = strconv.FormatFloat(n, 'f', -1, 64)
	} else if unit == "Q" || unit == "2W" {
		unit = map[string]string{"Q": "M", "2W": "W"}[unit]
	}
	if strings.HasPrefix(unit, "T") {
		return "PT" + num + unit[1:]
	}
	return "P" + num + unit
}

func resolveDuration(c *rctx) (result, bool) {
	unit := c.unit()
	if unit == "" {
		return result{}, false
	}
	n, known := c.count()
	if known && n <= 0 {
		return result{}, false
	}
	return result{typ: c.typ, value: durationValue(n, known, unit), date: sitrep.Date{Value: durationValue(n, known, unit)}}, true
}

// resolveSpan anchors a duration at the publication day: "the past ten
// days" runs from ten days before it to it.
func resolveSpan(c *rctx) (result, bool) {
	r, ok := resolveDuration(c)
	if !ok {
		return r, false
	}
	rel, _ := c.int("rel")
	ref := dayOf(c.ref)
	r.date.Precision = "span"
	n, known := c.count()
	if !known {
		if rel < 0 {
			r.date.Latest = ref.Format(isoDay)
		} else {
			r.date.Earliest = ref.Format(isoDay)
		}
		return r, true
	}
	if rel < 0 {
		n = -n
	}
	t, ok := shift(ref, c.unit(), n)
	if !ok || t.Year() < 1 || t.Year() > 9999 {
		return result{}, false
	}
	t = dayOf(t)
	if rel < 0 {
		r.date.Earliest, r.date.Latest = t.Format(isoDay), ref.Format(isoDay)
	} else {
		r.date.Earliest, r.date.Latest = ref.Format(isoDay), t.Format(isoDay)
	}
	return r, true
}

func resolveRef(c *rctx) (result, bool) {
	v := c.str("ref")
	day := dayOf(c.ref).Format(isoDay)
	d := sitrep.Date{Value: v, Precision: "span"}
	switch v {
	case "PRESENT_REF":
		d.Earliest, d.Latest, d.Precision = day, day, "day"
	case "PAST_REF":
		d.Latest = day
	case "FUTURE_REF":
		d.Earliest = day
	default:
		return result{}, false
	}
	return result{typ: c.typ, value: v, date: d}, true
}

func resolveSet(c *rctx) (result, bool) {
	var v string
	switch {
	case c.has("setword"):
		v = c.str("setword")
	case c.has("weekday"):
		v = "XXXX-WXX-" + c.str("weekday")
	case c.has("partofday"):
		v = "XXXX-XX-XXT" + c.str("partofday")
	default:
		u := c.unit()
		if u == "" {
			return result{}, false
		}
		n, known := c.count()
		v = durationValue(n, known, u)
	}
	return result{typ: c.typ, value: v, date: sitrep.Date{Value: v}}, true
}

func resolveTime(c *rctx) (result, bool) {
	clock := c.str("clock")
	if clock == "" {
		clock = c.str("clockword")
	}
	ampm := strings.ToUpper(c.str("ampm"))
	if v := c.str("clockampm"); v != "" {
		clock, ampm = v[:len(v)-2], strings.ToUpper(v[len(v)-2:])
	}
	if clock == "" && c.has("hour") {
		clock = c.str("hour") + ":00"
	}
	hs, ms, ok := strings.Cut(clock, ":")
	if !ok {
		return result{}, false
	}
	h, err1 := strconv.Atoi(hs)
	mi, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h > 24 || mi > 59 {
		return result{}, false
	}
	switch {
	case ampm == "PM" && h < 12:
		h += 12
	case ampm == "AM" && h == 12:
		h = 0
	}
	day := dayOf(c.ref)
	if wd, ok := c.int("weekday"); ok {
		day = weekdayDay(wd, day, 0, c.dir, false)
	}
	p := dayPeriod(day)
	p.value = fmt.Sprintf("%sT%02d:%02d", p.value, h, mi)
	return result{typ: "TIME", value: p.value, date: p.date()}, true
}
