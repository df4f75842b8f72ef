// Package sqlstore implements store.Store over database/sql for the SQL
// backends. The backends (store/sqlite, store/postgres) open the
// connection, say how their SQL dialect differs and hand over their
// embedded migrations; everything else, queries included, is shared so the
// two behave alike.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/store"
)

// Dialect is what differs between the SQL backends.
type Dialect struct {
	Name string // "sqlite", "postgres": prefixes errors
	// Numbered turns "?" placeholders into "$1", "$2", ... (PostgreSQL).
	Numbered bool
	// MigrationLock is run first in the migration transaction to keep
	// concurrent openers from migrating at once; empty when the
	// transaction itself locks the database (SQLite BEGIN IMMEDIATE).
	MigrationLock string
	// WriteLock is run first in every transaction that changes fused
	// events or their members, so that such writers run one at a time;
	// empty when every write transaction locks the database anyway.
	WriteLock string
	// Retryable reports whether a failed transaction may be run again
	// (deadlock, serialization failure); nil means never.
	Retryable func(error) bool
	// Classify returns the store sentinel (store.ErrReadOnly,
	// store.ErrFull) that a driver error means, or nil; nil means none.
	Classify func(error) error
	// ReadOnly opens without migrating: the schema must already be the
	// newest this program knows.
	ReadOnly bool
}

// DB is a store.Store over a *sql.DB.
type DB struct {
	db    *sql.DB
	d     Dialect
	close func() error
	now   func() time.Time
}

var _ store.Store = (*DB)(nil)

// New migrates db to the newest schema in migrations (files named
// NNN_description.sql at the root of the FS) and returns the store. onClose,
// if not nil, runs after the pool is closed.
func New(ctx context.Context, db *sql.DB, d Dialect, migrations fs.FS, onClose func() error) (*DB, error) {
	s := &DB{db: db, d: d, close: onClose, now: time.Now}
	if d.ReadOnly {
		if err := s.checkVersion(ctx, migrations); err != nil {
			return nil, err
		}
		return s, nil
	}
	if err := s.migrate(ctx, migrations); err != nil {
		return nil, s.classify(err)
	}
	return s, nil
}

// SQL returns the underlying pool, for tests and tools.
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the pool.
func (s *DB) Close() error {
	err := s.db.Close()
	if s.close != nil {
		if cerr := s.close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("%s: close: %w", s.d.Name, err)
	}
	return nil
}

// SchemaVersion returns the newest applied migration.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("%s: schema version: %w", s.d.Name, err)
	}
	return v, nil
}

// checkVersion fails unless the database holds the newest schema in
// migrations; read-only databases cannot be migrated.
func (s *DB) checkVersion(ctx context.Context, fsys fs.FS) error {
	ms, err := readMigrations(fsys)
	if err != nil {
		return fmt.Errorf("%s: %w", s.d.Name, err)
	}
	want := 0
	if len(ms) > 0 {
		want = ms[len(ms)-1].version
	}
	got, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("%w (a read-only database must already hold a sitrep schema)", err)
	}
	if got != want {
		return fmt.Errorf("%s: read-only database has schema version %d, this program needs %d; open it writable once to migrate", s.d.Name, got, want)
	}
	return nil
}

type migration struct {
	version int
	name    string
	sql     string
}

func readMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	seen := map[int]string{}
	for _, name := range names {
		num, _, ok := strings.Cut(path.Base(name), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", name)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migration %s: version %d already used by %s", name, v, prev)
		}
		seen[v] = name
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", name, err)
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies every pending migration in one transaction, so a
// failure leaves the schema as it was.
func (s *DB) migrate(ctx context.Context, fsys fs.FS) error {
	ms, err := readMigrations(fsys)
	if err != nil {
		return fmt.Errorf("%s: migrate: %w", s.d.Name, err)
	}
	// An up-to-date schema needs no write transaction, so a database that
	// is read-only (a standby, a write-protected file) still opens.
	if v, err := s.SchemaVersion(ctx); err == nil && len(ms) > 0 && v == ms[len(ms)-1].version {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: migrate: begin: %w", s.d.Name, err)
	}
	defer tx.Rollback()
	if s.d.MigrationLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.MigrationLock); err != nil {
			return fmt.Errorf("%s: migrate: lock: %w", s.d.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY,
		name    TEXT NOT NULL,
		applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("%s: migrate: create schema_version: %w", s.d.Name, err)
	}
	var cur int
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&cur); err != nil {
		return fmt.Errorf("%s: migrate: read version: %w", s.d.Name, err)
	}
	if n := len(ms); n > 0 && cur > ms[n-1].version {
		return fmt.Errorf("%s: migrate: database schema version %d is newer than this program's %d", s.d.Name, cur, ms[n-1].version)
	}
	for _, m := range ms {
		if m.version <= cur {
			continue
		}
		for i, stmt := range splitStatements(m.sql) {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("%s: migrate: %s statement %d: %w", s.d.Name, m.name, i+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)"),
			m.version, m.name, s.now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("%s: migrate: record %s: %w", s.d.Name, m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: migrate: commit: %w", s.d.Name, err)
	}
	return nil
}

// splitStatements splits a migration script at semicolons that end a line,
// dropping "--" comment lines. Migrations keep to that form.
func splitStatements(script string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(script, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") || trimmed == "" {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}

// q rewrites "?" placeholders for the dialect. Queries in this package
// never hold a "?" inside a string literal.
func (s *DB) q(query string) string {
	if !s.d.Numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// maxAttempts bounds how often a retryable transaction is run.
const maxAttempts = 5

// inTx runs fn in a transaction and commits it. With lock, the dialect's
// WriteLock is taken first. A transaction the dialect calls retryable is
// run again, up to maxAttempts times.
func (s *DB) inTx(ctx context.Context, lock bool, fn func(tx *sql.Tx) error) error {
	var err error
	for attempt := 1; ; attempt++ {
		err = s.tryTx(ctx, lock, fn)
		if err == nil || s.d.Retryable == nil || !s.d.Retryable(err) || attempt == maxAttempts || ctx.Err() != nil {
			return s.classify(err)
		}
	}
}

// classify wraps err with the store sentinel it means, if any.
func (s *DB) classify(err error) error {
	if err == nil || s.d.Classify == nil {
		return err
	}
	if sentinel := s.d.Classify(err); sentinel != nil && !errors.Is(err, sentinel) {
		return fmt.Errorf("%w: %w", sentinel, err)
	}
	return err
}

func (s *DB) tryTx(ctx context.Context, lock bool, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if lock && s.d.WriteLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.WriteLock); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// errSkip ends a transaction early without error and without committing.
var errSkip = errors.New("nothing to write")

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *DB) exec(ctx context.Context, x querier, query string, args ...any) (sql.Result, error) {
	return x.ExecContext(ctx, s.q(query), clean(args)...)
}

func (s *DB) query(ctx context.Context, x querier, query string, args ...any) (*sql.Rows, error) {
	return x.QueryContext(ctx, s.q(query), clean(args)...)
}

func (s *DB) queryRow(ctx context.Context, x querier, query string, args ...any) *sql.Row {
	return x.QueryRowContext(ctx, s.q(query), clean(args)...)
}

// clean makes string arguments storable by every backend: PostgreSQL
// text refuses NUL bytes and invalid UTF-8, which hostile web text may
// hold. The JSON record column keeps the exact value (encoding/json
// escapes NUL and replaces invalid UTF-8 the same way), so only the
// indexed copies change.
func clean(args []any) []any {
	for i, a := range args {
		if str, ok := a.(string); ok && (strings.IndexByte(str, 0) >= 0 || !utf8.ValidString(str)) {
			args[i] = strings.ReplaceAll(strings.ToValidUTF8(str, "\uFFFD"), "\x00", "\uFFFD")
		}
	}
	return args
}
