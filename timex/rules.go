package timex

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed data/*.tsv
var dataFS embed.FS

// vocab maps a lower-case word to its classes and the value in each.
type vocab map[string]map[string]string

// capitalised lists the classes whose words must start with a capital
// letter to count, so that "may" and "march" stay verbs.
var capitalised = map[string]bool{"month": true, "weekday": true}

// builtins are token shapes recognised in code rather than listed.
var builtins = map[string]bool{
	"year": true, "day": true, "num": true, "ord": true, "decade": true,
	"clock": true, "clockampm": true, "hour": true, "mm": true, "dd": true,
}

// elem is one element of a pattern.
type elem struct {
	class    string   // vocab class or built-in, when not literal
	lits     []string // literal alternatives
	optional bool
	context  bool // matched but outside the span
	negative bool // zero-width: the next token must not match
}

// pattern is one line of patterns.tsv.
type pattern struct {
	resolver string
	typ      string
	elems    []elem
	params   map[string]string
	line     int
}

// rules is the parsed rule set.
type rules struct {
	vocab    vocab
	patterns []pattern
	lits     map[string]bool // every literal of every pattern
}

func loadRules() (*rules, error) {
	r := &rules{vocab: vocab{}}
	if err := r.loadVocab("data/vocab.tsv"); err != nil {
		return nil, err
	}
	if err := r.loadPatterns("data/patterns.tsv"); err != nil {
		return nil, err
	}
	r.lits = map[string]bool{}
	for _, p := range r.patterns {
		for _, e := range p.elems {
			for _, l := range e.lits {
				r.lits[l] = true
			}
		}
	}
	return r, nil
}

// lines calls fn with the fields of every non-blank, non-comment line.
func lines(name string, fn func(line int, fields []string) error) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("timex: read %s: %w", name, err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	n := 0
	for sc.Scan() {
		n++
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if err := fn(n, strings.Split(t, "\t")); err != nil {
			return fmt.Errorf("timex: %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func (r *rules) loadVocab(name string) error {
	return lines(name, func(_ int, f []string) error {
		if len(f) != 3 || f[0] == "" || f[1] == "" {
			return fmt.Errorf("want word, class, value; got %d fields", len(f))
		}
		if builtins[f[1]] {
			return fmt.Errorf("class %q clashes with a built-in shape", f[1])
		}
		m := r.vocab[f[0]]
		if m == nil {
			m = map[string]string{}
			r.vocab[f[0]] = m
		}
		m[f[1]] = f[2]
		return nil
	})
}

func (r *rules) loadPatterns(name string) error {
	classes := map[string]bool{}
	for _, m := range r.vocab {
		for c := range m {
			classes[c] = true
		}
	}
	return lines(name, func(line int, f []string) error {
		if len(f) < 3 || len(f) > 4 {
			return fmt.Errorf("want resolver, type, pattern[, params]; got %d fields", len(f))
		}
		if _, ok := resolvers[f[0]]; !ok {
			return fmt.Errorf("unknown resolver %q", f[0])
		}
		switch f[1] {
		case "DATE", "TIME", "DURATION", "SET":
		default:
			return fmt.Errorf("unknown TIMEX3 type %q", f[1])
		}
		p := pattern{resolver: f[0], typ: f[1], line: line, params: map[string]string{}}
		for _, s := range strings.Fields(f[2]) {
			var e elem
			if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") && len(s) > 2 {
				e.context = true
				s = s[1 : len(s)-1]
			}
			if strings.HasPrefix(s, "!") && len(s) > 1 {
				e.negative = true
				s = s[1:]
			}
			if strings.HasSuffix(s, "?") && len(s) > 1 {
				e.optional = true
				s = s[:len(s)-1]
			}
			if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
				e.class = s[1 : len(s)-1]
				if !builtins[e.class] && !classes[e.class] {
					return fmt.Errorf("unknown class <%s>", e.class)
				}
			} else {
				e.lits = strings.Split(s, "|")
			}
			p.elems = append(p.elems, e)
		}
		if len(p.elems) == 0 {
			return fmt.Errorf("empty pattern")
		}
		for _, kv := range strings.Fields(strings.Join(f[3:], " ")) {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return fmt.Errorf("param %q is not key=value", kv)
			}
			p.params[k] = v
		}
		r.patterns = append(r.patterns, p)
		return nil
	})
}

// classValue returns t's value in class, or ok false.
func (r *rules) classValue(t tok, class string) (string, bool) {
	if capitalised[class] && !t.upper {
		return "", false
	}
	v, ok := r.vocab[t.low][class]
	return v, ok
}

// mayConsume reports whether any pattern element could take t: a literal,
// a vocabulary word, or a token starting with a digit or apostrophe (the
// shapes of the built-in classes). A match consumes its first token, so
// matching is skipped at tokens for which this is false; most tokens of a
// sentence are such.
func (r *rules) mayConsume(t tok) bool {
	if t.low == "" {
		return false
	}
	if c := t.low[0]; isDigit(c) || c == '\'' {
		return true
	}
	if r.lits[t.low] {
		return true
	}
	_, ok := r.vocab[t.low]
	return ok
}

func (r *rules) isAbbrev(low string) bool {
	_, ok := r.vocab[low]
	return ok
}
