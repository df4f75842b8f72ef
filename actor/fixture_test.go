package actor

import (
	"regexp"
	"strings"

	"github.com/sitrep/sitrep"
)

// tokRE is a small stand-in for the text stage in tests: words keep inner
// dots, hyphens and apostrophes, "'s" is split off, other marks stand alone.
var tokRE = regexp.MustCompile(`[\pL\pN]+(?:[.\-'’&][\pL\pN]+)*\.?|'s|’s|[^\s\pL\pN]`)

// fixtureDoc builds a document with one sentence per line of text.
func fixtureDoc(text, published string) *sitrep.Document {
	d := &sitrep.Document{Doc: sitrep.Doc{ID: "t", Text: text, Published: published}}
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		s := sitrep.Sentence{Span: sitrep.Span{Start: off, End: off + len(strings.TrimRight(line, "\n"))}}
		for _, loc := range tokRE.FindAllStringIndex(line, -1) {
			a, b := off+loc[0], off+loc[1]
			t := text[a:b]
			// A final dot is a sentence stop unless the word is an initial
			// or an abbreviation with inner dots.
			if strings.HasSuffix(t, ".") && len(t) > 2 && !strings.Contains(t[:len(t)-1], ".") && !abbrev[strings.TrimSuffix(t, ".")] {
				s.Tokens = append(s.Tokens, sitrep.Token{Span: sitrep.Span{Start: a, End: b - 1}, Text: t[:len(t)-1]})
				s.Tokens = append(s.Tokens, sitrep.Token{Span: sitrep.Span{Start: b - 1, End: b}, Text: "."})
				continue
			}
			if strings.HasPrefix(t, "'s") || strings.HasPrefix(t, "’s") {
				s.Tokens = append(s.Tokens, sitrep.Token{Span: sitrep.Span{Start: a, End: b}, Text: t})
				continue
			}
			s.Tokens = append(s.Tokens, sitrep.Token{Span: sitrep.Span{Start: a, End: b}, Text: t})
		}
		d.Sentences = append(d.Sentences, s)
		off += len(line)
	}
	return d
}

var abbrev = map[string]bool{"Mr": true, "Mrs": true, "Dr": true, "Gen": true, "Lt": true, "Col": true, "Sen": true, "St": true}
