package sitrep

import (
	"strings"
	"time"
)

// Document is one report as it flows through the pipeline. Ingest fills
// Doc (but Doc.Text, Doc.Dropped and Doc.Flags); every later stage adds one
// layer. Its JSON form is the per-document record of docs/record.md.
type Document struct {
	Doc       Doc        `json:"doc"`
	Sentences []Sentence `json:"sentences"`
	Entities  []Entity   `json:"entities"`
	Places    []Place    `json:"places"`
	Timexes   []Timex    `json:"timexes"`
	Events    []Event    `json:"events"`
}

// Doc is the article itself: metadata, the kept text and what was dropped.
type Doc struct {
	ID        string `json:"id"`
	Source    string `json:"source"`              // outlet name, e.g. "Reuters"
	URL       string `json:"url,omitempty"`       //
	Title     string `json:"title,omitempty"`     //
	Published string `json:"published,omitempty"` // ISO 8601 date or date-time
	Hash      string `json:"hash"`                // hex SHA-256 of Raw, for deduplication

	// Raw is the text as ingested, before boilerplate removal. It is not
	// part of the record: Text plus Dropped account for every line of it.
	Raw string `json:"-"`

	Text    string        `json:"text"`    // the kept article text; all offsets point into it
	Dropped []DroppedLine `json:"dropped"` // boilerplate lines removed from Raw
	Flags   Flags         `json:"flags"`
}

// PublishedTime parses Published. ok is false when it is empty or invalid.
func (d *Doc) PublishedTime() (t time.Time, ok bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, strings.TrimSpace(d.Published)); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// DroppedLine is a line of Raw that the text stage judged not to be part of
// the article.
type DroppedLine struct {
	Line   int    `json:"line"`   // 1-based line number in Raw
	Text   string `json:"text"`   //
	Reason string `json:"reason"` // e.g. "donation appeal", "byline", "related-story teaser"
}

// Flags are document-level quality signals.
type Flags struct {
	Opinion      []int   `json:"opinion_sentences"` // indexes into Sentences judged opinion rather than report
	Coherence    float64 `json:"coherence"`         // 0..1: how well consecutive sentences share topic
	LowCoherence bool    `json:"low_coherence"`     // likely stitched from unrelated sources
}

// Span is a half-open byte range [Start, End) into Doc.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes covered.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Sentence is one sentence of Doc.Text with its tokens.
type Sentence struct {
	Span
	Tokens []Token `json:"-"` // recomputable; left out of the record to keep it small
}

// Token is one word or punctuation mark.
type Token struct {
	Span
	Text string `json:"text"`
	POS  string `json:"pos"` // Penn Treebank tag
}

// EntityType is the kind of an actor or named thing.
type EntityType string

// Entity types.
const (
	Person       EntityType = "person"
	Government   EntityType = "government"
	Military     EntityType = "military"
	ArmedGroup   EntityType = "armed_group"
	Organization EntityType = "organization"
	Media        EntityType = "media"
	Country      EntityType = "country"
	PlaceEntity  EntityType = "place"
)

// Entity is one real-world actor, with every mention of it in the document.
// ID is stable across documents: a knowledge-base id where the actor is
// known ("kb:..."), otherwise derived from the normalised name ("x:...").
type Entity struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"` // canonical name
	Type     EntityType `json:"type"`
	Country  string     `json:"country,omitempty"` // ISO 3166-1 alpha-3
	CAMEO    string     `json:"cameo,omitempty"`   // CAMEO actor code, e.g. "RUSMIL"
	Known    bool       `json:"known"`             // found in the knowledge base
	Mentions []Mention  `json:"mentions"`
}

// Mention is one occurrence of an entity or place in the text.
type Mention struct {
	Span
	Text     string `json:"text"`
	Sentence int    `json:"sentence"` // index into Document.Sentences
}

// Precision says how exactly a location is known.
type Precision string

// Location precisions. For anything but PrecisionPoint, Lat and Lon are the
// centroid of an area and must not be drawn as a point.
const (
	PrecisionPoint   Precision = "point"   // city, town, base, port
	PrecisionAdmin   Precision = "admin"   // province, governorate
	PrecisionCountry Precision = "country" //
	PrecisionRegion  Precision = "region"  // sea, strait, multi-country region
)

// Place is a toponym resolved to a gazetteer entry.
type Place struct {
	ID        string      `json:"id"` // gazetteer id, e.g. "geonames:170654"
	Name      string      `json:"name"`
	Lat       float64     `json:"lat"`
	Lon       float64     `json:"lon"`
	Country   string      `json:"country,omitempty"` // ISO 3166-1 alpha-3
	Admin1    string      `json:"admin1,omitempty"`
	Feature   string      `json:"feature,omitempty"` // city, capital, airbase, port, province, country, sea, strait, region, continent, ...
	Precision Precision   `json:"precision"`
	BBox      *[4]float64 `json:"bbox,omitempty"` // west, south, east, north, for areas
	Mentions  []Mention   `json:"mentions"`
}

// Timex is a temporal expression normalised against the publication date.
type Timex struct {
	Span
	Text     string `json:"text"`
	Sentence int    `json:"sentence"`
	Type     string `json:"type"`  // TIMEX3 type: DATE, TIME, DURATION, SET
	Value    string `json:"value"` // TIMEX3 value, e.g. "2015-09-30", "2015-W40", "P10D"
	Date
}

// Date is when something happened, with bounds. Earliest and Latest are
// ISO dates (YYYY-MM-DD); both equal Value's day for a day-precise date.
type Date struct {
	Value     string `json:"value,omitempty"`
	Earliest  string `json:"earliest,omitempty"`
	Latest    string `json:"latest,omitempty"`
	Precision string `json:"precision,omitempty"` // day, week, month, year, span, publication
}

// Status says how the source presents an event.
type Status string

// Event statuses.
const (
	Asserted     Status = "asserted"
	Claimed      Status = "claimed"
	Denied       Status = "denied"
	Planned      Status = "planned"
	Hypothetical Status = "hypothetical"
	Negated      Status = "negated"
)

// Event is one coded event: who did what to whom, where, when, how many, and
// who says so.
type Event struct {
	ID          string      `json:"id"`
	Type        string      `json:"type"`           // PLOVER event type, upper case, e.g. "ASSAULT"
	Mode        string      `json:"mode,omitempty"` // PLOVER mode, e.g. "aerial"
	CAMEO       string      `json:"cameo"`          // CAMEO event code, e.g. "195"
	Trigger     Mention     `json:"trigger"`        // the verb or noun that carries the event
	Actor       *EventActor `json:"actor,omitempty"`
	Recipient   *EventActor `json:"recipient,omitempty"`
	Location    *Location   `json:"location,omitempty"`
	Date        EventDate   `json:"date"`
	Quantities  []Quantity  `json:"quantities"`
	Status      Status      `json:"status"`
	Attribution Attribution `json:"attribution"`
	Sentence    SentenceRef `json:"sentence"`
	Confidence  float64     `json:"confidence"` // 0..1
}

// EventActor is an entity in an event role.
type EventActor struct {
	ID      string     `json:"id"` // Entity.ID
	Name    string     `json:"name"`
	Type    EntityType `json:"type,omitempty"`
	CAMEO   string     `json:"cameo,omitempty"`
	Country string     `json:"country,omitempty"`
	Text    string     `json:"text,omitempty"` // the words used in this sentence
}

// Location is where an event happened.
type Location struct {
	PlaceID   string    `json:"place_id,omitempty"`
	Name      string    `json:"name"`
	Lat       float64   `json:"lat"`
	Lon       float64   `json:"lon"`
	Country   string    `json:"country,omitempty"`
	Precision Precision `json:"precision"`
	Text      string    `json:"text,omitempty"`
}

// EventDate is an event's date and the expression it came from, if any.
type EventDate struct {
	Date
	Text string `json:"text,omitempty"` // the temporal expression; empty when Precision is "publication"
}

// Quantity is a number attached to an event. Vague numbers keep a range:
// "hundreds" is Low 200, High 999 and no Value.
type Quantity struct {
	What  string   `json:"what"` // troops, killed, wounded, aircraft, vessels, votes_for, ...
	Value *float64 `json:"value,omitempty"`
	Low   *float64 `json:"low,omitempty"`
	High  *float64 `json:"high,omitempty"`
	Text  string   `json:"text"`
}

// Attribution is who says an event happened. With no cue in the text, the
// outlet itself is the source.
type Attribution struct {
	Source string `json:"source"`           // entity ID of the speaker, or "outlet:<name>"
	Name   string `json:"name"`             // speaker's name as known, e.g. "Israeli official source"
	Cue    string `json:"cue,omitempty"`    // the attributing words, e.g. "told Reuters", "according to"
	Via    string `json:"via,omitempty"`    // the medium relayed through, e.g. "Reuters" in "told Reuters"
	Text   string `json:"text,omitempty"`   // the speaker's words in the text
	Quoted bool   `json:"quoted,omitempty"` // the event is inside a direct quote
}

// SentenceRef points at the sentence an event was coded from.
type SentenceRef struct {
	Span
	Index int    `json:"index"`
	Text  string `json:"text"`
}
