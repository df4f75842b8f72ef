package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// lockKey is the advisory lock that serialises schema migrations and
// writers of fused events. Its value is arbitrary but fixed ("sit" in
// ASCII); the lock is taken per schema, so sitrep databases in different
// schemas of one server do not wait for each other.
const lockKey = 0x736974

// MaxOpenConns bounds the connections one store holds to the server.
const MaxOpenConns = 10

func init() {
	open := func(ctx context.Context, u string) (store.Store, error) { return Open(ctx, u) }
	store.Register("postgres", open)
}

// Open connects to the PostgreSQL database that u names
// ("postgres://user@host:5432/db?sslmode=disable") and migrates it to the
// current schema.
func Open(ctx context.Context, u string) (*sqlstore.DB, error) {
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, fmt.Errorf("postgres: open %s: invalid connection URL", store.Redact(u))
	}
	name := fmt.Sprintf("%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(MaxOpenConns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", name, err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", name, err)
	}
	lock := fmt.Sprintf("SELECT pg_advisory_xact_lock(%d, hashtext(current_schema()))", lockKey)
	s, err := sqlstore.New(ctx, db, sqlstore.Dialect{
		Name:          "postgres",
		Numbered:      true,
		MigrationLock: lock,
		WriteLock:     lock,
		Retryable:     retryable,
		Classify:      classify,
	}, sub, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", name, err)
	}
	return s, nil
}

// retryable reports whether the server aborted a transaction that can
// simply be run again: a serialization failure or a deadlock.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	return pe.Code == "40001" || pe.Code == "40P01"
}

// classify maps server error codes to the store's sentinels.
func classify(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return nil
	}
	switch pe.Code {
	case "25006": // read_only_sql_transaction: a hot standby, or default_transaction_read_only
		return store.ErrReadOnly
	case "53100": // disk_full
		return store.ErrFull
	}
	return nil
}
