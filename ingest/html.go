package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html/charset"
)

// readHTMLFile reads one saved web page.
func (r *reader) readHTMLFile(in input) error {
	data, err := readLimited(in.r, r.opts.MaxDocBytes, in.size)
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatHTML, Err: err})
		return nil
	}
	rec, err := extractPage(data, page{})
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatHTML, Err: err})
		return nil
	}
	rec.name = in.name
	return r.add(FormatHTML, r.withHostSource(rec))
}

// page is what is known about a web page from outside it (a WARC record).
type page struct {
	url         string    // where it was fetched from
	fetched     time.Time // when; the publication date if the page gives none
	contentType string    // the HTTP Content-Type, for its charset
}

// extractPage finds the main text of a web page with trafilatura, which
// drops navigation, footers and link lists, and takes title, date, URL and
// site name from its metadata (<meta>, OpenGraph, JSON-LD). The text keeps
// one block per line (see nodeText).
func extractPage(data []byte, p page) (rec record, err error) {
	defer func() {
		// Trafilatura and its fallbacks are large; a panic on a hostile
		// page must fail that page only.
		if v := recover(); v != nil {
			err = fmt.Errorf("html extraction failed (panic): %v", v)
		}
	}()
	if bytes.IndexByte(data, 0) >= 0 || looksBinary(data) {
		return rec, ErrBinary
	}
	data, err = decodeHTML(data, p.contentType)
	if err != nil {
		return rec, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return rec, ErrEmpty
	}
	opts := trafilatura.Options{
		ExcludeComments: true,
		// Readability and DOM Distiller rescue pages whose layout
		// trafilatura misreads; a page costs a few milliseconds more.
		EnableFallback: true,
		// htmldate without the external date parser: metadata, URL
		// paths and common date patterns, not the slow scan of free
		// text in every language.
		HtmlDateMode: trafilatura.Fast,
		// Hostile pages with millions of elements are refused rather
		// than walked.
		MaxTreeSize: 200_000,
	}
	if u, perr := url.Parse(p.url); perr == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.Extract(bytes.NewReader(data), opts)
	if err != nil {
		// The HTML parser recovers from any markup, so trafilatura
		// fails only when it finds no main text.
		return rec, fmt.Errorf("%w: no main text in page (%v)", ErrEmpty, err)
	}
	text := ""
	if res.ContentNode != nil {
		text = nodeText(res.ContentNode)
	}
	if strings.TrimSpace(text) == "" {
		text = res.ContentText
	}
	md := res.Metadata
	rec.title = md.Title
	text = dropLeadingTitle(text, md.Title)
	rec.text = text
	rec.url = p.url
	if rec.url == "" {
		rec.url = md.URL
	}
	rec.source = md.Sitename
	if !md.Date.IsZero() {
		rec.published = md.Date.Format("2006-01-02")
	} else if !p.fetched.IsZero() {
		rec.published = p.fetched.UTC().Format(time.RFC3339)
	}
	return rec, nil
}

// withHostSource names the source by the page's host when neither the page
// nor the options do.
func (r *reader) withHostSource(rec record) record {
	if rec.source != "" || r.opts.Source != "" || rec.url == "" {
		return rec
	}
	if u, err := url.Parse(rec.url); err == nil {
		rec.source = strings.TrimPrefix(u.Hostname(), "www.")
	}
	return rec
}

// dropLeadingTitle removes the headline when it opens the text: it is kept
// in Doc.Title, and as a line of text it is not a sentence of the report.
func dropLeadingTitle(text, title string) string {
	title = collapseSpace(title)
	if title == "" {
		return text
	}
	first, rest, _ := strings.Cut(strings.TrimLeft(text, "\n"), "\n")
	if collapseSpace(first) == title {
		return rest
	}
	return text
}

// decodeHTML returns the page as UTF-8. A page that is valid UTF-8 is
// taken as it is; otherwise the charset declared in the HTTP header or the
// page's <meta> is decoded. A page with neither is refused as not UTF-8
// rather than guessed.
func decodeHTML(data []byte, contentType string) ([]byte, error) {
	if utf8.Valid(data) {
		return data, nil
	}
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	if !certain && !declaresCharset(data, contentType) || name == "utf-8" {
		return nil, fmt.Errorf("%w (first bad byte at offset %d, no charset declared)", ErrNotUTF8, invalidUTF8At(data))
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, nil
}

// declaresCharset reports whether the page names its charset at all;
// DetermineEncoding calls a <meta> declaration uncertain, but for a page
// that is not UTF-8 it is the best evidence there is.
func declaresCharset(data []byte, contentType string) bool {
	if strings.Contains(strings.ToLower(contentType), "charset=") {
		return true
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}
