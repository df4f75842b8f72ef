package text_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
)

var _ pipeline.Stage = (*text.Stage)(nil)

func process(t testing.TB, s *text.Stage, raw string) *sitrep.Document {
	t.Helper()
	d := &sitrep.Document{Doc: sitrep.Doc{ID: "t", Raw: raw}}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatalf("Process(%q): %v", raw, err)
	}
	checkInvariants(t, d)
	return d
}

func sentenceTexts(d *sitrep.Document) []string {
	var out []string
	for _, s := range d.Sentences {
		out = append(out, d.Doc.Text[s.Start:s.End])
	}
	return out
}

func TestSegmentation(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "Russian jets struck Hama. Rebels said 12 died.",
			[]string{"Russian jets struck Hama.", "Rebels said 12 died."}},
		{"U.S. inside", "The U.S. Defense Department said the jets hit Idlib. Moscow denied it.",
			[]string{"The U.S. Defense Department said the jets hit Idlib.", "Moscow denied it."}},
		{"U.S. at end", "The strikes angered the U.S. The Kremlin shrugged.",
			[]string{"The strikes angered the U.S.", "The Kremlin shrugged."}},
		{"U.N. officials", "U.N. officials said aid was blocked. They asked for access.",
			[]string{"U.N. officials said aid was blocked.", "They asked for access."}},
		{"titles", "Mr. Putin met Mrs. Merkel and Dr. Haddad. Gen. Kartapolov briefed them.",
			[]string{"Mr. Putin met Mrs. Merkel and Dr. Haddad.", "Gen. Kartapolov briefed them."}},
		{"Lt. Col.", "Lt. Col. Ivan Petrov said the base was ready. Nothing more was said.",
			[]string{"Lt. Col. Ivan Petrov said the base was ready.", "Nothing more was said."}},
		{"months", "The campaign began on Sept. 30 and widened on Oct. 7. It continued through Nov. 20 and Jan. 5.",
			[]string{"The campaign began on Sept. 30 and widened on Oct. 7.", "It continued through Nov. 20 and Jan. 5."}},
		{"No. and St.", "Resolution No. 2254 was adopted. St. Petersburg hosted the talks.",
			[]string{"Resolution No. 2254 was adopted.", "St. Petersburg hosted the talks."}},
		{"initials", "Russian President Vladimir V. Putin spoke. John F. Kerry replied.",
			[]string{"Russian President Vladimir V. Putin spoke.", "John F. Kerry replied."}},
		{"curly quote end", "“We will respond,” he said. “This is war.” The ministry denied it.",
			[]string{"“We will respond,” he said.", "“This is war.”", "The ministry denied it."}},
		{"question in quote", "“Why now?” he asked. Nobody answered.",
			[]string{"“Why now?” he asked.", "Nobody answered."}},
		{"straight quotes", `"It is over." The rebels left.`,
			[]string{`"It is over."`, "The rebels left."}},
		{"dashes", "The talks lasted 3.5 hours — longer than planned — and ended late. Both sides left.",
			[]string{"The talks lasted 3.5 hours — longer than planned — and ended late.", "Both sides left."}},
		{"en dash", "Jets flew 20–25 sorties a day. Pilots rested.",
			[]string{"Jets flew 20–25 sorties a day.", "Pilots rested."}},
		{"exclamation", "Enough! The war must end.",
			[]string{"Enough!", "The war must end."}},
		{"paragraphs", "Headline without a stop\nFirst sentence.\n\nSecond paragraph.",
			[]string{"Headline without a stop", "First sentence.", "Second paragraph."}},
		{"hard wrap", "The ministry said the strikes\nhit twelve targets overnight.",
			[]string{"The ministry said the strikes\nhit twelve targets overnight."}},
		{"lower case after stop", "He cited the 1.5 km. figure. It was low.",
			[]string{"He cited the 1.5 km. figure.", "It was low."}},
		{"Reuters dateline", "MOSCOW, Sept 30 (Reuters) - Russian jets carried out their first strikes on Wednesday. The Kremlin said they hit Islamic State.",
			[]string{"MOSCOW, Sept 30 (Reuters) - Russian jets carried out their first strikes on Wednesday.", "The Kremlin said they hit Islamic State."}},
		{"dateline with dotted month", "MOSCOW, Sept. 30 (Reuters) - Russian jets struck. Rebels said so.",
			[]string{"MOSCOW, Sept. 30 (Reuters) - Russian jets struck.", "Rebels said so."}},
		{"AP dateline", "BEIRUT (AP) — Russian jets struck. Rebels said so.",
			[]string{"BEIRUT (AP) — Russian jets struck.", "Rebels said so."}},
		{"a.m. inside", "The plane was hit at 9.24 a.m. Moscow time. The pilots ejected.",
			[]string{"The plane was hit at 9.24 a.m. Moscow time.", "The pilots ejected."}},
		{"p.m. at end", "The strikes began at 6 a.m. on Wednesday and ended at 9 p.m. The ministry said so.",
			[]string{"The strikes began at 6 a.m. on Wednesday and ended at 9 p.m.", "The ministry said so."}},
		{"ranks", "Maj. Gen. Igor Konashenkov spoke. Brig. Gen. Smith and Sen. John McCain disagreed. Rep. Adam Schiff and Gov. Brown too.",
			[]string{"Maj. Gen. Igor Konashenkov spoke.", "Brig. Gen. Smith and Sen. John McCain disagreed.", "Rep. Adam Schiff and Gov. Brown too."}},
		{"Col. Gen.", "Col. Gen. Andrei Kartapolov briefed reporters. He showed maps.",
			[]string{"Col. Gen. Andrei Kartapolov briefed reporters.", "He showed maps."}},
		{"etc. at end", "Russia, Iran, etc. backed Assad. The U.S. did not.",
			[]string{"Russia, Iran, etc. backed Assad.", "The U.S. did not."}},
		{"e.g. and i.e.", "Some states (e.g. Qatar) funded rebels. Others, i.e. Iran, funded Assad.",
			[]string{"Some states (e.g. Qatar) funded rebels.", "Others, i.e. Iran, funded Assad."}},
		{"Sept. at end", "He was sent to Syria in Sept. The deployment was secret.",
			[]string{"He was sent to Syria in Sept.", "The deployment was secret."}},
		{"vs.", "Russia vs. the West: the contest went on. It was 3.5 times bigger.",
			[]string{"Russia vs. the West: the contest went on.", "It was 3.5 times bigger."}},
		{"Jr.", "Martin Luther King Jr. was quoted. Nobody cared.",
			[]string{"Martin Luther King Jr. was quoted.", "Nobody cared."}},
		{"quote after colon", "He said: “We will respond.” Then he left.",
			[]string{"He said: “We will respond.”", "Then he left."}},
		{"straight single quotes", "'We will respond,' he said. 'It is war.'",
			[]string{"'We will respond,' he said.", "'It is war.'"}},
		{"quote ending sentence", `"We will respond," he said. Moscow denied it.`,
			[]string{`"We will respond," he said.`, "Moscow denied it."}},
		{"ellipsis", "Lavrov met Kerry… The talks failed. Lavrov met Kerry... and the talks failed.",
			[]string{"Lavrov met Kerry…", "The talks failed.", "Lavrov met Kerry... and the talks failed."}},
		{"missing space", "He spoke to Reuters on Wednesday.Officials declined to comment.",
			[]string{"He spoke to Reuters on Wednesday.", "Officials declined to comment."}},
		{"initials opening a sentence", "J. Smith wrote it. A. B. Jones edited.",
			[]string{"J. Smith wrote it.", "A. B. Jones edited."}},
		{"several initials", "Vladimir V. Putin and Barack H. Obama met at the U.N. in New York.",
			[]string{"Vladimir V. Putin and Barack H. Obama met at the U.N. in New York."}},
		{"No. alone", "He is No. 2 in the hierarchy. No. The answer was no.",
			[]string{"He is No. 2 in the hierarchy.", "No.", "The answer was no."}},
		{"parenthesis", "The rebels (who denied it.) withdrew. Next day they returned.",
			[]string{"The rebels (who denied it.) withdrew.", "Next day they returned."}},
		{"U.S. Senator", "The plan was backed by U.S. Senator John McCain. The U.N. envoy disagreed.",
			[]string{"The plan was backed by U.S. Senator John McCain.", "The U.N. envoy disagreed."}},
		{"host name at the end", "The text is on www.example.org. Names were withheld.",
			[]string{"The text is on www.example.org.", "Names were withheld."}},
		{"percent", "Prices rose 2.5%. Exports fell 3.1 percent.",
			[]string{"Prices rose 2.5%.", "Exports fell 3.1 percent."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := process(t, s, tt.in)
			if got := sentenceTexts(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestMaxSentenceLen(t *testing.T) {
	s := newStage(t, text.WithMaxSentenceLen(100))
	in := strings.Repeat("word after word, and more words ", 40)
	d := process(t, s, in)
	if len(d.Sentences) < 12 {
		t.Fatalf("got %d sentences, want the run cut into at least 12", len(d.Sentences))
	}
	for _, se := range d.Sentences {
		if se.Len() > 100 {
			t.Errorf("sentence of %d bytes exceeds limit", se.Len())
		}
	}
}

func tokenTexts(d *sitrep.Document) []string {
	var out []string
	for _, s := range d.Sentences {
		for _, tk := range s.Tokens {
			out = append(out, tk.Text)
		}
	}
	return out
}

func TestTokens(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		in   string
		want []string
	}{
		{"The U.S. and U.N. said Mr. Putin erred.",
			[]string{"The", "U.S.", "and", "U.N.", "said", "Mr.", "Putin", "erred", "."}},
		{"About 1,500 troops and 3.5 tonnes arrived.",
			[]string{"About", "1,500", "troops", "and", "3.5", "tonnes", "arrived", "."}},
		{"Bashar al-Assad met a three-star general.",
			[]string{"Bashar", "al-Assad", "met", "a", "three-star", "general", "."}},
		{"“It’s over,” he said — finally.",
			[]string{"“", "It", "’s", "over", ",", "”", "he", "said", "—", "finally", "."}},
		{"Assad's forces didn't retreat; the rebels' lines held.",
			[]string{"Assad", "'s", "forces", "did", "n't", "retreat", ";", "the", "rebels", "'", "lines", "held", "."}},
		{"The U.S.-led coalition flew 20–25 sorties (about 10%) at $2.5m each...",
			[]string{"The", "U.S.-led", "coalition", "flew", "20", "–", "25", "sorties", "(", "about", "10", "%", ")", "at", "$", "2.5m", "each", "..."}},
		{"Su-24 jets hit Jisr al-Shughour, Idlib,Hama.",
			[]string{"Su-24", "jets", "hit", "Jisr", "al-Shughour", ",", "Idlib", ",", "Hama", "."}},
		{"MOSCOW, Sept 30 (Reuters) - Jets struck.",
			[]string{"MOSCOW", ",", "Sept", "30", "(", "Reuters", ")", "-", "Jets", "struck", "."}},
		{"Hit at 9.24 a.m. on Wednesday.Officials said Lt. Col. Petrov’s jet fell.",
			[]string{"Hit", "at", "9.24", "a.m.", "on", "Wednesday", ".", "Officials", "said", "Lt.", "Col.", "Petrov", "’s", "jet", "fell", "."}},
		{"St.Petersburg, e.g. the Ph.D. holder, Jr. and U.S.",
			[]string{"St.Petersburg", ",", "e.g.", "the", "Ph.D.", "holder", ",", "Jr.", "and", "U.S."}},
		{"‘Never,’ he said – “never”.",
			[]string{"‘", "Never", ",", "’", "he", "said", "–", "“", "never", "”", "."}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := process(t, s, tt.in)
			if got := tokenTexts(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tokens\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPOS(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		in   string
		want map[string]string // token -> tag
	}{
		{"Russian warplanes struck rebel positions near Hama on Thursday.",
			map[string]string{"warplanes": "NNS", "struck": "VBD", "near": "IN", "Hama": "NNP", "Thursday": "NNP", ".": "."}},
		{"The ministry said it had destroyed 12 targets.",
			map[string]string{"The": "DT", "ministry": "NN", "said": "VBD", "it": "PRP", "had": "VBD", "destroyed": "VBN", "12": "CD"}},
		{"“We will respond,” he said.",
			map[string]string{"“": "``", "We": "PRP", "will": "MD", "”": "''", ",": ","}},
		{"Assad's army didn't advance — it retreated.",
			map[string]string{"Assad": "NNP", "'s": "POS", "n't": "RB", "—": ":"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := process(t, s, tt.in)
			for _, se := range d.Sentences {
				for _, tk := range se.Tokens {
					if tk.POS == "" {
						t.Errorf("token %q has no tag", tk.Text)
					}
					if want, ok := tt.want[tk.Text]; ok && tk.POS != want {
						t.Errorf("%q tagged %s, want %s", tk.Text, tk.POS, want)
					}
				}
			}
		})
	}
}

func TestNoTagging(t *testing.T) {
	s := newStage(t, text.WithTagging(false))
	d := process(t, s, "Russian jets struck Hama. Rebels said 12 died.")
	if len(d.Sentences) != 2 {
		t.Fatalf("got %d sentences", len(d.Sentences))
	}
	for _, tk := range d.Sentences[0].Tokens {
		if tk.POS != "" {
			t.Errorf("token %q tagged %q with tagging off", tk.Text, tk.POS)
		}
	}
}

func TestErrors(t *testing.T) {
	s := newStage(t, text.WithMaxBytes(1000))
	tests := []struct {
		name string
		raw  string
		want error
	}{
		{"empty", "", sitrep.ErrEmpty},
		{"white space", " \n\t\r\n ", sitrep.ErrEmpty},
		{"only boilerplate", "Advertisement\nShare on Facebook", sitrep.ErrEmpty},
		{"invalid UTF-8", "Russian jets \xff\xfe struck.", sitrep.ErrNotUTF8},
		{"NUL", "Russian jets\x00 struck.", sitrep.ErrBinary},
		{"control characters", strings.Repeat("\x01\x02\x03a", 20), sitrep.ErrBinary},
		{"too large", strings.Repeat("a ", 600), sitrep.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &sitrep.Document{Doc: sitrep.Doc{Raw: tt.raw}}
			err := s.Process(context.Background(), d)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestTextWithoutRaw(t *testing.T) {
	s := newStage(t)
	d := &sitrep.Document{Doc: sitrep.Doc{Text: "By Jane Doe\n" + anchor}}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Doc.Text != anchor || len(d.Doc.Dropped) != 1 || len(d.Sentences) != 1 {
		t.Errorf("Text %q, %d dropped, %d sentences; want the anchor, 1, 1", d.Doc.Text, len(d.Doc.Dropped), len(d.Sentences))
	}
}

func TestArticle(t *testing.T) {
	s := newStage(t)
	raw, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := process(t, s, string(raw))
	reasons := map[string]bool{}
	for _, dl := range d.Doc.Dropped {
		reasons[dl.Reason] = true
	}
	for _, r := range []string{"byline", "share button", "advertisement", "related-story teaser", "copyright", "tag list", "newsletter notice"} {
		if !reasons[r] {
			t.Errorf("no line dropped as %q", r)
		}
	}
	for _, keep := range []string{"By dawn on Thursday", "Lt. Col. Igor Klimov", "Vladimir V. Putin has said"} {
		if !strings.Contains(d.Doc.Text, keep) {
			t.Errorf("article line with %q was dropped", keep)
		}
	}
	if len(d.Doc.Flags.Opinion) != 0 {
		t.Errorf("straight report flagged opinion sentences %v", d.Doc.Flags.Opinion)
	}
	if d.Doc.Flags.LowCoherence {
		t.Errorf("coherent article flagged low coherence (%.2f)", d.Doc.Flags.Coherence)
	}
}

// checkInvariants asserts the properties every processed document has.
func checkInvariants(t testing.TB, d *sitrep.Document) {
	t.Helper()
	txt := d.Doc.Text
	if !utf8.ValidString(txt) {
		t.Fatalf("Text is not valid UTF-8")
	}
	onRune := func(off int) bool {
		return off == len(txt) || off >= 0 && off < len(txt) && utf8.RuneStart(txt[off])
	}
	prevEnd := 0
	for i, s := range d.Sentences {
		if s.Start < prevEnd || s.Start >= s.End || s.End > len(txt) {
			t.Fatalf("sentence %d span %v out of order or bounds (prev end %d, len %d)", i, s.Span, prevEnd, len(txt))
		}
		if !onRune(s.Start) || !onRune(s.End) {
			t.Fatalf("sentence %d span %v not on rune boundaries", i, s.Span)
		}
		st := txt[s.Start:s.End]
		if strings.TrimSpace(st) != st {
			t.Fatalf("sentence %d %q has surrounding white space", i, st)
		}
		if len(s.Tokens) == 0 {
			t.Fatalf("sentence %d has no tokens", i)
		}
		if s.Tokens[0].Start != s.Start || s.Tokens[len(s.Tokens)-1].End != s.End {
			t.Fatalf("sentence %d span %v does not match its tokens", i, s.Span)
		}
		tprev := s.Start
		for _, tk := range s.Tokens {
			if tk.Start < tprev || tk.Start >= tk.End || !s.Contains(tk.Span) {
				t.Fatalf("token %q %v out of order or outside sentence %v", tk.Text, tk.Span, s.Span)
			}
			if !onRune(tk.Start) || !onRune(tk.End) {
				t.Fatalf("token %v not on rune boundaries", tk.Span)
			}
			if txt[tk.Start:tk.End] != tk.Text {
				t.Fatalf("token text %q != Text[%d:%d] %q", tk.Text, tk.Start, tk.End, txt[tk.Start:tk.End])
			}
			tprev = tk.End
		}
		prevEnd = s.End
	}
	for _, i := range d.Doc.Flags.Opinion {
		if i < 0 || i >= len(d.Sentences) {
			t.Fatalf("opinion index %d out of range", i)
		}
	}
	if c := d.Doc.Flags.Coherence; c < 0 || c > 1 {
		t.Fatalf("coherence %v outside 0..1", c)
	}
	// Kept and dropped lines account for every non-blank line of Raw, in
	// order.
	raw := strings.Split(d.Doc.Raw, "\n")
	kept := strings.Split(d.Doc.Text, "\n")
	k, dr := 0, 0
	for n, line := range raw {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if dr < len(d.Doc.Dropped) && d.Doc.Dropped[dr].Line == n+1 {
			if d.Doc.Dropped[dr].Text != line {
				t.Fatalf("dropped line %d text %q, Raw has %q", n+1, d.Doc.Dropped[dr].Text, line)
			}
			dr++
			continue
		}
		for k < len(kept) && strings.TrimSpace(kept[k]) == "" {
			k++
		}
		if k >= len(kept) || kept[k] != line {
			t.Fatalf("Raw line %d %q neither kept nor dropped", n+1, line)
		}
		k++
	}
	if dr != len(d.Doc.Dropped) {
		t.Fatalf("%d dropped lines not in Raw order", len(d.Doc.Dropped)-dr)
	}
}

func FuzzProcess(f *testing.F) {
	for _, seed := range []string{
		anchor,
		"By Jane Doe\nMr. Putin met Lt. Col. Petrov. “Why?” he asked.\n\nAdvertisement",
		"The U.S.-led coalition flew 20–25 sorties — about 1,500 — in 3.5 days...",
		"Assad's army didn't advance; the rebels' lines held!",
		"\r\n\r\nword\r\n",
		"a.b.c. d. E. F.G. ’s n't —",
		"ﬁ ß İ Σ ǅ \u200b \ufeff \u0301a",
		"Russian jets \xff\xfe struck.",
		"\xc3\x28 Mr.\xe2\x82 U.S.",
		"MOSCOW, Sept 30 (Reuters) - Jets struck at 6 a.m.\nRead more:\nHeadline one\nIndependent journalism needs your support. Donate today…",
		"Home | World | Syria\nSeptember 30, 2015\nBEIRUT (AP) —\nHe spoke on Wednesday.Officials left. A. B. Jones",
		strings.Repeat("x", 300) + " " + strings.Repeat("word, ", 60),
		"\x00NUL",
	} {
		f.Add(seed)
	}
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	const maxSentence = 200
	s := newStage(f, text.WithMaxSentenceLen(maxSentence), text.WithMaxBytes(1<<20))
	f.Fuzz(func(t *testing.T, raw string) {
		d := &sitrep.Document{Doc: sitrep.Doc{Raw: raw}}
		if err := s.Process(context.Background(), d); err != nil {
			if d.Sentences != nil {
				t.Fatalf("error %v, yet sentences were set", err)
			}
			if !utf8.ValidString(raw) && !errors.Is(err, sitrep.ErrNotUTF8) && !errors.Is(err, sitrep.ErrBinary) {
				t.Fatalf("invalid UTF-8 gave %v", err)
			}
			for _, e := range []error{sitrep.ErrEmpty, sitrep.ErrNotUTF8, sitrep.ErrBinary, sitrep.ErrTooLarge} {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("unexpected error %v", err)
		}
		checkInvariants(t, d)
		for i, se := range d.Sentences {
			if se.Len() > maxSentence && len(se.Tokens) > 1 {
				t.Fatalf("sentence %d: %d bytes in %d tokens exceeds the limit %d", i, se.Len(), len(se.Tokens), maxSentence)
			}
		}
		// Same input, same output.
		again := &sitrep.Document{Doc: sitrep.Doc{Raw: raw}}
		if err := s.Process(context.Background(), again); err != nil {
			t.Fatalf("second run failed: %v", err)
		}
		if !reflect.DeepEqual(again.Sentences, d.Sentences) || !reflect.DeepEqual(again.Doc.Dropped, d.Doc.Dropped) {
			t.Fatalf("second run differs")
		}
	})
}

func BenchmarkProcess(b *testing.B) {
	raw, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := newStage(b)
	process(b, s, string(raw)) // load the tagger outside the timing
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for b.Loop() {
		d := &sitrep.Document{Doc: sitrep.Doc{Raw: string(raw)}}
		if err := s.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
