package queue_test

import (
	"context"
	"os"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/postgres"
	"github.com/sitrep/sitrep/store/postgres/pgtest"
)

// postgresProbe opens the real PostgreSQL store in a fresh schema that is
// dropped after the test, skipping when no server is reachable.
func postgresProbe(t *testing.T) *probe {
	t.Helper()
	sch := pgtest.Fresh(t, "sitrep_queue_")
	db, schema := sch.DB, sch.Name
	if os.Getenv("SITREP_LOAD") == "1" {
		// Runs before the drop (cleanups run last-in first-out): the
		// on-disk size the capacity plan needs.
		t.Cleanup(func() {
			var bytes, docs int64
			err := db.QueryRow(`SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c
				JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`, schema).Scan(&bytes)
			if err == nil {
				err = db.QueryRow("SELECT COUNT(*) FROM " + schema + ".documents").Scan(&docs)
			}
			if err != nil {
				t.Logf("postgres size: %v", err)
				return
			}
			t.Logf("postgres: %d documents take %d bytes with indexes (%.1f KiB per document)", docs, bytes, float64(bytes)/1024/float64(max(docs, 1)))
		})
	}
	s, err := postgres.Open(context.Background(), sch.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return newProbe(s, func() map[string][]string { return storedFused(t, s) })
}

// storedFused reads every fused event of a store.
func storedFused(t *testing.T, s store.Store) map[string][]string {
	t.Helper()
	var all []sitrep.FusedEvent
	f := store.Filter{Limit: store.MaxLimit}
	for {
		page, err := s.FusedEvents(context.Background(), f)
		if err != nil {
			t.Fatalf("list fused events: %v", err)
		}
		for _, fe := range page.Items {
			all = append(all, fe.FusedEvent)
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	return fusedMembers(func(yield func(sitrep.FusedEvent) bool) {
		for _, fe := range all {
			if !yield(fe) {
				return
			}
		}
	})
}
