package fuse

import (
	"fmt"
	"testing"

	"github.com/sitrep/sitrep"
)

// TestFusedLocationNeedsSupport checks that one report's town does not
// place an event that most reports put only in the country, while a lone
// report's town does place its own event.
func TestFusedLocationNeedsSupport(t *testing.T) {
	var docs []sitrep.Document
	texts := []string{
		"Russian jets struck targets near Homs on Wednesday, a security source said.",
		"Russian warplanes struck targets in Syria on Wednesday, the defence ministry said.",
		"Moscow said its aircraft struck Islamic State positions in Syria, marking its first action.",
		"The Russian air force struck in Syria for the first time, hours after the vote in Moscow.",
	}
	for i, text := range texts {
		d := newDoc(fmt.Sprintf("d%d", i), fmt.Sprintf("outlet%d", i), "2015-09-30T12:00:00Z", text)
		addEvents(&d, ev{sent: 0, trigger: "struck", typ: "ASSAULT", actor: russia, where: &homs, date: "2015-09-30"})
		if i > 0 {
			d.Events[0].Location = &sitrep.Location{PlaceID: "country:SYR", Name: "Syria", Country: "SYR",
				Lat: 35, Lon: 38, Precision: sitrep.PrecisionCountry, Text: "Syria"}
		}
		docs = append(docs, d)
	}
	e := eventWith(t, Fuse(docs), "d0")
	if len(e.Members) != 4 {
		t.Fatalf("%d members, want the four reports fused", len(e.Members))
	}
	if e.Location == nil || e.Location.Name != "Syria" {
		t.Errorf("location %+v, want Syria (three of four origins)", e.Location)
	}
	e = eventWith(t, Fuse(docs[:1]), "d0")
	if e.Location == nil || e.Location.Name != "Homs" {
		t.Errorf("location %+v, want Homs for the lone report", e.Location)
	}
}
