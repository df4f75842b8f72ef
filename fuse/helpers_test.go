package fuse

import (
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
)

// newDoc builds a document whose text is the sentences joined by spaces.
func newDoc(id, source, published string, sents ...string) sitrep.Document {
	d := sitrep.Document{Doc: sitrep.Doc{ID: id, Source: source, Published: published}}
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(s)
		d.Sentences = append(d.Sentences, sitrep.Sentence{Span: sitrep.Span{Start: start, End: b.Len()}})
	}
	d.Doc.Text = b.String()
	return d
}

type place struct {
	id, name, country string
	lat, lon          float64
}

var (
	homs    = place{"geonames:169577", "Homs", "SYR", 34.73, 36.72}
	aleppo  = place{"geonames:170063", "Aleppo", "SYR", 36.20, 37.16}
	latakia = place{"geonames:173579", "Latakia", "SYR", 35.52, 35.79}
	mosul   = place{"geonames:99072", "Mosul", "IRQ", 36.34, 43.13}
)

var (
	russia = &sitrep.EventActor{ID: "kb:rus_mil", Name: "Russian armed forces", Type: sitrep.Military, Country: "RUS"}
	syria  = &sitrep.EventActor{ID: "kb:syr_mil", Name: "Syrian army", Type: sitrep.Military, Country: "SYR"}
	rebels = &sitrep.EventActor{ID: "x:rebels", Name: "rebels", Type: sitrep.ArmedGroup}
)

// ev describes an event to attach to a document.
type ev struct {
	sent    int
	trigger string
	typ     string
	actor   *sitrep.EventActor
	target  *sitrep.EventActor
	where   *place
	date    string // YYYY-MM-DD, or "" for the publication date
	status  sitrep.Status
	qty     []sitrep.Quantity
	conf    float64
}

func addEvents(d *sitrep.Document, evs ...ev) {
	for _, e := range evs {
		s := d.Sentences[e.sent]
		text := d.Doc.Text[s.Start:s.End]
		at := strings.Index(text, e.trigger)
		if at < 0 {
			panic(fmt.Sprintf("trigger %q not in sentence %q", e.trigger, text))
		}
		event := sitrep.Event{
			ID:      fmt.Sprintf("%s/e%d", d.Doc.ID, len(d.Events)+1),
			Type:    e.typ,
			CAMEO:   "195",
			Trigger: sitrep.Mention{Span: sitrep.Span{Start: s.Start + at, End: s.Start + at + len(e.trigger)}, Text: e.trigger, Sentence: e.sent},
			Actor:   e.actor, Recipient: e.target,
			Status:      e.status,
			Quantities:  e.qty,
			Attribution: sitrep.Attribution{Source: "outlet:" + d.Doc.Source, Name: d.Doc.Source},
			Sentence:    sitrep.SentenceRef{Span: s.Span, Index: e.sent, Text: text},
			Confidence:  e.conf,
		}
		if event.Status == "" {
			event.Status = sitrep.Asserted
		}
		if event.Confidence == 0 {
			event.Confidence = 0.6
		}
		if e.where != nil {
			event.Location = &sitrep.Location{PlaceID: e.where.id, Name: e.where.name, Lat: e.where.lat, Lon: e.where.lon,
				Country: e.where.country, Precision: sitrep.PrecisionPoint, Text: e.where.name}
		}
		if e.date != "" {
			event.Date = sitrep.EventDate{Date: sitrep.Date{Value: e.date, Earliest: e.date, Latest: e.date, Precision: "day"}, Text: "on that day"}
		} else {
			p := d.Doc.Published[:10]
			event.Date = sitrep.EventDate{Date: sitrep.Date{Value: p, Earliest: p, Latest: p, Precision: "publication"}}
		}
		d.Events = append(d.Events, event)
	}
}

func num(v float64) *float64 { return &v }

func exact(what string, v float64, text string) sitrep.Quantity {
	return sitrep.Quantity{What: what, Value: num(v), Text: text}
}

func vague(what string, lo, hi float64, text string) sitrep.Quantity {
	return sitrep.Quantity{What: what, Low: num(lo), High: num(hi), Text: text}
}
