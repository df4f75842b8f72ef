package entities

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
)

// PRF is precision, recall and F1 over counts.
type PRF struct {
	TP, System, Gold int
	P, R, F1         float64
}

func (x *PRF) add(o PRF) { x.TP, x.System, x.Gold = x.TP+o.TP, x.System+o.System, x.Gold+o.Gold }

func (x *PRF) finish() {
	x.P, x.R, x.F1 = 0, 0, 0
	if x.System > 0 {
		x.P = float64(x.TP) / float64(x.System)
	}
	if x.Gold > 0 {
		x.R = float64(x.TP) / float64(x.Gold)
	}
	if x.P+x.R > 0 {
		x.F1 = 2 * x.P * x.R / (x.P + x.R)
	}
}

// Scores are the figures of one matching mode.
type Scores struct {
	Person, Organization, Place PRF
	PersonOrg                   PRF // people and organisations together
	All                         PRF // all three classes
}

func (s *Scores) class(c string) *PRF {
	switch c {
	case Person:
		return &s.Person
	case Organization:
		return &s.Organization
	}
	return &s.Place
}

func (s *Scores) finish() {
	s.PersonOrg, s.All = PRF{}, PRF{}
	s.PersonOrg.add(s.Person)
	s.PersonOrg.add(s.Organization)
	s.All.add(s.PersonOrg)
	s.All.add(s.Place)
	for _, p := range []*PRF{&s.Person, &s.Organization, &s.Place, &s.PersonOrg, &s.All} {
		p.finish()
	}
}

// SetReport holds the scores on one benchmark set.
type SetReport struct {
	Name    string
	Docs    int
	Strict  Scores // same core span and class
	Relaxed Scores // overlapping core spans of the same class
	Errors  []Error
}

// Error is one missed, spurious or mistyped name, kept for error analysis.
type Error struct {
	Doc, Kind, Text string // Kind: "missed", "spurious", "type", "boundary"
	Gold, System    string // classes
	SystemText      string // for "boundary": the overlapping system name
}

// Report is the result of Run.
type Report struct {
	Sets    []SetReport
	Elapsed time.Duration
}

// gumTest is the news part of GUM's official test split (splits.md).
var gumTest = map[string]bool{"GUM_news_nasa": true, "GUM_news_sensitive": true}

// maxErrors bounds the errors kept per set.
const maxErrors = 4000

// Run scores the actor stage on MEANTIME and GUM news found under root (the
// benchmarks directory) and writes a table to w. A set that is absent is
// left out; with neither present Run fails.
func Run(root string, w io.Writer) (Report, error) {
	start := time.Now()
	var rep Report
	kb, err := actor.LoadKB()
	if err != nil {
		return rep, fmt.Errorf("eval entities: %w", err)
	}
	ts, err := text.New()
	if err != nil {
		return rep, fmt.Errorf("eval entities: %w", err)
	}
	as := actor.New(kb)
	if g, err := geo.Load(); err == nil {
		as = as.WithPlaces(g.KnownPlace(geo.KnownPlaceMinPop))
	} else if !errors.Is(err, geo.ErrNotBuilt) {
		return rep, fmt.Errorf("eval entities: %w", err)
	}
	p, err := pipeline.New(ts, as)
	if err != nil {
		return rep, fmt.Errorf("eval entities: %w", err)
	}
	readers := []struct {
		name, dir string
		read      func(string) ([]*doc, error)
	}{
		{"MEANTIME", "meantime_en", readMeantime},
		{"GUM news", "gum_news", readGUM},
		{"re3d", "re3d", readRe3d},
	}
	for _, r := range readers {
		dir := filepath.Join(root, r.dir)
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		docs, err := r.read(dir)
		if err != nil {
			return rep, fmt.Errorf("eval entities: %w", err)
		}
		sr, err := score(r.name, docs, p)
		if err != nil {
			return rep, fmt.Errorf("eval entities: %w", err)
		}
		rep.Sets = append(rep.Sets, sr)
		if r.dir == "gum_news" {
			// GUM's official test split, never looked at while the rules
			// were written, as a held-out figure.
			var test []*doc
			for _, d := range docs {
				if gumTest[d.Name] {
					test = append(test, d)
				}
			}
			if len(test) > 0 {
				sr, err := score("GUM test", test, p)
				if err != nil {
					return rep, fmt.Errorf("eval entities: %w", err)
				}
				rep.Sets = append(rep.Sets, sr)
			}
		}
	}
	if len(rep.Sets) == 0 {
		return rep, fmt.Errorf("eval entities: none of meantime_en, gum_news, re3d under %s", root)
	}
	rep.Elapsed = time.Since(start)
	return rep, rep.Write(w)
}

// core is a scored name: a token range and a class.
type core struct {
	i, j  int
	class string
}

// score runs the pipeline over docs and compares names.
func score(name string, docs []*doc, p *pipeline.Pipeline) (SetReport, error) {
	sr := SetReport{Name: name, Docs: len(docs)}
	for _, d := range docs {
		d.build()
		sd := &sitrep.Document{Doc: sitrep.Doc{ID: d.Name, Text: d.text, Published: d.DCT}}
		if err := p.Run(context.Background(), sd); err != nil {
			return sr, fmt.Errorf("%s %s: %w", d.Set, d.Name, err)
		}
		if sd.Doc.Text != d.text {
			// The text stage dropped lines as boilerplate: map offsets
			// in the kept text back to the rebuilt one.
			m, err := alignLines(sd.Doc.Text, d.text)
			if err != nil {
				return sr, errors.New(d.Set + " " + d.Name + ": " + err.Error())
			}
			for k := range sd.Entities {
				for x := range sd.Entities[k].Mentions {
					sp := &sd.Entities[k].Mentions[x].Span
					sp.Start, sp.End = m(sp.Start), m(sp.End-1)+1
				}
			}
		}
		gold := goldCores(d)
		sys := systemCores(d, sd.Entities)
		match(d, gold, sys, &sr)
	}
	sr.Strict.finish()
	sr.Relaxed.finish()
	return sr, nil
}

func goldCores(d *doc) []core {
	seen := map[core]bool{}
	var out []core
	for _, g := range d.Gold {
		i, j, ok := d.core(g.I, g.J, g.Named)
		if !ok {
			continue
		}
		c := d.personName(core{i, j, g.Class})
		if d.MaxSent >= 0 && d.Sent[i] > d.MaxSent {
			continue
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// alignLines returns a map from offsets in kept, made of whole lines of
// orig in order, to offsets in orig.
func alignLines(kept, orig string) (func(int) int, error) {
	type seg struct{ k, o int }
	var segs []seg
	o := 0
	for k := 0; k < len(kept); {
		e := strings.IndexByte(kept[k:], '\n')
		if e < 0 {
			e = len(kept) - k
		} else {
			e++
		}
		line := kept[k : k+e]
		idx := strings.Index(orig[o:], line)
		if idx < 0 {
			return nil, errors.New("kept text is not made of the original lines")
		}
		segs = append(segs, seg{k, o + idx})
		o += idx + len(line)
		k += e
	}
	return func(off int) int {
		n := sort.Search(len(segs), func(i int) bool { return segs[i].k > off }) - 1
		if n < 0 {
			return off
		}
		return segs[n].o + off - segs[n].k
	}, nil
}

// systemClass maps an entity to a scored class.
func systemClass(e sitrep.Entity) string {
	switch e.Type {
	case sitrep.Person:
		return Person
	case sitrep.Country, sitrep.PlaceEntity:
		return Place
	}
	return Organization
}

func systemCores(d *doc, es []sitrep.Entity) []core {
	seen := map[core]bool{}
	var out []core
	for _, e := range es {
		class := systemClass(e)
		sector := strings.Contains(strings.TrimPrefix(e.ID, "kb:"), "/")
		for _, m := range e.Mentions {
			ti, tj, ok := d.tokenRange(m.Span)
			if !ok {
				continue
			}
			c, ok := d.systemCore(ti, tj, class, sector)
			if !ok {
				continue
			}
			c = d.personName(c)
			if c.class == Place && d.nationality(c) {
				continue
			}
			if d.MaxSent >= 0 && d.Sent[c.i] > d.MaxSent {
				continue
			}
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// systemCore returns the name core of a system mention over tokens
// [ti, tj). A sector actor written as a phrase ("Russian warplanes", "a
// Russian three-star general") names only its country: its demonym counts
// as a place.
func (d *doc) systemCore(ti, tj int, class string, sector bool) (core, bool) {
	if i, j, ok := d.core(ti, tj, false); ok {
		if sector && j-i == 1 && tj-ti > 1 {
			class = Place
		}
		return core{i, j, class}, true
	}
	if !sector {
		return core{}, false
	}
	for k := ti; k < tj; k++ {
		if capWord(d.Tokens[k]) && !titles[strings.ToLower(d.Tokens[k])] {
			if i, j, ok := d.core(k, k+1, false); ok {
				return core{i, j, Place}, true
			}
			break
		}
	}
	return core{}, false
}

// personName cuts a person's core before "of": in "Frederick Fung of
// ADPL" the name is "Frederick Fung", the rest names his party.
func (d *doc) personName(c core) core {
	if c.class != Person {
		return c
	}
	for k := c.i + 2; k < c.j-1; k++ {
		if d.Tokens[k] == "of" {
			c.j = k
			break
		}
	}
	return c
}

// nationality reports whether c lies inside a span annotated as a
// nationality.
func (d *doc) nationality(c core) bool {
	for _, n := range d.Nationality {
		if n[0] <= c.i && c.j <= n[1] {
			return true
		}
	}
	return false
}

// match counts strict and relaxed matches of one document.
func match(d *doc, gold, sys []core, sr *SetReport) {
	text := func(c core) string {
		return d.text[d.spans[c.i].Start:d.spans[c.j-1].End]
	}
	for _, g := range gold {
		sr.Strict.class(g.class).Gold++
		sr.Relaxed.class(g.class).Gold++
	}
	for _, s := range sys {
		sr.Strict.class(s.class).System++
		sr.Relaxed.class(s.class).System++
	}
	// Strict: same span and class.
	exact := map[core]bool{}
	for _, g := range gold {
		exact[g] = true
	}
	for _, s := range sys {
		if exact[s] {
			sr.Strict.class(s.class).TP++
		}
	}
	// Relaxed: one-to-one over overlapping spans of one class, exact
	// matches first.
	usedG, usedS := make([]bool, len(gold)), make([]bool, len(sys))
	var bounds []Error
	pair := func(ok func(g, s core) bool) {
		for a, g := range gold {
			if usedG[a] {
				continue
			}
			for b, s := range sys {
				if !usedS[b] && ok(g, s) {
					usedG[a], usedS[b] = true, true
					sr.Relaxed.class(g.class).TP++
					if g != s {
						bounds = append(bounds, Error{Doc: d.Name, Kind: "boundary", Text: text(g), Gold: g.class, System: s.class, SystemText: text(s)})
					}
					break
				}
			}
		}
	}
	pair(func(g, s core) bool { return g == s })
	pair(func(g, s core) bool { return g.class == s.class && g.i < s.j && s.i < g.j })
	if len(sr.Errors) >= maxErrors {
		return
	}
	sr.Errors = append(sr.Errors, bounds...)
	for a, g := range gold {
		if usedG[a] {
			continue
		}
		kind, sysClass := "missed", ""
		for _, s := range sys {
			if g.i < s.j && s.i < g.j {
				kind, sysClass = "type", s.class
				break
			}
		}
		sr.Errors = append(sr.Errors, Error{Doc: d.Name, Kind: kind, Text: text(g), Gold: g.class, System: sysClass})
	}
	for b, s := range sys {
		if usedS[b] {
			continue
		}
		overlap := false
		for _, g := range gold {
			if g.i < s.j && s.i < g.j {
				overlap = true
			}
		}
		if !overlap {
			sr.Errors = append(sr.Errors, Error{Doc: d.Name, Kind: "spurious", Text: text(s), System: s.class})
		}
	}
}

// Write prints the report as a table.
func (r Report) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tmatch\tclass\tgold\tsystem\tTP\tP\tR\tF1\t")
	for _, s := range r.Sets {
		for _, m := range []struct {
			name string
			sc   Scores
		}{{"strict", s.Strict}, {"relaxed", s.Relaxed}} {
			for _, row := range []struct {
				name string
				x    PRF
			}{{"person", m.sc.Person}, {"organization", m.sc.Organization}, {"place", m.sc.Place},
				{"person+org", m.sc.PersonOrg}, {"all", m.sc.All}} {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n",
					s.Name, m.name, row.name, row.x.Gold, row.x.System, row.x.TP, row.x.P, row.x.R, row.x.F1)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var docs []string
	for _, s := range r.Sets {
		docs = append(docs, fmt.Sprintf("%s %d docs", s.Name, s.Docs))
	}
	sort.Strings(docs)
	_, err := fmt.Fprintf(w, "named mentions (proper-name cores); %s; %.1fs\n", strings.Join(docs, ", "), r.Elapsed.Seconds())
	return err
}
