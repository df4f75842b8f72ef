package export_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/storetest"
)

// eventRows returns the rows of the fixture documents' events: for each
// document an aerial ASSAULT at Homs (point) and a MOBILIZE in Latakia
// governorate (admin, with a bbox).
func eventRows(n int) []export.Row {
	var rows []export.Row
	for i := range n {
		d := storetest.Doc(i)
		for _, e := range d.Events {
			se := store.StoredEvent{Doc: d.Doc.ID, Source: d.Doc.Source, URL: d.Doc.URL, Published: d.Doc.Published, Event: e}
			if e.Location != nil && e.Location.Precision != sitrep.PrecisionPoint {
				se.BBox = d.Places[1].BBox
			}
			rows = append(rows, export.FromEvent(se))
		}
	}
	return rows
}

func fusedRow() export.Row {
	var docs []*sitrep.Document
	for i := range 3 {
		docs = append(docs, storetest.Doc(i))
	}
	f := storetest.Situation(docs).Events[0]
	return export.FromFused(store.StoredFused{FusedEvent: f})
}

func encode(t *testing.T, format string, rows []export.Row) []byte {
	t.Helper()
	var b bytes.Buffer
	enc, err := export.NewEncoder(format, &b)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := enc.Write(r); err != nil {
			t.Fatalf("%s: write %s: %v", format, r.ID, err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatalf("%s: close: %v", format, err)
	}
	return b.Bytes()
}

func TestPLOVER(t *testing.T) {
	rows := append(eventRows(2), fusedRow())
	out := encode(t, "plover", rows)
	type actor struct{ ActorText, Name, ID, Code, CAMEO string }
	type line struct {
		ID, Kind, Date, Event, Mode, CAMEO, EventText, Status, Version, Language string
		Actor, Recipient                                                         *actor
		Location                                                                 *struct {
			Name, ID, Precision string
			Lat, Lon            float64
			BBox                *[4]float64
		}
		Publishers, URLs, Attribution, Text []string
		Quantities                          []sitrep.Quantity
		Corroboration                       int
	}
	var got []line
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var l line
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("line %d is not JSON: %v: %s", len(got)+1, err, sc.Text())
		}
		got = append(got, l)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d lines for %d rows", len(got), len(rows))
	}
	a := got[0]
	if a.ID != "doc-000/e1" || a.Kind != "event" || a.Event != "ASSAULT" || a.Mode != "aerial" || a.CAMEO != "195" ||
		a.Date != "2015-10-01" || a.EventText != "struck" || a.Status != "asserted" || a.Version != export.PLOVERVersion {
		t.Errorf("first event line: %+v", a)
	}
	if a.Actor == nil || a.Actor.Code != "RUS" || a.Actor.ActorText != "Russian jets" || a.Recipient == nil || a.Recipient.ID != "kb:SYRREB" {
		t.Errorf("actors: %+v %+v", a.Actor, a.Recipient)
	}
	if a.Location == nil || a.Location.Precision != "point" || a.Location.Lat != 34.73 || a.Location.BBox != nil {
		t.Errorf("point location: %+v", a.Location)
	}
	if len(a.Quantities) != 1 || *a.Quantities[0].Value != 3 || len(a.Publishers) != 1 || a.Publishers[0] != "Reuters" ||
		len(a.URLs) != 1 || len(a.Text) != 1 || a.Corroboration != 1 {
		t.Errorf("evidence fields: %+v", a)
	}
	m := got[1]
	if m.Actor != nil || m.Location == nil || m.Location.Precision != "admin" || m.Location.BBox == nil || m.Attribution[0] != "the ministry" {
		t.Errorf("admin-precision event line: %+v", m)
	}
	f := got[len(got)-1]
	if f.Kind != "fused" || f.ID != "f-assault" || f.Corroboration != 3 || len(f.Publishers) != 3 || len(f.Text) != 3 {
		t.Errorf("fused line: %+v", f)
	}
	if empty := encode(t, "plover", nil); len(empty) != 0 {
		t.Errorf("no rows gave %q", empty)
	}
}

func TestCSV(t *testing.T) {
	rows := append(eventRows(3), fusedRow())
	out := encode(t, "csv", rows)
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	if len(recs) != len(rows)+1 {
		t.Fatalf("%d records for %d rows plus a header", len(recs), len(rows))
	}
	if strings.Join(recs[0], ",") != strings.Join(export.CSVColumns, ",") {
		t.Fatalf("header %v", recs[0])
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	get := func(row int, name string) string { return recs[row][col[name]] }
	for i, r := range recs[1:] {
		if len(r) != len(export.CSVColumns) {
			t.Errorf("row %d has %d fields", i+1, len(r))
		}
	}
	for _, tc := range []struct {
		row        int
		name, want string
	}{
		{1, "event_id", "doc-000/e1"},
		{1, "event_date", "2015-10-01"},
		{1, "event_type", "ASSAULT"},
		{1, "sub_event_type", "aerial"},
		{1, "actor1", "Russian Air Force"},
		{1, "actor1_country", "RUS"},
		{1, "actor2_id", "kb:SYRREB"},
		{1, "latitude", "34.73"},
		{1, "longitude", "36.71"},
		{1, "geo_precision", "point"},
		{1, "source", "Reuters"},
		{1, "quantities", "aircraft=3"},
		{1, "notes", "Russian jets struck rebel positions near Homs on day 0."},
		{1, "corroboration", "1"},
		{2, "geo_precision", "admin"},
		{2, "attribution", "the ministry"},
		{2, "status", "claimed"},
		{2, "date_precision", "publication"},
		{7, "kind", "fused"},
		{7, "source", "Reuters; AP; TASS"},
		{7, "corroboration", "3"},
	} {
		if got := get(tc.row, tc.name); got != tc.want {
			t.Errorf("row %d %s = %q, want %q", tc.row, tc.name, got, tc.want)
		}
	}

	// No rows: the header alone.
	recs, err = csv.NewReader(bytes.NewReader(encode(t, "csv", nil))).ReadAll()
	if err != nil || len(recs) != 1 {
		t.Errorf("empty export: %v, %v", recs, err)
	}
}

// TestCSVFormulaInjection checks that text from the web cannot become a
// spreadsheet formula, while negative numbers stay numbers.
func TestCSVFormulaInjection(t *testing.T) {
	r := eventRows(1)[0]
	r.Actor = &sitrep.EventActor{Name: `=HYPERLINK("http://evil.example","x")`, ID: "+cmd", Country: "@SUM(A1)"}
	r.Location = &sitrep.Location{Name: "-2+3", Lat: -33.5, Lon: -70.25, Precision: sitrep.PrecisionPoint}
	recs, err := csv.NewReader(bytes.NewReader(encode(t, "csv", []export.Row{r}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for name, want := range map[string]string{
		"actor1":         `'=HYPERLINK("http://evil.example","x")`,
		"actor1_id":      "'+cmd",
		"actor1_country": "'@SUM(A1)",
		"location":       "'-2+3",
		"latitude":       "-33.5",
		"longitude":      "-70.25",
	} {
		if got := recs[1][col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

type feature struct {
	Type     string
	ID       string
	Geometry *struct {
		Type        string
		Coordinates json.RawMessage
	}
	Properties map[string]any
}

func decodeGeoJSON(t *testing.T, b []byte) []feature {
	t.Helper()
	var fc struct {
		Type     string
		Features []feature
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	if fc.Type != "FeatureCollection" || fc.Features == nil {
		t.Fatalf("not a FeatureCollection: %s", b)
	}
	for _, f := range fc.Features {
		if f.Type != "Feature" || f.Properties == nil {
			t.Errorf("bad feature %+v", f)
		}
	}
	return fc.Features
}

// TestGeoJSON checks that precision is drawn honestly: a Point only for
// point precision, the bbox polygon for an area that has one, and a null
// geometry (with the precision and centroid as properties) otherwise.
func TestGeoJSON(t *testing.T) {
	rows := eventRows(1)
	noBox := rows[1]
	noBox.ID, noBox.BBox = "country-no-box", nil
	noBox.Location = &sitrep.Location{Name: "Syria", Lat: 35, Lon: 38.5, Country: "SYR", Precision: sitrep.PrecisionCountry}
	noLoc := rows[0]
	noLoc.ID, noLoc.Location = "no-location", nil
	wrapped := rows[1]
	wrapped.ID, wrapped.BBox = "antimeridian", &[4]float64{170, -20, -170, -10}
	nanPoint := rows[0]
	nanPoint.ID = "nan-point"
	nanPoint.Location = &sitrep.Location{Name: "?", Lat: math.NaN(), Lon: 10, Precision: sitrep.PrecisionPoint}
	rows = append(rows, noBox, noLoc, wrapped, nanPoint)

	fs := decodeGeoJSON(t, encode(t, "geojson", rows))
	if len(fs) != len(rows) {
		t.Fatalf("%d features for %d rows", len(fs), len(rows))
	}
	point := fs[0]
	var pos [2]float64
	if point.Geometry == nil || point.Geometry.Type != "Point" || json.Unmarshal(point.Geometry.Coordinates, &pos) != nil || pos != [2]float64{36.71, 34.73} {
		t.Errorf("point feature: %+v", point.Geometry)
	}
	if point.Properties["geo_precision"] != "point" || point.Properties["event_type"] != "ASSAULT" || point.Properties["corroboration"] != float64(1) {
		t.Errorf("point properties: %v", point.Properties)
	}
	area := fs[1]
	var ring [][][2]float64
	if area.Geometry == nil || area.Geometry.Type != "Polygon" || json.Unmarshal(area.Geometry.Coordinates, &ring) != nil {
		t.Fatalf("admin area feature: %+v", area.Geometry)
	}
	if len(ring) != 1 || len(ring[0]) != 5 || ring[0][0] != ring[0][4] || ring[0][0] != [2]float64{35.7, 35.0} || ring[0][2] != [2]float64{36.4, 36.0} {
		t.Errorf("admin area ring: %v", ring)
	}
	if area.Properties["geo_precision"] != "admin" {
		t.Errorf("area precision: %v", area.Properties["geo_precision"])
	}
	for _, f := range fs[2:] {
		if f.Geometry != nil {
			t.Errorf("feature %s has geometry %+v, want null", f.ID, f.Geometry)
		}
	}
	if fs[2].Properties["geo_precision"] != "country" || fs[2].Properties["centroid"] == nil {
		t.Errorf("area without a box keeps precision and centroid as properties: %v", fs[2].Properties)
	}
	if _, ok := fs[3].Properties["geo_precision"]; ok {
		t.Errorf("event without a location has a precision: %v", fs[3].Properties)
	}

	if empty := decodeGeoJSON(t, encode(t, "geojson", nil)); len(empty) != 0 {
		t.Errorf("empty collection has %d features", len(empty))
	}
}

func TestNewEncoder(t *testing.T) {
	for _, f := range export.Formats {
		if _, err := export.NewEncoder(f, &bytes.Buffer{}); err != nil {
			t.Errorf("NewEncoder(%q): %v", f, err)
		}
		if ct := export.ContentType(f); ct == "application/octet-stream" {
			t.Errorf("ContentType(%q) = %q", f, ct)
		}
	}
	if _, err := export.NewEncoder("xml", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("NewEncoder(xml) error = %v", err)
	}
}

// TestWriterErrors checks that a failing writer gives an error, not a
// panic or silence.
func TestWriterErrors(t *testing.T) {
	rows := eventRows(50)
	for _, f := range export.Formats {
		enc, _ := export.NewEncoder(f, failWriter{})
		var err error
		for _, r := range rows {
			if err = enc.Write(r); err != nil {
				break
			}
		}
		if err == nil {
			err = enc.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s to a failing writer: %v", f, err)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func BenchmarkEncoders(b *testing.B) {
	rows := eventRows(100)
	for _, f := range export.Formats {
		b.Run(f, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				enc, _ := export.NewEncoder(f, &buf)
				for _, r := range rows {
					if err := enc.Write(r); err != nil {
						b.Fatal(err)
					}
				}
				if err := enc.Close(); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(buf.Len()))
			}
			b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
