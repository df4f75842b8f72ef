package text

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDateOnly(t *testing.T) {
	s, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	dw := s.boil.dates
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"September 30, 2015", true},
		{"30 Sept. 2015", true},
		{"Updated 14:02 GMT, 30 Sep 2015", true},
		{"Wed 30 Sep 2015 14.02 BST", true},
		{"Published on 30/09/2015 at 7am", true},
		{"2015-09-30", true},
		{"Posted 30.09.2015", true},
		{"Thursday", false}, // no date
		{"May", false},      // no number
		{"2015", false},     // a year alone
		{"On Sept. 30, 2015, Russia launched its first strikes.", false},
		{"September 30, 2015: Russia strikes", false},
		{"30 jets on 30 September", false},
		{"123456 September", false},
	} {
		if got := dw.dateOnly(tt.line); got != tt.want {
			t.Errorf("dateOnly(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestLinkList(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"Home | World | Middle East | Syria", true},
		{"News > World > Middle East", true},
		{"World › Middle East", true},
		{"Facebook • Twitter • Email", true},
		{"Russia and/or Iran sent 24/7 patrols", false},
		{"He said: yes | no | maybe.", false},
		{"The talks | held in Vienna on Friday and Saturday with twelve ministers | ended", false},
		{"A | B", false},
	} {
		if got := linkList(tt.line); got != tt.want {
			t.Errorf("linkList(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestRequiredLiterals(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    []string // nil: no gate
	}{
		{`(?i)\ball rights reserved\.?$`, []string{"all rights reserved"}},
		{`(?i)\b(getty images|ap photos?|afp photo)\)?$`, []string{"getty images", "ap photo", "afp photo"}},
		{`(?i)^(staff|senior) (writer|reporter)s?$`, []string{"staff writer", "staff reporter", "senior writer", "senior reporter"}},
		{`(?i)^x.{0,9}newsletter\b.*$`, []string{"newsletter"}},
		{`^\p{Lu}+$`, nil},
		{`(?i)^(a|bc)d?$`, nil}, // too short to be worth a gate
	} {
		got := requiredLiterals(tt.pattern)
		if len(got) != len(tt.want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", tt.pattern, got, tt.want)
			continue
		}
		for _, w := range tt.want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("requiredLiterals(%q) = %q, lacks %q", tt.pattern, got, w)
			}
		}
	}
}

func TestFirstRunes(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    string // the set's runes, any order; "" means no gate
	}{
		{`(?i)^join the`, "jJ"},
		{`^(By|BY|by) x`, "Bb"},
		{`(?i)^(\d+|no) comments?$`, "0123456789nN"},
		{`(?i)^(©|\(c\) ?\d{4})`, "©("},
		{`^\p{Lu}x`, ""}, // too many
		{`(?i)^a?b`, "aAbB"},
		{`^x*`, ""}, // matches the empty string
	} {
		set, ok := firstRunes(tt.pattern)
		if tt.want == "" {
			if ok {
				t.Errorf("firstRunes(%q) gave a gate of %d runes, want none", tt.pattern, len(set))
			}
			continue
		}
		if !ok {
			t.Errorf("firstRunes(%q): no gate, want %q", tt.pattern, tt.want)
			continue
		}
		for _, r := range tt.want {
			if !set[r] {
				t.Errorf("firstRunes(%q) lacks %q", tt.pattern, r)
			}
		}
		if len(set) != utf8.RuneCountInString(tt.want) {
			t.Errorf("firstRunes(%q) has %d runes, want %d", tt.pattern, len(set), utf8.RuneCountInString(tt.want))
		}
	}
}

// TestGateSound checks that no regex rule matching a labelled line is
// skipped by its first-rune gate.
func TestGateSound(t *testing.T) {
	s, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	gated := 0
	for _, r := range s.boil.regex {
		if r.first != nil {
			gated++
		}
	}
	if gated < len(s.boil.regex)/2 {
		t.Errorf("only %d of %d regex rules gated", gated, len(s.boil.regex))
	}
	for _, name := range []string{"testdata/boilerplate_dev.tsv", "testdata/boilerplate_heldout.tsv", "testdata/article.txt"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if _, l, ok := strings.Cut(line, "\t"); ok {
				line = l
			}
			line = strings.TrimSpace(line)
			first, _ := utf8.DecodeRuneInString(line)
			low := strings.ToLower(line)
			for _, r := range s.boil.regex {
				if r.re.MatchString(line) && (r.first != nil && !r.first[first] || !r.gate(low)) {
					t.Errorf("rule %q matches %q but its gate skips it", r.pattern, line)
				}
			}
			for _, r := range s.boil.tail {
				if r.re.MatchString(line) && !r.gate(low) {
					t.Errorf("tail rule %q matches %q but its gate skips it", r.pattern, line)
				}
			}
		}
		f.Close()
	}
}
