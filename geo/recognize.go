package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// maxTokens bounds a toponym's length in tokens ("Bab al-Hawa border
// crossing", "Deir ez - Zor").
const maxTokens = 8

// Toponym is a place name found in text, before resolution.
type Toponym struct {
	sitrep.Span
	Sentence int  // index into the sentences given to Toponyms
	Tokens   int  // number of tokens covered
	Curated  bool // a features.tsv or aliases.tsv name matched, not only GeoNames
	Cue      bool // the words around it say it is a place ("in X", "X province")
	Folded   bool // matched only after transliteration folding ("Talbisseh")
}

// Toponyms finds the place names of sentences: runs of tokens starting
// with a capital letter whose normalised text is a gazetteer name, longest
// first, left to right. skip holds spans claimed by something else (an
// actor's name); no toponym overlaps one. Single common words ("May",
// "Police") and short all-capital words that are not curated names ("IS",
// "AP") are not taken.
func (g *Gazetteer) Toponyms(text string, sents []sitrep.Sentence, skip []sitrep.Span) []Toponym {
	var out []Toponym
	for si, s := range sents {
		toks := validTokens(text, s.Tokens)
		for i := 0; i < len(toks); {
			t, n := g.matchAt(text, toks, i, skip)
			if strings.EqualFold(toks[i].Text, "the") && i+1 < len(toks) {
				// "the Gulf" is a name, but "The Gulf of Aden" is another.
				if u, m := g.matchAt(text, toks, i+1, skip); m > 0 && m >= n {
					t, n = u, m+1
				}
			}
			if n == 0 {
				i++
				continue
			}
			t.Sentence = si
			out = append(out, t)
			i += n
		}
	}
	return out
}

// validTokens keeps tokens whose spans lie inside text, in order.
func validTokens(text string, toks []sitrep.Token) []sitrep.Token {
	out := toks[:0:0]
	last := 0
	for _, t := range toks {
		if t.Start < last || t.End > len(text) || t.Start >= t.End {
			continue
		}
		out = append(out, t)
		last = t.End
	}
	return out
}

// matchAt tries the longest toponym starting at token i and returns it with
// the number of tokens it covers, or 0.
func (g *Gazetteer) matchAt(text string, toks []sitrep.Token, i int, skip []sitrep.Span) (Toponym, int) {
	first := text[toks[i].Start:toks[i].End]
	lowerThe := first == "the" // opens only curated names: "the Gulf", "the Levant"
	if !startsName(first) && !lowerThe {
		return Toponym{}, 0
	}
	for j := min(len(toks), i+maxTokens); j > i; j-- {
		sp := sitrep.Span{Start: toks[i].Start, End: toks[j-1].End}
		if crossesBreak(toks[i:j], text) || overlapsAny(sp, skip) {
			continue
		}
		last := text[toks[j-1].Start:toks[j-1].End]
		if j > i+1 && !hasUpper(last) && !g.tails[Key(last)] {
			// No name ends in this lowercase word: skip the lookup.
			continue
		}
		key := Key(text[sp.Start:sp.End])
		if key == "" {
			continue
		}
		cs := g.candidates(key)
		if len(cs) == 0 {
			continue
		}
		curated, exactGeo := false, false
		for _, c := range cs {
			if !strings.HasPrefix(g.entries[c.idx].ID, "geonames:") {
				curated = true
			} else if c.exact {
				exactGeo = true
			}
		}
		// A lowercase last word ("Idlib province") or an acronym ("US",
		// "UK") is taken only as a curated name: GeoNames alone names too
		// many villages "Base", "IS" or "AP".
		if !curated && (lowerThe || !hasUpper(last) || isAcronym(first) && j == i+1) {
			continue
		}
		// A name followed by "virus" or "fever" names a disease ("West
		// Nile virus", "Lassa fever"); one glued to "$" a currency
		// ("US$5"). Neither is a place, nor is any shorter name inside.
		if j < len(toks) && g.disease[Key(text[toks[j].Start:toks[j].End])] || strings.HasPrefix(text[sp.End:], "$") {
			return Toponym{}, 0
		}
		cueWords := locativeCue(text, toks, i, j)
		if !curated {
			// A GeoNames name inside a longer capitalised run is part of
			// another name: "Washington Post", "Supreme Commander",
			// "Khan Arnabeh", a title-case headline.
			if g.nameWord(text, toks, j) || i > 0 && !opensSentence(text, toks, i) && g.nameWord(text, toks, i-1) {
				return Toponym{}, 0
			}
		}
		if j == i+1 && !curated {
			if g.stop[strings.ToLower(first)] || g.stop[key] || g.demonym[key] != nil {
				continue
			}
			// A transliteration match on one short word is too loose;
			// longer ones the stage keeps only with support.
			if !exactGeo && len(key) < 5 {
				continue
			}
			// Capitalised at the start of a sentence says nothing: the
			// tagger must call it a proper noun.
			if pos := toks[i].POS; opensSentence(text, toks, i) && pos != "" && pos != "NNP" && pos != "NNPS" {
				continue
			}
		}
		t := Toponym{Span: sp, Tokens: j - i, Curated: curated, Cue: cueWords, Folded: !curated && !exactGeo}
		return t, j - i
	}
	return Toponym{}, 0
}

// nameWord reports whether token k is a capitalised word that is not a
// common word: the continuation of a name.
func (g *Gazetteer) nameWord(text string, toks []sitrep.Token, k int) bool {
	if k < 0 || k >= len(toks) {
		return false
	}
	w := text[toks[k].Start:toks[k].End]
	return startsName(w) && !calendarWords[strings.ToLower(w)]
}

// calendarWords may follow a place without continuing its name: "in
// Homs Tuesday".
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true,
}

// opensSentence reports whether token k starts its sentence, perhaps
// after an opening quote or bracket.
func opensSentence(text string, toks []sitrep.Token, k int) bool {
	for j := k - 1; j >= 0; j-- {
		switch text[toks[j].Start:toks[j].End] {
		case "\"", "“", "‘", "'", "(", "[", "-", "—", "–":
			continue
		}
		return false
	}
	return true
}

// startsName reports whether a token may open a place name: a capital
// letter, or an Arabic article joined to one ("al-Raqqa").
func startsName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		return true
	}
	for _, a := range []string{"al-", "el-", "ar-", "as-", "ash-", "ad-", "an-", "az-", "at-"} {
		if rest, ok := strings.CutPrefix(s, a); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsUpper(r)
		}
	}
	return false
}

// hasUpper reports whether s has a capital letter: "ez-Zor" does.
func hasUpper(s string) bool {
	return strings.IndexFunc(s, unicode.IsUpper) >= 0
}

// isAcronym reports a short word in capitals or with dots: "US", "U.S.".
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r == '.':
		case unicode.IsUpper(r):
			letters++
		default:
			return false
		}
	}
	return letters > 0 && letters <= 4
}

// crossesBreak reports a run that spans punctuation other than hyphens,
// dots and apostrophes inside names: "Aleppo, Homs" is two places.
func crossesBreak(toks []sitrep.Token, text string) bool {
	for k, t := range toks {
		w := text[t.Start:t.End]
		if k == 0 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			continue
		}
		switch w {
		case "-", "'", "’", ".":
			if k == len(toks)-1 {
				return true
			}
			continue
		}
		return true
	}
	return false
}

func overlapsAny(sp sitrep.Span, spans []sitrep.Span) bool {
	for _, o := range spans {
		if sp.Overlaps(o) {
			return true
		}
	}
	return false
}

// locatives are words that put a following name in place position.
var locatives = map[string]bool{
	"in": true, "near": true, "at": true, "from": true, "to": true, "into": true,
	"outside": true, "around": true, "toward": true, "towards": true, "across": true,
	"through": true, "via": true, "inside": true, "within": true, "between": true,
	"over": true, "off": true, "of": true, "along": true, "north": true, "south": true,
	"east": true, "west": true, "northeast": true, "northwest": true, "southeast": true,
	"southwest": true, "province": true, "city": true, "town": true, "village": true,
}

// locativeCue reports whether the words around tokens [i, j) mark a place:
// a preposition before ("in Homs", "north of Hama") or a kind after
// ("Idlib province", "Tabqa airbase").
func locativeCue(text string, toks []sitrep.Token, i, j int) bool {
	if i > 0 && locatives[strings.ToLower(text[toks[i-1].Start:toks[i-1].End])] {
		return true
	}
	return cueAround(text, sitrep.Span{Start: toks[i].Start, End: toks[j-1].End}) != cueNone
}
