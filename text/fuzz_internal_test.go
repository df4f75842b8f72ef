package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzTokenize feeds arbitrary bytes, invalid UTF-8 included, to the
// tokenizer and the segmenter, which Process only ever calls on valid
// text: neither may panic, and tokens must be non-empty, ordered and in
// bounds.
func FuzzTokenize(f *testing.F) {
	for _, seed := range []string{
		"The U.S.-led coalition flew 20–25 sorties.",
		"Mr. Putin met Lt. Col. Petrov. “Why?” he asked.",
		"a\xffb.\xc3 U.S\x80. n't ’s",
		"Wednesday.Officials A. B. Jones 9.24 a.m.",
		"",
	} {
		f.Add(seed)
	}
	s, err := New(WithTagging(false), WithMaxSentenceLen(50))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		toks := tokenize(in, 0, len(in), s.seg.abbrevs, nil)
		prev := 0
		for _, tk := range toks {
			if tk.Start < prev || tk.Start >= tk.End || tk.End > len(in) || in[tk.Start:tk.End] != tk.Text {
				t.Fatalf("token %q %v out of order or bounds (prev end %d, len %d)", tk.Text, tk.Span, prev, len(in))
			}
			if r, _ := utf8.DecodeRuneInString(tk.Text); unicode.IsSpace(r) {
				t.Fatalf("token %q starts with white space", tk.Text)
			}
			prev = tk.End
		}
		for _, p := range paragraphs(in) {
			prev := p.Start
			for _, se := range s.seg.split(in, p, nil) {
				if se.Start < prev || se.End > p.End || se.Start >= se.End {
					t.Fatalf("sentence %v outside paragraph %v or out of order", se.Span, p)
				}
				prev = se.End
			}
		}
	})
}

// FuzzJudgeLine runs the boilerplate judge, the date and link-list shapes
// and the appeal scorer on arbitrary lines.
func FuzzJudgeLine(f *testing.F) {
	for _, seed := range []string{
		"Independent journalism needs your support. Donate today…",
		"Home | World | Middle East",
		"Updated 14:02 GMT, 30 Sep 2015",
		"BEIRUT (Reuters) -",
		"\xff\xfe By \xc3",
		"1st.2nd.3rd 0000000 . . ",
	} {
		f.Add(seed)
	}
	s, err := New(WithTagging(false))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r := s.boil.judge(line)
		if r != s.boil.judge(line) {
			t.Fatalf("judge is not deterministic on %q", line)
		}
		if r != "" && strings.TrimSpace(line) == "" {
			t.Fatalf("blank line judged %q", r)
		}
		_, dropped := s.boil.strip(line)
		if len(dropped) > strings.Count(line, "\n")+1 {
			t.Fatalf("%d lines dropped from %q", len(dropped), line)
		}
	})
}
