package coref

import (
	"math"
	"sort"
)

// Partition assigns each mention (by key) to a cluster (by name).
type Partition map[string]string

// Score is a recall, precision and F1 triple, each in 0..1.
type Score struct {
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	F1        float64 `json:"f1"`
}

func newScore(rNum, rDen, pNum, pDen float64) Score {
	var s Score
	if rDen > 0 {
		s.Recall = rNum / rDen
	}
	if pDen > 0 {
		s.Precision = pNum / pDen
	}
	if s.Recall+s.Precision > 0 {
		s.F1 = 2 * s.Recall * s.Precision / (s.Recall + s.Precision)
	}
	return s
}

// Metrics holds the standard coreference scores of a response against a
// key.
type Metrics struct {
	MUC    Score   `json:"muc"`
	BCubed Score   `json:"b3"`
	CEAFe  Score   `json:"ceaf_e"`
	CoNLL  float64 `json:"conll_f1"` // mean of the three F1s
}

// Evaluate scores response against key with MUC, B-cubed, CEAF-e and
// CoNLL F1, after the definitions of the CoNLL-2012 reference scorer
// (Pradhan et al. 2014). Singletons count; mentions only one side has are
// allowed.
func Evaluate(key, response Partition) Metrics {
	k, r := clusters(key), clusters(response)
	m := Metrics{MUC: muc(k, key, r, response), BCubed: bcubed(k, r), CEAFe: ceafe(k, r)}
	m.CoNLL = (m.MUC.F1 + m.BCubed.F1 + m.CEAFe.F1) / 3
	return m
}

// clusters lists a partition's clusters, each a sorted list of mentions,
// in a deterministic order.
func clusters(p Partition) [][]string {
	by := map[string][]string{}
	for m, c := range p {
		by[c] = append(by[c], m)
	}
	names := make([]string, 0, len(by))
	for c := range by {
		names = append(names, c)
	}
	sort.Strings(names)
	out := make([][]string, len(names))
	for i, c := range names {
		sort.Strings(by[c])
		out[i] = by[c]
	}
	return out
}

// muc is the link-based MUC score (Vilain et al. 1995): for each key
// cluster, the links kept in the response; mentions the response lacks
// are partitions of their own.
func muc(k [][]string, key Partition, r [][]string, resp Partition) Score {
	side := func(cs [][]string, other Partition) (num, den float64) {
		for _, c := range cs {
			parts := map[string]bool{}
			for _, m := range c {
				if o, ok := other[m]; ok {
					parts["c:"+o] = true
				} else {
					parts["m:"+m] = true
				}
			}
			num += float64(len(c) - len(parts))
			den += float64(len(c) - 1)
		}
		return num, den
	}
	rn, rd := side(k, resp)
	pn, pd := side(r, key)
	return newScore(rn, rd, pn, pd)
}

// bcubed is the mention-based B-cubed score (Bagga and Baldwin 1998).
func bcubed(k, r [][]string) Score {
	overlap := overlaps(k, r)
	var rn, rd, pn, pd float64
	for i, c := range k {
		rd += float64(len(c))
		for _, n := range overlap[i] {
			rn += float64(n.n*n.n) / float64(len(c))
		}
	}
	for _, c := range r {
		pd += float64(len(c))
	}
	for i := range k {
		for _, n := range overlap[i] {
			pn += float64(n.n*n.n) / float64(len(r[n.j]))
		}
	}
	return newScore(rn, rd, pn, pd)
}

type shared struct{ j, n int }

// overlaps returns, per key cluster, the response clusters it shares
// mentions with and how many.
func overlaps(k, r [][]string) [][]shared {
	idx := map[string]int{}
	for j, c := range r {
		for _, m := range c {
			idx[m] = j
		}
	}
	out := make([][]shared, len(k))
	for i, c := range k {
		count := map[int]int{}
		for _, m := range c {
			if j, ok := idx[m]; ok {
				count[j]++
			}
		}
		for j, n := range count {
			out[i] = append(out[i], shared{j, n})
		}
		sort.Slice(out[i], func(a, b int) bool { return out[i][a].j < out[i][b].j })
	}
	return out
}

// ceafe is the entity-based CEAF (Luo 2005) with similarity
// phi4 = 2|K∩R|/(|K|+|R|) and the optimal one-to-one alignment of key
// and response clusters.
func ceafe(k, r [][]string) Score {
	overlap := overlaps(k, r)
	// Only clusters that share mentions can be aligned with profit, so
	// the alignment is solved per connected component of the overlap
	// graph: exact, and far smaller than one matrix over the corpus.
	parent := make([]int, len(k)+len(r))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i, os := range overlap {
		for _, o := range os {
			a, b := find(i), find(len(k)+o.j)
			if a != b {
				parent[a] = b
			}
		}
	}
	comps := map[int][2][]int{}
	for i, os := range overlap {
		if len(os) > 0 {
			c := comps[find(i)]
			c[0] = append(c[0], i)
			comps[find(i)] = c
		}
	}
	for j := range r {
		root := find(len(k) + j)
		if c, ok := comps[root]; ok {
			c[1] = append(c[1], j)
			comps[root] = c
		}
	}
	total := 0.0
	for _, c := range comps {
		rows, cols := c[0], c[1]
		col := map[int]int{}
		for x, j := range cols {
			col[j] = x
		}
		sim := make([][]float64, len(rows))
		for x, i := range rows {
			sim[x] = make([]float64, len(cols))
			for _, o := range overlap[i] {
				sim[x][col[o.j]] = 2 * float64(o.n) / float64(len(k[i])+len(r[o.j]))
			}
		}
		total += maxAssignment(sim)
	}
	return newScore(total, float64(len(k)), total, float64(len(r)))
}

// maxAssignment returns the largest total weight of a one-to-one
// assignment of rows to columns (the Hungarian method with potentials,
// O(n^2 m)).
func maxAssignment(w [][]float64) float64 {
	n := len(w)
	if n == 0 {
		return 0
	}
	m := len(w[0])
	if n > m { // the method needs rows <= columns: transpose
		t := make([][]float64, m)
		for j := range t {
			t[j] = make([]float64, n)
			for i := range w {
				t[j][i] = w[i][j]
			}
		}
		return maxAssignment(t)
	}
	// Minimise cost = -weight; 1-based arrays as in the classic method.
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1) // p[j]: row assigned to column j
	way := make([]int, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, m+1)
		used := make([]bool, m+1)
		for j := range minv {
			minv[j] = math.Inf(1)
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := -w[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	total := 0.0
	for j := 1; j <= m; j++ {
		if p[j] != 0 {
			total += w[p[j]-1][j-1]
		}
	}
	return total
}
