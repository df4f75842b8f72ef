package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
)

// Outlets used by the fixtures, in the order documents cycle through them.
var Outlets = []string{"Reuters", "AP", "TASS"}

// Doc builds the i-th synthetic document (i >= 0): published on
// 2015-10-(i+1), from Outlets[i%3], with two entities, two places and two
// events: an aerial ASSAULT by the Russian air force on rebels near Homs
// (asserted), and a MOBILIZE of troops in Latakia governorate (claimed by
// a ministry). The text is written for these tests.
func Doc(i int) *sitrep.Document {
	day := fmt.Sprintf("2015-10-%02d", i%28+1)
	source := Outlets[i%len(Outlets)]
	s1 := fmt.Sprintf("Russian jets struck rebel positions near Homs on day %d.", i)
	s2 := "The ministry said troops moved into Latakia province."
	text := s1 + " " + s2
	s2Start := len(s1) + 1
	span := func(sub string, from int) sitrep.Span {
		k := strings.Index(text[from:], sub)
		if k < 0 {
			panic("storetest: fixture text lacks " + sub)
		}
		return sitrep.Span{Start: from + k, End: from + k + len(sub)}
	}
	mention := func(sub string, from, sent int) sitrep.Mention {
		return sitrep.Mention{Span: span(sub, from), Text: sub, Sentence: sent}
	}
	sum := sha256.Sum256([]byte(text))
	rus := &sitrep.EventActor{ID: "kb:RUSAF", Name: "Russian Air Force", Type: sitrep.Military, CAMEO: "RUSMIL", Country: "RUS", Text: "Russian jets"}
	reb := &sitrep.EventActor{ID: "kb:SYRREB", Name: "Syrian rebels", Type: sitrep.ArmedGroup, CAMEO: "SYRREB", Country: "SYR", Text: "rebel"}
	bbox := [4]float64{35.7, 35.0, 36.4, 36.0}
	val := 3.0
	return &sitrep.Document{
		Doc: sitrep.Doc{
			ID: fmt.Sprintf("doc-%03d", i), Source: source, URL: fmt.Sprintf("https://news.example/%s/%d", strings.ToLower(source), i),
			Title: fmt.Sprintf("Strikes near Homs, report %d", i), Published: day, Hash: hex.EncodeToString(sum[:]),
			Text: text, Dropped: []sitrep.DroppedLine{}, Flags: sitrep.Flags{Opinion: []int{}, Coherence: 0.8},
		},
		Sentences: []sitrep.Sentence{{Span: sitrep.Span{Start: 0, End: len(s1)}}, {Span: sitrep.Span{Start: s2Start, End: len(text)}}},
		Entities: []sitrep.Entity{
			{ID: rus.ID, Name: rus.Name, Type: rus.Type, Country: "RUS", CAMEO: "RUSMIL", Known: true, Mentions: []sitrep.Mention{mention("Russian jets", 0, 0)}},
			{ID: reb.ID, Name: reb.Name, Type: reb.Type, Country: "SYR", CAMEO: "SYRREB", Known: true, Mentions: []sitrep.Mention{mention("rebel", 0, 0)}},
		},
		Places: []sitrep.Place{
			{ID: "geonames:169577", Name: "Homs", Lat: 34.73, Lon: 36.71, Country: "SYR", Feature: "city", Precision: sitrep.PrecisionPoint, Mentions: []sitrep.Mention{mention("Homs", 0, 0)}},
			{ID: "geonames:173576", Name: "Latakia Governorate", Lat: 35.6, Lon: 36.0, Country: "SYR", Feature: "admin1", Precision: sitrep.PrecisionAdmin, BBox: &bbox, Mentions: []sitrep.Mention{mention("Latakia", s2Start, 1)}},
		},
		Timexes: []sitrep.Timex{},
		Events: []sitrep.Event{
			{
				ID: "e1", Type: "ASSAULT", Mode: "aerial", CAMEO: "195", Trigger: mention("struck", 0, 0),
				Actor: rus, Recipient: reb,
				Location:    &sitrep.Location{PlaceID: "geonames:169577", Name: "Homs", Lat: 34.73, Lon: 36.71, Country: "SYR", Precision: sitrep.PrecisionPoint, Text: "Homs"},
				Date:        sitrep.EventDate{Date: sitrep.Date{Value: day, Earliest: day, Latest: day, Precision: "day"}},
				Quantities:  []sitrep.Quantity{{What: "aircraft", Value: &val, Text: "three"}},
				Status:      sitrep.Asserted,
				Attribution: sitrep.Attribution{Source: "outlet:" + source, Name: source},
				Sentence:    sitrep.SentenceRef{Span: sitrep.Span{Start: 0, End: len(s1)}, Index: 0, Text: s1},
				Confidence:  0.9,
			},
			{
				ID: "e2", Type: "MOBILIZE", CAMEO: "154", Trigger: mention("moved", s2Start, 1),
				Location:    &sitrep.Location{PlaceID: "geonames:173576", Name: "Latakia Governorate", Lat: 35.6, Lon: 36.0, Country: "SYR", Precision: sitrep.PrecisionAdmin, Text: "Latakia"},
				Date:        sitrep.EventDate{Date: sitrep.Date{Value: day, Earliest: day, Latest: day, Precision: "publication"}},
				Quantities:  []sitrep.Quantity{},
				Status:      sitrep.Claimed,
				Attribution: sitrep.Attribution{Source: "x:ministry", Name: "the ministry", Cue: "said"},
				Sentence:    sitrep.SentenceRef{Span: sitrep.Span{Start: s2Start, End: len(text)}, Index: 1, Text: s2},
				Confidence:  0.6,
			},
		},
	}
}

// Situation fuses the e1 events of docs into one fused event "f-assault"
// whose origins count is the number of distinct outlets, and leaves e2
// unfused.
func Situation(docs []*sitrep.Document) sitrep.Situation {
	var sit sitrep.Situation
	f := sitrep.FusedEvent{
		ID: "f-assault", Type: "ASSAULT", Mode: "aerial", CAMEO: "195",
		Status: sitrep.Asserted, Quantities: []sitrep.QuantityClaim{}, Contradictions: []sitrep.Contradiction{},
		Confidence: 0.9,
	}
	outlets := map[string]bool{}
	for _, d := range docs {
		e := d.Events[0]
		if f.Actor == nil {
			f.Actor, f.Recipient, f.Location, f.Date = e.Actor, e.Recipient, e.Location, e.Date.Date
		}
		sit.Origins = append(sit.Origins, sitrep.DocOrigin{Doc: d.Doc.ID, Source: d.Doc.Source, Origin: d.Doc.ID})
		f.Members = append(f.Members, sitrep.Member{
			Doc: d.Doc.ID, Event: e.ID, Source: d.Doc.Source, Origin: d.Doc.ID, Published: d.Doc.Published,
			Status: e.Status, Attribution: e.Attribution, Sentence: e.Sentence,
		})
		if !outlets[d.Doc.Source] {
			outlets[d.Doc.Source] = true
			f.Sources = append(f.Sources, d.Doc.Source)
		}
	}
	f.Origins, f.Outlets = len(outlets), len(outlets)
	sit.Events = []sitrep.FusedEvent{f}
	sit.Threads = []sitrep.StoryThread{{ID: "t-homs", Title: "Strikes near Homs", Events: []string{f.ID}}}
	return sit
}
