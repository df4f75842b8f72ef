package geo

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	sgeo "github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/internal/benchdata"
)

func TestMetrics(t *testing.T) {
	acc, auc, mean, median := Metrics([]float64{0, 100, 200, MaxErrorKm})
	if acc != 0.5 {
		t.Errorf("Acc@161 = %v, want 0.5", acc)
	}
	if math.Abs(mean-(0+100+200+MaxErrorKm)/4.0) > 1e-9 {
		t.Errorf("mean = %v", mean)
	}
	if median != 150 {
		t.Errorf("median = %v, want 150", median)
	}
	// Trapezoids over ln(e+1) of the sorted errors, normalised.
	l := func(x float64) float64 { return math.Log(x + 1) }
	want := ((l(0)+l(100))/2 + (l(100)+l(200))/2 + (l(200)+l(MaxErrorKm))/2) / (math.Log(MaxErrorKm) * 3)
	if math.Abs(auc-want) > 1e-12 {
		t.Errorf("AUC = %v, want %v", auc, want)
	}
	if a, _, _, _ := Metrics(nil); a != 0 {
		t.Errorf("empty: acc %v", a)
	}
}

func TestCharSpan(t *testing.T) {
	text := "Près de Genève, in Lyon."
	sp, ok := charSpan(text, 8, 14, "Genève")
	if !ok || text[sp.Start:sp.End] != "Genève" {
		t.Fatalf("charSpan = %v %v (%q)", sp, ok, text[sp.Start:sp.End])
	}
	sp, ok = charSpan(text, 17, 21, "Lyon") // off by two characters
	if !ok || text[sp.Start:sp.End] != "Lyon" {
		t.Fatalf("shifted charSpan = %v %v", sp, ok)
	}
	if _, ok := charSpan(text, 30, 40, "x"); ok {
		t.Fatal("out of range span accepted")
	}
}

// TestBenchmarks runs the evaluation on the sets beside the repository and
// logs the table; it checks that every gold span was read and names its
// surface text.
func TestBenchmarks(t *testing.T) {
	root := filepath.Dir(benchdata.ForTest(t, "geovirus"))
	if _, err := sgeo.Load(); errors.Is(err, sgeo.ErrNotBuilt) {
		t.Skipf("skipping: %v", err)
	}
	for _, set := range []struct {
		name, file string
		read       func(string) ([]Article, error)
	}{
		{"geovirus", "GeoVirus.xml", ReadGeoVirus},
		{"geowebnews", "GWN.xml", ReadGeoWebNews},
	} {
		arts, err := set.read(filepath.Join(root, set.name, set.file))
		if err != nil {
			t.Fatal(err)
		}
		n, bad := 0, 0
		for _, a := range arts {
			for _, g := range a.Golds {
				n++
				if !strings.EqualFold(a.Text[g.Start:g.End], g.Name) {
					bad++
				}
			}
		}
		t.Logf("%s: %d articles, %d gold toponyms, %d spans not naming their gold name", set.name, len(arts), n, bad)
		if n == 0 || bad*50 > n {
			t.Errorf("%s: %d of %d spans do not match", set.name, bad, n)
		}
	}
	var b strings.Builder
	rep, err := Run(root, &b)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if rep.GeoVirus == nil || rep.GeoVirus.Toponyms == 0 {
		t.Fatal("no GeoVirus score")
	}
}

func TestSplitGeoVirus(t *testing.T) {
	var arts []Article
	for i := range 200 {
		arts = append(arts, Article{Source: "https://en.wikinews.org/wiki/Article_" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('A'+i/26))})
	}
	dev, test := SplitGeoVirus(arts)
	if len(dev)+len(test) != len(arts) || len(dev) == 0 || len(test) == 0 {
		t.Fatalf("split %d articles into %d dev and %d test", len(arts), len(dev), len(test))
	}
	dev2, _ := SplitGeoVirus(arts)
	seen := map[string]bool{}
	for i, a := range dev {
		if dev2[i].Source != a.Source {
			t.Fatal("split not deterministic")
		}
		seen[a.Source] = true
	}
	for _, a := range test {
		if seen[a.Source] {
			t.Fatalf("%s in both halves", a.Source)
		}
	}
}
