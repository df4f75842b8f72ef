package coref

import (
	"math"
	"testing"
)

func part(clusters ...[]string) Partition {
	p := Partition{}
	for i, c := range clusters {
		for _, m := range c {
			p[m] = string(rune('A' + i))
		}
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4 }

func checkScore(t *testing.T, name string, got Score, r, p float64) {
	t.Helper()
	f := 0.0
	if r+p > 0 {
		f = 2 * r * p / (r + p)
	}
	if !near(got.Recall, r) || !near(got.Precision, p) || !near(got.F1, f) {
		t.Errorf("%s = R %.4f P %.4f F %.4f, want R %.4f P %.4f F %.4f", name, got.Recall, got.Precision, got.F1, r, p, f)
	}
}

// The worked example of Pradhan et al. (2014), "Scoring coreference
// partitions of predicted mentions: a reference implementation", fig. 1:
// key {a b c} {d e f g}, response {a b} {c d} {f g h i}.
func TestMetricsPradhanExample(t *testing.T) {
	key := part([]string{"a", "b", "c"}, []string{"d", "e", "f", "g"})
	resp := part([]string{"a", "b"}, []string{"c", "d"}, []string{"f", "g", "h", "i"})
	m := Evaluate(key, resp)
	checkScore(t, "MUC", m.MUC, 2.0/5, 2.0/5)
	checkScore(t, "B3", m.BCubed, (4.0/3+1.0/3+1.0/4+4.0/4)/7, (4.0/2+1.0/2+1.0/2+4.0/4)/8)
	checkScore(t, "CEAF-e", m.CEAFe, (0.8+0.5)/2, (0.8+0.5)/3)
	want := (m.MUC.F1 + m.BCubed.F1 + m.CEAFe.F1) / 3
	if !near(m.CoNLL, want) {
		t.Errorf("CoNLL = %.4f, want %.4f", m.CoNLL, want)
	}
}

func TestMetricsIdentity(t *testing.T) {
	key := part([]string{"a", "b", "c"}, []string{"d"}, []string{"e", "f"})
	m := Evaluate(key, key)
	checkScore(t, "MUC", m.MUC, 1, 1)
	checkScore(t, "B3", m.BCubed, 1, 1)
	checkScore(t, "CEAF-e", m.CEAFe, 1, 1)
	if !near(m.CoNLL, 1) {
		t.Errorf("CoNLL = %v, want 1", m.CoNLL)
	}
}

// All singletons against one cluster: MUC has no links to find in the
// response (recall 0), B-cubed and CEAF-e follow from their definitions.
func TestMetricsSingletonsVersusOneCluster(t *testing.T) {
	key := part([]string{"a", "b", "c", "d"})
	resp := part([]string{"a"}, []string{"b"}, []string{"c"}, []string{"d"})
	m := Evaluate(key, resp)
	checkScore(t, "MUC", m.MUC, 0, 0)
	checkScore(t, "B3", m.BCubed, 0.25, 1)
	// One key entity aligned to one singleton: phi4 = 2*1/(4+1) = 0.4.
	checkScore(t, "CEAF-e", m.CEAFe, 0.4/1, 0.4/4)
}

func TestMaxAssignment(t *testing.T) {
	tests := []struct {
		w    [][]float64
		want float64
	}{
		{nil, 0},
		{[][]float64{{0.8, 0.4}, {0.3, 0.5}}, 1.3},
		{[][]float64{{1, 0.9}, {0.9, 0}}, 1.8},             // greedy would take 1
		{[][]float64{{0.2}, {0.7}, {0.1}}, 0.7},            // more rows than columns
		{[][]float64{{0.5, 0.6, 0.1}, {0.5, 0.9, 0}}, 1.4}, // more columns than rows
	}
	for _, tt := range tests {
		if got := maxAssignment(tt.w); !near(got, tt.want) {
			t.Errorf("maxAssignment(%v) = %v, want %v", tt.w, got, tt.want)
		}
	}
}
