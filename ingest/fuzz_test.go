package ingest_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
)

// fuzzOpts keeps limits small so that fuzzing explores inputs near them.
var fuzzOpts = ingest.Options{
	MaxDocBytes:     64 << 10,
	MaxInputBytes:   256 << 10,
	MaxArchiveBytes: 4 << 20,
	MaxRecords:      200,
}

// fuzzRead reads data from stdin in the given format (sniffed when
// FormatUnknown) and checks the invariants that hold for any input: no
// error but for the context, every document valid (checkDoc), every
// input error naming stdin, and no recovered panic.
func fuzzRead(t *testing.T, data []byte, format ingest.Format) []*sitrep.Document {
	opts := fuzzOpts
	opts.Format = format
	opts.Stdin = bytes.NewReader(data)
	var docs []*sitrep.Document
	res, err := ingest.Read(context.Background(), []string{"-"}, opts, func(d *sitrep.Document) error {
		if msg := checkDoc(d); msg != "" {
			t.Errorf("document %q: %s", d.Doc.ID, msg)
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if res.Documents != len(docs) || res.ErrorCount < len(res.Errors) {
		t.Fatalf("inconsistent result %+v for %d documents", res, len(docs))
	}
	for _, e := range res.Errors {
		if !strings.HasPrefix(e.Input, ingest.StdinName) {
			t.Errorf("error names %q, not stdin: %v", e.Input, e)
		}
		if strings.Contains(e.Error(), "(panic)") {
			t.Errorf("recovered panic: %v", e)
		}
	}
	return docs
}

func addFixtures(f *testing.F, names ...string) {
	for _, n := range names {
		f.Add(readFixture(f, n))
	}
}

func FuzzSniff(f *testing.F) {
	for _, n := range []string{"corpus/page.html", "corpus/feed.rss", "corpus/feed.atom", "corpus/wire.jsonl",
		"corpus/01-report.txt", "bad/program.bin", "bad/latin1.txt"} {
		f.Add(n, readFixture(f, n))
	}
	f.Add("x.json", []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","content_text":"Strikes near Homs."}]}`))
	f.Add("x.gz", gzipBytes(f, []byte("Russian jets struck Homs.\n")))
	f.Add("x.zip", zipBytes(f, member{"a.txt", []byte("Russian jets struck Homs.\n")}))
	f.Add("x.warc", []byte("WARC/1.1\r\n"))
	f.Add("x.xml", []byte("<?xml version=\"1.0\"?><!-- c --><!DOCTYPE rss><rss><channel></channel></rss>"))
	f.Add("", []byte{})
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		got := ingest.Sniff(name, data)
		switch got {
		case ingest.FormatUnknown, ingest.FormatText, ingest.FormatHTML, ingest.FormatFeed,
			ingest.FormatJSONL, ingest.FormatWARC, ingest.FormatGzip, ingest.FormatZip:
		default:
			t.Fatalf("Sniff(%q) = %q, not a known format", name, got)
		}
		if again := ingest.Sniff(name, data); again != got {
			t.Fatalf("Sniff not stable: %q then %q", got, again)
		}
		if len(data) > 4096 && ingest.Sniff(name, data[:4096]) != got {
			t.Fatalf("Sniff looked past 4096 bytes")
		}
		fuzzRead(t, data, ingest.FormatUnknown)
	})
}

func FuzzJSONL(f *testing.F) {
	addFixtures(f, "corpus/wire.jsonl", "bad/notext.jsonl")
	f.Add([]byte(`{"text":"a","published":"2015-13-45"}`))
	f.Add([]byte(`{"text":["a"]}` + "\n" + `null` + "\n" + `{"text":"b"} {"text":"c"}`))
	f.Add([]byte("{\"text\":\"caf\xe9\"}\n\n\r\n{\"html\":\"<p>x<br>y</p>\",\"id\":42}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := fuzzRead(t, data, ingest.FormatJSONL)
		b := fuzzRead(t, data, ingest.FormatJSONL)
		if len(a) != len(b) {
			t.Fatalf("not deterministic: %d then %d documents", len(a), len(b))
		}
		for i := range a {
			if a[i].Doc.ID != b[i].Doc.ID || a[i].Doc.Hash != b[i].Doc.Hash {
				t.Fatalf("not deterministic: %+v then %+v", a[i].Doc, b[i].Doc)
			}
		}
	})
}

func FuzzFeed(f *testing.F) {
	addFixtures(f, "corpus/feed.rss", "corpus/feed.atom", "bad/broken.rss")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","url":"https://x.example/1","content_html":"<p>Strikes near Homs.</p>","date_published":"2015-10-01T10:00:00Z"}]}`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss><channel><item><description>&b;&b;&b;</description></item></channel></rss>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>t</title><description>d</description></item></rdf:RDF>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range fuzzRead(t, data, ingest.FormatFeed) {
			if strings.ContainsRune(d.Doc.Title, '\n') {
				t.Errorf("title %q spans lines", d.Doc.Title)
			}
		}
	})
}

func FuzzHTML(f *testing.F) {
	addFixtures(f, "corpus/page.html")
	f.Add([]byte(articlePage))
	f.Add([]byte("<html><head><meta charset=\"koi8-r\"></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4</p></body></html>"))
	f.Add([]byte(strings.Repeat("<div>", 3000) + "deep" + strings.Repeat("</div>", 3000)))
	f.Add([]byte("<table><tr><td>Homs<td>Hama</table><script>alert(1)</script><p>a<b>b</b> c</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range fuzzRead(t, data, ingest.FormatHTML) {
			// Text may quote "<script" (escaped in the page); the title
			// must still be one line.
			if strings.ContainsAny(d.Doc.Title, "\n\r") {
				t.Errorf("title %q spans lines", d.Doc.Title)
			}
		}
	})
}

func FuzzWARC(f *testing.F) {
	full := testWARC(f)
	f.Add([]byte(full))
	f.Add([]byte(full[:len(full)/2]))
	f.Add(gzipBytes(f, []byte(full)))
	f.Add([]byte("WARC/1.1\r\nContent-Length: -5\r\n\r\n\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 999999999\r\n\r\nHTTP/1.1 200 OK\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, ingest.FormatWARC)
	})
}

func FuzzFrontMatter(f *testing.F) {
	addFixtures(f, "corpus/01-report.txt")
	f.Add([]byte("\uFEFFSource: X\r\nPublished: 2015-09-30T10:00:00+03:00\r\n\r\nBody"))
	f.Add([]byte("Title: only a header"))
	f.Add([]byte("Date: not a date\n\nBody"))
	f.Add([]byte("Kind: wire\nbroken line\n\nBody"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := string(data)
		fm, body, err := ingest.ParseFrontMatter(s)
		if err != nil {
			if body != "" {
				t.Errorf("error %v with a body", err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("accepted invalid UTF-8")
		}
		if !strings.HasSuffix(s, body) {
			t.Errorf("body %q is not the end of the input", body)
		}
		if fm.Published != "" {
			d := sitrep.Doc{Published: fm.Published}
			if _, ok := d.PublishedTime(); !ok {
				t.Errorf("Published %q does not parse", fm.Published)
			}
		}
		fuzzRead(t, data, ingest.FormatText)
	})
}
