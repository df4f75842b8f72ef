package actor

import (
	"testing"

	"github.com/sitrep/sitrep"
)

func TestNameModelSmall(t *testing.T) {
	person := map[string]bool{"ahmed": true, "hassan": true, "mahmoud": true, "karim": true, "hamid": true, "rashid": true}
	other := map[string]bool{"explorer": true, "country": true, "station": true, "counter": true, "network": true, "browser": true}
	m := trainNameModel(person, other)
	if m == nil {
		t.Fatal("no model")
	}
	if s := m.personScore("Hamad"); s <= 0 {
		t.Errorf("Hamad scores %.2f, want > 0", s)
	}
	if s := m.personScore("Counterstation"); s >= 0 {
		t.Errorf("Counterstation scores %.2f, want < 0", s)
	}
	if trainNameModel(nil, other) != nil {
		t.Error("a model without person words")
	}
}

func TestNameModelTypesUnknownNames(t *testing.T) {
	needNames(t)
	es := run(t, "The winger Nacer Chadli crossed and the defender Mouez Hassen cleared.", "2018-06-23")
	for _, name := range []string{"Nacer Chadli", "Mouez Hassen"} {
		if e, ok := find(es, name); !ok || e.Type != sitrep.Person {
			t.Errorf("%s: %+v (found %v), want a person", name, e, ok)
		}
	}
}
