package store_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/storetest"
)

func fusedOf(id string, idx ...int) sitrep.FusedEvent {
	var docs []*sitrep.Document
	for _, i := range idx {
		docs = append(docs, storetest.Doc(i))
	}
	f := storetest.Situation(docs).Events[0]
	f.ID = id
	return f
}

func TestDefaultMerge(t *testing.T) {
	a := fusedOf("fe:doc-002/e1", 2, 3)
	b := fusedOf("fe:doc-001/e1", 1, 3)
	b.Members[0].Status = sitrep.Denied
	c := fusedOf("fe:doc-004/e1", 4)
	c.Quantities = []sitrep.QuantityClaim{{Quantity: sitrep.Quantity{What: "killed", Text: "dozens"}, Doc: "doc-004", Source: "AP"}}
	c.Confidence = 0.95

	got := store.DefaultMerge(a, []sitrep.FusedEvent{b, c})
	if got.ID != "fe:doc-001/e1" {
		t.Errorf("ID %s, want the earliest report's fe:doc-001/e1", got.ID)
	}
	var members []string
	for _, m := range got.Members {
		members = append(members, m.Doc)
	}
	if fmt.Sprint(members) != "[doc-001 doc-002 doc-003 doc-004]" {
		t.Errorf("members %v, want doc-001..doc-004 once each in date order", members)
	}
	// Outlets cycle Reuters, AP, TASS: doc-001 AP, 002 TASS, 003 Reuters, 004 AP.
	if got.Origins != 4 || got.Outlets != 3 || len(got.Sources) != 3 {
		t.Errorf("origins %d, outlets %d, sources %v; want 4, 3, 3 names", got.Origins, got.Outlets, got.Sources)
	}
	if got.Status != sitrep.Asserted || got.Confidence != 0.95 || len(got.Quantities) != 1 {
		t.Errorf("status %s, confidence %v, quantities %d", got.Status, got.Confidence, len(got.Quantities))
	}

	// The result does not depend on which report arrives as "incoming".
	want, _ := json.Marshal(got)
	for _, order := range [][3]sitrep.FusedEvent{{b, a, c}, {c, b, a}, {a, c, b}} {
		again, _ := json.Marshal(store.DefaultMerge(order[0], []sitrep.FusedEvent{order[1], order[2]}))
		if string(again) != string(want) {
			t.Errorf("merge depends on order:\n%s\n%s", again, want)
		}
	}
}
