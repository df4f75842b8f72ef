package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// DeleteDocument implements store.Store. It changes fused memberships, so
// it takes the write lock.
func (s *DB) DeleteDocument(ctx context.Context, id string) (bool, error) {
	found := false
	err := s.inTx(ctx, true, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, "DELETE FROM documents WHERE id = ?", id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if found = n > 0; !found {
			return nil
		}
		for _, table := range []string{"entities", "places", "events", "fused_members", "origins"} {
			if _, err := s.exec(ctx, tx, "DELETE FROM "+table+" WHERE doc_id = ?", id); err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("%s: delete document %s: %w", s.d.Name, id, err)
	}
	return found, nil
}

// PutSituation implements store.Store.
func (s *DB) PutSituation(ctx context.Context, sit sitrep.Situation) error {
	incoming := map[string]bool{}
	for _, o := range sit.Origins {
		if o.Doc == "" {
			return fmt.Errorf("%s: put situation: %w: origin without document ID", s.d.Name, store.ErrInvalid)
		}
	}
	for _, t := range sit.Threads {
		if t.ID == "" {
			return fmt.Errorf("%s: put situation: %w: thread without ID", s.d.Name, store.ErrInvalid)
		}
	}
	for _, f := range sit.Events {
		if f.ID == "" {
			return fmt.Errorf("%s: put situation: %w: fused event without ID", s.d.Name, store.ErrInvalid)
		}
		incoming[f.ID] = true
	}
	err := s.inTx(ctx, true, func(tx *sql.Tx) error {
		for _, o := range sit.Origins {
			b, err := json.Marshal(o)
			if err != nil {
				return fmt.Errorf("origin %s: %w", o.Doc, err)
			}
			if _, err := s.exec(ctx, tx, `INSERT INTO origins (doc_id, origin, record) VALUES (?, ?, ?)
				ON CONFLICT (doc_id) DO UPDATE SET origin = excluded.origin, record = excluded.record`,
				o.Doc, o.Origin, string(b)); err != nil {
				return fmt.Errorf("origin %s: %w", o.Doc, err)
			}
		}
		for _, t := range sit.Threads {
			b, err := json.Marshal(t)
			if err != nil {
				return fmt.Errorf("thread %s: %w", t.ID, err)
			}
			if _, err := s.exec(ctx, tx, `INSERT INTO threads (id, record) VALUES (?, ?)
				ON CONFLICT (id) DO UPDATE SET record = excluded.record`, t.ID, string(b)); err != nil {
				return fmt.Errorf("thread %s: %w", t.ID, err)
			}
		}
		for _, f := range sit.Events {
			older, err := s.sharingMembers(ctx, tx, f)
			if err != nil {
				return fmt.Errorf("fused event %s: %w", f.ID, err)
			}
			for _, id := range older {
				if !incoming[id] {
					if err := s.deleteFused(ctx, tx, id); err != nil {
						return fmt.Errorf("fused event %s: superseding %s: %w", f.ID, id, err)
					}
				}
			}
			if err := s.writeFused(ctx, tx, f); err != nil {
				return fmt.Errorf("fused event %s: %w", f.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: put situation: %w", s.d.Name, err)
	}
	return nil
}

// MergeFused implements store.Store.
func (s *DB) MergeFused(ctx context.Context, fe sitrep.FusedEvent, merge store.MergeFunc) (sitrep.FusedEvent, error) {
	if fe.ID == "" {
		return fe, fmt.Errorf("%s: merge fused event: %w: fused event without ID", s.d.Name, store.ErrInvalid)
	}
	if merge == nil {
		merge = store.DefaultMerge
	}
	var out sitrep.FusedEvent
	err := s.inTx(ctx, true, func(tx *sql.Tx) error {
		ids, err := s.sharingMembers(ctx, tx, fe)
		if err != nil {
			return err
		}
		var exists int
		err = s.queryRow(ctx, tx, "SELECT COUNT(*) FROM fused WHERE id = ?", fe.ID).Scan(&exists)
		if err != nil {
			return err
		}
		if exists > 0 {
			ids = append(ids, fe.ID)
		}
		sort.Strings(ids)
		stored := make([]sitrep.FusedEvent, 0, len(ids))
		for _, id := range ids {
			var rec string
			if err := s.queryRow(ctx, tx, "SELECT record FROM fused WHERE id = ?", id).Scan(&rec); err != nil {
				return fmt.Errorf("read %s: %w", id, err)
			}
			var f sitrep.FusedEvent
			if err := json.Unmarshal([]byte(rec), &f); err != nil {
				return fmt.Errorf("decode %s: %w", id, err)
			}
			stored = append(stored, f)
		}
		out = fe
		if len(stored) > 0 {
			out = merge(fe, stored)
		}
		if out.ID == "" {
			return fmt.Errorf("%w: merge returned a fused event without ID", store.ErrInvalid)
		}
		for _, id := range ids {
			if err := s.deleteFused(ctx, tx, id); err != nil {
				return fmt.Errorf("replace %s: %w", id, err)
			}
		}
		return s.writeFused(ctx, tx, out)
	})
	if err != nil {
		return sitrep.FusedEvent{}, fmt.Errorf("%s: merge fused event %s: %w", s.d.Name, fe.ID, err)
	}
	return out, nil
}

// sharingMembers returns the IDs of stored fused events other than f that
// hold one of f's members, sorted.
func (s *DB) sharingMembers(ctx context.Context, tx *sql.Tx, f sitrep.FusedEvent) ([]string, error) {
	set := map[string]bool{}
	for _, m := range f.Members {
		rows, err := s.query(ctx, tx, "SELECT DISTINCT fused_id FROM fused_members WHERE doc_id = ? AND event_id = ? AND fused_id <> ?",
			m.Doc, m.Event, f.ID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			set[id] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}

func (s *DB) deleteFused(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := s.exec(ctx, tx, "DELETE FROM fused_members WHERE fused_id = ?", id); err != nil {
		return err
	}
	_, err := s.exec(ctx, tx, "DELETE FROM fused WHERE id = ?", id)
	return err
}

// writeFused upserts a fused event and replaces its members.
func (s *DB) writeFused(ctx context.Context, tx *sql.Tx, f sitrep.FusedEvent) error {
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	earliest, latest := dateBounds(f.Date)
	c := eventCols(f.Actor, f.Recipient, f.Location)
	if c.hasLoc == 1 && c.placeID != "" {
		// The fused record has no bbox of its own; borrow the
		// gazetteer's from any stored document that resolved the place.
		err := s.queryRow(ctx, tx, "SELECT bbox FROM places WHERE place_id = ? AND bbox <> '' LIMIT 1", c.placeID).Scan(&c.bbox)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("place: %w", err)
		}
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO fused
		(id, ord, type, cameo, actor_id, actor_name, recipient_id, recipient_name, date_earliest, date_latest,
		 has_loc, place_id, place_name, country, lat, lon, bbox, status, origins, outlets, record)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET ord = excluded.ord, type = excluded.type, cameo = excluded.cameo,
		 actor_id = excluded.actor_id, actor_name = excluded.actor_name,
		 recipient_id = excluded.recipient_id, recipient_name = excluded.recipient_name,
		 date_earliest = excluded.date_earliest, date_latest = excluded.date_latest,
		 has_loc = excluded.has_loc, place_id = excluded.place_id, place_name = excluded.place_name,
		 country = excluded.country, lat = excluded.lat, lon = excluded.lon, bbox = excluded.bbox, status = excluded.status,
		 origins = excluded.origins, outlets = excluded.outlets, record = excluded.record`,
		f.ID, earliest+sep+f.ID, f.Type, f.CAMEO, c.actorID, c.actorName, c.recipientID, c.recipientName,
		earliest, latest, c.hasLoc, c.placeID, c.placeName, c.country, c.lat, c.lon, c.bbox,
		string(f.Status), f.Origins, f.Outlets, string(b)); err != nil {
		return err
	}
	if _, err := s.exec(ctx, tx, "DELETE FROM fused_members WHERE fused_id = ?", f.ID); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	for i, m := range f.Members {
		if _, err := s.exec(ctx, tx, `INSERT INTO fused_members (fused_id, idx, doc_id, event_id, source)
			VALUES (?, ?, ?, ?, ?)`, f.ID, i, m.Doc, m.Event, m.Source); err != nil {
			return fmt.Errorf("member %d: %w", i, err)
		}
	}
	return nil
}
