package export

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// Row is one event to export: a document's event or a fused event,
// flattened to what the formats share.
type Row struct {
	Kind       string // "event" or "fused"
	ID         string // "doc/event" for a document's event, the fused ID otherwise
	Doc        string // document ID; empty for fused events
	Type       string
	Mode       string
	CAMEO      string
	Actor      *sitrep.EventActor
	Recipient  *sitrep.EventActor
	Location   *sitrep.Location
	BBox       *[4]float64 // the place's bounding box, for areas
	Date       sitrep.Date
	Status     sitrep.Status
	Sources    []string // outlet names
	URLs       []string // document URLs, where known
	Attributed []string // who says so: speaker names
	Quantities []sitrep.Quantity
	Sentences  []string // the sentences the event was coded from
	Trigger    string
	Origins    int // independent origins; 1 for an unfused document event
	Confidence float64
}

// FromEvent flattens a stored document event.
func FromEvent(e store.StoredEvent) Row {
	r := Row{
		Kind: "event", ID: e.Doc + "/" + e.ID, Doc: e.Doc,
		Type: e.Type, Mode: e.Mode, CAMEO: e.CAMEO,
		Actor: e.Actor, Recipient: e.Recipient, Location: e.Location, BBox: e.BBox,
		Date: e.Date.Date, Status: e.Status,
		Sources:    nonEmpty(e.Source),
		URLs:       nonEmpty(e.URL),
		Attributed: nonEmpty(attributionName(e.Attribution)),
		Quantities: e.Quantities,
		Sentences:  nonEmpty(e.Sentence.Text),
		Trigger:    e.Trigger.Text,
		Origins:    max(e.Origins, 1),
		Confidence: e.Confidence,
	}
	return r
}

// FromFused flattens a fused event. Its sentences and attributions are
// those of its members, each listed once.
func FromFused(f store.StoredFused) Row {
	r := Row{
		Kind: "fused", ID: f.ID,
		Type: f.Type, Mode: f.Mode, CAMEO: f.CAMEO,
		Actor: f.Actor, Recipient: f.Recipient, Location: f.Location, BBox: f.BBox,
		Date: f.Date, Status: f.Status,
		Origins:    f.Origins,
		Confidence: f.Confidence,
	}
	seen := map[string]bool{}
	addOnce := func(list *[]string, kind, s string) {
		if s == "" || seen[kind+"\x00"+s] {
			return
		}
		seen[kind+"\x00"+s] = true
		*list = append(*list, s)
	}
	for _, src := range f.Sources {
		addOnce(&r.Sources, "source", src)
	}
	for _, m := range f.Members {
		addOnce(&r.Sources, "source", m.Source)
		addOnce(&r.Attributed, "attr", attributionName(m.Attribution))
		addOnce(&r.Sentences, "sentence", m.Sentence.Text)
	}
	for _, q := range f.Quantities {
		r.Quantities = append(r.Quantities, q.Quantity)
	}
	return r
}

func attributionName(a sitrep.Attribution) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Source
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// Encoder writes rows in one format. Close finishes the output (GeoJSON
// closes its feature collection) and must be called once after the last
// row; it does not close the underlying writer.
type Encoder interface {
	Write(Row) error
	Close() error
}

// Formats lists the format names NewEncoder accepts.
var Formats = []string{"plover", "csv", "geojson"}

// ContentType returns the media type of a format's output.
func ContentType(format string) string {
	switch format {
	case "plover":
		return "application/x-ndjson; charset=utf-8"
	case "csv":
		return "text/csv; charset=utf-8"
	case "geojson":
		return "application/geo+json"
	}
	return "application/octet-stream"
}

// NewEncoder returns the encoder for a format name: "plover", "csv" or
// "geojson".
func NewEncoder(format string, w io.Writer) (Encoder, error) {
	switch format {
	case "plover":
		return NewPLOVER(w), nil
	case "csv":
		return NewCSV(w), nil
	case "geojson":
		return NewGeoJSON(w), nil
	}
	return nil, fmt.Errorf("export: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

func writeAll(enc Encoder, rows []Row) error {
	for _, r := range rows {
		if err := enc.Write(r); err != nil {
			return err
		}
	}
	return enc.Close()
}

// PLOVER writes rows as PLOVER-style JSON Lines.
func PLOVER(w io.Writer, rows []Row) error { return writeAll(NewPLOVER(w), rows) }

// CSV writes rows as CSV with a header, one row per event.
func CSV(w io.Writer, rows []Row) error { return writeAll(NewCSV(w), rows) }

// GeoJSON writes rows as one GeoJSON FeatureCollection.
func GeoJSON(w io.Writer, rows []Row) error { return writeAll(NewGeoJSON(w), rows) }

// formatQuantities renders quantities as "what=value" pairs, a range as
// "what=low-high", separated by "; ", in a stable order.
func formatQuantities(qs []sitrep.Quantity) string {
	parts := make([]string, 0, len(qs))
	for _, q := range qs {
		var v string
		switch {
		case q.Value != nil:
			v = num(*q.Value)
		case q.Low != nil && q.High != nil:
			v = num(*q.Low) + "-" + num(*q.High)
		case q.Low != nil:
			v = ">=" + num(*q.Low)
		case q.High != nil:
			v = "<=" + num(*q.High)
		default:
			v = "?"
		}
		parts = append(parts, q.What+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
