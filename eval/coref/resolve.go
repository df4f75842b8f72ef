package coref

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/fuse"
)

// Config sets the resolver. The zero value means the defaults, which were
// chosen on the ECB+ training and development topics (1 to 35), never on
// the test topics.
type Config struct {
	// Link is passed to fuse.Cluster.
	Link fuse.Options
	// DocThreshold is the average cosine similarity of tf-idf vectors at
	// which document clusters of a topic are merged into one sub-topic.
	DocThreshold float64
	// GoldSubtopics groups documents by the corpus's own sub-topic (ecb
	// versus ecbplus files) instead of clustering them: an upper bound
	// for the document clustering, reported for reference.
	GoldSubtopics bool
	// Arguments selects where argument keys come from: "markables" (the
	// participant, time and location mentions annotated in the sentence)
	// or "none".
	Arguments string
}

// DefaultConfig is the configuration chosen on the training and
// development topics.
func DefaultConfig() Config {
	return Config{
		Link: fuse.Options{
			LemmaWeight:    2,
			SynonymWeight:  2,
			ContextWeight:  0.5,
			ArgumentWeight: 0.25,
			LinkThreshold:  2,
		},
		DocThreshold: 0.06,
		Arguments:    "none",
	}
}

// evalMention is one gold event mention to be resolved.
type evalMention struct {
	doc  *Document
	m    *Mention
	key  string // doc:m_id
	gold string
}

// goldMentions returns the event mentions of validated sentences.
func goldMentions(docs []*Document) []evalMention {
	var out []evalMention
	for _, d := range docs {
		for i := range d.Mentions {
			m := &d.Mentions[i]
			if !m.IsEvent() || !d.Validated[m.Sentence(d)] {
				continue
			}
			out = append(out, evalMention{doc: d, m: m, key: d.Name + ":" + m.ID, gold: m.Cluster})
		}
	}
	return out
}

var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of in on at to for from by with and or but is are was were be been
		being has have had it its this that these those as said says say told he she they we i you his her
		their our not no will would could should may might also after before over into than which who whom
		what when where while there here about against during`) {
		stop[w] = true
	}
}

// contentWord reports whether a token is worth comparing.
func contentWord(w string) bool {
	if len(w) < 3 || stop[strings.ToLower(w)] {
		return false
	}
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// subtopics clusters a topic's documents by average-link agglomeration of
// their tf-idf vectors and returns a sub-topic label per document name.
func subtopics(docs []*Document, threshold float64, gold bool) map[string]string {
	out := map[string]string{}
	if gold {
		for _, d := range docs {
			out[d.Name] = d.Topic + map[bool]string{false: "ecb", true: "ecbplus"}[d.Plus]
		}
		return out
	}
	vecs := make([]map[string]float64, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		tf := map[string]float64{}
		for _, t := range d.Tokens {
			if contentWord(t.Text) {
				tf[fuse.Lemma(t.Text)]++
			}
		}
		for w := range tf {
			df[w]++
		}
		vecs[i] = tf
	}
	n := float64(len(docs))
	for _, v := range vecs {
		norm := 0.0
		for w, c := range v {
			x := (1 + math.Log(c)) * math.Log((n+1)/float64(df[w]))
			v[w] = x
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for w := range v {
			if norm > 0 {
				v[w] /= norm
			}
		}
	}
	cos := func(a, b map[string]float64) float64 {
		if len(a) > len(b) {
			a, b = b, a
		}
		s := 0.0
		for w, x := range a {
			s += x * b[w]
		}
		return s
	}
	sim := make([][]float64, len(docs))
	for i := range sim {
		sim[i] = make([]float64, len(docs))
		for j := range sim[i] {
			sim[i][j] = cos(vecs[i], vecs[j])
		}
	}
	groups := make([][]int, len(docs))
	for i := range groups {
		groups[i] = []int{i}
	}
	for {
		bi, bj, best := -1, -1, threshold
		for i := range groups {
			for j := i + 1; j < len(groups); j++ {
				s := 0.0
				for _, a := range groups[i] {
					for _, b := range groups[j] {
						s += sim[a][b]
					}
				}
				s /= float64(len(groups[i]) * len(groups[j]))
				if s >= best {
					bi, bj, best = i, j, s
				}
			}
		}
		if bi < 0 {
			break
		}
		groups[bi] = append(groups[bi], groups[bj]...)
		groups = append(groups[:bj], groups[bj+1:]...)
	}
	for _, g := range groups {
		sort.Ints(g)
		label := docs[g[0]].Name
		for _, i := range g {
			out[docs[i].Name] = label
		}
	}
	return out
}

// features builds fuse.Features for a gold event mention.
func features(em evalMention, group string, args string) fuse.Features {
	d, m := em.doc, em.m
	sent := m.Sentence(d)
	f := fuse.Features{
		Group:    group,
		Doc:      d.Name,
		Sentence: sent,
		Lemma:    fuse.TriggerLemma(m.Text(d)),
		Text:     d.SentenceText(sent),
	}
	if args == "markables" {
		for i := range d.Mentions {
			a := &d.Mentions[i]
			if a.IsEvent() || a.Sentence(d) != sent {
				continue
			}
			role := -1
			switch {
			case strings.HasPrefix(a.Tag, "HUMAN_PART"):
				role = fuse.RoleActor
			case strings.HasPrefix(a.Tag, "NON_HUMAN_PART"):
				role = fuse.RoleTarget
			case strings.HasPrefix(a.Tag, "LOC_"):
				role = fuse.RolePlace
			case strings.HasPrefix(a.Tag, "TIME_"):
				role = fuse.RoleTime
			}
			if role < 0 {
				continue
			}
			for _, t := range a.Tokens {
				if w := d.Tokens[t].Text; contentWord(w) {
					f.Args[role] = append(f.Args[role], fuse.Lemma(w))
				}
			}
		}
	}
	return f
}

// resolve clusters the gold event mentions of one topic and returns the
// response partition.
func resolve(docs []*Document, ms []evalMention, cfg Config) Partition {
	sub := subtopics(docs, cfg.DocThreshold, cfg.GoldSubtopics)
	fs := make([]fuse.Features, len(ms))
	for i, em := range ms {
		fs[i] = features(em, sub[em.doc.Name], cfg.Arguments)
	}
	labels := fuse.Cluster(fs, cfg.Link)
	p := Partition{}
	topic := ""
	if len(docs) > 0 {
		topic = docs[0].Topic
	}
	for i, em := range ms {
		p[em.key] = topic + "/" + strconv.Itoa(labels[i])
	}
	return p
}

// lemmaBaseline links the mentions of one sub-topic that share a trigger
// lemma: the usual baseline of the literature.
func lemmaBaseline(docs []*Document, ms []evalMention, cfg Config) Partition {
	sub := subtopics(docs, cfg.DocThreshold, cfg.GoldSubtopics)
	p := Partition{}
	for _, em := range ms {
		p[em.key] = sub[em.doc.Name] + "/" + fuse.TriggerLemma(em.m.Text(em.doc))
	}
	return p
}
