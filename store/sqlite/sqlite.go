package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"modernc.org/sqlite" // registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// BusyTimeoutMS is how long a connection waits for a lock held by another
// connection or process before failing, in milliseconds.
const BusyTimeoutMS = 10000

func init() {
	store.Register("sqlite", func(ctx context.Context, u string) (store.Store, error) { return Open(ctx, u) })
}

// Open opens or creates the SQLite database that u names ("sqlite:path",
// "file:path", "sqlite://path" or a plain path; ":memory:" is refused
// because each pooled connection would see its own empty database) and
// migrates it to the current schema.
//
// The query parameter "mode=ro" opens an existing database read-only:
// nothing is migrated and every write fails with store.ErrReadOnly.
func Open(ctx context.Context, u string) (*sqlstore.DB, error) {
	path := Path(u)
	readOnly := false
	if i := strings.IndexByte(u, '?'); i >= 0 {
		params, err := url.ParseQuery(u[i+1:])
		if err != nil {
			return nil, fmt.Errorf("sqlite: open %q: bad query: %w", u, err)
		}
		for k, v := range params {
			switch {
			case k == "mode" && len(v) == 1 && v[0] == "ro":
				readOnly = true
			case k == "mode" && len(v) == 1 && v[0] == "rw":
			default:
				return nil, fmt.Errorf("sqlite: open %q: unknown parameter %s=%s (only mode=ro or mode=rw)", u, k, strings.Join(v, ","))
			}
		}
	}
	if path == "" {
		return nil, fmt.Errorf("sqlite: open %q: empty path", u)
	}
	if path == ":memory:" {
		return nil, fmt.Errorf("sqlite: open %q: in-memory databases are not supported; use a file", u)
	}
	q := url.Values{}
	for _, p := range []string{
		fmt.Sprintf("busy_timeout(%d)", BusyTimeoutMS),
		"journal_mode(WAL)",
		// FULL syncs the WAL at every commit: a committed document
		// survives a power cut, not only a process crash.
		"synchronous(FULL)",
		"foreign_keys(ON)",
	} {
		q.Add("_pragma", p)
	}
	// Write transactions take the lock at BEGIN, so two writers queue on
	// busy_timeout instead of failing to upgrade a read lock.
	q.Set("_txlock", "immediate")
	if readOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("sqlite: open %s read-only: %w", path, err)
		}
		q.Set("mode", "ro")
	}
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s, err := sqlstore.New(ctx, db, sqlstore.Dialect{Name: "sqlite", Classify: classify, ReadOnly: readOnly}, sub, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

// Path returns the file path a data source URL names, without any query.
func Path(u string) string {
	p := u
	for _, prefix := range []string{"sqlite://", "sqlite:", "file://", "file:"} {
		if len(p) >= len(prefix) && strings.EqualFold(p[:len(prefix)], prefix) {
			p = p[len(prefix):]
			break
		}
	}
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}

// classify maps SQLite result codes to the store's sentinels.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	switch se.Code() & 0xff { // the primary code under an extended one
	case sqlite3.SQLITE_READONLY:
		return store.ErrReadOnly
	case sqlite3.SQLITE_FULL:
		return store.ErrFull
	}
	return nil
}
