package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver for the schema set-up

	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/postgres"
	"github.com/sitrep/sitrep/store/storetest"
)

// DefaultTestURL is the server the tests use unless $SITREP_TEST_POSTGRES
// names another; CI runs PostgreSQL there with trust authentication.
const DefaultTestURL = "postgres://127.0.0.1:5432/test?sslmode=disable"

// server connects to the test server, skipping the test when it is not
// reachable.
func server(t *testing.T) (*sql.DB, string) {
	t.Helper()
	u := os.Getenv("SITREP_TEST_POSTGRES")
	if u == "" {
		u = DefaultTestURL
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
	return db, u
}

// freshSchema creates a schema with a random name, drops it when the test
// ends, and returns the store URL that works inside it, so that parallel
// test runs against one server never see each other's tables.
func freshSchema(t *testing.T) string {
	t.Helper()
	db, u := server(t)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "sitrep_test_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := pu.Query()
	q.Set("search_path", schema)
	pu.RawQuery = q.Encode()
	return pu.String()
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
	u := os.Getenv("SITREP_TEST_POSTGRES")
	if u == "" {
		u = DefaultTestURL
	}
	db, err := sql.Open("pgx", u)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(); err != nil {
		b.Skipf("PostgreSQL not reachable at %s: %v", store.Redact(u), err)
	}
	schema := "sitrep_bench_" + strconv.Itoa(os.Getpid())
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		b.Fatal(err)
	}
	defer db.Exec("DROP SCHEMA " + schema + " CASCADE")
	ctx := context.Background()
	s, err := postgres.Open(ctx, u+"&search_path="+schema)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	i := 0
	for b.Loop() {
		if _, err := s.PutDocument(ctx, storetest.Doc(i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
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
