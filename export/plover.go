package export

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep/sitrep"
)

// PLOVERVersion is the PLOVER ontology version the export follows.
const PLOVERVersion = "0.5"

// ploverEvent is one line of the PLOVER export. Field names follow the
// PLOVER event-data convention ("event", "mode", "date", actor objects
// with "actorText" and a country "code"); sitrep's extra fields (CAMEO
// code, status, attribution, corroboration) sit beside them.
type ploverEvent struct {
	ID            string            `json:"id"`
	Kind          string            `json:"kind"` // "event" or "fused"
	Date          string            `json:"date,omitempty"`
	DateEarliest  string            `json:"dateEarliest,omitempty"`
	DateLatest    string            `json:"dateLatest,omitempty"`
	DatePrecision string            `json:"datePrecision,omitempty"`
	Event         string            `json:"event"`
	Mode          string            `json:"mode,omitempty"`
	CAMEO         string            `json:"cameo,omitempty"`
	Actor         *ploverActor      `json:"actor,omitempty"`
	Recipient     *ploverActor      `json:"recipient,omitempty"`
	EventText     string            `json:"eventText,omitempty"`
	Location      *ploverLocation   `json:"location,omitempty"`
	Status        sitrep.Status     `json:"status"`
	Quantities    []sitrep.Quantity `json:"quantities"`
	Publishers    []string          `json:"publishers"`
	URLs          []string          `json:"urls"`
	Attribution   []string          `json:"attribution"`
	Text          []string          `json:"text"`
	Corroboration int               `json:"corroboration"`
	Confidence    float64           `json:"confidence"`
	Language      string            `json:"language"`
	Version       string            `json:"version"`
}

type ploverActor struct {
	ActorText string `json:"actorText,omitempty"`
	Name      string `json:"name"`
	ID        string `json:"id"`
	Code      string `json:"code,omitempty"` // ISO 3166-1 alpha-3 country
	CAMEO     string `json:"cameo,omitempty"`
	Type      string `json:"type,omitempty"`
}

type ploverLocation struct {
	Name      string      `json:"name"`
	ID        string      `json:"id,omitempty"`
	Country   string      `json:"country,omitempty"`
	Lat       float64     `json:"lat"`
	Lon       float64     `json:"lon"`
	Precision string      `json:"precision"`
	BBox      *[4]float64 `json:"bbox,omitempty"`
}

// PLOVEREncoder writes one JSON object per line.
type PLOVEREncoder struct {
	enc *json.Encoder
}

// NewPLOVER returns a PLOVER JSON Lines encoder.
func NewPLOVER(w io.Writer) *PLOVEREncoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &PLOVEREncoder{enc: enc}
}

func ploverActorOf(a *sitrep.EventActor) *ploverActor {
	if a == nil {
		return nil
	}
	return &ploverActor{ActorText: a.Text, Name: a.Name, ID: a.ID, Code: a.Country, CAMEO: a.CAMEO, Type: string(a.Type)}
}

// Write writes one event line.
func (e *PLOVEREncoder) Write(r Row) error {
	p := ploverEvent{
		ID: r.ID, Kind: r.Kind,
		Date: r.Date.Value, DateEarliest: r.Date.Earliest, DateLatest: r.Date.Latest, DatePrecision: r.Date.Precision,
		Event: r.Type, Mode: r.Mode, CAMEO: r.CAMEO,
		Actor: ploverActorOf(r.Actor), Recipient: ploverActorOf(r.Recipient),
		EventText: r.Trigger, Status: r.Status,
		Quantities: list(r.Quantities), Publishers: list(r.Sources), URLs: list(r.URLs),
		Attribution: list(r.Attributed), Text: list(r.Sentences),
		Corroboration: r.Origins, Confidence: r.Confidence,
		Language: "en", Version: PLOVERVersion,
	}
	if l := r.Location; l != nil {
		p.Location = &ploverLocation{Name: l.Name, ID: l.PlaceID, Country: l.Country, Lat: l.Lat, Lon: l.Lon, Precision: string(l.Precision), BBox: r.BBox}
	}
	if err := e.enc.Encode(p); err != nil {
		return fmt.Errorf("export plover: event %s: %w", r.ID, err)
	}
	return nil
}

// Close does nothing: every line is complete once written.
func (e *PLOVEREncoder) Close() error { return nil }

func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
