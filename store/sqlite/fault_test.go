package sqlite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
	"github.com/sitrep/sitrep/store/internal/sqlstore"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/store/storetest"
)

// crashDocs is how many documents the crash test's ingest would write if
// nothing stopped it; the child is killed long before.
const crashDocs = 2000

// crashEnv names the database the re-executed test binary writes to.
const crashEnv = "SITREP_CRASH_CHILD_DB"

// bigDoc is fixture document i with its events repeated, so that one
// document takes many statements to write and a kill is likely to land
// inside its transaction.
func bigDoc(i int) *sitrep.Document {
	d := storetest.Doc(i)
	base := d.Events
	d.Events = nil
	for k := range 150 {
		for _, e := range base {
			e.ID = fmt.Sprintf("e%d", len(d.Events)+1)
			e.Confidence = float64(k%10) / 10
			d.Events = append(d.Events, e)
		}
	}
	return d
}

// TestCrashChild is the child process of TestCrashMidIngest: it writes
// documents in a loop and reports each commit on stdout. It does nothing
// when run as an ordinary test.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("child of TestCrashMidIngest; runs only when re-executed by it")
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	for i := range crashDocs {
		fmt.Printf("begin %d\n", i)
		if _, err := s.PutDocument(ctx, bigDoc(i)); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Printf("committed %d\n", i)
	}
	os.Exit(0)
}

// TestCrashMidIngest kills a process that is writing documents, then
// checks that every document it reported committed is there, that no
// document is there in part, and that running the ingest again completes
// the rest.
func TestCrashMidIngest(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip("in the child")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	// Create the schema first so the child starts writing at once.
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	const killAfter = 5 // commits seen before the kill
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := map[int]bool{}
	inFlight := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var n int
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child failed: %s", line)
		}
		if _, err := fmt.Sscanf(line, "committed %d", &n); err == nil {
			committed[n] = true
			inFlight = -1
		} else if _, err := fmt.Sscanf(line, "begin %d", &n); err == nil {
			inFlight = n
		}
		// Kill once the child has started the document after the
		// killAfter-th: it is then most likely inside its transaction.
		if len(committed) >= killAfter && inFlight >= 0 {
			break
		}
	}
	// SIGKILL: no deferred function, no rollback, no clean close.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	t.Logf("killed the writer after %d commits (document %d in flight)", len(committed), inFlight)

	ctx := context.Background()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after the crash: %v", err)
	}
	defer s.Close()
	checkWhole(t, s, bigDoc)
	for n := range committed {
		if _, err := s.Document(ctx, fmt.Sprintf("doc-%03d", n)); err != nil {
			t.Errorf("document %d was committed before the crash but is gone: %v", n, err)
		}
	}

	// The next run stores the rest and skips what is there.
	const total = killAfter + 5
	stored, skipped := 0, 0
	for i := range total {
		ok, err := s.PutDocument(ctx, bigDoc(i))
		if err != nil {
			t.Fatalf("second run, document %d: %v", i, err)
		}
		if ok {
			stored++
		} else {
			skipped++
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents < total || skipped < len(committed) {
		t.Errorf("second run: %d stored, %d skipped, %d documents in all; want at least %d, with the %d committed ones skipped",
			stored, skipped, st.Documents, total, len(committed))
	}
	checkWhole(t, s, bigDoc)
}

// checkWhole fails for any stored document that is not exactly the one
// that was written: every layer row present, the record intact.
func checkWhole(t *testing.T, s *sqlstore.DB, written func(int) *sitrep.Document) {
	t.Helper()
	rows, err := s.SQL().Query(`SELECT d.id, d.n_entities, d.n_places, d.n_events,
		(SELECT COUNT(*) FROM entities x WHERE x.doc_id = d.id),
		(SELECT COUNT(*) FROM places p WHERE p.doc_id = d.id),
		(SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id)
		FROM documents d`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		var ne, np, nv, ce, cp, cv int
		if err := rows.Scan(&id, &ne, &np, &nv, &ce, &cp, &cv); err != nil {
			t.Fatal(err)
		}
		if ne != ce || np != cp || nv != cv {
			t.Errorf("document %s is half-stored: entities %d/%d, places %d/%d, events %d/%d", id, ce, ne, cp, np, cv, nv)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	for _, id := range ids {
		var i int
		if _, err := fmt.Sscanf(id, "doc-%d", &i); err != nil {
			t.Fatalf("unexpected document %s", id)
		}
		got, err := s.Document(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(written(i))
		if string(a) != string(b) {
			t.Errorf("document %s differs from what was written", id)
		}
	}
}

// TestReadOnlyMode opens a database with mode=ro: reads work, and every
// write fails with ErrReadOnly and a message saying so.
func TestReadOnlyMode(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutDocument(ctx, storetest.Doc(0)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	ro, err := store.Open(ctx, "sqlite:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Document(ctx, "doc-000"); err != nil {
		t.Errorf("read from a read-only database: %v", err)
	}
	_, err = ro.PutDocument(ctx, storetest.Doc(1))
	if !errors.Is(err, store.ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("PutDocument on mode=ro: %v, want ErrReadOnly", err)
	}
	if _, err := ro.DeleteDocument(ctx, "doc-000"); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("DeleteDocument on mode=ro: %v, want ErrReadOnly", err)
	}
	if err := ro.PutSituation(ctx, storetest.Situation([]*sitrep.Document{storetest.Doc(0)})); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("PutSituation on mode=ro: %v, want ErrReadOnly", err)
	}
	if _, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "missing.db")+"?mode=ro"); err == nil {
		t.Error("mode=ro created a missing database")
	}
	if _, err := store.Open(ctx, "sqlite:"+path+"?cache=shared"); err == nil {
		t.Error("unknown URL parameter accepted")
	}
}

// TestReadOnlyFile opens a database file the process may not write.
func TestReadOnlyFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which file permissions do not restrict; TestReadOnlyMode covers the error")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "ro.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, p := range []string{path, dir} {
		if err := os.Chmod(p, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		if !strings.Contains(err.Error(), path) {
			t.Errorf("open error does not name the file: %v", err)
		}
		return
	}
	defer s.Close()
	if _, err := s.PutDocument(ctx, storetest.Doc(0)); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("PutDocument to a write-protected file: %v, want ErrReadOnly", err)
	}
}

// TestDiskFull caps the database's size, which makes SQLite fail the way
// it does on a full disk (SQLITE_FULL): the write fails with ErrFull and
// the documents stored before stay whole.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "full.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db := s.SQL()
	db.SetMaxOpenConns(1) // the page limit is per connection
	var pages int
	if err := db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+40)); err != nil {
		t.Fatal(err)
	}
	var full error
	stored := 0
	for i := range 2000 {
		if _, err := s.PutDocument(ctx, storetest.Doc(i)); err != nil {
			full = err
			break
		}
		stored++
	}
	if !errors.Is(full, store.ErrFull) || !strings.Contains(full.Error(), "full") {
		t.Fatalf("after %d documents: error %v, want ErrFull", stored, full)
	}
	t.Logf("full after %d documents: %v", stored, full)
	if stored == 0 {
		t.Error("no document fitted; the test's size limit is too small to show anything")
	}
	checkWhole(t, s, storetest.Doc)
}
