package api

import (
	"bytes"
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
	"github.com/sitrep/sitrep/store"
)

// Reader is what the read endpoints need from a store. store.Store
// satisfies it.
type Reader interface {
	Documents(ctx context.Context, f store.Filter) (store.Page[store.DocumentInfo], error)
	Document(ctx context.Context, id string) (*sitrep.Document, error)
	Entities(ctx context.Context, f store.Filter) (store.Page[store.EntityInfo], error)
	Entity(ctx context.Context, id string) (*store.EntityDetail, error)
	Events(ctx context.Context, f store.Filter) (store.Page[store.StoredEvent], error)
	Event(ctx context.Context, doc, id string) (*store.EventDetail, error)
	FusedEvents(ctx context.Context, f store.Filter) (store.Page[store.StoredFused], error)
	FusedEvent(ctx context.Context, id string) (*store.FusedDetail, error)
	Stats(ctx context.Context) (store.Stats, error)
}

// Writer is what the write endpoints need. store.Store satisfies it.
type Writer interface {
	PutDocument(ctx context.Context, d *sitrep.Document) (stored bool, err error)
	DeleteDocument(ctx context.Context, id string) (found bool, err error)
}

var (
	_ Reader = store.Store(nil)
	_ Writer = store.Store(nil)
)

// Defaults for Options fields left zero.
const (
	DefaultMaxBodyBytes  = 32 << 20 // bytes of a POST body
	DefaultMaxPageSize   = 500      // rows a list request may ask for
	DefaultMaxExportRows = 100000   // rows one export writes
)

// Options configure the handler. The zero value serves reads openly,
// refuses writes and sends no CORS headers.
type Options struct {
	// Writer enables POST and DELETE on /api/documents. Writes also
	// need Token; without it they are refused.
	Writer Writer
	// Process turns a plain-text POST /api/documents body into a record:
	// it runs the per-document stages (a *pipeline.Pipeline's Run) on a
	// document whose Doc.Raw holds the text. nil refuses text bodies with
	// 415; JSON records are stored as they are either way.
	Process func(ctx context.Context, d *sitrep.Document) error
	// Token is the bearer token that write requests must present, and
	// read requests too when ProtectReads is set.
	Token string
	// ProtectReads requires the token on every endpoint but the OpenAPI
	// description.
	ProtectReads bool
	// CORSOrigins lists origins allowed to call the API from a browser;
	// "*" allows any. Empty means no CORS headers (same-origin only).
	CORSOrigins []string
	// MaxBodyBytes bounds a request body; DefaultMaxBodyBytes when 0.
	MaxBodyBytes int64
	// MaxPageSize bounds the limit parameter; DefaultMaxPageSize when 0,
	// and never above store.MaxLimit.
	MaxPageSize int
	// MaxExportRows bounds one export; DefaultMaxExportRows when 0.
	MaxExportRows int
	// Logger receives server-side errors; slog.Default() when nil.
	Logger *slog.Logger
}

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI 3 description of the API.
func OpenAPI() []byte { return bytes.Clone(openAPI) }

type server struct {
	r    Reader
	opts Options
	log  *slog.Logger
}

// Prefix is the path under which New's handler serves; mount the handler
// on it unchanged (mux.Handle(api.Prefix+"/", h)), without stripping it.
// LegacyPrefix serves the same endpoints, for clients written against it.
const (
	Prefix       = "/api"
	LegacyPrefix = "/api/v1"
)

// New returns the HTTP handler of the JSON API. It expects request paths
// with the /api prefix (GET /api/events, not /events) and serves
// /api/v1/... as an alias of /api/....
func New(r Reader, opts Options) http.Handler {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = DefaultMaxPageSize
	}
	opts.MaxPageSize = min(opts.MaxPageSize, store.MaxLimit)
	if opts.MaxExportRows <= 0 {
		opts.MaxExportRows = DefaultMaxExportRows
	}
	s := &server{r: r, opts: opts, log: opts.Logger}
	if s.log == nil {
		s.log = slog.Default()
	}

	m := chi.NewRouter()
	m.Use(s.recoverer, legacy, s.cors)
	m.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	m.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed on "+r.URL.Path)
	})
	m.Route(Prefix, func(m chi.Router) {
		m.Get("/openapi.json", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write(openAPI)
		})
		m.Group(func(m chi.Router) {
			if opts.ProtectReads {
				m.Use(s.requireToken)
			}
			m.Get("/documents", s.documents)
			m.Get("/documents/{id}", s.document)
			m.Get("/entities", s.entities)
			m.Get("/entities/{id}", s.entity)
			m.Get("/events", s.events)
			m.Get("/events/{doc}/{id}", s.event)
			m.Get("/fused", s.fusedEvents)
			m.Get("/fused/{id}", s.fusedEvent)
			m.Get("/stats", s.stats)
			m.Get("/export", s.export)
			m.Get("/export/{format}", s.export)
		})
		m.Group(func(m chi.Router) {
			m.Use(s.requireWriter, s.requireToken)
			m.Post("/documents", s.putDocuments)
			m.Delete("/documents/{id}", s.deleteDocument)
		})
	})
	return m
}

// errorBody is the JSON form of every error response.
type errorBody struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encode response: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	// Records quote web pages; a browser must never sniff them as HTML.
	// (encoding/json also escapes <, > and & inside strings.)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(errorBody{Error: msg})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// fail maps an error to a status: bad input 400, missing 404, anything
// else 500 with the detail logged rather than sent.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, errBadParam), errors.Is(err, store.ErrBadCursor), errors.Is(err, store.ErrBadFilter), errors.Is(err, store.ErrInvalid):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, store.ErrReadOnly), errors.Is(err, store.ErrFull):
		s.log.Error("api: store cannot write", "method", r.Method, "path", r.URL.Path, "err", err)
		msg := "the database is read-only; writes are not possible on this server"
		if errors.Is(err, store.ErrFull) {
			msg = "the database or its disk is full; the write was not stored"
		}
		writeError(w, http.StatusServiceUnavailable, msg)
	case errors.As(err, &maxErr):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds the limit of %d bytes", maxErr.Limit))
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
	default:
		s.log.Error("api: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error; see the server log")
	}
}

// legacy maps /api/v1/... onto /api/....
func legacy(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rest, ok := strings.CutPrefix(r.URL.Path, LegacyPrefix); ok && (rest == "" || rest[0] == '/') {
			r2 := r.Clone(r.Context())
			r2.URL.Path = Prefix + rest
			if r.URL.RawPath != "" {
				r2.URL.RawPath = Prefix + strings.TrimPrefix(r.URL.RawPath, LegacyPrefix)
			}
			r = r2
		}
		next.ServeHTTP(w, r)
	})
}

func (s *server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("api: panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				writeError(w, http.StatusInternalServerError, "internal error; see the server log")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// cors answers browsers from the configured origins only.
func (s *server) cors(next http.Handler) http.Handler {
	if len(s.opts.CORSOrigins) == 0 {
		return next
	}
	any := slices.Contains(s.opts.CORSOrigins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && (any || slices.Contains(s.opts.CORSOrigins, origin)) {
			h := w.Header()
			h.Add("Vary", "Origin")
			if any {
				h.Set("Access-Control-Allow-Origin", "*")
			} else {
				h.Set("Access-Control-Allow-Origin", origin)
			}
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *server) requireWriter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case s.opts.Writer == nil:
			writeError(w, http.StatusMethodNotAllowed, "this server is read-only")
		case s.opts.Token == "":
			writeError(w, http.StatusForbidden, "writes are disabled: the server has no API token configured")
		default:
			next.ServeHTTP(w, r)
		}
	})
}

func (s *server) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Token == "" {
			writeError(w, http.StatusForbidden, "access needs a token, but the server has none configured")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opts.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token (send Authorization: Bearer <token>)")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// param returns a path parameter, unescaped when the request path was
// escaped (IDs may hold characters such as '/').
func param(r *http.Request, name string) string {
	v := chi.URLParam(r, name)
	if r.URL.RawPath != "" {
		if u, err := url.PathUnescape(v); err == nil {
			return u
		}
	}
	return v
}

func (s *server) filter(w http.ResponseWriter, r *http.Request, extra ...string) (store.Filter, bool) {
	f, err := ParseFilter(r.URL.Query(), s.opts.MaxPageSize, extra...)
	if err != nil {
		s.fail(w, r, err)
		return f, false
	}
	return f, true
}

// list serves one page of a list endpoint.
func list[T any](s *server, fetch func(context.Context, store.Filter) (store.Page[T], error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, ok := s.filter(w, r)
		if !ok {
			return
		}
		p, err := fetch(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, p)
	}
}

func (s *server) documents(w http.ResponseWriter, r *http.Request) { list(s, s.r.Documents)(w, r) }
func (s *server) entities(w http.ResponseWriter, r *http.Request)  { list(s, s.r.Entities)(w, r) }
func (s *server) events(w http.ResponseWriter, r *http.Request)    { list(s, s.r.Events)(w, r) }
func (s *server) fusedEvents(w http.ResponseWriter, r *http.Request) {
	list(s, s.r.FusedEvents)(w, r)
}

// one serves a single record.
func one[T any](s *server, w http.ResponseWriter, r *http.Request, fetch func() (T, error)) {
	v, err := fetch()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *server) document(w http.ResponseWriter, r *http.Request) {
	one(s, w, r, func() (*sitrep.Document, error) { return s.r.Document(r.Context(), param(r, "id")) })
}

func (s *server) entity(w http.ResponseWriter, r *http.Request) {
	one(s, w, r, func() (*store.EntityDetail, error) { return s.r.Entity(r.Context(), param(r, "id")) })
}

func (s *server) event(w http.ResponseWriter, r *http.Request) {
	one(s, w, r, func() (*store.EventDetail, error) { return s.r.Event(r.Context(), param(r, "doc"), param(r, "id")) })
}

func (s *server) fusedEvent(w http.ResponseWriter, r *http.Request) {
	one(s, w, r, func() (*store.FusedDetail, error) { return s.r.FusedEvent(r.Context(), param(r, "id")) })
}

func (s *server) stats(w http.ResponseWriter, r *http.Request) {
	one(s, w, r, func() (store.Stats, error) { return s.r.Stats(r.Context()) })
}

// export streams every event that matches the filter, page by page, in
// the format named by the format parameter (or the path). kind=fused exports fused events instead of
// document events; limit bounds the rows (MaxExportRows at most).
func (s *server) export(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := param(r, "format")
	if format == "" {
		format = q.Get("format")
		if len(q["format"]) != 1 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("give format once: one of %s", strings.Join(export.Formats, ", ")))
			return
		}
		q.Del("format")
		if !slices.Contains(export.Formats, format) {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown export format %q (want one of %s)", clip(format), strings.Join(export.Formats, ", ")))
			return
		}
	} else if !slices.Contains(export.Formats, format) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("unknown export format %q (want one of %s)", clip(format), strings.Join(export.Formats, ", ")))
		return
	}
	if len(q["kind"]) > 1 {
		writeError(w, http.StatusBadRequest, "parameter \"kind\" given more than once")
		return
	}
	kind := q.Get("kind")
	q.Del("kind")
	if kind == "" {
		kind = "events"
	}
	if kind != "events" && kind != "fused" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("kind %q is not events or fused", clip(kind)))
		return
	}
	// In an export, limit bounds the whole output rather than a page.
	total := s.opts.MaxExportRows
	if l := q.Get(ParamLimit); l != "" {
		q.Del(ParamLimit)
		f, err := ParseFilter(url.Values{ParamLimit: {l}}, s.opts.MaxExportRows)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		total = f.Limit
	}
	f, err := ParseFilter(q, s.opts.MaxPageSize)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Limit = s.opts.MaxPageSize

	// Fetch the first page before writing, so that a bad cursor or a
	// failing store still gets a proper error status.
	next, err := s.exportPages(r.Context(), kind, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", export.ContentType(format))
	ext := map[string]string{"plover": "jsonl", "csv": "csv", "geojson": "geojson"}[format]
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="sitrep-%s.%s"`, kind, ext))
	enc, _ := export.NewEncoder(format, w)
	written := 0
	for {
		rows, more, err := next()
		if err != nil {
			// Headers are gone; end the stream early and log.
			s.log.Error("api: export failed midway", "format", format, "rows", written, "err", err)
			return
		}
		for _, row := range rows {
			if written == total {
				break
			}
			if err := enc.Write(row); err != nil {
				s.log.Warn("api: export write", "err", err)
				return
			}
			written++
		}
		if !more || written == total {
			break
		}
	}
	if err := enc.Close(); err != nil {
		s.log.Warn("api: export close", "err", err)
	}
}

// exportPages returns an iterator over pages of export rows. Its first
// page is fetched before it returns.
func (s *server) exportPages(ctx context.Context, kind string, f store.Filter) (func() ([]export.Row, bool, error), error) {
	fetch := func() ([]export.Row, string, error) {
		var rows []export.Row
		if kind == "fused" {
			p, err := s.r.FusedEvents(ctx, f)
			if err != nil {
				return nil, "", err
			}
			for _, e := range p.Items {
				rows = append(rows, export.FromFused(e))
			}
			return rows, p.Next, nil
		}
		p, err := s.r.Events(ctx, f)
		if err != nil {
			return nil, "", err
		}
		for _, e := range p.Items {
			rows = append(rows, export.FromEvent(e))
		}
		return rows, p.Next, nil
	}
	first, cursor, err := fetch()
	if err != nil {
		return nil, err
	}
	pending := true
	return func() ([]export.Row, bool, error) {
		if pending {
			pending = false
			return first, cursor != "", nil
		}
		f.Cursor = cursor
		rows, c, err := fetch()
		if err != nil {
			return nil, false, err
		}
		cursor = c
		return rows, cursor != "", nil
	}, nil
}
