package coref

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/benchdata"
)

// TestRun scores the test topics. It asserts only that the evaluation
// ran over the standard test set; the scores are printed (go test -v) and
// reported in the README.
func TestRun(t *testing.T) {
	root := benchdata.ForTest(t, "ecbplus")
	r, err := Run(root, testWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	if r.Mentions != 1780 || r.GoldClusters != 805 {
		t.Errorf("test set has %d mentions in %d gold clusters, want 1780 in 805 (the published counts)", r.Mentions, r.GoldClusters)
	}
}

// TestDev scores the development topics when the full archive has been
// unpacked and SITREP_ECB_ALL names its ECB+ directory:
//
//	tar -xJf ../shared/benchmarks/ecbplus/ECB+_all_topics.tar.xz -C /tmp
//	SITREP_ECB_ALL=/tmp/ECB+ go test ./eval/coref -run TestDev -v
func TestDev(t *testing.T) {
	dir := os.Getenv("SITREP_ECB_ALL")
	if dir == "" {
		t.Skip("SITREP_ECB_ALL not set: the training and development topics are only in the archive")
	}
	root := benchdata.ForTest(t, "ecbplus")
	for _, split := range []struct {
		name   string
		topics []string
	}{{"train", TrainTopics}, {"dev", DevTopics}} {
		c, err := LoadTopics(dir, filepath.Join(root, "ECBplus_coreference_sentences.csv"), split.topics)
		if err != nil {
			t.Fatal(err)
		}
		r := Assess(c, split.topics, DefaultConfig())
		t.Logf("%s:", split.name)
		if err := r.Write(testWriter{t}); err != nil {
			t.Fatal(err)
		}
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}
