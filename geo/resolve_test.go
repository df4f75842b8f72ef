package geo

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// spansOf returns the spans of names in text, each name's first
// occurrence at or after the previous one's end.
func spansOf(t *testing.T, text string, names ...string) []sitrep.Span {
	t.Helper()
	var out []sitrep.Span
	from := 0
	for _, n := range names {
		i := strings.Index(text[from:], n)
		if i < 0 {
			t.Fatalf("%q not in %q", n, text)
		}
		out = append(out, sitrep.Span{Start: from + i, End: from + i + len(n)})
		from += i + len(n)
	}
	return out
}

// TestResolveListsAndSecondaryNames checks enumerations of divisions and
// a curated secondary name ("New York" for the state) that only context
// selects.
func TestResolveListsAndSecondaryNames(t *testing.T) {
	g := loadForTest(t)
	tests := []struct {
		text   string
		names  []string
		target int // index into names
		wantID string
	}{
		{"Cases were found in Michigan, Oregon, Indiana and Ohio.", []string{"Michigan", "Oregon", "Indiana", "Ohio"}, 2, "feature:us-indiana"},
		{"He flew from London to New York on Monday.", []string{"London", "New York"}, 1, "geonames:5128581"},
		{"A courthouse in downtown Buffalo, New York, was evacuated.", []string{"Buffalo", "New York"}, 1, "feature:us-new-york"},
		{"The New York state governor declared an emergency.", []string{"New York"}, 0, "feature:us-new-york"},
		{"Concerts in New Jersey and New York were planned.", []string{"New Jersey", "New York"}, 1, "feature:us-new-york"},
	}
	for _, tt := range tests {
		res := g.Resolve(tt.text, spansOf(t, tt.text, tt.names...))
		if r := res[tt.target]; !r.OK || r.Entry.ID != tt.wantID {
			t.Errorf("%q in %q: got %s (%s), want %s", tt.names[tt.target], tt.text, r.Entry.ID, r.Entry.Name, tt.wantID)
		}
	}
}

func TestLinkLists(t *testing.T) {
	text := "Paris, Lyon and Nice; Rome, Italy; Oslo and Bergen."
	ms := make([]mention, 0)
	for _, sp := range spansOf(t, text, "Paris", "Lyon", "Nice", "Rome", "Italy", "Oslo", "Bergen") {
		ms = append(ms, mention{span: sp, within: -1, best: -1})
	}
	linkLists(text, ms)
	want := []int{2, 2, 2, 0, 0, 1, 1} // "Rome, Italy" is containment, not a list
	for i, m := range ms {
		if len(m.list) != want[i] {
			t.Errorf("mention %d (%s): %d list siblings, want %d", i, text[m.span.Start:m.span.End], len(m.list), want[i])
		}
	}
}
