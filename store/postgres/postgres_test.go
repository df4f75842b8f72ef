package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/postgres"
	"github.com/sitrep/sitrep/store/postgres/pgtest"
	"github.com/sitrep/sitrep/store/storetest"
)

// freshSchema returns the store URL of a fresh schema on the test server.
func freshSchema(t *testing.T) string {
	t.Helper()
	return pgtest.Fresh(t, "sitrep_test_").URL
}

func openFresh(t *testing.T) store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), freshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, openFresh)
}

func TestMigrateTwice(t *testing.T) {
	u := freshSchema(t)
	ctx := context.Background()
	for i := range 2 {
		s, err := postgres.Open(ctx, u)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != 2 {
			t.Errorf("open %d: schema version %d, %v; want 2", i, v, err)
		}
		s.Close()
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	_, err := postgres.Open(ctx, "postgres://user:hunter2@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil {
		t.Fatal("open of a closed port succeeded")
	}
	if got := err.Error(); strings.Contains(got, "hunter2") {
		t.Errorf("error leaks the password: %s", got)
	}
	if _, err := postgres.Open(ctx, "postgres://%zz"); err == nil || !strings.Contains(err.Error(), "%zz") {
		t.Errorf("bad URL error = %v, want one naming the URL", err)
	}
}

// TestReadOnly writes through a session that the server keeps read-only,
// as on a hot standby: the error says so.
func TestReadOnly(t *testing.T) {
	u := freshSchema(t)
	ctx := context.Background()
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := postgres.Open(ctx, u+"&default_transaction_read_only=on")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = ro.PutDocument(ctx, storetest.Doc(0))
	if !errors.Is(err, store.ErrReadOnly) {
		t.Fatalf("PutDocument on a read-only session: %v, want ErrReadOnly", err)
	}
	t.Logf("error: %v", err)
	if _, err := ro.Documents(ctx, store.Filter{}); err != nil {
		t.Errorf("reads fail on a read-only session: %v", err)
	}
}

// BenchmarkPutDocument stores fixture documents one transaction apiece.
func BenchmarkPutDocument(b *testing.B) {
	u := pgtest.Fresh(b, "sitrep_bench_").URL
	ctx := context.Background()
	s, err := postgres.Open(ctx, u)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchmarkPut(b, s)
}

// TestSchemes opens the same database by both URL schemes.
func TestSchemes(t *testing.T) {
	u := freshSchema(t)
	_, rest, _ := strings.Cut(u, "://")
	for _, scheme := range []string{"postgres://", "postgresql://"} {
		s, err := store.Open(context.Background(), scheme+rest)
		if err != nil {
			t.Errorf("open %s: %v", scheme, err)
			continue
		}
		s.Close()
	}
}
