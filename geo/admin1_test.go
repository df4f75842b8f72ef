package geo

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep/sitrep"
)

const tinyAdmin1 = "# test divisions\n" +
	"Tripoli District\tTripoli province\tLBY\tTripoli\t\t\t\n" +
	"Kent\t\tGBR\t\t51.2\t0.7\t1850000\n" +
	"Nowhere Province\t\tLBY\tAtlantis\t\t\t\n"

func TestAdmin1Derived(t *testing.T) {
	fsys := tinyFS()
	fsys["data/admin1.tsv"] = &fstest.MapFile{Data: []byte(tinyAdmin1)}
	g, err := load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	// The tiny table puts both Libyan towns (Tripoli and the other Homs)
	// in admin1 "01": the division sits at their plain mean, holds their
	// box and, with no population given, their summed population.
	es := g.Lookup("Tripoli province")
	if len(es) != 1 {
		t.Fatalf("Lookup(Tripoli province) = %+v", es)
	}
	e := es[0]
	if e.Precision != sitrep.PrecisionAdmin || e.Country != "LBY" || e.ID != "admin1:LBY:tripoli-district" {
		t.Errorf("division = %+v", e)
	}
	if math.Abs(e.Lat-(32.89+32.65)/2) > 1e-9 || math.Abs(e.Lon-(13.19+14.26)/2) > 1e-9 {
		t.Errorf("division at %v, %v", e.Lat, e.Lon)
	}
	if e.Population != 1150989+38000 {
		t.Errorf("population %d", e.Population)
	}
	if b := e.BBox; b == nil || b[0] != 13.19 || b[1] != 32.65 || b[2] != 14.26 || b[3] != 32.89 {
		t.Errorf("bbox %v", e.BBox)
	}
	if got := g.Lookup("Tripoli"); len(got) == 0 || got[0].Admin1 != "Tripoli District" {
		t.Errorf("Tripoli's Admin1: %+v", got)
	}
	// Coordinates given in the file are kept.
	if k := g.Lookup("Kent"); len(k) != 1 || k[0].Lat != 51.2 || k[0].Lon != 0.7 || k[0].Population != 1850000 {
		t.Errorf("Kent = %+v", k)
	}
	// A seat the gazetteer lacks leaves the division unplaced: reported,
	// never a candidate.
	if got := g.Lookup("Nowhere Province"); len(got) != 0 {
		t.Errorf("unplaced division found: %+v", got)
	}
	if got := g.unplacedAdmins(); !slices.Equal(got, []string{"LBY Nowhere Province"}) {
		t.Errorf("unplacedAdmins = %q", got)
	}
}

func TestReadAdmin1Errors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"fields", "Kent\tGBR\n", "x.tsv:1: 2 fields"},
		{"iso3", "Kent\t\tgb\t\t51\t0\t\n", "x.tsv:1: want a name"},
		{"coords", "# c\nKent\t\tGBR\t\t95\t0\t\n", "x.tsv:2: bad coordinates"},
		{"half coords", "Kent\t\tGBR\t\t51\t\t\n", "bad coordinates"},
		{"nothing", "Kent\t\tGBR\t\t\t\t\n", "neither seat nor coordinates"},
		{"population", "Kent\t\tGBR\t\t51\t0\t-3\n", "bad population"},
	} {
		err := emptyGazetteer().readAdmin1(strings.NewReader(tc.in), "x.tsv")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestAdmin1Embedded checks the shipped table against the built
// gazetteer: every seat is found, no division repeats one of
// features.tsv, and each lies inside its country's box.
func TestAdmin1Embedded(t *testing.T) {
	g, err := Load()
	if errors.Is(err, ErrNotBuilt) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if u := g.unplacedAdmins(); len(u) > 0 {
		t.Errorf("admin1.tsv seats not in the gazetteer: %q", u)
	}
	// No name of a division may also name a features.tsv entry of the
	// same country (or of none): the two would compete for every mention.
	g.exact.each(func(key string, ids []int32) {
		for _, a := range ids {
			ea := &g.entries[a]
			if !strings.HasPrefix(ea.ID, "admin1:") {
				continue
			}
			for _, f := range ids {
				ef := &g.entries[f]
				if strings.HasPrefix(ef.ID, "feature:") && (ef.Country == ea.Country || ef.Country == "") {
					t.Errorf("%q names both %s and %s", key, ea.ID, ef.ID)
				}
			}
		}
	})
	n := 0
	for _, e := range g.entries {
		if !strings.HasPrefix(e.ID, "admin1:") {
			continue
		}
		n++
		c, ok := g.Country(e.Country)
		if !ok {
			t.Errorf("%s: unknown country %s", e.ID, e.Country)
			continue
		}
		if b := c.BBox; b != nil && b[0] <= b[2] && !(e.Lat >= b[1]-0.5 && e.Lat <= b[3]+0.5 && e.Lon >= b[0]-0.5 && e.Lon <= b[2]+0.5) {
			t.Errorf("%s at %.2f, %.2f lies outside %s's box %v", e.ID, e.Lat, e.Lon, e.Country, *b)
		}
	}
	if n < 250 {
		t.Errorf("only %d admin1.tsv divisions loaded", n)
	}
}

// FuzzReadAdmin1 feeds the admin1.tsv parser arbitrary rows: an error
// names file and line, or every entry is in range and indexed.
func FuzzReadAdmin1(f *testing.F) {
	f.Add(tinyAdmin1)
	f.Add("Kent\t\tGBR\t\t51.2\t0.7\t\n")
	f.Add("X\tA|B|\tSYR\tHoms\t\t\t12\n")
	f.Add("X\t\tSYR\t\tNaN\t1\t\n")
	f.Add("\t\t\t\t\t\t\n")
	f.Fuzz(func(t *testing.T, data string) {
		g := emptyGazetteer()
		if err := g.readAdmin1(strings.NewReader(data), "fuzz.tsv"); err != nil {
			if !strings.Contains(err.Error(), "fuzz.tsv:") {
				t.Fatalf("error does not name file and line: %v", err)
			}
			return
		}
		checkIndex(t, g)
		for _, e := range g.entries {
			if !e.derived && !(e.Lat >= -90 && e.Lat <= 90 && e.Lon >= -180 && e.Lon <= 180) {
				t.Fatalf("entry %s out of range: %v,%v", e.ID, e.Lat, e.Lon)
			}
		}
	})
}
