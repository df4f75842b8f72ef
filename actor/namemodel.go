package actor

import (
	"math"
	"strings"
)

// nameModel is a character-trigram naive Bayes classifier that tells
// words of people's names ("Chadli", "Hassen") from other words (common
// English words, organisation and place words of the knowledge base). It
// types unknown names that no list covers. It is trained when the
// knowledge base loads, from the knowledge base's own lists; nothing is
// learnt from evaluation data.
type nameModel struct {
	logp  [2]map[string]float64 // class -> trigram -> log P(trigram | class)
	unk   [2]float64            // log P of an unseen trigram, per class
	prior [2]float64
}

const (
	classPerson = 0
	classOther  = 1
)

// trigrams returns the character trigrams of a lower-case word padded
// with ^ and $.
func trigrams(w string) []string {
	rs := []rune("^" + w + "$")
	out := make([]string, 0, len(rs))
	for i := 0; i+3 <= len(rs); i++ {
		out = append(out, string(rs[i:i+3]))
	}
	return out
}

// trainNameModel trains on person-name words and other words, with
// add-one smoothing. It returns nil when either class is empty (the
// generated lists were not built).
func trainNameModel(person, other map[string]bool) *nameModel {
	if len(person) == 0 || len(other) == 0 {
		return nil
	}
	m := &nameModel{}
	for c, words := range [2]map[string]bool{person, other} {
		counts := map[string]int{}
		total := 0
		for w := range words {
			for _, t := range trigrams(w) {
				counts[t]++
				total++
			}
		}
		vocab := float64(len(counts) + 1)
		m.logp[c] = make(map[string]float64, len(counts))
		for t, n := range counts {
			m.logp[c][t] = math.Log((float64(n) + 1) / (float64(total) + vocab))
		}
		m.unk[c] = math.Log(1 / (float64(total) + vocab))
		m.prior[c] = math.Log(float64(len(words)))
	}
	return m
}

// personScore returns log P(person | word) - log P(other | word), per
// trigram so that long and short words compare: above 0 the word reads
// more like a name than like an ordinary word.
func (m *nameModel) personScore(word string) float64 {
	ts := trigrams(strings.ToLower(word))
	var s [2]float64
	for c := range s {
		s[c] = m.prior[c]
		for _, t := range ts {
			if p, ok := m.logp[c][t]; ok {
				s[c] += p
			} else {
				s[c] += m.unk[c]
			}
		}
	}
	return (s[classPerson] - s[classOther]) / float64(len(ts))
}
