package text

import (
	"bytes"
	"encoding/gob"
	"math"
	"testing"

	"github.com/jdkato/prose/v2"
	"github.com/sitrep/sitrep/demo"
)

// refTagger is the first, string-keyed implementation of the perceptron:
// every feature is built as a string ("i-1 tag+i word NN russian") and
// looked up in a map. The hashed implementation in perceptron.go must
// give exactly its tags; it is kept here as the specification.
type refTagger struct {
	classes []string
	tagMap  map[string]string
	weights map[string][]weight
	// buffers reused between words, as the first implementation did
	key     []byte
	scores  []float64
	touched []bool
}

func loadRefTagger(t testing.TB) *refTagger {
	t.Helper()
	dec := func(name string, v any) {
		b, err := prose.Asset("model/AveragedPerceptron/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var (
		p   refTagger
		wts map[string]map[string]float64
	)
	dec("classes.gob", &p.classes)
	dec("tags.gob", &p.tagMap)
	dec("weights.gob", &wts)
	index := make(map[string]uint8, len(p.classes))
	for i, c := range p.classes {
		index[c] = uint8(i)
	}
	p.weights = make(map[string][]weight, len(wts))
	for feat, byClass := range wts {
		var ws []weight
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
	return &p
}

func (p *refTagger) tagWords(words []string) []string {
	ctx := []string{"-START-", "-START2-"}
	for _, w := range words {
		ctx = append(ctx, normalizeWord(w))
	}
	ctx = append(ctx, "-END-", "-END2-")
	tags := make([]string, len(words))
	p1, p2 := "-START-", "-START2-"
	for i, w := range words {
		var tag string
		if w == "-" {
			tag = "-"
		} else if t, ok := p.tagMap[w]; ok {
			tag = t
		} else {
			tag = p.predict(i+2, ctx, w, p1, p2)
		}
		tags[i] = tag
		p2, p1 = p1, tag
	}
	return tags
}

func (p *refTagger) predict(i int, ctx []string, w, p1, p2 string) string {
	if len(p.scores) < len(p.classes) {
		p.scores = make([]float64, len(p.classes))
		p.touched = make([]bool, len(p.classes))
	}
	scores, touched := p.scores, p.touched
	clear(scores)
	clear(touched)
	add := func(parts ...string) {
		k := p.key[:0]
		for j, s := range parts {
			if j > 0 {
				k = append(k, ' ')
			}
			k = append(k, s...)
		}
		p.key = k
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

// TestTagsMatchReference checks that the tagger gives exactly the tags
// of the string-keyed reference on every sentence of the demo corpus,
// plus sentences with words the corpus lacks (odd bytes, long words,
// hyphens, digits).
func TestTagsMatchReference(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ref := loadRefTagger(t)
	docs, err := demo.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var sentences [][]string
	for _, d := range docs {
		text, _ := s.boil.strip(d.Doc.Raw)
		for _, p := range paragraphs(text) {
			for _, se := range s.seg.split(text, p, nil) {
				words := make([]string, len(se.Tokens))
				for i, tk := range se.Tokens {
					words[i] = taggerForm(tk.Text)
				}
				sentences = append(sentences, words)
			}
		}
	}
	sentences = append(sentences,
		[]string{"Su-24", "jets", "hit", "1999", "targets", "-", "12", "in", "al-Bab", "."},
		[]string{"é", "Ωmega", "x", "ABCDEFGHIJKLMNOP", "9", "'s", "n't", "\xff", "a b"},
		[]string{"-START-", "-END-", "bias", "i", "word", "tag+i-2"},
	)
	var sc tagScratch
	nWords, nDiff := 0, 0
	for _, words := range sentences {
		want := ref.tagWords(words)
		got := make([]string, len(words))
		s.tag.model.tagWords(words, got, &sc)
		for i := range words {
			nWords++
			if got[i] != want[i] {
				nDiff++
				if nDiff <= 10 {
					t.Errorf("%q in %q: tag %q, reference %q", words[i], words, got[i], want[i])
				}
			}
		}
	}
	if nDiff > 0 {
		t.Errorf("%d of %d words tagged differently from the reference", nDiff, nWords)
	}
	if nWords < 5000 {
		t.Errorf("only %d words compared; is the demo corpus there?", nWords)
	}
	t.Logf("%d sentences, %d words identical to the reference", len(sentences), nWords)
}

// BenchmarkTagWords times the perceptron alone on the demo corpus's
// sentences, already tokenized; BenchmarkTagWords/reference times the
// string-keyed reference on the same words.
func BenchmarkTagWords(b *testing.B) {
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	docs, err := demo.Documents()
	if err != nil {
		b.Fatal(err)
	}
	var sentences [][]string
	words := 0
	for _, d := range docs {
		text, _ := s.boil.strip(d.Doc.Raw)
		for _, p := range paragraphs(text) {
			for _, se := range s.seg.split(text, p, nil) {
				ws := make([]string, len(se.Tokens))
				for i, tk := range se.Tokens {
					ws[i] = taggerForm(tk.Text)
				}
				sentences = append(sentences, ws)
				words += len(ws)
			}
		}
	}
	b.Run("hashed", func(b *testing.B) {
		var sc tagScratch
		tags := make([]string, 512)
		cpu := cpuTime()
		for b.Loop() {
			for _, ws := range sentences {
				if len(ws) > len(tags) {
					tags = make([]string, len(ws))
				}
				s.tag.model.tagWords(ws, tags[:len(ws)], &sc)
			}
		}
		b.ReportMetric(float64(b.N*words)/b.Elapsed().Seconds(), "words/s")
		if cpu := cpuTime() - cpu; cpu > 0 {
			b.ReportMetric(float64(b.N*words)/cpu.Seconds(), "words/cpu-s")
		}
	})
	b.Run("reference", func(b *testing.B) {
		ref := loadRefTagger(b)
		b.ResetTimer()
		cpu := cpuTime()
		for b.Loop() {
			for _, ws := range sentences {
				ref.tagWords(ws)
			}
		}
		b.ReportMetric(float64(b.N*words)/b.Elapsed().Seconds(), "words/s")
		if cpu := cpuTime() - cpu; cpu > 0 {
			b.ReportMetric(float64(b.N*words)/cpu.Seconds(), "words/cpu-s")
		}
	})
}
