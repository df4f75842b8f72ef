package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
)

// CSVColumns is the header of the CSV export. It follows ACLED's layout
// where the concepts match: one row per event, actors with countries, a
// location with a precision, sources and notes (here the sentence), plus
// the CAMEO code, status, attribution and corroboration that sitrep adds.
var CSVColumns = []string{
	"event_id", "kind", "event_date", "date_earliest", "date_latest", "date_precision",
	"event_type", "sub_event_type", "cameo",
	"actor1", "actor1_id", "actor1_country", "actor2", "actor2_id", "actor2_country",
	"location", "location_id", "latitude", "longitude", "geo_precision", "country",
	"source", "source_url", "attribution", "status", "quantities", "notes",
	"corroboration", "confidence",
}

// CSVEncoder writes CSV rows.
type CSVEncoder struct {
	w      *csv.Writer
	header bool
}

// NewCSV returns an encoder that writes the header before the first row
// (or at Close when there are no rows).
func NewCSV(w io.Writer) *CSVEncoder { return &CSVEncoder{w: csv.NewWriter(w)} }

func (e *CSVEncoder) writeHeader() error {
	if e.header {
		return nil
	}
	e.header = true
	return e.w.Write(CSVColumns)
}

// Write writes one row.
func (e *CSVEncoder) Write(r Row) error {
	if err := e.writeHeader(); err != nil {
		return fmt.Errorf("export csv: header: %w", err)
	}
	a1, a1id, a1c := actorCols(r.Actor)
	a2, a2id, a2c := actorCols(r.Recipient)
	var loc, locID, lat, lon, prec, country string
	if l := r.Location; l != nil {
		loc, locID, prec, country = l.Name, l.PlaceID, string(l.Precision), l.Country
		// Areas keep their centroid with geo_precision saying so, as
		// ACLED does; consumers must not draw them as points.
		lat, lon = num(l.Lat), num(l.Lon)
	}
	date := r.Date.Value
	if date == "" {
		date = r.Date.Earliest
	}
	rec := []string{
		r.ID, r.Kind, date, r.Date.Earliest, r.Date.Latest, r.Date.Precision,
		r.Type, r.Mode, r.CAMEO,
		a1, a1id, a1c, a2, a2id, a2c,
		loc, locID, lat, lon, prec, country,
		strings.Join(r.Sources, "; "), strings.Join(r.URLs, " "), strings.Join(r.Attributed, "; "),
		string(r.Status), formatQuantities(r.Quantities), strings.Join(r.Sentences, " | "),
		strconv.Itoa(r.Origins), num(r.Confidence),
	}
	for i, v := range rec {
		rec[i] = defuse(v)
	}
	if err := e.w.Write(rec); err != nil {
		return fmt.Errorf("export csv: row %s: %w", r.ID, err)
	}
	return nil
}

// Close writes the header if no row was written and flushes.
func (e *CSVEncoder) Close() error {
	if err := e.writeHeader(); err != nil {
		return fmt.Errorf("export csv: header: %w", err)
	}
	e.w.Flush()
	if err := e.w.Error(); err != nil {
		return fmt.Errorf("export csv: flush: %w", err)
	}
	return nil
}

func actorCols(a *sitrep.EventActor) (name, id, country string) {
	if a == nil {
		return "", "", ""
	}
	return a.Name, a.ID, a.Country
}

// defuse keeps spreadsheet programs from running a cell as a formula: a
// text cell that starts with = + - @ gets a leading apostrophe. Numbers
// such as "-3.5" are left alone.
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}
