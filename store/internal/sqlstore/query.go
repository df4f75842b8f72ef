package sqlstore

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// where collects the conditions and arguments of a query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// likeArg makes a case-insensitive substring pattern for "LIKE ? ESCAPE '\'".
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

// padTo extends a date prefix to the last possible day it covers, so that
// "2015-10" as an upper bound includes 2015-10-31.
func padTo(d string) string {
	switch len(d) {
	case 4:
		return d + "-99-99"
	case 7:
		return d + "-99"
	}
	return d
}

// Cursors are the ord key of the last row, tagged with the list's name so
// that a cursor from one list is refused by another.
func encodeCursor(list, ord string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(list + ":" + ord))
}

func decodeCursor(list, c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", fmt.Errorf("%w: not base64url", store.ErrBadCursor)
	}
	ord, ok := strings.CutPrefix(string(b), list+":")
	if !ok {
		return "", fmt.Errorf("%w: not a cursor of the %s list", store.ErrBadCursor, list)
	}
	return ord, nil
}

// eventWhere adds the filters shared by events (alias e) and fused events
// (alias f); p is the alias.
func (s *DB) eventWhere(w *where, p string, f store.Filter) {
	if f.Type != "" {
		w.add(p+".type = ?", strings.ToUpper(f.Type))
	}
	if f.Actor != "" {
		w.add(fmt.Sprintf(`(%[1]s.actor_id = ? OR %[1]s.recipient_id = ? OR lower(%[1]s.actor_name) LIKE ? ESCAPE '\' OR lower(%[1]s.recipient_name) LIKE ? ESCAPE '\')`, p),
			f.Actor, f.Actor, likeArg(f.Actor), likeArg(f.Actor))
	}
	if f.From != "" {
		w.add(p+".date_latest <> '' AND "+p+".date_latest >= ?", f.From)
	}
	if f.To != "" {
		w.add(p+".date_earliest <> '' AND "+p+".date_earliest <= ?", padTo(f.To))
	}
	if b := f.BBox; b != nil {
		w.add(p+".has_loc = 1 AND "+p+".lon >= ? AND "+p+".lon <= ? AND "+p+".lat >= ? AND "+p+".lat <= ?", b[0], b[2], b[1], b[3])
	}
	if f.Place != "" {
		w.add("("+p+".place_id = ? OR lower("+p+".place_name) = ?)", f.Place, strings.ToLower(f.Place))
	}
	if f.Status != "" {
		w.add(p+".status = ?", string(f.Status))
	}
}

// Documents implements store.Store.
func (s *DB) Documents(ctx context.Context, f store.Filter) (store.Page[store.DocumentInfo], error) {
	var page store.Page[store.DocumentInfo]
	if err := f.Validate(); err != nil {
		return page, err
	}
	var w where
	if f.Cursor != "" {
		ord, err := decodeCursor("documents", f.Cursor)
		if err != nil {
			return page, err
		}
		w.add("d.ord > ?", ord)
	}
	if f.Source != "" {
		w.add("lower(d.source) = ?", strings.ToLower(f.Source))
	}
	if f.From != "" {
		w.add("d.pub_date <> '' AND d.pub_date >= ?", f.From)
	}
	if f.To != "" {
		w.add("d.pub_date <> '' AND d.pub_date <= ?", padTo(f.To))
	}
	if f.Actor != "" {
		w.add(`EXISTS (SELECT 1 FROM entities x WHERE x.doc_id = d.id AND (x.entity_id = ? OR lower(x.name) LIKE ? ESCAPE '\'))`,
			f.Actor, likeArg(f.Actor))
	}
	if f.Place != "" {
		w.add("EXISTS (SELECT 1 FROM places p WHERE p.doc_id = d.id AND (p.place_id = ? OR lower(p.name) = ?))",
			f.Place, strings.ToLower(f.Place))
	}
	if f.Type != "" || f.Status != "" {
		var ew where
		ew.add("e.doc_id = d.id")
		if f.Type != "" {
			ew.add("e.type = ?", strings.ToUpper(f.Type))
		}
		if f.Status != "" {
			ew.add("e.status = ?", string(f.Status))
		}
		w.add("EXISTS (SELECT 1 FROM events e"+ew.String()+")", ew.args...)
	}
	if f.MinOrigins > 1 {
		w.add(`EXISTS (SELECT 1 FROM fused_members m JOIN fused fu ON fu.id = m.fused_id
			WHERE m.doc_id = d.id AND fu.origins >= ?)`, f.MinOrigins)
	}
	limit := f.PageLimit()
	rows, err := s.query(ctx, s.db, `SELECT d.ord, d.id, d.source, COALESCE(d.url, ''), d.title, d.published,
		d.hash, d.stored_at, d.n_entities, d.n_places, d.n_events FROM documents d`+w.String()+
		fmt.Sprintf(" ORDER BY d.ord LIMIT %d", limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("%s: documents: %w", s.d.Name, err)
	}
	defer rows.Close()
	var last string
	for rows.Next() {
		var di store.DocumentInfo
		var ord string
		if err := rows.Scan(&ord, &di.ID, &di.Source, &di.URL, &di.Title, &di.Published, &di.Hash, &di.Stored,
			&di.Entities, &di.Places, &di.Events); err != nil {
			return page, fmt.Errorf("%s: documents: %w", s.d.Name, err)
		}
		if len(page.Items) == limit {
			page.Next = encodeCursor("documents", last)
			break
		}
		page.Items = append(page.Items, di)
		last = ord
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("%s: documents: %w", s.d.Name, err)
	}
	page.Items = nonNil(page.Items)
	return page, nil
}

// Document implements store.Store.
func (s *DB) Document(ctx context.Context, id string) (*sitrep.Document, error) {
	var rec string
	err := s.queryRow(ctx, s.db, "SELECT record FROM documents WHERE id = ?", id).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: document %s: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: document %s: %w", s.d.Name, id, err)
	}
	var d sitrep.Document
	if err := json.Unmarshal([]byte(rec), &d); err != nil {
		return nil, fmt.Errorf("%s: document %s: decode: %w", s.d.Name, id, err)
	}
	return &d, nil
}

const entityAgg = `x.entity_id, MAX(x.name), MAX(x.type), MAX(x.country), MAX(x.cameo), MAX(x.known),
	COUNT(DISTINCT x.doc_id), SUM(x.n_mentions)`

func scanEntity(sc interface{ Scan(...any) error }, e *store.EntityInfo) error {
	var typ string
	var known int
	if err := sc.Scan(&e.ID, &e.Name, &typ, &e.Country, &e.CAMEO, &known, &e.Documents, &e.Mentions); err != nil {
		return err
	}
	e.Type = sitrep.EntityType(typ)
	e.Known = known != 0
	return nil
}

// Entities implements store.Store.
func (s *DB) Entities(ctx context.Context, f store.Filter) (store.Page[store.EntityInfo], error) {
	var page store.Page[store.EntityInfo]
	if err := f.Validate(); err != nil {
		return page, err
	}
	var w where
	if f.Cursor != "" {
		ord, err := decodeCursor("entities", f.Cursor)
		if err != nil {
			return page, err
		}
		w.add("x.entity_id > ?", ord)
	}
	if f.Type != "" {
		w.add("x.type = ?", strings.ToLower(f.Type))
	}
	if f.Actor != "" {
		w.add(`(x.entity_id = ? OR lower(x.name) LIKE ? ESCAPE '\')`, f.Actor, likeArg(f.Actor))
	}
	join := ""
	if f.Source != "" || f.From != "" || f.To != "" {
		join = " JOIN documents d ON d.id = x.doc_id"
		if f.Source != "" {
			w.add("lower(d.source) = ?", strings.ToLower(f.Source))
		}
		if f.From != "" {
			w.add("d.pub_date <> '' AND d.pub_date >= ?", f.From)
		}
		if f.To != "" {
			w.add("d.pub_date <> '' AND d.pub_date <= ?", padTo(f.To))
		}
	}
	limit := f.PageLimit()
	rows, err := s.query(ctx, s.db, "SELECT "+entityAgg+" FROM entities x"+join+w.String()+
		fmt.Sprintf(" GROUP BY x.entity_id ORDER BY x.entity_id LIMIT %d", limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("%s: entities: %w", s.d.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e store.EntityInfo
		if err := scanEntity(rows, &e); err != nil {
			return page, fmt.Errorf("%s: entities: %w", s.d.Name, err)
		}
		if len(page.Items) == limit {
			page.Next = encodeCursor("entities", page.Items[limit-1].ID)
			break
		}
		page.Items = append(page.Items, e)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("%s: entities: %w", s.d.Name, err)
	}
	page.Items = nonNil(page.Items)
	return page, nil
}

// maxEntityDocs bounds the per-document mention lists of Entity.
const maxEntityDocs = 500

// Entity implements store.Store.
func (s *DB) Entity(ctx context.Context, id string) (*store.EntityDetail, error) {
	var ed store.EntityDetail
	err := scanEntity(s.queryRow(ctx, s.db, "SELECT "+entityAgg+" FROM entities x WHERE x.entity_id = ? GROUP BY x.entity_id", id), &ed.EntityInfo)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: entity %s: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: entity %s: %w", s.d.Name, id, err)
	}
	rows, err := s.query(ctx, s.db, `SELECT x.doc_id, d.source, d.title, x.record FROM entities x
		JOIN documents d ON d.id = x.doc_id WHERE x.entity_id = ? ORDER BY d.ord, x.idx`+fmt.Sprintf(" LIMIT %d", maxEntityDocs), id)
	if err != nil {
		return nil, fmt.Errorf("%s: entity %s: %w", s.d.Name, id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var in store.EntityInDocument
		var rec string
		if err := rows.Scan(&in.Doc, &in.Source, &in.Title, &rec); err != nil {
			return nil, fmt.Errorf("%s: entity %s: %w", s.d.Name, id, err)
		}
		var e sitrep.Entity
		if err := json.Unmarshal([]byte(rec), &e); err != nil {
			return nil, fmt.Errorf("%s: entity %s in %s: decode: %w", s.d.Name, id, in.Doc, err)
		}
		in.Mentions = nonNil(e.Mentions)
		ed.InDocuments = append(ed.InDocuments, in)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: entity %s: %w", s.d.Name, id, err)
	}
	ed.InDocuments = nonNil(ed.InDocuments)
	return &ed, nil
}

// eventSelect reads StoredEvents: the event's record, its document's
// citation fields and the fused event it belongs to. inner selects and
// orders the page of events rows (alias e) first, so the per-row lookups
// run for that page only rather than for every matching row.
func eventSelect(inner string) string {
	return `SELECT e.ord, e.record, e.bbox, e.doc_id, e.source, COALESCE(d.url, ''), d.published,
	COALESCE((SELECT m.fused_id FROM fused_members m WHERE m.doc_id = e.doc_id AND m.event_id = e.event_id ORDER BY m.fused_id LIMIT 1), ''),
	COALESCE((SELECT MAX(fu.origins) FROM fused_members m JOIN fused fu ON fu.id = m.fused_id WHERE m.doc_id = e.doc_id AND m.event_id = e.event_id), 0)
	FROM (SELECT e.* FROM events e` + inner + `) e JOIN documents d ON d.id = e.doc_id ORDER BY e.ord`
}

func scanEvent(sc interface{ Scan(...any) error }, ev *store.StoredEvent) (ord string, err error) {
	var rec, bbox string
	if err := sc.Scan(&ord, &rec, &bbox, &ev.Doc, &ev.Source, &ev.URL, &ev.Published, &ev.Fused, &ev.Origins); err != nil {
		return "", err
	}
	if err := json.Unmarshal([]byte(rec), &ev.Event); err != nil {
		return "", fmt.Errorf("decode event of %s: %w", ev.Doc, err)
	}
	ev.BBox = parseBBox(bbox)
	return ord, nil
}

// Events implements store.Store.
func (s *DB) Events(ctx context.Context, f store.Filter) (store.Page[store.StoredEvent], error) {
	var page store.Page[store.StoredEvent]
	if err := f.Validate(); err != nil {
		return page, err
	}
	var w where
	if f.Cursor != "" {
		ord, err := decodeCursor("events", f.Cursor)
		if err != nil {
			return page, err
		}
		w.add("e.ord > ?", ord)
	}
	s.eventWhere(&w, "e", f)
	if f.Source != "" {
		w.add("lower(e.source) = ?", strings.ToLower(f.Source))
	}
	if f.MinOrigins > 1 {
		w.add(`EXISTS (SELECT 1 FROM fused_members m JOIN fused fu ON fu.id = m.fused_id
			WHERE m.doc_id = e.doc_id AND m.event_id = e.event_id AND fu.origins >= ?)`, f.MinOrigins)
	}
	limit := f.PageLimit()
	rows, err := s.query(ctx, s.db, eventSelect(w.String()+fmt.Sprintf(" ORDER BY e.ord LIMIT %d", limit+1)), w.args...)
	if err != nil {
		return page, fmt.Errorf("%s: events: %w", s.d.Name, err)
	}
	defer rows.Close()
	var last string
	for rows.Next() {
		var ev store.StoredEvent
		ord, err := scanEvent(rows, &ev)
		if err != nil {
			return page, fmt.Errorf("%s: events: %w", s.d.Name, err)
		}
		if len(page.Items) == limit {
			page.Next = encodeCursor("events", last)
			break
		}
		page.Items = append(page.Items, ev)
		last = ord
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("%s: events: %w", s.d.Name, err)
	}
	page.Items = nonNil(page.Items)
	return page, nil
}

// Event implements store.Store.
func (s *DB) Event(ctx context.Context, doc, id string) (*store.EventDetail, error) {
	var det store.EventDetail
	_, err := scanEvent(s.queryRow(ctx, s.db, eventSelect(" WHERE e.doc_id = ? AND e.event_id = ? ORDER BY e.idx LIMIT 1"), doc, id), &det.Event)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: event %s/%s: %w", s.d.Name, doc, id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: event %s/%s: %w", s.d.Name, doc, id, err)
	}
	ev := det.Event
	own := store.Evidence{
		Doc: ev.Doc, Event: ev.ID, Source: ev.Source, URL: ev.URL, Published: ev.Published,
		Status: ev.Status, Attribution: ev.Attribution, Sentence: ev.Sentence,
	}
	trig := ev.Trigger
	own.Trigger = &trig
	if err := s.queryRow(ctx, s.db, `SELECT d.title, COALESCE(o.origin, '') FROM documents d
		LEFT JOIN origins o ON o.doc_id = d.id WHERE d.id = ?`, doc).Scan(&own.Title, &own.Origin); err != nil {
		return nil, fmt.Errorf("%s: event %s/%s: document: %w", s.d.Name, doc, id, err)
	}
	det.Evidence = []store.Evidence{own}
	if ev.Fused != "" {
		fd, err := s.FusedEvent(ctx, ev.Fused)
		if err != nil {
			return nil, fmt.Errorf("%s: event %s/%s: %w", s.d.Name, doc, id, err)
		}
		fe := fd.FusedEvent
		det.Fused = &fe
		for _, e := range fd.Evidence {
			if e.Doc == doc && e.Event == id {
				continue
			}
			det.Evidence = append(det.Evidence, e)
		}
	}
	return &det, nil
}

// FusedEvents implements store.Store.
func (s *DB) FusedEvents(ctx context.Context, f store.Filter) (store.Page[store.StoredFused], error) {
	var page store.Page[store.StoredFused]
	if err := f.Validate(); err != nil {
		return page, err
	}
	var w where
	if f.Cursor != "" {
		ord, err := decodeCursor("fused", f.Cursor)
		if err != nil {
			return page, err
		}
		w.add("f.ord > ?", ord)
	}
	s.eventWhere(&w, "f", f)
	if f.Source != "" {
		w.add("EXISTS (SELECT 1 FROM fused_members m WHERE m.fused_id = f.id AND lower(m.source) = ?)", strings.ToLower(f.Source))
	}
	if f.MinOrigins > 1 {
		w.add("f.origins >= ?", f.MinOrigins)
	}
	limit := f.PageLimit()
	rows, err := s.query(ctx, s.db, "SELECT f.ord, f.record, f.bbox FROM fused f"+w.String()+fmt.Sprintf(" ORDER BY f.ord LIMIT %d", limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("%s: fused events: %w", s.d.Name, err)
	}
	defer rows.Close()
	var last string
	for rows.Next() {
		var ord, rec, bbox string
		if err := rows.Scan(&ord, &rec, &bbox); err != nil {
			return page, fmt.Errorf("%s: fused events: %w", s.d.Name, err)
		}
		if len(page.Items) == limit {
			page.Next = encodeCursor("fused", last)
			break
		}
		fe := store.StoredFused{BBox: parseBBox(bbox)}
		if err := json.Unmarshal([]byte(rec), &fe.FusedEvent); err != nil {
			return page, fmt.Errorf("%s: fused events: decode: %w", s.d.Name, err)
		}
		page.Items = append(page.Items, fe)
		last = ord
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("%s: fused events: %w", s.d.Name, err)
	}
	page.Items = nonNil(page.Items)
	return page, nil
}

// FusedEvent implements store.Store.
func (s *DB) FusedEvent(ctx context.Context, id string) (*store.FusedDetail, error) {
	var rec, bbox string
	err := s.queryRow(ctx, s.db, "SELECT record, bbox FROM fused WHERE id = ?", id).Scan(&rec, &bbox)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: fused event %s: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: fused event %s: %w", s.d.Name, id, err)
	}
	var fd store.FusedDetail
	fd.BBox = parseBBox(bbox)
	if err := json.Unmarshal([]byte(rec), &fd.FusedEvent); err != nil {
		return nil, fmt.Errorf("%s: fused event %s: decode: %w", s.d.Name, id, err)
	}
	fd.Evidence = make([]store.Evidence, 0, len(fd.Members))
	for _, m := range fd.Members {
		e := store.Evidence{
			Doc: m.Doc, Event: m.Event, Source: m.Source, Published: m.Published, Origin: m.Origin,
			Status: m.Status, Attribution: m.Attribution, Sentence: m.Sentence,
		}
		// The member's document may have been deleted or never stored;
		// the member itself still carries the sentence and attribution.
		var evRec string
		err := s.queryRow(ctx, s.db, `SELECT COALESCE(d.url, ''), d.title, COALESCE(
			(SELECT e.record FROM events e WHERE e.doc_id = d.id AND e.event_id = ? ORDER BY e.idx LIMIT 1), '')
			FROM documents d WHERE d.id = ?`, m.Event, m.Doc).Scan(&e.URL, &e.Title, &evRec)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, fmt.Errorf("%s: fused event %s: member %s/%s: %w", s.d.Name, id, m.Doc, m.Event, err)
		case evRec != "":
			var ev sitrep.Event
			if err := json.Unmarshal([]byte(evRec), &ev); err != nil {
				return nil, fmt.Errorf("%s: fused event %s: member %s/%s: decode: %w", s.d.Name, id, m.Doc, m.Event, err)
			}
			t := ev.Trigger
			e.Trigger = &t
		}
		fd.Evidence = append(fd.Evidence, e)
	}
	return &fd, nil
}

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	st := store.Stats{EventTypes: map[string]int{}}
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM documents),
		(SELECT COUNT(DISTINCT entity_id) FROM entities),
		(SELECT COUNT(DISTINCT place_id) FROM places WHERE place_id <> ''),
		(SELECT COUNT(*) FROM events),
		(SELECT COUNT(*) FROM fused),
		(SELECT COUNT(DISTINCT lower(source)) FROM documents),
		COALESCE((SELECT MIN(date_earliest) FROM events WHERE date_earliest <> ''), ''),
		COALESCE((SELECT MAX(date_latest) FROM events WHERE date_latest <> ''), '')`).Scan(
		&st.Documents, &st.Entities, &st.Places, &st.Events, &st.FusedEvents, &st.Sources, &st.FirstDate, &st.LastDate)
	if err != nil {
		return st, fmt.Errorf("%s: stats: %w", s.d.Name, err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT type, COUNT(*) FROM events GROUP BY type")
	if err != nil {
		return st, fmt.Errorf("%s: stats: %w", s.d.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return st, fmt.Errorf("%s: stats: %w", s.d.Name, err)
		}
		st.EventTypes[t] = n
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("%s: stats: %w", s.d.Name, err)
	}
	return st, nil
}

// nonNil keeps empty lists as [] rather than null in JSON.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
