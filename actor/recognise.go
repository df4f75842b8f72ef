package actor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// Kinds of pass-one matches.
const (
	kName    = iota // a knowledge-base name
	kAdj            // a demonym or country adjective
	kCapital        // a capital city
	kUnknown        // a capitalised name not in the knowledge base
)

type cand struct {
	mention
	kind    int
	country *Country
	drop    bool
	link    int // 1 + index of the candidate this one abbreviates, or 0
	// sector is the country sector a title before an unknown name gives
	// it ("Fornost President Umbardacil" is FORGOV).
	sector *sitrep.Entity
}

// Closed word classes used by recognition. They are grammar, not facts
// about actors, so they live here rather than in the data files.
var (
	determiners = set("a", "an", "the", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"several", "some", "many", "other", "another", "dozens", "hundreds", "thousands", "senior", "top",
		"one", "both", "few", "more", "most", "all", "these", "those", "this", "that", "any", "no")
	connectors = set("of", "for", "de", "del", "della", "al", "el", "bin", "ibn", "von", "van", "der", "den", "la", "le", "du", "da", "dos", "and", "&", "on", "the", "y")
	// Words that are capitalised at the start of a sentence or in titles
	// but never start a name.
	stopCaps = set("the", "a", "an", "in", "on", "at", "of", "for", "by", "with", "from", "to", "and", "or", "but", "as", "if", "when",
		"while", "after", "before", "since", "during", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
		"our", "my", "your", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "whose", "where",
		"why", "how", "however", "meanwhile", "also", "yet", "still", "so", "then", "thus", "although", "though", "because",
		"according", "earlier", "later", "last", "next", "first", "second", "third", "new", "other", "some", "many", "most",
		"all", "both", "each", "every", "no", "not", "one", "two", "three", "mr", "mrs", "ms", "dr",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
		"december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"today", "yesterday", "tomorrow", "tonight", "am", "pm", "ap", "is", "are", "was", "were", "be", "has", "have", "had",
		"will", "would", "can", "could", "should", "may", "might", "must", "do", "does", "did", "not", "now", "just", "only",
		"despite", "under", "over", "about", "into", "than", "such", "even", "said", "says", "say", "asked", "update",
		"updated", "breaking", "exclusive", "analysis", "opinion", "photo", "video", "image", "read", "more", "see", "note",
		"please", "share", "click", "related", "sources", "source", "officials", "reporting", "editing", "writing", "like")
	locPreps = set("in", "at", "near", "from", "to", "into", "across", "outside", "inside", "around", "towards", "toward",
		"throughout", "through", "via", "within", "between", "over", "northern", "southern", "eastern", "western", "central", "of")
	speechVerbs = set("said", "says", "say", "warned", "warns", "denied", "denies", "deny", "announced", "announces", "accused",
		"accuses", "rejected", "rejects", "insisted", "insists", "claimed", "claims", "stated", "states", "confirmed", "confirms",
		"condemned", "condemns", "demanded", "demands", "urged", "urges", "threatened", "threatens", "agreed", "agrees",
		"refused", "refuses", "responded", "responds", "called", "calls", "sent", "sends", "wants", "wanted", "blamed",
		"blames", "welcomed", "welcomes", "criticised", "criticized", "criticises", "criticizes", "has", "have", "had", "is",
		"was", "will", "would", "hopes", "hoped", "believes", "believed", "expects", "expected", "launched", "signed",
		"backed", "backs", "supports", "supported", "opposes", "opposed", "imposed", "imposes", "recalled", "expelled",
		"protested", "vowed", "vows", "pledged", "pledges", "ordered", "orders", "decided", "decides", "plans", "planned",
		"dismissed", "dismisses", "reacted", "summoned", "summons", "hit", "struck", "bombed", "deployed", "deploys",
		"sanctioned", "retaliated", "retaliates", "officially")
	skipBeforeVerb = set("has", "have", "had", "also", "on", "already", "again", "quickly", "repeatedly", "officially", "swiftly",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "this", "week", "then", "later")
	// Lower-case words that may sit between a country adjective and the agent
	// word it qualifies ("a Russian three-star general").
	agentMods = set("three", "two", "four", "one", "five", "star", "senior", "top", "high", "ranking", "level", "low", "former",
		"retired", "serving", "elite", "regular", "special", "security", "defence", "defense", "foreign", "interior", "local",
		"regional", "provincial", "state", "government", "military", "official", "diplomatic", "naval", "air", "ground",
		"army", "navy", "backed", "allied", "loyalist", "pro", "anti", "opposition", "rebel", "islamist", "moderate",
		"armed", "unnamed", "anonymous", "informed", "knowledgeable", "independent", "trained", "new", "young", "deputy",
		"assistant", "acting", "chief", "leading", "prominent", "veteran", "staff", "intelligence", "police", "nuclear",
		"combat", "attack", "fighter", "strike", "transport", "reconnaissance", "sukhoi", "su", "mig", "tu", "additional",
		"first", "ministry", "military's", "federal", "national", "central", "medical", "border")
	speakerFor = set("for", "of", "at", "from")
	pluralDem  = set("russians", "americans", "syrians", "iranians", "israelis", "palestinians", "iraqis", "turks", "saudis",
		"ukrainians", "kurds", "afghans", "britons", "yemenis", "lebanese", "libyans", "egyptians", "chinese", "french", "british")
)

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func isPunct(w word) bool {
	for _, r := range w.raw {
		if isWordRune(r) {
			return false
		}
	}
	return true
}

// sentence recognises the mentions of one sentence and adds them.
func (st *docState) sentence(si int, ws []word) {
	cs := st.passOne(ws)
	st.speakers(ws, cs)
	st.agents(ws, cs)
	st.agentsOf(ws, cs)
	st.metonymy(ws, cs)
	st.acronyms(ws, cs)
	cs = st.general(ws, cs)
	cs = st.bareAgents(ws, cs)
	for k := range cs {
		c := &cs[k]
		if c.drop {
			continue
		}
		if c.link > 0 && cs[c.link-1].ent.ID != "" && !cs[c.link-1].drop {
			c.ent = cs[c.link-1].ent
			st.short[c.key] = c.ent.ID
		} else if c.kind == kUnknown {
			st.resolveUnknown(ws, c)
			if c.sector != nil && !c.ent.Known && c.ent.CAMEO == "" {
				c.ent.Country, c.ent.CAMEO = c.sector.Country, c.sector.CAMEO
			}
		}
		if c.drop || c.ent.ID == "" {
			continue
		}
		st.add(c.mention, si)
	}
}

// passOne finds names: knowledge-base names, demonyms, capitals, fuzzy
// matches and unknown capitalised names, longest first, left to right.
func (st *docState) passOne(ws []word) []cand {
	var cs []cand
	for i := 0; i < len(ws); {
		if c, ok := st.matchKB(ws, i); ok {
			if j := c.j; j < len(ws) && ws[j].raw == "$" && ws[j].start == ws[j-1].end {
				i = j // "US$" is a currency
				continue
			}
			if f, ok := st.matchFuzzy(ws, i); ok && f.j > c.j {
				c = f // "Qassem Suleimani" over a lone "Qassem"
			}
			// "Texas Instruments", "American Airlines": a known name
			// that opens a longer name ending in an organisation word.
			if _, rest := st.matchKB(ws, c.j); !rest && (c.kind != kName || c.ent.Type != sitrep.Person) {
				u, ok := st.matchUnknown(ws, i)
				a, n := st.agentAt(ws, c.j)
				if ok && !u.drop && u.j > c.j && st.endsOrg(ws, i) && (a == nil || c.j+n < u.j) {
					if _, known := st.matchKB(ws, u.j-1); !known {
						cs = append(cs, u)
						i = u.j
						continue
					}
				}
			}
			// "Hong Kong Island", "Homs Governorate": a known place
			// followed by a capitalised geographic word.
			if c.kind == kCapital || c.kind == kName && (c.ent.Type == sitrep.PlaceEntity || c.ent.Type == sitrep.Country) {
				k := c.j
				for k < len(ws) && ws[k].cap && st.kb.placeWords[ws[k].key] {
					k++
				}
				if k > c.j {
					u := cand{mention: st.span(ws, i, k), kind: kUnknown}
					u.key, u.hint = joinKeys(ws[i:k]), "place"
					u.country = c.country
					if u.country == nil {
						u.country = st.kb.countries[c.ent.Country]
					}
					cs = append(cs, u)
					i = k
					continue
				}
			}
			if i > 0 && particles[ws[i-1].key] && !ws[i-1].cap && ws[i].start-ws[i-1].end == 1 {
				c.start = ws[i-1].start // "al-Qaeda", not "Qaeda"
			}
			cs = append(cs, c)
			i = c.j
			continue
		}
		if c, ok := st.matchFuzzy(ws, i); ok {
			cs = append(cs, c)
			i = c.j
			continue
		}
		if c, ok := st.matchUnknown(ws, i); ok {
			if !c.drop {
				cs = append(cs, c)
			}
			i = c.j
			continue
		}
		i++
	}
	return cs
}

func joinKeys(ws []word) string {
	if len(ws) == 1 {
		return ws[0].key
	}
	var b strings.Builder
	for k, w := range ws {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.key)
	}
	return b.String()
}

// caseOK checks the text's capitalisation against the alias: acronyms
// must be in capitals, other names must start with a capital.
func caseOK(ws []word, ref aliasRef) bool {
	if ref.acronym {
		for _, w := range ws {
			if !w.upper {
				return false
			}
		}
		return true
	}
	return ws[0].cap
}

func (st *docState) matchKB(ws []word, i int) (cand, bool) {
	kb := st.kb
	if i >= len(ws) || !ws[i].cap || isPunct(ws[i]) {
		return cand{}, false
	}
	for n := min(kb.maxWords, len(ws)-i); n >= 1; n-- {
		span := ws[i : i+n]
		if isPunct(span[n-1]) {
			continue
		}
		key := joinKeys(span)
		if refs, ok := kb.names[key]; ok {
			if ref, ok := st.pick(span, key, refs); ok {
				if n == 1 && ref.short && sentenceStart(ws, i) && stopCaps[key] {
					continue
				}
				return st.kbCand(ws, i, i+n, ref.e), true
			}
		}
		if c, ok := kb.adj[key]; ok && span[0].cap {
			return cand{mention: st.span(ws, i, i+n), kind: kAdj, country: c}, true
		}
		if c, ok := kb.capitals[key]; ok && span[0].cap {
			return cand{mention: st.span(ws, i, i+n), kind: kCapital, country: c}, true
		}
	}
	return cand{}, false
}

// pick chooses among the entries an alias may name: a full name over a
// surname, an entry already seen in this document, one whose role covers
// the document's date, then the earliest loaded.
func (st *docState) pick(span []word, key string, refs []aliasRef) (aliasRef, bool) {
	best, bestScore := aliasRef{}, -1
	for _, r := range refs {
		if !caseOK(span, r) {
			continue
		}
		if _, seen := st.ents["kb:"+r.e.ID]; r.short && !seen {
			// A surname derived from a full name ("May" from "Theresa
			// May") only refers back to a person the document named.
			continue
		}
		score := 0
		if !r.short {
			score += 8
		}
		if _, seen := st.ents["kb:"+r.e.ID]; seen {
			score += 4
		}
		if id, ok := st.short[key]; ok && id == "kb:"+r.e.ID {
			score += 4
		}
		if st.date != "" {
			if _, _, role := r.e.At(st.date); role != nil {
				score += 2
			}
		}
		if score > bestScore {
			best, bestScore = r, score
		}
	}
	return best, bestScore >= 0
}

func (st *docState) span(ws []word, i, j int) mention {
	return mention{i: i, j: j, start: ws[i].start, end: ws[j-1].end}
}

func (st *docState) kbCand(ws []word, i, j int, e *Entry) cand {
	c := cand{mention: st.span(ws, i, j), kind: kName}
	c.ent, c.role = st.entity(e)
	if e.Type == sitrep.Country {
		c.country = st.kb.countries[e.ID]
	}
	return c
}

// entity returns the record of a knowledge-base entry on the document's
// date.
func (st *docState) entity(e *Entry) (sitrep.Entity, *Role) {
	cameo, country, role := e.At(st.date)
	return sitrep.Entity{ID: "kb:" + e.ID, Name: e.Name, Type: e.Type, Country: country, CAMEO: cameo, Known: true}, role
}

// matchFuzzy finds a knowledge-base name misspelt or transliterated
// differently: same skeleton, small edit distance, same first letter.
func (st *docState) matchFuzzy(ws []word, i int) (cand, bool) {
	if !ws[i].cap || ws[i].upper {
		return cand{}, false
	}
	for n := min(4, len(ws)-i); n >= 1; n-- {
		span := ws[i : i+n]
		ok := true
		for _, w := range span {
			if isPunct(w) || !w.cap && !connectors[w.key] {
				ok = false
				break
			}
		}
		if !ok || !span[n-1].cap {
			continue
		}
		key := joinKeys(span)
		if len(key) < 5 || n > 1 && len(key) < 8 {
			continue
		}
		for _, r := range st.kb.skel[skeleton(key)] {
			if r.key[0] != key[0] {
				continue
			}
			limit := max(1, len(key)/7)
			if n == 1 && len(key) < 9 && key[len(key)-1] != r.key[len(r.key)-1] {
				continue // short words: only a vowel inside may differ ("Idleb")
			}
			if editDistance(key, r.key) <= limit {
				return st.kbCand(ws, i, i+n, r.e), true
			}
		}
	}
	return cand{}, false
}

// titleAt returns the length in words of a title phrase at ws[i] and its
// hint, preferring the longest.
func (st *docState) titleAt(ws []word, i int) (int, string) {
	for n := min(st.kb.maxTitle, len(ws)-i); n >= 1; n-- {
		if h, ok := st.kb.titles[joinKeys(ws[i:i+n])]; ok {
			return n, h
		}
	}
	// A portfolio before "Minister" or "Secretary" is part of the title:
	// "Transport Minister Maxim Sokolov", "Interior Secretary".
	for n := 1; n <= 2 && i+n < len(ws); n++ {
		if !ws[i+n-1].cap {
			break
		}
		if k := ws[i+n].key; k == "minister" || k == "secretary" {
			return n + 1, "person"
		}
	}
	return 0, ""
}

// matchUnknown finds a run of capitalised words not in the knowledge base.
// A title before the run gives a hint to its type and is left out of the
// span.
func (st *docState) matchUnknown(ws []word, i int) (cand, bool) {
	w := ws[i]
	if !w.cap || isPunct(w) || isDigitWord(w.raw) {
		return cand{}, false
	}
	hint := ""
	start := i
	if a, n := st.agentAt(ws, i); a != nil && n >= 2 && (i+n == len(ws) || !ws[i+n].cap) {
		// "the Syrian General Staff": an agent phrase in capitals, not a
		// title before a name; the agent pass reads it. Its words are
		// skipped, so that "Staff" does not come back as a name.
		return cand{mention: st.span(ws, i, i+n), drop: true}, true
	}
	if n, h := st.titleAt(ws, i); n > 0 && h != "speaker" && i+n < len(ws) && ws[i+n].cap && !isPunct(ws[i+n]) {
		// "General Motors" is a name, "General Petraeus" a title and a
		// name: the run decides below through its last word.
		if !st.endsOrg(ws, i) {
			hint = h
			start = i + n
		}
	}
	if start > i {
		_, known := st.matchKB(ws, start)
		if _, fuzzy := st.matchFuzzy(ws, start); known || fuzzy {
			// The name after the title is known: skip the title.
			return cand{mention: st.span(ws, i, start), drop: true}, true
		}
	}
	if sentenceStart(ws, start) && hint == "" && !st.plausibleStart(ws[start]) {
		// A capitalised word opening a sentence is a name only if the
		// tagger says so or the document capitalises it elsewhere.
		if start+1 < len(ws) && ws[start+1].cap {
			return cand{}, false // the next position starts the name
		}
		return cand{}, false
	}
	if stopCaps[ws[start].key] && (sentenceStart(ws, start) || !nameOpeners[ws[start].key]) || ws[start].upper && len(ws[start].key) == 1 {
		return cand{}, false
	}
	j := start + 1
	for j < len(ws) {
		if ws[j].cap && !isPunct(ws[j]) && !isDigitWord(ws[j].raw) {
			if n, h := st.titleAt(ws, j); n > 0 && h != "speaker" && j+n < len(ws) && ws[j+n].cap && !st.endsOrg(ws, start) {
				break // "Boeing Chief Executive Jim McNerney"
			}
			if c, ok := st.matchKB(ws, j); ok && !st.endsOrg(ws, start) && !st.orgPlace(ws, start, j, c) && !st.surnamePlace(ws, start, j, c) {
				break
			}
			j++
			continue
		}
		// "Boeing's Launch Systems": a possessive inside a name that
		// ends in an organisation word.
		if ws[j].raw == "'" || ws[j].raw == "’" {
			if j+2 < len(ws) && ws[j+1].key == "s" && ws[j+2].cap && st.endsOrg(ws, j+2) && ws[j].start == ws[j-1].end {
				j += 2
				continue
			}
		}
		if connectors[ws[j].key] && !ws[j].cap && j+1 < len(ws) && ws[j+1].cap && !isPunct(ws[j+1]) && ws[j].key != "and" && ws[j].key != "on" {
			if ws[j].key == "of" && st.personLike(ws, start, j) {
				break // "Frederick Fung of ADPL": a person and the party
			}
			j++
			continue
		}
		if ws[j].key == "&" && j+1 < len(ws) && ws[j+1].cap {
			j++
			continue
		}
		if st.hyphenSyllable(ws, start, j) {
			j++ // "Wu Chi-wai", "Shiu Ka-chun"
			continue
		}
		break
	}
	for j > start+1 && connectors[ws[j-1].key] {
		j--
	}
	if j == start+1 && ws[start].key == "s" {
		return cand{}, false
	}
	// A rejected run is skipped whole, so that its tail does not come
	// back as a name ("Dow Jones Industrial Average").
	skip := cand{mention: st.span(ws, start, j), drop: true}
	if st.notName(ws, start, j) || st.generic(ws, start, j) {
		return skip, true
	}
	if j == start+1 && sentenceStart(ws, start) && hint == "" && !st.midCap[ws[start].key] && !ws[start].upper && !st.kb.given[ws[start].key] && !actsNext(ws, j) {
		// A lone capitalised word opening a sentence ("Shares fell") is
		// a name only if the document capitalises it elsewhere too.
		return skip, true
	}
	if k := ws[start].key; j == start+1 && hint == "" && !ws[start].upper && st.kb.common[k] && !st.kb.given[k] && st.lowerN[k] > st.midCapN[k] {
		// A lone common word that the document writes in lower case more
		// often than capitalised inside sentences ("Usually", "Results")
		// is capitalised by its position only; "the Church" is not.
		if _, short := st.short[k]; !short {
			return skip, true
		}
	}
	if st.headline {
		for _, w := range ws[start:j] {
			if !st.midCap[w.key] && !connectors[w.key] && !w.upper {
				return skip, true
			}
		}
	}
	c := cand{mention: st.span(ws, start, j), kind: kUnknown}
	c.hint = hint
	c.key = joinKeys(ws[start:j])
	return c, true
}

// particles are the Arabic article and its assimilated forms, written
// before a name with a hyphen ("al-Qaeda", "ash-Sham").
var particles = set("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul")

// nameOpeners are words that stopCaps rejects at the start of a sentence
// but that open names inside one ("the New People Party").
var nameOpeners = set("new", "first", "second", "third", "last", "next", "central", "other")

// generic reports whether a capitalised run is made only of agent words,
// titles and connectors ("Army", "Armed Forces", "Supreme Commander"):
// a role named without its country, not a name.
func (st *docState) generic(ws []word, i, j int) bool {
	if _, n := st.agentAt(ws, i); n > j-i {
		return true // "Foreign ministers": the word opens a role phrase
	}
	for k := i; k < j; {
		if connectors[ws[k].key] {
			k++
			continue
		}
		if a, n := st.agentAt(ws, k); a != nil {
			k += n
			continue
		}
		if n, _ := st.titleAt(ws, k); n > 0 {
			k += n
			continue
		}
		return false
	}
	return true
}

// units are capitalised abbreviations of units, currencies and time
// zones, which are not names.
var units = set("utc", "gmt", "bst", "cet", "est", "edt", "pst", "pdt", "usd", "eur", "gbp", "jpy", "rmb", "ghz", "mhz",
	"khz", "gb", "mb", "kb", "tb", "kw", "mw", "gw", "kwh", "mph", "km", "kg", "am", "pm", "ad", "bc", "ce", "bce", "pdf",
	"html", "jpeg", "gif", "tv", "hd", "ok", "faq", "q&a")

// notName rejects a run of capitalised words that is not an actor: a
// currency ("US$"), a unit, a name listed as no actor (stock indices,
// holidays), an event ("Worldwide Developers Conference") or a product: a
// model ("A380", "IE6": letters and digits in one word), a name next to a
// model number ("Boeing 787", "787 Dreamliner") or after a brand written
// in lower camel case ("iPod Nano").
func (st *docState) notName(ws []word, i, j int) bool {
	if j < len(ws) && ws[j].raw == "$" && ws[j].start == ws[j-1].end {
		return true
	}
	if j-i == 1 && units[ws[i].key] {
		return true
	}
	// A listed phrase rules out the run it opens ("Dow Jones Industrial
	// Average"); a listed single word only itself ("Islamic", but not
	// "Islamic Jihad").
	for n := j - i; n >= 1; n-- {
		if st.kb.ignore[joinKeys(ws[i:i+n])] && (n > 1 || j-i == 1) {
			return true
		}
	}
	if st.kb.eventWords[ws[j-1].key] && j-i > 1 {
		return true
	}
	if st.kb.eventOpen[ws[i].key] && j-i > 1 {
		return true // "Operation Inherent Resolve", "Battle of Aleppo"
	}
	if j < len(ws) && isModel(ws[j].raw) || i > 0 && isModel(ws[i-1].raw) {
		return true
	}
	if i > 0 && ws[i-1].end == ws[i].start-1 && lowerCamel(ws[i-1].raw) {
		return true // "iTunes Music Store", "iPod Nano"
	}
	for _, w := range ws[i:j] {
		digits, letters := false, false
		for _, r := range w.raw {
			switch {
			case r >= '0' && r <= '9':
				digits = true
			case unicode.IsLetter(r):
				letters = true
			}
		}
		if digits && letters {
			return true
		}
	}
	return false
}

// isModel reports whether s looks like a model number: digits, perhaps
// with letters or a dash ("787", "737-800", "A380"), but not a year.
func isModel(s string) bool {
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		} else if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	if digits < 2 {
		return false
	}
	if len(s) == 4 && digits == 4 && (s[:2] == "19" || s[:2] == "20") {
		return false
	}
	return true
}

// lowerCamel reports whether s starts in lower case and has a capital
// later, as product names do ("iPod", "eBay").
func lowerCamel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r) && strings.IndexFunc(s, unicode.IsUpper) > 0
}

// plausibleStart reports whether a capitalised word that opens a sentence
// may start a name: the tagger calls it a proper noun, the document
// capitalises it elsewhere, or it is a known given name.
func (st *docState) plausibleStart(w word) bool {
	if w.pos == "NNP" || w.pos == "NNPS" {
		return true
	}
	if w.pos != "" {
		return false
	}
	return st.midCap[w.key] || st.kb.given[w.key] || w.upper && len(w.key) > 1
}

// orgPlace reports whether the known name c at ws[j] continues the run
// that starts at ws[start] as part of an organisation's name: a place
// after an organisation word or "Air" ("Bank of Japan", "Air Canada"), or
// after an acronym ("GM Europe").
func (st *docState) orgPlace(ws []word, start, j int, c cand) bool {
	if c.kind != kCapital && (c.kind != kName || c.ent.Type != sitrep.Country && c.ent.Type != sitrep.PlaceEntity) {
		return false
	}
	k := j - 1
	if connectors[ws[k].key] && k > start {
		k--
	}
	prev := ws[k]
	return st.kb.orgWords[prev.key] || prev.key == "air" || k == start && prev.upper && len(prev.key) >= 2
}

// surnamePlace reports whether a place name at ws[j] is the surname of a
// person whose given name opens the run ("Martin Mann", "Paris Jordan").
func (st *docState) surnamePlace(ws []word, start, j int, c cand) bool {
	return j == start+1 && st.kb.given[ws[start].key] && (c.kind == kCapital || c.kind == kName && (c.ent.Type == sitrep.Country || c.ent.Type == sitrep.PlaceEntity))
}

// actsNext reports whether the word after a name is a verb of saying or a
// possessive, which only actors take ("Apple said", "Apple's").
func actsNext(ws []word, j int) bool {
	if j >= len(ws) {
		return false
	}
	k := ws[j].key
	return speechVerbs[k] || reportVerbs[k] || ws[j].raw == "'" || ws[j].raw == "’"
}

// endsOrg reports whether the capitalised run starting at i ends with a
// word that ends organisation names ("General Motors", "Bank of Iran").
func (st *docState) endsOrg(ws []word, i int) bool {
	last := -1
	for j := i; j < len(ws); j++ {
		if ws[j].cap && !isPunct(ws[j]) {
			last = j
			continue
		}
		if connectors[ws[j].key] && ws[j].key != "and" && j+1 < len(ws) && ws[j+1].cap {
			continue
		}
		break
	}
	return last > i && st.kb.orgWords[ws[last].key]
}

// isDigitWord reports whether s is a number such as "12", "1,500" or "3.5".
func isDigitWord(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || r == '.':
		default:
			return false
		}
	}
	return digits > 0
}

// hyphenSyllable reports whether ws[j] is the lower-case second half of a
// hyphenated given name inside a run of capitalised words, as Cantonese
// and Korean names are written ("Wu Chi-wai"): both halves short, joined
// by a hyphen, after the run's first word.
func (st *docState) hyphenSyllable(ws []word, start, j int) bool {
	if j <= start+1 || j >= len(ws) || ws[j].cap || !ws[j-1].cap || !st.hyphenJoined(ws[j-1], ws[j]) {
		return false
	}
	a, b := ws[j-1].key, ws[j].key
	return len(a) <= 5 && len(b) <= 5 && !isDigitWord(b)
}

// personLike reports whether the capitalised run ws[start:j] reads as a
// person's name: a given name first, a family name first or last (family
// names come first in Chinese and Korean), or a hyphenated given name;
// and no organisation or place word at its end.
func (st *docState) personLike(ws []word, start, j int) bool {
	if j-start < 2 || j-start > 4 {
		return false
	}
	first, last := ws[start].key, ws[j-1].key
	if _, title := st.kb.titles[first]; title || st.kb.orgWords[last] || st.kb.placeWords[last] {
		return false
	}
	if st.kb.given[first] || st.kb.family[first] || st.kb.family[last] {
		return true
	}
	for k := start + 1; k < j; k++ {
		if !ws[k].cap {
			return true // a hyphen syllable
		}
	}
	return false
}

// hyphenJoined reports whether b follows a with one ASCII-width hyphen
// between them and no space: the two halves of "Chi-wai" or "Su-24".
func (st *docState) hyphenJoined(a, b word) bool {
	if b.start != a.end+1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(st.text[a.end:])
	return isHyphen(r)
}

// isHyphenWord reports whether w is a lone hyphen the tokenizer kept.
func isHyphenWord(w word) bool {
	r, n := utf8.DecodeRuneInString(w.raw)
	return isHyphen(r) && n == len(w.raw)
}
