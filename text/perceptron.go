package text

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
//
// Features are the strings the model was trained with ("i-1 tag+i word NN
// russian"), but they are never built: a feature is known by the 64-bit
// FNV-1a hash of its string, computed from the hash of its constant
// prefix and the bytes of its values, and looked up in an open-addressing
// table. Loading checks that no two of the model's features share a hash;
// a feature outside the model matching one by chance has odds of about
// 2^-47 per lookup.
type perceptron struct {
	classes []string
	tagMap  map[string]string // frequent unambiguous words -> tag
	table   []slot            // len is a power of two
	shift   uint              // 64 - log2(len(table))
	weights []weight          // slot.off:slot.off+slot.n are one feature's
}

// slot is one feature in the table; n == 0 marks an empty slot, since
// every stored feature has a non-zero weight.
type slot struct {
	key uint64
	off uint32
	n   uint32
}

// FNV-1a, 64 bits.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnvByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * fnvPrime
}

// Hashes of the feature templates' constant parts, the space that
// separates a template from its value included.
var (
	hBias       = fnvString(fnvOffset, "bias")
	hSuffix     = fnvString(fnvOffset, "i suffix ")
	hPref1      = fnvString(fnvOffset, "i pref1 ")
	hTag1       = fnvString(fnvOffset, "i-1 tag ")
	hTag2       = fnvString(fnvOffset, "i-2 tag ")
	hTagTag     = fnvString(fnvOffset, "i tag+i-2 tag ")
	hWord       = fnvString(fnvOffset, "i word ")
	hTagWord    = fnvString(fnvOffset, "i-1 tag+i word ")
	hPrevWord   = fnvString(fnvOffset, "i-1 word ")
	hPrevSuffix = fnvString(fnvOffset, "i-1 suffix ")
	hPrev2Word  = fnvString(fnvOffset, "i-2 word ")
	hNextWord   = fnvString(fnvOffset, "i+1 word ")
	hNextSuffix = fnvString(fnvOffset, "i+1 suffix ")
	hNext2Word  = fnvString(fnvOffset, "i+2 word ")
)

// lookup returns the weights of the feature with hash key, or nil.
func (p *perceptron) lookup(key uint64) []weight {
	mask := uint64(len(p.table) - 1)
	for i := (key * 0x9E3779B97F4A7C15) >> p.shift; ; i = (i + 1) & mask {
		s := &p.table[i]
		if s.n == 0 {
			return nil
		}
		if s.key == key {
			return p.weights[s.off : s.off+s.n : s.off+s.n]
		}
	}
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
	// Slots for twice the features keep probe runs short.
	bits := uint(1)
	for 1<<bits < 2*len(wts) {
		bits++
	}
	p.table = make([]slot, 1<<bits)
	p.shift = 64 - bits
	mask := uint64(len(p.table) - 1)
	for feat, byClass := range wts {
		off := len(p.weights)
		for c, w := range byClass {
			i, ok := index[c]
			if !ok {
				if len(p.classes) == math.MaxUint8 {
					return nil, fmt.Errorf("prose tagger has more than %d classes", math.MaxUint8)
				}
				index[c] = uint8(len(p.classes))
				p.classes = append(p.classes, c)
				i = index[c]
			}
			if w != 0 {
				p.weights = append(p.weights, weight{class: i, w: float32(w)})
			}
		}
		n := len(p.weights) - off
		if n == 0 {
			continue
		}
		if len(p.weights) > math.MaxUint32 {
			return nil, fmt.Errorf("prose tagger has more than %d weights", math.MaxUint32)
		}
		key := fnvString(fnvOffset, feat)
		k := (key * 0x9E3779B97F4A7C15) >> p.shift
		for p.table[k].n != 0 {
			if p.table[k].key == key {
				return nil, fmt.Errorf("prose tagger: features %q and another share hash %#x", feat, key)
			}
			k = (k + 1) & mask
		}
		p.table[k] = slot{key: key, off: uint32(off), n: uint32(n)}
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
	scores  []float64
	touched []bool
}

// predict scores the features of the word at ctx[i] and returns the best
// class among those any feature voted for. The features and their order
// are those of prose's tagger; the order matters, since float addition is
// not associative.
func (p *perceptron) predict(i int, ctx []string, w, p1, p2 string, sc *tagScratch) string {
	if len(sc.scores) < len(p.classes) {
		sc.scores = make([]float64, len(p.classes))
		sc.touched = make([]bool, len(p.classes))
	}
	scores, touched := sc.scores[:len(p.classes)], sc.touched[:len(p.classes)]
	clear(scores)
	clear(touched)
	add := func(key uint64) {
		for _, wt := range p.lookup(key) {
			scores[wt.class] += float64(wt.w)
			touched[wt.class] = true
		}
	}
	word, prev, next := ctx[i], ctx[i-1], ctx[i+1]
	// "i pref1" is the first byte read as a rune, as prose has it.
	var pref [utf8.UTFMax]byte
	np := utf8.EncodeRune(pref[:], rune(w[0]))
	hp := hPref1
	for _, b := range pref[:np] {
		hp = fnvByte(hp, b)
	}
	add(hBias)
	add(fnvString(hSuffix, w[len(w)-min(len(w), 3):]))
	add(hp)
	add(fnvString(hTag1, p1))
	add(fnvString(hTag2, p2))
	add(fnvString(fnvByte(fnvString(hTagTag, p1), ' '), p2))
	add(fnvString(hWord, word))
	add(fnvString(fnvByte(fnvString(hTagWord, p1), ' '), word))
	add(fnvString(hPrevWord, prev))
	add(fnvString(hPrevSuffix, prev[len(prev)-min(len(prev), 3):]))
	add(fnvString(hPrev2Word, ctx[i-2]))
	add(fnvString(hNextWord, next))
	add(fnvString(hNextSuffix, next[len(next)-min(len(next), 3):]))
	add(fnvString(hNext2Word, ctx[i+2]))
	best, bestScore := "", math.Inf(-1)
	for c, s := range scores {
		if touched[c] && s > bestScore {
			best, bestScore = p.classes[c], s
		}
	}
	return best
}
