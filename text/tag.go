package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// tagger assigns Penn Treebank tags to tokens.
type tagger struct {
	model *perceptron
}

// tag sets POS on every token of toks, which must all come from one
// sentence. Words go to the perceptron in the form its training text used
// (curly quotes and dashes as ASCII); punctuation is then tagged by rule.
func (tg *tagger) tag(toks []sitrep.Token, sc *tagScratch) {
	if len(toks) == 0 {
		return
	}
	words := sc.words[:0]
	for _, t := range toks {
		words = append(words, taggerForm(t.Text))
	}
	sc.words = words
	if cap(sc.tags) < len(words) {
		sc.tags = make([]string, len(words))
	}
	tags := sc.tags[:len(words)]
	tg.model.tagWords(words, tags, sc)
	for i := range toks {
		switch p := punctTag(toks, i); {
		case p != "":
			toks[i].POS = p
		case tags[i] == "":
			toks[i].POS = guessTag(toks[i].Text)
		default:
			toks[i].POS = fixTag(toks[i].Text, tags[i])
		}
	}
}

// fixTag corrects a known weakness of the model: it sees every hyphenated
// word as one symbol and calls most of them adjectives, but "al-Assad" and
// "Su-24" are names.
func fixTag(word, tag string) string {
	if k := strings.LastIndexByte(word, '-'); k > 0 && k+1 < len(word) && tag != "NNP" && tag != "NNPS" {
		r, _ := utf8.DecodeRuneInString(word[k+1:])
		first, _ := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(r) || unicode.IsUpper(first) && unicode.IsDigit(r) {
			return "NNP"
		}
	}
	return tag
}

// taggerForm rewrites a token into the form prose's training text used.
func taggerForm(t string) string {
	switch t {
	case "“", "”", "„", "«", "»":
		return `"`
	case "‘", "’":
		return "'"
	case "—", "–", "―":
		return "--"
	case "…":
		return "..."
	}
	if strings.ContainsAny(t, "’‘") {
		t = strings.NewReplacer("’", "'", "‘", "'").Replace(t)
	}
	return t
}

// punctTag returns the Penn Treebank tag of punctuation token toks[i], or
// "" when it is not punctuation.
func punctTag(toks []sitrep.Token, i int) string {
	t := toks[i].Text
	switch t {
	case ",":
		return ","
	case ".", "?", "!", "?!", "!?":
		return "."
	case ":", ";", "-", "--", "—", "–", "―", "…", "...":
		return ":"
	case "(", "[", "{":
		return "("
	case ")", "]", "}":
		return ")"
	case "“", "‘", "«", "„", "``":
		return "``"
	case "”", "’", "»", "''":
		return "''"
	case "$", "€", "£", "¥":
		return "$"
	case "#":
		return "#"
	case "%":
		return "NN"
	case "&":
		return "CC"
	case `"`, "'":
		// Opening when it starts the sentence or follows white space or
		// an opening bracket.
		if i == 0 || toks[i-1].End < toks[i].Start || toks[i-1].Text == "(" {
			return "``"
		}
		return "''"
	}
	if strings.Trim(t, ".?!") == "" {
		return "."
	}
	r, _ := utf8.DecodeRuneInString(t)
	if utf8.RuneCountInString(t) == 1 && (unicode.IsPunct(r) || unicode.IsSymbol(r)) {
		return "SYM"
	}
	return ""
}

// guessTag tags a word prose gave no tag for.
func guessTag(t string) string {
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case unicode.IsDigit(r):
		return "CD"
	case unicode.IsUpper(r):
		return "NNP"
	}
	return "NN"
}
