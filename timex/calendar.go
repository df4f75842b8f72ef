package timex

import (
	"fmt"
	"time"

	"github.com/sitrep/sitrep"
)

// period is a stretch of calendar days with its TIMEX3 value.
type period struct {
	value      string
	first, end time.Time // first and last day, inclusive
	precision  string
}

const isoDay = "2006-01-02"

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func dayOf(t time.Time) time.Time { return date(t.Year(), t.Month(), t.Day()) }

func dayPeriod(t time.Time) period {
	t = dayOf(t)
	return period{value: t.Format(isoDay), first: t, end: t, precision: "day"}
}

// weekPeriod is the ISO week (Monday to Sunday) holding t.
func weekPeriod(t time.Time) period {
	t = dayOf(t)
	wd := int(t.Weekday()+6) % 7 // Monday 0
	mon := t.AddDate(0, 0, -wd)
	y, w := t.ISOWeek()
	return period{value: fmt.Sprintf("%04d-W%02d", y, w), first: mon, end: mon.AddDate(0, 0, 6), precision: "week"}
}

// weekendPeriod is the Saturday and Sunday of t's ISO week.
func weekendPeriod(t time.Time) period {
	w := weekPeriod(t)
	return period{value: w.value + "-WE", first: w.end.AddDate(0, 0, -1), end: w.end, precision: "span"}
}

func monthPeriod(y int, m time.Month) period {
	f := date(y, m, 1)
	return period{value: fmt.Sprintf("%04d-%02d", y, int(m)), first: f, end: f.AddDate(0, 1, -1), precision: "month"}
}

func quarterPeriod(y, q int) period {
	f := date(y, time.Month(3*(q-1)+1), 1)
	return period{value: fmt.Sprintf("%04d-Q%d", y, q), first: f, end: f.AddDate(0, 3, -1), precision: "span"}
}

func halfPeriod(y, h int) period {
	f := date(y, time.Month(6*(h-1)+1), 1)
	return period{value: fmt.Sprintf("%04d-H%d", y, h), first: f, end: f.AddDate(0, 6, -1), precision: "span"}
}

func yearPeriod(y int) period {
	return period{value: fmt.Sprintf("%04d", y), first: date(y, 1, 1), end: date(y, 12, 31), precision: "year"}
}

// decadePeriod takes the first three digits of the year: 199 is the 1990s.
func decadePeriod(d int) period {
	return period{value: fmt.Sprintf("%03d", d), first: date(d*10, 1, 1), end: date(d*10+9, 12, 31), precision: "span"}
}

// centuryPeriod takes the first two digits: 19 is 1900-1999, the value
// TIMEX3 gives "the 20th century".
func centuryPeriod(c int) period {
	return period{value: fmt.Sprintf("%02d", c), first: date(c*100, 1, 1), end: date(c*100+99, 12, 31), precision: "span"}
}

// seasonPeriod uses meteorological seasons of the northern hemisphere;
// winter y runs from December y to February y+1.
func seasonPeriod(y int, s string) period {
	start := map[string]time.Month{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[s]
	if start == 0 {
		start = 3
	}
	f := date(y, start, 1)
	return period{value: fmt.Sprintf("%04d-%s", y, s), first: f, end: f.AddDate(0, 3, -1), precision: "span"}
}

// seasonOf returns the season code and its year for day t.
func seasonOf(t time.Time) (int, string) {
	switch m := t.Month(); {
	case m >= 3 && m <= 5:
		return t.Year(), "SP"
	case m >= 6 && m <= 8:
		return t.Year(), "SU"
	case m >= 9 && m <= 11:
		return t.Year(), "FA"
	case m == 12:
		return t.Year(), "WI"
	default:
		return t.Year() - 1, "WI"
	}
}

// unitPeriod is the calendar period of the given unit holding t.
func unitPeriod(unit string, t time.Time) (period, bool) {
	switch unit {
	case "D":
		return dayPeriod(t), true
	case "W":
		return weekPeriod(t), true
	case "WE":
		return weekendPeriod(t), true
	case "M":
		return monthPeriod(t.Year(), t.Month()), true
	case "Q":
		return quarterPeriod(t.Year(), (int(t.Month())-1)/3+1), true
	case "Y":
		return yearPeriod(t.Year()), true
	case "DE":
		return decadePeriod(t.Year() / 10), true
	case "CE":
		return centuryPeriod(t.Year() / 100), true
	}
	return period{}, false
}

// shift moves t by n units; months clamp to the month's last day.
func shift(t time.Time, unit string, n float64) (time.Time, bool) {
	whole := int(n)
	switch unit {
	case "D":
		return t.AddDate(0, 0, whole), true
	case "W", "WE":
		return t.AddDate(0, 0, int(7*n)), true
	case "2W":
		return t.AddDate(0, 0, int(14*n)), true
	case "M":
		return addMonths(t, whole), true
	case "Q":
		return addMonths(t, 3*whole), true
	case "Y":
		if n != float64(whole) {
			return addMonths(t, int(12*n)), true
		}
		return t.AddDate(whole, 0, 0), true
	case "DE":
		return t.AddDate(10*whole, 0, 0), true
	case "CE":
		return t.AddDate(100*whole, 0, 0), true
	case "TH", "TM", "TS":
		// Clock units move by under a day for small counts.
		d := map[string]time.Duration{"TH": time.Hour, "TM": time.Minute, "TS": time.Second}[unit]
		return t.Add(time.Duration(n * float64(d))), true
	}
	return t, false
}

func addMonths(t time.Time, n int) time.Time {
	y, m := t.Year(), int(t.Month())-1+n
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	last := date(y, time.Month(m+1), 1).AddDate(0, 1, -1).Day()
	d := t.Day()
	if d > last {
		d = last
	}
	return date(y, time.Month(m+1), d)
}

// third narrows p to its first, middle or last third (mod START, MID,
// END), the reading of "early", "mid" and "late/the end of".
func (p period) third(mod string) period {
	days := int(p.end.Sub(p.first).Hours()/24) + 1
	if days < 3 || mod == "" {
		return p
	}
	a, b := days/3, 2*days/3
	q := p
	switch mod {
	case "START":
		q.end = p.first.AddDate(0, 0, a-1)
	case "MID":
		q.first = p.first.AddDate(0, 0, a)
		q.end = p.first.AddDate(0, 0, b-1)
	case "END":
		q.first = p.first.AddDate(0, 0, b)
	default:
		return p
	}
	q.precision = "span"
	return q
}

func (p period) date() sitrep.Date {
	return sitrep.Date{Value: p.value, Earliest: p.first.Format(isoDay), Latest: p.end.Format(isoDay), Precision: p.precision}
}
