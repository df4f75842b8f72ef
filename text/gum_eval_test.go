package text

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/benchdata"
)

// gumDoc is one GUM news document rebuilt as text: the gold sentences
// detokenized and joined, a line per heading.
type gumDoc struct {
	name string
	raw  string
	ends map[int]bool // byte offsets where gold sentences end
	sent []string
}

// detokenize joins GUM's space-separated tokens the way news text is
// written: no space before closing punctuation and clitics, none after
// opening brackets, hyphens between words closed up, straight quotes
// alternately opening and closing.
// open carries the straight-quote state across sentences and is updated.
func detokenize(toks []string, open *bool) string {
	var b strings.Builder
	noSpaceBefore := func(t string) bool {
		switch t {
		case ",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "’s", "n’t", "’re", "’ll", "’ve", "’d", "...":
			return true
		}
		return false
	}
	glue := false // the next token attaches to the previous one
	for i, t := range toks {
		space := i > 0 && !glue && !noSpaceBefore(t)
		if t == "-" && i > 0 && i+1 < len(toks) && isAlnumString(toks[i-1]) && isAlnumString(toks[i+1]) {
			space = false
		}
		if i > 0 && toks[i-1] == "-" && i > 1 && isAlnumString(toks[i-2]) && isAlnumString(t) {
			space = false
		}
		if t == `"` {
			if *open {
				space = false
			}
			*open = !*open
		}
		if space {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		glue = t == "(" || t == "[" || t == "$" || t == `"` && *open
	}
	return b.String()
}

func isAlnumString(s string) bool {
	for _, r := range s {
		if !isAlnum(r) {
			return false
		}
	}
	return s != ""
}

func readGUM(t *testing.T) []gumDoc {
	dir := filepath.Join(benchdata.ForTest(t, "gum_news"), "tsv")
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil || len(files) == 0 {
		t.Skipf("no GUM tsv files in %s: %v", dir, err)
	}
	var docs []gumDoc
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		d := gumDoc{name: filepath.Base(f), ends: map[int]bool{}}
		var b strings.Builder
		quoted := false
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line, ok := strings.CutPrefix(sc.Text(), "#Text=")
			if !ok {
				continue
			}
			s := detokenize(strings.Fields(line), &quoted)
			if b.Len() > 0 {
				// A sentence without final punctuation is a heading or
				// dateline, on a line of its own in the page.
				prev := d.sent[len(d.sent)-1]
				if strings.ContainsAny(prev[len(prev)-1:], ".?!\"”'’)") {
					b.WriteByte(' ')
				} else {
					b.WriteByte('\n')
				}
			}
			b.WriteString(s)
			d.ends[b.Len()] = true
			d.sent = append(d.sent, s)
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		d.raw = b.String()
		docs = append(docs, d)
	}
	return docs
}

// TestGUMSentences scores sentence boundaries on the news documents of
// GUM (Wikinews, CC BY 2.5), rebuilt from their gold sentences. It
// reports boundary precision and recall and fails only below a floor.
func TestGUMSentences(t *testing.T) {
	docs := readGUM(t)
	s, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	var tp, fp, fn, exact, gold int
	for _, d := range docs {
		var sents []sentSpan
		for _, p := range paragraphs(d.raw) {
			for _, se := range s.seg.split(d.raw, p, nil) {
				sents = append(sents, sentSpan{se.Start, se.End})
			}
		}
		pred := map[int]bool{}
		for _, se := range sents {
			pred[se.end] = true
		}
		for e := range pred {
			if d.ends[e] {
				tp++
			} else {
				fp++
				if testing.Verbose() {
					t.Logf("%s: false break: %q", d.name, window(d.raw, e))
				}
			}
		}
		for e := range d.ends {
			if !pred[e] {
				fn++
				if testing.Verbose() {
					t.Logf("%s: missed break: %q", d.name, window(d.raw, e))
				}
			}
		}
		// Exact sentences: both ends right.
		starts := map[int]bool{0: true}
		for e := range d.ends {
			starts[e] = true
		}
		for _, se := range sents {
			start := se.start
			for start > 0 && (d.raw[start-1] == ' ' || d.raw[start-1] == '\n') {
				start--
			}
			if starts[start] && d.ends[se.end] {
				exact++
			}
		}
		gold += len(d.ends)
	}
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	f := 2 * p * r / max(p+r, 1e-9)
	t.Logf("GUM news: %d documents, %d gold sentences; boundary precision %.3f, recall %.3f, F1 %.3f; %d sentences exact (%.3f)",
		len(docs), gold, p, r, f, exact, float64(exact)/float64(gold))
	// 0.989 at the time of writing; the floor catches regressions.
	if f < 0.97 {
		t.Errorf("boundary F1 %.3f below 0.97", f)
	}
}

type sentSpan struct{ start, end int }

func window(s string, i int) string {
	lo, hi := max(i-40, 0), min(i+30, len(s))
	return s[lo:i] + "|" + s[i:hi]
}
