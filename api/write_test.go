package api_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/api"
	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/store/storetest"
)

// fakeProcess stands in for the pipeline: the text becomes one sentence.
func fakeProcess(_ context.Context, d *sitrep.Document) error {
	if strings.Contains(d.Doc.Raw, "FAIL") {
		return errors.New("stage text: cannot segment")
	}
	d.Doc.Text = strings.TrimSpace(d.Doc.Raw)
	d.Sentences = []sitrep.Sentence{{Span: sitrep.Span{Start: 0, End: len(d.Doc.Text)}}}
	return nil
}

func TestPostText(t *testing.T) {
	s := newStore(t, 0)
	auth := []string{"Authorization", "Bearer " + token, "Content-Type", "text/plain; charset=utf-8"}
	h := api.New(s, api.Options{Writer: s, Token: token, Process: fakeProcess})

	body := "Russian jets struck near Homs.\r\n\r\n"
	r := do(t, h, "POST", "/api/documents?source=Reuters&title=Strikes&published=1+October+2015&url=https://news.example/1", strings.NewReader(body), auth...)
	var res struct{ Stored, Duplicates []string }
	r.json(t, &res)
	if r.status != http.StatusCreated || len(res.Stored) != 1 {
		t.Fatalf("POST text: %d %s", r.status, r.body)
	}
	d, err := s.Document(context.Background(), res.Stored[0])
	if err != nil {
		t.Fatal(err)
	}
	if d.Doc.Source != "Reuters" || d.Doc.Title != "Strikes" || d.Doc.Published != "2015-10-01" || d.Doc.Text != "Russian jets struck near Homs." || len(d.Doc.Hash) != 64 || d.Doc.ID != d.Doc.Hash[:16] {
		t.Errorf("stored text document: %+v", d.Doc)
	}
	// The same text again, with other line ends: a duplicate by hash.
	r = do(t, h, "POST", "/api/documents?id=other", strings.NewReader("Russian jets struck near Homs.\n"), auth...)
	r.json(t, &res)
	if r.status != http.StatusOK || len(res.Duplicates) != 1 {
		t.Errorf("same text again: %d %s", r.status, r.body)
	}

	for _, tc := range []struct {
		target, body string
		status       int
		want         string
	}{
		{"/api/documents", "FAIL here", http.StatusUnprocessableEntity, "cannot segment"},
		{"/api/documents", "\xff\xfe", http.StatusBadRequest, "UTF-8"},
		{"/api/documents", "  \n\n ", http.StatusBadRequest, "empty"},
		{"/api/documents?colour=red", "text", http.StatusBadRequest, "unknown parameter"},
		{"/api/documents?url=javascript:alert(1)", "text", http.StatusBadRequest, "http(s)"},
		{"/api/documents?id=a&id=b", "text", http.StatusBadRequest, "once"},
		{"/api/documents?published=someday", "text", http.StatusBadRequest, "not a date"},
	} {
		r := do(t, h, "POST", tc.target, strings.NewReader(tc.body), auth...)
		if r.status != tc.status || !strings.Contains(r.errorMessage(t), tc.want) {
			t.Errorf("POST %s %q: %d %s; want %d mentioning %q", tc.target, tc.body, r.status, r.body, tc.status, tc.want)
		}
	}

	noPipeline := api.New(s, api.Options{Writer: s, Token: token})
	if r := do(t, noPipeline, "POST", "/api/documents", strings.NewReader("text"), auth...); r.status != http.StatusUnsupportedMediaType {
		t.Errorf("text without a pipeline: %d %s", r.status, r.body)
	}
	if r := do(t, h, "POST", "/api/documents", strings.NewReader("<a/>"), "Authorization", "Bearer "+token, "Content-Type", "text/html"); r.status != http.StatusUnsupportedMediaType {
		t.Errorf("text/html body: %d %s", r.status, r.body)
	}
}

func TestPostRecordChecks(t *testing.T) {
	s := newStore(t, 0)
	auth := []string{"Authorization", "Bearer " + token}
	h := api.New(s, api.Options{Writer: s, Token: token})
	bad := storetest.Doc(0)
	bad.Events[0].Sentence.End = 10000
	r := do(t, h, "POST", "/api/documents", jsonl(bad), auth...)
	if r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(t), "outside the text") {
		t.Errorf("record with a span past its text: %d %s", r.status, r.body)
	}
	neg := storetest.Doc(1)
	neg.Entities[0].Mentions[0].Start = -1
	if err := api.CheckRecord(neg); err == nil {
		t.Error("CheckRecord accepted a negative offset")
	}
	if err := api.CheckRecord(storetest.Doc(2)); err != nil {
		t.Errorf("CheckRecord refused a good record: %v", err)
	}
	if r := do(t, h, "POST", "/api/documents?source=x", jsonl(storetest.Doc(3)), auth...); r.status != http.StatusBadRequest {
		t.Errorf("records with query parameters: %d %s", r.status, r.body)
	}
	// A body of unknown length over the limit is cut off as it is read.
	small := api.New(s, api.Options{Writer: s, Token: token, MaxBodyBytes: 100})
	r = do(t, small, "POST", "/api/documents", io.MultiReader(jsonl(storetest.Doc(4))), auth...)
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.errorMessage(t), "100 bytes") {
		t.Errorf("streamed oversized body: %d %s", r.status, r.body)
	}
}

// TestScriptStaysText stores an article whose text holds markup and
// checks that the API never returns it as markup.
func TestScriptStaysText(t *testing.T) {
	s := newStore(t, 0)
	d := storetest.Doc(0)
	d.Doc.Title = `<script>alert(1)</script>`
	if _, err := s.PutDocument(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	h := api.New(s, api.Options{})
	for _, target := range []string{"/api/documents", "/api/documents/doc-000"} {
		r := do(t, h, "GET", target, nil)
		if strings.Contains(string(r.body), "<script>") {
			t.Errorf("GET %s returns raw markup: %s", target, r.body)
		}
		if r.header.Get("Content-Type") != "application/json" || r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s headers: %v", target, r.header)
		}
		if !strings.Contains(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">").Replace(string(r.body)), d.Doc.Title) {
			t.Errorf("GET %s lost the title", target)
		}
	}
}

func TestReadOnlyStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.db")
	rw, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	rw.Close()
	ro, err := store.Open(ctx, "sqlite:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := api.New(ro, api.Options{Writer: ro, Token: token, Logger: quiet})
	r := do(t, h, "POST", "/api/documents", jsonl(storetest.Doc(0)), "Authorization", "Bearer "+token)
	if r.status != http.StatusServiceUnavailable || !strings.Contains(r.errorMessage(t), "read-only") {
		t.Errorf("POST to a read-only database: %d %s", r.status, r.body)
	}
	if r := do(t, h, "GET", "/api/stats", nil); r.status != http.StatusOK {
		t.Errorf("reads from a read-only database: %d %s", r.status, r.body)
	}
}

func TestLegacyPrefixAndLimits(t *testing.T) {
	h := api.New(newStore(t, 2), api.Options{MaxPageSize: 10})
	for _, target := range []string{"/api/v1/events", "/api/v1/openapi.json", "/api/v1/events/doc-000/e1"} {
		if r := do(t, h, "GET", target, nil); r.status != http.StatusOK {
			t.Errorf("GET %s: %d %s", target, r.status, r.body)
		}
	}
	if r := do(t, h, "GET", "/api/v1x/events", nil); r.status != http.StatusNotFound {
		t.Errorf("GET /api/v1x/events: %d", r.status)
	}
	r := do(t, h, "GET", "/api/events?limit=11", nil)
	if r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(t), "maximum page size 10") {
		t.Errorf("limit over the page size: %d %s", r.status, r.body)
	}
}
