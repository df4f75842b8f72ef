package ingest

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"
)

// sniffLen is how many leading bytes Sniff needs to decide.
const sniffLen = 4096

// Sniff names the format of an input from its name and its first bytes
// (up to 4 KiB are looked at). Magic bytes decide first (gzip, zip, WARC),
// then markup and JSON shapes, then the extension; text that fits no other
// format is FormatText. Content that is not text and fits no format is
// FormatUnknown.
func Sniff(name string, head []byte) Format {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return FormatGzip
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return FormatZip
	case bytes.HasPrefix(head, []byte("WARC/")):
		return FormatWARC
	case isUTF16(head):
		// Text, but not UTF-8: the text reader says so.
		return FormatText
	}
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".gz", ".tgz", ".zip":
		// Declared archives without the magic bytes are broken archives,
		// not text.
		return FormatUnknown
	case ".txt", ".text", ".md":
		// The author said text; a stray "<" or "{" must not change that.
		return FormatText
	}

	body := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
	if len(body) == 0 {
		// Empty or blank: let the reader for the extension say so.
		return formatForExt(ext, FormatText)
	}
	switch body[0] {
	case '<':
		return sniffMarkup(body, ext)
	case '{':
		return sniffJSON(body, ext)
	case '[':
		if ext == ".json" || ext == ".jsonl" || ext == ".ndjson" {
			// A JSON array is not supported; the JSON Lines reader says
			// so by line.
			return FormatJSONL
		}
	}
	if f := formatForExt(ext, FormatUnknown); f == FormatJSONL || f == FormatHTML {
		// A JSON Lines file whose first line is blank or broken still goes
		// to the JSON Lines reader so the error names the line.
		return f
	}
	if looksBinary(head) {
		return FormatUnknown
	}
	return FormatText
}

func formatForExt(ext string, def Format) Format {
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".rss", ".atom", ".xml":
		return FormatFeed
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".warc":
		return FormatWARC
	case ".txt", ".text", ".md":
		return FormatText
	}
	return def
}

// sniffMarkup tells feeds from pages. It skips the XML declaration,
// comments, doctype and processing instructions to reach the root element.
func sniffMarkup(b []byte, ext string) Format {
	low := bytes.ToLower(b)
	for i := 0; i < 32; i++ {
		low = bytes.TrimLeft(low, " \t\r\n")
		switch {
		case bytes.HasPrefix(low, []byte("<!doctype html")):
			return FormatHTML
		case bytes.HasPrefix(low, []byte("<?")), bytes.HasPrefix(low, []byte("<!doctype")):
			j := bytes.IndexByte(low, '>')
			if j < 0 {
				return formatForExt(ext, FormatHTML)
			}
			low = low[j+1:]
			continue
		case bytes.HasPrefix(low, []byte("<!--")):
			j := bytes.Index(low, []byte("-->"))
			if j < 0 {
				return formatForExt(ext, FormatHTML)
			}
			low = low[j+3:]
			continue
		}
		break
	}
	for _, root := range []string{"<rss", "<feed", "<rdf:rdf", "<rdf "} {
		if bytes.HasPrefix(low, []byte(root)) {
			return FormatFeed
		}
	}
	if f := formatForExt(ext, FormatUnknown); f == FormatFeed && bytes.HasPrefix(low, []byte("<")) && !bytes.HasPrefix(low, []byte("<html")) {
		// Feed extension with an unknown root: let the feed parser name
		// the problem.
		return FormatFeed
	}
	return FormatHTML
}

// sniffJSON tells a JSON Feed (one object over many lines) from JSON Lines
// (one object per line).
func sniffJSON(b []byte, ext string) Format {
	if bytes.Contains(b, []byte("jsonfeed.org/version")) {
		return FormatFeed
	}
	first, _, _ := bytes.Cut(b, []byte("\n"))
	if json.Valid(bytes.TrimSpace(first)) {
		return FormatJSONL
	}
	if ext == ".json" || ext == ".jsonl" || ext == ".ndjson" {
		return FormatJSONL
	}
	return FormatText
}

// looksBinary reports NUL bytes or a high share of control characters,
// which no report has.
func looksBinary(b []byte) bool {
	if len(b) > sniffLen {
		b = b[:sniffLen]
	}
	ctrl := 0
	for _, c := range b {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b:
			ctrl++
		}
	}
	return ctrl > 8 && ctrl*10 > len(b)
}
