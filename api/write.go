package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
)

// putResult answers POST /api/documents.
type putResult struct {
	Stored     []string `json:"stored"`     // IDs newly stored
	Duplicates []string `json:"duplicates"` // IDs already present (by ID, hash or URL)
}

// textParams are the query parameters of a plain-text POST: the metadata
// the text itself does not carry.
var textParams = []string{"id", "source", "url", "title", "published"}

// putDocuments stores the body: document records (JSON, JSON Lines or any
// sequence of JSON objects) or, with Content-Type text/plain, one article
// that Options.Process turns into a record. Records before a bad one stay
// stored; the error names the bad record.
func (s *server) putDocuments(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > s.opts.MaxBodyBytes {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body of %d bytes exceeds the limit of %d bytes", r.ContentLength, s.opts.MaxBodyBytes))
		return
	}
	body := http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	ct := r.Header.Get("Content-Type")
	mt := "application/json"
	if ct != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: %v", clip(ct), err))
			return
		}
	}
	switch mt {
	case "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
		s.putRecords(w, r, body)
	case "text/plain":
		s.putText(w, r, body)
	default:
		writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: send document records as application/json (JSON Lines) or an article as text/plain", clip(mt)))
	}
}

func (s *server) putRecords(w http.ResponseWriter, r *http.Request, body io.Reader) {
	if len(r.URL.Query()) > 0 {
		writeError(w, http.StatusBadRequest, "query parameters apply to text/plain bodies only; records carry their own metadata")
		return
	}
	dec := json.NewDecoder(body)
	res := putResult{Stored: []string{}, Duplicates: []string{}}
	for n := 1; ; n++ {
		var d sitrep.Document
		err := dec.Decode(&d)
		if err == io.EOF {
			break
		}
		if err != nil {
			var maxErr *http.MaxBytesError
			if errors.As(err, &maxErr) {
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("record %d: request body exceeds the limit of %d bytes (stored before it: %d)", n, maxErr.Limit, len(res.Stored)))
				return
			}
			writeError(w, http.StatusBadRequest, fmt.Sprintf("record %d: not a document record: %v (stored before it: %d)", n, err, len(res.Stored)))
			return
		}
		if err := CheckRecord(&d); err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("record %d: %v (stored before it: %d)", n, err, len(res.Stored)))
			return
		}
		if !s.store(w, r, &d, &res, fmt.Sprintf("record %d", n)) {
			return
		}
	}
	if len(res.Stored)+len(res.Duplicates) == 0 {
		writeError(w, http.StatusBadRequest, "empty body: send document records as JSON Lines")
		return
	}
	s.answerPut(w, res)
}

// putText runs the configured pipeline on one plain-text article.
func (s *server) putText(w http.ResponseWriter, r *http.Request, body io.Reader) {
	if s.opts.Process == nil {
		writeError(w, http.StatusUnsupportedMediaType, "this server does not process text; send document records as application/json")
		return
	}
	q := r.URL.Query()
	for k, v := range q {
		if !slices.Contains(textParams, k) {
			return400(w, fmt.Sprintf("unknown parameter %q for a text body (known: %s)", clip(k), strings.Join(textParams, ", ")))
			return
		}
		if len(v) > 1 || len(v[0]) > maxParamLen || !utf8.ValidString(v[0]) {
			return400(w, fmt.Sprintf("parameter %q: give it once, as UTF-8 text of at most %d bytes", k, maxParamLen))
			return
		}
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds the limit of %d bytes", maxErr.Limit))
			return
		}
		s.fail(w, r, fmt.Errorf("read body: %w", err))
		return
	}
	if !utf8.Valid(raw) {
		return400(w, "text body is not valid UTF-8")
		return
	}
	norm := ingest.NormalizeText(string(raw))
	if norm == "" {
		return400(w, "empty text body")
		return
	}
	sum := sha256.Sum256([]byte(norm))
	hash := hex.EncodeToString(sum[:])
	d := &sitrep.Document{Doc: sitrep.Doc{
		ID: q.Get("id"), Source: q.Get("source"), URL: q.Get("url"), Title: q.Get("title"),
		Published: q.Get("published"), Hash: hash, Raw: norm,
	}}
	if d.Doc.ID == "" {
		d.Doc.ID = hash[:16] // as ingest derives IDs from content
	}
	if d.Doc.Published, err = ingest.NormalizeDate(d.Doc.Published); err != nil {
		return400(w, fmt.Sprintf("published %q is not a date: %v", clip(q.Get("published")), err))
		return
	}
	if d.Doc.URL != "" {
		if u, err := url.Parse(d.Doc.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return400(w, fmt.Sprintf("url %q is not an http(s) URL", clip(d.Doc.URL)))
			return
		}
	}
	if err := s.opts.Process(r.Context(), d); err != nil {
		if errors.Is(err, context.Canceled) {
			return
		}
		writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("processing the text failed: %v", err))
		return
	}
	if err := CheckRecord(d); err != nil {
		s.fail(w, r, fmt.Errorf("pipeline produced a bad record: %w", err))
		return
	}
	res := putResult{Stored: []string{}, Duplicates: []string{}}
	if s.store(w, r, d, &res, "text") {
		s.answerPut(w, res)
	}
}

// store writes one document and notes the outcome; false when it has
// answered with an error.
func (s *server) store(w http.ResponseWriter, r *http.Request, d *sitrep.Document, res *putResult, what string) bool {
	stored, err := s.opts.Writer.PutDocument(r.Context(), d)
	if err != nil {
		s.fail(w, r, fmt.Errorf("%s (%s): %w", what, clip(d.Doc.ID), err))
		return false
	}
	if stored {
		res.Stored = append(res.Stored, d.Doc.ID)
	} else {
		res.Duplicates = append(res.Duplicates, d.Doc.ID)
	}
	return true
}

func (s *server) answerPut(w http.ResponseWriter, res putResult) {
	status := http.StatusOK
	if len(res.Stored) > 0 {
		status = http.StatusCreated
	}
	writeJSON(w, status, res)
}

func return400(w http.ResponseWriter, msg string) { writeError(w, http.StatusBadRequest, msg) }

// CheckRecord reports whether a record is safe to store and serve: it has
// an ID, and every span (sentences, mentions, timexes, event triggers and
// sentences) lies within its text, so a client slicing the text by them
// cannot fail. Records come from outside over POST; the pipeline's own
// records pass.
func CheckRecord(d *sitrep.Document) error {
	if d.Doc.ID == "" {
		return errors.New("doc.id is missing")
	}
	if len(d.Doc.ID) > maxParamLen {
		return fmt.Errorf("doc.id is longer than %d bytes", maxParamLen)
	}
	n := len(d.Doc.Text)
	bad := func(what string, sp sitrep.Span) error {
		if sp.Start < 0 || sp.End < sp.Start || sp.End > n {
			return fmt.Errorf("%s span [%d, %d) is outside the text of %d bytes", what, sp.Start, sp.End, n)
		}
		return nil
	}
	for i, s := range d.Sentences {
		if err := bad(fmt.Sprintf("sentence %d", i), s.Span); err != nil {
			return err
		}
	}
	mentions := func(kind, id string, ms []sitrep.Mention) error {
		for _, m := range ms {
			if err := bad(kind+" "+clip(id)+" mention", m.Span); err != nil {
				return err
			}
		}
		return nil
	}
	for _, e := range d.Entities {
		if err := mentions("entity", e.ID, e.Mentions); err != nil {
			return err
		}
	}
	for _, p := range d.Places {
		if err := mentions("place", p.ID, p.Mentions); err != nil {
			return err
		}
	}
	for i, t := range d.Timexes {
		if err := bad(fmt.Sprintf("timex %d", i), t.Span); err != nil {
			return err
		}
	}
	for _, e := range d.Events {
		if err := bad("event "+clip(e.ID)+" trigger", e.Trigger.Span); err != nil {
			return err
		}
		if err := bad("event "+clip(e.ID)+" sentence", e.Sentence.Span); err != nil {
			return err
		}
	}
	return nil
}

func (s *server) deleteDocument(w http.ResponseWriter, r *http.Request) {
	id := param(r, "id")
	found, err := s.opts.Writer.DeleteDocument(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !found {
		writeError(w, http.StatusNotFound, "document "+clip(id)+": not found")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
