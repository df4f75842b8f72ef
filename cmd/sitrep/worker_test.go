package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep/store"
)

// TestWorkerOnNATSServer runs "ingest --to" and "worker" against the NATS
// JetStream server CI runs on 127.0.0.1:4222 (or $SITREP_NATS_URL), with
// a SQLite store: every published document ends up stored and fused.
func TestWorkerOnNATSServer(t *testing.T) {
	addr := "127.0.0.1:4222"
	url := "nats://" + addr
	if u := os.Getenv("SITREP_NATS_URL"); u != "" {
		url, addr = u, ""
	}
	if addr != "" {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			t.Skipf("no NATS server at %s (CI starts one): %v", addr, err)
		}
		c.Close()
	}
	dir := t.TempDir()
	// Unique texts: JetStream drops a document hash it saw in the last 24 h.
	run := time.Now().UnixNano()
	const n = 5
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("Source: Test Wire\nPublished: 2015-10-0%d\n\nRussian warplanes struck targets near Homs on Wednesday, report %d of run %d said.\n", i+1, i, run)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "worker.db")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		root := newRoot()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs([]string{"worker", "--nats", url, "--db", db})
		done <- root.ExecuteContext(ctx)
	}()

	if out, errOut, err := sitrepCmd(t, "", "ingest", "--to", url, dir); err != nil {
		t.Fatalf("ingest --to: %v\n%s%s", err, out, errOut)
	}
	deadline := time.Now().Add(90 * time.Second)
	var stats store.Stats
	for time.Now().Before(deadline) {
		if st, err := store.Open(ctx, db); err == nil {
			stats, _ = st.Stats(ctx)
			st.Close()
			if stats.Documents == n && stats.FusedEvents > 0 {
				break
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("worker: %v", err)
	}
	if stats.Documents != n || stats.FusedEvents == 0 {
		t.Fatalf("after the worker: %d documents, %d fused events; want %d documents and some fused events", stats.Documents, stats.FusedEvents, n)
	}
}
