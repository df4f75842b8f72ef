package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep/sitrep"
)

// GeoJSONEncoder writes a FeatureCollection, one Feature per event.
//
// Geometry is honest about precision: a Point only for events located at
// point precision (a town, a base); an area (province, country, sea) is
// the Polygon of its bounding box when the gazetteer gave one, and
// otherwise the feature has a null geometry with the centroid left in the
// properties. An area is never drawn as a fake point.
type GeoJSONEncoder struct {
	w       *bufio.Writer
	started bool
	n       int
}

// NewGeoJSON returns a GeoJSON encoder.
func NewGeoJSON(w io.Writer) *GeoJSONEncoder { return &GeoJSONEncoder{w: bufio.NewWriter(w)} }

type feature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Geometry   *geometry      `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

// geometryOf returns the GeoJSON geometry of a row, nil when it has none
// that can be drawn honestly.
func geometryOf(r Row) *geometry {
	l := r.Location
	if l == nil {
		return nil
	}
	if l.Precision == sitrep.PrecisionPoint {
		if !validLonLat(l.Lon, l.Lat) {
			return nil
		}
		return &geometry{Type: "Point", Coordinates: [2]float64{l.Lon, l.Lat}}
	}
	// A box crossing the antimeridian (west > east) or out of range is
	// left out rather than drawn wrong.
	if b := r.BBox; b != nil && validLonLat(b[0], b[1]) && validLonLat(b[2], b[3]) && b[0] < b[2] && b[1] < b[3] {
		w, s, e, n := b[0], b[1], b[2], b[3]
		// Counter-clockwise exterior ring, as RFC 7946 asks.
		return &geometry{Type: "Polygon", Coordinates: [][][2]float64{{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}}}
	}
	return nil
}

func (e *GeoJSONEncoder) start() error {
	if e.started {
		return nil
	}
	e.started = true
	_, err := e.w.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

// Write writes one Feature.
func (e *GeoJSONEncoder) Write(r Row) error {
	if err := e.start(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	props := map[string]any{
		"kind": r.Kind, "event_type": r.Type, "mode": r.Mode, "cameo": r.CAMEO,
		"date": r.Date.Value, "date_earliest": r.Date.Earliest, "date_latest": r.Date.Latest, "date_precision": r.Date.Precision,
		"status": r.Status, "sources": list(r.Sources), "urls": list(r.URLs), "attribution": list(r.Attributed),
		"quantities": formatQuantities(r.Quantities), "sentences": list(r.Sentences),
		"corroboration": r.Origins, "confidence": r.Confidence,
	}
	if r.Doc != "" {
		props["doc"] = r.Doc
	}
	if a := r.Actor; a != nil {
		props["actor1"], props["actor1_id"], props["actor1_country"] = a.Name, a.ID, a.Country
	}
	if a := r.Recipient; a != nil {
		props["actor2"], props["actor2_id"], props["actor2_country"] = a.Name, a.ID, a.Country
	}
	if l := r.Location; l != nil {
		props["location"], props["location_id"], props["country"] = l.Name, l.PlaceID, l.Country
		props["geo_precision"] = string(l.Precision)
		if validLonLat(l.Lon, l.Lat) {
			props["centroid"] = [2]float64{l.Lon, l.Lat}
		}
	}
	b, err := json.Marshal(feature{Type: "Feature", ID: r.ID, Geometry: geometryOf(r), Properties: props})
	if err != nil {
		return fmt.Errorf("export geojson: event %s: %w", r.ID, err)
	}
	if e.n > 0 {
		if err := e.w.WriteByte(','); err != nil {
			return fmt.Errorf("export geojson: %w", err)
		}
	}
	e.n++
	if _, err := e.w.Write(b); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	return nil
}

// Close ends the collection and flushes.
func (e *GeoJSONEncoder) Close() error {
	if err := e.start(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	if _, err := e.w.WriteString("]}\n"); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	return nil
}

// validLonLat reports whether a position is finite and on the globe.
func validLonLat(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 // false for NaN
}
