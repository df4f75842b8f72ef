package ingest

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// FrontMatter is the optional header of a plain-text report: `Key: value`
// lines, ended by a blank line, before the body.
//
//	Source: Reuters
//	Kind: wire
//	URL: https://wire.example/syria-strikes
//	Published: 2015-09-30
//	Title: Russia launches air strikes in Syria
//
//	MOSCOW (Reuters) - ...
//
// Keys are case-insensitive. Known keys fill the named fields; any other key
// goes to Extra so that callers can keep it.
type FrontMatter struct {
	ID        string
	Source    string
	Kind      string // wire, state, blog, farm, newspaper, ngo, republished
	URL       string
	Published string // YYYY-MM-DD or RFC 3339
	Title     string
	Extra     map[string]string
}

// maxHeaderLines bounds the header so a body that happens to start with
// "Word: text" lines is not swallowed whole.
const maxHeaderLines = 32

// knownKeys are the keys that start a header; a file whose first line is
// not one of them has no header.
var knownKeys = map[string]bool{
	"id": true, "source": true, "kind": true, "url": true,
	"published": true, "date": true, "title": true, "author": true,
}

// ParseFrontMatter splits data into its header and body. A header is
// present only when the first line is `Key: value` with a known key; then
// every line up to the first blank line must be `Key: value`, and an error
// names the offending line. Without a header fm is zero and body is data.
// The body keeps its bytes as they are except for a leading byte-order mark
// and the separating blank line.
func ParseFrontMatter(data string) (fm FrontMatter, body string, err error) {
	data = strings.TrimPrefix(data, "\uFEFF")
	if !utf8.ValidString(data) {
		return fm, "", fmt.Errorf("front matter: %w", ErrNotUTF8)
	}
	first, _, _ := strings.Cut(data, "\n")
	if k, _, ok := splitHeaderLine(first); !ok || !knownKeys[strings.ToLower(k)] {
		return fm, data, nil
	}
	rest := data
	for line := 1; ; line++ {
		if rest == "" {
			// Header with no body.
			return fm, "", nil
		}
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" {
			return fm, rest, nil
		}
		if line > maxHeaderLines {
			return fm, "", fmt.Errorf("front matter line %d: header longer than %d lines (missing blank line?)", line, maxHeaderLines)
		}
		k, v, ok := splitHeaderLine(l)
		if !ok {
			return fm, "", fmt.Errorf("front matter line %d: want \"Key: value\", got %q", line, truncate(l, 60))
		}
		if err := fm.set(k, v); err != nil {
			return fm, "", fmt.Errorf("front matter line %d: %w", line, err)
		}
	}
}

func (fm *FrontMatter) set(k, v string) error {
	switch strings.ToLower(k) {
	case "id":
		fm.ID = v
	case "source":
		fm.Source = v
	case "kind":
		fm.Kind = strings.ToLower(v)
	case "url":
		fm.URL = v
	case "title":
		fm.Title = v
	case "published", "date":
		p, err := NormalizeDate(v)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		fm.Published = p
	default:
		if fm.Extra == nil {
			fm.Extra = make(map[string]string)
		}
		fm.Extra[k] = v
	}
	return nil
}

// splitHeaderLine splits "Key: value". Keys are one word of letters,
// digits, '-' or '_', so prose with a colon is not taken for a header.
func splitHeaderLine(l string) (key, value string, ok bool) {
	k, v, found := strings.Cut(l, ":")
	if !found || k == "" || len(k) > 40 {
		return "", "", false
	}
	for _, r := range k {
		if !(r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", "", false
		}
	}
	return k, strings.TrimSpace(v), true
}

// dateLayouts are the publication-date forms accepted in headers, JSON
// Lines and feeds, most specific first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"2 January 2006",
	"January 2, 2006",
}

// NormalizeDate turns a publication date into ISO 8601: YYYY-MM-DD when
// only a day is given, RFC 3339 otherwise. Empty stays empty.
func NormalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if layout == "2006-01-02" || layout == "2 January 2006" || layout == "January 2, 2006" {
			return t.Format("2006-01-02"), nil
		}
		return t.Format(time.RFC3339), nil
	}
	return "", fmt.Errorf("unrecognised date %q", truncate(s, 40))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
