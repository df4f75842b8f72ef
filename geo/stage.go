package geo

import (
	"context"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/pipeline"
)

// Name is the stage name later stages list in Requires.
const Name = "geo"

// minPlausiblePop is the population above which a lone GeoNames name is
// taken as a place without other support: below it, "Bill" or "Kerry"
// are more often something else.
const minPlausiblePop = 20000

// Stage is the geo stage of the pipeline. It is safe for concurrent use.
type Stage struct {
	g *Gazetteer
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the geo stage over g.
func New(g *Gazetteer) *Stage { return &Stage{g: g} }

// Name returns "geo".
func (s *Stage) Name() string { return Name }

// Requires returns the text stage (sentences, tokens, tags) and the actor
// stage (entities, to keep metonymy apart).
func (s *Stage) Requires() []string { return []string{"text", "actor"} }

// Process finds the toponyms of d, resolves them together and sets
// d.Places, one Place per gazetteer entry with all its mentions, in order
// of first mention.
func (s *Stage) Process(ctx context.Context, d *sitrep.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	text := d.Doc.Text
	claims, placeSpans, hint := actorEvidence(d.Entities)
	claims = s.g.dropFacilities(text, claims)
	tops := s.g.Toponyms(text, d.Sentences, claims)

	// Resolve once, drop the names that nothing supports, then resolve the
	// rest again so that dropped names do not sway the context.
	spans := make([]sitrep.Span, len(tops))
	for i, t := range tops {
		spans[i] = t.Span
	}
	res := s.g.resolve(text, spans, hint, false)
	countries := make(map[string]int)
	for i, r := range res {
		if r.OK && (tops[i].Curated || tops[i].Tokens > 1) {
			countries[r.Entry.Country]++
		}
	}
	kept := tops[:0:0]
	for i, r := range res {
		if !r.OK {
			continue
		}
		t := tops[i]
		inContext := countries[r.Entry.Country]+hint[r.Entry.Country] > 0
		if !t.Curated && t.Tokens == 1 && !t.Cue && !containsSpan(placeSpans, t.Span) && !inContext &&
			(r.Entry.Population < minPlausiblePop || t.Folded) {
			// A lone GeoNames name that nothing supports: a village
			// "Bill", or a transliteration "Baath" that meets Bath.
			continue
		}
		if r.Entry.Precision == sitrep.PrecisionCountry && actsAsAgent(text, d.Sentences[t.Sentence].Tokens, t.Span) {
			// "Russia launched strikes": the state acting, not a place.
			continue
		}
		kept = append(kept, t)
	}
	spans = spans[:0]
	for _, t := range kept {
		spans = append(spans, t.Span)
	}
	res = s.g.resolve(text, spans, hint, false)
	for i := range res {
		if res[i].OK && cueAround(text, res[i].Span) == cueAdmin {
			res[i].Entry = s.g.widen(res[i].Entry)
		}
	}
	d.Places = buildPlaces(text, kept, res)
	if d.Places == nil {
		d.Places = []sitrep.Place{} // the layer ran and found nothing
	}
	return nil
}

// widen returns the province of a town named as an area ("the Aleppo
// countryside", "Hama province" where only the city matched): a point
// there would overstate the precision. Without a known province the town
// stays.
func (g *Gazetteer) widen(e Entry) Entry {
	if e.Precision != sitrep.PrecisionPoint || e.Admin1 == "" {
		return e
	}
	for _, c := range g.candidates(Key(e.Admin1)) {
		a := g.entries[c.idx]
		if c.exact && a.Precision == sitrep.PrecisionAdmin && a.Country == e.Country && a.Name == e.Admin1 {
			return a
		}
	}
	return e
}

// actorEvidence reads the actor layer: spans claimed by known actors that
// are not places (metonymy: "Moscow said" is Russia's government), spans
// the actor stage saw as places, and the countries of the document's
// actors, counted once per entity.
func actorEvidence(ents []sitrep.Entity) (claims, places []sitrep.Span, hint map[string]int) {
	hint = make(map[string]int)
	for _, e := range ents {
		if e.Country != "" && e.Known {
			hint[e.Country]++
		}
		// An unknown person named in full somewhere ("John Dunn") is a
		// person in every mention, "Dunn" too; a lone unknown name the
		// actor stage guesses is a person is more often a village.
		fullName := false
		for _, m := range e.Mentions {
			fullName = fullName || strings.Contains(strings.TrimSpace(m.Text), " ")
		}
		for _, m := range e.Mentions {
			switch {
			case e.Type == sitrep.PlaceEntity || e.Type == sitrep.Country:
				places = append(places, m.Span)
			case e.Known || e.Type == sitrep.Person && fullName:
				claims = append(claims, m.Span)
			}
		}
	}
	return claims, places, hint
}

// facilities are features that are a place and an actor at once: the
// actor layer may call "Hmeimim airbase" the Russian military, yet it is
// where the jets fly from.
var facilities = map[string]bool{
	"airbase": true, "airport": true, "port": true, "military base": true, "naval base": true,
}

// dropFacilities removes the claims that name a curated facility.
func (g *Gazetteer) dropFacilities(text string, claims []sitrep.Span) []sitrep.Span {
	out := claims[:0]
	for _, c := range claims {
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			continue
		}
		// The claim may open with a preposition ("at Khmeimim").
		name := text[c.Start:c.End]
		for w := strings.Fields(name); len(w) > 1 && !hasUpper(w[0]); w = w[1:] {
			name = strings.Join(w[1:], " ")
		}
		facility := false
		for _, k := range g.candidates(Key(name)) {
			e := &g.entries[k.idx]
			facility = facility || k.exact && !strings.HasPrefix(e.ID, "geonames:") && facilities[e.Feature]
		}
		if !facility {
			out = append(out, c)
		}
	}
	return out
}

// containsSpan reports whether some span of spans covers sp.
func containsSpan(spans []sitrep.Span, sp sitrep.Span) bool {
	for _, o := range spans {
		if o.Contains(sp) {
			return true
		}
	}
	return false
}

// actsAsAgent reports whether the name at sp is the subject of a verb:
// "Russia said", "Turkey and Russia have agreed", and no preposition comes
// before it.
func actsAsAgent(text string, toks []sitrep.Token, sp sitrep.Span) bool {
	k := 0
	for k < len(toks) && toks[k].End <= sp.Start {
		k++
	}
	if k > 0 && locatives[strings.ToLower(toks[k-1].Text)] {
		return false
	}
	for k < len(toks) && toks[k].Start < sp.End {
		k++
	}
	// Step over a coordination of names: "Russia, Iran and Syria said".
	for steps := 0; k < len(toks) && steps < 8; steps++ {
		w := text[toks[k].Start:toks[k].End]
		if w == "," || w == "and" || startsName(w) {
			k++
			continue
		}
		break
	}
	if k >= len(toks) {
		return false
	}
	switch toks[k].POS {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	}
	switch strings.ToLower(text[toks[k].Start:toks[k].End]) {
	case "said", "says", "has", "have", "had", "will", "would", "is", "was":
		return true
	}
	return false
}

// buildPlaces groups resolved mentions by gazetteer entry.
func buildPlaces(text string, tops []Toponym, res []Resolution) []sitrep.Place {
	byID := make(map[string]int)
	var out []sitrep.Place
	for i, r := range res {
		if !r.OK {
			continue
		}
		m := sitrep.Mention{Span: r.Span, Text: text[r.Span.Start:r.Span.End], Sentence: tops[i].Sentence}
		if k, ok := byID[r.Entry.ID]; ok {
			out[k].Mentions = append(out[k].Mentions, m)
			continue
		}
		byID[r.Entry.ID] = len(out)
		out = append(out, placeOf(r.Entry, m))
	}
	for i := range out {
		sort.Slice(out[i].Mentions, func(a, b int) bool { return out[i].Mentions[a].Start < out[i].Mentions[b].Start })
	}
	return out
}

// placeOf turns an entry into a record Place. Areas keep their centroid
// and box with their coarse precision, never a point.
func placeOf(e Entry, m sitrep.Mention) sitrep.Place {
	p := sitrep.Place{ID: e.ID, Name: e.Name, Lat: e.Lat, Lon: e.Lon, Country: e.Country,
		Admin1: e.Admin1, Feature: featureName(e.Feature), Precision: e.Precision,
		Mentions: []sitrep.Mention{m}}
	if e.BBox != nil && e.Precision != sitrep.PrecisionPoint {
		bb := *e.BBox
		p.BBox = &bb
	}
	return p
}

// featureName maps GeoNames feature codes to the record's plain words.
func featureName(code string) string {
	switch {
	case code == "PPLC":
		return "capital"
	case strings.HasPrefix(code, "PPL"):
		return "city"
	case code == "admin1":
		return "province"
	}
	return code
}
