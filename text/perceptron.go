package text

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// The POS tagger is an averaged perceptron in the style of Matthew
// Honnibal's "fast and accurate" tagger, scored with the weights that
// github.com/jdkato/prose/v2 ships (read through its exported Asset
// function, never copied). prose keeps its own tagger internal and reaches
// it only through NewDocument, which re-tokenizes text and scores each word
// through maps of maps; this implementation extracts the same features
// from our tokens and scores them against a flattened copy of the weights,
// several times faster and with our offsets untouched.

// weight is one class's weight for a feature.
type weight struct {
	class uint8
	w     float32
}

// perceptron is the loaded model. It is read-only after loading.
type perceptron struct {
	classes []string
	tagMap  map[string]string   // frequent unambiguous words -> tag
	weights map[string][]weight // feature -> non-zero class weights
}

// loadPerceptron is called once per process: decoding the weights takes
// a few hundred milliseconds and tens of megabytes.
var loadPerceptron = sync.OnceValues(func() (*perceptron, error) {
	dec := func(name string, v any) error {
		b, err := prose.Asset("model/AveragedPerceptron/" + name)
		if err != nil {
			return fmt.Errorf("load prose tagger %s: %w", name, err)
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
			return fmt.Errorf("decode prose tagger %s: %w", name, err)
		}
		return nil
	}
	var (
		p   perceptron
		wts map[string]map[string]float64
	)
	if err := dec("classes.gob", &p.classes); err != nil {
		return nil, err
	}
	if err := dec("tags.gob", &p.tagMap); err != nil {
		return nil, err
	}
	if err := dec("weights.gob", &wts); err != nil {
		return nil, err
	}
	if len(p.classes) > math.MaxUint8 {
		return nil, fmt.Errorf("prose tagger has %d classes, at most %d supported", len(p.classes), math.MaxUint8)
	}
	index := make(map[string]uint8, len(p.classes))
	for i, c := range p.classes {
		index[c] = uint8(i)
	}
	p.weights = make(map[string][]weight, len(wts))
	for feat, byClass := range wts {
		ws := make([]weight, 0, len(byClass))
		for c, w := range byClass {
			i, ok := index[c]
			if !ok {
				index[c] = uint8(len(p.classes))
				p.classes = append(p.classes, c)
				i = index[c]
			}
			if w != 0 {
				ws = append(ws, weight{class: i, w: float32(w)})
			}
		}
		if len(ws) > 0 {
			p.weights[feat] = ws
		}
	}
	return &p, nil
})

// normalizeWord maps a word to the form the model's context features
// use: hyphenated words, years and numbers collapse to one symbol each.
func normalizeWord(w string) string {
	switch {
	case w == "":
		return w
	case strings.Contains(w, "-") && w[0] != '-':
		return "!HYPHEN"
	case len(w) == 4 && isAllDigits(w):
		return "!YEAR"
	case w[0] >= '0' && w[0] <= '9':
		return "!DIGITS"
	}
	return strings.ToLower(w)
}

func isAllDigits(w string) bool {
	if _, err := strconv.Atoi(w); err == nil {
		return true
	}
	return false
}

// tagWords sets tags[i] to the tag of words[i], words being one sentence
// in the tagger's input form. scratch buffers are reused between calls.
func (p *perceptron) tagWords(words, tags []string, sc *tagScratch) {
	ctx := sc.ctx[:0]
	ctx = append(ctx, "-START-", "-START2-")
	for _, w := range words {
		ctx = append(ctx, normalizeWord(w))
	}
	ctx = append(ctx, "-END-", "-END2-")
	sc.ctx = ctx
	p1, p2 := "-START-", "-START2-"
	for i, w := range words {
		var tag string
		if w == "-" {
			tag = "-"
		} else if t, ok := p.tagMap[w]; ok {
			tag = t
		} else {
			tag = p.predict(i+2, ctx, w, p1, p2, sc)
		}
		tags[i] = tag
		p2, p1 = p1, tag
	}
}

// tagScratch holds buffers reused across sentences by one goroutine.
type tagScratch struct {
	words   []string
	tags    []string
	ctx     []string
	key     []byte
	scores  []float64
	touched []bool
}

// predict scores the features of the word at ctx[i] and returns the best
// class among those any feature voted for.
func (p *perceptron) predict(i int, ctx []string, w, p1, p2 string, sc *tagScratch) string {
	if len(sc.scores) < len(p.classes) {
		sc.scores = make([]float64, len(p.classes))
		sc.touched = make([]bool, len(p.classes))
	}
	scores, touched := sc.scores[:len(p.classes)], sc.touched[:len(p.classes)]
	clear(scores)
	clear(touched)
	add := func(parts ...string) {
		k := sc.key[:0]
		for j, s := range parts {
			if j > 0 {
				k = append(k, ' ')
			}
			k = append(k, s...)
		}
		sc.key = k
		for _, wt := range p.weights[string(k)] {
			scores[wt.class] += float64(wt.w)
			touched[wt.class] = true
		}
	}
	suf := min(len(w), 3)
	iminus := min(len(ctx[i-1]), 3)
	iplus := min(len(ctx[i+1]), 3)
	add("bias")
	add("i suffix", w[len(w)-suf:])
	add("i pref1", string(rune(w[0])))
	add("i-1 tag", p1)
	add("i-2 tag", p2)
	add("i tag+i-2 tag", p1, p2)
	add("i word", ctx[i])
	add("i-1 tag+i word", p1, ctx[i])
	add("i-1 word", ctx[i-1])
	add("i-1 suffix", ctx[i-1][len(ctx[i-1])-iminus:])
	add("i-2 word", ctx[i-2])
	add("i+1 word", ctx[i+1])
	add("i+1 suffix", ctx[i+1][len(ctx[i+1])-iplus:])
	add("i+2 word", ctx[i+2])
	best, bestScore := "", math.Inf(-1)
	for c, s := range scores {
		if touched[c] && s > bestScore {
			best, bestScore = p.classes[c], s
		}
	}
	return best
}
