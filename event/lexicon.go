package event

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Trigger kinds in data/triggers.tsv.
const (
	kindVerb       = "v"
	kindNoun       = "n"
	kindNounAlone  = "n+"
	kindLight      = "l"
	defaultRecipTo = "obj,against,on,at,with,to,toward,towards,in support of,for"
)

// entry is one row of the trigger table.
type entry struct {
	kind     string
	lemma    string     // head verb or noun lemma
	particle []string   // verbs: words that must follow the verb ("out" in "pull out"); nouns: words before the head
	words    [][]string // alternatives of words the object (verb) or noun phrase (noun) must contain
	typ      string
	mode     string
	cameo    string
	recip    []string // "obj" or prepositions, in preference order
	alone    bool     // a noun that may make an event on its own
	line     int
}

// specificity ranks entries: object or modifier words beat particles beat
// a bare lemma.
func (e *entry) specificity() int { return 2*len(e.particle) + 3*boolInt(len(e.words) > 0) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lexicon holds every embedded table, parsed once by New and read-only
// afterwards.
type lexicon struct {
	verbs  map[string][]*entry // by lemma
	nouns  map[string][]*entry // by head lemma
	light  map[string][]*entry // light verbs by lemma
	forms  map[string]string   // irregular form -> lemma
	lemmas map[string]bool     // every known verb lemma (for the lemmatiser)
	nlem   map[string]bool     // every known noun lemma

	cues map[string]map[string]bool // kind -> phrase

	numWords   map[string]float64
	scales     map[string]float64
	vague      map[string][2]float64
	mods       map[string]string
	countNouns map[string]string
	casualty   map[string]string
	maxPhrase  int             // longest multi-word number phrase, in words
	starts     map[string]bool // first words of number, vague and modifier phrases

	modes map[string]modeRule // word -> mode refinement of a generic trigger

	recode map[string][]recodeRule // rule -> rows in file order
}

// recodeRule is one row of data/recode.tsv.
type recodeRule struct{ from, prefix, to, mode, cameo string }

// modeRule is one row of data/modes.tsv.
type modeRule struct{ typ, mode, cameo string }

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{
		verbs: map[string][]*entry{}, nouns: map[string][]*entry{}, light: map[string][]*entry{},
		forms: map[string]string{}, lemmas: map[string]bool{}, nlem: map[string]bool{},
		cues:     map[string]map[string]bool{},
		numWords: map[string]float64{}, scales: map[string]float64{}, vague: map[string][2]float64{},
		mods: map[string]string{}, countNouns: map[string]string{}, casualty: map[string]string{},
		modes: map[string]modeRule{}, recode: map[string][]recodeRule{}, starts: map[string]bool{},
	}
	for _, f := range []struct {
		name  string
		parse func(name string, line int, cols []string) error
	}{
		{"data/irregular.tsv", lx.parseIrregular},
		{"data/triggers.tsv", lx.parseTrigger},
		{"data/cues.tsv", lx.parseCue},
		{"data/quantities.tsv", lx.parseQuantity},
		{"data/modes.tsv", lx.parseMode},
		{"data/recode.tsv", lx.parseRecode},
	} {
		if err := eachRow(f.name, f.parse); err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// eachRow calls fn for every non-comment, non-blank line of an embedded
// table, split on tabs, and wraps its errors with file:line.
func eachRow(name string, fn func(name string, line int, cols []string) error) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return fmt.Errorf("event: open %s: %w", name, err)
	}
	defer f.Close()
	return readRows(name, f, fn)
}

// readRows is eachRow over any reader; the fuzz target feeds it.
func readRows(name string, r io.Reader, fn func(name string, line int, cols []string) error) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		ln := strings.TrimRight(sc.Text(), "\r ")
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		cols := strings.Split(ln, "\t")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if err := fn(name, n, cols); err != nil {
			return fmt.Errorf("event: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("event: read %s: %w", name, err)
	}
	return nil
}

func (lx *lexicon) parseIrregular(_ string, _ int, cols []string) error {
	if len(cols) != 2 || cols[0] == "" {
		return fmt.Errorf("want lemma and forms, got %d columns", len(cols))
	}
	for _, f := range strings.Fields(cols[1]) {
		lx.forms[strings.ToLower(f)] = cols[0]
	}
	return nil
}

func (lx *lexicon) parseTrigger(_ string, line int, cols []string) error {
	if len(cols) != 7 {
		return fmt.Errorf("want 7 columns, got %d", len(cols))
	}
	phrase := strings.Fields(strings.ToLower(cols[1]))
	if len(phrase) == 0 {
		return fmt.Errorf("empty phrase")
	}
	e := &entry{kind: cols[0], typ: dash(cols[3]), mode: dash(cols[4]), cameo: dash(cols[5]), line: line}
	switch e.kind {
	case kindVerb, kindLight:
		e.lemma, e.particle = phrase[0], phrase[1:]
		lx.lemmas[e.lemma] = true
	case kindNoun, kindNounAlone:
		e.lemma, e.particle = phrase[len(phrase)-1], phrase[:len(phrase)-1]
		e.alone = e.kind == kindNounAlone
		lx.nlem[e.lemma] = true
	default:
		return fmt.Errorf("unknown kind %q", e.kind)
	}
	if e.kind != kindLight {
		if !validType[e.typ] {
			return fmt.Errorf("unknown PLOVER type %q", e.typ)
		}
		if _, err := strconv.Atoi(e.cameo); err != nil || len(e.cameo) < 3 {
			return fmt.Errorf("bad CAMEO code %q", e.cameo)
		}
	}
	if w := dash(cols[2]); w != "" {
		for _, alt := range strings.Split(w, "|") {
			if f := strings.Fields(strings.ToLower(alt)); len(f) > 0 {
				e.words = append(e.words, f)
			}
		}
	}
	r := dash(cols[6])
	if r == "" {
		r = defaultRecipTo
	}
	for _, p := range strings.Split(r, ",") {
		e.recip = append(e.recip, strings.TrimSpace(p))
	}
	switch e.kind {
	case kindVerb:
		lx.verbs[e.lemma] = append(lx.verbs[e.lemma], e)
	case kindLight:
		lx.light[e.lemma] = append(lx.light[e.lemma], e)
	default:
		lx.nouns[e.lemma] = append(lx.nouns[e.lemma], e)
	}
	return nil
}

// validType lists the PLOVER 2021 event types.
var validType = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
	noEvent: true,
}

// noEvent is the type of a row that cancels a less specific one: "release
// a statement" is no release of prisoners.
const noEvent = "NONE"

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func (lx *lexicon) parseCue(_ string, _ int, cols []string) error {
	if len(cols) != 2 || cols[1] == "" {
		return fmt.Errorf("want kind and words")
	}
	switch cols[0] {
	case "report", "claim", "deny", "plan", "hypo", "neg", "source", "control", "intent", "shell", "transfer":
	default:
		return fmt.Errorf("unknown cue kind %q", cols[0])
	}
	m := lx.cues[cols[0]]
	if m == nil {
		m = map[string]bool{}
		lx.cues[cols[0]] = m
	}
	m[strings.ToLower(cols[1])] = true
	return nil
}

func (lx *lexicon) parseMode(_ string, _ int, cols []string) error {
	if len(cols) != 4 || cols[0] == "" {
		return fmt.Errorf("want word, type, mode and CAMEO code, got %d columns", len(cols))
	}
	if !validType[cols[1]] {
		return fmt.Errorf("unknown PLOVER type %q", cols[1])
	}
	if _, err := strconv.Atoi(cols[3]); err != nil {
		return fmt.Errorf("bad CAMEO code %q", cols[3])
	}
	lx.modes[strings.ToLower(cols[0])] = modeRule{typ: cols[1], mode: cols[2], cameo: cols[3]}
	return nil
}

func (lx *lexicon) parseRecode(_ string, _ int, cols []string) error {
	if len(cols) != 6 {
		return fmt.Errorf("want 6 columns, got %d", len(cols))
	}
	switch cols[0] {
	case "intent", "demand", "refuse":
	default:
		return fmt.Errorf("unknown rule %q", cols[0])
	}
	r := recodeRule{from: dash(cols[1]), prefix: dash(cols[2]), to: cols[3], mode: dash(cols[4]), cameo: cols[5]}
	if r.from != "" && !validType[r.from] || !validType[r.to] {
		return fmt.Errorf("unknown PLOVER type in %q -> %q", r.from, r.to)
	}
	if _, err := strconv.Atoi(r.cameo); err != nil {
		return fmt.Errorf("bad CAMEO code %q", r.cameo)
	}
	lx.recode[cols[0]] = append(lx.recode[cols[0]], r)
	return nil
}

// recodeAs returns the row of rule that applies to an event of type typ
// and CAMEO code cameo, or nil.
func (lx *lexicon) recodeAs(rule, typ, cameo string) *recodeRule {
	for i := range lx.recode[rule] {
		r := &lx.recode[rule][i]
		if (r.from == "" || r.from == typ) && strings.HasPrefix(cameo, r.prefix) {
			return r
		}
	}
	return nil
}

func (lx *lexicon) cue(kind, phrase string) bool { return lx.cues[kind][phrase] }

func (lx *lexicon) parseQuantity(_ string, _ int, cols []string) error {
	if len(cols) < 3 {
		return fmt.Errorf("want at least 3 columns")
	}
	w := strings.ToLower(cols[1])
	if n := len(strings.Fields(w)); n > lx.maxPhrase {
		lx.maxPhrase = n
	}
	if f := strings.Fields(w); len(f) > 0 {
		lx.starts[f[0]] = true
	}
	num := func(s string) (float64, error) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, fmt.Errorf("bad number %q", s)
		}
		return v, nil
	}
	switch cols[0] {
	case "num", "scale":
		v, err := num(cols[2])
		if err != nil {
			return err
		}
		if cols[0] == "num" {
			lx.numWords[w] = v
		} else {
			lx.scales[w] = v
		}
	case "vague":
		if len(cols) != 4 {
			return fmt.Errorf("vague wants low and high")
		}
		lo, err := num(cols[2])
		if err != nil {
			return err
		}
		hi, err := num(cols[3])
		if err != nil {
			return err
		}
		lx.vague[w] = [2]float64{lo, hi}
	case "mod":
		switch cols[2] {
		case "gt", "ge", "lt", "le", "approx":
		default:
			return fmt.Errorf("unknown modifier kind %q", cols[2])
		}
		lx.mods[w] = cols[2]
	case "noun":
		lx.countNouns[w] = cols[2]
	case "cas":
		lx.casualty[w] = cols[2]
	default:
		return fmt.Errorf("unknown kind %q", cols[0])
	}
	return nil
}

// verbLemma maps an inflected verb form to a lemma: an irregular form from
// the table, else the first suffix-stripped candidate the lexicon knows,
// else the form itself.
func (lx *lexicon) verbLemma(w string) string {
	w = strings.ToLower(w)
	if l, ok := lx.forms[w]; ok {
		return l
	}
	if lx.lemmas[w] {
		return w
	}
	for _, c := range lemmaCandidates(w) {
		if lx.lemmas[c] || lx.cueLemma(c) {
			return c
		}
	}
	return w
}

// cueLemma reports whether w is a one-word cue lemma (say, claim, plan...).
func (lx *lexicon) cueLemma(w string) bool {
	for _, m := range lx.cues {
		if m[w] {
			return true
		}
	}
	return false
}

// nounLemma maps a plural noun to its singular when the singular is known.
func (lx *lexicon) nounLemma(w string) string {
	w = strings.ToLower(w)
	if lx.nlem[w] || lx.countNouns[w] != "" {
		return w
	}
	for _, c := range []string{strings.TrimSuffix(w, "s"), strings.TrimSuffix(w, "es"), strings.TrimSuffix(w, "ies") + "y"} {
		if c != w && (lx.nlem[c] || lx.countNouns[c] != "") {
			return c
		}
	}
	return w
}

// lemmaCandidates lists possible lemmas of a regular inflected form, most
// likely first.
func lemmaCandidates(w string) []string {
	var c []string
	add := func(s string) {
		if len(s) >= 2 {
			c = append(c, s)
		}
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		add(w[:len(w)-3] + "y")
	case strings.HasSuffix(w, "ied"):
		add(w[:len(w)-3] + "y")
	}
	if strings.HasSuffix(w, "ing") {
		b := w[:len(w)-3]
		add(b)
		add(b + "e")
		if n := len(b); n >= 2 && b[n-1] == b[n-2] {
			add(b[:n-1])
		}
	}
	if strings.HasSuffix(w, "ed") {
		b := w[:len(w)-2]
		add(b)
		add(w[:len(w)-1])
		if n := len(b); n >= 2 && b[n-1] == b[n-2] {
			add(b[:n-1])
		}
	}
	if strings.HasSuffix(w, "es") {
		add(w[:len(w)-2])
	}
	if strings.HasSuffix(w, "s") {
		add(w[:len(w)-1])
	}
	return c
}
