package fuse

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// Argument roles of Features.
const (
	RoleActor = iota
	RoleTarget
	RolePlace
	RoleTime
	numRoles
)

// Features describe one event mention that does not come as a coded
// sitrep.Event: a mention of an annotated corpus or of another extractor.
// Cluster links them with the same evidence score the Fuser uses for
// events.
type Features struct {
	// Group scopes linking: mentions of different groups are never
	// compared (a topic, a cluster of documents, a period).
	Group string
	// Doc and Sentence identify the sentence the mention is in; two
	// mentions of one sentence get no credit for sharing its words.
	Doc      string
	Sentence int
	// Type is the event type; mentions of different types are never
	// linked. Empty means unknown, compatible only with unknown.
	Type string
	// Lemma is the trigger's lemma (see Lemma).
	Lemma string
	// Args holds per role (RoleActor, RoleTarget, RolePlace, RoleTime) the
	// keys of the arguments found: entity IDs, place IDs, normalised dates
	// or head-word lemmas.
	Args [numRoles][]string
	// Text is the sentence; its content words are compared.
	Text string
	// Date, when known, bounds when the event happened.
	Date sitrep.Date
}

// Cluster partitions mentions into events: pairs within a group whose
// evidence score reaches opts.LinkThreshold are linked, and the connected
// components are the events, as in the Fuser. It returns one cluster
// number per mention, numbered from 0 in order of first appearance. The
// result does not depend on the order of groups.
func Cluster(ms []Features, opts Options) []int {
	o := opts.withDefaults()
	type key struct{ group, kind string }
	blocks := map[key][]int{}
	var keys []key
	docs := map[string]int32{}
	ments := make([]*mention, len(ms))
	for i := range ms {
		m := featureMention(&ms[i], docs)
		ments[i] = m
		k := key{ms[i].Group, m.kind}
		if blocks[k] == nil {
			keys = append(keys, k)
		}
		blocks[k] = append(blocks[k], i)
	}
	parent := make([]int, len(ms))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, k := range keys {
		idx := blocks[k]
		for a := 0; a < len(idx); a++ {
			for b := a + 1; b < len(idx); b++ {
				i, j := idx[a], idx[b]
				if o.score(ments[i], ments[j]) >= o.LinkThreshold {
					ri, rj := find(i), find(j)
					if ri != rj {
						parent[max(ri, rj)] = min(ri, rj)
					}
				}
			}
		}
	}
	out := make([]int, len(ms))
	num := map[int]int{}
	for i := range ms {
		r := find(i)
		n, ok := num[r]
		if !ok {
			n = len(num)
			num[r] = n
		}
		out[i] = n
	}
	return out
}

// Score returns the evidence score Cluster compares with
// opts.LinkThreshold for two mentions, or -Inf when they cannot corefer
// (different groups or types, incompatible dates).
func Score(a, b Features, opts Options) float64 {
	if a.Group != b.Group {
		return math.Inf(-1)
	}
	o := opts.withDefaults()
	docs := map[string]int32{}
	return o.score(featureMention(&a, docs), featureMention(&b, docs))
}

func featureMention(f *Features, docs map[string]int32) *mention {
	d, ok := docs[f.Doc]
	if !ok {
		d = int32(len(docs))
		docs[f.Doc] = d
	}
	m := &mention{doc: d, kind: f.Type, terms: contentTerms(f.Text, nil)}
	m.setLemma(f.Lemma)
	m.ev.Sentence.Index = f.Sentence
	lo, okLo := dayNumber(f.Date.Earliest)
	hi, okHi := dayNumber(f.Date.Latest)
	if okLo && okHi && lo <= hi {
		m.lo, m.hi, m.hasDate, m.precise = lo, hi, true, f.Date.Precision != "publication"
	}
	for r, keys := range f.Args {
		ks := slices.Clone(keys)
		sort.Strings(ks)
		m.args[r] = slices.Compact(ks)
	}
	return m
}

// particles end phrasal verbs; the verb, not the particle, is the head.
var particles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("out up off down in on back over into onto to for with at from of by away through around about under") {
		m[w] = true
	}
	return m
}()

// TriggerLemma is the lemma of a trigger's head word: the last word of a
// noun phrase ("air strike"), the first of a phrasal verb ("carried out").
func TriggerLemma(trigger string) string {
	ws := words(trigger)
	if len(ws) == 0 {
		return ""
	}
	head := ws[len(ws)-1]
	if len(ws) > 1 && particles[head] {
		head = ws[0]
	}
	return Lemma(strings.ToLower(head))
}
