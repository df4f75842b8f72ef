package geo

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/sitrep/sitrep"
)

// loadForTest returns the built gazetteer or skips when the build's data
// step has not run.
func loadForTest(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Load()
	if errors.Is(err, ErrNotBuilt) {
		tb.Skipf("skipping: %v", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestLoadNotBuilt(t *testing.T) {
	_, err := load(fstest.MapFS{"data/gen/README": {Data: []byte("x")}})
	if !errors.Is(err, ErrNotBuilt) {
		t.Fatalf("load without generated table: got %v, want ErrNotBuilt", err)
	}
}

func TestLookup(t *testing.T) {
	g := loadForTest(t)
	tests := []struct {
		name      string
		wantID    string // must be among the results
		wantFirst bool   // and ranked first
		prec      sitrep.Precision
	}{
		{"Latakia", "geonames:173576", true, sitrep.PrecisionPoint},
		{"Lattakia", "geonames:173576", true, sitrep.PrecisionPoint},
		{"Al-Ladhiqiyah", "geonames:173576", true, sitrep.PrecisionPoint},
		{"Tartous", "", true, sitrep.PrecisionPoint},
		{"Kweires", "feature:kuweires", true, sitrep.PrecisionPoint},
		{"Kuweires airbase", "feature:kuweires", true, sitrep.PrecisionPoint},
		{"Khmeimim", "feature:hmeimim", true, sitrep.PrecisionPoint},
		{"Syria", "country:SYR", true, sitrep.PrecisionCountry},
		{"U.S.", "country:USA", true, sitrep.PrecisionCountry},
		{"the Bosphorus", "", false, ""},
		{"Bosphorus", "feature:bosphorus", true, sitrep.PrecisionRegion},
		{"Golan Heights", "feature:golan", true, sitrep.PrecisionRegion},
		{"Mediterranean", "feature:mediterranean", true, sitrep.PrecisionRegion},
		{"Queneitra", "geonames:173334", true, sitrep.PrecisionPoint},
		{"Quneitra province", "feature:sy-quneitra", true, sitrep.PrecisionAdmin},
		{"Tartous port", "feature:tartus-naval", true, sitrep.PrecisionPoint},
		{"Bassel al-Assad airbase", "feature:hmeimim", true, sitrep.PrecisionPoint},
		{"Kweires airbase", "feature:kuweires", true, sitrep.PrecisionPoint},
		{"Caspian Sea", "feature:caspian-sea", true, sitrep.PrecisionRegion},
		{"Sinai", "feature:sinai", true, sitrep.PrecisionRegion},
		{"Ghouta", "feature:sy-ghouta", true, sitrep.PrecisionRegion},
		{"Idlib", "geonames:169389", true, sitrep.PrecisionPoint},
		{"Deir al-Zour province", "feature:sy-deir", true, sitrep.PrecisionAdmin},
		{"Idlib province", "feature:sy-idlib", true, sitrep.PrecisionAdmin},
		{"Moscow", "", true, sitrep.PrecisionPoint},
		{"Xyzzyqux", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Lookup(tt.name)
			if tt.prec == "" {
				if tt.wantID == "" && len(got) > 0 && tt.name == "Xyzzyqux" {
					t.Fatalf("Lookup(%q) = %d entries, want none", tt.name, len(got))
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Lookup(%q) found nothing", tt.name)
			}
			if tt.wantFirst && got[0].Precision != tt.prec {
				t.Errorf("Lookup(%q)[0] = %s %s, want precision %s", tt.name, got[0].ID, got[0].Precision, tt.prec)
			}
			if tt.wantID == "" {
				return
			}
			for i, e := range got {
				if e.ID == tt.wantID {
					if tt.wantFirst && i != 0 {
						t.Errorf("Lookup(%q): %s ranked %d, want first (first is %s %s)", tt.name, tt.wantID, i, got[0].ID, got[0].Name)
					}
					return
				}
			}
			t.Errorf("Lookup(%q) lacks %s", tt.name, tt.wantID)
		})
	}
}

// TestCountryPoints checks that countrypoints.tsv moves a country and
// leaves its precision and box alone.
func TestCountryPoints(t *testing.T) {
	g := loadForTest(t)
	us, ok := g.Country("USA")
	if !ok {
		t.Fatal("no USA")
	}
	if d := Distance(us.Lat, us.Lon, 39.8333, -98.5833); d > 1 {
		t.Errorf("USA at %.2f,%.2f, %.0f km from the table's point", us.Lat, us.Lon, d)
	}
	if us.Precision != sitrep.PrecisionCountry || us.BBox == nil {
		t.Errorf("USA precision %q, bbox %v", us.Precision, us.BBox)
	}
	bad := fstest.MapFS{"data/countrypoints.tsv": {Data: []byte("XXX\t1\t2\tnowhere\n")}}
	if err := g.readCountryPoints(bad, "data/countrypoints.tsv"); err == nil {
		t.Error("unknown country accepted")
	}
}
