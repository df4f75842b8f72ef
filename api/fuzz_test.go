package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/api"
	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/storetest"
)

// memWriter accepts every document it is given, once per ID.
type memWriter struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (m *memWriter) PutDocument(_ context.Context, d *sitrep.Document) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ids[d.Doc.ID] {
		return false, nil
	}
	m.ids[d.Doc.ID] = true
	return true, nil
}

func (m *memWriter) DeleteDocument(context.Context, string) (bool, error) { return false, nil }

// FuzzPutDocuments posts arbitrary bodies: the handler answers every one
// with a JSON error or a result, never a server error, and stores only
// records whose offsets lie inside their text.
func FuzzPutDocuments(f *testing.F) {
	for _, seed := range []string{
		jsonl(storetest.Doc(0), storetest.Doc(1)).String(),
		`{"doc":{"id":"a","text":"abc"},"sentences":[{"start":0,"end":3}]}`,
		`{"doc":{"id":"a","text":"abc"},"sentences":[{"start":2,"end":1}]}`,
		`{"doc":{"id":"a","text":"abc"},"events":[{"trigger":{"start":-5,"end":99}}]}`,
		`{"doc":{"id":""}}`,
		`[1,2,3]`,
		`{"doc":`,
		"",
		"\x00\xff",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		w := &memWriter{ids: map[string]bool{}}
		h := api.New(nil, api.Options{Writer: w, Token: token, MaxBodyBytes: 1 << 16})
		r := do(t, h, "POST", "/api/documents", strings.NewReader(body), "Authorization", "Bearer "+token)
		switch r.status {
		case http.StatusOK, http.StatusCreated:
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			r.errorMessage(t)
		default:
			t.Fatalf("POST %q: status %d: %s", body, r.status, r.body)
		}
	})
}

// FuzzEventsQuery sends arbitrary query strings to the events list of a
// real store: every answer is a page or a 400 with a message.
func FuzzEventsQuery(f *testing.F) {
	for _, seed := range []string{
		"type=ASSAULT&actor=kb:RUSAF",
		"bbox=36,34,37,35&from=2015-10&to=2015-10-02",
		"cursor=ZXZlbnRzOgo&limit=2",
		"cursor=ZG9jdW1lbnRzOjIwMTUtMTAtMDEfZG9jLTAwMA",
		"place=%25&source=_&actor=%5C",
		"status=CLAIMED&min_origins=2",
		"limit=1001",
	} {
		f.Add(seed)
	}
	s := newStoreF(f, 3)
	h := api.New(s, api.Options{})
	f.Fuzz(func(t *testing.T, raw string) {
		for _, list := range []string{"events", "fused", "documents", "entities"} {
			// The raw query goes in as is; NewRequest would refuse some.
			req := httptest.NewRequest("GET", "/api/"+list, nil)
			req.URL.RawQuery = raw
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			r := response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
			switch r.status {
			case http.StatusOK:
				var p store.Page[map[string]any]
				r.json(t, &p)
			case http.StatusBadRequest:
				r.errorMessage(t)
			default:
				t.Fatalf("GET /api/%s?%s: status %d: %s", list, raw, r.status, r.body)
			}
		}
	})
}
