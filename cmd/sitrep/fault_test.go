package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/store"
)

// TestMain lets a test re-execute this binary as the sitrep command, so
// that a real process can be killed mid-run.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestIngestKilledAndRestarted kills `sitrep ingest` with SIGKILL while it
// stores documents, then runs it again: every document ends up stored once
// and whole, and nothing is half-written.
func TestIngestKilledAndRestarted(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a subprocess; skipped in -short mode")
	}
	dir := t.TempDir()
	base, err := demo.Reports()
	if err != nil {
		t.Fatal(err)
	}
	// Enough distinct documents that the kill lands mid-run.
	const copies = 4
	want := 0
	for c := 0; c < copies; c++ {
		for _, r := range base {
			d := r.Document.Doc
			body := fmt.Sprintf("Source: %s\nPublished: %s\nTitle: %s\n\n%s\nCopy %d of this report for the fault test.\n",
				d.Source, d.Published, d.Title, strings.TrimSpace(d.Raw), c)
			name := filepath.Join(dir, fmt.Sprintf("%s-%d.txt", d.ID, c))
			if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			want++
		}
	}
	db := filepath.Join(t.TempDir(), "sitrep.db")
	ingest := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "ingest", "--db", db, "--workers", "1", dir)
		cmd.Env = append(os.Environ(), "SITREP_TEST_MAIN=1")
		return cmd
	}
	ctx := context.Background()
	count := func() int {
		st, err := store.Open(ctx, db)
		if err != nil {
			return 0
		}
		defer st.Close()
		s, err := st.Stats(ctx)
		if err != nil {
			return 0
		}
		return s.Documents
	}

	first := ingest()
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for count() < 20 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	killedAt := count()
	if killedAt == 0 || killedAt >= want {
		t.Fatalf("kill did not land mid-run: %d of %d stored", killedAt, want)
	}

	out, err := ingest().CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("%d already present", killedAt)) {
		t.Errorf("second run did not skip the %d stored documents:\n%s", killedAt, out)
	}
	st, stats := openStats(t, ctx, db)
	if stats.Documents != want {
		t.Fatalf("stored %d documents after restart, want %d", stats.Documents, want)
	}
	f := store.Filter{Limit: store.MaxLimit}
	seen := 0
	for {
		page, err := st.Documents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range page.Items {
			d, err := st.Document(ctx, info.ID)
			if err != nil {
				t.Fatalf("document %s: %v", info.ID, err)
			}
			if d.Doc.Text == "" || len(d.Sentences) == 0 || len(d.Entities) == 0 {
				t.Errorf("document %s is incomplete: %d bytes, %d sentences, %d entities",
					info.ID, len(d.Doc.Text), len(d.Sentences), len(d.Entities))
			}
			seen++
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	if seen != want {
		t.Errorf("listed %d documents, want %d", seen, want)
	}
}
