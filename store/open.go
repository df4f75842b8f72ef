package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// OpenFunc opens a backend for a data source URL.
type OpenFunc func(ctx context.Context, url string) (Store, error)

// registry maps URL schemes to backends. Backends add themselves in init;
// it is written only at program start-up.
var registry = struct {
	sync.RWMutex
	m map[string]OpenFunc
}{m: map[string]OpenFunc{}}

// Register makes a backend available to Open for a URL scheme such as
// "sqlite" or "postgres". The scheme "" serves plain file paths. It panics
// if the scheme is registered twice, as that is a programming error.
func Register(scheme string, open OpenFunc) {
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.m[scheme]; dup {
		panic("store: Register called twice for scheme " + scheme)
	}
	registry.m[scheme] = open
}

// Open opens the store a URL names: "postgres://..." or "postgresql://..."
// for PostgreSQL, "sqlite:path", "file:path" or a plain file path for
// SQLite. The backend's package must be imported (see the package doc).
func Open(ctx context.Context, url string) (Store, error) {
	scheme := Scheme(url)
	registry.RLock()
	open, ok := registry.m[scheme]
	registry.RUnlock()
	if !ok {
		return nil, fmt.Errorf("store: open %q: no backend for scheme %q (registered: %s); import the backend package, e.g. _ \"github.com/sitrep/sitrep/store/sqlite\"",
			Redact(url), scheme, strings.Join(schemes(), ", "))
	}
	return open(ctx, url)
}

// Scheme returns the backend scheme of a data source URL: the part before
// "://" or before a leading "sqlite:" / "file:", with "postgresql" and
// "file" folded into "postgres" and "sqlite"; "sqlite" for a plain path.
func Scheme(url string) string {
	if i := strings.Index(url, "://"); i > 0 {
		s := strings.ToLower(url[:i])
		switch s {
		case "postgresql":
			return "postgres"
		case "file":
			return "sqlite"
		}
		return s
	}
	lower := strings.ToLower(url)
	if strings.HasPrefix(lower, "sqlite:") || strings.HasPrefix(lower, "file:") {
		return "sqlite"
	}
	return "sqlite"
}

func schemes() []string {
	registry.RLock()
	defer registry.RUnlock()
	var s []string
	for k := range registry.m {
		s = append(s, k)
	}
	sort.Strings(s)
	if len(s) == 0 {
		return []string{"none"}
	}
	return s
}

// Redact hides the password of a data source URL, for messages and logs.
func Redact(url string) string {
	at := strings.LastIndex(url, "@")
	i := strings.Index(url, "://")
	if at < 0 || i < 0 || at < i {
		return url
	}
	userinfo := url[i+3 : at]
	if c := strings.Index(userinfo, ":"); c >= 0 {
		return url[:i+3] + userinfo[:c] + ":xxx" + url[at:]
	}
	return url
}

// validDatePrefix accepts YYYY, YYYY-MM and YYYY-MM-DD naming a real
// year, month or day.
func validDatePrefix(s string) bool {
	var layout string
	switch len(s) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case 10:
		layout = "2006-01-02"
	default:
		return false
	}
	_, err := time.Parse(layout, s)
	return err == nil
}
