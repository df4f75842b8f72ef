package events

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/text"
)

// petrRecord is one <Sentence> of PETR.UnitTest.records.xml.
type petrRecord struct {
	ID, Category, Date string
	Valid              bool     // sentence="true"
	Text               string   //
	Want               []triple // expected codings, sorted; empty for noevents or error
	Options            map[string]string
}

// triple is one coded event: source, target and event code.
type triple struct{ Src, Tgt, Code string }

func (t triple) String() string { return t.Src + ">" + t.Tgt + ":" + t.Code }

// readRecords parses the validation records file.
func readRecords(path string) ([]petrRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	dec.Strict = false
	opts := map[string]string{}
	var recs []petrRecord
	var cur *petrRecord
	var inText bool
	var buf strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			attr := func(n string) string {
				for _, a := range t.Attr {
					if strings.EqualFold(a.Name.Local, n) {
						return strings.Trim(strings.TrimSpace(a.Value), `"`)
					}
				}
				return ""
			}
			switch t.Name.Local {
			case "Config":
				opts[strings.ToLower(attr("option"))] = strings.ToLower(attr("value"))
			case "Sentence":
				o := make(map[string]string, len(opts))
				for k, v := range opts {
					o[k] = v
				}
				cur = &petrRecord{ID: attr("id"), Category: attr("category"), Date: attr("date"), Valid: strings.EqualFold(attr("sentence"), "true"), Options: o}
			case "EventCoding":
				if cur != nil && attr("noevents") == "" && attr("error") == "" {
					cur.Want = append(cur.Want, triple{attr("sourcecode"), attr("targetcode"), attr("eventcode")})
				}
			case "Text":
				inText = true
				buf.Reset()
			}
		case xml.CharData:
			if inText {
				buf.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "Text":
				inText = false
				if cur != nil {
					cur.Text = strings.Join(strings.Fields(buf.String()), " ")
				}
			case "Sentence":
				if cur != nil {
					sortTriples(cur.Want)
					recs = append(recs, *cur)
				}
				cur = nil
			}
		}
	}
	return recs, nil
}

func sortTriples(ts []triple) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].String() < ts[j].String() })
}

// PetrarchReport holds the scores on the PETRARCH-2 validation records.
type PetrarchReport struct {
	Records int // records with sentence="true"
	Exact   int // records whose sorted coding equals the expected one
	// Event-level counts over all records.
	TP, System, Gold int
	P, R             float64
	Misses           []PetrarchMiss
}

// PetrarchMiss is one record coded differently from the expected list.
type PetrarchMiss struct {
	ID, Text  string
	Want, Got []triple
}

// petrarchDir finds the validation directory under root.
func petrarchDir(root string) (string, error) {
	for _, d := range []string{
		filepath.Join(root, "petrarch2", "validation"),
		filepath.Join(root, "validation"),
		root,
	} {
		if _, err := os.Stat(filepath.Join(d, "PETR.UnitTest.records.xml")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("petrarch2: PETR.UnitTest.records.xml not found under %s", root)
}

// RunPetrarch codes the PETRARCH-2 validation records under root from their
// text with the validation dictionaries and counts exact matches.
func RunPetrarch(ctx context.Context, root string) (PetrarchReport, error) {
	var rep PetrarchReport
	dir, err := petrarchDir(root)
	if err != nil {
		return rep, err
	}
	c, err := newPetrCoder(dir)
	if err != nil {
		return rep, err
	}
	recs, err := readRecords(filepath.Join(dir, "PETR.UnitTest.records.xml"))
	if err != nil {
		return rep, err
	}
	for _, r := range recs {
		if !r.Valid {
			continue
		}
		rep.Records++
		got, err := c.code(ctx, r)
		if err != nil {
			return rep, fmt.Errorf("petrarch2: %s: %w", r.ID, err)
		}
		sortTriples(got)
		rep.System += len(got)
		rep.Gold += len(r.Want)
		used := make([]bool, len(got))
		for _, w := range r.Want {
			for k, g := range got {
				if !used[k] && g == w {
					used[k] = true
					rep.TP++
					break
				}
			}
		}
		if equalTriples(got, r.Want) {
			rep.Exact++
		} else {
			rep.Misses = append(rep.Misses, PetrarchMiss{ID: r.ID, Text: r.Text, Want: r.Want, Got: got})
		}
	}
	if rep.System > 0 {
		rep.P = float64(rep.TP) / float64(rep.System)
	}
	if rep.Gold > 0 {
		rep.R = float64(rep.TP) / float64(rep.Gold)
	}
	return rep, nil
}

func equalTriples(a, b []triple) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// petrCoder codes sentences TABARI-style: actors from the PETRARCH actor
// and agent dictionaries (through the actor stage), events from the verb
// dictionary's patterns.
type petrCoder struct {
	text     *text.Stage
	actor    *actor.Stage
	verbs    *verbDict
	discards [][]string
	agents   []agent
	multi    map[string]string // normalised actor phrase -> "A/B/C" for actors with alternative codes
}

// agent is one phrase of the agent dictionary.
type agent struct {
	words  []string
	code   string
	prefix bool
}

func newPetrCoder(dir string) (*petrCoder, error) {
	open := func(name string) (*os.File, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("petrarch2: %w", err)
		}
		return f, nil
	}
	af, err := open("PETR.Validate.actors.txt")
	if err != nil {
		return nil, err
	}
	defer af.Close()
	ab, err := os.ReadFile(filepath.Join(dir, "PETR.Validate.actors.txt"))
	if err != nil {
		return nil, fmt.Errorf("petrarch2: %w", err)
	}
	pacts, err := actor.ParsePetrarchActors("PETR.Validate.actors.txt", bytes.NewReader(ab))
	if err != nil {
		return nil, err
	}
	// "[FRO/BIL/SAM]" gives one actor per code.
	multi := map[string]string{}
	for _, a := range pacts {
		var alts []string
		for _, code := range a.Codes {
			if code.From == "" && code.To == "" {
				alts = append(alts, strings.Split(code.Code, "/")...)
			}
		}
		if len(alts) < 2 {
			continue
		}
		for _, ph := range append([]string{a.Phrase}, a.Synonyms...) {
			k := strings.Join(splitWords(ph), " ")
			multi[k] = strings.Join(alts, "/")
			multi[strings.TrimPrefix(k, "THE ")] = strings.Join(alts, "/")
		}
	}
	gb, err := os.ReadFile(filepath.Join(dir, "PETR.Validate.agents.txt"))
	if err != nil {
		return nil, fmt.Errorf("petrarch2: %w", err)
	}
	kb, err := actor.LoadPetrarch([]actor.Dict{{Name: af.Name(), R: af}}, []actor.Dict{{Name: "PETR.Validate.agents.txt", R: bytes.NewReader(gb)}})
	if err != nil {
		return nil, err
	}
	pas, err := actor.ParsePetrarchAgents("PETR.Validate.agents.txt", bytes.NewReader(gb))
	if err != nil {
		return nil, err
	}
	var agents []agent
	for _, a := range pas {
		for _, ph := range a.Phrases {
			if ws := splitWords(ph); len(ws) > 0 {
				agents = append(agents, agent{words: ws, code: a.Code, prefix: a.Prefix})
			}
		}
	}
	vf, err := open("PETR.Validate.verbs.txt")
	if err != nil {
		return nil, err
	}
	defer vf.Close()
	vd, err := parseVerbs(vf.Name(), vf)
	if err != nil {
		return nil, err
	}
	df, err := open("PETR.Validate.discards.txt")
	if err != nil {
		return nil, err
	}
	defer df.Close()
	ds, err := parseDiscards(df)
	if err != nil {
		return nil, err
	}
	ts, err := text.New()
	if err != nil {
		return nil, err
	}
	return &petrCoder{text: ts, actor: actor.New(kb), verbs: vd, discards: ds, agents: agents, multi: multi}, nil
}

// parseDiscards reads a discards file: one phrase a line, "+" for a
// story-level discard (the same to a one-sentence story).
func parseDiscards(r io.Reader) ([][]string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, ln := range strings.Split(string(b), "\n") {
		if i := strings.Index(ln, "#"); i >= 0 {
			ln = ln[:i]
		}
		ln = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(ln), "+"))
		if ln == "" || strings.HasPrefix(ln, "<") {
			continue
		}
		out = append(out, splitWords(ln))
	}
	return out, nil
}

// item is a word of the sentence or a whole actor mention.
type item struct {
	word  string // upper case; "" for an actor
	pos   string
	actor string // CAMEO code of an actor mention
}

func (c *petrCoder) code(ctx context.Context, r petrRecord) ([]triple, error) {
	pub := r.Date
	if len(pub) == 8 {
		pub = pub[:4] + "-" + pub[4:6] + "-" + pub[6:]
	}
	d := &sitrep.Document{Doc: sitrep.Doc{ID: r.ID, Published: pub, Raw: r.Text}}
	if err := c.text.Process(ctx, d); err != nil {
		return nil, err
	}
	if err := c.actor.Process(ctx, d); err != nil {
		return nil, err
	}
	items := c.attachAgents(c.items(d))
	if c.discarded(items) {
		return nil, nil
	}
	dyad := r.Options["require_dyad"] != "false"
	return codeItems(c.verbs, items, dyad), nil
}

// items turns the document into words and actor mentions.
func (c *petrCoder) items(d *sitrep.Document) []item {
	type ment struct {
		sitrep.Span
		code string
	}
	var ms []ment
	for _, e := range d.Entities {
		if e.CAMEO == "" {
			continue
		}
		for _, m := range e.Mentions {
			code := e.CAMEO
			if mc, ok := c.multi[strings.TrimPrefix(strings.Join(splitWords(m.Text), " "), "THE ")]; ok {
				code = mc
			}
			ms = append(ms, ment{m.Span, code})
		}
	}
	var out []item
	for _, s := range d.Sentences {
		for _, t := range s.Tokens {
			in := -1
			for k, m := range ms {
				if m.Start < t.End && t.Start < m.End {
					in = k
					break
				}
			}
			if in >= 0 {
				if len(out) > 0 && out[len(out)-1].word == "" && out[len(out)-1].pos == fmt.Sprint(in) {
					continue
				}
				out = append(out, item{actor: ms[in].code, pos: fmt.Sprint(in)})
				continue
			}
			w := strings.ToUpper(t.Text)
			if w == "." || w == "``" || w == "''" || w == "\"" {
				continue
			}
			out = append(out, item{word: w, pos: t.POS})
		}
	}
	return out
}

func (c *petrCoder) discarded(items []item) bool {
	for _, ph := range c.discards {
		for i := range items {
			ok := true
			for k, w := range ph {
				if i+k >= len(items) || items[i+k].word != w {
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

// agentAt returns the longest agent phrase starting at item i.
func (c *petrCoder) agentAt(items []item, i int) (*agent, int) {
	return c.longestAgent(items, func(int) int { return i })
}

// compose adds an agent's code to an actor code, as PETRARCH does:
// after it ("ARN"+"GOV"), or before it for prefix agents ("NGO"+"ARN").
func compose(actor string, a *agent) string {
	if a.prefix {
		if strings.HasPrefix(actor, a.code) {
			return actor
		}
		return a.code + actor
	}
	if strings.HasSuffix(actor, a.code) {
		return actor
	}
	return actor + a.code
}

// composeAll composes the actor with each agent, giving alternative codes
// ("DNKMED/DNKGOV") that code one event each.
func composeAll(actor string, as []*agent) string {
	var codes []string
	for _, a := range as {
		codes = append(codes, compose(actor, a))
	}
	return strings.Join(codes, "/")
}

// attachAgents gives actors the agent words around them: "Gondor's
// government", "soldiers from Gondor", "the ambassadors of Arnor,
// Osgiliath and Gondor", "MSF Arnor". An agent phrase attached to no actor
// becomes an anonymous actor, "---" plus its code ("a senior official").
func (c *petrCoder) attachAgents(items []item) []item {
	out := append([]item(nil), items...)
	used := make([]bool, len(items))
	consume := func(lo, n int) {
		for k := lo; k < lo+n && k < len(items); k++ {
			used[k] = true
		}
	}
	for i, it := range items {
		if it.actor == "" {
			continue
		}
		// After: "ACTOR 's [modifiers] AGENT".
		j := i + 1
		if j < len(items) && (items[j].word == "'S" || items[j].word == "’S" || items[j].word == "'") {
			j++
		}
		possessive := j > i+1
		for m := 0; m <= maxModifiers && j < len(items) && items[j].actor == ""; m, j = m+1, j+1 {
			if a, n := c.agentAt(items, j); a != nil {
				// Coordinated agents: "Danish media and government".
				as := []*agent{a}
				consume(j, n)
				for k := j + n; k+1 < len(items) && isConj(items[k]); {
					b, nb := c.agentAt(items, k+1)
					if b == nil {
						break
					}
					as = append(as, b)
					consume(k, nb+1)
					k += nb + 1
				}
				out[i].actor = composeAll(out[i].actor, as)
				break
			}
			// "Ithilen's awful and evil minister": conjoined adjectives only
			// after a possessive.
			if !isModifier(items[j]) && !(possessive && items[j].word == "AND") {
				break
			}
		}
		// Before: "MSF ACTOR" (adjacent), or "AGENT of/from/in [the] ACTOR",
		// the agent applying to every conjunct of the actor's group.
		p := group(items, i)[0] - 1
		if p >= 0 && items[p].word == "THE" {
			p--
		}
		if p < 0 {
			continue
		}
		if a, n := c.agentEndingAt(items, p); a != nil {
			out[i].actor = compose(out[i].actor, a)
			consume(p-n+1, n)
			continue
		}
		if p >= 1 && (items[p].word == "OF" || items[p].word == "FROM" || items[p].word == "IN") {
			if a, n := c.agentEndingAt(items, p-1); a != nil {
				// "Lawmakers and officials in Fornost and Gondor".
				as := []*agent{a}
				consume(p-n, n+1)
				for e := p - n - 1; e-1 >= 0 && isConj(items[e]); {
					b, nb := c.agentEndingAt(items, e-1)
					if b == nil {
						break
					}
					as = append(as, b)
					consume(e-nb, nb+1)
					e -= nb + 1
				}
				out[i].actor = composeAll(out[i].actor, as)
			}
		}
	}
	final := out[:0:0]
	for k := 0; k < len(out); k++ {
		if used[k] {
			it := out[k]
			it.pos = "AGENT"
			final = append(final, it)
			continue
		}
		if out[k].actor == "" {
			if a, n := c.agentAt(items, k); a != nil && !a.prefix {
				final = append(final, item{actor: "---" + a.code, pos: "NNP"})
				k += n - 1
				continue
			}
		}
		final = append(final, out[k])
	}
	return final
}

// agentEndingAt returns the longest agent phrase ending at item e.
func (c *petrCoder) agentEndingAt(items []item, e int) (*agent, int) {
	return c.longestAgent(items, func(n int) int { return e - n + 1 })
}

// longestAgent returns the longest agent phrase whose n words start at
// item from(n).
func (c *petrCoder) longestAgent(items []item, from func(n int) int) (*agent, int) {
	var best *agent
	for k := range c.agents {
		a := &c.agents[k]
		n := len(a.words)
		lo := from(n)
		if lo < 0 || lo+n > len(items) || best != nil && n <= len(best.words) {
			continue
		}
		ok := true
		for m, w := range a.words {
			if items[lo+m].word != w {
				ok = false
				break
			}
		}
		if ok {
			best = a
		}
	}
	if best == nil {
		return nil, 0
	}
	return best, len(best.words)
}
