package coref

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Token is one token of an ECB+ document.
type Token struct {
	ID       int
	Sentence int
	Text     string
}

// Mention is an annotated markable anchored to tokens.
type Mention struct {
	Doc     string // document name, e.g. "36_1ecb"
	ID      string // m_id within the document
	Tag     string // e.g. ACTION_OCCURRENCE, HUMAN_PART_PER, LOC_GEO
	Tokens  []int  // indexes into Document.Tokens, in order
	Cluster string // gold cluster: cross-document instance, intra-document chain or singleton
}

// IsEvent reports whether the mention is an event (action) mention.
func (m *Mention) IsEvent() bool {
	return strings.HasPrefix(m.Tag, "ACTION_") || strings.HasPrefix(m.Tag, "NEG_ACTION_")
}

// Sentence returns the sentence number of the mention's first token.
func (m *Mention) Sentence(d *Document) int { return d.Tokens[m.Tokens[0]].Sentence }

// Document is one ECB+ document.
type Document struct {
	Name     string // file name without .xml
	Topic    string
	Plus     bool // from the ECB+ extension (the second sub-topic) rather than the original ECB
	Tokens   []Token
	Mentions []Mention
	// Validated holds the sentence numbers whose mentions are evaluated.
	Validated map[int]bool
}

// SentenceText returns the tokens of sentence s joined by spaces.
func (d *Document) SentenceText(s int) string {
	var ws []string
	for _, t := range d.Tokens {
		if t.Sentence == s {
			ws = append(ws, t.Text)
		}
	}
	return strings.Join(ws, " ")
}

// Text returns the mention's tokens joined by spaces.
func (m *Mention) Text(d *Document) string {
	ws := make([]string, len(m.Tokens))
	for i, t := range m.Tokens {
		ws[i] = d.Tokens[t].Text
	}
	return strings.Join(ws, " ")
}

// ParseDocument reads one CAT XML document. Mentions without token
// anchors (instance descriptors) are not returned; every anchored mention
// gets its gold cluster.
func ParseDocument(r io.Reader, name string) (*Document, error) {
	d := &Document{Name: strings.TrimSuffix(name, ".xml")}
	if i := strings.IndexByte(d.Name, '_'); i > 0 {
		d.Topic = d.Name[:i]
	}
	d.Plus = strings.HasSuffix(d.Name, "plus")
	dec := xml.NewDecoder(r)
	tokIndex := map[int]int{}
	var (
		section string // Markables or Relations
		cur     *Mention
		rel     *relation
		rels    []relation
		text    strings.Builder
		tok     *Token
	)
	attr := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		t, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "Markables" || t.Name.Local == "Relations":
				section = t.Name.Local
			case t.Name.Local == "token" && section == "":
				id, err1 := strconv.Atoi(attr(t, "t_id"))
				sent, err2 := strconv.Atoi(attr(t, "sentence"))
				if err1 != nil || err2 != nil {
					return nil, fmt.Errorf("parse %s: token with bad t_id or sentence at offset %d", name, dec.InputOffset())
				}
				tok = &Token{ID: id, Sentence: sent}
				text.Reset()
			case section == "Markables" && t.Name.Local == "token_anchor":
				if cur != nil {
					id, err := strconv.Atoi(attr(t, "t_id"))
					if err != nil {
						return nil, fmt.Errorf("parse %s: bad token_anchor at offset %d", name, dec.InputOffset())
					}
					ti, ok := tokIndex[id]
					if !ok {
						return nil, fmt.Errorf("parse %s: anchor to unknown token %d", name, id)
					}
					cur.Tokens = append(cur.Tokens, ti)
				}
			case section == "Markables":
				cur = &Mention{Doc: d.Name, ID: attr(t, "m_id"), Tag: t.Name.Local}
			case section == "Relations" && (t.Name.Local == "source" || t.Name.Local == "target"):
				if rel != nil && t.Name.Local == "source" {
					rel.sources = append(rel.sources, attr(t, "m_id"))
				}
			case section == "Relations":
				rel = &relation{kind: t.Name.Local, id: attr(t, "r_id"), note: attr(t, "note")}
			}
		case xml.CharData:
			if tok != nil {
				text.Write(t)
			}
		case xml.EndElement:
			switch {
			case t.Name.Local == "token" && tok != nil:
				tok.Text = strings.TrimSpace(text.String())
				tokIndex[tok.ID] = len(d.Tokens)
				d.Tokens = append(d.Tokens, *tok)
				tok = nil
			case section == "Markables" && cur != nil && t.Name.Local == cur.Tag:
				if len(cur.Tokens) > 0 {
					sort.Ints(cur.Tokens)
					d.Mentions = append(d.Mentions, *cur)
				}
				cur = nil
			case section == "Relations" && rel != nil && t.Name.Local == rel.kind:
				rels = append(rels, *rel)
				rel = nil
			case t.Name.Local == "Markables" || t.Name.Local == "Relations":
				section = ""
			}
		}
	}
	byID := map[string]int{}
	for i, m := range d.Mentions {
		byID[m.ID] = i
		d.Mentions[i].Cluster = "single:" + d.Name + ":" + m.ID
	}
	for _, r := range rels {
		var cluster string
		switch r.kind {
		case "CROSS_DOC_COREF":
			cluster = "x:" + r.note
		case "INTRA_DOC_COREF":
			cluster = "intra:" + d.Name + ":" + r.id
		default:
			continue
		}
		for _, s := range r.sources {
			if i, ok := byID[s]; ok {
				d.Mentions[i].Cluster = cluster
			}
		}
	}
	return d, nil
}

type relation struct {
	kind, id, note string
	sources        []string
}

// Corpus is a set of ECB+ documents grouped by topic.
type Corpus struct {
	Topics map[string][]*Document
}

// LoadTopics reads the documents of the given topics from dir/<topic>/ and
// marks the validated sentences listed in csvPath.
func LoadTopics(dir, csvPath string, topics []string) (*Corpus, error) {
	valid, err := readValidated(csvPath)
	if err != nil {
		return nil, err
	}
	c := &Corpus{Topics: map[string][]*Document{}}
	for _, topic := range topics {
		files, err := filepath.Glob(filepath.Join(dir, topic, "*.xml"))
		if err != nil {
			return nil, fmt.Errorf("load topic %s: %w", topic, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("load topic %s: no XML files in %s", topic, filepath.Join(dir, topic))
		}
		sort.Strings(files)
		for _, path := range files {
			f, err := os.Open(path)
			if err != nil {
				return nil, fmt.Errorf("load topic %s: %w", topic, err)
			}
			d, err := ParseDocument(f, filepath.Base(path))
			f.Close()
			if err != nil {
				return nil, err
			}
			d.Validated = valid[d.Name]
			c.Topics[topic] = append(c.Topics[topic], d)
		}
	}
	return c, nil
}

// readValidated reads ECBplus_coreference_sentences.csv: Topic, File,
// Sentence Number.
func readValidated(path string) (map[string]map[int]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read validated sentences: %w", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read validated sentences %s: %w", path, err)
	}
	out := map[string]map[int]bool{}
	for i, row := range rows {
		if i == 0 || len(row) < 3 {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(row[2]))
		if err != nil {
			return nil, fmt.Errorf("read validated sentences %s:%d: %w", path, i+1, err)
		}
		doc := strings.TrimSpace(row[0]) + "_" + strings.TrimSpace(row[1])
		if out[doc] == nil {
			out[doc] = map[int]bool{}
		}
		out[doc][n] = true
	}
	return out, nil
}
