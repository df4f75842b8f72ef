package ingest_test

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/ingest"
)

func TestReadGzip(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "wire.jsonl.gz", gzipBytes(t, readFixture(t, "corpus/wire.jsonl")))
	docs, res := readAll(t, []string{p}, ingest.Options{})
	if len(docs) != 3 {
		t.Errorf("%d documents from gzipped JSON Lines, want 3", len(docs))
	}
	// Errors inside name the .gz file and the line.
	if e := errorFor(res, filepath.ToSlash(p)+":3"); e == nil || !errors.Is(e, ingest.ErrMalformed) {
		t.Errorf("errors %q, want %s:3", inputs(res), p)
	}

	// A truncated gzip stream fails with the name of the file.
	gz := gzipBytes(t, readFixture(t, "corpus/01-report.txt"))
	p = writeFile(t, dir, "cut.txt.gz", gz[:len(gz)-12])
	docs, res = readAll(t, []string{p}, ingest.Options{})
	if len(docs) != 0 || errorFor(res, filepath.ToSlash(p)) == nil {
		t.Errorf("truncated gzip: %d documents, errors %q", len(docs), inputs(res))
	}
}

func TestReadZip(t *testing.T) {
	inner := zipBytes(t, member{"nested/feed.rss", readFixture(t, "corpus/feed.rss")})
	archive := zipBytes(t,
		member{"reports/01-report.txt", readFixture(t, "corpus/01-report.txt")},
		member{"reports/page.html", readFixture(t, "corpus/page.html")},
		member{"reports/.DS_Store", []byte("\x00\x00\x00\x01Bud1")},
		member{"__MACOSX/reports/._page.html", []byte("\x00\x05\x16\x07")},
		member{"reports/bad.txt", []byte("caf\xe9\n")},
		member{"more.zip", inner},
		member{"wire.jsonl.gz", gzipBytes(t, readFixture(t, "corpus/wire.jsonl"))},
	)
	dir := t.TempDir()
	p := writeFile(t, dir, "bundle.zip", archive)
	docs, res := readAll(t, []string{p}, ingest.Options{})
	got := byTitle(t, docs)
	for _, title := range []string{
		"Russia begins air strikes in Syria", "Russian jets strike near Talbiseh",
		"Iranian ground forces reported near Hama", "Su-24 bombers hit militants",
	} {
		if got[title] == nil {
			t.Errorf("no document %q from the zip", title)
		}
	}
	if d := got["Russia begins air strikes in Syria"]; d != nil && d.Doc.ID != "01-report" {
		t.Errorf("zip member text ID = %q, want the member's stem", d.Doc.ID)
	}
	base := filepath.ToSlash(p)
	for _, name := range []string{base + "/reports/bad.txt", base + "/wire.jsonl.gz:3"} {
		if errorFor(res, name) == nil {
			t.Errorf("no error named %s: %q", name, inputs(res))
		}
	}
	if res.ErrorCount != 2 {
		t.Errorf("errors %q, want 2", inputs(res))
	}

	// The same archive from stdin.
	docs2, _ := readAll(t, []string{"-"}, ingest.Options{Stdin: bytes.NewReader(archive)})
	if len(docs2) != len(docs) {
		t.Errorf("zip from stdin: %d documents, from file %d", len(docs2), len(docs))
	}
}

func TestReadArchiveBombs(t *testing.T) {
	zeros := bytes.Repeat([]byte("A"), 8<<20) // 8 MiB, compresses about 1000:1
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
		opts ingest.Options
		fail string // the input that must fail
		want error
	}{
		{"bomb.txt.gz", gzipBytes(t, zeros), ingest.Options{}, "bomb.txt.gz", ingest.ErrBomb},
		{"bomb.zip", zipBytes(t, member{"a.txt", zeros}), ingest.Options{}, "bomb.zip/a.txt", ingest.ErrBomb},
		{"ratio-ok.zip", zipBytes(t, member{"a.txt", zeros}), ingest.Options{MaxRatio: 10_000, MaxDocBytes: 1 << 20}, "ratio-ok.zip/a.txt", ingest.ErrTooLarge},
		{"cap.txt.gz", gzipBytes(t, zeros), ingest.Options{MaxRatio: 10_000, MaxArchiveBytes: 2 << 20}, "cap.txt.gz", ingest.ErrTooLarge},
		{"deep.zip", nest(t, 5), ingest.Options{}, "deep.zip/l1.zip/l2.zip/l3.zip", ingest.ErrBomb},
		{"many.zip", zipBytes(t, member{"a.txt", []byte("a\n")}, member{"b.txt", []byte("b\n")}, member{"c.txt", []byte("c\n")}), ingest.Options{MaxRecords: 2}, "many.zip", ingest.ErrTooMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, tt.name, tt.data)
			_, res := readAll(t, []string{p}, tt.opts)
			name := filepath.ToSlash(filepath.Join(dir, tt.fail))
			e := errorFor(res, name)
			if e == nil || !errors.Is(e, tt.want) {
				t.Errorf("want %v for %s; errors %q", tt.want, name, inputs(res))
			}
		})
	}
}

// nest builds depth zips, each holding the next, with a text file at the
// bottom.
func nest(t *testing.T, depth int) []byte {
	data := zipBytes(t, member{"report.txt", []byte("Russian jets struck Homs.\n")})
	for i := depth - 1; i >= 1; i-- {
		data = zipBytes(t, member{fmt.Sprintf("l%d.zip", i), data})
	}
	return data
}
