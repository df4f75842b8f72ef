package actor

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/dictfmt"
)

// Dict is one PETRARCH/Phoenix dictionary to read. Name identifies it in
// error messages, e.g. its file name.
type Dict struct {
	Name string
	R    io.Reader
}

// PetrarchActor is one block of a PETRARCH actor dictionary: a primary
// phrase, its synonyms and its codes.
type PetrarchActor struct {
	Line     int      // line of the primary phrase
	Phrase   string   // primary phrase as written, e.g. "VLADIMIR_PUTIN_"
	Synonyms []string // "+" lines, as written
	Codes    []PetrarchCode
	// Problems lists code restrictions left out because their dates are
	// malformed (the Phoenix files have a few typos such as "201005011").
	Problems []string
}

// PetrarchCode is one "[CODE date-range]" restriction. From and To are
// ISO dates (YYYY-MM-DD), empty when open.
type PetrarchCode struct {
	Code     string
	From, To string
}

// PetrarchAgent is one agent entry: a phrase (with its plurals expanded and
// substitution sets applied) and the code it adds to an actor.
type PetrarchAgent struct {
	Line    int
	Phrases []string // every phrase the entry matches, "_" kept
	Code    string   // without the "~", e.g. "GOVFRM"
	Prefix  bool     // "[CODE~]": the code goes before the actor's
}

// PetrarchOption changes what LoadPetrarch loads.
type PetrarchOption func(*petrarchConfig)

type petrarchConfig struct{ builtin bool }

// WithBuiltin makes LoadPetrarch load sitrep's own knowledge base first,
// so that the PETRARCH entries add to it. Without it the knowledge base
// holds the PETRARCH entries alone (plus sitrep's grammar words), which is
// what coding PETRARCH's validation suite needs.
func WithBuiltin() PetrarchOption { return func(c *petrarchConfig) { c.builtin = true } }

// LoadPetrarch builds a knowledge base from PETRARCH/Phoenix actor and agent
// dictionaries (the TABARI text formats). Actor blocks become entries whose
// dated codes become roles; a block with a single bare three-letter code
// becomes a country (or adds names to a known one), so that agent words
// combine with it as PETRARCH does ("Arnor cleric" codes ARN+REL). Entry
// ids are "p:" plus the slug of the primary phrase.
func LoadPetrarch(actors, agents []Dict, opts ...PetrarchOption) (*KB, error) {
	var cfg petrarchConfig
	for _, o := range opts {
		o(&cfg)
	}
	kb := newKB()
	if cfg.builtin {
		if err := kb.loadFS(subFS(builtin, "data")); err != nil {
			return nil, err
		}
	} else {
		data, err := builtin.ReadFile("data/lexicon.tsv")
		if err != nil {
			return nil, fmt.Errorf("actor: read lexicon: %w", err)
		}
		if err := kb.parse("lexicon.tsv", string(data)); err != nil {
			return nil, err
		}
	}
	for _, d := range agents {
		as, err := ParsePetrarchAgents(d.Name, d.R)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			kb.addPetrarchAgent(a)
		}
	}
	for _, d := range actors {
		as, err := ParsePetrarchActors(d.Name, d.R)
		if err != nil {
			return nil, err
		}
		for i := range as {
			kb.addPetrarchActor(&as[i])
		}
	}
	kb.index()
	return kb, nil
}

// ParsePetrarchActors reads a PETRARCH actor dictionary. Comments ("#" to
// the end of a line, "<!-- ... -->" blocks) are skipped; a block with no
// code at all is kept with empty Codes.
func ParsePetrarchActors(name string, r io.Reader) ([]PetrarchActor, error) {
	var out []PetrarchActor
	var cur *PetrarchActor
	err := scanDict(name, r, func(ln int, line string) error {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			return nil
		case trimmed[0] == '[':
			if cur == nil {
				return errors.New("code restriction before any actor phrase")
			}
			codes, _, err := parseCodes(trimmed) // PETRARCH ignores text after a code
			var de *dateError
			if errors.As(err, &de) {
				cur.Problems = append(cur.Problems, fmt.Sprintf("%s:%d: %v", name, ln, err))
				return nil
			}
			if err != nil {
				return err
			}
			cur.Codes = append(cur.Codes, codes...)
		case trimmed[0] == '+':
			if cur == nil {
				return errors.New("synonym before any actor phrase")
			}
			syn := strings.TrimSpace(trimmed[1:])
			if i := strings.IndexByte(syn, '['); i >= 0 {
				codes, _, err := parseCodes(syn[i:])
				if err != nil {
					return err
				}
				cur.Codes = append(cur.Codes, codes...)
				syn = strings.TrimSpace(syn[:i])
			}
			if syn != "" {
				cur.Synonyms = append(cur.Synonyms, syn)
			}
		default:
			phrase := trimmed
			var codes []PetrarchCode
			var problem string
			if i := strings.IndexByte(phrase, '['); i >= 0 {
				var err error
				codes, _, err = parseCodes(phrase[i:])
				var de *dateError
				if errors.As(err, &de) {
					problem = fmt.Sprintf("%s:%d: %v", name, ln, err)
				} else if err != nil {
					return err
				}
				phrase = strings.TrimSpace(phrase[:i])
			}
			if phrase == "" {
				return errors.New("code without a phrase")
			}
			out = append(out, PetrarchActor{Line: ln, Phrase: phrase, Codes: codes})
			cur = &out[len(out)-1]
			if problem != "" {
				cur.Problems = append(cur.Problems, problem)
			}
		}
		return nil
	})
	return out, err
}

// scanDict calls fn on every line of a dictionary with comments removed.
func scanDict(name string, r io.Reader, fn func(ln int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	ln := 0
	var comments dictfmt.Comments
	for sc.Scan() {
		ln++
		line, ok := comments.Strip(strings.TrimRight(sc.Text(), "\r"))
		if !ok {
			continue
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !isText(line) {
			return fmt.Errorf("actor: %s:%d: not text", name, ln)
		}
		if err := fn(ln, strings.TrimRight(line, " \t")); err != nil {
			return fmt.Errorf("actor: %s:%d: %w", name, ln, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("actor: read %s: %w", name, err)
	}
	return nil
}

// isText rejects lines with NUL bytes or invalid UTF-8, a sign of a binary
// file handed over by mistake. (Stray control characters occur in the
// Phoenix files and are let through.)
func isText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// parseCodes reads one or more "[CODE range]" groups at the start of s and
// returns them with the text after the last one.
func parseCodes(s string) ([]PetrarchCode, string, error) {
	var out []PetrarchCode
	for {
		s = strings.TrimSpace(s)
		if !strings.HasPrefix(s, "[") {
			return out, s, nil
		}
		end := strings.IndexByte(s, ']')
		if end < 0 {
			// "[~ENV}" occurs in the Phoenix agents file; PETRARCH reads it.
			end = strings.IndexByte(s, '}')
		}
		if end < 0 {
			return nil, "", fmt.Errorf("unclosed code %q", s)
		}
		c, err := parseCode(s[1:end])
		if err != nil {
			return nil, "", err
		}
		// "[ELR/GAL]": the phrase codes as each of several actors.
		for _, code := range strings.Split(c.Code, "/") {
			if code != "" {
				c.Code = code
				out = append(out, c)
			}
		}
		s = s[end+1:]
	}
}

// parseCode reads "CODE", "CODE yymmdd-yymmdd", "CODE >yymmdd" or
// "CODE <yymmdd" (dates of six or eight digits, spaces allowed). "---"
// is the null code and yields an empty Code.
func parseCode(s string) (PetrarchCode, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return PetrarchCode{}, errors.New("empty code []")
	}
	c := PetrarchCode{Code: strings.ToUpper(f[0])}
	if strings.Trim(c.Code, "-+#") == "" {
		return PetrarchCode{}, nil // "---", "+++": null codes
	}
	for _, r := range c.Code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '~' || r == '-' || r == '/') {
			return PetrarchCode{}, fmt.Errorf("bad code %q", f[0])
		}
	}
	rng := strings.Join(f[1:], "")
	var err error
	switch {
	case rng == "":
	case rng[0] == '>':
		c.From, err = petrarchDate(rng[1:])
	case rng[0] == '<':
		c.To, err = petrarchDate(rng[1:])
	default:
		a, b, ok := strings.Cut(rng, "-")
		if !ok {
			return PetrarchCode{}, &dateError{code: c.Code, err: fmt.Errorf("bad date range %q", rng)}
		}
		if c.From, err = petrarchDate(a); err == nil {
			c.To, err = petrarchDate(b)
		}
	}
	if err != nil {
		return PetrarchCode{}, &dateError{code: c.Code, err: err}
	}
	return c, nil
}

// dateError is a malformed date in a code restriction.
type dateError struct {
	code string
	err  error
}

func (e *dateError) Error() string { return "code " + e.code + ": " + e.err.Error() }
func (e *dateError) Unwrap() error { return e.err }

// petrarchDate turns yymmdd or yyyymmdd into YYYY-MM-DD. Two-digit years
// up to 30 are in the 2000s, as in the Phoenix files. A seven-digit date
// (a known typo in the Phoenix files) is read as yyyymdd.
func petrarchDate(s string) (string, error) {
	if !isDigits(s) {
		return "", fmt.Errorf("bad date %q", s)
	}
	var y, m, d string
	switch len(s) {
	case 6:
		y, m, d = "19"+s[:2], s[2:4], s[4:]
		if s[:2] <= "30" {
			y = "20" + s[:2]
		}
	case 7:
		y, m, d = s[:4], "0"+s[4:5], s[5:]
	case 8:
		y, m, d = s[:4], s[4:6], s[6:]
	default:
		return "", fmt.Errorf("bad date %q", s)
	}
	if m < "01" || m > "12" || d < "01" || d > "31" {
		return "", fmt.Errorf("bad date %q", s)
	}
	return y + "-" + m + "-" + d, nil
}

// ParsePetrarchAgents reads a PETRARCH agent dictionary: substitution sets
// "!NAME! = A, B", then entries "PHRASE {PLURALS} [~CODE]". An entry
// without braces also matches its regular plural; "{}" means no plural.
func ParsePetrarchAgents(name string, r io.Reader) ([]PetrarchAgent, error) {
	subst := map[string][]string{}
	var out []PetrarchAgent
	err := scanDict(name, r, func(ln int, line string) error {
		line = strings.TrimSpace(line)
		if k, v, ok := strings.Cut(line, "="); ok && strings.HasPrefix(line, "!") {
			k = strings.TrimSpace(k)
			if len(k) < 3 || !strings.HasSuffix(k, "!") {
				return fmt.Errorf("bad substitution name %q", k)
			}
			var vals []string
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					vals = append(vals, p)
				}
			}
			subst[k] = vals
			return nil
		}
		i := strings.IndexByte(line, '[')
		if i < 0 {
			return nil // a phrase without a code codes nothing
		}
		codes, _, err := parseCodes(line[i:])
		if err != nil {
			return err
		}
		if len(codes) != 1 {
			return fmt.Errorf("agent needs exactly one code, got %d", len(codes))
		}
		a := PetrarchAgent{Line: ln}
		code := codes[0].Code
		switch {
		case strings.HasPrefix(code, "~"):
			a.Code = code[1:]
		case strings.HasSuffix(code, "~"):
			a.Code, a.Prefix = strings.TrimSuffix(code, "~"), true
		default:
			a.Code = code
		}
		if a.Code == "" || strings.Contains(a.Code, "~") {
			return fmt.Errorf("bad agent code %q", code)
		}
		head := strings.TrimSpace(line[:i])
		var plurals []string
		regular := true
		if j := strings.IndexByte(head, '{'); j >= 0 {
			k := strings.IndexByte(head, '}')
			if k < j {
				return fmt.Errorf("unclosed plural in %q", head)
			}
			regular = false
			for _, p := range strings.Split(head[j+1:k], ",") {
				if p = strings.TrimSpace(p); p != "" {
					plurals = append(plurals, p)
				}
			}
			head = strings.TrimSpace(head[:j] + head[k+1:])
		}
		if head == "" {
			return errors.New("agent without a phrase")
		}
		forms := append([]string{head}, plurals...)
		if regular {
			forms = append(forms, regularPlural(head))
		}
		seen := map[string]bool{}
		for _, f := range forms {
			exp, err := expandSubst(f, subst)
			if err != nil {
				return err
			}
			for _, e := range exp {
				if !seen[e] {
					seen[e] = true
					a.Phrases = append(a.Phrases, e)
				}
			}
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// regularPlural forms a naive English plural of a phrase's last word, the
// way PETRARCH does.
func regularPlural(p string) string {
	t := strings.TrimRight(p, "_")
	u := strings.ToUpper(t)
	switch {
	case strings.HasSuffix(u, "Y") && !strings.HasSuffix(u, "AY") && !strings.HasSuffix(u, "EY") && !strings.HasSuffix(u, "OY"):
		return t[:len(t)-1] + "IES"
	case strings.HasSuffix(u, "S") || strings.HasSuffix(u, "X") || strings.HasSuffix(u, "CH") || strings.HasSuffix(u, "SH"):
		return t + "ES"
	case strings.HasSuffix(u, "!"):
		return t // ends in a substitution set, which holds its own plurals
	}
	return t + "S"
}

// expandSubst replaces each !NAME! in p by every member of its set.
func expandSubst(p string, subst map[string][]string) ([]string, error) {
	i := strings.IndexByte(p, '!')
	if i < 0 {
		return []string{p}, nil
	}
	j := strings.IndexByte(p[i+1:], '!')
	if j < 0 {
		return nil, fmt.Errorf("unclosed substitution set in %q", p)
	}
	k := p[i : i+j+2]
	vals, ok := subst[k]
	if !ok {
		return nil, fmt.Errorf("unknown substitution set %s", k)
	}
	var out []string
	for _, v := range vals {
		rest, err := expandSubst(p[i+j+2:], subst)
		if err != nil {
			return nil, err
		}
		for _, r := range rest {
			out = append(out, p[:i]+v+r)
		}
	}
	return out, nil
}

// petrarchPhrase turns a dictionary phrase into a name: underscores to
// spaces, words in title case. A parenthesised acronym ("ARMY_(AAIA)_")
// is returned apart.
func petrarchPhrase(p string) (name, acronym string) {
	p = strings.ReplaceAll(p, "+", "_")
	if i := strings.IndexByte(p, '('); i >= 0 {
		if j := strings.IndexByte(p[i:], ')'); j > 0 {
			acronym = strings.Trim(p[i+1:i+j], "_ ")
			p = p[:i] + p[i+j+1:]
		}
	}
	ws := strings.FieldsFunc(p, func(r rune) bool { return r == '_' || r == ' ' })
	for i, w := range ws {
		ws[i] = titleWord(w)
	}
	return strings.Join(ws, " "), acronym
}

// titleWord writes an upper-case dictionary word in title case, keeping
// hyphenated parts apart ("AL-QAEDA" -> "Al-Qaeda") and short dotted
// abbreviations as they are ("U.N.").
func titleWord(w string) string {
	if strings.Contains(w, ".") && len(w) <= 6 || len(w) <= 3 && !functionWords[strings.ToLower(w)] {
		return w
	}
	var b strings.Builder
	up := true
	for _, r := range w {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = r == '-' || r == '\''
	}
	return b.String()
}

// functionWords are short words of dictionary phrases that are not
// acronyms.
var functionWords = set("of", "the", "and", "al", "el", "bin", "ibn", "abu", "de", "la", "le", "for", "in", "on", "to", "at", "by", "an", "a", "du", "da", "van", "von", "der", "ad", "as", "ash", "ul", "mr", "dr", "mrs", "ms", "st")

// typeFromCode guesses an entity type from a CAMEO actor code.
func typeFromCode(code string, dated bool) sitrep.EntityType {
	if dated {
		return sitrep.Person
	}
	has := func(s string) bool {
		for i := 0; i+3 <= len(code); i += 3 {
			if code[i:i+3] == s {
				return true
			}
		}
		return false
	}
	switch {
	case len(code) == 3:
		return sitrep.Country
	case has("MED"):
		return sitrep.Media
	case has("REB") || has("IMG") || has("INS") || has("UAF") || has("RAD"):
		return sitrep.ArmedGroup
	case has("MIL") || has("SPY"):
		return sitrep.Military
	case has("GOV") || has("LEG") || has("JUD") || has("COP") || has("ELI") || has("PTY"):
		return sitrep.Government
	}
	return sitrep.Organization
}

// addPetrarchActor turns one actor block into an entry.
func (kb *KB) addPetrarchActor(a *PetrarchActor) {
	name, acr := petrarchPhrase(a.Phrase)
	if name == "" || len(a.Codes) == 0 {
		return // PETRARCH cannot code a block without a code either
	}
	aliases := []string{}
	if acr != "" {
		aliases = append(aliases, acr)
	}
	for _, s := range a.Synonyms {
		n, x := petrarchPhrase(s)
		if n != "" {
			aliases = append(aliases, n)
		}
		if x != "" {
			aliases = append(aliases, x)
		}
	}
	var def string
	dated := false
	for _, c := range a.Codes {
		if c.From == "" && c.To == "" {
			def = c.Code
		} else {
			dated = true
		}
	}
	if def == "" {
		def = a.Codes[len(a.Codes)-1].Code
	}
	if !dated && len(def) == 3 && isUpperAlpha(def) {
		kb.addPetrarchCountry(def, name, aliases)
		return
	}
	e := kb.entry("p:" + slug(normPhrase(name)))
	if e.Name == "" {
		e.Name, e.Type, e.CAMEO = name, typeFromCode(def, dated), def
		if c, ok := kb.byCAMEO[safePrefix(def, 3)]; ok {
			e.Country = c.ISO3
		}
	}
	e.Aliases = append(e.Aliases, aliases...)
	for _, c := range a.Codes {
		if c.From == "" && c.To == "" {
			continue
		}
		r := Role{From: c.From, To: c.To, CAMEO: c.Code, Country: e.Country}
		if cc, ok := kb.byCAMEO[safePrefix(c.Code, 3)]; ok {
			r.Country = cc.ISO3
		}
		e.Roles = append(e.Roles, r)
	}
	e.petrarch = true
}

// addPetrarchCountry adds names to the country coded code, creating it
// when the knowledge base has none: PETRARCH codes are not always ISO
// codes, and then the code stands in for one.
func (kb *KB) addPetrarchCountry(code, name string, aliases []string) {
	c, ok := kb.byCAMEO[code]
	if !ok {
		c = &Country{ISO3: code, CAMEO: code, Name: name, Adjective: name}
		kb.countries[code] = c
		kb.byCAMEO[code] = c
		e := kb.entry(code)
		e.Name, e.Type, e.Country, e.CAMEO = name, sitrep.Country, code, code
		e.petrarch = true
	} else if e, ok := kb.entries[c.ISO3]; ok && normPhrase(e.Name) != normPhrase(name) {
		e.Aliases = append(e.Aliases, name)
	}
	e := kb.entries[c.ISO3]
	e.Aliases = append(e.Aliases, aliases...)
}

// addPetrarchAgent adds an agent entry's phrases. Phrases sitrep's own
// agent table already holds keep their sitrep meaning.
func (kb *KB) addPetrarchAgent(p PetrarchAgent) {
	ag := &Agent{Key: p.Code, Suffix: p.Code, Type: typeFromCode("XXX"+p.Code, false), Rank: agentRank(p.Code)}
	if p.Prefix {
		ag.Suffix, ag.Prefix = "", p.Code
	}
	if len(p.Phrases) > 0 {
		ag.Label, _ = petrarchPhrase(p.Phrases[0])
		ag.Label = strings.ToLower(ag.Label)
	}
	if kb.agentKeys[ag.Key] == nil {
		kb.agentKeys[ag.Key] = ag
	}
	for _, ph := range p.Phrases {
		k := normPhrase(ph)
		if k == "" {
			continue
		}
		if _, ok := kb.agents[k]; ok {
			continue
		}
		kb.agents[k] = ag
		kb.maxAgent = max(kb.maxAgent, len(strings.Fields(k)))
	}
}

// agentRank orders sector codes when a phrase holds several agent words,
// in the same order as data/agents.tsv.
func agentRank(code string) int {
	switch safePrefix(code, 3) {
	case "MIL":
		return 50
	case "REB", "INS", "UAF":
		return 45
	case "SPY":
		return 44
	case "COP":
		return 42
	case "LEG", "JUD":
		return 41
	case "GOV":
		return 40
	case "OPP":
		return 30
	case "MED":
		return 20
	case "BUS":
		return 15
	case "CVL":
		return 10
	}
	return 25
}

func safePrefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

func isUpperAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}
