package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// sep joins the parts of an ord key; it sorts below every printable byte,
// so "2015-10" orders before "2015-10-01".
const sep = "\x1f"

// PutDocument implements store.Store.
func (s *DB) PutDocument(ctx context.Context, d *sitrep.Document) (bool, error) {
	if d == nil || d.Doc.ID == "" {
		return false, fmt.Errorf("%s: put document: %w: missing document ID", s.d.Name, store.ErrInvalid)
	}
	id := d.Doc.ID
	hash := d.Doc.Hash
	if hash == "" {
		// A record without a hash still deduplicates on its kept text.
		sum := sha256.Sum256([]byte(d.Doc.Text))
		hash = "text:" + hex.EncodeToString(sum[:])
	}
	rec, err := json.Marshal(d)
	if err != nil {
		return false, fmt.Errorf("%s: put document %s: encode: %w", s.d.Name, id, err)
	}
	pubDate := ""
	if t, ok := d.Doc.PublishedTime(); ok {
		pubDate = t.Format("2006-01-02")
	}
	var url any
	if d.Doc.URL != "" {
		url = d.Doc.URL
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("%s: put document %s: begin: %w", s.d.Name, id, err)
	}
	defer tx.Rollback()

	res, err := tx.ExecContext(ctx, s.q(`INSERT INTO documents
		(id, ord, source, url, title, published, pub_date, hash, stored_at, n_entities, n_places, n_events, record)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
		id, pubDate+sep+id, d.Doc.Source, url, d.Doc.Title, d.Doc.Published, pubDate, hash,
		s.now().UTC().Format(time.RFC3339), len(d.Entities), len(d.Places), len(d.Events), string(rec))
	if err != nil {
		return false, fmt.Errorf("%s: put document %s: %w", s.d.Name, id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, fmt.Errorf("%s: put document %s: %w", s.d.Name, id, err)
	} else if n == 0 {
		return false, nil // same ID, hash or URL already stored
	}

	for i, e := range d.Entities {
		b, err := json.Marshal(e)
		if err != nil {
			return false, fmt.Errorf("%s: put document %s: entity %d: %w", s.d.Name, id, i, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO entities
			(doc_id, idx, entity_id, name, type, country, cameo, known, n_mentions, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			id, i, e.ID, e.Name, string(e.Type), e.Country, e.CAMEO, boolInt(e.Known), len(e.Mentions), string(b)); err != nil {
			return false, fmt.Errorf("%s: put document %s: entity %q: %w", s.d.Name, id, e.ID, err)
		}
	}
	for i, p := range d.Places {
		b, err := json.Marshal(p)
		if err != nil {
			return false, fmt.Errorf("%s: put document %s: place %d: %w", s.d.Name, id, i, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO places
			(doc_id, idx, place_id, name, country, precision, lat, lon, bbox, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			id, i, p.ID, p.Name, p.Country, string(p.Precision), finite(p.Lat), finite(p.Lon), bboxText(p.BBox), string(b)); err != nil {
			return false, fmt.Errorf("%s: put document %s: place %q: %w", s.d.Name, id, p.ID, err)
		}
	}
	for i, e := range d.Events {
		b, err := json.Marshal(e)
		if err != nil {
			return false, fmt.Errorf("%s: put document %s: event %d: %w", s.d.Name, id, i, err)
		}
		earliest, latest := dateBounds(e.Date.Date)
		c := eventCols(e.Actor, e.Recipient, e.Location)
		if c.hasLoc == 1 && c.placeID != "" {
			for _, p := range d.Places {
				if p.ID == c.placeID && p.BBox != nil {
					c.bbox = bboxText(p.BBox)
					break
				}
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO events
			(doc_id, idx, event_id, ord, type, cameo, actor_id, actor_name, recipient_id, recipient_name,
			 date_earliest, date_latest, has_loc, place_id, place_name, country, lat, lon, bbox, source, status, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			id, i, e.ID, fmt.Sprintf("%s%s%s%s%06d", earliest, sep, id, sep, i), e.Type, e.CAMEO,
			c.actorID, c.actorName, c.recipientID, c.recipientName, earliest, latest,
			c.hasLoc, c.placeID, c.placeName, c.country, c.lat, c.lon, c.bbox,
			d.Doc.Source, string(e.Status), string(b)); err != nil {
			return false, fmt.Errorf("%s: put document %s: event %q: %w", s.d.Name, id, e.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("%s: put document %s: commit: %w", s.d.Name, id, err)
	}
	return true, nil
}

// DeleteDocument implements store.Store.
func (s *DB) DeleteDocument(ctx context.Context, id string) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("%s: delete document %s: begin: %w", s.d.Name, id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.q("DELETE FROM documents WHERE id = ?"), id)
	if err != nil {
		return false, fmt.Errorf("%s: delete document %s: %w", s.d.Name, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("%s: delete document %s: %w", s.d.Name, id, err)
	}
	if n == 0 {
		return false, nil
	}
	for _, table := range []string{"entities", "places", "events", "fused_members", "origins"} {
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM "+table+" WHERE doc_id = ?"), id); err != nil {
			return false, fmt.Errorf("%s: delete document %s: %s: %w", s.d.Name, id, table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("%s: delete document %s: commit: %w", s.d.Name, id, err)
	}
	return true, nil
}

// PutSituation implements store.Store.
func (s *DB) PutSituation(ctx context.Context, sit sitrep.Situation) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: put situation: begin: %w", s.d.Name, err)
	}
	defer tx.Rollback()
	for _, o := range sit.Origins {
		if o.Doc == "" {
			return fmt.Errorf("%s: put situation: %w: origin without document ID", s.d.Name, store.ErrInvalid)
		}
		b, err := json.Marshal(o)
		if err != nil {
			return fmt.Errorf("%s: put situation: origin %s: %w", s.d.Name, o.Doc, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO origins (doc_id, origin, record) VALUES (?, ?, ?)
			ON CONFLICT (doc_id) DO UPDATE SET origin = excluded.origin, record = excluded.record`),
			o.Doc, o.Origin, string(b)); err != nil {
			return fmt.Errorf("%s: put situation: origin %s: %w", s.d.Name, o.Doc, err)
		}
	}
	for _, t := range sit.Threads {
		if t.ID == "" {
			return fmt.Errorf("%s: put situation: %w: thread without ID", s.d.Name, store.ErrInvalid)
		}
		b, err := json.Marshal(t)
		if err != nil {
			return fmt.Errorf("%s: put situation: thread %s: %w", s.d.Name, t.ID, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO threads (id, record) VALUES (?, ?)
			ON CONFLICT (id) DO UPDATE SET record = excluded.record`), t.ID, string(b)); err != nil {
			return fmt.Errorf("%s: put situation: thread %s: %w", s.d.Name, t.ID, err)
		}
	}
	for _, f := range sit.Events {
		if f.ID == "" {
			return fmt.Errorf("%s: put situation: %w: fused event without ID", s.d.Name, store.ErrInvalid)
		}
		b, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("%s: put situation: fused event %s: %w", s.d.Name, f.ID, err)
		}
		earliest, latest := dateBounds(f.Date)
		c := eventCols(f.Actor, f.Recipient, f.Location)
		if c.hasLoc == 1 && c.placeID != "" {
			// The fused record has no bbox of its own; borrow the
			// gazetteer's from any stored document that resolved the place.
			err := tx.QueryRowContext(ctx, s.q("SELECT bbox FROM places WHERE place_id = ? AND bbox <> '' LIMIT 1"), c.placeID).Scan(&c.bbox)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%s: put situation: fused event %s: place: %w", s.d.Name, f.ID, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO fused
			(id, ord, type, cameo, actor_id, actor_name, recipient_id, recipient_name, date_earliest, date_latest,
			 has_loc, place_id, place_name, country, lat, lon, bbox, status, origins, outlets, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET ord = excluded.ord, type = excluded.type, cameo = excluded.cameo,
			 actor_id = excluded.actor_id, actor_name = excluded.actor_name,
			 recipient_id = excluded.recipient_id, recipient_name = excluded.recipient_name,
			 date_earliest = excluded.date_earliest, date_latest = excluded.date_latest,
			 has_loc = excluded.has_loc, place_id = excluded.place_id, place_name = excluded.place_name,
			 country = excluded.country, lat = excluded.lat, lon = excluded.lon, bbox = excluded.bbox, status = excluded.status,
			 origins = excluded.origins, outlets = excluded.outlets, record = excluded.record`),
			f.ID, earliest+sep+f.ID, f.Type, f.CAMEO, c.actorID, c.actorName, c.recipientID, c.recipientName,
			earliest, latest, c.hasLoc, c.placeID, c.placeName, c.country, c.lat, c.lon, c.bbox,
			string(f.Status), f.Origins, f.Outlets, string(b)); err != nil {
			return fmt.Errorf("%s: put situation: fused event %s: %w", s.d.Name, f.ID, err)
		}
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM fused_members WHERE fused_id = ?"), f.ID); err != nil {
			return fmt.Errorf("%s: put situation: fused event %s: members: %w", s.d.Name, f.ID, err)
		}
		for i, m := range f.Members {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO fused_members (fused_id, idx, doc_id, event_id, source)
				VALUES (?, ?, ?, ?, ?)`), f.ID, i, m.Doc, m.Event, m.Source); err != nil {
				return fmt.Errorf("%s: put situation: fused event %s: member %d: %w", s.d.Name, f.ID, i, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: put situation: commit: %w", s.d.Name, err)
	}
	return nil
}

// cols are the indexed columns shared by events and fused events.
type cols struct {
	actorID, actorName, recipientID, recipientName string
	hasLoc                                         int
	placeID, placeName, country                    string
	lat, lon                                       float64
	bbox                                           string // JSON or ""
}

// bboxText encodes a bounding box for the bbox columns; "" for none.
func bboxText(b *[4]float64) string {
	if b == nil {
		return ""
	}
	for _, v := range b {
		if finite(v) != v {
			return ""
		}
	}
	j, _ := json.Marshal(b)
	return string(j)
}

// parseBBox decodes a bbox column; nil for "" or garbage.
func parseBBox(s string) *[4]float64 {
	if s == "" {
		return nil
	}
	var b [4]float64
	if json.Unmarshal([]byte(s), &b) != nil {
		return nil
	}
	return &b
}

func eventCols(actor, recipient *sitrep.EventActor, loc *sitrep.Location) cols {
	var c cols
	if actor != nil {
		c.actorID, c.actorName = actor.ID, actor.Name
	}
	if recipient != nil {
		c.recipientID, c.recipientName = recipient.ID, recipient.Name
	}
	if loc != nil {
		c.hasLoc = 1
		c.placeID, c.placeName, c.country = loc.PlaceID, loc.Name, loc.Country
		c.lat, c.lon = finite(loc.Lat), finite(loc.Lon)
	}
	return c
}

// dateBounds returns the ISO day bounds of a date, falling back on the
// day of Value when the bounds are missing; "" when the date is unknown.
func dateBounds(d sitrep.Date) (earliest, latest string) {
	earliest, latest = dayPrefix(d.Earliest), dayPrefix(d.Latest)
	if earliest == "" {
		earliest = dayPrefix(d.Value)
	}
	if latest == "" {
		latest = earliest
	}
	if earliest == "" {
		earliest = latest
	}
	return earliest, latest
}

// dayPrefix keeps the YYYY-MM-DD part of an ISO date or date-time, or ""
// when s does not start with one.
func dayPrefix(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// finite maps NaN and infinities, which JSON cannot carry, to 0.
func finite(f float64) float64 {
	if f != f || f > 1e308 || f < -1e308 {
		return 0
	}
	return f
}
