package entities

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// re3dClass maps re3d entity types to the scored classes.
var re3dClass = map[string]string{"Person": Person, "Organisation": Organization, "Location": Place}

// re3dMinConfidence drops annotations the crowd did not agree on, as the
// usual CoNLL conversion of re3d does.
const re3dMinConfidence = 0.5

// re3dToken splits running text the way the other sets are tokenised:
// dotted abbreviations ("U.S."), words with inner apostrophes or dots,
// the possessive "'s" on its own, and any other mark alone.
var re3dToken = regexp.MustCompile(`(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[.’'][\p{L}\p{N}]+)*|['’]s\b|\S`)

// readRe3d reads the re3d sub-corpora under dir (one folder each with
// documents.json and entities.json in mongoexport JSON lines).
func readRe3d(dir string) ([]*doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "documents.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("re3d: no */documents.json under %s", dir)
	}
	sort.Strings(files)
	var docs []*doc
	for _, f := range files {
		ds, err := readRe3dFolder(filepath.Dir(f))
		if err != nil {
			return nil, err
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}

type re3dDoc struct {
	ID   string `json:"_id"`
	Text string `json:"text"`
}

type re3dEntity struct {
	DocID      string  `json:"documentId"`
	Begin      int     `json:"begin"` // code points
	End        int     `json:"end"`
	Type       string  `json:"type"`
	Value      string  `json:"value"`
	Confidence float64 `json:"confidence"`
}

func readJSONLines(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("re3d: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 8<<20)
	for ln := 1; sc.Scan(); ln++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("re3d: %s:%d: %w", path, ln, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("re3d: %s: %w", path, err)
	}
	return nil
}

func readRe3dFolder(dir string) ([]*doc, error) {
	var raw []re3dDoc
	err := readJSONLines(filepath.Join(dir, "documents.json"), func(b []byte) error {
		var d re3dDoc
		if err := json.Unmarshal(b, &d); err != nil {
			return err
		}
		raw = append(raw, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ents := map[string][]re3dEntity{}
	err = readJSONLines(filepath.Join(dir, "entities.json"), func(b []byte) error {
		var e re3dEntity
		if err := json.Unmarshal(b, &e); err != nil {
			return err
		}
		ents[e.DocID] = append(ents[e.DocID], e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var docs []*doc
	for _, r := range raw {
		docs = append(docs, re3dBuild(filepath.Base(dir), r, ents[r.ID]))
	}
	return docs, nil
}

// re3dBuild tokenises one document and turns its entity spans into gold
// mentions. Of overlapping spans the longest is kept (the CoNLL
// conversion's rule); a span whose text does not match its value is an
// annotation slip and is left out.
func re3dBuild(folder string, r re3dDoc, es []re3dEntity) *doc {
	d := &doc{Set: "re3d", Name: folder + "/" + r.ID, MaxSent: -1}
	// Rune offsets to byte offsets.
	byteAt := make([]int, 0, len(r.Text)+1)
	for i := range r.Text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(r.Text))
	type tok struct{ start, end int }
	var toks []tok
	sent := 0
	for _, para := range paragraphs(r.Text) {
		newSent := true
		var ms [][2]int
		for _, m := range re3dToken.FindAllStringIndex(r.Text[para[0]:para[1]], -1) {
			s, e := para[0]+m[0], para[0]+m[1]
			// The possessive is a token of its own ("Türkiye" "'s").
			if t := r.Text[s:e]; len(t) > 3 && (strings.HasSuffix(t, "'s") || strings.HasSuffix(t, "’s")) {
				cut := strings.LastIndexAny(t, "'’")
				ms = append(ms, [2]int{s, s + cut}, [2]int{s + cut, e})
				continue
			}
			ms = append(ms, [2]int{s, e})
		}
		for _, m := range ms {
			t := r.Text[m[0]:m[1]]
			if newSent && len(d.Tokens) > 0 {
				sent++
			}
			newSent = false
			prev := ""
			if len(d.Tokens) > 0 {
				prev = d.Tokens[len(d.Tokens)-1]
			}
			d.Tokens = append(d.Tokens, t)
			d.Sent = append(d.Sent, sent)
			toks = append(toks, tok{m[0], m[1]})
			// A sentence ends at a full stop, unless the stop closes a
			// short abbreviation ("Gen.", "Mr.").
			abbrev := t == "." && len(prev) <= 3 && capWord(prev)
			if (t == "." || t == "!" || t == "?") && !abbrev {
				newSent = true
			}
		}
	}
	tokRange := func(bs, be int) (int, int) {
		i, j := -1, -1
		for k, t := range toks {
			if t.start < be && bs < t.end {
				if i < 0 {
					i = k
				}
				j = k + 1
			}
		}
		return i, j
	}
	for _, e := range es {
		if e.Type == "Nationality" && e.Confidence >= re3dMinConfidence && e.Begin >= 0 && e.Begin < e.End && e.End < len(byteAt) {
			if i, j := tokRange(byteAt[e.Begin], byteAt[e.End]); i >= 0 {
				d.Nationality = append(d.Nationality, [2]int{i, j})
			}
		}
	}
	sort.SliceStable(es, func(a, b int) bool { return es[a].End-es[a].Begin > es[b].End-es[b].Begin })
	var taken [][2]int
	for _, e := range es {
		class := re3dClass[e.Type]
		if e.Confidence < re3dMinConfidence || e.Begin < 0 || e.End > len(byteAt)-1 || e.Begin >= e.End {
			continue
		}
		bs, be := byteAt[e.Begin], byteAt[e.End]
		if r.Text[bs:be] != e.Value {
			continue
		}
		overlap := false
		for _, t := range taken {
			if bs < t[1] && t[0] < be {
				overlap = true
				break
			}
		}
		if overlap {
			continue
		}
		taken = append(taken, [2]int{bs, be})
		if class == "" {
			continue // a longer span of another type still hides nested ones
		}
		if i, j := tokRange(bs, be); i >= 0 {
			d.Gold = append(d.Gold, goldMention{I: i, J: j, Class: class})
		}
	}
	sort.Slice(d.Gold, func(a, b int) bool { return d.Gold[a].I < d.Gold[b].I })
	return d
}

// paragraphs returns the byte ranges of the non-blank lines of s.
func paragraphs(s string) [][2]int {
	var out [][2]int
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if strings.TrimFunc(s[start:end], unicode.IsSpace) != "" {
			out = append(out, [2]int{start, end})
		}
		start = end + 1
	}
	return out
}
