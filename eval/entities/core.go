package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// Classes scored.
const (
	Person       = "person"
	Organization = "organization"
	Place        = "place"
)

// doc is one benchmark document rebuilt from its gold tokens.
type doc struct {
	Set, Name string
	DCT       string // ISO date
	Tokens    []string
	Sent      []int // sentence index of each token
	Gold      []goldMention
	// Nationality holds spans the set annotates as nationalities (re3d):
	// a demonym the actor stage codes as its country is not scored there.
	Nationality [][2]int
	// MaxSent is the last fully annotated sentence; names after it are
	// not scored. -1 means all.
	MaxSent int

	text  string
	spans []sitrep.Span // byte span of each token in text
	lower map[string]bool
}

// goldMention is an annotated mention as a token range [I, J).
type goldMention struct {
	I, J  int
	Class string
	Named bool // the annotation says it is a name (MEANTIME NAM, GUM identity)
}

// noSpaceBefore and noSpaceAfter rebuild ordinary spacing from tokens.
var (
	noSpaceBefore = map[string]bool{",": true, ".": true, ":": true, ";": true, "!": true, "?": true, ")": true,
		"]": true, "'s": true, "’s": true, "n't": true, "%": true, "''": true, "'": true, "”": true}
	noSpaceAfter = map[string]bool{"(": true, "[": true, "$": true, "``": true, "“": true, "#": true}
)

// build joins the tokens into text, one sentence per paragraph, and
// records each token's span.
func (d *doc) build() {
	var b strings.Builder
	d.spans = make([]sitrep.Span, len(d.Tokens))
	d.lower = map[string]bool{}
	for k, t := range d.Tokens {
		switch {
		case k == 0:
		case d.Sent[k] != d.Sent[k-1]:
			b.WriteString("\n\n")
		case noSpaceBefore[t] || noSpaceAfter[d.Tokens[k-1]]:
		case t == "-" || d.Tokens[k-1] == "-":
			// Both sets split hyphenated words ("Wal - Mart"); a spaced
			// dash is written "--" or as a dash character instead.
		default:
			b.WriteByte(' ')
		}
		d.spans[k] = sitrep.Span{Start: b.Len(), End: b.Len() + len(t)}
		b.WriteString(t)
		if r, _ := utf8.DecodeRuneInString(t); unicode.IsLower(r) {
			d.lower[t] = true
		}
	}
	b.WriteByte('\n')
	d.text = b.String()
}

// tokenRange returns the tokens a byte span covers.
func (d *doc) tokenRange(s sitrep.Span) (int, int, bool) {
	i, j := -1, -1
	for k, sp := range d.spans {
		if sp.Overlaps(s) {
			if i < 0 {
				i = k
			}
			j = k + 1
		}
	}
	return i, j, i >= 0
}

var (
	pronouns = set("he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your",
		"him", "them", "us", "me", "this", "that", "these", "those", "who", "which", "what", "whose", "there",
		"here", "one", "some", "many", "all", "both", "each", "any", "none", "everyone", "someone", "anyone",
		"another", "most", "such", "several", "few", "every", "other", "either", "neither", "no", "more", "less")
	inner = set("of", "de", "del", "della", "du", "des", "la", "le", "al", "el", "bin", "ibn", "von", "van", "der",
		"den", "da", "dos", "&", "-", "y", "for", "the", "on", "upon", "am", "an", "'s")
	// titles start or interrupt a run of capitalised words without being
	// part of the name.
	titles = set("the", "a", "an", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord",
		"senator", "sen", "sen.", "rep", "rep.", "representative", "congressman", "congresswoman", "president",
		"vice", "prime", "minister", "secretary", "secretary-general", "spokesman", "spokeswoman", "spokesperson",
		"chairman", "chairwoman", "chair", "ceo", "cfo", "coo", "chief", "executive", "officer", "director",
		"administrator", "commissioner", "analyst", "judge", "justice", "gov", "gov.", "governor", "mayor",
		"king", "queen", "prince", "princess", "pope", "sheikh", "ayatollah", "gen", "gen.", "lt",
		"lt.", "col", "col.", "colonel", "maj", "maj.", "capt", "capt.", "captain", "adm", "adm.",
		"admiral", "sgt", "sgt.", "sergeant", "professor", "prof", "prof.", "ambassador", "envoy", "premier",
		"chancellor", "founder", "co-founder", "president-elect", "deputy", "leader", "commander", "coach",
		"manager", "spokesmen", "head", "vice-president", "attorney", "detective", "inspector", "officers",
		"lieutenant", "brigadier", "marshal")
	// collective nouns form names with a possessive ("People's Daily").
	collective = set("people", "children", "women", "men", "workers", "veterans", "citizens")
	// cutters end a mention's name part: appositions, brackets, dashes.
	cutters = set(",", "(", ")", "[", "--", "—", "–", ";", ":", "``", "''", "\"")
)

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// capWord reports whether a token can be part of a name.
func capWord(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) && !pronouns[strings.ToLower(t)]
}

// core returns the proper-name core of tokens [i, j), or ok false when the
// mention has none. forced says the annotation marks it a name, which
// waives the sentence-start test.
func (d *doc) core(i, j int, forced bool) (ci, cj int, ok bool) {
	// 1. Cut at the first apposition mark after a capitalised word.
	seenCap := false
	for k := i; k < j; k++ {
		if cutters[d.Tokens[k]] && seenCap {
			j = k
			break
		}
		if capWord(d.Tokens[k]) {
			seenCap = true
		}
	}
	// 2. The last run of capitalised words.
	end := -1
	for k := j - 1; k >= i; k-- {
		if capWord(d.Tokens[k]) {
			end = k + 1
			break
		}
	}
	if end < 0 {
		return 0, 0, false
	}
	if titles[strings.ToLower(d.Tokens[end-1])] && end-1 > i {
		return 0, 0, false // "Ryanair CEO": a title, the name is its employer's
	}
	start := end - 1
	for k := end - 2; k >= i; k-- {
		t := d.Tokens[k]
		if capWord(t) {
			start = k
			continue
		}
		if inner[strings.ToLower(t)] && k > i && capWord(d.Tokens[k-1]) {
			continue
		}
		break
	}
	// Start after the last title word or possessive that has a name after
	// it: "NASA Administrator Charles Bolden", "DAB's Starry Lee" (but
	// "People's Republic of China" is one name).
	for k := end - 2; k >= start; k-- {
		t := strings.ToLower(d.Tokens[k])
		if titles[t] || (t == "'s" || t == "’s") && k > start && !collective[strings.ToLower(d.Tokens[k-1])] {
			start = k + 1
			break
		}
	}
	for start < end && (inner[strings.ToLower(d.Tokens[start])] || titles[strings.ToLower(d.Tokens[start])]) {
		start++
	}
	for end > start && (inner[strings.ToLower(d.Tokens[end-1])] || d.Tokens[end-1] == "'s") {
		end--
	}
	if start >= end {
		return 0, 0, false
	}
	// A run followed by a common noun in the same mention only modifies
	// it ("the American automaker"): the mention is nominal.
	if e := end; e < j && (d.Tokens[e] == "'s" || d.Tokens[e] == "’s") {
		if e+1 < j {
			return 0, 0, false
		}
	} else if e < j && !capWord(d.Tokens[e]) && !cutters[d.Tokens[e]] {
		if r, _ := utf8.DecodeRuneInString(d.Tokens[e]); unicode.IsLetter(r) {
			return 0, 0, false
		}
	}
	// 3. A lone sentence-initial word the document also writes in lower
	// case is a common word.
	if !forced && end-start == 1 && (start == 0 || d.Sent[start-1] != d.Sent[start]) {
		if d.lower[strings.ToLower(d.Tokens[start])] {
			return 0, 0, false
		}
	}
	return start, end, true
}
