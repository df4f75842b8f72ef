package ingest_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
)

// readAll runs Read and collects the documents. It fails the test on a
// returned error and checks the invariants every document must meet.
func readAll(t testing.TB, inputs []string, opts ingest.Options) ([]*sitrep.Document, *ingest.Result) {
	t.Helper()
	var docs []*sitrep.Document
	res, err := ingest.Read(context.Background(), inputs, opts, func(d *sitrep.Document) error {
		if msg := checkDoc(d); msg != "" {
			t.Errorf("document %q: %s", d.Doc.ID, msg)
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if res == nil {
		t.Fatal("Read returned a nil Result")
	}
	if res.Documents != len(docs) {
		t.Errorf("Result.Documents = %d, emitted %d", res.Documents, len(docs))
	}
	return docs, res
}

// checkDoc states what every emitted document guarantees; it returns ""
// when all hold.
func checkDoc(d *sitrep.Document) string {
	doc := d.Doc
	switch {
	case doc.ID == "":
		return "empty ID"
	case !utf8.ValidString(doc.Raw):
		return "Raw not UTF-8"
	case strings.TrimSpace(doc.Raw) == "":
		return "blank Raw"
	case ingest.NormalizeText(doc.Raw) != doc.Raw:
		return "Raw not normalised"
	case doc.Text != doc.Raw:
		return "Text differs from Raw"
	}
	sum := sha256.Sum256([]byte(doc.Raw))
	if doc.Hash != hex.EncodeToString(sum[:]) {
		return "Hash is not the SHA-256 of Raw"
	}
	if doc.Published != "" {
		if _, ok := doc.PublishedTime(); !ok {
			return fmt.Sprintf("Published %q does not parse", doc.Published)
		}
	}
	return ""
}

// byTitle indexes documents by title, failing on a repeated title.
// Documents without a title are left out.
func byTitle(t *testing.T, docs []*sitrep.Document) map[string]*sitrep.Document {
	t.Helper()
	m := make(map[string]*sitrep.Document)
	for _, d := range docs {
		if d.Doc.Title == "" {
			continue
		}
		if _, dup := m[d.Doc.Title]; dup {
			t.Errorf("title %q emitted twice", d.Doc.Title)
		}
		m[d.Doc.Title] = d
	}
	return m
}

// errorFor returns the input error whose Input is name, or nil.
func errorFor(res *ingest.Result, name string) *ingest.InputError {
	for _, e := range res.Errors {
		if filepath.ToSlash(e.Input) == name {
			return e
		}
	}
	return nil
}

func inputs(res *ingest.Result) []string {
	var s []string
	for _, e := range res.Errors {
		s = append(s, filepath.ToSlash(e.Input)+": "+e.Err.Error())
	}
	return s
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type member struct {
	name string
	data []byte
}

func zipBytes(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// warcRecord writes one WARC/1.1 record by hand, as a crawler would.
func warcRecord(typ, uri, date, contentType, block string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\n", typ)
	fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:%x>\r\n", sha256.Sum256([]byte(typ+uri+block)))
	fmt.Fprintf(&b, "WARC-Date: %s\r\n", date)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", contentType, len(block), block)
	return b.String()
}

func httpResponse(status, contentType, body string, extra ...string) string {
	h := fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n", status, contentType, len(body))
	for _, e := range extra {
		h += e + "\r\n"
	}
	return h + "\r\n" + body
}
