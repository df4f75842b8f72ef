// Package benchdata locates the public labelled benchmark sets that live
// beside the repository in ../shared/benchmarks. They are used for
// evaluation only and are never copied into the project.
package benchdata

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// EnvVar overrides the benchmarks directory.
const EnvVar = "SITREP_BENCHMARKS"

// Root returns the benchmarks directory: $SITREP_BENCHMARKS if set, else
// ../shared/benchmarks relative to the module root found by walking up from
// the working directory.
func Root() (string, error) {
	if d := os.Getenv(EnvVar); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			cand := filepath.Join(dir, "..", "shared", "benchmarks")
			if _, err := os.Stat(cand); err != nil {
				return "", errors.New("benchmarks not found at " + cand + " (set " + EnvVar + ")")
			}
			return filepath.Clean(cand), nil
		}
		if filepath.Dir(dir) == dir {
			return "", errors.New("module root not found from " + wd)
		}
	}
}

// Dir returns the named benchmark set's directory, e.g. Dir("geovirus").
func Dir(name string) (string, error) {
	root, err := Root()
	if err != nil {
		return "", err
	}
	d := filepath.Join(root, name)
	if _, err := os.Stat(d); err != nil {
		return "", err
	}
	return d, nil
}

// ForTest returns the named set's directory or skips the test with a clear
// message when ../shared is absent.
func ForTest(tb testing.TB, name string) string {
	tb.Helper()
	d, err := Dir(name)
	if err != nil {
		tb.Skipf("benchmark set %q unavailable, skipping: %v", name, err)
	}
	return d
}
