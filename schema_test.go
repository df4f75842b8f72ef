package sitrep_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sitrep/sitrep"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sitrep.RecordSchema))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("record.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("record.schema.json")
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, d sitrep.Document) error {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(v)
}

func sample() sitrep.Document {
	text := "Russian warplanes struck targets near Homs on Wednesday."
	hundreds, high := 200.0, 999.0
	return sitrep.Document{
		Doc: sitrep.Doc{
			ID: "d1", Source: "Wire", Published: "2015-10-01",
			Hash: "0000000000000000000000000000000000000000000000000000000000000000",
			Text: text, Dropped: []sitrep.DroppedLine{{Line: 3, Text: "Donate now", Reason: "donation appeal"}},
			Flags: sitrep.Flags{Coherence: 0.7},
		},
		Sentences: []sitrep.Sentence{{Span: sitrep.Span{Start: 0, End: len(text)}}},
		Entities: []sitrep.Entity{{ID: "kb:RUS/MIL", Name: "Russian military", Type: sitrep.Military, Country: "RUS", CAMEO: "RUSMIL", Known: true,
			Mentions: []sitrep.Mention{{Span: sitrep.Span{Start: 0, End: 17}, Text: "Russian warplanes"}}}},
		Places: []sitrep.Place{{ID: "geonames:169577", Name: "Homs", Lat: 34.73, Lon: 36.72, Country: "SYR", Precision: sitrep.PrecisionPoint,
			Mentions: []sitrep.Mention{{Span: sitrep.Span{Start: 38, End: 42}, Text: "Homs"}}}},
		Timexes: []sitrep.Timex{{Span: sitrep.Span{Start: 43, End: 55}, Text: "on Wednesday", Type: "DATE", Value: "2015-09-30",
			Date: sitrep.Date{Value: "2015-09-30", Earliest: "2015-09-30", Latest: "2015-09-30", Precision: "day"}}},
		Events: []sitrep.Event{{
			ID: "d1/e1", Type: "ASSAULT", Mode: "aerial", CAMEO: "195",
			Trigger:     sitrep.Mention{Span: sitrep.Span{Start: 18, End: 24}, Text: "struck"},
			Actor:       &sitrep.EventActor{ID: "kb:RUS/MIL", Name: "Russian military", CAMEO: "RUSMIL", Country: "RUS"},
			Location:    &sitrep.Location{Name: "Homs", Lat: 34.73, Lon: 36.72, Country: "SYR", Precision: sitrep.PrecisionPoint},
			Date:        sitrep.EventDate{Date: sitrep.Date{Value: "2015-09-30", Earliest: "2015-09-30", Latest: "2015-09-30", Precision: "day"}, Text: "on Wednesday"},
			Quantities:  []sitrep.Quantity{{What: "troops", Low: &hundreds, High: &high, Text: "hundreds of troops"}},
			Status:      sitrep.Asserted,
			Attribution: sitrep.Attribution{Source: "outlet:Wire", Name: "Wire"},
			Sentence:    sitrep.SentenceRef{Span: sitrep.Span{Start: 0, End: len(text)}, Text: text},
			Confidence:  0.8,
		}},
	}
}

func TestSchemaAcceptsValidRecord(t *testing.T) {
	s := compileSchema(t)
	if err := validate(t, s, sample()); err != nil {
		t.Fatalf("valid record rejected: %v", err)
	}
}

func TestSchemaRejectsInvalidRecords(t *testing.T) {
	s := compileSchema(t)
	tests := []struct {
		name   string
		mutate func(*sitrep.Document)
	}{
		{"lower-case event type", func(d *sitrep.Document) { d.Events[0].Type = "assault" }},
		{"unknown status", func(d *sitrep.Document) { d.Events[0].Status = "rumoured" }},
		{"confidence above 1", func(d *sitrep.Document) { d.Events[0].Confidence = 1.5 }},
		{"bad precision", func(d *sitrep.Document) { d.Places[0].Precision = "exact" }},
		{"two-letter country", func(d *sitrep.Document) { d.Entities[0].Country = "RU" }},
		{"empty doc id", func(d *sitrep.Document) { d.Doc.ID = "" }},
		{"entity without mentions", func(d *sitrep.Document) { d.Entities[0].Mentions = nil }},
	}
	for _, tt := range tests {
		d := sample()
		tt.mutate(&d)
		if err := validate(t, s, d); err == nil {
			t.Errorf("%s: invalid record accepted", tt.name)
		}
	}
}

func TestPublishedTime(t *testing.T) {
	for _, tt := range []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"2015-10-01", "2015-10-01", true},
		{"2015-10-01T08:30:00Z", "2015-10-01", true},
		{" 2015-10-01 ", "2015-10-01", true},
		{"yesterday", "", false},
		{"", "", false},
	} {
		d := sitrep.Doc{Published: tt.in}
		got, ok := d.PublishedTime()
		if ok != tt.wantOK || (ok && got.Format("2006-01-02") != tt.want) {
			t.Errorf("PublishedTime(%q) = %v, %v; want %s, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}
