package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/api"
	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/store/storetest"
)

const token = "s3cret-token"

// newStore returns a SQLite store holding n fixture documents, the first
// two fused.
func newStore(t *testing.T, n int) store.Store { return newStoreF(t, n) }

// newStoreF is newStore for tests and fuzz targets alike.
func newStoreF(t testing.TB, n int) store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var docs []*sitrep.Document
	for i := range n {
		d := storetest.Doc(i)
		docs = append(docs, d)
		if _, err := s.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if n >= 2 {
		if err := s.PutSituation(ctx, storetest.Situation(docs[:2])); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response is not JSON (%v): %s", err, r.body)
	}
}

func (r response) errorMessage(t *testing.T) string {
	t.Helper()
	var e struct{ Error string }
	r.json(t, &e)
	if e.Error == "" {
		t.Fatalf("error response without message: %s", r.body)
	}
	return e.Error
}

func do(t *testing.T, h http.Handler, method, target string, body io.Reader, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

func TestLists(t *testing.T) {
	h := api.New(newStore(t, 4), api.Options{})
	tests := []struct {
		target string
		want   int // items
	}{
		{"/api/documents", 4},
		{"/api/documents?source=ap", 1},
		{"/api/documents?from=2015-10-02&to=2015-10-03", 2},
		{"/api/entities", 2},
		{"/api/entities?type=military", 1},
		{"/api/events", 8},
		{"/api/events?type=ASSAULT&actor=kb:RUSAF", 4},
		{"/api/events?bbox=36.5,34.5,37,35", 4},
		{"/api/events?place=Homs&status=asserted", 4},
		{"/api/events?min_origins=2", 2},
		{"/api/events?source=TASS&from=2015-10", 2},
		{"/api/fused", 1},
		{"/api/fused?min_origins=3", 0},
	}
	for _, tc := range tests {
		r := do(t, h, "GET", tc.target, nil)
		if r.status != http.StatusOK {
			t.Errorf("GET %s: status %d: %s", tc.target, r.status, r.body)
			continue
		}
		var p struct {
			Items []json.RawMessage `json:"items"`
			Next  string            `json:"next"`
		}
		r.json(t, &p)
		if p.Items == nil || len(p.Items) != tc.want {
			t.Errorf("GET %s: %d items, want %d", tc.target, len(p.Items), tc.want)
		}
	}
}

func TestPagination(t *testing.T) {
	h := api.New(newStore(t, 5), api.Options{MaxPageSize: 3})
	seen := map[string]bool{}
	target := "/api/events?limit=3"
	for pages := 0; target != ""; pages++ {
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		r := do(t, h, "GET", target, nil)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", target, r.status, r.body)
		}
		var p store.Page[store.StoredEvent]
		r.json(t, &p)
		for _, e := range p.Items {
			key := e.Doc + "/" + e.ID
			if seen[key] {
				t.Errorf("event %s on two pages", key)
			}
			seen[key] = true
		}
		target = ""
		if p.Next != "" {
			target = "/api/events?limit=3&cursor=" + p.Next
		}
	}
	if len(seen) != 10 {
		t.Errorf("pages held %d events, want 10", len(seen))
	}
	r := do(t, h, "GET", "/api/events?limit=4", nil)
	if r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(t), "maximum page size 3") {
		t.Errorf("limit over the maximum: %d %s", r.status, r.body)
	}
}

func TestBadRequests(t *testing.T) {
	h := api.New(newStore(t, 1), api.Options{})
	tests := []struct {
		target string
		status int
		want   string // in the error message
	}{
		{"/api/events?bbox=1,2,3", 400, "bbox"},
		{"/api/events?bbox=10,0,5,1", 400, "bbox"},
		{"/api/events?from=yesterday", 400, "date"},
		{"/api/events?status=rumoured", 400, "status"},
		{"/api/events?min_origins=-1", 400, "min_origins"},
		{"/api/events?limit=0", 400, "limit"},
		{"/api/events?cursor=zzzz", 400, "cursor"},
		{"/api/events?colour=red", 400, "unknown parameter"},
		{"/api/events?type=A&type=B", 400, "given 2 times"},
		{"/api/documents/nope", 404, "not found"},
		{"/api/events/doc-000/e9", 404, "not found"},
		{"/api/entities/kb:nobody", 404, "not found"},
		{"/api/fused/nope", 404, "not found"},
		{"/api/nothing", 404, "no such endpoint"},
		{"/api/export/xml", 404, "unknown export format"},
		{"/api/export/csv?kind=people", 400, "kind"},
	}
	for _, tc := range tests {
		r := do(t, h, "GET", tc.target, nil)
		if r.status != tc.status {
			t.Errorf("GET %s: status %d, want %d: %s", tc.target, r.status, tc.status, r.body)
			continue
		}
		if msg := r.errorMessage(t); !strings.Contains(msg, tc.want) {
			t.Errorf("GET %s: error %q lacks %q", tc.target, msg, tc.want)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("GET %s: error content type %q", tc.target, ct)
		}
	}
	r := do(t, h, "PUT", "/api/stats", nil)
	if r.status != http.StatusMethodNotAllowed {
		t.Errorf("PUT /stats: status %d", r.status)
	}
	r.errorMessage(t)
}

func TestRecords(t *testing.T) {
	h := api.New(newStore(t, 3), api.Options{})
	var d sitrep.Document
	r := do(t, h, "GET", "/api/documents/doc-001", nil)
	r.json(t, &d)
	if r.status != 200 || d.Doc.ID != "doc-001" || len(d.Events) != 2 {
		t.Errorf("document: %d %+v", r.status, d.Doc)
	}

	var ev store.EventDetail
	r = do(t, h, "GET", "/api/events/doc-001/e1", nil)
	r.json(t, &ev)
	if r.status != 200 || ev.Fused == nil || len(ev.Evidence) != 2 {
		t.Fatalf("event provenance: %d %s", r.status, r.body)
	}
	for _, e := range ev.Evidence {
		if e.Sentence.Text == "" || e.Sentence.End <= e.Sentence.Start || e.Attribution.Source == "" || e.URL == "" {
			t.Errorf("evidence lacks sentence, offsets, attribution or URL: %+v", e)
		}
	}

	var ent store.EntityDetail
	r = do(t, h, "GET", "/api/entities/kb:RUSAF", nil)
	r.json(t, &ent)
	if r.status != 200 || ent.Documents != 3 || len(ent.InDocuments) != 3 {
		t.Errorf("entity: %d %s", r.status, r.body)
	}

	var fd store.FusedDetail
	r = do(t, h, "GET", "/api/fused/f-assault", nil)
	r.json(t, &fd)
	if r.status != 200 || fd.Origins != 2 || len(fd.Evidence) != 2 {
		t.Errorf("fused: %d %s", r.status, r.body)
	}

	var st store.Stats
	r = do(t, h, "GET", "/api/stats", nil)
	r.json(t, &st)
	if st.Documents != 3 || st.Events != 6 || st.FusedEvents != 1 {
		t.Errorf("stats: %+v", st)
	}
}

func jsonl(docs ...*sitrep.Document) *bytes.Buffer {
	var b bytes.Buffer
	for _, d := range docs {
		j, _ := json.Marshal(d)
		b.Write(j)
		b.WriteByte('\n')
	}
	return &b
}

func TestWrites(t *testing.T) {
	s := newStore(t, 0)
	auth := []string{"Authorization", "Bearer " + token}

	readOnly := api.New(s, api.Options{Token: token})
	if r := do(t, readOnly, "POST", "/api/documents", jsonl(storetest.Doc(0)), auth...); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST without a writer: %d %s", r.status, r.body)
	}
	noToken := api.New(s, api.Options{Writer: s})
	if r := do(t, noToken, "POST", "/api/documents", jsonl(storetest.Doc(0)), auth...); r.status != http.StatusForbidden {
		t.Errorf("POST with no token configured: %d %s", r.status, r.body)
	}

	h := api.New(s, api.Options{Writer: s, Token: token, MaxBodyBytes: 8192})
	for _, hdr := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", token}} {
		r := do(t, h, "POST", "/api/documents", jsonl(storetest.Doc(0)), hdr...)
		if r.status != http.StatusUnauthorized || r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("POST with header %v: %d %s", hdr, r.status, r.body)
		}
	}

	var res struct{ Stored, Duplicates []string }
	r := do(t, h, "POST", "/api/documents", jsonl(storetest.Doc(0), storetest.Doc(1)), auth...)
	r.json(t, &res)
	if r.status != http.StatusCreated || len(res.Stored) != 2 || len(res.Duplicates) != 0 {
		t.Errorf("first POST: %d %s", r.status, r.body)
	}
	r = do(t, h, "POST", "/api/documents", jsonl(storetest.Doc(1)), auth...)
	r.json(t, &res)
	if r.status != http.StatusOK || len(res.Stored) != 0 || len(res.Duplicates) != 1 {
		t.Errorf("repeated POST: %d %s", r.status, r.body)
	}

	bad := jsonl(storetest.Doc(2))
	bad.WriteString(`{"doc": {"id": 7}}`)
	r = do(t, h, "POST", "/api/documents", bad, auth...)
	if r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(t), "record 2") {
		t.Errorf("malformed second record: %d %s", r.status, r.body)
	}
	r = do(t, h, "POST", "/api/documents", strings.NewReader(`{"doc": {}}`), auth...)
	if r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(t), "doc.id") {
		t.Errorf("record without ID: %d %s", r.status, r.body)
	}
	r = do(t, h, "POST", "/api/documents", strings.NewReader(""), auth...)
	if r.status != http.StatusBadRequest {
		t.Errorf("empty body: %d %s", r.status, r.body)
	}
	big := storetest.Doc(3)
	big.Doc.Text = strings.Repeat("x", 9000)
	r = do(t, h, "POST", "/api/documents", jsonl(big), auth...)
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.errorMessage(t), "8192") {
		t.Errorf("oversized body: %d %s", r.status, r.body)
	}

	if r := do(t, h, "DELETE", "/api/documents/doc-000", nil); r.status != http.StatusUnauthorized {
		t.Errorf("DELETE without token: %d", r.status)
	}
	if r := do(t, h, "DELETE", "/api/documents/doc-000", nil, auth...); r.status != http.StatusNoContent {
		t.Errorf("DELETE: %d %s", r.status, r.body)
	}
	if r := do(t, h, "DELETE", "/api/documents/doc-000", nil, auth...); r.status != http.StatusNotFound {
		t.Errorf("second DELETE: %d %s", r.status, r.body)
	}
	if r := do(t, h, "GET", "/api/documents/doc-000", nil); r.status != http.StatusNotFound {
		t.Errorf("GET deleted: %d", r.status)
	}
}

func TestProtectedReadsAndCORS(t *testing.T) {
	s := newStore(t, 1)
	h := api.New(s, api.Options{Token: token, ProtectReads: true})
	if r := do(t, h, "GET", "/api/events", nil); r.status != http.StatusUnauthorized {
		t.Errorf("protected read without token: %d", r.status)
	}
	if r := do(t, h, "GET", "/api/events", nil, "Authorization", "Bearer "+token); r.status != http.StatusOK {
		t.Errorf("protected read with token: %d", r.status)
	}
	if r := do(t, h, "GET", "/api/openapi.json", nil); r.status != http.StatusOK {
		t.Errorf("openapi.json must stay open: %d", r.status)
	}
	if r := do(t, h, "GET", "/api/openapi.json", nil, "Origin", "https://evil.example"); r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS header sent though CORS is off")
	}

	h = api.New(s, api.Options{CORSOrigins: []string{"https://ui.example"}})
	r := do(t, h, "GET", "/api/stats", nil, "Origin", "https://ui.example")
	if r.header.Get("Access-Control-Allow-Origin") != "https://ui.example" {
		t.Errorf("allowed origin: headers %v", r.header)
	}
	r = do(t, h, "GET", "/api/stats", nil, "Origin", "https://other.example")
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin got CORS headers: %v", r.header)
	}
	r = do(t, h, "OPTIONS", "/api/documents", nil, "Origin", "https://ui.example", "Access-Control-Request-Method", "POST")
	if r.status != http.StatusNoContent || !strings.Contains(r.header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", r.status, r.header)
	}
}

// TestOpenAPI checks that the description is valid JSON of OpenAPI 3 and
// documents every route the handler serves, and nothing more.
func TestOpenAPI(t *testing.T) {
	h := api.New(newStore(t, 0), api.Options{})
	r := do(t, h, "GET", "/api/openapi.json", nil)
	var spec struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	r.json(t, &spec)
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Errorf("openapi version %q", spec.OpenAPI)
	}
	served := map[string]bool{}
	err := chi.Walk(h.(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		route = strings.TrimSuffix(route, "/")
		key := strings.ToLower(method) + " " + route
		served[key] = true
		if _, ok := spec.Paths[route][strings.ToLower(method)]; !ok {
			t.Errorf("route %s %s is not in openapi.json", method, route)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for path, ops := range spec.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			if !served[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which is not served", method, path)
			}
		}
	}
	if !json.Valid(api.OpenAPI()) {
		t.Error("OpenAPI() is not valid JSON")
	}
}

func TestExport(t *testing.T) {
	h := api.New(newStore(t, 4), api.Options{MaxPageSize: 3})

	r := do(t, h, "GET", "/api/export/csv?type=ASSAULT", nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %v", r.status, r.header)
	}
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 { // header + 4, across two pages of 3
		t.Errorf("csv: %d lines, want 5", len(rows))
	}

	r = do(t, h, "GET", "/api/export/plover?limit=5", nil)
	lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
	if r.status != 200 || len(lines) != 5 {
		t.Errorf("plover with limit 5: %d, %d lines", r.status, len(lines))
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Errorf("plover line is not JSON: %s", l)
		}
	}

	r = do(t, h, "GET", "/api/export/geojson?kind=fused", nil)
	var fc struct {
		Type     string
		Features []struct {
			Geometry   *struct{ Type string }
			Properties map[string]any
		}
	}
	r.json(t, &fc)
	if fc.Type != "FeatureCollection" || len(fc.Features) != 1 || fc.Features[0].Geometry == nil || fc.Features[0].Geometry.Type != "Point" {
		t.Errorf("geojson fused: %s", r.body)
	} else if got := fc.Features[0].Properties["corroboration"]; got != float64(2) {
		t.Errorf("fused corroboration = %v, want 2", got)
	}

	r = do(t, h, "GET", "/api/export/csv?cursor=bad", nil)
	if r.status != http.StatusBadRequest {
		t.Errorf("export with a bad cursor: %d", r.status)
	}
	r = do(t, h, "GET", fmt.Sprintf("/api/export/csv?limit=%d", api.DefaultMaxExportRows+1), nil)
	if r.status != http.StatusBadRequest {
		t.Errorf("export over the row limit: %d", r.status)
	}
}
