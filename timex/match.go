package timex

import (
	"strconv"
	"strings"
)

// slot is one captured value: a class (or built-in) and its value.
type slot struct{ key, val string }

// hit is one pattern match over toks[start:end] (span tokens only).
type hit struct {
	p          *pattern
	start, end int // token indexes of the span, end exclusive
	next       int // first token after everything matched, context included
	slots      []slot
}

// matchAt returns the best match starting at token i: the longest span,
// the earliest pattern on a tie.
func (r *rules) matchAt(toks []tok, i int) (hit, bool) {
	var best hit
	found := false
	if !r.mayConsume(toks[i]) {
		return best, false
	}
	for pi := range r.patterns {
		p := &r.patterns[pi]
		m := matcher{r: r, toks: toks, p: p, spanStart: -1}
		if !m.run(0, i) {
			continue
		}
		if m.spanStart < 0 {
			continue
		}
		h := hit{p: p, start: m.spanStart, end: m.spanEnd, next: m.end, slots: append([]slot(nil), m.slots...)}
		// Optional punctuation never ends a span ("October," stays "October").
		for h.end > h.start && isPunct(toks[h.end-1].low) {
			h.end--
		}
		for h.start < h.end && isPunct(toks[h.start].low) {
			h.start++
		}
		if h.start == h.end {
			continue
		}
		if !found || h.end-h.start > best.end-best.start {
			best, found = h, true
		}
	}
	return best, found
}

type matcher struct {
	r                  *rules
	toks               []tok
	p                  *pattern
	slots              []slot
	spanStart, spanEnd int
	end                int
}

// run matches elements k.. from token i, backtracking over optional
// elements. On success the matcher holds the slots and span.
func (m *matcher) run(k, i int) bool {
	if k == len(m.p.elems) {
		m.end = i
		return true
	}
	e := &m.p.elems[k]
	if e.negative {
		if i < len(m.toks) {
			if n, _ := m.consume(e, i); n > 0 {
				return false
			}
		}
		return m.run(k+1, i)
	}
	if i < len(m.toks) {
		if n, val := m.consume(e, i); n > 0 {
			nslots, ss, se := len(m.slots), m.spanStart, m.spanEnd
			if e.class != "" {
				m.slots = append(m.slots, slot{e.class, val})
			}
			if !e.context {
				if m.spanStart < 0 {
					m.spanStart = i
				}
				m.spanEnd = i + n
			}
			if m.run(k+1, i+n) {
				return true
			}
			m.slots, m.spanStart, m.spanEnd = m.slots[:nslots], ss, se
		}
	}
	if e.optional {
		return m.run(k+1, i)
	}
	return false
}

// consume reports how many tokens from i element e takes (0: no match)
// and the value captured.
func (m *matcher) consume(e *elem, i int) (int, string) {
	t := m.toks[i]
	if e.class == "" {
		for _, l := range e.lits {
			if t.low == l {
				return 1, l
			}
		}
		return 0, ""
	}
	switch e.class {
	case "year":
		if len(t.low) == 4 && allDigits(t.low) {
			if y, _ := strconv.Atoi(t.low); y >= 1000 && y <= 2199 {
				return 1, t.low
			}
		}
		return 0, ""
	case "day", "dd":
		s := t.low
		if e.class == "day" {
			s = trimOrdinal(s)
		}
		if len(s) >= 1 && len(s) <= 2 && allDigits(s) {
			if d, _ := strconv.Atoi(s); d >= 1 && d <= 31 {
				return 1, strconv.Itoa(d)
			}
		}
		return 0, ""
	case "mm":
		if len(t.low) >= 1 && len(t.low) <= 2 && allDigits(t.low) {
			if d, _ := strconv.Atoi(t.low); d >= 1 && d <= 12 {
				return 1, strconv.Itoa(d)
			}
		}
		return 0, ""
	case "hour":
		if len(t.low) <= 2 && allDigits(t.low) {
			if h, _ := strconv.Atoi(t.low); h >= 1 && h <= 12 {
				return 1, t.low
			}
		}
		return 0, ""
	case "num":
		return m.num(i)
	case "ord":
		if v, ok := m.r.classValue(t, "ordinal"); ok {
			return 1, v
		}
		if s := trimOrdinal(t.low); s != t.low && allDigits(s) && s != "" {
			return 1, s
		}
		return 0, ""
	case "decade":
		s := t.low
		if strings.HasSuffix(s, "s") {
			s = s[:len(s)-1]
			if len(s) == 4 && allDigits(s) && s[3] == '0' {
				return 1, s[:3]
			}
			if len(s) == 3 && s[0] == '\'' && allDigits(s[1:]) && s[2] == '0' {
				return 1, "19" + s[1:2]
			}
		}
		return 0, ""
	case "clock":
		if v, ok := parseClock(t.low); ok {
			return 1, v
		}
		return 0, ""
	case "clockampm":
		for _, suf := range []string{"am", "pm"} {
			if strings.HasSuffix(t.low, suf) {
				base := strings.TrimSuffix(t.low, suf)
				if v, ok := parseClock(base); ok {
					return 1, v + suf
				}
				if allDigits(base) && len(base) >= 1 && len(base) <= 2 {
					if h, _ := strconv.Atoi(base); h >= 1 && h <= 12 {
						return 1, base + ":00" + suf
					}
				}
			}
		}
		return 0, ""
	}
	if v, ok := m.r.classValue(t, e.class); ok {
		return 1, v
	}
	return 0, ""
}

// num reads a cardinal: digits ("10", "1,000", "1.5") or number words
// ("twenty five", "a hundred").
func (m *matcher) num(i int) (int, string) {
	t := m.toks[i]
	if t.low != "" && isDigit(t.low[0]) {
		s := strings.ReplaceAll(t.low, ",", "")
		if _, err := strconv.ParseFloat(s, 64); err == nil && !strings.Contains(t.low, ":") {
			return 1, s
		}
		return 0, ""
	}
	cur, n := 0, 0
	for j := i; j < len(m.toks); j++ {
		v, ok := m.r.classValue(m.toks[j], "numword")
		if !ok {
			break
		}
		x, _ := strconv.Atoi(v)
		low := m.toks[j].low
		switch {
		case low == "a" || low == "an":
			if n > 0 {
				return n, strconv.Itoa(cur)
			}
			cur = 1
		case x == 100 || low == "dozen":
			if cur == 0 {
				cur = 1
			}
			cur *= x
		case cur == 0 || cur%100 == 0 && n > 0 && m.toks[j-1].low != "a" && m.toks[j-1].low != "an":
			cur += x
		case x < 10 && cur%10 == 0 && cur%100 >= 20:
			cur += x
		default:
			return n, strconv.Itoa(cur)
		}
		n++
	}
	if n == 0 {
		return 0, ""
	}
	return n, strconv.Itoa(cur)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func trimOrdinal(s string) string {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(s, suf) {
			return strings.TrimSuffix(s, suf)
		}
	}
	return s
}

// parseClock reads "15:00", "8:30" or "3:07:35" as "HH:MM".
func parseClock(s string) (string, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return "", false
	}
	h, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || h < 0 || h > 24 || mi < 0 || mi > 59 || len(parts[1]) != 2 || len(parts[0]) > 2 {
		return "", false
	}
	return pad2(h) + ":" + pad2(mi), true
}

func pad2(n int) string {
	if n < 10 && n >= 0 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func isPunct(s string) bool { return s == "," || s == "-" || s == "/" || s == "." }
