package ingest_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/ingest"
)

// articlePage is a page without a date of its own, so the WARC-Date is used.
const articlePage = `<!DOCTYPE html><html><head><title>Strikes hit Jisr al-Shughour</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strikes hit Jisr al-Shughour</h1>
<p>Russian aircraft bombed positions of the Army of Conquest near Jisr al-Shughour in Idlib province on Sunday, according to a monitoring group based in Britain.</p>
<p>The group said at least four fighters were killed and a field hospital was damaged in the raids on the town and nearby villages.</p>
</article><footer>Copyright 2015 Example Post</footer></body></html>`

func testWARC(t testing.TB) string {
	t.Helper()
	gz := gzipBytes(t, []byte(articlePage))
	var w strings.Builder
	w.WriteString(warcRecord("warcinfo", "", "2015-10-05T10:00:00Z", "application/warc-fields", "software: hand\r\n"))
	w.WriteString(warcRecord("request", "https://post.example/idlib", "2015-10-05T10:00:01Z", "application/http; msgtype=request",
		"GET /idlib HTTP/1.1\r\nHost: post.example\r\n\r\n"))
	w.WriteString(warcRecord("response", "https://post.example/idlib", "2015-10-05T10:00:01Z", "application/http; msgtype=response",
		httpResponse("200 OK", "text/html; charset=utf-8", articlePage)))
	w.WriteString(warcRecord("response", "https://post.example/missing", "2015-10-05T10:00:02Z", "application/http; msgtype=response",
		httpResponse("404 Not Found", "text/html", "<html><body>Not found</body></html>")))
	w.WriteString(warcRecord("response", "https://post.example/logo.png", "2015-10-05T10:00:03Z", "application/http; msgtype=response",
		httpResponse("200 OK", "image/png", "\x89PNG\r\n\x1a\n")))
	w.WriteString(warcRecord("response", "https://gz.example/idlib", "2015-10-05T10:00:04Z", "application/http; msgtype=response",
		httpResponse("200 OK", "text/html", string(gz), "Content-Encoding: gzip")))
	w.WriteString(warcRecord("response", "https://page.example/talbiseh", "2015-10-05T10:00:05Z", "application/http; msgtype=response",
		httpResponse("200 OK", "text/html", string(readFixture(t, "corpus/page.html")))))
	w.WriteString(warcRecord("response", "https://broken.example/", "2015-10-05T10:00:06Z", "application/http; msgtype=response",
		"this is no HTTP response"))
	return w.String()
}

func TestReadWARC(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "crawl.warc", []byte(testWARC(t)))
	docs, res := readAll(t, []string{p}, ingest.Options{KeepDuplicates: true})
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3; errors %q", len(docs), inputs(res))
	}
	d := docs[0].Doc
	if d.URL != "https://post.example/idlib" || d.Published != "2015-10-05T10:00:01Z" || d.Source != "post.example" ||
		d.Title != "Strikes hit Jisr al-Shughour" {
		t.Errorf("first record: %+v", d)
	}
	if !strings.Contains(d.Raw, "near Jisr al-Shughour in Idlib") || strings.Contains(d.Raw, "Copyright") {
		t.Errorf("first record text:\n%s", d.Raw)
	}
	if docs[1].Doc.URL != "https://gz.example/idlib" || docs[1].Doc.Hash != d.Hash {
		t.Errorf("gzip-encoded record: %+v", docs[1].Doc)
	}
	// The page's own date wins over the capture date.
	if docs[2].Doc.Published != "2015-10-01" || docs[2].Doc.URL != "https://page.example/talbiseh" {
		t.Errorf("third record: %+v", docs[2].Doc)
	}
	// warcinfo, request, 404 and image are skipped.
	if res.Skipped != 4 {
		t.Errorf("Skipped = %d, want 4", res.Skipped)
	}
	if e := errorFor(res, filepath.ToSlash(p)+"#record-8"); e == nil || !errors.Is(e, ingest.ErrMalformed) {
		t.Errorf("errors %q, want record-8 malformed", inputs(res))
	}

	// Deduplication by content drops the gzip-encoded copy.
	docs, res = readAll(t, []string{p}, ingest.Options{})
	if len(docs) != 2 || res.Duplicates != 1 {
		t.Errorf("deduplicated: %d documents, %d duplicates", len(docs), res.Duplicates)
	}
}

func TestReadWARCBroken(t *testing.T) {
	full := testWARC(t)
	dir := t.TempDir()

	// Cut inside the fourth record: the first three are read, the
	// fourth fails by name.
	cut := strings.Index(full, "https://post.example/missing") + 40
	p := writeFile(t, dir, "cut.warc.gz", gzipBytes(t, []byte(full[:cut])))
	docs, res := readAll(t, []string{p}, ingest.Options{})
	if len(docs) != 1 {
		t.Errorf("%d documents before the cut, want 1", len(docs))
	}
	if e := errorFor(res, filepath.ToSlash(p)+"#record-4"); e == nil || !errors.Is(e, ingest.ErrMalformed) {
		t.Errorf("errors %q, want record-4 malformed", inputs(res))
	}

	// A record larger than MaxDocBytes fails alone.
	p = writeFile(t, dir, "big.warc", []byte(full))
	docs, res = readAll(t, []string{p}, ingest.Options{MaxDocBytes: 1500})
	if e := errorFor(res, filepath.ToSlash(p)+"#record-7"); e == nil || !errors.Is(e, ingest.ErrTooLarge) {
		t.Errorf("errors %q, want record-7 too large", inputs(res))
	}
	if len(docs) != 1 {
		t.Errorf("%d documents under the size limit, want 1", len(docs))
	}
}
