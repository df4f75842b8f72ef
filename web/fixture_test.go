package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
)

// The fixture corpus: a handful of short reports written for these tests
// about the first week of the 2015 Russian air campaign in Syria, with
// every precision the map draws, a date range, a copied report, a figure
// two sources disagree on, and a hostile report whose text, title, source
// and URL carry HTML and script.

const xssSentence = `<script>alert(1)</script> Activists said Russian jets bombed a bakery in Talbiseh <img src=x onerror=alert(2)>.`

// docBuilder builds a sitrep.Document whose spans are found by substring,
// so fixture offsets are computed, never typed in.
type docBuilder struct {
	d     sitrep.Document
	sents []string
}

func newDoc(id, source, published, url, title string, sents ...string) *docBuilder {
	b := &docBuilder{sents: sents}
	text := strings.Join(sents, " ")
	sum := sha256.Sum256([]byte(id + "\n" + text))
	b.d.Doc = sitrep.Doc{ID: id, Source: source, URL: url, Title: title, Published: published,
		Hash: hex.EncodeToString(sum[:]), Text: text, Dropped: []sitrep.DroppedLine{}, Flags: sitrep.Flags{Opinion: []int{}, Coherence: 1}}
	at := 0
	for _, s := range sents {
		b.d.Sentences = append(b.d.Sentences, sitrep.Sentence{Span: sitrep.Span{Start: at, End: at + len(s)}})
		at += len(s) + 1
	}
	b.d.Entities, b.d.Places, b.d.Timexes, b.d.Events = []sitrep.Entity{}, []sitrep.Place{}, []sitrep.Timex{}, []sitrep.Event{}
	return b
}

// mention finds words in sentence sent.
func (b *docBuilder) mention(sent int, words string) sitrep.Mention {
	s := b.d.Sentences[sent]
	k := strings.Index(b.d.Doc.Text[s.Start:s.End], words)
	if k < 0 {
		panic(fmt.Sprintf("fixture %s: sentence %d lacks %q", b.d.Doc.ID, sent, words))
	}
	return sitrep.Mention{Span: sitrep.Span{Start: s.Start + k, End: s.Start + k + len(words)}, Text: words, Sentence: sent}
}

func (b *docBuilder) ref(sent int) sitrep.SentenceRef {
	s := b.d.Sentences[sent]
	return sitrep.SentenceRef{Span: s.Span, Index: sent, Text: b.d.Doc.Text[s.Start:s.End]}
}

func (b *docBuilder) entity(a *sitrep.EventActor, sent int, words string) *docBuilder {
	b.d.Entities = append(b.d.Entities, sitrep.Entity{ID: a.ID, Name: a.Name, Type: a.Type, Country: a.Country,
		Known: true, Mentions: []sitrep.Mention{b.mention(sent, words)}})
	return b
}

func (b *docBuilder) place(l *sitrep.Location, bbox *[4]float64, sent int, words string) *docBuilder {
	b.d.Places = append(b.d.Places, sitrep.Place{ID: l.PlaceID, Name: l.Name, Lat: l.Lat, Lon: l.Lon, Country: l.Country,
		Precision: l.Precision, BBox: bbox, Mentions: []sitrep.Mention{b.mention(sent, words)}})
	return b
}

// event adds event e coded from sentence sent with the given trigger word.
func (b *docBuilder) event(e sitrep.Event, sent int, trigger string) *docBuilder {
	e.Sentence = b.ref(sent)
	e.Trigger = b.mention(sent, trigger)
	if e.Quantities == nil {
		e.Quantities = []sitrep.Quantity{}
	}
	if e.Attribution.Source == "" {
		e.Attribution = sitrep.Attribution{Source: "outlet:" + b.d.Doc.Source, Name: b.d.Doc.Source}
	}
	e.Confidence = 0.8
	b.d.Events = append(b.d.Events, e)
	return b
}

func (b *docBuilder) member(ev, origin string) sitrep.Member {
	for _, e := range b.d.Events {
		if e.ID == ev {
			return sitrep.Member{Doc: b.d.Doc.ID, Event: ev, Source: b.d.Doc.Source, Origin: origin,
				Published: b.d.Doc.Published, Status: e.Status, Attribution: e.Attribution, Sentence: e.Sentence}
		}
	}
	panic("fixture: no event " + ev + " in " + b.d.Doc.ID)
}

func day(d string) sitrep.EventDate {
	return sitrep.EventDate{Date: sitrep.Date{Value: d, Earliest: d, Latest: d, Precision: "day"}}
}

// fixture returns the documents and the situation fused from them.
func fixture() ([]*sitrep.Document, sitrep.Situation) {
	rusAF := &sitrep.EventActor{ID: "kb:RUSAF", Name: "Russian Air Force", Type: sitrep.Military, Country: "RUS"}
	rusNavy := &sitrep.EventActor{ID: "kb:RUSNAV", Name: "Russian Navy", Type: sitrep.Military, Country: "RUS"}
	isil := &sitrep.EventActor{ID: "kb:ISIL", Name: "Islamic State", Type: sitrep.ArmedGroup}
	irn := &sitrep.EventActor{ID: "kb:IRNMIL", Name: "Iranian armed forces", Type: sitrep.Military, Country: "IRN"}
	syr := &sitrep.EventActor{ID: "kb:SYR", Name: "Syria", Type: sitrep.Country, Country: "SYR"}
	civ := &sitrep.EventActor{ID: "x:civilians", Name: "civilians", Type: sitrep.Organization}

	homs := &sitrep.Location{PlaceID: "geonames:169577", Name: "Homs", Lat: 34.73, Lon: 36.71, Country: "SYR", Precision: sitrep.PrecisionPoint}
	talbiseh := &sitrep.Location{PlaceID: "geonames:163270", Name: "Talbiseh", Lat: 34.84, Lon: 36.73, Country: "SYR", Precision: sitrep.PrecisionPoint}
	raqqa := &sitrep.Location{PlaceID: "geonames:172955", Name: "Raqqa Governorate", Lat: 35.9, Lon: 38.9, Country: "SYR", Precision: sitrep.PrecisionAdmin}
	raqqaBox := &[4]float64{37.9, 35.2, 40.1, 36.7}
	syria := &sitrep.Location{PlaceID: "country:SYR", Name: "Syria", Lat: 35, Lon: 38, Country: "SYR", Precision: sitrep.PrecisionCountry}

	a := newDoc("reuters-0930", "Reuters", "2015-09-30", "https://news.example/reuters/0930", "Russian jets strike near Homs",
		"Russian warplanes struck Islamic State targets near Homs on Wednesday, a U.S. official said.").
		entity(rusAF, 0, "Russian warplanes").entity(isil, 0, "Islamic State").place(homs, nil, 0, "Homs").
		event(sitrep.Event{ID: "e1", Type: "ASSAULT", Mode: "aerial", CAMEO: "195", Actor: rusAF, Recipient: isil, Location: homs,
			Date: day("2015-09-30"), Status: sitrep.Asserted,
			Attribution: sitrep.Attribution{Source: "x:us-official", Name: "U.S. official", Cue: "said"}}, 0, "struck")
	// b republishes a's wire copy: the same origin.
	b := newDoc("gazette-0930", "Daily Gazette", "2015-09-30", "https://gazette.example/world/homs", "Russia strikes in Syria",
		"Russian warplanes struck Islamic State targets near Homs on Wednesday, a U.S. official said.").
		entity(rusAF, 0, "Russian warplanes").entity(isil, 0, "Islamic State").place(homs, nil, 0, "Homs").
		event(sitrep.Event{ID: "e1", Type: "ASSAULT", Mode: "aerial", CAMEO: "195", Actor: rusAF, Recipient: isil, Location: homs,
			Date: day("2015-09-30"), Status: sitrep.Asserted,
			Attribution: sitrep.Attribution{Source: "x:us-official", Name: "U.S. official", Cue: "said"}}, 0, "struck")
	c := newDoc("tass-0930", "TASS", "2015-09-30", "https://tass.example/0930", "Defence Ministry: strikes on terrorists",
		"The Defence Ministry said Russian aircraft hit Islamic State positions in Homs on September 30.").
		entity(rusAF, 0, "Russian aircraft").entity(isil, 0, "Islamic State").place(homs, nil, 0, "Homs").
		event(sitrep.Event{ID: "e1", Type: "ASSAULT", Mode: "aerial", CAMEO: "195", Actor: rusAF, Recipient: isil, Location: homs,
			Date: day("2015-09-30"), Status: sitrep.Claimed,
			Attribution: sitrep.Attribution{Source: "kb:RUSMOD", Name: "Russian Defence Ministry", Cue: "said"}}, 0, "hit")
	d := newDoc("blog-1001", `Blog <b>Watch</b>`, "2015-10-01", "javascript:alert(3)", `<img src=x onerror=alert(4)>Talbiseh`,
		xssSentence).
		entity(rusAF, 0, "Russian jets").entity(civ, 0, "bakery").place(talbiseh, nil, 0, "Talbiseh").
		event(sitrep.Event{ID: "e1", Type: "ASSAULT", Mode: "aerial", CAMEO: "195", Actor: rusAF, Recipient: civ, Location: talbiseh,
			Date: day("2015-09-30"), Status: sitrep.Claimed,
			Attribution: sitrep.Attribution{Source: "x:activists", Name: "Activists", Cue: "said"}}, 0, "bombed")
	e := newDoc("aljazeera-1007", "Al Jazeera", "2015-10-07", "https://aljazeera.example/1007", "Iranian troops in Syria",
		"Hundreds of Iranian troops arrived in Syria in early October, officials said.").
		entity(irn, 0, "Iranian troops").entity(syr, 0, "Syria").place(syria, nil, 0, "Syria").
		event(sitrep.Event{ID: "e1", Type: "MOBILIZE", CAMEO: "154", Actor: irn, Recipient: syr, Location: syria,
			Date:   sitrep.EventDate{Date: sitrep.Date{Value: "2015-10", Earliest: "2015-10-01", Latest: "2015-10-10", Precision: "span"}, Text: "early October"},
			Status: sitrep.Claimed, Attribution: sitrep.Attribution{Source: "x:officials", Name: "officials", Cue: "said"}}, 0, "arrived")
	v26, v18 := 26.0, 18.0
	f := newDoc("interfax-1007", "Interfax", "2015-10-07", "https://interfax.example/1007", "Caspian flotilla fires",
		"Russian warships fired 26 cruise missiles at Islamic State targets in Raqqa province on Wednesday.").
		entity(rusNavy, 0, "Russian warships").entity(isil, 0, "Islamic State").place(raqqa, raqqaBox, 0, "Raqqa province").
		event(sitrep.Event{ID: "e1", Type: "ASSAULT", Mode: "missile", CAMEO: "195", Actor: rusNavy, Recipient: isil, Location: raqqa,
			Date: day("2015-10-07"), Status: sitrep.Asserted,
			Quantities: []sitrep.Quantity{{What: "missiles", Value: &v26, Text: "26"}}}, 0, "fired")
	g := newDoc("wire-1008", "Wire Service", "2015-10-08", "https://wire.example/1008", "Missiles over Iran",
		"Russia said its navy fired 18 cruise missiles from the Caspian Sea at targets in Raqqa province.").
		entity(rusNavy, 0, "its navy").entity(isil, 0, "targets").place(raqqa, raqqaBox, 0, "Raqqa province").
		event(sitrep.Event{ID: "e1", Type: "ASSAULT", Mode: "missile", CAMEO: "195", Actor: rusNavy, Recipient: isil, Location: raqqa,
			Date: day("2015-10-07"), Status: sitrep.Claimed,
			Quantities:  []sitrep.Quantity{{What: "missiles", Value: &v18, Text: "18"}},
			Attribution: sitrep.Attribution{Source: "kb:RUS", Name: "Russia", Cue: "said"}}, 0, "fired")

	docs := []*sitrep.Document{&a.d, &b.d, &c.d, &d.d, &e.d, &f.d, &g.d}
	origin := func(doc *docBuilder, of string) sitrep.DocOrigin {
		o := sitrep.DocOrigin{Doc: doc.d.Doc.ID, Source: doc.d.Doc.Source, Origin: of}
		if of != doc.d.Doc.ID {
			o.CopyOf = []string{of}
		}
		return o
	}
	claim := func(doc *docBuilder, value string) sitrep.Claim {
		return sitrep.Claim{Doc: doc.d.Doc.ID, Source: doc.d.Doc.Source, Value: value, Sentence: doc.ref(0)}
	}
	sit := sitrep.Situation{
		Origins: []sitrep.DocOrigin{origin(a, a.d.Doc.ID), origin(b, a.d.Doc.ID), origin(c, c.d.Doc.ID),
			origin(d, d.d.Doc.ID), origin(e, e.d.Doc.ID), origin(f, f.d.Doc.ID), origin(g, g.d.Doc.ID)},
		Threads: []sitrep.StoryThread{},
		Events: []sitrep.FusedEvent{
			{ID: "f-homs-0930", Type: "ASSAULT", Mode: "aerial", CAMEO: "195", Actor: rusAF, Recipient: isil, Location: homs,
				Date: day("2015-09-30").Date, Status: sitrep.Asserted, Origins: 2, Outlets: 3,
				Sources: []string{"Reuters", "Daily Gazette", "TASS"}, Quantities: []sitrep.QuantityClaim{},
				Contradictions: []sitrep.Contradiction{{Kind: "status", What: "who says so", A: claim(a, "asserted"), B: claim(c, "claimed")}},
				Members:        []sitrep.Member{a.member("e1", a.d.Doc.ID), b.member("e1", a.d.Doc.ID), c.member("e1", c.d.Doc.ID)},
				Confidence:     0.9},
			{ID: "f-talbiseh-0930", Type: "ASSAULT", Mode: "aerial", CAMEO: "195", Actor: rusAF, Recipient: civ, Location: talbiseh,
				Date: day("2015-09-30").Date, Status: sitrep.Claimed, Origins: 1, Outlets: 1,
				Sources: []string{d.d.Doc.Source}, Quantities: []sitrep.QuantityClaim{}, Contradictions: []sitrep.Contradiction{},
				Members: []sitrep.Member{d.member("e1", d.d.Doc.ID)}, Confidence: 0.5},
			{ID: "f-iran-troops", Type: "MOBILIZE", CAMEO: "154", Actor: irn, Recipient: syr, Location: syria,
				Date: e.d.Events[0].Date.Date, Status: sitrep.Claimed, Origins: 1, Outlets: 1,
				Sources: []string{"Al Jazeera"}, Quantities: []sitrep.QuantityClaim{}, Contradictions: []sitrep.Contradiction{},
				Members: []sitrep.Member{e.member("e1", e.d.Doc.ID)}, Confidence: 0.6},
			{ID: "f-caspian-1007", Type: "ASSAULT", Mode: "missile", CAMEO: "195", Actor: rusNavy, Recipient: isil, Location: raqqa,
				Date: day("2015-10-07").Date, Status: sitrep.Asserted, Origins: 2, Outlets: 2,
				Sources: []string{"Interfax", "Wire Service"},
				Quantities: []sitrep.QuantityClaim{
					{Quantity: sitrep.Quantity{What: "missiles", Value: &v26, Text: "26"}, Doc: f.d.Doc.ID, Source: "Interfax"},
					{Quantity: sitrep.Quantity{What: "missiles", Value: &v18, Text: "18"}, Doc: g.d.Doc.ID, Source: "Wire Service"}},
				Contradictions: []sitrep.Contradiction{{Kind: "quantity", What: "missiles", A: claim(f, "26"), B: claim(g, "18")}},
				Members:        []sitrep.Member{f.member("e1", f.d.Doc.ID), g.member("e1", g.d.Doc.ID)},
				Confidence:     0.85},
		},
	}
	return docs, sit
}
