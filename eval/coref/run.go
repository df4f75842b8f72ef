package coref

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
)

// TestTopics are the ECB+ test topics of the standard split (Cybulska and
// Vossen 2015).
var TestTopics = topicRange(36, 45)

// DevTopics and TrainTopics are the standard development and training
// topics; they are in the full archive of the corpus, not in test/.
var (
	DevTopics   = []string{"2", "5", "12", "18", "21", "23", "34", "35"}
	TrainTopics = []string{"1", "3", "4", "6", "7", "8", "9", "10", "11", "13", "14", "16", "19", "20",
		"22", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33"}
)

func topicRange(from, to int) []string {
	var out []string
	for t := from; t <= to; t++ {
		out = append(out, strconv.Itoa(t))
	}
	return out
}

// Report is the outcome of one evaluation.
type Report struct {
	Topics       []string `json:"topics"`
	Documents    int      `json:"documents"`     // documents with validated sentences
	Mentions     int      `json:"mentions"`      // gold event mentions evaluated
	GoldClusters int      `json:"gold_clusters"` //
	Clusters     int      `json:"clusters"`      // clusters the resolver made
	Subtopics    int      `json:"subtopics"`     // document clusters found

	System        Metrics `json:"system"`         // fuse.Cluster on predicted sub-topics
	LemmaBaseline Metrics `json:"lemma_baseline"` // same lemma within predicted sub-topic
	GoldSubtopics Metrics `json:"gold_subtopics"` // fuse.Cluster on the corpus's sub-topics, for reference
}

// Run evaluates the resolver on the ECB+ test topics 36 to 45 under root,
// the ecbplus benchmark directory (with test/ and
// ECBplus_coreference_sentences.csv), and writes a table to w.
func Run(root string, w io.Writer) (Report, error) {
	c, err := LoadTopics(filepath.Join(root, "test"), filepath.Join(root, "ECBplus_coreference_sentences.csv"), TestTopics)
	if err != nil {
		return Report{}, fmt.Errorf("ecb+ eval: %w", err)
	}
	r := Assess(c, TestTopics, DefaultConfig())
	if w != nil {
		if err := r.Write(w); err != nil {
			return r, fmt.Errorf("ecb+ eval: %w", err)
		}
	}
	return r, nil
}

// Assess resolves the gold event mentions of the given topics of c with
// cfg and scores them, all topics as one meta-document as the CoNLL
// scorer is applied in the literature.
func Assess(c *Corpus, topics []string, cfg Config) Report {
	r := Report{Topics: topics}
	key, sys, base, goldSub := Partition{}, Partition{}, Partition{}, Partition{}
	gcfg := cfg
	gcfg.GoldSubtopics = true
	for _, t := range topics {
		docs := c.Topics[t]
		ms := goldMentions(docs)
		seen := map[string]bool{}
		for _, em := range ms {
			key[em.key] = em.gold
			seen[em.doc.Name] = true
		}
		r.Documents += len(seen)
		for k, v := range resolve(docs, ms, cfg) {
			sys[k] = v
		}
		for k, v := range lemmaBaseline(docs, ms, cfg) {
			base[k] = v
		}
		for k, v := range resolve(docs, ms, gcfg) {
			goldSub[k] = "g" + v
		}
		subs := map[string]bool{}
		for _, s := range subtopics(docs, cfg.DocThreshold, cfg.GoldSubtopics) {
			subs[s] = true
		}
		r.Subtopics += len(subs)
	}
	r.Mentions = len(key)
	r.GoldClusters = len(clusters(key))
	r.Clusters = len(clusters(sys))
	r.System = Evaluate(key, sys)
	r.LemmaBaseline = Evaluate(key, base)
	r.GoldSubtopics = Evaluate(key, goldSub)
	return r
}

// Write prints the report as a table of percentages.
func (r Report) Write(w io.Writer) error {
	topics := append([]string(nil), r.Topics...)
	sort.Slice(topics, func(i, j int) bool { a, _ := strconv.Atoi(topics[i]); b, _ := strconv.Atoi(topics[j]); return a < b })
	_, err := fmt.Fprintf(w, "ECB+ event coreference, gold mentions, topics %s..%s: %d documents, %d mentions, %d gold clusters, %d predicted sub-topics\n",
		first(topics), last(topics), r.Documents, r.Mentions, r.GoldClusters, r.Subtopics)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%-34s %17s %17s %17s %7s\n", "", "MUC R/P/F", "B3 R/P/F", "CEAF-e R/P/F", "CoNLL")
	row := func(name string, m Metrics) {
		f := func(s Score) string {
			return fmt.Sprintf("%5.1f %5.1f %5.1f", 100*s.Recall, 100*s.Precision, 100*s.F1)
		}
		fmt.Fprintf(w, "%-34s %17s %17s %17s %7.1f\n", name, f(m.MUC), f(m.BCubed), f(m.CEAFe), 100*m.CoNLL)
	}
	row("lemma baseline (pred. sub-topics)", r.LemmaBaseline)
	row("fuse.Cluster (pred. sub-topics)", r.System)
	_, err = fmt.Fprintf(w, "%-34s %17s %17s %17s %7.1f\n", "fuse.Cluster (gold sub-topics)", "", "", "", 100*r.GoldSubtopics.CoNLL)
	return err
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func last(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}
