package timex

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/sitrep/sitrep"
)

// Stage finds and normalises temporal expressions. It is safe for
// concurrent use.
type Stage struct {
	r *rules
}

var (
	loadOnce sync.Once
	loaded   *rules
	loadErr  error
)

// shared parses the embedded tables once; they are never modified after.
func shared() (*rules, error) {
	loadOnce.Do(func() { loaded, loadErr = loadRules() })
	return loaded, loadErr
}

// New returns the timex stage. It panics if the embedded tables do not
// parse, which the package tests rule out.
func New() *Stage {
	r, err := shared()
	if err != nil {
		panic(err)
	}
	return &Stage{r: r}
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "timex" }

// Requires implements pipeline.Stage.
func (*Stage) Requires() []string { return []string{"text"} }

// Process implements pipeline.Stage: it sets d.Timexes. Without a usable
// publication date, relative expressions cannot be anchored and only
// absolute ones (years, full dates, durations) are kept.
func (s *Stage) Process(ctx context.Context, d *sitrep.Document) error {
	ref, ok := d.Doc.PublishedTime()
	d.Timexes = d.Timexes[:0]
	for _, sp := range sentenceSpans(d) {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("timex: %w", err)
		}
		for _, tx := range s.find(d.Doc.Text, sp, ref, ok) {
			d.Timexes = append(d.Timexes, tx)
		}
	}
	return nil
}

// sentence is a span of text with its index in d.Sentences (-1 when the
// text stage left none) and its part-of-speech tags by start offset.
type sentence struct {
	sitrep.Span
	index int
	pos   map[int]string
}

func sentenceSpans(d *sitrep.Document) []sentence {
	text := d.Doc.Text
	var out []sentence
	for i, s := range d.Sentences {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			continue
		}
		ss := sentence{Span: s.Span, index: i}
		if len(s.Tokens) > 0 {
			ss.pos = make(map[int]string, len(s.Tokens))
			for _, t := range s.Tokens {
				ss.pos[t.Start] = t.POS
			}
		}
		out = append(out, ss)
	}
	if len(out) > 0 || len(d.Sentences) > 0 {
		return out
	}
	for _, sp := range splitSentences(text) {
		out = append(out, sentence{Span: sp, index: -1})
	}
	return out
}

// splitSentences is a plain fallback for documents the text stage has
// not split: breaks at blank lines and at . ! ? before white space and a
// capital letter.
func splitSentences(text string) []sitrep.Span {
	var out []sitrep.Span
	start := 0
	emit := func(end int) {
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, sitrep.Span{Start: start, End: end})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n' && i+1 < len(text) && text[i+1] == '\n':
			emit(i + 1)
		case (c == '.' || c == '!' || c == '?') && i+2 < len(text) && (text[i+1] == ' ' || text[i+1] == '\n'):
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\n') {
				j++
			}
			if j < len(text) && (unicode.IsUpper(rune(text[j])) || text[j] == '"') {
				emit(i + 1)
			}
		}
	}
	emit(len(text))
	return out
}

// find returns the timexes of one sentence.
func (s *Stage) find(text string, sp sentence, ref time.Time, hasRef bool) []sitrep.Timex {
	toks := tokenize(text, sp.Start, sp.End, s.r.isAbbrev)
	var out []sitrep.Timex
	for i := 0; i < len(toks); {
		h, ok := s.r.matchAt(toks, i)
		if ok && h.start > i {
			// A match that needed context before its span must not hide a
			// longer one starting where its span starts.
			if h2, ok2 := s.r.matchAt(toks, h.start); ok2 && h2.start == h.start && h2.end > h.end {
				h = h2
			}
		}
		if !ok || s.reject(toks, h) {
			i++
			continue
		}
		c := &rctx{slots: map[string]string{}, ref: dayOf(ref), typ: h.p.typ}
		for k, v := range h.p.params {
			c.slots[k] = v
		}
		for _, sl := range h.slots {
			if _, dup := c.slots[sl.key]; !dup || h.p.params[sl.key] != "" {
				c.slots[sl.key] = sl.val
			}
		}
		c.dir = s.tense(toks, h, sp)
		if !hasRef {
			c.ref = time.Time{}
		}
		res, ok := resolvers[h.p.resolver](c)
		if !ok || !hasRef && needsRef(h.p.resolver, c) {
			i++
			continue
		}
		start, end := toks[h.start].start, toks[h.end-1].end
		out = append(out, sitrep.Timex{
			Span:     sitrep.Span{Start: start, End: end},
			Text:     text[start:end],
			Sentence: sp.index,
			Type:     res.typ,
			Value:    res.value,
			Date:     res.date,
		})
		i = h.end
	}
	return out
}

// needsRef reports whether a resolved expression depended on the
// reference date.
func needsRef(resolver string, c *rctx) bool {
	switch resolver {
	case "duration", "set":
		return false
	case "date", "month", "season", "quarter", "half", "weekof":
		return !c.has("year")
	case "year", "iso":
		return false
	}
	return true
}

// reject drops matches that are more likely something else: a bare
// four-digit number that counts things ("2000 troops", "$1500").
func (s *Stage) reject(toks []tok, h hit) bool {
	if h.p.resolver != "year" || h.end-h.start != 1 || len(h.slots) != 1 || h.slots[0].key != "year" {
		return false
	}
	if h.start > 0 {
		switch toks[h.start-1].low {
		case "$", "£", "€", "#", "no", "no.", "number":
			return true
		}
	}
	if h.end < len(toks) {
		n := toks[h.end]
		if _, known := s.r.vocab[n.low]; !known && !n.upper && len(n.low) > 3 && strings.HasSuffix(n.low, "s") && unicode.IsLetter(rune(n.low[0])) {
			return true
		}
	}
	return false
}

// tenseWindow is how many tokens either side of an expression are
// searched for a tense cue.
const tenseWindow = 10

// tense returns +1 when the clause around h speaks of the future, -1 when
// it clearly speaks of the past, 0 without a cue. The nearest cue to the
// left wins; the right is searched only if the left has none.
func (s *Stage) tense(toks []tok, h hit, sp sentence) int {
	cue := func(t tok) int {
		if v, ok := s.r.vocab[t.low]["tensecue"]; ok {
			if v == "1" {
				return 1
			}
			return -1
		}
		switch sp.pos[t.start] {
		case "MD":
			if t.low == "would" || t.low == "could" || t.low == "might" {
				return 0
			}
		case "VBD":
			return -1
		}
		return 0
	}
	for j := h.start - 1; j >= 0 && j >= h.start-tenseWindow; j-- {
		if c := cue(toks[j]); c != 0 {
			return c
		}
	}
	for j := h.end; j < len(toks) && j < h.end+tenseWindow; j++ {
		if c := cue(toks[j]); c != 0 {
			return c
		}
	}
	return 0
}

// Resolve normalises one temporal expression against ref, reading it as
// past when tense is unknown. ok is false when expr holds no expression.
// The longest expression found in expr is used.
func Resolve(expr string, ref time.Time) (sitrep.Date, bool) {
	r, err := shared()
	if err != nil {
		return sitrep.Date{}, false
	}
	s := &Stage{r: r}
	sp := sentence{Span: sitrep.Span{Start: 0, End: len(expr)}, index: -1}
	var best sitrep.Timex
	found := false
	for _, tx := range s.find(expr, sp, ref, true) {
		if !found || tx.Len() > best.Len() {
			best, found = tx, true
		}
	}
	return best.Date, found
}

// PublicationDate is the date to give an event that has no temporal
// expression of its own: the publication day, with precision
// "publication". It is the zero Date when the document has no usable
// publication date.
func PublicationDate(d *sitrep.Document) sitrep.Date {
	t, ok := d.Doc.PublishedTime()
	if !ok {
		return sitrep.Date{}
	}
	day := dayOf(t).Format(isoDay)
	return sitrep.Date{Value: day, Earliest: day, Latest: day, Precision: "publication"}
}
