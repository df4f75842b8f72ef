package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReportsParse(t *testing.T) {
	rs, err := Reports()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) < 30 {
		t.Fatalf("got %d reports, want at least 30", len(rs))
	}
	sources := map[string]bool{}
	kinds := map[string]bool{}
	ids := map[string]bool{}
	validKinds := map[string]bool{"wire": true, "state": true, "blog": true, "farm": true, "newspaper": true, "ngo": true, "republished": true}
	for _, r := range rs {
		d := r.Document.Doc
		t.Run(d.ID, func(t *testing.T) {
			if ids[d.ID] {
				t.Errorf("duplicate ID %q", d.ID)
			}
			ids[d.ID] = true
			if d.Source == "" || d.Title == "" || d.URL == "" {
				t.Errorf("missing header field: source=%q title=%q url=%q", d.Source, d.Title, d.URL)
			}
			if !strings.HasPrefix(d.URL, "https://") || !strings.Contains(d.URL, ".example") {
				t.Errorf("URL %q is not an invented https .example address", d.URL)
			}
			if !validKinds[r.Kind] {
				t.Errorf("kind %q not one of the documented kinds", r.Kind)
			}
			if d.Published < "2015-09-01" || d.Published > "2015-12-31" {
				t.Errorf("published %q outside 2015-09-01..2015-12-31", d.Published)
			}
			if _, ok := d.PublishedTime(); !ok {
				t.Errorf("published %q does not parse", d.Published)
			}
			if !utf8.ValidString(d.Raw) {
				t.Error("body is not valid UTF-8")
			}
			sum := sha256.Sum256([]byte(d.Raw))
			if d.Hash != hex.EncodeToString(sum[:]) {
				t.Error("Hash is not the SHA-256 of Raw")
			}
			if n := len(strings.Fields(d.Raw)); n < 120 || n > 320 {
				t.Errorf("body has %d words, want 120..320", n)
			}
			if strings.HasPrefix(d.Raw, "\n") || strings.Contains(d.Raw, "Published:") {
				t.Error("header leaked into body")
			}
		})
		sources[d.Source] = true
		kinds[r.Kind] = true
	}
	if len(sources) < 6 {
		t.Errorf("got %d outlets, want at least 6", len(sources))
	}
	if len(kinds) < 4 {
		t.Errorf("got %d kinds, want at least 4", len(kinds))
	}
}

// shingles returns the set of 5-word sequences of s.
func shingles(s string) map[string]bool {
	w := strings.Fields(strings.ToLower(s))
	out := map[string]bool{}
	for i := 0; i+5 <= len(w); i++ {
		out[strings.Join(w[i:i+5], " ")] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func TestRepublishedPair(t *testing.T) {
	rs, err := Reports()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		if r.Kind != "republished" {
			continue
		}
		sr := shingles(r.Document.Doc.Raw)
		best, bestID := 0.0, ""
		for _, o := range rs {
			if o.Document.Doc.ID == r.Document.Doc.ID {
				continue
			}
			if j := jaccard(sr, shingles(o.Document.Doc.Raw)); j > best {
				best, bestID = j, o.Document.Doc.ID
			}
		}
		if best < 0.6 {
			t.Errorf("republished %s: best overlap %.2f with %s, want >= 0.6", r.Document.Doc.ID, best, bestID)
			continue
		}
		found = true
	}
	if !found {
		t.Error("no republished pair with high overlap")
	}
}

// Documents and Reports must agree, and an unrelated pair must overlap
// little, so the overlap test above measures something.
func TestDocumentsMatchReports(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := Reports()
	if len(docs) != len(rs) {
		t.Fatalf("Documents %d, Reports %d", len(docs), len(rs))
	}
	for i := range docs {
		if a, b := docs[i].Doc, rs[i].Document.Doc; a.ID != b.ID || a.Raw != b.Raw || a.Hash != b.Hash || a.Source != b.Source {
			t.Errorf("%d: Documents and Reports differ", i)
		}
	}
	if j := jaccard(shingles(docs[0].Doc.Raw), shingles(docs[len(docs)-1].Doc.Raw)); j > 0.1 {
		t.Errorf("unrelated reports overlap %.2f", j)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data string
	}{
		{"no source", "Published: 2015-10-01\nTitle: x\n\nbody text"},
		{"bad date", "Source: X\nPublished: yesterday\n\nbody"},
		{"empty body", "Source: X\nPublished: 2015-10-01\n\n  \n"},
		{"bad header line", "Source: X\nthis is not a header\n\nbody"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parse("reports/x.txt", tt.data); err == nil {
				t.Error("want error")
			} else if !strings.Contains(err.Error(), "reports/x.txt") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}
