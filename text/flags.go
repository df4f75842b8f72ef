package text

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// opinionThreshold is the cue weight at which a sentence reads as opinion.
const opinionThreshold = 2

// Coherence settings. A sentence links to the text before it when it
// shares content words with one of the coherenceWindow sentences before
// it; two shared words make a full link. Documents with fewer than
// minCoherenceSentences content-bearing sentences are not judged.
const (
	coherenceWindow       = 3
	fullLinkWords         = 2
	minCoherenceSentences = 4
)

// DefaultLowCoherence is the coherence below which a document is flagged
// as stitched together. It was tuned on hand-written reports and on
// sentences from unrelated hand-written reports (testdata/*.txt, see
// flags_test.go): the two coherent reports score 0.45 and 0.6, the
// stitched text 0.04.
const DefaultLowCoherence = 0.2

// cue is one opinion phrase: lower-case words matched against consecutive
// tokens.
type cue struct {
	words  []string
	weight int
}

// lexicon holds the word lists the flags use.
type lexicon struct {
	cues      map[string][]cue // first word -> cues starting with it
	reporting map[string]bool  // reporting verbs: their presence marks indirect speech
	stop      map[string]bool
}

func parseOpinion(name, data string, lx *lexicon) error {
	lx.cues = make(map[string][]cue)
	lx.reporting = make(map[string]bool)
	err := eachRow(name, data, func(f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 tab-separated fields (kind, phrase, weight), got %d", len(f))
		}
		w, err := strconv.Atoi(f[2])
		if err != nil || w < 0 {
			return fmt.Errorf("bad weight %q", f[2])
		}
		words := strings.Fields(strings.ToLower(f[1]))
		if len(words) == 0 {
			return fmt.Errorf("empty phrase")
		}
		switch f[0] {
		case "exhort", "evaluative", "stance":
			lx.cues[words[0]] = append(lx.cues[words[0]], cue{words: words, weight: w})
		case "reporting":
			lx.reporting[f[1]] = true
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return nil
	})
	return err
}

func parseWordList(name, data string) (map[string]bool, error) {
	m := make(map[string]bool)
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("%s:%d: want one word per line, got %q", name, n, line)
		}
		m[strings.ToLower(line)] = true
	}
	return m, sc.Err()
}

// lowerWord lower-cases a token and straightens its apostrophes.
func lowerWord(t string) string {
	t = strings.ToLower(t)
	if strings.Contains(t, "’") {
		t = strings.ReplaceAll(t, "’", "'")
	}
	return t
}

// quoteMask reports, for each token, whether it lies inside a direct
// quotation (the quote marks themselves count as inside). Curly quotes
// nest; straight double quotes toggle.
func quoteMask(toks []sitrep.Token, inside []bool) []bool {
	inside = inside[:0]
	depth := 0
	straight := false
	for _, t := range toks {
		switch t.Text {
		case "“", "«":
			depth++
			inside = append(inside, true)
			continue
		case "”", "»":
			inside = append(inside, true)
			if depth > 0 {
				depth--
			}
			continue
		case `"`:
			straight = !straight
			inside = append(inside, true)
			continue
		}
		inside = append(inside, depth > 0 || straight)
	}
	return inside
}

// opinion returns the indexes of sentences that read as opinion.
func (lx *lexicon) opinion(sents []sitrep.Sentence) []int {
	var out []int
	var inside []bool
	words := make([]string, 0, 64)
	for si, s := range sents {
		toks := s.Tokens
		if len(toks) == 0 {
			continue
		}
		inside = quoteMask(toks, inside)
		words = words[:0]
		reported := false
		for _, t := range toks {
			w := lowerWord(t.Text)
			words = append(words, w)
			if lx.reporting[w] {
				reported = true
			}
		}
		score := 0
		// The sentence's own final punctuation, outside quotes.
		for k := len(toks) - 1; k >= 0; k-- {
			if inside[k] || isCloser(toks[k].Text) {
				continue
			}
			if strings.ContainsAny(toks[k].Text, "?!") && isTerminal(toks[k].Text) {
				score += 2
			}
			break
		}
		if !reported {
			for k, w := range words {
				if inside[k] {
					continue
				}
				for _, c := range lx.cues[w] {
					if matchAt(words, inside, k, c.words) {
						score += c.weight
					}
				}
			}
		}
		if score >= opinionThreshold {
			out = append(out, si)
		}
	}
	return out
}

func matchAt(words []string, inside []bool, k int, phrase []string) bool {
	if k+len(phrase) > len(words) {
		return false
	}
	for j, p := range phrase {
		if words[k+j] != p || inside[k+j] {
			return false
		}
	}
	return true
}

// coherence scores how well each sentence shares content words with the
// sentences just before it, in 0..1, and whether there were enough
// sentences to judge.
func (lx *lexicon) coherence(sents []sitrep.Sentence) (float64, bool) {
	var bags []map[string]bool
	for _, s := range sents {
		bag := lx.contentWords(s.Tokens)
		if len(bag) > 0 {
			bags = append(bags, bag)
		}
	}
	if len(bags) < 2 {
		return 1, false
	}
	total := 0.0
	for i := 1; i < len(bags); i++ {
		shared := 0
		for w := range bags[i] {
			for j := max(0, i-coherenceWindow); j < i; j++ {
				if bags[j][w] {
					shared++
					break
				}
			}
		}
		total += min(1, float64(shared)/fullLinkWords)
	}
	return total / float64(len(bags)-1), len(bags) >= minCoherenceSentences
}

// contentWords returns the normalised nouns, verbs, adjectives and numbers
// of a sentence that are not stop words.
func (lx *lexicon) contentWords(toks []sitrep.Token) map[string]bool {
	bag := make(map[string]bool)
	for _, t := range toks {
		if !contentTag(t.POS) {
			continue
		}
		w := lowerWord(t.Text)
		if lx.stop[w] || utf8.RuneCountInString(w) < 3 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsLetter(r) {
			continue
		}
		bag[stem(w)] = true
	}
	return bag
}

func contentTag(pos string) bool {
	return strings.HasPrefix(pos, "NN") || strings.HasPrefix(pos, "VB") || strings.HasPrefix(pos, "JJ")
}

// stem strips common English inflections so "strikes" and "striking"
// meet "strike". It is deliberately crude: it only has to make
// neighbouring sentences' words meet.
func stem(w string) string {
	for _, suf := range []string{"ing", "ies", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	return strings.TrimSuffix(w, "e")
}
