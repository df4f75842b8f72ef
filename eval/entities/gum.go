package entities

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// gumClass maps GUM entity types to the scored classes.
var gumClass = map[string]string{"person": Person, "organization": Organization, "place": Place}

// readGUM reads the news documents of GUM under dir (the gum_news
// directory) from their WebAnno TSV files.
func readGUM(dir string) ([]*doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "tsv", "GUM_news_*.tsv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("gum: no tsv/GUM_news_*.tsv under %s", dir)
	}
	sort.Strings(files)
	var docs []*doc
	for _, f := range files {
		d, err := readGUMFile(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// readGUMFile reads one WebAnno TSV 3 file: "#Text=" opens a sentence,
// token lines are "s-t<TAB>start-end<TAB>token<TAB>entity<TAB>infstat<TAB>
// salience<TAB>identity...", where entity and identity cells list
// "type[id]" values joined by "|".
func readGUMFile(path string) (*doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gum: %w", err)
	}
	defer f.Close()
	d := &doc{Set: "GUM", Name: strings.TrimSuffix(filepath.Base(path), ".tsv"), MaxSent: -1}
	type span struct {
		i, j     int
		class    string
		identity bool
	}
	spans := map[string]*span{}
	var order []string
	sent := -1
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	ln := 0
	for sc.Scan() {
		ln++
		line := sc.Text()
		if strings.HasPrefix(line, "#Text=") {
			sent++
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 7 || sent < 0 {
			return nil, fmt.Errorf("gum: %s:%d: malformed token line", path, ln)
		}
		k := len(d.Tokens)
		d.Tokens = append(d.Tokens, fs[2])
		d.Sent = append(d.Sent, sent)
		ids := map[string]bool{}
		if fs[6] != "_" {
			for _, v := range strings.Split(fs[6], "|") {
				if _, id, ok := cutBracket(v); ok {
					ids[id] = true
				}
			}
		}
		if fs[3] == "_" {
			continue
		}
		for _, v := range strings.Split(fs[3], "|") {
			typ, id, ok := cutBracket(v)
			if !ok {
				return nil, fmt.Errorf("gum: %s:%d: entity %q without span id", path, ln, v)
			}
			s, seen := spans[id]
			if !seen {
				s = &span{i: k, class: gumClass[typ]}
				spans[id] = s
				order = append(order, id)
			}
			s.j = k + 1
			s.identity = s.identity || ids[id]
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gum: %s: %w", path, err)
	}
	for _, id := range order {
		if s := spans[id]; s.class != "" {
			d.Gold = append(d.Gold, goldMention{I: s.i, J: s.j, Class: s.class, Named: s.identity})
		}
	}
	return d, nil
}

// cutBracket splits "person[16]" into "person" and "16".
func cutBracket(v string) (string, string, bool) {
	i := strings.IndexByte(v, '[')
	if i < 0 || !strings.HasSuffix(v, "]") {
		return "", "", false
	}
	return v[:i], v[i+1 : len(v)-1], true
}
