package ingest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/ingest"
)

// benchDir writes n plain-text reports built from the demo corpus (each
// made unique so none is a duplicate) and returns the directory and its
// total size.
func benchDir(b *testing.B, n int) (string, int64) {
	b.Helper()
	docs, err := demo.Documents()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var size int64
	for i := range n {
		d := docs[i%len(docs)].Doc
		text := fmt.Sprintf("Source: %s\nPublished: %s\nTitle: %s\n\n%s\nCopy %d.\n", d.Source, d.Published, d.Title, d.Raw, i)
		writeFile(b, dir, fmt.Sprintf("%02d/%04d.txt", i%16, i), []byte(text))
		size += int64(len(text))
	}
	return dir, size
}

// BenchmarkReadDir reads a directory of 400 text reports; it reports
// documents per second and, through SetBytes, MB/s.
func BenchmarkReadDir(b *testing.B) {
	const n = 400
	dir, size := benchDir(b, n)
	benchRead(b, []string{dir}, n, size)
}

// BenchmarkReadHTML reads the fixture page repeatedly (kept apart because
// extraction, not I/O, dominates).
func BenchmarkReadHTML(b *testing.B) {
	page := readFixture(b, "corpus/page.html")
	dir := b.TempDir()
	const n = 20
	for i := range n {
		writeFile(b, dir, fmt.Sprintf("p%02d.html", i), page)
	}
	benchRead(b, []string{dir}, n, int64(n*len(page)))
}

func benchRead(b *testing.B, in []string, n int, size int64) {
	b.ReportAllocs()
	b.SetBytes(size)
	opts := ingest.Options{KeepDuplicates: true}
	b.ResetTimer()
	docs := 0
	for b.Loop() {
		res, err := ingest.Read(context.Background(), in, opts, func(*sitrep.Document) error { return nil })
		if err != nil || res.Documents != n {
			b.Fatalf("Read: %v, %d documents, errors %q", err, res.Documents, inputs(res))
		}
		docs += res.Documents
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
}
