package sqlstore

import (
	"errors"
	"reflect"
	"testing"

	"github.com/sitrep/sitrep/store"
)

func TestPlaceholders(t *testing.T) {
	s := &DB{d: Dialect{Numbered: true}}
	if got := s.q("a = ? AND b LIKE ? ESCAPE '\\'"); got != "a = $1 AND b LIKE $2 ESCAPE '\\'" {
		t.Errorf("numbered: %q", got)
	}
	s.d.Numbered = false
	if got := s.q("a = ?"); got != "a = ?" {
		t.Errorf("plain: %q", got)
	}
}

func TestSplitStatements(t *testing.T) {
	got := splitStatements("-- header\nCREATE TABLE a (\n  x TEXT -- note\n);\n\nCREATE INDEX i ON a (x);\nDROP INDEX j")
	want := []string{"CREATE TABLE a (\n  x TEXT -- note\n);", "CREATE INDEX i ON a (x);", "DROP INDEX j"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestClean(t *testing.T) {
	got := clean([]any{"ok", "a\x00b", "c\xffd", 3})
	want := []any{"ok", "a\uFFFDb", "c\uFFFDd", 3}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("clean = %q, want %q", got, want)
	}
}

// FuzzDecodeCursor: cursors come from clients. Decoding never panics,
// refuses what it did not make with ErrBadCursor, and gives back what
// encodeCursor put in.
func FuzzDecodeCursor(f *testing.F) {
	for _, seed := range []string{"", "%%%", encodeCursor("events", "2015-10-01\x1fdoc\x1f000001"), encodeCursor("fused", ""), "ZXZlbnRz"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, c string) {
		ord, err := decodeCursor("events", c)
		if err != nil {
			if !errors.Is(err, store.ErrBadCursor) {
				t.Fatalf("decodeCursor(%q) error %v is not ErrBadCursor", c, err)
			}
			return
		}
		again, err := decodeCursor("events", encodeCursor("events", ord))
		if err != nil || again != ord {
			t.Fatalf("round trip of %q: %q, %v", ord, again, err)
		}
	})
}
