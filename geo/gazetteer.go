package geo

import (
	"embed"
	"errors"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/sitrep/sitrep"
)

// genFile is the table that geo/internal/gengaz writes from the registry
// packages; data/gen always holds a committed README so the embed pattern
// matches even before the build has run.
const genFile = "data/gen/gazetteer.tsv.gz"

//go:embed data/gen data/features.tsv data/admin1.tsv data/aliases.tsv data/demonyms.tsv data/countrypoints.tsv data/stopwords.txt data/pathogens.txt
var dataFS embed.FS

// ErrNotBuilt means the generated gazetteer table is missing from the
// binary: the build's data step has not run.
var ErrNotBuilt = errors.New("gazetteer not built: run `make data`")

// Entry is one gazetteer feature.
type Entry struct {
	ID         string           // "geonames:170654", "country:SYR", "feature:hmeimim"
	Name       string           // preferred English name
	Lat, Lon   float64          // point, or centroid of an area
	Feature    string           // GeoNames feature code (PPL, PPLA, PPLC...) or country, admin1, airbase, port, sea, strait, region...
	Precision  sitrep.Precision //
	Country    string           // ISO 3166-1 alpha-3; empty for multi-country regions
	Admin1     string           // name of the first-order division, when known
	Population int64            // inhabitants; for areas a rough prominence figure
	BBox       *[4]float64      // west, south, east, north for areas

	admin1Code string // GeoNames admin1 code, to link cities to their province
	derived    bool   // admin1.tsv division placed from its member places
	unplaced   bool   // derived, but its seat was not found: never a candidate
}

// Gazetteer is an immutable, in-memory place-name index. It is safe for
// concurrent use.
type Gazetteer struct {
	entries []Entry
	exact   nameIndex          // Key(name) -> entries
	fuzzy   nameIndex          // Fuzzy(Key(name)) -> entries
	demonym map[string][]int32 // Key("Russian") -> entries; Resolve only, never recognition
	country map[string]int32   // ISO3 -> country entry
	stop    map[string]bool    // common English words never taken alone as places
	disease map[string]bool    // words that make a preceding name a disease's ("virus", "fever")
	tails   map[string]bool    // last words of curated names ("province", "airbase")
	// weak holds the secondary names of curated entries (features.tsv
	// alternates written "~New York"): the entry answers to the name,
	// but only context makes it beat the name's usual sense.
	weak   map[string][]int32
	maxLen int // longest name in words
}

// Load returns the gazetteer built into the binary. The table is parsed
// once per process; later calls share it.
func Load() (*Gazetteer, error) { return loadOnce() }

var loadOnce = sync.OnceValues(func() (*Gazetteer, error) { return load(dataFS) })

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// Country returns the country entry for an ISO 3166-1 alpha-3 code.
func (g *Gazetteer) Country(iso3 string) (Entry, bool) {
	i, ok := g.country[iso3]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// cand is one candidate entry for a name.
type cand struct {
	idx   int32
	exact bool // matched without transliteration folding
	alt   bool // a GeoNames entry matched by an alternate name only (set by resolution)
	weak  bool // a curated entry matched by a secondary name (features.tsv "~name")
	// division is set when the name was "<stem> County" (or Province,
	// District...) and the gazetteer knows only the stem's namesake town:
	// the town stands in for the division, at admin precision.
	division string
}

// candidates returns the entries named by key: exact matches, then those
// that meet only after fuzzy folding.
func (g *Gazetteer) candidates(key string) []cand {
	if key == "" {
		return nil
	}
	ex := g.exact.get(key)
	f := Fuzzy(key)
	fz, ok := g.fuzzy.sorted(f)
	if !ok {
		fz, _ = g.exact.sorted(f) // see readGenerated: no F row when it equals the K row
	}
	fz = merge(fz, g.fuzzy.extra[f])
	if len(ex)+len(fz) == 0 {
		return nil
	}
	out := make([]cand, 0, len(ex)+len(fz))
	for _, i := range ex {
		if !g.entries[i].unplaced {
			out = append(out, cand{idx: i, exact: true})
		}
	}
	for _, i := range fz {
		if !slices.Contains(ex, i) && !g.entries[i].unplaced {
			out = append(out, cand{idx: i})
		}
	}
	return out
}

// Lookup returns the entries a name may refer to, best first: exact
// matches before transliteration variants, then by prominence. Matching
// ignores case, accents, punctuation, Arabic articles and common
// transliteration differences.
func (g *Gazetteer) Lookup(name string) []Entry {
	cs := g.candidates(Key(name))
	sort.SliceStable(cs, func(a, b int) bool {
		if cs[a].exact != cs[b].exact {
			return cs[a].exact
		}
		return g.prominence(cs[a].idx) > g.prominence(cs[b].idx)
	})
	out := make([]Entry, len(cs))
	for i, c := range cs {
		out[i] = g.entries[c.idx]
	}
	return out
}

// curatedFloor is the least prominence of a curated sea, strait or
// region, in log10 inhabitants: that of a town of some 3 million.
const curatedFloor = 6.5

// oceanFloor is the least prominence of an ocean or continent: above any
// town's prior plus the document-context evidence a namesake town can
// collect (countrySeen + countryShare + nearbyBonus).
const oceanFloor = 8.5

// prominence is a log-scale prior: how likely a bare mention of the name
// means this entry, before context.
func (g *Gazetteer) prominence(i int32) float64 {
	e := &g.entries[i]
	p := math.Log10(float64(e.Population) + 1)
	switch e.Feature {
	case "country":
		// Countries are the most mentioned places in news: a country
		// outranks any same-named town.
		return 9 + p/10
	case "PPLC":
		p += 1.5
	case "PPLA":
		p += 0.8
	case "PPLA2":
		p += 0.3
	case "PPLX", "PPLL", "PPLH", "PPLQ", "PPLW":
		p -= 0.7
	case "ocean", "continent":
		// An ocean or a continent is named in news far more often than
		// any town that shares its name ("Atlantic", Iowa), even in a
		// document about that town's country: ranked just below
		// countries.
		p = max(p, oceanFloor)
	case "sea", "strait", "canal", "river", "region", "island":
		// Written for sitrep because news names them; they carry no
		// population, yet a bare "Pacific" is the ocean, not the village.
		p = max(p, curatedFloor)
	}
	return p
}
