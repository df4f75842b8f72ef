package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/store"
)

// sitrepCmd runs the command line in-process and returns its output.
func sitrepCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRoot()
	var o, e bytes.Buffer
	root.SetOut(&o)
	root.SetErr(&e)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err = root.ExecuteContext(context.Background())
	return o.String(), e.String(), err
}

// writeDemo writes the embedded demo reports to a directory, as a user's
// corpus of text files would be.
func writeDemo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	names, err := fs.Glob(demo.FS, demo.Dir+"/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("demo corpus: %v (%d files)", err, len(names))
	}
	for _, n := range names {
		b, err := demo.FS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, path.Base(n)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sitrep.RecordSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("record.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExtractDemoCorpus is the end-to-end test of issue 2: every demo
// report comes out as one record that validates against the schema.
func TestExtractDemoCorpus(t *testing.T) {
	dir := writeDemo(t)
	out, errOut, err := sitrepCmd(t, "", "extract", dir)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, errOut)
	}
	s := schema(t)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want, _ := demo.Documents()
	if len(lines) != len(want) {
		t.Fatalf("got %d records, want %d (one per demo report)\n%s", len(lines), len(want), errOut)
	}
	entities, withPub := 0, 0
	for i, line := range lines {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatalf("record %d is not JSON: %v", i, err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("record %d does not validate: %v", i, err)
		}
		var d sitrep.Document
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		entities += len(d.Entities)
		if d.Doc.Published != "" {
			withPub++
		}
		if d.Doc.Text == "" || d.Doc.Source == "" {
			t.Errorf("record %d (%s): empty text or source", i, d.Doc.ID)
		}
	}
	if withPub != len(lines) {
		t.Errorf("%d of %d records have a publication date from their front matter", withPub, len(lines))
	}
	if entities < 5*len(lines) {
		t.Errorf("only %d entities in %d documents", entities, len(lines))
	}
}

// TestExtractSimpleSentence checks the flags and stdin path on the
// sentence issue 2 names.
func TestExtractSimpleSentence(t *testing.T) {
	out, errOut, err := sitrepCmd(t, "Russian warplanes struck targets near Homs on Wednesday.\n",
		"extract", "--published", "2015-10-02", "--source", "Test Wire", "--url", "https://example.org/a", "-")
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, errOut)
	}
	var d sitrep.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("output is not one record: %v\n%s", err, out)
	}
	if d.Doc.Source != "Test Wire" || d.Doc.URL != "https://example.org/a" || d.Doc.Published != "2015-10-02" {
		t.Errorf("doc = %+v, want the flags' source, url and date", d.Doc)
	}
	found := false
	for _, e := range d.Entities {
		if e.Country == "RUS" && e.CAMEO == "RUSMIL" {
			found = true
		}
	}
	if !found {
		t.Errorf("no Russian military actor in %+v", d.Entities)
	}
	var wed bool
	for _, x := range d.Timexes {
		if x.Value == "2015-09-30" && x.Date.Earliest == "2015-09-30" {
			wed = true
		}
	}
	if !wed {
		t.Errorf("\"on Wednesday\" before 2015-10-02 not resolved to 2015-09-30: %+v", d.Timexes)
	}
}

// TestExtractBadInputs: each bad file is named on stderr, the good one
// still comes out, and the exit status says some failed.
func TestExtractBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Iranian troops arrived in Syria, two Lebanese sources said on Thursday.\n"))
	bad := []string{
		write("latin1.txt", []byte("Damascus caf\xe9 owners said \xff\xfe prices rose.\n")),
		write("binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 0, 1, 2, 3, 0, 0, 0, 0}),
		write("empty.txt", nil),
		filepath.Join(dir, "missing.txt"),
	}
	out, errOut, err := sitrepCmd(t, "", append([]string{"extract", good}, bad...)...)
	if !errors.Is(err, errPartial) {
		t.Fatalf("err = %v, want a partial failure", err)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; strings.TrimSpace(out) == "" || n != 1 {
		t.Errorf("got %d records, want the good file's one\n%s", n, out)
	}
	for _, b := range bad {
		if !strings.Contains(errOut, filepath.Base(b)) {
			t.Errorf("stderr does not name %s:\n%s", filepath.Base(b), errOut)
		}
	}
}

// TestRunAndServe runs the main job without serving, then checks the API
// and UI that serve would expose over the database it built.
func TestRunAndServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	out, errOut, err := sitrepCmd(t, "", "run", "--no-serve", "--db", db)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "38 documents") {
		t.Errorf("summary does not count the 38 demo reports:\n%s", out)
	}
	st, stats := openStats(t, context.Background(), db)
	if stats.Documents != 38 {
		t.Errorf("stored %d documents, want 38", stats.Documents)
	}
	srv := httptest.NewServer(handler(st, serveOptions{}))
	defer srv.Close()
	for _, p := range []string{"/api/v1/stats", "/api/v1/openapi.json", "/"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", p, resp.Status)
		}
	}
	// Rerunning rebuilds rather than appending.
	if _, errOut, err := sitrepCmd(t, "", "run", "--no-serve", "--db", db); err != nil {
		t.Fatalf("second run: %v\n%s", err, errOut)
	}
}

func TestBenchSmall(t *testing.T) {
	out, errOut, err := sitrepCmd(t, "", "bench", "--mb", "0.05")
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, errOut)
	}
	for _, want := range []string{"docs/s", "words/s", "peak heap", "actor"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}

// TestIngestIdempotent: a second ingest of the same inputs stores nothing
// new and fuses the same events.
func TestIngestIdempotent(t *testing.T) {
	dir := writeDemo(t)
	db := filepath.Join(t.TempDir(), "sitrep.db")
	out, errOut, err := sitrepCmd(t, "", "ingest", "--db", db, dir)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "38 documents stored, 0 already present") {
		t.Fatalf("first ingest: %s", out)
	}
	first := out[strings.LastIndex(out, ";"):]
	out, errOut, err = sitrepCmd(t, "", "ingest", "--db", db, dir)
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "0 documents stored, 38 already present") {
		t.Errorf("second ingest: %s", out)
	}
	if got := out[strings.LastIndex(out, ";"):]; got != first {
		t.Errorf("fused events changed on re-ingest: %q then %q", first, got)
	}
}

// openStats opens the store at db for the rest of the test and returns it
// with its counts.
func openStats(t *testing.T, ctx context.Context, db string) (store.Store, store.Stats) {
	t.Helper()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st, stats
}
