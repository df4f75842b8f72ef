package actor

import (
	"context"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/pipeline"
)

// Stage is the actor stage of the pipeline.
type Stage struct {
	kb      *KB
	isPlace func(name string) bool // may be nil
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the actor stage over kb.
func New(kb *KB) *Stage { return &Stage{kb: kb} }

// WithPlaces returns a copy of s that asks isPlace whether a capitalised
// name outside the knowledge base is a well-known place (a town, province
// or country of the gazetteer), so that "Evansville" is typed a place and
// not guessed an organisation. geo.Gazetteer.KnownPlace gives such a test.
func (s *Stage) WithPlaces(isPlace func(name string) bool) *Stage {
	c := *s
	c.isPlace = isPlace
	return &c
}

// Name returns "actor".
func (s *Stage) Name() string { return "actor" }

// Requires returns the stages that must run first: the text stage, for
// sentences and tokens.
func (s *Stage) Requires() []string { return []string{"text"} }

// Process finds actor mentions in d's sentences, resolves them and sets
// d.Entities.
func (s *Stage) Process(ctx context.Context, d *sitrep.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	date := ""
	if t, ok := d.Doc.PublishedTime(); ok {
		date = t.Format("2006-01-02")
	}
	st := newDocState(s.kb, d.Doc.Text, date)
	st.isPlace = s.isPlace
	sents := make([][]word, len(d.Sentences))
	headline := make([]bool, len(d.Sentences))
	for si, sent := range d.Sentences {
		sents[si] = sentenceWords(d.Doc.Text, sent)
		if headline[si] = titleCase(sents[si]); headline[si] {
			continue // its capitals say nothing about names
		}
		ws := sents[si]
		for _, w := range ws {
			if !w.cap {
				st.lowerN[w.key]++
			}
		}
		for k, w := range ws {
			if k > 0 && w.cap && !sentenceStart(ws, k) {
				st.midCap[w.key] = true
				st.midCapN[w.key]++
				if !ws[k-1].cap && (k+1 == len(ws) || !ws[k+1].cap) {
					st.loneCap[w.key] = true
				}
			}
		}
	}
	for si := range sents {
		st.headline = headline[si]
		st.sentence(si, sents[si])
	}
	d.Entities = st.finish()
	return nil
}

// sentenceWords splits the tokens of one sentence into words. A middle
// initial between two capitalised words ("Vladimir V. Putin") is dropped
// from matching; the name's span still covers it.
func sentenceWords(text string, sent sitrep.Sentence) []word {
	var ws []word
	for ti, t := range sent.Tokens {
		if t.Start < 0 || t.End > len(text) || t.Start >= t.End {
			continue
		}
		ws = splitWords(text[t.Start:t.End], t.Start, ti, t.POS, ws)
	}
	if len(sent.Tokens) == 0 && sent.End <= len(text) && sent.Start < sent.End {
		ws = splitWords(text[sent.Start:sent.End], sent.Start, 0, "", ws)
	}
	out := ws[:0]
	for k, w := range ws {
		if k > 0 && k+1 < len(ws) && isInitial(w.raw) && ws[k-1].cap && ws[k+1].cap && !ws[k-1].upper &&
			w.end < len(text) && text[w.end] == ' ' { // not "F-16"
			continue
		}
		out = append(out, w)
	}
	return out
}

// titleCase reports whether a sentence is a headline in title case: no
// closing stop, and most of its longer words capitalised ("Boeing Pushes
// Back 737 Replacement").
func titleCase(ws []word) bool {
	n := len(ws)
	if n == 0 {
		return false
	}
	stop := ws[n-1].raw == "." || ws[n-1].raw == "?" || ws[n-1].raw == "!"
	if stop {
		// A clickbait line keeps its stop, but capitalises even its short
		// words: "5 Foods Doctors Say You Should Never Eat Before Bed."
		caps, all := 0, 0
		for k, w := range ws {
			if k == 0 || isPunct(w) || isDigitWord(w.raw) {
				continue
			}
			all++
			if w.cap {
				caps++
			}
		}
		return (all >= 5 || all >= 3 && ws[n-1].raw != ".") && caps*10 >= all*9
	}
	caps, all := 0, 0
	for k, w := range ws {
		if k == 0 || len(w.key) < 4 || isPunct(w) || isDigitWord(w.raw) {
			continue
		}
		all++
		if w.cap {
			caps++
		}
	}
	return all >= 3 && caps*10 >= all*7
}

// isInitial reports whether s is a single capital letter with or without a
// dot.
func isInitial(s string) bool {
	return (len(s) == 2 && s[1] == '.' || len(s) == 1) && s[0] >= 'A' && s[0] <= 'Z'
}

// sentenceStart reports whether ws[k] opens the sentence or follows an
// opening quote or bracket there.
func sentenceStart(ws []word, k int) bool {
	for j := k - 1; j >= 0; j-- {
		switch ws[j].raw {
		case "\"", "“", "‘", "'", "(", "[", "-", "—", "–", ":":
			continue
		}
		return false
	}
	return true
}

// mention is a found span before it is joined to an entity.
type mention struct {
	i, j       int // word range [i, j)
	start, end int // byte range, may reach past the words for phrases
	ent        sitrep.Entity
	role       *Role
	key        string // normalised name, for unknown names
	hint       string // title hint: person, military
}

type docState struct {
	kb      *KB
	isPlace func(string) bool // may be nil
	text    string
	date    string
	midCap  map[string]bool // keys seen capitalised inside a sentence
	// lowerN and midCapN count a key's lower-case uses and its
	// capitalised uses inside sentences.
	lowerN, midCapN map[string]int
	// loneCap holds keys seen as a capitalised word on its own inside a
	// sentence: a later short mention of a longer name.
	loneCap map[string]bool
	// headline is set while a title-case sentence is read: unknown names
	// there need their words capitalised elsewhere in the document.
	headline bool

	ents  map[string]*sitrep.Entity
	order []string
	roles map[string]*Role

	// Within-document resolution of short mentions.
	short      map[string]string // surname, first name, acronym, first word -> entity id
	votes      map[string]map[sitrep.EntityType]int
	lastPerson string
	lastMil    string
}

func newDocState(kb *KB, text, date string) *docState {
	return &docState{
		kb: kb, text: text, date: date, midCap: map[string]bool{}, loneCap: map[string]bool{},
		lowerN: map[string]int{}, midCapN: map[string]int{},
		ents: map[string]*sitrep.Entity{}, roles: map[string]*Role{}, short: map[string]string{},
		votes: map[string]map[sitrep.EntityType]int{},
	}
}

func (st *docState) add(m mention, sent int) {
	e, ok := st.ents[m.ent.ID]
	if !ok {
		ne := m.ent
		ne.Mentions = nil
		e = &ne
		st.ents[m.ent.ID] = e
		st.order = append(st.order, m.ent.ID)
		if m.role != nil {
			st.roles[m.ent.ID] = m.role
		}
	}
	if !e.Known && m.ent.Type == sitrep.Person && e.Type != sitrep.Person {
		e.Type = sitrep.Person
	}
	if len(m.ent.Name) > len(e.Name) && !e.Known {
		e.Name = m.ent.Name
	}
	e.Mentions = append(e.Mentions, sitrep.Mention{
		Span: sitrep.Span{Start: m.start, End: m.end}, Text: st.text[m.start:m.end], Sentence: sent,
	})
	if e.Type == sitrep.Person {
		if e.Known {
			if ws := strings.Fields(normPhrase(e.Name)); len(ws) > 1 {
				st.setShort(ws[len(ws)-1], e.ID)
			}
		}
		st.lastPerson = e.ID
		if m.hint == "military" || e.Type == sitrep.Person && strings.HasSuffix(e.CAMEO, "MIL") {
			st.lastMil = e.ID
		}
	}
}

// finish returns the entities in order of first mention, each with its
// mentions in text order.
func (st *docState) finish() []sitrep.Entity {
	out := make([]sitrep.Entity, 0, len(st.order))
	st.mergeShortNames()
	for _, id := range st.order {
		e := st.ents[id]
		if e == nil {
			continue // merged into a person
		}
		if v := st.votes[id]; !e.Known && len(v) > 1 && e.Type != sitrep.Person {
			best := e.Type
			for _, t := range []sitrep.EntityType{sitrep.PlaceEntity, sitrep.Organization, sitrep.Media, sitrep.Person} {
				if v[t] > v[best] {
					best = t
				}
			}
			e.Type = best
		}
		sort.SliceStable(e.Mentions, func(a, b int) bool { return e.Mentions[a].Start < e.Mentions[b].Start })
		out = append(out, *e)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Mentions[0].Start < out[b].Mentions[0].Start })
	return out
}

// mergeShortNames moves one-word mentions of names outside the knowledge
// base to the one person of the document whose full name ends with that
// word, wherever the full name appears: a
// headline's "Warhol" before the body's "Andy Warhol", "Mertens" typed as
// an organisation on its own, "Warhol" taken as the short form of "Warhol
// Polaroids". The person needs a sign of being one (a known entry, a given
// or family name), so that a mistyped name does not gather more mentions.
func (st *docState) mergeShortNames() {
	last := map[string][]string{}
	for _, id := range st.order {
		e := st.ents[id]
		if e.Type != sitrep.Person {
			continue
		}
		ws := strings.Fields(normPhrase(e.Name))
		if len(ws) < 2 || !e.Known && !st.kb.given[ws[0]] && !st.kb.family[ws[len(ws)-1]] {
			continue
		}
		last[ws[len(ws)-1]] = append(last[ws[len(ws)-1]], id)
	}
	if len(last) == 0 {
		return
	}
	for _, id := range st.order {
		e := st.ents[id]
		if e.Known || e.Type == sitrep.Country {
			continue
		}
		kept := e.Mentions[:0]
		for _, m := range e.Mentions {
			key := normPhrase(m.Text)
			target := ""
			if !strings.Contains(key, " ") && strings.ToUpper(m.Text) != m.Text {
				if ids := last[key]; len(ids) == 1 {
					target = ids[0]
				}
			}
			if target == "" || target == id {
				kept = append(kept, m)
				continue
			}
			p := st.ents[target]
			p.Mentions = append(p.Mentions, m)
		}
		e.Mentions = kept
		if len(kept) == 0 {
			st.ents[id] = nil
		}
	}
}
