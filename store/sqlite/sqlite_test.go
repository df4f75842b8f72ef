package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/store/storetest"
)

func openTemp(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, openTemp)
}

// BenchmarkPutDocument stores fixture documents (two entities, two places,
// two events each) one transaction apiece, as ingest does.
func BenchmarkPutDocument(b *testing.B) {
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchmarkPut(b, s)
}

// BenchmarkEvents reads a filtered page of 50 events from 1000 documents.
func BenchmarkEvents(b *testing.B) {
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i := range 1000 {
		if _, err := s.PutDocument(ctx, storetest.Doc(i)); err != nil {
			b.Fatal(err)
		}
	}
	f := store.Filter{Type: "ASSAULT", From: "2015-10-05", Actor: "air force"}
	for b.Loop() {
		p, err := s.Events(ctx, f)
		if err != nil || len(p.Items) != store.DefaultLimit {
			b.Fatalf("%d items, %v", len(p.Items), err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
}

// TestMigrations takes a database back to schema version 1, reopens it
// (which migrates it to the newest version), and refuses a database newer
// than the program.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutDocument(ctx, storetest.Doc(0)); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		"DELETE FROM schema_version WHERE version = 2",
		"DROP INDEX events_type_ord", "CREATE INDEX events_type ON events (type)",
		"DROP INDEX fused_type_ord", "CREATE INDEX fused_type ON fused (type)",
	} {
		if _, err := s.SQL().Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	s.Close()

	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("migrating from version 1: %v", err)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v != 2 {
		t.Errorf("after migration: version %d, %v; want 2", v, err)
	}
	var n int
	if err := s.SQL().QueryRow("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_type_ord'").Scan(&n); err != nil || n != 1 {
		t.Errorf("index of migration 2 missing: %d, %v", n, err)
	}
	if _, err := s.Document(ctx, "doc-000"); err != nil {
		t.Errorf("document lost in migration: %v", err)
	}
	if _, err := s.SQL().Exec("INSERT INTO schema_version (version, name, applied) VALUES (99, 'future', '')"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := sqlite.Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a database from a newer program: %v, want a 'newer' error", err)
	}
}
