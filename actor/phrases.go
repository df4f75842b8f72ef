package actor

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// candEnding returns the index of the live candidate whose last word is
// ws[k], or -1.
func candEnding(cs []cand, k int) int {
	for x := range cs {
		if !cs[x].drop && cs[x].j-1 == k {
			return x
		}
	}
	return -1
}

func candStarting(cs []cand, k int) int {
	for x := range cs {
		if !cs[x].drop && cs[x].i == k {
			return x
		}
	}
	return -1
}

// possessive returns the number of words of a possessive "'s" at ws[k],
// or 0.
func possessive(ws []word, k int) int {
	if k+1 < len(ws) && (ws[k].raw == "'" || ws[k].raw == "’") && ws[k+1].key == "s" && ws[k].end == ws[k+1].start {
		return 2
	}
	if k < len(ws) && ws[k].key == "s" && (ws[k].raw == "'s" || ws[k].raw == "’s") {
		return 1
	}
	return 0
}

// agentAt returns the longest agent phrase at ws[k].
func (st *docState) agentAt(ws []word, k int) (*Agent, int) {
	for n := min(st.kb.maxAgent, len(ws)-k); n >= 1; n-- {
		if a, ok := st.kb.agents[joinKeys(ws[k:k+n])]; ok {
			return a, n
		}
	}
	return nil, 0
}

// speakerTitleEnding returns the length of a speaker title phrase ending at
// ws[k] ("spokesman", "press secretary"), or 0.
func (st *docState) speakerTitleEnding(ws []word, k int) int {
	for n := min(st.kb.maxTitle, k+1); n >= 1; n-- {
		if h, ok := st.kb.titles[joinKeys(ws[k-n+1:k+1])]; ok && h == "speaker" && !ws[k-n+1].cap {
			return n
		}
	}
	return 0
}

// leftDeterminers moves start left over lower-case determiners and numbers.
func leftDeterminers(ws []word, i int) int {
	for i > 0 && (!ws[i-1].cap || sentenceStart(ws, i-1)) && (determiners[ws[i-1].key] && ws[i-1].key != "that" || isDigitWord(ws[i-1].raw)) {
		i--
	}
	return i
}

// speakers widens a person's mention over a speaker title and the body it
// speaks for: "Kremlin spokesman Dmitry Peskov", "Russian Defence Ministry
// spokesman Igor Konashenkov".
func (st *docState) speakers(ws []word, cs []cand) {
	for x := range cs {
		p := &cs[x]
		if p.drop || p.i == 0 || !(p.kind == kUnknown || p.kind == kName && p.ent.Type == sitrep.Person) {
			continue
		}
		n := st.speakerTitleEnding(ws, p.i-1)
		if n == 0 {
			continue
		}
		k := p.i - 1 - n
		start := p.i - n
		for steps := 0; k >= 0 && steps < 6; steps++ {
			if y := candEnding(cs, k); y >= 0 && y != x {
				if cs[y].kind == kName && cs[y].ent.Type == sitrep.Person {
					break
				}
				cs[y].drop = true
				start, k = cs[y].i, cs[y].i-1
				continue
			}
			if a, m := st.agentAtEnd(ws, k); a != nil {
				start, k = k-m+1, k-m
				continue
			}
			if agentMods[ws[k].key] && !ws[k].cap {
				start, k = k, k-1
				continue
			}
			break
		}
		start = leftDeterminers(ws, start)
		p.start = ws[start].start
		if k := ws[p.i-1].key; k != "for" && k != "of" {
			// "spokesman Igor Konashenkov" is a person; in "a spokesman
			// for Force Ouvriere" the name is the body spoken for.
			p.hint = "person"
		}
	}
}

// agentAtEnd returns an agent phrase ending at ws[k].
func (st *docState) agentAtEnd(ws []word, k int) (*Agent, int) {
	for n := min(st.kb.maxAgent, k+1); n >= 1; n-- {
		if a, ok := st.kb.agents[joinKeys(ws[k-n+1:k+1])]; ok {
			return a, n
		}
	}
	return nil, 0
}

// agents turns a country or demonym followed by agent words into a sector
// actor: "Russian warplanes" is kb:RUS/MIL, "an Israeli official source"
// kb:ISR/GOV.
func (st *docState) agents(ws []word, cs []cand) {
	for x := range cs {
		c := &cs[x]
		if c.drop || c.country == nil || c.kind == kCapital {
			continue
		}
		k := c.j
		if c.kind == kName {
			k += possessive(ws, k) // "Russia's Defence Ministry"
		}
		var best *Agent
		end, mods := -1, 0
		for k < len(ws) && k < c.j+8 {
			if y := candStarting(cs, k); y >= 0 {
				if a, n := st.agentAt(ws, k); a != nil && cs[y].kind == kUnknown && n >= cs[y].j-cs[y].i {
					cs[y].drop = true
				} else {
					break
				}
			}
			if a, n := st.agentAt(ws, k); a != nil {
				if best == nil || a.Rank > best.Rank {
					best = a
				}
				k += n
				end = k
				continue
			}
			if agentMods[ws[k].key] && !ws[k].cap && mods < 3 {
				mods++
				k++
				continue
			}
			if n := st.milModel(ws, k); n > 0 {
				// "Turkish F-16 jets", "the Russian Su-24": a military model.
				if mil := st.kb.agentByKey("MIL", nil); mil != nil && (best == nil || mil.Rank > best.Rank) {
					best = mil
				}
				k += n
				end = k
				continue
			}
			// A title before a name ("Syrian Information Minister Omran
			// al-Zoubi") acts as a government or military agent.
			n, h := st.titleAt(ws, k)
			if y := candStarting(cs, k+n); n > 0 && best == nil && h == "civilian" && y >= 0 && cs[y].kind == kUnknown && c.country != nil {
				// "Tunisian coach Nabil Maaloul": the country, no sector.
				c.drop = true
				sec := countryEntity(c.country)
				cs[y].sector = &sec
				cs[y].start = ws[c.i].start
				break
			}
			if n > 0 && best == nil && (h == "person" || h == "military") && candStarting(cs, k+n) >= 0 {
				best = st.kb.govAgent()
				if h == "military" {
					best = st.kb.agentByKey("MIL", best)
				}
				k += n
				end = k
				break
			}
			break
		}
		if best != nil && end < len(ws) {
			if y := candStarting(cs, end); y >= 0 && (cs[y].kind == kUnknown || cs[y].ent.Type == sitrep.Person) {
				// A title before a name: "Russian President Vladimir Putin".
				// An unknown person takes the sector as its code.
				c.drop = true
				if cs[y].kind == kUnknown {
					sec := st.kb.agentEntity(c.country, best)
					cs[y].sector = &sec
					cs[y].start = ws[c.i].start
				}
				continue
			}
		}
		if best == nil {
			if c.kind == kAdj {
				// "the Russian economy" mentions Russia, as CAMEO
				// dictionaries code a lone demonym.
				c.ent = countryEntity(c.country)
			}
			continue
		}
		start := leftDeterminers(ws, c.i)
		c.ent = st.kb.agentEntity(c.country, best)
		c.role = nil
		c.start, c.j, c.end = ws[start].start, end, ws[end-1].end
		for y := range cs {
			if y != x && cs[y].i >= c.i && cs[y].j <= end {
				cs[y].drop = true
			}
		}
	}
	// "a spokesman for the Russian Defence Ministry": the speaker phrase
	// belongs to the body it speaks for.
	for x := range cs {
		c := &cs[x]
		if c.drop || c.ent.ID == "" || c.ent.Type == sitrep.Person || c.ent.Type == sitrep.Country || c.ent.Type == sitrep.PlaceEntity {
			continue
		}
		i := c.i
		for i > 0 && ws[i-1].start >= c.start {
			i--
		}
		if i > 0 && !ws[i-1].cap && ws[i-1].key == "the" {
			i--
		}
		if i < 2 || !speakerFor[ws[i-1].key] {
			continue
		}
		n := st.speakerTitleEnding(ws, i-2)
		if n == 0 {
			continue
		}
		c.start = ws[leftDeterminers(ws, i-1-n)].start
	}
}

// ofWords link an agent phrase to the country after it.
var ofWords = set("of", "from")

// agentsOf reads an agent phrase before "of" or "from" and a country as
// that country's sector: "soldiers from Gondor", "the ambassadors of
// Arnor, Osgiliath and Gondor" (each country gets the sector, as PETRARCH
// codes compounds).
func (st *docState) agentsOf(ws []word, cs []cand) {
	for x := range cs {
		c := &cs[x]
		if c.drop || c.country == nil || c.kind == kCapital || c.ent.ID != "" && c.ent.Type != sitrep.Country {
			continue
		}
		// Walk back over a list of countries to the linking word.
		k := c.i - 1
		for k >= 0 {
			if ws[k].raw == "," || ws[k].key == "and" {
				k--
				continue
			}
			if y := candEnding(cs, k); y >= 0 && cs[y].country != nil && cs[y].kind != kCapital {
				k = cs[y].i - 1
				continue
			}
			break
		}
		if k >= 0 && ws[k].key == "the" {
			k--
		}
		if k < 1 || !ofWords[ws[k].key] {
			continue
		}
		a, n := st.agentAtEnd(ws, k-1)
		if a == nil || ws[k-n].cap && !sentenceStart(ws, k-n) {
			continue
		}
		if candEnding(cs, k-1) >= 0 {
			continue // the phrase belongs to a name already
		}
		c.ent = st.kb.agentEntity(c.country, a)
		c.role = nil
		if k == c.i-1 || k == c.i-2 && ws[c.i-1].key == "the" {
			c.start = ws[leftDeterminers(ws, k-n)].start // "soldiers from Gondor"
		}
	}
}

// metonymy reads a capital followed by a verb of saying or acting as the
// government ("Moscow said"); other capitals stay places.
func (st *docState) metonymy(ws []word, cs []cand) {
	for x := range cs {
		c := &cs[x]
		if c.drop || c.kind != kCapital {
			continue
		}
		k := c.j
		for skip := 0; k < len(ws) && skip < 3 && skipBeforeVerb[ws[k].key] && !speechVerbs[ws[k].key]; skip++ {
			k++
		}
		if k < len(ws) && speechVerbs[ws[k].key] && !ws[k].cap {
			c.ent = st.kb.agentEntity(c.country, st.kb.govAgent())
			continue
		}
		if k < len(ws) && ws[k].key == "and" && k+1 < len(ws) {
			if y := candStarting(cs, k+1); y >= 0 && cs[y].kind == kCapital {
				m := cs[y].j
				for m < len(ws) && skipBeforeVerb[ws[m].key] && !speechVerbs[ws[m].key] {
					m++
				}
				if m < len(ws) && speechVerbs[ws[m].key] {
					c.ent = st.kb.agentEntity(c.country, st.kb.govAgent())
					continue
				}
			}
		}
		if c.i > 0 && addressVerbs[ws[c.i-1].key] || c.i > 1 && ws[c.i-1].key == "on" && ws[c.i-2].key == "called" {
			// The one asked, urged or blamed is the government: "asked
			// Moscow for help", "called on Damascus to stop".
			c.ent = st.kb.agentEntity(c.country, st.kb.govAgent())
			continue
		}
		key, name := joinKeys(ws[c.i:c.j]), st.text[c.start:c.end]
		for _, cap := range c.country.Capitals {
			if normPhrase(cap) == key {
				name = cap // "Moscow", also for a dateline's "MOSCOW"
			}
		}
		c.ent = sitrep.Entity{ID: "kb:city:" + slug(joinKeys(ws[c.i:c.j])), Name: name, Type: sitrep.PlaceEntity, Country: c.country.ISO3, CAMEO: c.country.CAMEO, Known: true}
	}
}

// agentByKey returns the agent with the given key, or def.
func (kb *KB) agentByKey(key string, def *Agent) *Agent {
	if a, ok := kb.agentKeys[key]; ok {
		return a
	}
	return def
}

// govAgent returns the agent used for governments.
func (kb *KB) govAgent() *Agent {
	if a, ok := kb.agentKeys["GOV"]; ok {
		return a
	}
	if a, ok := kb.agents["government"]; ok {
		return a
	}
	return &Agent{Key: "GOV", Suffix: "GOV", Type: sitrep.Government, Label: "government"}
}

// acronyms links "(EADS)" to the name before it.
func (st *docState) acronyms(ws []word, cs []cand) {
	for x := 1; x < len(cs); x++ {
		c := &cs[x]
		if c.drop || c.kind != kUnknown || c.i < 2 || c.j >= len(ws) || ws[c.i-1].raw != "(" || ws[c.j].raw != ")" {
			continue
		}
		if !ws[c.i].upper {
			continue
		}
		if y := candEnding(cs, c.i-2); y >= 0 {
			c.link = y + 1
		}
	}
}

// general resolves "the general" to the last military person named.
func (st *docState) general(ws []word, cs []cand) []cand {
	if st.lastMil == "" {
		return cs
	}
	added := false
	for k := 1; k < len(ws); k++ {
		switch ws[k].key {
		case "general", "commander", "colonel", "admiral", "brigadier", "marshal":
		default:
			continue
		}
		if ws[k-1].key != "the" || ws[k].cap && k > 1 {
			continue
		}
		if k+1 < len(ws) && (ws[k+1].cap || !isPunct(ws[k+1]) && strings.HasSuffix(ws[k+1].key, "s")) {
			continue
		}
		covered := false
		for _, c := range cs {
			if !c.drop && c.start <= ws[k].start && ws[k].end <= c.end {
				covered = true
			}
		}
		if covered {
			continue
		}
		e := st.ents[st.lastMil]
		m := mention{i: k - 1, j: k + 1, start: ws[k-1].start, end: ws[k].end}
		m.ent = head(e)
		cs = append(cs, cand{mention: m, kind: kName})
		added = true
	}
	if added {
		sort.SliceStable(cs, func(a, b int) bool { return cs[a].start < cs[b].start })
	}
	return cs
}

// milModel returns how many words at ws[k] write a military designator
// and its number ("Su-24", "F-16", "MiG-29"), or 0. The tokenizer may
// keep the hyphen as a word of its own.
func (st *docState) milModel(ws []word, k int) int {
	if k+1 >= len(ws) || !ws[k].cap || !st.kb.milModels[ws[k].key] {
		return 0
	}
	num := k + 1
	switch {
	case st.hyphenJoined(ws[k], ws[k+1]): // "Su" "24", the hyphen between them
	case k+2 < len(ws) && isHyphenWord(ws[k+1]) && ws[k+1].start == ws[k].end && ws[k+2].start == ws[k+1].end:
		num = k + 2 // "F" "-" "16"
	default:
		return 0
	}
	if d, _ := utf8.DecodeRuneInString(ws[num].raw); !unicode.IsDigit(d) {
		return 0
	}
	return num - k + 1
}

// bareAgents adds agent phrases that name an actor without a country
// ("Rebels attacked the convoy", "rebel fire", "killing civilians") where
// no other mention covers them. A sector code without a country is what
// CAMEO dictionaries give such phrases.
func (st *docState) bareAgents(ws []word, cs []cand) []cand {
	for k := 0; k < len(ws); k++ {
		if !st.kb.bareFirst[ws[k].key] {
			continue
		}
		a, n := st.agentAt(ws, k)
		if a == nil || !st.kb.bare[joinKeys(ws[k:k+n])] || covered(cs, ws[k].start, ws[k+n-1].end) {
			continue
		}
		if ws[k].cap && !sentenceStart(ws, k) {
			continue // part of a name
		}
		if k > 0 && (ws[k-1].cap && !sentenceStart(ws, k-1) || ws[k-1].key == "s") {
			continue // "Syrian rebels" the agent pass reads; "Assad's militias"
		}
		if e := k + n; e < len(ws) && ws[e].cap && !isPunct(ws[e]) {
			continue // "rebel Free Syrian Army"
		}
		c := cand{mention: st.span(ws, k, k+n), kind: kName}
		c.ent = bareEntity(a)
		cs = append(cs, c)
		k += n - 1
	}
	return cs
}

// covered reports whether a candidate, kept or dropped, spans bytes
// [start, end).
func covered(cs []cand, start, end int) bool {
	for _, c := range cs {
		if c.start < end && start < c.end {
			return true
		}
	}
	return false
}

// addressVerbs before a capital make it the government addressed: one
// asks, urges or blames a government, not a city.
var addressVerbs = set("asked", "asks", "urged", "urges", "told", "tells", "warned", "warns", "accused", "accuses",
	"blamed", "blames", "criticised", "criticized", "condemned", "thanked", "thanks", "pressed", "pressured",
	"informed", "notified", "reassured", "assured", "congratulated")
