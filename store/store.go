package store

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/sitrep/sitrep"
)

// Errors returned by every backend. Test for them with errors.Is.
var (
	// ErrNotFound means no record has the requested ID.
	ErrNotFound = errors.New("not found")
	// ErrBadCursor means a page cursor was not produced by this list.
	ErrBadCursor = errors.New("invalid page cursor")
	// ErrBadFilter means a filter value is out of range or malformed.
	ErrBadFilter = errors.New("invalid filter")
	// ErrInvalid means a record cannot be stored (e.g. it has no ID).
	ErrInvalid = errors.New("invalid record")
	// ErrReadOnly means the database cannot be written: opened read-only,
	// a file without write permission, or a read-only server.
	ErrReadOnly = errors.New("database is read-only")
	// ErrFull means the disk or the database's size limit is full.
	ErrFull = errors.New("database or disk is full")
)

// Page sizes. Backends clamp Filter.Limit into [1, MaxLimit].
const (
	DefaultLimit = 50   // rows per page when Filter.Limit is 0
	MaxLimit     = 1000 // largest page a backend returns
)

// Store is a database of documents and the fused situation. All methods
// are safe for concurrent use.
type Store interface {
	// PutDocument stores d and all of its layers in one transaction.
	// stored is false, with a nil error, when a document with the same ID,
	// content hash or URL is already present; nothing is changed then.
	PutDocument(ctx context.Context, d *sitrep.Document) (stored bool, err error)
	// DeleteDocument removes a document with its layers and its
	// memberships in fused events. found is false when it did not exist.
	DeleteDocument(ctx context.Context, id string) (found bool, err error)
	// PutSituation upserts the fused events, origins and threads of s by
	// their stable IDs in one transaction, replacing each fused event's
	// members.
	//
	// A fused event stored here supersedes every other stored fused event
	// that shares a member with it and is not itself in s: fuse only ever
	// merges events as documents arrive, so such an event is an older,
	// smaller view of the same one. Writers of fused events run one at a
	// time, so concurrent calls never leave a report in two fused events;
	// between them the last call wins. Workers that fuse incrementally use
	// MergeFused instead, which loses no member.
	PutSituation(ctx context.Context, s sitrep.Situation) error
	// MergeFused stores fe merged with every stored fused event that
	// shares a member with it or has its ID, in one transaction that no
	// other writer of fused events interleaves with: merge (DefaultMerge
	// when nil) builds the result, which replaces them all. It returns
	// what was stored. Concurrent merges of reports of one event end in
	// one fused event holding every member.
	MergeFused(ctx context.Context, fe sitrep.FusedEvent, merge MergeFunc) (sitrep.FusedEvent, error)

	Documents(ctx context.Context, f Filter) (Page[DocumentInfo], error)
	// Document returns the full record, ErrNotFound if absent.
	Document(ctx context.Context, id string) (*sitrep.Document, error)
	Entities(ctx context.Context, f Filter) (Page[EntityInfo], error)
	Entity(ctx context.Context, id string) (*EntityDetail, error)
	Events(ctx context.Context, f Filter) (Page[StoredEvent], error)
	// Event returns one document's event with its provenance.
	Event(ctx context.Context, doc, id string) (*EventDetail, error)
	FusedEvents(ctx context.Context, f Filter) (Page[StoredFused], error)
	// FusedEvent returns one fused event with the evidence of every member.
	FusedEvent(ctx context.Context, id string) (*FusedDetail, error)
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// Filter selects rows of a list. Zero fields do not filter. Each list uses
// the fields that make sense for it and ignores the rest (see the field
// comments); every used field narrows the result.
type Filter struct {
	// Actor matches an entity ID exactly or a name case-insensitively as a
	// substring: an event's actor or recipient, a document's entities, an
	// entity itself.
	Actor string
	// Type is a PLOVER event type for events, fused events and documents
	// (documents with such an event), or an entity type for entities.
	Type string
	// From and To bound dates, inclusive, as YYYY-MM-DD (a shorter prefix
	// such as "2015-10" is allowed). An event matches when its date range
	// [earliest, latest] overlaps [From, To]; events without a date do not
	// match a date filter. Documents use their publication date.
	From, To string
	// BBox is west, south, east, north in degrees: events whose location
	// centroid lies inside. Areas whose centroid falls outside do not
	// match even if they overlap the box.
	BBox *[4]float64
	// Place matches a gazetteer ID exactly or a place name
	// case-insensitively.
	Place string
	// Source matches an outlet name case-insensitively.
	Source string
	// Status matches an event status exactly.
	Status sitrep.Status
	// MinOrigins keeps events reported by at least this many independent
	// origins. An event that is in no fused event counts as one origin.
	MinOrigins int
	// Limit is the page size; 0 means DefaultLimit.
	Limit int
	// Cursor is the Next of the previous page; empty for the first page.
	Cursor string
}

// Validate reports whether the filter values are well formed.
func (f *Filter) Validate() error {
	if f.Limit < 0 {
		return fmt.Errorf("%w: negative limit %d", ErrBadFilter, f.Limit)
	}
	if f.MinOrigins < 0 {
		return fmt.Errorf("%w: negative min_origins %d", ErrBadFilter, f.MinOrigins)
	}
	for _, d := range []string{f.From, f.To} {
		if d != "" && !validDatePrefix(d) {
			return fmt.Errorf("%w: date %q is not YYYY, YYYY-MM or YYYY-MM-DD", ErrBadFilter, d)
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return fmt.Errorf("%w: from %s is after to %s", ErrBadFilter, f.From, f.To)
	}
	if b := f.BBox; b != nil {
		for _, v := range b {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: bbox has a non-finite value", ErrBadFilter)
			}
		}
		if b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[0] > b[2] || b[1] > b[3] {
			return fmt.Errorf("%w: bbox %v is not west,south,east,north within the globe", ErrBadFilter, *b)
		}
	}
	return nil
}

// PageLimit returns Limit clamped into [1, MaxLimit], DefaultLimit for 0.
func (f *Filter) PageLimit() int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

// Page is one page of a list. Next is empty on the last page.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// DocumentInfo is a document's metadata and layer sizes, without its text.
type DocumentInfo struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Hash      string `json:"hash"`
	Stored    string `json:"stored"` // RFC 3339 time of ingest
	Entities  int    `json:"entities"`
	Places    int    `json:"places"`
	Events    int    `json:"events"`
}

// EntityInfo is one actor aggregated over every document that mentions it.
type EntityInfo struct {
	ID        string            `json:"id"`
	Name      string            `json:"name"`
	Type      sitrep.EntityType `json:"type"`
	Country   string            `json:"country,omitempty"`
	CAMEO     string            `json:"cameo,omitempty"`
	Known     bool              `json:"known"`
	Documents int               `json:"documents"` // documents that mention it
	Mentions  int               `json:"mentions"`  // mentions over all documents
}

// EntityDetail is an entity with its mentions per document.
type EntityDetail struct {
	EntityInfo
	InDocuments []EntityInDocument `json:"in_documents"`
}

// EntityInDocument lists an entity's mentions in one document.
type EntityInDocument struct {
	Doc      string           `json:"doc"`
	Source   string           `json:"source"`
	Title    string           `json:"title,omitempty"`
	Mentions []sitrep.Mention `json:"mentions"`
}

// StoredEvent is a document's event with the document fields a reader
// needs to cite it, and the fused event it was merged into, if any.
type StoredEvent struct {
	Doc       string `json:"doc"`
	Source    string `json:"source"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Fused     string `json:"fused,omitempty"`   // FusedEvent.ID
	Origins   int    `json:"origins,omitempty"` // independent origins of the fused event
	sitrep.Event
	// BBox is the bounding box (west, south, east, north) of the event's
	// place when the document's gazetteer entry has one (areas).
	BBox *[4]float64 `json:"bbox,omitempty"`
}

// StoredFused is a fused event with the bounding box of its place, when
// any stored document resolved that place to an area with one.
type StoredFused struct {
	sitrep.FusedEvent
	BBox *[4]float64 `json:"bbox,omitempty"`
}

// EventDetail is one event with its provenance.
type EventDetail struct {
	Event StoredEvent        `json:"event"`
	Fused *sitrep.FusedEvent `json:"fused,omitempty"`
	// Evidence holds every sentence that reports the event: this event's
	// own first, then those of the other members of its fused event.
	Evidence []Evidence `json:"evidence"`
}

// FusedDetail is a fused event with the evidence of each member.
type FusedDetail struct {
	StoredFused
	Evidence []Evidence `json:"evidence"`
}

// Evidence is one sentence that reports an event, where it sits in its
// document and who says so.
type Evidence struct {
	Doc         string             `json:"doc"`
	Event       string             `json:"event"` // Event.ID within the document
	Source      string             `json:"source"`
	URL         string             `json:"url,omitempty"`
	Title       string             `json:"title,omitempty"`
	Published   string             `json:"published,omitempty"`
	Origin      string             `json:"origin,omitempty"`
	Status      sitrep.Status      `json:"status"`
	Attribution sitrep.Attribution `json:"attribution"`
	Sentence    sitrep.SentenceRef `json:"sentence"`
	// Trigger is the word carrying the event, when its document is stored.
	Trigger *sitrep.Mention `json:"trigger,omitempty"`
}

// Stats summarises the store.
type Stats struct {
	Documents   int            `json:"documents"`
	Entities    int            `json:"entities"` // distinct entity IDs
	Places      int            `json:"places"`   // distinct place IDs
	Events      int            `json:"events"`
	FusedEvents int            `json:"fused_events"`
	Sources     int            `json:"sources"` // distinct outlets
	EventTypes  map[string]int `json:"event_types"`
	FirstDate   string         `json:"first_date,omitempty"` // earliest event date
	LastDate    string         `json:"last_date,omitempty"`  // latest event date
}
