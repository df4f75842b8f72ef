package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// record is what a format reader found for one document before it becomes
// a sitrep.Document.
type record struct {
	name      string // the input as named in errors
	id        string // from the input; empty means derive one
	source    string
	url       string
	title     string
	published string // already normalised by the format reader
	text      string
}

// NormalizeText is the form of a document's text that Doc.Raw holds and
// Doc.Hash is taken over: no byte-order mark, "\n" line ends, no trailing
// blanks on a line, no leading or trailing blank lines, and one final
// newline. Interior blank lines (paragraph breaks) are kept so that line
// numbers in Raw stay meaningful to the text stage.
func NormalizeText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	var b strings.Builder
	b.Grow(len(s) + 1)
	for line := range strings.Lines(s) {
		line = strings.TrimRight(line, " \t\n\u00a0")
		if b.Len() == 0 && line == "" {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	out := b.String()
	out = strings.TrimRight(out, "\n")
	if out == "" {
		return ""
	}
	return out + "\n"
}

// hashText is the hex SHA-256 of normalised text.
func hashText(norm string) string {
	sum := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(sum[:])
}

// idLen is how many hex digits of the content hash a derived ID keeps:
// 64 bits, ample for a corpus of millions of documents.
const idLen = 16

// canonicalURL is the deduplication key of a URL: scheme and host in lower
// case, no fragment, no default port, no trailing slash on the path. An
// unparseable URL is its own key.
func canonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Host = strings.TrimSuffix(strings.TrimSuffix(u.Host, ":80"), ":443")
	u.Fragment = ""
	u.RawFragment = ""
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String()
}

// document turns a record into a sitrep.Document, or returns ErrEmpty.
// Raw and Text both hold the normalised text: the text stage reads Raw
// and replaces Text with the kept lines; until then Text lets a document
// be read (and stored) as ingested.
func (r *reader) document(rec record) (*sitrep.Document, error) {
	norm := NormalizeText(rec.text)
	if strings.TrimSpace(norm) == "" {
		return nil, ErrEmpty
	}
	if !utf8.ValidString(norm) {
		// Format readers check already; this guards the record contract.
		return nil, ErrNotUTF8
	}
	hash := hashText(norm)
	d := sitrep.Doc{
		ID:        strings.TrimSpace(rec.id),
		Source:    strings.TrimSpace(rec.source),
		URL:       strings.TrimSpace(rec.url),
		Title:     collapseSpace(rec.title),
		Published: rec.published,
		Hash:      hash,
		Raw:       norm,
		Text:      norm,
	}
	if d.ID == "" {
		d.ID = hash[:idLen]
	}
	if d.Source == "" {
		d.Source = r.opts.Source
	}
	if d.URL == "" {
		d.URL = r.opts.URL
	}
	if d.Published == "" {
		d.Published = r.defaultPublished
	}
	return &sitrep.Document{Doc: d}, nil
}

// duplicate reports whether a document with the same content hash, or the
// same URL found in the input itself, was already emitted, and remembers
// this one otherwise.
func (r *reader) duplicate(d *sitrep.Doc, inputURL string) bool {
	if r.opts.KeepDuplicates {
		return false
	}
	key := canonicalURL(inputURL)
	if r.seenHash[d.Hash] || key != "" && r.seenURL[key] {
		return true
	}
	r.seenHash[d.Hash] = true
	if key != "" {
		r.seenURL[key] = true
	}
	return false
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
