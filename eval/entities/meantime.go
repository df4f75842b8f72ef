package entities

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// meantimeXML is the part of a MEANTIME CAT file that scoring needs.
type meantimeXML struct {
	Tokens []struct {
		ID       string `xml:"t_id,attr"`
		Sentence int    `xml:"sentence,attr"`
		Text     string `xml:",chardata"`
	} `xml:"token"`
	Markables struct {
		Mentions []struct {
			ID      string `xml:"m_id,attr"`
			Syntax  string `xml:"syntactic_type,attr"`
			Anchors []struct {
				T string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"ENTITY_MENTION"`
		Entities []struct {
			ID   string `xml:"m_id,attr"`
			Type string `xml:"ent_type,attr"`
		} `xml:"ENTITY"`
		Timexes []struct {
			Function string `xml:"functionInDocument,attr"`
			Value    string `xml:"value,attr"`
		} `xml:"TIMEX3"`
	} `xml:"Markables"`
	Relations struct {
		RefersTo []struct {
			Sources []struct {
				ID string `xml:"m_id,attr"`
			} `xml:"source"`
			Target struct {
				ID string `xml:"m_id,attr"`
			} `xml:"target"`
		} `xml:"REFERS_TO"`
	} `xml:"Relations"`
}

// meantimeClass maps MEANTIME entity types to the scored classes.
var meantimeClass = map[string]string{"PER": Person, "ORG": Organization, "LOC": Place}

// meantimeSkip are syntactic types that are not names.
var meantimeSkip = set("NOM", "PRO", "PTV", "HLS", "PRE.NOM", "CONJ", "ARC")

// meantimeMaxSent is the last sentence MEANTIME annotates in full: the
// title (sentence 0), the dateline and the first five sentences of the
// body. Later sentences carry only mentions of a few corpus-level
// instances, so system names there cannot be judged.
const meantimeMaxSent = 5

// readMeantime reads every document of the MEANTIME English corpus under
// dir (the meantime_en directory).
func readMeantime(dir string) ([]*doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "intra_cross-doc_annotation", "corpus_*", "*.xml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("meantime: no corpus_*/*.xml under %s", filepath.Join(dir, "intra_cross-doc_annotation"))
	}
	sort.Strings(files)
	docs := make([]*doc, 0, len(files))
	for _, f := range files {
		d, err := readMeantimeFile(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func readMeantimeFile(path string) (*doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("meantime: %w", err)
	}
	var x meantimeXML
	if err := xml.Unmarshal(data, &x); err != nil {
		return nil, fmt.Errorf("meantime: %s: %w", path, err)
	}
	d := &doc{Set: "MEANTIME", Name: strings.TrimSuffix(filepath.Base(path), ".xml"), MaxSent: meantimeMaxSent}
	index := map[string]int{}
	for k, t := range x.Tokens {
		index[t.ID] = k
		d.Tokens = append(d.Tokens, t.Text)
		d.Sent = append(d.Sent, t.Sentence)
	}
	for _, t := range x.Markables.Timexes {
		if t.Function == "CREATION_TIME" && len(t.Value) >= 10 {
			d.DCT = t.Value[:10]
		}
	}
	instType := map[string]string{}
	for _, e := range x.Markables.Entities {
		instType[e.ID] = e.Type
	}
	mentionType := map[string]string{}
	for _, r := range x.Relations.RefersTo {
		if t, ok := instType[r.Target.ID]; ok {
			for _, s := range r.Sources {
				mentionType[s.ID] = t
			}
		}
	}
	for _, m := range x.Markables.Mentions {
		class, ok := meantimeClass[mentionType[m.ID]]
		if !ok || meantimeSkip[m.Syntax] || len(m.Anchors) == 0 {
			continue
		}
		i, j := len(d.Tokens), -1
		for _, a := range m.Anchors {
			k, ok := index[a.T]
			if !ok {
				return nil, fmt.Errorf("meantime: %s: mention %s anchors unknown token %s", path, m.ID, a.T)
			}
			i, j = min(i, k), max(j, k+1)
		}
		d.Gold = append(d.Gold, goldMention{I: i, J: j, Class: class, Named: m.Syntax == "NAM" || m.Syntax == "PRE.NAM"})
	}
	return d, nil
}
