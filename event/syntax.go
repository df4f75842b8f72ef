package event

import (
	"strings"

	"github.com/sitrep/sitrep"
)

// A shallow parse: tokens grouped into noun phrases, verb groups,
// prepositions and separators, from Penn tags alone. It is enough to find a
// clause's subject, object and prepositional phrases without a full parser.

type chunkKind int

const (
	ckNP    chunkKind = iota // noun phrase
	ckVP                     // verb group: auxiliaries, modals, negation, main verb, particle
	ckPP                     // preposition (possibly multi-word)
	ckCC                     // coordinating conjunction
	ckSep                    // , ; : -- ( )
	ckRel                    // who, which, that, whose: opens a relative or complement clause
	ckQuote                  // quotation mark
	ckSub                    // subordinator: because, after, while, if, as, when
	ckOther                  // adverbs and the rest
)

type chunk struct {
	kind   chunkKind
	lo, hi int    // token range [lo, hi)
	head   int    // NP: head noun; VP: main verb; PP: last word
	text   string // lower-cased words joined by spaces (PP, CC, Sub, Rel)
	vp     *verbGroup
}

// verbGroup describes a VP chunk.
type verbGroup struct {
	lemma      string // main verb lemma
	particle   string // "out" in "pulled out"
	passive    bool
	negated    bool
	modal      string // will, would, could... or "" (lemma form)
	infinitive bool   // "to strike"
	gerund     bool   // main verb is VBG with no auxiliary: a participle clause
	finite     bool
}

// word is a token with its lower-cased text.
type word struct {
	sitrep.Token
	low string
}

// multiPreps are prepositions of several words, matched before single ones.
var multiPreps = [][]string{
	{"in", "support", "of"}, {"on", "behalf", "of"}, {"according", "to"}, {"as", "part", "of"},
	{"in", "response", "to"}, {"along", "with"}, {"together", "with"}, {"in", "favor", "of"},
	{"in", "favour", "of"}, {"on", "the", "side", "of"}, {"in", "cooperation", "with"},
	{"in", "coordination", "with"}, {"close", "to"}, {"next", "to"}, {"because", "of"},
	{"ahead", "of"}, {"instead", "of"}, {"in", "front", "of"}, {"north", "of"}, {"south", "of"},
	{"east", "of"}, {"west", "of"}, {"northeast", "of"}, {"northwest", "of"}, {"southeast", "of"},
	{"southwest", "of"}, {"outside", "of"},
}

// timeWords end a noun phrase: they are adverbial, not its head.
var timeWords = map[string]bool{
	"today": true, "yesterday": true, "tomorrow": true, "tonight": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

var subordinators = map[string]bool{
	"because": true, "after": true, "before": true, "while": true, "if": true, "unless": true,
	"although": true, "though": true, "when": true, "whereas": true, "since": true, "as": true,
	"until": true, "once": true, "whether": true,
}

var beForms = map[string]bool{"be": true, "is": true, "are": true, "was": true, "were": true, "been": true, "being": true, "am": true, "'s": true, "'re": true, "get": true, "got": true, "gets": true, "gotten": true, "getting": true}

func isNoun(p string) bool { return strings.HasPrefix(p, "NN") }
func isVerb(p string) bool { return strings.HasPrefix(p, "VB") }
func isAdj(p string) bool  { return strings.HasPrefix(p, "JJ") }

// npTag reports tags that may sit inside a noun phrase.
func npTag(p string) bool {
	switch p {
	case "DT", "PDT", "PRP$", "PRP", "CD", "POS", "FW", "$", "HYPH", "NNP", "NNPS", "NN", "NNS", "JJ", "JJR", "JJS", "VBN_ADJ", "VBG_ADJ":
		return true
	}
	return false
}

// chunkSentence groups words into chunks.
func chunkSentence(lx *lexicon, ws []word) []chunk {
	tags := make([]string, len(ws))
	for i, w := range ws {
		tags[i] = w.POS
		if tags[i] == "" {
			tags[i] = guessPOS(w.low)
		}
	}
	// A verb the tagger read as a noun after "to" following a verb or an
	// adjective of intent: "offered to hand over", "is ready to help".
	for i := 1; i+1 < len(ws); i++ {
		if tags[i] == "TO" && (isVerb(tags[i-1]) || isAdj(tags[i-1])) && (tags[i+1] == "NN" || tags[i+1] == "VBP") && lx.lemmas[ws[i+1].low] {
			tags[i+1] = "VB"
		}
	}
	// Participles used as adjectives: "the armed groups", "guided missiles".
	for i := range ws {
		// A naming participle after a kind noun is no event: "a group
		// called Tajammu Alezzah", "an operation dubbed Desert Shield".
		if namingVerbs[ws[i].low] && i > 0 && kindNouns[ws[i-1].low] && i+1 < len(ws) &&
			(tags[i+1] == "NNP" || tags[i+1] == "NNPS" || ws[i+1].low == "\"" || ws[i+1].low == "“" || ws[i+1].low == "the") {
			tags[i] = "JJ"
			continue
		}
		// An irregular verb form the tagger read as an adjective between a
		// subject and its object ("Klibi undertook mediation").
		// The same for a regular "-ed" form of a trigger verb, possibly
		// after an adverb ("agents sexually abused immigrants").
		// And an irregular past form read as a noun after a capitalised
		// subject ("Iraqi Security Forces retook Ramadi").
		if (tags[i] == "NN" || tags[i] == "NNP") && i > 0 && i+1 < len(ws) && ws[i].low == ws[i].Text && irregularPast(lx, ws[i].low) &&
			(tags[i-1] == "NNP" || tags[i-1] == "NNPS") && (tags[i+1] == "NNP" || tags[i+1] == "DT" || tags[i+1] == "CD" || tags[i+1] == "PRP$") {
			tags[i] = "VBD"
			continue
		}
		if tags[i] == "JJ" && i > 0 && i+1 < len(ws) && (lx.forms[ws[i].low] != "" || strings.HasSuffix(ws[i].low, "ed") && lx.lemmas[lx.verbLemma(ws[i].low)]) {
			p := i - 1
			if tags[p] == "RB" && p > 0 {
				p--
			}
			if (tags[p] == "NNP" || tags[p] == "NNS" || tags[p] == "NN" || tags[p] == "NNPS") && (isNoun(tags[i+1]) || isAdj(tags[i+1]) || tags[i+1] == "DT" || tags[i+1] == "PRP$" || tags[i+1] == "CD") {
				tags[i] = "VBD"
			}
		}
		if (tags[i] == "VBN" || tags[i] == "VBG") && i+1 < len(ws) && (isNoun(tags[i+1]) || isAdj(tags[i+1])) && i > 0 {
			switch tags[i-1] {
			case "DT", "JJ", "PRP$", "CD", "POS":
				tags[i] = tags[i] + "_ADJ"
			}
		}
		// Quantity modifiers before numbers belong to the noun phrase.
		if i+1 < len(ws) && tags[i+1] == "CD" {
			switch ws[i].low {
			case "about", "around", "nearly", "almost", "some", "approximately", "roughly", "over", "under", "estimated":
				tags[i] = "JJ"
			}
		}
		if i+2 < len(ws) && tags[i+2] == "CD" {
			switch ws[i].low + " " + ws[i+1].low {
			case "more than", "fewer than", "less than", "at least", "up to", "as many", "at most", "close to", "upwards of":
				tags[i], tags[i+1] = "JJ", "JJ"
			}
		}
	}
	var out []chunk
	for i := 0; i < len(ws); {
		t := tags[i]
		// Multi-word prepositions whose first word the tagger reads as a
		// verb or noun ("according to", "on behalf of"); "close to" before
		// a number was retagged as a quantity modifier above.
		if t != "JJ" {
			if n := matchMulti(ws, i); n > 0 {
				out = append(out, chunk{kind: ckPP, lo: i, hi: i + n, head: i + n - 1, text: joinLow(ws[i : i+n])})
				i += n
				continue
			}
		}
		switch {
		case t == "``" || t == "''" || ws[i].low == "\"" || ws[i].low == "“" || ws[i].low == "”":
			out = append(out, chunk{kind: ckQuote, lo: i, hi: i + 1, head: i})
			i++
		case t == "," || t == ":" || t == "-LRB-" || t == "-RRB-" || t == "(" || t == ")" || ws[i].low == ";" || ws[i].low == "--" || ws[i].low == "—":
			out = append(out, chunk{kind: ckSep, lo: i, hi: i + 1, head: i, text: ws[i].low})
			i++
		case t == "CC":
			out = append(out, chunk{kind: ckCC, lo: i, hi: i + 1, head: i, text: ws[i].low})
			i++
		case t == "WDT" || t == "WP" || t == "WP$" || (t == "IN" && ws[i].low == "that") || ws[i].low == "where":
			out = append(out, chunk{kind: ckRel, lo: i, hi: i + 1, head: i, text: ws[i].low})
			i++
		case t == "IN" || t == "TO" && !(i+1 < len(ws) && (tags[i+1] == "VB" || tags[i+1] == "RB" && i+2 < len(ws) && tags[i+2] == "VB")):
			if n := matchMulti(ws, i); n > 0 {
				out = append(out, chunk{kind: ckPP, lo: i, hi: i + n, head: i + n - 1, text: joinLow(ws[i : i+n])})
				i += n
				continue
			}
			if subordinators[ws[i].low] && !(ws[i].low == "as" && i+1 < len(ws) && isNoun(tags[i+1])) {
				out = append(out, chunk{kind: ckSub, lo: i, hi: i + 1, head: i, text: ws[i].low})
			} else {
				out = append(out, chunk{kind: ckPP, lo: i, hi: i + 1, head: i, text: ws[i].low})
			}
			i++
		case isVerb(t) || t == "MD" || t == "TO":
			j := i
		vloop:
			for j < len(ws) {
				tg := tags[j]
				switch {
				case isVerb(tg) && j > i && !auxBefore(ws, tags, i, j):
					// Two lexical verbs in a row ("reject proposed changes"):
					// the second starts a new group.
					break vloop
				case isVerb(tg) || tg == "MD" || tg == "TO" && j == i:
					j++
				case tg == "RB" && j > i && j+1 < len(ws) && (isVerb(tags[j+1]) || tags[j+1] == "RB"):
					j++ // "did not strike", "has also struck"
				case tg == "RP" && j > i:
					j++
					break vloop
				default:
					break vloop
				}
			}
			// A lone "to" not followed by a verb is a preposition.
			if j == i+1 && t == "TO" {
				out = append(out, chunk{kind: ckPP, lo: i, hi: i + 1, head: i, text: "to"})
				i++
				continue
			}
			out = append(out, makeVP(lx, ws, tags, i, j))
			i = j
		case npTag(t):
			j := i + 1
			for j < len(ws) && npTag(tags[j]) {
				// "negotiations today", "a hearing Wednesday": the time word
				// is its own phrase, not the head.
				if tags[j] == "PRP" || timeWords[ws[j].low] {
					break
				}
				// A determiner after a noun starts a second object: "gave
				// Tanzania a grant", "gave the Ivory Coast 5 million dollars".
				if (tags[j] == "DT" || tags[j] == "PDT") && (isNoun(tags[j-1]) || tags[j-1] == "CD") {
					break
				}
				j++
			}
			// Coordinated modifiers or names: "Russian, Syrian and Iranian
			// commanders", "Russia, Syria and Iran".
			j = extendCoordination(ws, tags, i, j)
			head := j - 1
			for head > i && !isNoun(tags[head]) && tags[head] != "CD" && tags[head] != "PRP" {
				head--
			}
			if tags[head] == "POS" && head > i {
				head--
			}
			out = append(out, chunk{kind: ckNP, lo: i, hi: j, head: head})
			i = j
		default:
			out = append(out, chunk{kind: ckOther, lo: i, hi: i + 1, head: i, text: ws[i].low})
			i++
		}
	}
	return out
}

// auxForms are the verbs that can precede another verb in one group.
var auxForms = map[string]bool{
	"be": true, "is": true, "are": true, "was": true, "were": true, "been": true, "being": true, "am": true,
	"'s": true, "'re": true, "'m": true, "have": true, "has": true, "had": true, "having": true, "'ve": true, "'d": true,
	"do": true, "does": true, "did": true, "get": true, "got": true, "gets": true, "gotten": true, "getting": true,
}

// auxBefore reports whether the nearest verb-like token before j in the
// group [i, j) is an auxiliary, modal or "to", so that ws[j] continues it.
func auxBefore(ws []word, tags []string, i, j int) bool {
	for k := j - 1; k >= i; k-- {
		switch {
		case tags[k] == "RB":
			continue
		case tags[k] == "MD" || tags[k] == "TO":
			return true
		default:
			return auxForms[ws[k].low]
		}
	}
	return false
}

// extendCoordination extends the noun phrase [i, j) over ", X" and "and X"
// when the coordination ends in a conjunction inside the phrase.
func extendCoordination(ws []word, tags []string, i, j int) int {
	for {
		k := j
		// (, X)* [,] and X
		sawCC := false
		for k < len(ws) && (tags[k] == "," || tags[k] == "CC" && (ws[k].low == "and" || ws[k].low == "or")) {
			if tags[k] == "CC" {
				sawCC = true
			}
			if k+1 < len(ws) && tags[k+1] == "CC" {
				k++
				sawCC = true
			}
			m := k + 1
			if m >= len(ws) || !(tags[m] == "NNP" || tags[m] == "NNPS" || isAdj(tags[m])) || !(tags[j-1] == "NNP" || tags[j-1] == "NNPS" || isAdj(tags[j-1])) {
				return j
			}
			for m < len(ws) && npTag(tags[m]) && tags[m] != "PRP" {
				m++
			}
			if sawCC {
				return m
			}
			k = m
		}
		return j
	}
}

func matchMulti(ws []word, i int) int {
	for _, mp := range multiPreps {
		if i+len(mp) > len(ws) {
			continue
		}
		ok := true
		for k, w := range mp {
			if ws[i+k].low != w {
				ok = false
				break
			}
		}
		if ok {
			return len(mp)
		}
	}
	return 0
}

func joinLow(ws []word) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = w.low
	}
	return strings.Join(s, " ")
}

// makeVP builds a verb-group chunk over [i, j).
func makeVP(lx *lexicon, ws []word, tags []string, i, j int) chunk {
	vg := &verbGroup{}
	main := -1
	for k := i; k < j; k++ {
		switch {
		case tags[k] == "MD":
			vg.modal = lx.verbLemma(ws[k].low)
			if vg.modal == "wo" || vg.modal == "'ll" || vg.modal == "shall" {
				vg.modal = "will"
			}
		case tags[k] == "TO" && k == i:
			vg.infinitive = true
		case tags[k] == "RB":
			if ws[k].low == "not" || ws[k].low == "n't" || ws[k].low == "never" {
				vg.negated = true
			}
		case tags[k] == "RP":
			vg.particle = ws[k].low
		case isVerb(tags[k]):
			main = k
		}
	}
	if main < 0 {
		main = j - 1
	}
	vg.lemma = lx.verbLemma(ws[main].low)
	mt := tags[main]
	aux := false
	for k := i; k < main; k++ {
		if isVerb(tags[k]) || tags[k] == "MD" {
			aux = true
			if tags[main] == "VBN" && beForms[ws[k].low] {
				vg.passive = true
			}
		}
	}
	// "being/been" directly before the participle also marks the passive.
	vg.gerund = mt == "VBG" && !aux && !vg.infinitive
	// "to be deployed" has an auxiliary but is still an infinitive.
	vg.finite = !vg.infinitive && (aux || mt == "VBD" || mt == "VBZ" || mt == "VBP" || vg.modal != "")
	if mt == "VBN" && !aux {
		// Reduced relative: "targets hit by Russian jets".
		vg.passive = true
		vg.finite = false
	}
	return chunk{kind: ckVP, lo: i, hi: j, head: main, vp: vg}
}

// guessPOS tags a word when the text stage left the tag empty. It knows
// only closed-class words; everything else is a noun.
func guessPOS(w string) string {
	switch w {
	case "the", "a", "an", "this", "that", "these", "those":
		return "DT"
	case ",":
		return ","
	case ".", "!", "?":
		return "."
	case "and", "or", "but":
		return "CC"
	case "of", "in", "on", "at", "by", "with", "from", "against", "near", "for", "into", "over":
		return "IN"
	case "to":
		return "TO"
	case "will", "would", "could", "may", "might", "can", "should", "shall":
		return "MD"
	case "is", "are", "was", "were", "be", "been":
		return "VBD"
	case "not", "n't":
		return "RB"
	}
	return "NN"
}

// namingVerbs name something after a kind noun ("a group called X").
var namingVerbs = map[string]bool{"called": true, "named": true, "dubbed": true, "nicknamed": true, "titled": true,
	"entitled": true, "styled": true, "codenamed": true, "code-named": true}

// kindNouns are nouns a naming participle may follow.
var kindNouns = map[string]bool{"group": true, "groups": true, "organisation": true, "organization": true,
	"movement": true, "faction": true, "brigade": true, "militia": true, "battalion": true, "unit": true,
	"coalition": true, "alliance": true, "party": true, "front": true, "operation": true, "campaign": true,
	"programme": true, "program": true, "plan": true, "town": true, "village": true, "city": true, "area": true,
	"region": true, "camp": true, "base": true, "company": true, "firm": true, "network": true, "website": true,
	"site": true, "ship": true, "vessel": true, "system": true, "film": true, "book": true, "report": true,
	"document": true, "exercise": true, "drill": true, "initiative": true, "body": true, "council": true}

// irregularPast reports whether w is an irregular form of a trigger verb
// other than its base, third-person or -ing form: "retook", "struck".
func irregularPast(lx *lexicon, w string) bool {
	lemma := lx.forms[w]
	return lemma != "" && lemma != w && lx.lemmas[lemma] && !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ing")
}
