package entities

import (
	"reflect"
	"testing"
)

func TestRe3dBuild(t *testing.T) {
	text := "Türkiye's army met U.S. forces.\nGen. Lloyd Austin spoke in Raqqa."
	es := []re3dEntity{
		{Begin: 0, End: 7, Type: "Location", Value: "Türkiye", Confidence: 1},
		{Begin: 0, End: 14, Type: "Organisation", Value: "Türkiye's army", Confidence: 0.9},
		{Begin: 19, End: 30, Type: "Organisation", Value: "U.S. forces", Confidence: 0.4}, // below threshold
		{Begin: 37, End: 49, Type: "Person", Value: "Lloyd Austin", Confidence: 1},
		{Begin: 59, End: 64, Type: "Location", Value: "Raqqa", Confidence: 1},
		{Begin: 59, End: 64, Type: "Location", Value: "Raqqx", Confidence: 1}, // slip: text differs
		{Begin: 0, End: 7, Type: "Nationality", Value: "Türkiye", Confidence: 0.8},
	}
	d := re3dBuild("X", re3dDoc{ID: "1", Text: text}, es)
	wantTok := []string{"Türkiye", "'s", "army", "met", "U.S.", "forces", ".", "Gen", ".", "Lloyd", "Austin", "spoke", "in", "Raqqa", "."}
	if !reflect.DeepEqual(d.Tokens, wantTok) {
		t.Fatalf("tokens %q, want %q", d.Tokens, wantTok)
	}
	wantGold := []goldMention{{I: 0, J: 3, Class: Organization}, {I: 9, J: 11, Class: Person}, {I: 13, J: 14, Class: Place}}
	if !reflect.DeepEqual(d.Gold, wantGold) {
		t.Fatalf("gold %+v, want %+v", d.Gold, wantGold)
	}
	if len(d.Nationality) != 1 || d.Nationality[0] != [2]int{0, 1} {
		t.Errorf("nationality spans %v, want [[0 1]]", d.Nationality)
	}
	if d.Sent[6] != 0 || d.Sent[7] != 1 || d.Sent[9] != 1 || d.Sent[14] != 1 {
		t.Errorf("sentences %v", d.Sent)
	}
}
