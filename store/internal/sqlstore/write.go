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

	err = s.inTx(ctx, false, func(tx *sql.Tx) error {
		return s.putDocument(ctx, tx, d, id, hash, pubDate, url, rec)
	})
	if errors.Is(err, errSkip) {
		return false, nil // same ID, hash or URL already stored
	}
	if err != nil {
		return false, fmt.Errorf("%s: put document %s: %w", s.d.Name, id, err)
	}
	return true, nil
}

// putDocument writes the rows of one document; errSkip when it is a
// duplicate.
func (s *DB) putDocument(ctx context.Context, tx *sql.Tx, d *sitrep.Document, id, hash, pubDate string, url any, rec []byte) error {
	res, err := s.exec(ctx, tx, `INSERT INTO documents
		(id, ord, source, url, title, published, pub_date, hash, stored_at, n_entities, n_places, n_events, record)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		id, pubDate+sep+id, d.Doc.Source, url, d.Doc.Title, d.Doc.Published, pubDate, hash,
		s.now().UTC().Format(time.RFC3339), len(d.Entities), len(d.Places), len(d.Events), string(rec))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return errSkip
	}

	for i, e := range d.Entities {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("entity %d: %w", i, err)
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO entities
			(doc_id, idx, entity_id, name, type, country, cameo, known, n_mentions, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, i, e.ID, e.Name, string(e.Type), e.Country, e.CAMEO, boolInt(e.Known), len(e.Mentions), string(b)); err != nil {
			return fmt.Errorf("entity %q: %w", e.ID, err)
		}
	}
	for i, p := range d.Places {
		b, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("place %d: %w", i, err)
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO places
			(doc_id, idx, place_id, name, country, precision, lat, lon, bbox, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, i, p.ID, p.Name, p.Country, string(p.Precision), finite(p.Lat), finite(p.Lon), bboxText(p.BBox), string(b)); err != nil {
			return fmt.Errorf("place %q: %w", p.ID, err)
		}
	}
	for i, e := range d.Events {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("event %d: %w", i, err)
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
		if _, err := s.exec(ctx, tx, `INSERT INTO events
			(doc_id, idx, event_id, ord, type, cameo, actor_id, actor_name, recipient_id, recipient_name,
			 date_earliest, date_latest, has_loc, place_id, place_name, country, lat, lon, bbox, source, status, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, i, e.ID, fmt.Sprintf("%s%s%s%s%06d", earliest, sep, id, sep, i), e.Type, e.CAMEO,
			c.actorID, c.actorName, c.recipientID, c.recipientName, earliest, latest,
			c.hasLoc, c.placeID, c.placeName, c.country, c.lat, c.lon, c.bbox,
			d.Doc.Source, string(e.Status), string(b)); err != nil {
			return fmt.Errorf("event %q: %w", e.ID, err)
		}
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
