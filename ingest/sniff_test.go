package ingest_test

import (
	"testing"

	"github.com/sitrep/sitrep/ingest"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       ingest.Format
	}{
		{"a.txt", "Russian jets struck Homs.", ingest.FormatText},
		{"a.txt", "<p>quoted markup in a text file</p>", ingest.FormatText},
		{"a", "Source: Reuters\n\nBody", ingest.FormatText},
		{"a.html", "<!DOCTYPE html><html>", ingest.FormatHTML},
		{"a", "\uFEFF  <!doctype HTML>", ingest.FormatHTML},
		{"a", "<html><body>x</body></html>", ingest.FormatHTML},
		{"a", "<div>fragment</div>", ingest.FormatHTML},
		{"a.xml", "<?xml version=\"1.0\"?>\n<!-- generator --><rss version=\"2.0\">", ingest.FormatFeed},
		{"a", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", ingest.FormatFeed},
		{"a", "<rdf:RDF xmlns:rdf=\"...\">", ingest.FormatFeed},
		{"a.rss", "<channel>", ingest.FormatFeed},
		{"a.json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, ingest.FormatFeed},
		{"a", "{\"text\":\"x\"}\n{\"text\":\"y\"}", ingest.FormatJSONL},
		{"a.jsonl", "{\"text\":\n", ingest.FormatJSONL},
		{"a.json", "[{\"text\":\"x\"}]", ingest.FormatJSONL},
		{"a.jsonl", "", ingest.FormatJSONL},
		{"a", "WARC/1.1\r\n", ingest.FormatWARC},
		{"a.warc", "", ingest.FormatWARC},
		{"a.bin", "\x1f\x8b\x08\x00", ingest.FormatGzip},
		{"a.txt", "PK\x03\x04", ingest.FormatZip},
		{"a.gz", "not gzip", ingest.FormatUnknown},
		{"a", "\x7fELF\x02\x01\x01\x00", ingest.FormatUnknown},
		{"a", "", ingest.FormatText},
		{"a.html", "\xff\xfe<\x00h\x00", ingest.FormatText},
	}
	for _, tt := range tests {
		if got := ingest.Sniff(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q, %q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" \n\t\n", ""},
		{"a", "a\n"},
		{"\uFEFF\n\nFirst line  \r\nsecond\t\r\n\r\n\r\nthird\n\n\n", "First line\nsecond\n\n\nthird\n"},
		{"old\rmac", "old\nmac\n"},
		{"  indented stays", "  indented stays\n"},
	}
	for _, tt := range tests {
		if got := ingest.NormalizeText(tt.in); got != tt.want {
			t.Errorf("NormalizeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
