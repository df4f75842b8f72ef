package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestScripts runs the unit checks of the page's pure modules in node:
// TopoJSON decoding and the antimeridian fix, byte offsets to string
// indexes for highlights, and which source links are allowed.
func TestScripts(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not on PATH; the page's script checks need it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "--no-warnings", filepath.Join("e2e", "unit.mjs"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node e2e/unit.mjs: %v\n%s", err, stderr.String())
	}
	var r struct {
		Checks   int      `json:"checks"`
		Failures []string `json:"failures"`
		Outlines bool     `json:"outlines"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("unit.mjs output is not JSON: %v\n%s", err, out)
	}
	if r.Checks < 20 {
		t.Errorf("only %d checks ran", r.Checks)
	}
	for _, f := range r.Failures {
		t.Error(f)
	}
	if !r.Outlines {
		t.Log("vendor files absent: the real country outlines were not checked (run make data)")
	}
}
