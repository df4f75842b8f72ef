// Package pgtest gives tests and benchmarks a fresh schema on the
// PostgreSQL test server, so that parallel runs against one server never
// see each other's tables. It is for tests only.
package pgtest

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

	"github.com/sitrep/sitrep/store"
)

// DefaultURL is the server the tests use unless $SITREP_TEST_POSTGRES
// names another; CI runs PostgreSQL there with trust authentication.
const DefaultURL = "postgres://127.0.0.1:5432/test?sslmode=disable"

// EnvVar names another test server.
const EnvVar = "SITREP_TEST_POSTGRES"

// Schema is a fresh schema on the test server.
type Schema struct {
	DB   *sql.DB // connection to the server, outside the schema
	Name string  // schema name
	URL  string  // store URL whose search_path is the schema
}

// Fresh connects to the test server, creates a schema named prefix plus
// random hex, and drops it and closes DB when tb ends. It skips tb when no
// server is reachable.
func Fresh(tb testing.TB, prefix string) Schema {
	tb.Helper()
	u := os.Getenv(EnvVar)
	if u == "" {
		u = DefaultURL
	}
	db, err := sql.Open("pgx", u)
	if err != nil {
		tb.Fatalf("postgres test URL %s: %v", store.Redact(u), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		tb.Skipf("PostgreSQL not reachable at %s (set $%s to test elsewhere): %v", store.Redact(u), EnvVar, err)
	}
	tb.Cleanup(func() { db.Close() })

	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatal(err)
	}
	name := prefix + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE SCHEMA " + name); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	// Registered after Close, so it runs before it.
	tb.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
		}
	})

	pu, err := url.Parse(u)
	if err != nil {
		tb.Fatal(err)
	}
	q := pu.Query()
	q.Set("search_path", name)
	pu.RawQuery = q.Encode()
	return Schema{DB: db, Name: name, URL: pu.String()}
}
