package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/ingest"
)

func TestReadCorpus(t *testing.T) {
	docs, res := readAll(t, []string{"testdata/corpus"}, ingest.Options{})
	got := byTitle(t, docs)

	tests := []struct {
		title, id, source, url, published string
		contains                          []string
		absent                            []string
	}{
		{
			title: "Russia begins air strikes in Syria", id: "01-report", source: "Example Daily",
			url: "https://daily.example/2015/09/30/russia-strikes", published: "2015-09-30",
			contains: []string{"first air strikes in Syria on Wednesday", "\n\nU.S. officials"},
			absent:   []string{"Source:", "Title:"},
		},
		{
			title: "Russian jets strike near Talbiseh", source: "Example Wire",
			url: "https://wire.example/world/talbiseh-strikes", published: "2015-10-01",
			contains: []string{
				"BEIRUT, Oct 1 - Russian warplanes struck targets near the town of Talbiseh",
				"\nA U.S. official said Washington",
			},
			// Navigation, related links, footer and scripts are gone;
			// the headline is the title, not a line of text. (The
			// donation appeal inside the article is left to the text
			// stage's boilerplate filter.)
			absent: []string{"Subscribe", "Business", "Related stories", "Oil prices", "Privacy policy",
				"All rights reserved", "analytics", "font-family", "Russian jets strike near Talbiseh\n"},
		},
		{
			title: "Iranian ground forces reported near Hama", source: "Levant Monitor",
			url: "https://levant.example/2015/10/iranian-forces-hama", published: "2015-10-03T14:20:00Z",
			contains: []string{"two Lebanese sources told the agency.\nIran denied"},
			absent:   []string{"<p>", "CDATA"},
		},
		{
			title: "Saudi Arabia warns Russia over Syria campaign", source: "Gulf Desk",
			url: "https://gulf.example/news/saudi-warns-russia", published: "2015-10-12T18:30:02Z",
			contains: []string{"dangerous consequences.\nHe repeated"},
		},
		{
			title: "Su-24 bombers hit militants", id: "tass-1", source: "TASS",
			url: "https://tass.example/politics/1", published: "2015-10-02",
			contains: []string{"near Raqqa on Friday", "\nThe ministry said"},
		},
		{
			id: "tass-2", source: "TASS", url: "https://tass.example/politics/2", published: "2015-10-03T08:00:00Z",
			contains: []string{"20 sorties"},
		},
	}
	for _, tt := range tests {
		d := got[tt.title]
		if tt.id != "" && tt.title == "" {
			for _, x := range docs {
				if x.Doc.ID == tt.id {
					d = x
				}
			}
		}
		if d == nil {
			t.Errorf("no document %q (id %q)", tt.title, tt.id)
			continue
		}
		if tt.id != "" && d.Doc.ID != tt.id {
			t.Errorf("%q: ID = %q, want %q", tt.title, d.Doc.ID, tt.id)
		}
		if tt.id == "" && d.Doc.ID != d.Doc.Hash[:16] {
			t.Errorf("%q: ID = %q, want the hash prefix %q", tt.title, d.Doc.ID, d.Doc.Hash[:16])
		}
		if d.Doc.Source != tt.source || d.Doc.URL != tt.url || d.Doc.Published != tt.published {
			t.Errorf("%q: source, url, published = %q, %q, %q; want %q, %q, %q", tt.title,
				d.Doc.Source, d.Doc.URL, d.Doc.Published, tt.source, tt.url, tt.published)
		}
		for _, s := range tt.contains {
			if !strings.Contains(d.Doc.Raw, s) {
				t.Errorf("%q: text lacks %q:\n%s", tt.title, s, d.Doc.Raw)
			}
		}
		for _, s := range tt.absent {
			if strings.Contains(d.Doc.Raw, s) {
				t.Errorf("%q: text has %q:\n%s", tt.title, s, d.Doc.Raw)
			}
		}
	}
	for _, d := range docs {
		if strings.Contains(d.Doc.Raw, "hidden") || strings.Contains(d.Doc.Raw, "not a report") {
			t.Errorf("hidden file read: %q", d.Doc.Raw)
		}
	}

	// The Atom entry at the Caspian story's URL (with a trailing slash)
	// comes first in name order, so the RSS item is the duplicate; the
	// empty gallery item is skipped; the broken JSON line fails alone.
	if res.Duplicates != 1 || res.Skipped != 1 {
		t.Errorf("Duplicates, Skipped = %d, %d; want 1, 1", res.Duplicates, res.Skipped)
	}
	if len(docs) != 8 {
		t.Errorf("%d documents, want 8", len(docs))
	}
	e := errorFor(res, "testdata/corpus/wire.jsonl:3")
	if e == nil || !errors.Is(e, ingest.ErrMalformed) || res.ErrorCount != 1 {
		t.Errorf("errors = %q; want only wire.jsonl:3 malformed", inputs(res))
	}
	if res.Err() == nil {
		t.Error("Result.Err() = nil with an input error")
	}
	if res.Inputs != 5 {
		t.Errorf("Inputs = %d, want 5", res.Inputs)
	}
}

func TestReadBadInputs(t *testing.T) {
	utf16 := "\xff\xfeR\x00u\x00s\x00s\x00i\x00a\x00\n\x00"
	_, res := readAll(t, []string{"testdata/bad", "testdata/missing.txt", "-"}, ingest.Options{Stdin: strings.NewReader(utf16)})
	tests := []struct {
		input string
		want  error
	}{
		{"testdata/bad/latin1.txt", ingest.ErrNotUTF8},
		{"testdata/bad/program.bin", ingest.ErrBinary},
		{"testdata/bad/empty.txt", ingest.ErrEmpty},
		{"testdata/bad/notext.jsonl:1", ingest.ErrEmpty},
		{"testdata/bad/broken.rss", ingest.ErrMalformed},
		{"testdata/missing.txt", os.ErrNotExist},
		{"stdin", ingest.ErrNotUTF8},
	}
	for _, tt := range tests {
		e := errorFor(res, tt.input)
		if e == nil {
			t.Errorf("no error for %s; errors: %q", tt.input, inputs(res))
			continue
		}
		if !errors.Is(e, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.input, e, tt.want)
		}
		if !strings.Contains(e.Error(), filepath.FromSlash(tt.input)) {
			t.Errorf("%s: message %q does not name the input", tt.input, e.Error())
		}
	}
	if res.ErrorCount != len(tests) {
		t.Errorf("ErrorCount = %d, want %d: %q", res.ErrorCount, len(tests), inputs(res))
	}
}

func TestReadDuplicates(t *testing.T) {
	in := []string{"testdata/corpus/01-report.txt", "testdata/corpus/wire.jsonl", "testdata/corpus/wire.jsonl"}
	docs, res := readAll(t, in, ingest.Options{})
	if len(docs) != 4 || res.Duplicates != 3 {
		t.Errorf("deduplicated: %d documents, %d duplicates; want 4, 3", len(docs), res.Duplicates)
	}
	docs, res = readAll(t, in, ingest.Options{KeepDuplicates: true})
	if len(docs) != 7 || res.Duplicates != 0 {
		t.Errorf("KeepDuplicates: %d documents, %d duplicates; want 7, 0", len(docs), res.Duplicates)
	}
}

func TestReadKnown(t *testing.T) {
	// A second run that knows every document from the first emits none.
	first, _ := readAll(t, []string{"testdata/corpus"}, ingest.Options{})
	stored := make(map[string]bool)
	for _, d := range first {
		stored[d.Doc.Hash] = true
	}
	known := func(d *sitrep.Doc) bool { return stored[d.Hash] }
	docs, res := readAll(t, []string{"testdata/corpus"}, ingest.Options{Known: known})
	if len(docs) != 0 || res.Duplicates != len(first)+1 {
		t.Errorf("second run: %d documents, %d duplicates; want 0, %d", len(docs), res.Duplicates, len(first)+1)
	}
}

func TestReadSameStemDifferentText(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a/report.txt", []byte("Russian jets struck Homs.\n"))
	writeFile(t, dir, "b/report.txt", []byte("Iranian advisers arrived in Latakia.\n"))
	docs, _ := readAll(t, []string{dir}, ingest.Options{})
	if len(docs) != 2 || docs[0].Doc.ID != "report" || docs[1].Doc.ID == "report" {
		t.Errorf("IDs %v; want the second made unique", ids(docs))
	}
}

func ids(docs []*sitrep.Document) []string {
	var s []string
	for _, d := range docs {
		s = append(s, d.Doc.ID)
	}
	return s
}

func TestReadStdin(t *testing.T) {
	jsonl := `{"text":"Russian jets struck Homs.","source":"Wire","published":"2015-09-30"}` + "\n"
	docs, res := readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader(jsonl)})
	if len(docs) != 1 || docs[0].Doc.Source != "Wire" || res.Inputs != 1 {
		t.Fatalf("docs %v, result %+v", ids(docs), res)
	}

	// Plain text from stdin takes the options' metadata.
	opts := ingest.Options{Stdin: strings.NewReader("Iranian advisers arrived.\r\n"), Source: "Desk", Published: "30 September 2015"}
	docs, _ = readAll(t, []string{"-"}, opts)
	if len(docs) != 1 || docs[0].Doc.Source != "Desk" || docs[0].Doc.Published != "2015-09-30" || docs[0].Doc.Raw != "Iranian advisers arrived.\n" {
		t.Errorf("stdin text: %+v", docs)
	}

	_, res = readAll(t, []string{"-"}, ingest.Options{})
	if errorFor(res, ingest.StdinName) == nil {
		t.Errorf("no error for missing stdin: %q", inputs(res))
	}
}

func TestReadBadOption(t *testing.T) {
	_, err := ingest.Read(context.Background(), nil, ingest.Options{Published: "yesterday"}, func(*sitrep.Document) error { return nil })
	if err == nil {
		t.Error("Read accepted Published: yesterday")
	}
}

func TestReadForcedFormat(t *testing.T) {
	// A page saved without extension and starting with prose is sniffed as
	// text; Format forces HTML.
	dir := t.TempDir()
	p := writeFile(t, dir, "page", append([]byte("saved from the web\n"), readFixture(t, "corpus/page.html")...))
	docs, _ := readAll(t, []string{p}, ingest.Options{Format: ingest.FormatHTML})
	if len(docs) != 1 || docs[0].Doc.Source != "Example Wire" {
		t.Errorf("forced HTML: %v", docs)
	}
}

func TestReadHTMLCharset(t *testing.T) {
	// "Дамаск" (Damascus) in windows-1251, declared in <meta>.
	page := []byte("<html><head><meta charset=\"windows-1251\"><title>t</title></head><body><article><p>" +
		strings.Repeat("Report from \xc4\xe0\xec\xe0\xf1\xea on the strikes. ", 20) + "</p></article></body></html>")
	dir := t.TempDir()
	p := writeFile(t, dir, "ru.html", page)
	docs, res := readAll(t, []string{p}, ingest.Options{})
	if len(docs) != 1 || !strings.Contains(docs[0].Doc.Raw, "Report from Дамаск") {
		t.Fatalf("windows-1251 page: %v %q", docs, inputs(res))
	}

	// Without a declaration the bytes are refused, not guessed.
	p = writeFile(t, dir, "undeclared.html", bytes.ReplaceAll(page, []byte(`<meta charset="windows-1251">`), nil))
	_, res = readAll(t, []string{p}, ingest.Options{})
	if e := errorFor(res, filepath.ToSlash(p)); e == nil || !errors.Is(e, ingest.ErrNotUTF8) {
		t.Errorf("undeclared charset: %q", inputs(res))
	}
}

func TestReadContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	res, err := ingest.Read(ctx, []string{"testdata/corpus"}, ingest.Options{}, func(*sitrep.Document) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 1 || res == nil {
		t.Errorf("after cancel: err %v, %d documents", err, n)
	}
}

func TestReadEmitError(t *testing.T) {
	stop := errors.New("store full")
	res, err := ingest.Read(context.Background(), []string{"testdata/corpus/wire.jsonl"}, ingest.Options{}, func(*sitrep.Document) error {
		return stop
	})
	if !errors.Is(err, stop) || res.Documents != 0 {
		t.Errorf("emit error: err %v, result %+v", err, res)
	}
	if !strings.Contains(err.Error(), "wire.jsonl:1") {
		t.Errorf("emit error %q does not name the input", err)
	}
}

func TestReadProgress(t *testing.T) {
	var calls, lastDone, lastTotal int64
	opts := ingest.Options{Progress: func(done, total int64) {
		if done < lastDone {
			t.Errorf("progress went back from %d to %d", lastDone, done)
		}
		calls++
		lastDone, lastTotal = done, total
	}}
	readAll(t, []string{"testdata/corpus"}, opts)
	var size int64
	for _, f := range []string{"01-report.txt", "feed.atom", "feed.rss", "page.html", "wire.jsonl"} {
		fi, err := os.Stat(filepath.Join("testdata/corpus", f))
		if err != nil {
			t.Fatal(err)
		}
		size += fi.Size()
	}
	if calls < 5 || lastDone != size || lastTotal != size {
		t.Errorf("progress: %d calls, last (%d, %d); want >= 5 calls ending (%d, %d)", calls, lastDone, lastTotal, size, size)
	}

	lastDone, lastTotal = 0, 0
	readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader("text\n"), Progress: opts.Progress})
	if lastTotal != -1 {
		t.Errorf("stdin total = %d, want -1", lastTotal)
	}
}

func TestReadMaxErrors(t *testing.T) {
	var lines strings.Builder
	for range 10 {
		lines.WriteString("not json\n")
	}
	_, res := readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader(lines.String()), Format: ingest.FormatJSONL, MaxErrors: 3})
	if len(res.Errors) != 3 || res.ErrorCount != 10 {
		t.Errorf("kept %d of %d errors, want 3 of 10", len(res.Errors), res.ErrorCount)
	}
	if err := res.Err(); err == nil || !strings.Contains(err.Error(), "7 more") {
		t.Errorf("Err() = %v", err)
	}
	if res.Errors[2].Input != "stdin:3" {
		t.Errorf("third error names %q, want stdin:3", res.Errors[2].Input)
	}
}

// TestReadDemoCorpus reads the demo reports as files and checks that the
// documents match those the demo package builds from the same bytes.
func TestReadDemoCorpus(t *testing.T) {
	want, err := demo.Documents()
	if err != nil {
		t.Fatal(err)
	}
	docs, res := readAll(t, []string{"../demo/reports"}, ingest.Options{})
	if res.ErrorCount != 0 || len(docs) != len(want) {
		t.Fatalf("%d documents (want %d), errors %q", len(docs), len(want), inputs(res))
	}
	for i, d := range docs {
		w := want[i].Doc
		if d.Doc.ID != w.ID || d.Doc.Hash != w.Hash || d.Doc.Source != w.Source || d.Doc.URL != w.URL ||
			d.Doc.Title != w.Title || d.Doc.Published != w.Published || d.Doc.Raw != w.Raw {
			t.Errorf("%s: ingest and demo differ:\n%+v\n%+v", w.ID, d.Doc, w)
		}
	}
}

func TestReadLimits(t *testing.T) {
	tests := []struct {
		file string
		opts ingest.Options
		fail string // input that must fail, relative to testdata/corpus
		want error
	}{
		{"01-report.txt", ingest.Options{MaxDocBytes: 100}, "01-report.txt", ingest.ErrTooLarge},
		{"page.html", ingest.Options{MaxDocBytes: 1000}, "page.html", ingest.ErrTooLarge},
		{"wire.jsonl", ingest.Options{MaxDocBytes: 200}, "wire.jsonl:1", ingest.ErrTooLarge},
		{"wire.jsonl", ingest.Options{MaxRecords: 2}, "wire.jsonl:3", ingest.ErrTooMany},
		{"feed.rss", ingest.Options{MaxInputBytes: 500}, "feed.rss", ingest.ErrTooLarge},
		{"feed.rss", ingest.Options{MaxRecords: 1}, "feed.rss", ingest.ErrTooMany},
	}
	for _, tt := range tests {
		_, res := readAll(t, []string{filepath.Join("testdata/corpus", tt.file)}, tt.opts)
		e := errorFor(res, "testdata/corpus/"+tt.fail)
		if e == nil || !errors.Is(e, tt.want) {
			t.Errorf("%s with %+v: errors %q, want %v for %s", tt.file, tt.opts, inputs(res), tt.want, tt.fail)
			continue
		}
		// The message says which limit, so an operator knows what to raise.
		if msg := e.Error(); !strings.Contains(msg, "more than") && !strings.Contains(msg, "only the first") {
			t.Errorf("%s: message %q does not state the limit", tt.fail, msg)
		}
	}
}

// panicReader stands for a third-party parser that panics on hostile input.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("boom") }

func TestReadRecoversPanic(t *testing.T) {
	docs, res := readAll(t, []string{"-", "testdata/corpus/01-report.txt"}, ingest.Options{Stdin: panicReader{}})
	e := errorFor(res, ingest.StdinName)
	if e == nil || !strings.Contains(e.Error(), "panic") || !strings.Contains(e.Error(), "boom") {
		t.Errorf("errors %q, want the panic reported against stdin", inputs(res))
	}
	if len(docs) != 1 {
		t.Errorf("%d documents after the panic, want the next input read", len(docs))
	}
}

func TestReadEmitPanicPropagates(t *testing.T) {
	defer func() {
		if v := recover(); v != "caller bug" {
			t.Errorf("recovered %v, want the emit callback's panic", v)
		}
	}()
	// The document comes from inside a zip, so the panic crosses two
	// levels of per-input recovery.
	p := writeFile(t, t.TempDir(), "a.zip", zipBytes(t, member{"a.txt", []byte("Russian jets struck Homs.\n")}))
	ingest.Read(context.Background(), []string{p}, ingest.Options{}, func(*sitrep.Document) error {
		panic("caller bug")
	})
	t.Error("Read returned after emit panicked")
}

func TestReadHTMLWithoutText(t *testing.T) {
	_, res := readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader("<html><head><title>Home</title></head><body><script>x()</script></body></html>"), Format: ingest.FormatHTML})
	if e := errorFor(res, ingest.StdinName); e == nil || !errors.Is(e, ingest.ErrEmpty) {
		t.Errorf("errors %q, want no text", inputs(res))
	}
}
