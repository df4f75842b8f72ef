package queue_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver for the schema set-up

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/postgres"
)

// defaultPostgres is the server the tests use unless $SITREP_TEST_POSTGRES
// names another.
const defaultPostgres = "postgres://127.0.0.1:5432/test?sslmode=disable"

// postgresProbe opens the real PostgreSQL store in a fresh schema that is
// dropped after the test, skipping when no server is reachable.
func postgresProbe(t *testing.T) *probe {
	t.Helper()
	u := os.Getenv("SITREP_TEST_POSTGRES")
	if u == "" {
		u = defaultPostgres
	}
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatalf("postgres test URL %s: %v", store.Redact(u), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		t.Skipf("PostgreSQL not reachable at %s (set $SITREP_TEST_POSTGRES to test elsewhere): %v", store.Redact(u), err)
	}
	t.Cleanup(func() { db.Close() })
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "sitrep_queue_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
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
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := pu.Query()
	q.Set("search_path", schema)
	pu.RawQuery = q.Encode()
	s, err := postgres.Open(context.Background(), pu.String())
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
