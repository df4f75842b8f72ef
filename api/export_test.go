package api_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/api"
	"github.com/sitrep/sitrep/export"
)

// TestExportQuery exports through /api/export?format=..., with filters,
// and parses each format back.
func TestExportQuery(t *testing.T) {
	h := api.New(newStore(t, 4), api.Options{MaxPageSize: 3})

	r := do(t, h, "GET", "/api/export?format=csv&source=AP&type=ASSAULT", nil)
	if r.status != http.StatusOK {
		t.Fatalf("csv: %d %s", r.status, r.body)
	}
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || strings.Join(rows[0], ",") != strings.Join(export.CSVColumns, ",") {
		t.Fatalf("csv rows: %v", rows)
	}
	if got := rows[1][0]; got != "doc-001/e1" {
		t.Errorf("csv row id %q, want doc-001/e1", got)
	}
	if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, "sitrep-events.csv") {
		t.Errorf("Content-Disposition %q", cd)
	}

	r = do(t, h, "GET", "/api/export?format=plover&kind=fused", nil)
	lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
	if r.status != http.StatusOK || len(lines) != 1 {
		t.Fatalf("plover fused: %d %s", r.status, r.body)
	}
	var ev struct {
		ID            string
		Event         string
		Corroboration int
		Text          []string
	}
	if err := json.Unmarshal([]byte(lines[0]), &ev); err != nil {
		t.Fatal(err)
	}
	if ev.ID != "f-assault" || ev.Event != "ASSAULT" || ev.Corroboration != 2 || len(ev.Text) != 2 {
		t.Errorf("plover fused line: %+v", ev)
	}

	r = do(t, h, "GET", "/api/export?format=geojson&bbox=35,34,38,37&limit=3", nil)
	var fc struct {
		Type     string
		Features []json.RawMessage
	}
	r.json(t, &fc)
	if fc.Type != "FeatureCollection" || len(fc.Features) != 3 {
		t.Errorf("geojson with limit 3: %d features", len(fc.Features))
	}

	for _, tc := range []struct{ target, want string }{
		{"/api/export", "format"},
		{"/api/export?format=xml", "unknown export format"},
		{"/api/export?format=csv&format=plover", "once"},
		{"/api/export?format=csv&from=nonsense", "date"},
		{"/api/export?format=csv&kind=a&kind=b", "kind"},
	} {
		r := do(t, h, "GET", tc.target, nil)
		if r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(t), tc.want) {
			t.Errorf("GET %s: %d %s; want 400 mentioning %q", tc.target, r.status, r.body, tc.want)
		}
	}
}
