package event_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/event"
)

// codeDemo runs text, actor, timex and event over the demo corpus.
func codeDemo(tb testing.TB) []sitrep.Document {
	tb.Helper()
	docs, err := demo.Documents()
	if err != nil {
		tb.Fatal(err)
	}
	st, err := event.New()
	if err != nil {
		tb.Fatal(err)
	}
	stages := append(before(tb), st)
	for i := range docs {
		for _, s := range stages {
			if err := s.Process(context.Background(), &docs[i]); err != nil {
				tb.Fatalf("%s: %s: %v", docs[i].Doc.ID, s.Name(), err)
			}
		}
	}
	return docs
}

func TestDemoCorpus(t *testing.T) {
	docs := codeDemo(t)
	byID := map[string]*sitrep.Document{}
	total := 0
	for i := range docs {
		d := &docs[i]
		byID[d.Doc.ID] = d
		total += len(d.Events)
		checkInvariants(t, d)
	}
	if total < 3*len(docs) {
		t.Errorf("only %d events in %d documents", total, len(docs))
	}
	cases := []struct {
		doc string
		w   want
	}{
		// "Russia's Federation Council on Wednesday unanimously approved a request ..."
		{"01-federation-council-vote", want{trigger: "approved", typ: "SUPPORT", country: "RUS", date: "2015-09-30", precision: "day"}},
		// "Iran has sent hundreds of soldiers into Syria over the past 10 days ..., two Lebanese sources told Reuters"
		{"06-iranian-troops-lebanese-sources", want{trigger: "sent", typ: "MOBILIZE", country: "IRN", quantity: "troops:200-999"}},
		// "He added that the Russian air group had flown 71 sorties ... and hit 118 terrorist targets"
		{"33-russia-denies-hospital-strikes", want{trigger: "sorties", typ: "ASSAULT", mode: "aerial", quantity: "sorties=71"}},
	}
	for _, c := range cases {
		d := byID[c.doc]
		if d == nil {
			t.Errorf("demo document %s missing", c.doc)
			continue
		}
		e := find(d.Events, c.w)
		if e == nil {
			t.Errorf("%s: no event %q/%s in %s", c.doc, c.w.trigger, c.w.actor, describe(d.Events))
			continue
		}
		t.Run(c.doc, func(t *testing.T) { check(t, e, c.w) })
	}
}

// checkInvariants checks what every event must satisfy whatever the text.
func checkInvariants(t *testing.T, d *sitrep.Document) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range d.Events {
		if seen[e.ID] || !strings.HasPrefix(e.ID, d.Doc.ID+"/e") {
			t.Errorf("%s: bad or duplicate id %q", d.Doc.ID, e.ID)
		}
		seen[e.ID] = true
		tr := e.Trigger
		if tr.Start < 0 || tr.End > len(d.Doc.Text) || tr.Start >= tr.End || d.Doc.Text[tr.Start:tr.End] != tr.Text {
			t.Errorf("%s: trigger %+v does not match the text", e.ID, tr)
		}
		if !e.Sentence.Contains(tr.Span) || d.Doc.Text[e.Sentence.Start:e.Sentence.End] != e.Sentence.Text {
			t.Errorf("%s: sentence %+v does not hold the trigger", e.ID, e.Sentence.Span)
		}
		if e.Type == "" || e.CAMEO == "" || e.Status == "" || e.Attribution.Source == "" {
			t.Errorf("%s: missing required field: %+v", e.ID, e)
		}
		if e.Confidence <= 0 || e.Confidence > 1 {
			t.Errorf("%s: confidence %g", e.ID, e.Confidence)
		}
		if e.Date.Value == "" && d.Doc.Published != "" {
			t.Errorf("%s: no date though the document is dated", e.ID)
		}
		if e.Quantities == nil {
			t.Errorf("%s: nil quantities", e.ID)
		}
		if e.Location != nil && e.Location.Precision == "" {
			t.Errorf("%s: location without precision", e.ID)
		}
	}
}

// TestDemoSchema checks the demo corpus's events against the record's JSON
// Schema (the other layers are left out: their stages test them).
func TestDemoSchema(t *testing.T) {
	raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(sitrep.RecordSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("record.schema.json", raw); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range codeDemo(t) {
		only := sitrep.Document{Doc: d.Doc, Sentences: d.Sentences, Events: d.Events}
		if only.Doc.Hash == "" {
			only.Doc.Hash = strings.Repeat("0", 64)
		}
		b, err := json.Marshal(only)
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s: events do not match the record schema: %v", d.Doc.ID, err)
		}
	}
}
