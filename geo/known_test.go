package geo

import "testing"

func TestKnownPlace(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Skipf("gazetteer not built (make data): %v", err)
	}
	known := g.KnownPlace(KnownPlaceMinPop)
	for name, want := range map[string]bool{
		"Evansville": true, "Lombardy": true, "Aleppo": true, "Syria": true,
		"Mertens": false, "Warhol": false, "Boeing": false,
	} {
		if got := known(name); got != want {
			t.Errorf("KnownPlace(%q) = %v, want %v", name, got, want)
		}
	}
}
