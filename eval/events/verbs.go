package events

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep/sitrep/internal/dictfmt"
)

// A PETRARCH/TABARI verb dictionary: synsets ("&NAME" then "+member"
// lines), blocks ("--- NAME [code] ---") of verbs ("VERB {forms} [code]",
// "+SYNONYM" lines) and patterns ("- pre * post [code]"). In a pattern "*"
// is the verb, "_" joins neighbours that must be adjacent, "$" is the
// source actor, "+" the target, "%" a compound actor that is both, "^"
// skips one item and "&NAME" matches any member of a synset.

// verbDict is a parsed verb dictionary.
type verbDict struct {
	synsets map[string][][]string   // NAME (without &) -> members as word lists
	forms   map[string][]*verbEntry // first word of an inflected form -> entries
}

// verbEntry is one verb (or phrasal verb) in one inflected form.
type verbEntry struct {
	words []string // upper-case words of this form, e.g. CORDONED OFF
	code  string   // the verb line's code, else the block's
	block *verbBlock
}

type verbBlock struct {
	name     string
	code     string
	patterns []*pattern
}

type elemKind int

const (
	elWord elemKind = iota
	elSyn
	elSource
	elTarget
	elCompound
	elSkip
)

type elem struct {
	kind  elemKind
	word  string
	joins bool // must be adjacent to the element on the verb's side
}

type pattern struct {
	pre  []elem // in text order; pre[len-1] is next to the verb
	post []elem // in text order; post[0] is next to the verb
	code string
	line int
}

// parseVerbs reads a verb dictionary. Errors name the input and line.
func parseVerbs(name string, r io.Reader) (*verbDict, error) {
	vd := &verbDict{synsets: map[string][][]string{}, forms: map[string][]*verbEntry{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var (
		block    *verbBlock
		synset   string
		comments dictfmt.Comments
		n        int
	)
	for sc.Scan() {
		n++
		line, ok := comments.Strip(sc.Text())
		if !ok {
			continue
		}
		// "#" starts a comment, except inside a code ("[###]").
		from := 0
		if k := strings.LastIndex(line, "]"); k >= 0 {
			from = k
		}
		if i := strings.Index(line[from:], "#"); i >= 0 {
			line = line[:from+i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			synset = ""
			continue
		}
		switch {
		case strings.HasPrefix(line, "---"):
			t := strings.Trim(line, "- ")
			nm, code := splitCode(t)
			block = &verbBlock{name: strings.TrimSpace(nm), code: code}
			synset = ""
		case strings.HasPrefix(line, "&"):
			synset = strings.Trim(strings.ToUpper(strings.Fields(line)[0][1:]), "_")
			if _, ok := vd.synsets[synset]; !ok {
				vd.synsets[synset] = nil
			}
		case strings.HasPrefix(line, "-"):
			if block == nil {
				return nil, fmt.Errorf("%s:%d: pattern outside a verb block", name, n)
			}
			p, err := parsePattern(strings.TrimSpace(line[1:]))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
			p.line = n
			block.patterns = append(block.patterns, p)
		case strings.HasPrefix(line, "+") && synset != "":
			vd.synsets[synset] = append(vd.synsets[synset], splitWords(line[1:]))
		default:
			if block == nil {
				return nil, fmt.Errorf("%s:%d: verb outside a verb block", name, n)
			}
			body := strings.TrimPrefix(line, "+")
			body, code := splitCode(body)
			forms := ""
			if i := strings.Index(body, "{"); i >= 0 {
				j := strings.Index(body, "}")
				if j < i {
					return nil, fmt.Errorf("%s:%d: unclosed {", name, n)
				}
				forms = body[i+1 : j]
				body = body[:i]
			}
			if code == "" {
				code = block.code
			}
			base := splitWords(body)
			if len(base) == 0 {
				return nil, fmt.Errorf("%s:%d: empty verb", name, n)
			}
			add := func(ws []string) {
				if len(ws) == 0 {
					return
				}
				e := &verbEntry{words: ws, code: code, block: block}
				vd.forms[ws[0]] = append(vd.forms[ws[0]], e)
			}
			seen := map[string]bool{}
			for _, f := range inflect(base) {
				if k := strings.Join(f, " "); !seen[k] {
					seen[k] = true
					add(f)
				}
			}
			for _, f := range strings.Fields(forms) {
				ws := splitWords(strings.TrimPrefix(f, "+"))
				if k := strings.Join(ws, " "); !seen[k] {
					seen[k] = true
					add(ws)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	vd.flatten()
	return vd, nil
}

// flatten replaces synset members that name another synset ("+&TIETYPES")
// by that synset's members, ignoring cycles, so matching never recurses.
func (vd *verbDict) flatten() {
	flat := make(map[string][][]string, len(vd.synsets))
	var expand func(name string, seen map[string]bool) [][]string
	expand = func(name string, seen map[string]bool) [][]string {
		if seen[name] {
			return nil
		}
		seen[name] = true
		var out [][]string
		for _, m := range vd.synsets[name] {
			if len(m) == 1 && strings.HasPrefix(m[0], "&") {
				out = append(out, expand(strings.Trim(m[0][1:], "_"), seen)...)
				continue
			}
			out = append(out, m)
		}
		return out
	}
	for name := range vd.synsets {
		flat[name] = expand(name, map[string]bool{})
	}
	vd.synsets = flat
}

// splitCode splits "TEXT [code]" into TEXT and code ("" when absent).
func splitCode(s string) (string, string) {
	i := strings.LastIndex(s, "[")
	j := strings.LastIndex(s, "]")
	if i < 0 || j < i {
		return s, ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : j])
}

// splitWords splits a dictionary phrase on spaces and underscores, dropping
// the target marker some phrasal verbs carry ("WIRE_+TAP").
func splitWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == ' ' || r == '_' || r == '\t' }) {
		f = strings.Trim(f, "+")
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// parsePattern reads the part of a pattern line after "-".
func parsePattern(s string) (*pattern, error) {
	body, code := splitCode(s)
	if code == "" {
		return nil, fmt.Errorf("pattern %q has no code", s)
	}
	type item struct {
		e        elem
		verb     bool
		joinPrev bool // "_" between it and the item before it
	}
	var items []item
	for _, tok := range strings.Fields(body) {
		for k, part := range strings.Split(tok, "_") {
			if part == "" {
				continue
			}
			it := item{joinPrev: k > 0}
			switch {
			case part == "*":
				it.verb = true
			case part == "$":
				it.e.kind = elSource
			case part == "+":
				it.e.kind = elTarget
			case part == "%":
				it.e.kind = elCompound
			case part == "^":
				it.e.kind = elSkip
			case strings.HasPrefix(part, "&"):
				it.e.kind, it.e.word = elSyn, strings.Trim(strings.ToUpper(part[1:]), "_")
			default:
				it.e.kind, it.e.word = elWord, strings.ToUpper(part)
			}
			items = append(items, it)
		}
	}
	v := -1
	for k, it := range items {
		if it.verb {
			if v >= 0 {
				return nil, fmt.Errorf("pattern %q has two verb markers", s)
			}
			v = k
		}
	}
	if v < 0 {
		return nil, fmt.Errorf("pattern %q has no verb marker *", s)
	}
	p := &pattern{code: code}
	for k := 0; k < v; k++ {
		e := items[k].e
		e.joins = items[k+1].joinPrev
		p.pre = append(p.pre, e)
	}
	for k := v + 1; k < len(items); k++ {
		e := items[k].e
		e.joins = items[k].joinPrev
		p.post = append(p.post, e)
	}
	return p, nil
}

// inflect returns the regular forms of a verb phrase: the head (first
// word) takes -s, -es, -ed, -d, -ing with the usual spelling changes.
func inflect(base []string) [][]string {
	h := base[0]
	rest := base[1:]
	forms := []string{h, h + "S", h + "ED", h + "ING"}
	switch {
	case strings.HasSuffix(h, "E"):
		forms = append(forms, h+"D", h[:len(h)-1]+"ING")
	case strings.HasSuffix(h, "Y") && len(h) > 1 && !strings.ContainsRune("AEIOU", rune(h[len(h)-2])):
		forms = append(forms, h[:len(h)-1]+"IES", h[:len(h)-1]+"IED")
	case strings.HasSuffix(h, "S") || strings.HasSuffix(h, "X") || strings.HasSuffix(h, "CH") || strings.HasSuffix(h, "SH") || strings.HasSuffix(h, "Z"):
		forms = append(forms, h+"ES")
	}
	if n := len(h); n >= 3 && !strings.ContainsRune("AEIOUWXY", rune(h[n-1])) && strings.ContainsRune("AEIOU", rune(h[n-2])) && !strings.ContainsRune("AEIOU", rune(h[n-3])) {
		d := h + h[n-1:]
		forms = append(forms, d+"ED", d+"ING")
	}
	out := make([][]string, 0, len(forms))
	for _, f := range forms {
		out = append(out, append([]string{f}, rest...))
	}
	return out
}
