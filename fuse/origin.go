package fuse

import (
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep"
)

// sentRef names one sentence of one document: indexes into Fuser.docs and
// that document's sentences.
type sentRef struct {
	doc, sent int32
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// mix is splitmix64's finaliser; it derives the MinHash permutations.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// signature is a sentence's MinHash signature.
type signature [numHashes]uint32

// sign returns the MinHash signature of the word shingles of ws, and false
// when the sentence is too short to be evidence.
func sign(ws []string, k, minWords int) (signature, bool) {
	var sig signature
	if len(ws) < minWords {
		return sig, false
	}
	if k > len(ws) {
		k = len(ws)
	}
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for i := 0; i+k <= len(ws); i++ {
		h := hashString(strings.Join(ws[i:i+k], " "))
		for j := range sig {
			v := uint32(mix(h^uint64(j)*0x2545f4914f6cdd1d) >> 32)
			if v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig, true
}

// similarity estimates the Jaccard similarity of two shingle sets.
func similarity(a, b *signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / numHashes
}

// bandKeys returns one LSH key per band.
func bandKeys(sig *signature) [numBands]uint64 {
	const rows = numHashes / numBands
	var keys [numBands]uint64
	for b := range keys {
		h := uint64(b + 1)
		for _, v := range sig[b*rows : (b+1)*rows] {
			h = mix(h ^ uint64(v))
		}
		keys[b] = h
	}
	return keys
}

// indexSentences signs d's sentences, finds each one's matches among the
// sentences already indexed and indexes it. Cost per sentence is bounded
// by numBands*MaxBucket comparisons.
func (f *Fuser) indexSentences(di int32, doc *sitrep.Document) {
	ds := f.docs[di]
	ds.sentences = len(doc.Sentences)
	ds.matches = make([][]sentRef, len(doc.Sentences))
	ds.eligible = make([]bool, len(doc.Sentences))
	ds.sigs = make([]signature, len(doc.Sentences))
	ds.shingles = make([]int32, len(doc.Sentences))
	text := doc.Doc.Text
	for si, s := range doc.Sentences {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			continue
		}
		ws := words(text[s.Start:s.End])
		sig, ok := sign(ws, f.opts.ShingleWords, f.opts.MinSentenceWords)
		if !ok {
			continue
		}
		shingles := int32(max(1, len(ws)-f.opts.ShingleWords+1))
		ds.shingles[si] = shingles
		ds.eligible[si] = true
		ds.nEligible++
		ref := sentRef{di, int32(si)}
		ds.sigs[si] = sig
		var seen []sentRef // few: most sentences collide with nothing
		for _, key := range bandKeys(&sig) {
			bucket := f.lsh[key]
			for _, other := range bucket {
				if other.doc == di || slices.Contains(seen, other) {
					continue
				}
				seen = append(seen, other)
				f.signed++
				od := f.docs[other.doc]
				if f.sameSentence(similarity(&sig, &od.sigs[other.sent]), shingles, od.shingles[other.sent]) {
					ds.matches[si] = append(ds.matches[si], other)
					od.matches[other.sent] = append(od.matches[other.sent], ref)
				}
			}
			if len(bucket) < f.opts.MaxBucket {
				f.lsh[key] = append(bucket, ref)
			}
		}
	}
}

// sameSentence decides from the estimated Jaccard similarity j of two
// sentences' shingle sets, of sizes a and b, whether one is the other or
// an excerpt of it. The share of the smaller set inside the larger follows
// from j and the sizes: |A∩B| = j(|A|+|B|)/(1+j).
func (f *Fuser) sameSentence(j float64, a, b int32) bool {
	if j >= f.opts.SentenceMatch {
		return true
	}
	if j <= 0 {
		return false
	}
	inter := j * float64(a+b) / (1 + j)
	return inter/float64(min(a, b)) >= f.opts.SentenceContain
}

// earlier orders documents by publication time, then ID; documents with
// no publication time come last.
func (f *Fuser) earlier(a, b int32) bool {
	da, db := f.docs[a], f.docs[b]
	switch {
	case da.hasPub && db.hasPub && !da.pub.Equal(db.pub):
		return da.pub.Before(db.pub)
	case da.hasPub != db.hasPub:
		return da.hasPub
	}
	return da.id < db.id
}

// sharedSentences maps each document that a shares sentences with to the
// number of a's eligible sentences found there.
func (f *Fuser) sharedSentences(a int32) map[int32]int {
	ds := f.docs[a]
	m := map[int32]int{}
	for si, refs := range ds.matches {
		if !ds.eligible[si] {
			continue
		}
		seen := map[int32]bool{}
		for _, r := range refs {
			if !seen[r.doc] {
				seen[r.doc] = true
				m[r.doc]++
			}
		}
	}
	return m
}

// originFinder answers groupOrigin for a few documents without computing
// the whole corpus: it explores only the copy group of each document
// asked about.
type originFinder struct {
	f      *Fuser
	shared map[int32]map[int32]int
	origin map[int32]int32
}

func (f *Fuser) newOriginFinder() *originFinder {
	return &originFinder{f: f, shared: map[int32]map[int32]int{}, origin: map[int32]int32{}}
}

func (o *originFinder) sharedOf(a int32) map[int32]int {
	m, ok := o.shared[a]
	if !ok {
		m = o.f.sharedSentences(a)
		o.shared[a] = m
	}
	return m
}

func (o *originFinder) share(a, b int32) float64 {
	if n := o.f.docs[a].nEligible; n > 0 {
		return float64(o.sharedOf(a)[b]) / float64(n)
	}
	return 0
}

// copies reports whether a copies b in the sense of origins.
func (o *originFinder) copies(a, b int32) bool {
	return o.share(a, b) >= o.f.opts.CopyShare && o.share(b, a) >= o.f.opts.CopyMutual
}

// groupOrigin returns the earliest document of a's copy group: the same
// answer as origins gives, found by walking copy links from a.
func (o *originFinder) groupOrigin(a int32) int32 {
	if g, ok := o.origin[a]; ok {
		return g
	}
	group := []int32{a}
	in := map[int32]bool{a: true}
	for i := 0; i < len(group); i++ {
		x := group[i]
		for y := range o.sharedOf(x) {
			// Either direction of copying needs x to share at least the
			// smaller of the two thresholds with y; most neighbours fail
			// that without computing their own shares.
			if in[y] || o.share(x, y) < min(o.f.opts.CopyShare, o.f.opts.CopyMutual) {
				continue
			}
			if o.copies(x, y) || o.copies(y, x) {
				in[y] = true
				group = append(group, y)
			}
		}
	}
	best := a
	for _, x := range group {
		if o.f.earlier(x, best) {
			best = x
		}
	}
	for _, x := range group {
		o.origin[x] = best
	}
	return best
}

// origins computes every document's origin from the sentence matches. It
// depends only on the set of documents, not on their arrival order.
func (f *Fuser) origins() (out []sitrep.DocOrigin, groupOrigin []int32) {
	n := len(f.docs)
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	shared := make([]map[int32]int, n) // doc -> other doc -> own sentences found there
	for di := range f.docs {
		shared[di] = f.sharedSentences(int32(di))
	}
	share := func(a, b int32) float64 {
		if f.docs[a].nEligible == 0 {
			return 0
		}
		return float64(shared[a][b]) / float64(f.docs[a].nEligible)
	}
	for a := range f.docs {
		for b := range shared[a] {
			sa, sb := share(int32(a), b), share(b, int32(a))
			if sa >= f.opts.CopyShare && sb >= f.opts.CopyMutual {
				ra, rb := find(int32(a)), find(b)
				if ra != rb {
					parent[ra] = rb
				}
			}
		}
	}
	// The origin of a copy group is its earliest member.
	best := make([]int32, n)
	for i := range best {
		best[i] = -1
	}
	for i := range f.docs {
		r := find(int32(i))
		if best[r] < 0 || f.earlier(int32(i), best[r]) {
			best[r] = int32(i)
		}
	}
	groupOrigin = make([]int32, n)
	for i := range f.docs {
		groupOrigin[i] = best[find(int32(i))]
	}
	out = make([]sitrep.DocOrigin, n)
	for i := range f.docs {
		out[i] = f.docOrigin(int32(i), shared[i], share, func(d int32) int32 { return groupOrigin[d] })
	}
	return out, groupOrigin
}

// Origins returns the origin records of the given documents, as Situation
// gives them (the entries of Situation().Origins for those documents), in
// document ID order. The cost is that of the copy groups of the documents
// and of the documents they share sentences with, not of the corpus.
// Unknown and repeated IDs are ignored.
func (f *Fuser) Origins(docIDs ...string) []sitrep.DocOrigin {
	of := f.newOriginFinder()
	seen := map[int32]bool{}
	out := []sitrep.DocOrigin{}
	for _, id := range docIDs {
		di, ok := f.byID[id]
		if !ok || seen[di] {
			continue
		}
		seen[di] = true
		out = append(out, f.docOrigin(di, of.sharedOf(di), of.share, of.groupOrigin))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Doc < out[j].Doc })
	return out
}

// docOrigin builds the origin record of document i from shared (i's
// sentences found in each other document), share and the group origin of
// any document: the one definition behind Situation and Origins.
func (f *Fuser) docOrigin(i int32, shared map[int32]int, share func(a, b int32) float64, groupOrigin func(int32) int32) sitrep.DocOrigin {
	ds := f.docs[i]
	do := sitrep.DocOrigin{Doc: ds.id, Source: ds.source, Origin: f.docs[groupOrigin(i)].id}
	copies := 0
	for b := range shared {
		if share(i, b) >= f.opts.CopyShare && share(b, i) >= f.opts.CopyMutual {
			copies++
			if f.earlier(b, i) {
				do.CopyOf = append(do.CopyOf, f.docs[b].id)
			}
		}
	}
	sort.Strings(do.CopyOf)
	found := 0
	for si, refs := range ds.matches {
		if ds.eligible[si] && len(refs) > 0 {
			found++
		}
	}
	if ds.nEligible > 0 {
		do.Overlap = float64(found) / float64(ds.nEligible)
	}
	if copies == 0 && do.Overlap >= f.opts.StitchShare {
		from := map[string]bool{}
		for b := range shared {
			// A page that only overlaps with its own later copies is not
			// stitched; its sources must be other reports.
			if f.earlier(b, i) || share(b, i) < f.opts.CopyShare {
				from[f.docs[groupOrigin(b)].id] = true
			}
		}
		delete(from, ds.id)
		if len(from) >= 2 {
			do.Stitched = true
			for id := range from {
				do.From = append(do.From, id)
			}
			sort.Strings(do.From)
		}
	}
	return do
}

// sentenceOrigin returns the origin credited with sentence si of document
// di: the group origin of the earliest document that carries the sentence.
// copied is true when that is an earlier document than di.
func (f *Fuser) sentenceOrigin(di int32, si int, groupOrigin func(int32) int32) (origin int32, copied bool) {
	first := di
	ds := f.docs[di]
	if si >= 0 && si < len(ds.matches) {
		for _, r := range ds.matches[si] {
			if f.earlier(r.doc, first) {
				first = r.doc
			}
		}
	}
	return groupOrigin(first), first != di
}
