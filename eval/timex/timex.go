package timex

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
	tx "github.com/sitrep/sitrep/timex"
)

// Gold is one annotated TIMEX3 of a benchmark document.
type Gold struct {
	sitrep.Span
	Text  string
	Type  string
	Value string
}

// Doc is one benchmark document: its text, creation date and gold timexes.
type Doc struct {
	Name  string
	DCT   string // ISO date
	Text  string
	Golds []Gold
}

// PRF is precision, recall and F1 over counts.
type PRF struct {
	TP, System, Gold int
	P, R, F1         float64
}

func prf(tpSys, tpGold, sys, gold int) PRF {
	x := PRF{TP: tpGold, System: sys, Gold: gold}
	if sys > 0 {
		x.P = float64(tpSys) / float64(sys)
	}
	if gold > 0 {
		x.R = float64(tpGold) / float64(gold)
	}
	if x.P+x.R > 0 {
		x.F1 = 2 * x.P * x.R / (x.P + x.R)
	}
	return x
}

// Report holds the scores over the whole set.
type Report struct {
	Docs          int
	Strict        PRF
	Relaxed       PRF
	Matched       int     // relaxed matches
	TypeAccuracy  float64 // correct type / matched
	ValueAccuracy float64 // correct value / matched
	TypeF1        float64 // relaxed F1 x type accuracy
	ValueF1       float64 // relaxed F1 x value accuracy
	Errors        []Mismatch
}

// Mismatch is one relaxed match with a wrong value, or a missed or
// spurious timex, kept for error analysis.
type Mismatch struct {
	Doc               string
	Kind              string // "value", "missed", "spurious"
	GoldText, SysText string
	GoldValue, SysVal string
}

// dataDir finds te3-platinum under root, which may be the benchmarks
// directory, the tempeval3_platinum directory or te3-platinum itself.
func dataDir(root string) (string, error) {
	for _, c := range []string{
		filepath.Join(root, "tempeval3_platinum", "te3-platinum"),
		filepath.Join(root, "te3-platinum"),
		root,
	} {
		if m, _ := filepath.Glob(filepath.Join(c, "*.tml")); len(m) > 0 {
			return c, nil
		}
	}
	return "", fmt.Errorf("eval timex: no te3-platinum/*.tml under %s", root)
}

// Run scores the timex stage on every document and writes a summary to w.
func Run(root string, w io.Writer) (Report, error) {
	dir, err := dataDir(root)
	if err != nil {
		return Report{}, err
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tml"))
	sort.Strings(files)
	ts, err := text.New()
	if err != nil {
		return Report{}, fmt.Errorf("eval timex: %w", err)
	}
	p, err := pipeline.New(ts, tx.New())
	if err != nil {
		return Report{}, fmt.Errorf("eval timex: %w", err)
	}
	var rep Report
	var strictTP, relTP, sysN, goldN, typeOK, valueOK int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return rep, fmt.Errorf("eval timex: %w", err)
		}
		doc, err := ParseTML(filepath.Base(f), b)
		if err != nil {
			return rep, err
		}
		sys, err := extract(p, doc)
		if err != nil {
			return rep, err
		}
		rep.Docs++
		sysN += len(sys)
		goldN += len(doc.Golds)
		usedSys := make([]bool, len(sys))
		for _, g := range doc.Golds {
			best := -1
			for j, s := range sys {
				if usedSys[j] || !s.Overlaps(g.Span) {
					continue
				}
				if best < 0 || s.Span == g.Span {
					best = j
				}
			}
			if best < 0 {
				rep.Errors = append(rep.Errors, Mismatch{Doc: doc.Name, Kind: "missed", GoldText: g.Text, GoldValue: g.Value})
				continue
			}
			usedSys[best] = true
			s := sys[best]
			relTP++
			if s.Span == g.Span {
				strictTP++
			}
			if s.Type == g.Type {
				typeOK++
			}
			if s.Value == g.Value {
				valueOK++
			} else {
				rep.Errors = append(rep.Errors, Mismatch{Doc: doc.Name, Kind: "value", GoldText: g.Text, SysText: s.Text, GoldValue: g.Value, SysVal: s.Value})
			}
		}
		for j, s := range sys {
			if !usedSys[j] {
				rep.Errors = append(rep.Errors, Mismatch{Doc: doc.Name, Kind: "spurious", SysText: s.Text, SysVal: s.Value})
			}
		}
	}
	rep.Strict = prf(strictTP, strictTP, sysN, goldN)
	rep.Relaxed = prf(relTP, relTP, sysN, goldN)
	rep.Matched = relTP
	if relTP > 0 {
		rep.TypeAccuracy = float64(typeOK) / float64(relTP)
		rep.ValueAccuracy = float64(valueOK) / float64(relTP)
	}
	rep.TypeF1 = rep.Relaxed.F1 * rep.TypeAccuracy
	rep.ValueF1 = rep.Relaxed.F1 * rep.ValueAccuracy
	if w != nil {
		fmt.Fprintf(w, "TempEval-3 platinum: %d documents, %d gold TIMEX3, %d system\n", rep.Docs, goldN, sysN)
		fmt.Fprintf(w, "strict   P %.3f R %.3f F1 %.3f\n", rep.Strict.P, rep.Strict.R, rep.Strict.F1)
		fmt.Fprintf(w, "relaxed  P %.3f R %.3f F1 %.3f\n", rep.Relaxed.P, rep.Relaxed.R, rep.Relaxed.F1)
		fmt.Fprintf(w, "type     accuracy %.3f F1 %.3f\n", rep.TypeAccuracy, rep.TypeF1)
		fmt.Fprintf(w, "value    accuracy %.3f F1 %.3f (%d/%d matched)\n", rep.ValueAccuracy, rep.ValueF1, valueOK, relTP)
	}
	return rep, nil
}

// extract runs the stages on doc and returns the timexes with spans in
// doc.Text.
func extract(p *pipeline.Pipeline, doc Doc) ([]sitrep.Timex, error) {
	d := &sitrep.Document{Doc: sitrep.Doc{ID: doc.Name, Text: doc.Text, Published: doc.DCT}}
	if err := p.Run(context.Background(), d); err != nil {
		return nil, fmt.Errorf("eval timex: %s: %w", doc.Name, err)
	}
	if d.Doc.Text == doc.Text {
		return d.Timexes, nil
	}
	// The text stage dropped boilerplate lines: map kept offsets back.
	m := alignLines(d.Doc.Text, doc.Text)
	out := d.Timexes[:0]
	for _, t := range d.Timexes {
		s, ok1 := m(t.Start)
		e, ok2 := m(t.End - 1)
		if !ok1 || !ok2 {
			continue
		}
		t.Span = sitrep.Span{Start: s, End: e + 1}
		out = append(out, t)
	}
	return out, nil
}

// alignLines maps offsets in kept, made of whole lines of orig in order,
// to offsets in orig.
func alignLines(kept, orig string) func(int) (int, bool) {
	type seg struct{ k, o, n int }
	var segs []seg
	cur, k := 0, 0
	for _, line := range strings.SplitAfter(kept, "\n") {
		body := strings.TrimRight(line, "\n")
		if body != "" {
			if i := strings.Index(orig[cur:], body); i >= 0 {
				segs = append(segs, seg{k, cur + i, len(body)})
				cur += i + len(body)
			}
		}
		k += len(line)
	}
	return func(off int) (int, bool) {
		for _, s := range segs {
			if off >= s.k && off < s.k+s.n {
				return s.o + off - s.k, true
			}
		}
		return 0, false
	}
}

// ParseTML reads a TimeML document: the DCT value and the text of the
// TEXT element with its TIMEX3 spans. Other tags are dropped; character
// references are decoded, so offsets index the decoded text.
func ParseTML(name string, b []byte) (Doc, error) {
	doc := Doc{Name: name}
	dec := xml.NewDecoder(strings.NewReader(string(b)))
	dec.Strict = false
	var sb strings.Builder
	inText, inDCT := false, false
	var open *Gold
	for {
		t, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return doc, fmt.Errorf("eval timex: parse %s: %w", name, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText = true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				if inDCT && doc.DCT == "" {
					doc.DCT = attr(t, "value")
				}
				if inText {
					open = &Gold{Span: sitrep.Span{Start: sb.Len()}, Type: attr(t, "type"), Value: attr(t, "value")}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if open != nil {
					open.End = sb.Len()
					open.Text = sb.String()[open.Start:open.End]
					doc.Golds = append(doc.Golds, *open)
					open = nil
				}
			}
		case xml.CharData:
			if inText {
				sb.Write(t)
			}
		}
	}
	doc.Text = sb.String()
	if doc.DCT == "" {
		return doc, fmt.Errorf("eval timex: %s: no DCT: %w", name, sitrep.ErrMalformed)
	}
	return doc, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
