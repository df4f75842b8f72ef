package event

import (
	"context"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/timex"
)

// Name is the stage's name in the pipeline.
const Name = "event"

// DefaultMaxSentenceTokens is the longest sentence, in tokens, that is
// analysed; longer ones (usually unsplit lists or tables) are skipped.
const DefaultMaxSentenceTokens = 200

// Option configures the stage.
type Option func(*config)

type config struct {
	maxTokens     int
	minConfidence float64
}

// WithMaxSentenceTokens sets the longest sentence analysed, in tokens.
func WithMaxSentenceTokens(n int) Option { return func(c *config) { c.maxTokens = n } }

// WithMinConfidence drops events whose confidence is below v (0..1).
func WithMinConfidence(v float64) Option { return func(c *config) { c.minConfidence = v } }

// Stage codes events. It is safe for concurrent use: the lexicon is
// read-only after New.
type Stage struct {
	lx  *lexicon
	cfg config
}

var _ pipeline.Stage = (*Stage)(nil)

var (
	sharedOnce sync.Once
	sharedLx   *lexicon
	sharedErr  error
)

// sharedLexicon parses the embedded tables once per process.
func sharedLexicon() (*lexicon, error) {
	sharedOnce.Do(func() { sharedLx, sharedErr = loadLexicon() })
	return sharedLx, sharedErr
}

// New returns the event stage with the embedded dictionaries.
func New(opts ...Option) (*Stage, error) {
	cfg := config{maxTokens: DefaultMaxSentenceTokens}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.maxTokens <= 0 {
		return nil, fmt.Errorf("event: max sentence tokens must be positive, got %d", cfg.maxTokens)
	}
	if cfg.minConfidence < 0 || cfg.minConfidence > 1 {
		return nil, fmt.Errorf("event: min confidence must be in 0..1, got %g", cfg.minConfidence)
	}
	lx, err := sharedLexicon()
	if err != nil {
		return nil, err
	}
	return &Stage{lx: lx, cfg: cfg}, nil
}

// Name returns "event".
func (s *Stage) Name() string { return Name }

// Requires returns text (tokens and tags), actor (entities) and timex
// (dates). The geo stage is optional: when it ran, d.Places gives event
// locations, so pipelines should list it before event.
func (s *Stage) Requires() []string { return []string{"text", "actor", "timex"} }

// Process codes the events of every sentence of d and sets d.Events.
func (s *Stage) Process(ctx context.Context, d *sitrep.Document) error {
	ix := newDocIndex(d)
	var evs []sitrep.Event
	for si, sent := range d.Sentences {
		if si%16 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		ws := sentenceWords(d.Doc.Text, sent)
		if len(ws) == 0 || len(ws) > s.cfg.maxTokens {
			continue
		}
		a := analyse(s.lx, ws)
		if len(a.frames) == 0 {
			continue
		}
		sc := &sentCtx{d: d, ix: ix, si: si, sent: sent, a: a, lx: s.lx}
		sc.qs = quantities(s.lx, ws, ix.timexMask(si, ws))
		for k := range a.frames {
			for _, ev := range sc.events(k) {
				if ev.Confidence >= s.cfg.minConfidence {
					evs = append(evs, ev)
				}
			}
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Trigger.Start < evs[j].Trigger.Start })
	seen := map[string]int{}
	for i := range evs {
		id := eventID(d.Doc.ID, evs[i])
		if n := seen[id]; n > 0 {
			seen[id] = n + 1
			id = fmt.Sprintf("%s.%d", id, n+1)
		} else {
			seen[id] = 1
		}
		evs[i].ID = id
	}
	d.Events = evs
	return nil
}

// eventID is stable for the same document, sentence, trigger and actor
// whatever else the document holds: `<doc.id>/e<10 hex digits>`.
func eventID(doc string, ev sitrep.Event) string {
	h := fnv.New64a()
	actor := ""
	if ev.Actor != nil {
		actor = ev.Actor.ID
	}
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%d\x00%s", doc, ev.Sentence.Index, ev.Trigger.Start, ev.Trigger.End, actor)
	return fmt.Sprintf("%s/e%010x", doc, h.Sum64()&0xffffffffff)
}

// sentenceWords returns the sentence's tokens that lie inside text, with
// their lower-cased form.
func sentenceWords(text string, sent sitrep.Sentence) []word {
	ws := make([]word, 0, len(sent.Tokens))
	for _, t := range sent.Tokens {
		if t.Start < 0 || t.End > len(text) || t.Start >= t.End {
			continue
		}
		if t.Text == "" {
			t.Text = text[t.Start:t.End]
		}
		ws = append(ws, word{Token: t, low: strings.ToLower(t.Text)})
	}
	return ws
}

// docIndex holds the earlier layers by sentence.
type docIndex struct {
	ents   [][]entMention
	places [][]placeMention
	tx     [][]*sitrep.Timex
	pub    sitrep.Date
	outlet string

	// lastActor is, per PLOVER type, the actors of the events that had
	// one, in the order coded: "the strikes" two sentences after "Russian
	// jets struck" are Russia's. Filled as sentences are coded.
	lastActor map[string][]lastActor
}

type lastActor struct {
	a        sitrep.EventActor
	sentence int
	at       int // byte offset of the trigger: a later event in the same sentence is no antecedent
}

// maxAnaphora is how many sentences back a definite event noun looks for
// the actor of an earlier event of its type.
const maxAnaphora = 3

type entMention struct {
	e *sitrep.Entity
	m sitrep.Mention
}

type placeMention struct {
	p *sitrep.Place
	m sitrep.Mention
}

func newDocIndex(d *sitrep.Document) *docIndex {
	n := len(d.Sentences)
	ix := &docIndex{ents: make([][]entMention, n), places: make([][]placeMention, n), tx: make([][]*sitrep.Timex, n)}
	for i := range d.Entities {
		e := &d.Entities[i]
		for _, m := range e.Mentions {
			if m.Sentence >= 0 && m.Sentence < n {
				ix.ents[m.Sentence] = append(ix.ents[m.Sentence], entMention{e, m})
			}
		}
	}
	for i := range d.Places {
		p := &d.Places[i]
		for _, m := range p.Mentions {
			if m.Sentence >= 0 && m.Sentence < n {
				ix.places[m.Sentence] = append(ix.places[m.Sentence], placeMention{p, m})
			}
		}
	}
	for i := range d.Timexes {
		t := &d.Timexes[i]
		if t.Sentence >= 0 && t.Sentence < n {
			ix.tx[t.Sentence] = append(ix.tx[t.Sentence], t)
		}
	}
	ix.lastActor = map[string][]lastActor{}
	ix.pub = timex.PublicationDate(d)
	ix.outlet = strings.TrimSpace(d.Doc.Source)
	return ix
}

// timexMask marks the words of sentence si inside a temporal expression,
// so that "September 30" is not read as 30 of something.
func (ix *docIndex) timexMask(si int, ws []word) []bool {
	m := make([]bool, len(ws))
	for _, t := range ix.tx[si] {
		for k, w := range ws {
			if w.Start < t.End && t.Start < w.End {
				m[k] = true
			}
		}
	}
	return m
}
