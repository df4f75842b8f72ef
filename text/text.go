package text

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// Name is the stage name other stages list in Requires.
const Name = "text"

// Defaults for the Options.
const (
	DefaultMaxBytes       = 5 << 20 // 5 MiB of raw text
	DefaultMaxSentenceLen = 2000    // bytes; longer runs are cut at token boundaries
)

// Option configures a Stage.
type Option func(*config)

type config struct {
	maxBytes       int
	maxSentenceLen int
	lowCoherence   float64
	tagging        bool
}

// WithMaxBytes sets the largest raw text accepted; larger input fails with
// sitrep.ErrTooLarge.
func WithMaxBytes(n int) Option { return func(c *config) { c.maxBytes = n } }

// WithMaxSentenceLen sets the hard limit, in bytes, on a sentence: longer
// stretches without sentence punctuation are cut at a token boundary,
// preferably after a comma, semicolon, colon or dash.
func WithMaxSentenceLen(n int) Option { return func(c *config) { c.maxSentenceLen = n } }

// WithLowCoherence sets the coherence below which Flags.LowCoherence is
// set.
func WithLowCoherence(v float64) Option { return func(c *config) { c.lowCoherence = v } }

// WithTagging turns part-of-speech tagging on (the default) or off. Off,
// every token's POS is empty and coherence counts every word that is not
// a stop word.
func WithTagging(on bool) Option { return func(c *config) { c.tagging = on } }

// Stage is the text stage. It is safe for concurrent use.
type Stage struct {
	cfg  config
	boil *boilerplate
	seg  *segmenter
	tag  *tagger
	lex  *lexicon
}

// New builds the stage, parsing its embedded tables. The POS model is
// loaded on first use and shared by all Stages.
func New(opts ...Option) (*Stage, error) {
	cfg := config{
		maxBytes:       DefaultMaxBytes,
		maxSentenceLen: DefaultMaxSentenceLen,
		lowCoherence:   DefaultLowCoherence,
		tagging:        true,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.maxBytes <= 0 || cfg.maxSentenceLen <= 0 {
		return nil, fmt.Errorf("text: limits must be positive (max bytes %d, max sentence %d)", cfg.maxBytes, cfg.maxSentenceLen)
	}
	s := &Stage{cfg: cfg, seg: &segmenter{maxLen: cfg.maxSentenceLen}, lex: &lexicon{}}
	var err error
	load := func(name string, parse func(name, data string) error) {
		if err != nil {
			return
		}
		var data string
		if data, err = readData(name); err == nil {
			err = parse(name, data)
		}
	}
	load("boilerplate.tsv", func(n, d string) (e error) { s.boil, e = parseBoilerplate(n, d); return })
	load("dates.tsv", func(n, d string) (e error) { s.boil.dates, e = parseDateWords(n, d); return })
	load("appeal.tsv", func(n, d string) (e error) { s.boil.appeal, e = parseAppeal(n, d); return })
	load("abbreviations.tsv", func(n, d string) error { return parseAbbrevs(n, d, s.seg) })
	load("starters.tsv", func(n, d string) (e error) { s.seg.starters, e = parseWordList(n, d); return })
	load("stopwords.tsv", func(n, d string) (e error) { s.lex.stop, e = parseWordList(n, d); return })
	load("opinion.tsv", func(n, d string) error { return parseOpinion(n, d, s.lex) })
	if err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	if s.seg.punkt, err = newPunkt(); err != nil {
		return nil, fmt.Errorf("text: load sentence model: %w", err)
	}
	if cfg.tagging {
		m, err := loadPerceptron()
		if err != nil {
			return nil, fmt.Errorf("text: %w", err)
		}
		s.tag = &tagger{model: m}
	}
	return s, nil
}

// Name returns "text".
func (s *Stage) Name() string { return Name }

// Requires returns nil: text is the first stage after ingest.
func (s *Stage) Requires() []string { return nil }

// Process validates d.Doc.Raw (or d.Doc.Text when Raw is empty), drops
// boilerplate lines into d.Doc.Dropped, sets d.Doc.Text to the kept lines,
// and fills d.Sentences with tokens and POS tags and d.Doc.Flags.
func (s *Stage) Process(ctx context.Context, d *sitrep.Document) error {
	raw := d.Doc.Raw
	if raw == "" {
		raw = d.Doc.Text
	}
	if err := s.validate(raw); err != nil {
		return fmt.Errorf("text: %w", err)
	}
	text, dropped := s.boil.strip(raw)
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("text: nothing left after dropping %d boilerplate lines: %w", len(dropped), sitrep.ErrEmpty)
	}
	d.Doc.Raw = raw
	d.Doc.Text = text
	d.Doc.Dropped = dropped

	var sents []sitrep.Sentence
	for i, p := range paragraphs(text) {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("text: %w", err)
			}
		}
		sents = s.seg.split(text, p, sents)
	}
	if s.tag != nil {
		var sc tagScratch
		for i := range sents {
			s.tag.tag(sents[i].Tokens, &sc)
		}
	}
	d.Sentences = sents
	coh, judged := s.lex.coherence(sents)
	d.Doc.Flags = sitrep.Flags{
		Opinion:      s.lex.opinion(sents),
		Coherence:    coh,
		LowCoherence: judged && coh < s.cfg.lowCoherence,
	}
	return nil
}

// validate checks raw is non-empty UTF-8 text within the size limit.
func (s *Stage) validate(raw string) error {
	if len(raw) > s.cfg.maxBytes {
		return fmt.Errorf("%d bytes, limit %d: %w", len(raw), s.cfg.maxBytes, sitrep.ErrTooLarge)
	}
	if strings.TrimSpace(raw) == "" {
		return sitrep.ErrEmpty
	}
	if strings.IndexByte(raw, 0) >= 0 {
		return fmt.Errorf("NUL byte at offset %d: %w", strings.IndexByte(raw, 0), sitrep.ErrBinary)
	}
	if !utf8.ValidString(raw) {
		off := 0
		for off < len(raw) {
			r, size := utf8.DecodeRuneInString(raw[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return fmt.Errorf("invalid byte at offset %d: %w", off, sitrep.ErrNotUTF8)
	}
	control, total := 0, 0
	for _, r := range raw {
		total++
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			control++
		}
	}
	if control*10 > total {
		return fmt.Errorf("%d of %d characters are control characters: %w", control, total, sitrep.ErrBinary)
	}
	return nil
}
