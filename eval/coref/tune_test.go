package coref

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/internal/benchdata"
)

// TestTune sweeps the resolver's settings on the training and development
// topics (never the test topics), logs CoNLL F1 for each and checks that
// DefaultConfig is the best of them: it is how DefaultConfig was chosen. It runs only when SITREP_ECB_ALL is set (see
// TestDev) and SITREP_ECB_TUNE=1.
func TestTune(t *testing.T) {
	dir := os.Getenv("SITREP_ECB_ALL")
	if dir == "" || os.Getenv("SITREP_ECB_TUNE") == "" {
		t.Skip("set SITREP_ECB_ALL and SITREP_ECB_TUNE=1 to tune on the training and development topics")
	}
	root := benchdata.ForTest(t, "ecbplus")
	topics := append(append([]string(nil), TrainTopics...), DevTopics...)
	c, err := LoadTopics(dir, filepath.Join(root, "ECBplus_coreference_sentences.csv"), topics)
	if err != nil {
		t.Fatal(err)
	}
	base := DefaultConfig()
	key := Partition{}
	var all []evalMention
	var fs []fuse.Features
	for _, tp := range topics {
		docs := c.Topics[tp]
		ms := goldMentions(docs)
		sub := subtopics(docs, base.DocThreshold, false)
		for _, em := range ms {
			key[em.key] = em.gold
			all = append(all, em)
			fs = append(fs, features(em, sub[em.doc.Name], base.Arguments))
		}
	}
	type setting struct{ lemma, syn, ctx, arg, pen, thr float64 }
	var grid []setting
	for _, syn := range []float64{1, 1.5, 2} {
		for _, ctx := range []float64{0.5, 1, 2} {
			for _, arg := range []float64{0.25, 0.5} {
				for _, pen := range []float64{0, 0.5} {
					for _, thr := range []float64{2, 2.5} {
						grid = append(grid, setting{2, syn, ctx, arg, pen, thr})
					}
				}
			}
		}
	}
	score := func(o fuse.Options) Metrics {
		labels := fuse.Cluster(fs, o)
		resp := Partition{}
		for i, em := range all {
			resp[em.key] = strconv.Itoa(labels[i])
		}
		return Evaluate(key, resp)
	}
	best, bestF := setting{}, 0.0
	for _, s := range grid {
		m := score(fuse.Options{LemmaWeight: s.lemma, SynonymWeight: s.syn, ContextWeight: s.ctx, ArgumentWeight: s.arg,
			ArgumentPenalty: s.pen, LinkThreshold: s.thr})
		t.Logf("%+v: MUC %.1f B3 %.1f CEAF-e %.1f CoNLL %.1f", s, 100*m.MUC.F1, 100*m.BCubed.F1, 100*m.CEAFe.F1, 100*m.CoNLL)
		if m.CoNLL > bestF {
			best, bestF = s, m.CoNLL
		}
	}
	t.Logf("best %+v: CoNLL %.1f", best, 100*bestF)
	if got := score(base.Link).CoNLL; got < bestF-1e-9 {
		t.Errorf("DefaultConfig scores CoNLL %.2f on train+dev, but %+v scores %.2f", 100*got, best, 100*bestF)
	}
}
