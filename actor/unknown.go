package actor

import (
	"strings"

	"github.com/sitrep/sitrep"
)

// mediaWords end the names of news outlets.
var mediaWords = set("news", "times", "post", "journal", "herald", "tribune", "gazette", "telegraph", "radio", "television",
	"tv", "broadcasting", "media", "press", "magazine", "review", "daily", "agency", "observer", "guardian", "independent")

// surnameLike are organisation words that are also common surnames.
var surnameLike = set("press", "post", "banks", "bank", "church", "hall", "times", "power", "union", "court", "guard",
	"trust", "fund", "energy", "gas", "service", "office", "board", "league", "capital")

// reportVerbs after a name suggest a person.
var reportVerbs = set("said", "says", "told", "added", "explained", "wrote", "noted", "argued", "stated", "believes",
	"thinks", "recalled", "insisted", "replied", "asked", "admitted", "acknowledged")

// resolveUnknown gives a name outside the knowledge base an entity: one
// already named in the document when the name is its short form, else a
// new one with a stable id from the normalised name and a guessed type.
func (st *docState) resolveUnknown(ws []word, c *cand) {
	if id, ok := st.short[c.key]; ok {
		c.ent = head(st.ents[id])
		return
	}
	id := "x:" + slug(c.key)
	t := st.guessType(ws, c)
	st.vote(id, t)
	if e, ok := st.ents[id]; ok {
		c.ent = head(e)
		return
	}
	if t == sitrep.Person && c.j-c.i == 1 {
		// A lone word that is the first name of a person named earlier.
		if pid, ok := st.short["first:"+c.key]; ok {
			c.ent = head(st.ents[pid])
			return
		}
	}
	// The entity is named by the name's own words; the mention may also
	// cover a title or agent phrase before it ("Swedish captain ...").
	c.ent = sitrep.Entity{ID: id, Name: st.text[ws[c.i].start:ws[c.j-1].end], Type: t}
	if c.country != nil && t == sitrep.PlaceEntity {
		c.ent.Country = c.country.ISO3 // "Aleppo Governorate" lies in Syria
	}
	words := strings.Fields(c.key)
	switch t {
	case sitrep.Person:
		if len(words) > 1 {
			st.setShort(words[len(words)-1], id)
			st.setShort("first:"+words[0], id)
		}
	case sitrep.Organization, sitrep.Media, sitrep.ArmedGroup, sitrep.Government, sitrep.Military:
		if len(words) > 1 {
			if w := words[0]; len(w) > 3 && !st.kb.orgWords[w] && !connectors[w] {
				st.setShort(w, id)
			}
			if a := initials(ws[c.i:c.j]); len(a) >= 2 {
				st.setShort(a, id)
			}
		}
	}
}

// vote counts what one mention's context says an unknown name is; the
// entity takes the type most mentions agree on.
func (st *docState) vote(id string, t sitrep.EntityType) {
	if st.votes[id] == nil {
		st.votes[id] = map[sitrep.EntityType]int{}
	}
	st.votes[id][t]++
}

// setShort records a short form unless another entity already has it.
func (st *docState) setShort(key, id string) {
	if _, ok := st.short[key]; !ok {
		st.short[key] = id
	}
}

// head returns e without its mentions.
func head(e *sitrep.Entity) sitrep.Entity {
	h := *e
	h.Mentions = nil
	return h
}

// initials returns the lower-case acronym of a multi-word name, skipping
// connectors: "European Aeronautic Defence and Space Company" gives
// "eadsc".
func initials(ws []word) string {
	var b strings.Builder
	for _, w := range ws {
		if connectors[w.key] || !w.cap {
			continue
		}
		b.WriteString(w.key[:1])
	}
	return b.String()
}

// placeNouns name kinds of places; "the villages of X, Y and Z" lists
// places.
var placeNouns = set("village", "villages", "town", "towns", "city", "cities", "area", "areas", "province", "provinces",
	"region", "regions", "district", "districts", "outskirts", "suburb", "suburbs", "countryside", "governorate",
	"neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "hamlet", "hamlets", "settlement", "settlements",
	"port", "camp", "base", "airport", "island", "islands")

// placeList reports whether the name at ws[i] stands in a list that a
// place preposition or "the villages of" opens: "in Lataminah, Kafr Zita
// and Morek".
func (st *docState) placeList(ws []word, i int) bool {
	k := i - 1
	for k >= 0 {
		switch {
		case ws[k].raw == "," || ws[k].key == "and" || ws[k].key == "or":
			k--
			continue
		case ws[k].cap && !isPunct(ws[k]):
			k--
			continue
		case particles[ws[k].key] && k+1 < len(ws) && ws[k+1].start == ws[k].end+1:
			k-- // "al-Lataminah"
			continue
		}
		break
	}
	if k < 0 {
		return false
	}
	if ws[k].key == "of" && k > 0 && placeNouns[ws[k-1].key] {
		return true
	}
	return k < i-1 && spatialPreps[ws[k].key]
}

// directions before "of" make the name after it a place: "south of
// Yayladagi", "the outskirts of Morek".
var directions = set("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
	"north-east", "north-west", "south-east", "south-west", "outskirts", "suburbs", "countryside", "vicinity")

// spatialPreps open lists of places only ("near A, B and C"); "in" and
// "from" also open lists of organisations.
var spatialPreps = set("near", "around", "outside", "across", "towards", "toward", "inside", "throughout")

// personContext reports whether the words around a name that has no
// given name say it is a person: an age or a "who" after a comma, a
// possessive family word.
func personContext(ws []word, c *cand) bool {
	if c.j+1 < len(ws) && ws[c.j].raw == "," {
		nx := ws[c.j+1]
		if isDigitWord(nx.raw) || nx.key == "who" {
			return true
		}
	}
	if c.i >= 2 && ws[c.i-1].key == "s" && (ws[c.i-2].key == "his" || ws[c.i-2].key == "her") {
		return true
	}
	return false
}

// guessType types a name from its own words and its context.
func (st *docState) guessType(ws []word, c *cand) sitrep.EntityType {
	n := c.j - c.i
	first, last := ws[c.i], ws[c.j-1]
	switch c.hint {
	case "person", "civilian", "military":
		return sitrep.Person
	case "place":
		return sitrep.PlaceEntity
	}
	if st.kb.placeWords[last.key] && n >= 2 && !st.kb.orgWords[last.key] {
		return sitrep.PlaceEntity
	}
	if n == 2 && st.kb.given[first.key] && surnameLike[last.key] {
		return sitrep.Person // "Jim Press", "Tyra Banks"
	}
	if st.kb.orgWords[last.key] {
		if mediaWords[last.key] {
			return sitrep.Media
		}
		return sitrep.Organization
	}
	for _, w := range ws[c.i:c.j] {
		if st.kb.orgWords[w.key] && n >= 3 {
			return sitrep.Organization
		}
	}
	if n == 1 && first.upper && len(first.key) >= 2 {
		return sitrep.Organization
	}
	prev := ""
	if c.i > 0 {
		prev = ws[c.i-1].key
		if ws[c.i-1].cap {
			prev = ""
		}
	}
	// A given name and a family name, or an age in apposition ("Thomas
	// Sam, 42,"), outweigh how the document shortens the name.
	if n >= 2 && n <= 4 && st.kb.given[first.key] && st.kb.family[last.key] && !st.kb.orgWords[last.key] {
		return sitrep.Person
	}
	if n >= 2 && n <= 4 && c.j+1 < len(ws) && ws[c.j].raw == "," && isDigitWord(ws[c.j+1].raw) {
		return sitrep.Person
	}
	// A town, province or country of the gazetteer that the knowledge
	// base does not list ("Evansville", "Lombardy").
	if st.isPlace != nil && st.isPlace(st.text[ws[c.i].start:ws[c.j-1].end]) {
		return sitrep.PlaceEntity
	}
	// How the document shortens the name: people by their surname
	// ("Gallois"), organisations by their first word ("Northrop").
	if n >= 2 && n <= 3 && !connectors[first.key] {
		lf, ll := st.loneCap[first.key], st.loneCap[last.key]
		if ll && !lf {
			return sitrep.Person
		}
		if lf && !ll {
			return sitrep.Organization
		}
	}
	if st.kb.given[first.key] && n >= 2 {
		return sitrep.Person
	}
	// "Dries Mertens", "Ferjani Sassi": a family name closing a short
	// run that has no organisation or place word.
	if n >= 2 && n <= 4 && st.kb.family[last.key] && last.start > ws[c.j-2].end && !connectors[first.key] &&
		!st.kb.placeWords[last.key] && (!st.kb.given[last.key] || st.kb.family[first.key]) {
		// A word that is also a given name says less: "Lockheed Martin".
		return sitrep.Person
	}
	if locPreps[prev] && prev != "of" || st.placeList(ws, c.i) || prev == "of" && c.i >= 2 && directions[ws[c.i-2].key] {
		return sitrep.PlaceEntity
	}
	if t, ok := namedKind(ws, c.i, prev); ok {
		return t // "a rebel group called Tajammu Alezzah"
	}
	if st.nameLike(ws, c) {
		return sitrep.Person
	}
	if c.j+1 < len(ws) && ws[c.j].raw == "," {
		nx := ws[c.j+1]
		if isDigitWord(nx.raw) {
			return sitrep.Person // "John Smith, 45,"
		}
		if nx.key == "who" {
			return sitrep.Person
		}
		if _, ok := st.kb.names[nx.key]; ok && n == 1 {
			for _, r := range st.kb.names[nx.key] {
				if r.e.Type == sitrep.Country {
					return sitrep.PlaceEntity // "Toulouse, France"
				}
			}
		}
	}
	if c.j < len(ws) && reportVerbs[ws[c.j].key] && n >= 2 && prev != "for" && prev != "of" {
		return sitrep.Person
	}
	if n >= 2 && n <= 3 && personContext(ws, c) {
		return sitrep.Person
	}
	return sitrep.Organization
}

// nameLikeScore is the least mean name-model score of the words of a run
// taken as a person's name: above it the words read, letter by letter,
// more like given and family names than like common words.
const nameLikeScore = 0.3

// nameLike reports whether a run of two or three capitalised words, none
// of them a common word, reads like a person's name to the name model
// ("Nacer Chadli", "Mouez Hassen").
func (st *docState) nameLike(ws []word, c *cand) bool {
	n := c.j - c.i
	if st.kb.nameModel == nil || n < 2 || n > 3 {
		return false
	}
	sum := 0.0
	for _, w := range ws[c.i:c.j] {
		if !w.cap || w.upper || st.kb.common[w.key] || connectors[w.key] {
			return false
		}
		sum += st.kb.nameModel.personScore(w.key)
	}
	return sum/float64(n) >= nameLikeScore
}

// namingWords introduce a name after a kind noun.
var namingWords = set("called", "named", "dubbed", "nicknamed", "styled", "codenamed")

// groupKinds are kind nouns that name organisations; armedKinds and
// armedCues make them armed groups.
var (
	groupKinds = set("group", "organisation", "organization", "movement", "faction", "brigade", "militia",
		"battalion", "coalition", "alliance", "party", "front", "network", "company", "firm", "body", "council")
	armedKinds = set("faction", "brigade", "militia", "battalion", "front")
	armedCues  = set("rebel", "armed", "militant", "jihadist", "insurgent", "extremist", "terrorist", "islamist",
		"paramilitary", "opposition")
)

// namedKind types a name introduced by a naming word after a kind noun:
// "a group called X" is an organisation, "a rebel group called X" an
// armed group.
func namedKind(ws []word, i int, prev string) (sitrep.EntityType, bool) {
	if i < 2 || !namingWords[prev] || !groupKinds[ws[i-2].key] {
		return "", false
	}
	if armedKinds[ws[i-2].key] {
		return sitrep.ArmedGroup, true
	}
	for k := max(0, i-7); k < i-2; k++ {
		if armedCues[ws[k].key] {
			return sitrep.ArmedGroup, true
		}
	}
	return sitrep.Organization, true
}
