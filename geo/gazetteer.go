package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep/sitrep"
)

// genFile is the table that geo/internal/gengaz writes from the registry
// packages; data/gen always holds a committed README so the embed pattern
// matches even before the build has run.
const genFile = "data/gen/gazetteer.tsv.gz"

//go:embed data/gen data/features.tsv data/aliases.tsv data/stopwords.txt
var dataFS embed.FS

// ErrNotBuilt means the generated gazetteer table is missing from the
// binary: the build's data step has not run.
var ErrNotBuilt = errors.New("gazetteer not built: run `make data`")

// Entry is one gazetteer feature.
type Entry struct {
	ID         string           // "geonames:170654", "wc:SYR", "sitrep:hmeimim-airbase"
	Name       string           // preferred English name
	Lat, Lon   float64          // point, or centroid of an area
	Feature    string           // GeoNames feature code (PPL, PPLA, PPLC...) or country, admin1, airbase, port, sea, strait, region...
	Precision  sitrep.Precision //
	Country    string           // ISO 3166-1 alpha-3; empty for multi-country regions
	Admin1     string           // name of the first-order division, when known
	Population int64            // inhabitants; for areas a rough prominence figure
	BBox       *[4]float64      // west, south, east, north for areas

	admin1Code string // GeoNames admin1 code, to link cities to their province
}

// Gazetteer is an immutable, in-memory place-name index. It is safe for
// concurrent use.
type Gazetteer struct {
	entries []Entry
	exact   map[string][]int32 // Key(name) -> entries
	fuzzy   map[string][]int32 // Fuzzy(Key(name)) -> entries
	country map[string]int32   // ISO3 -> country entry
	stop    map[string]bool    // common English words never taken alone as places
	maxLen  int                // longest name in words
}

// Load returns the gazetteer built into the binary. The table is parsed
// once per process; later calls share it.
func Load() (*Gazetteer, error) { return loadOnce() }

var loadOnce = sync.OnceValues(func() (*Gazetteer, error) { return load(dataFS) })

func load(fsys fs.FS) (*Gazetteer, error) {
	raw, err := fs.ReadFile(fsys, genFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotBuilt
	}
	if err != nil {
		return nil, fmt.Errorf("geo: load gazetteer: %w", err)
	}
	g := &Gazetteer{
		exact:   make(map[string][]int32, 1<<20),
		fuzzy:   make(map[string][]int32, 1<<20),
		country: make(map[string]int32, 256),
		entries: make([]Entry, 0, 210000),
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("geo: load %s: %w", genFile, err)
	}
	if err := g.readTable(zr, genFile, false); err != nil {
		return nil, err
	}
	feat, err := fs.ReadFile(fsys, "data/features.tsv")
	if err != nil {
		return nil, fmt.Errorf("geo: load features: %w", err)
	}
	if err := g.readTable(bytes.NewReader(feat), "data/features.tsv", true); err != nil {
		return nil, err
	}
	if err := g.readAliases(fsys, "data/aliases.tsv"); err != nil {
		return nil, err
	}
	if err := g.readStopwords(fsys, "data/stopwords.txt"); err != nil {
		return nil, err
	}
	g.linkAdmins()
	return g, nil
}

// readTable parses the common gazetteer layout:
//
//	id name alternates lat lon feature precision iso2 iso3 admin1 population bbox [seat]
//
// In the generated table admin1 is a GeoNames code; in features.tsv it is
// a name, and the optional seat column names the capital city whose
// GeoNames admin1 code the feature stands for.
func (g *Gazetteer) readTable(r io.Reader, name string, own bool) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		c := strings.Split(text, "\t")
		if len(c) < 12 {
			return fmt.Errorf("geo: %s:%d: %d fields, want at least 12", name, line, len(c))
		}
		lat, err := strconv.ParseFloat(c[3], 64)
		if err != nil || lat < -90 || lat > 90 {
			return fmt.Errorf("geo: %s:%d: bad latitude %q", name, line, c[3])
		}
		lon, err := strconv.ParseFloat(c[4], 64)
		if err != nil || lon < -180 || lon > 180 {
			return fmt.Errorf("geo: %s:%d: bad longitude %q", name, line, c[4])
		}
		var pop int64
		if c[10] != "" {
			if pop, err = strconv.ParseInt(c[10], 10, 64); err != nil {
				return fmt.Errorf("geo: %s:%d: bad population %q", name, line, c[10])
			}
		}
		prec := sitrep.Precision(c[6])
		switch prec {
		case sitrep.PrecisionPoint, sitrep.PrecisionAdmin, sitrep.PrecisionCountry, sitrep.PrecisionRegion:
		default:
			return fmt.Errorf("geo: %s:%d: unknown precision %q", name, line, c[6])
		}
		e := Entry{ID: c[0], Name: c[1], Lat: lat, Lon: lon, Feature: c[5], Precision: prec,
			Country: c[8], Population: pop}
		if own {
			e.Admin1 = c[9]
		} else {
			e.admin1Code = c[9]
		}
		if c[11] != "" {
			bb, err := parseBBox(c[11])
			if err != nil {
				return fmt.Errorf("geo: %s:%d: %w", name, line, err)
			}
			e.BBox = bb
		}
		if own && len(c) > 12 && c[12] != "" {
			e.admin1Code = "seat:" + c[12]
		}
		idx := int32(len(g.entries))
		g.entries = append(g.entries, e)
		if prec == sitrep.PrecisionCountry && e.Feature == "country" {
			g.country[e.Country] = idx
		}
		if own {
			g.index(c[1], idx)
			if c[2] != "" {
				for _, a := range strings.Split(c[2], "|") {
					g.index(a, idx)
				}
			}
			continue
		}
		// The generated table carries keys already normalised.
		if len(c) < 14 {
			return fmt.Errorf("geo: %s:%d: %d fields, want 14 (regenerate with `make data`)", name, line, len(c))
		}
		g.indexKeys(c[2], c[13], idx)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("geo: read %s: %w", name, err)
	}
	return nil
}

func parseBBox(s string) (*[4]float64, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return nil, fmt.Errorf("bad bbox %q: want w,s,e,n", s)
	}
	var bb [4]float64
	for i, v := range f {
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return nil, fmt.Errorf("bad bbox %q: %w", s, err)
		}
		bb[i] = x
	}
	if bb[1] > bb[3] {
		return nil, fmt.Errorf("bad bbox %q: south above north", s)
	}
	return &bb, nil
}

// index adds one name of entry idx under its exact and fuzzy keys.
func (g *Gazetteer) index(name string, idx int32) {
	k := Key(name)
	if k == "" {
		return
	}
	g.exact[k] = appendOnce(g.exact[k], idx)
	f := Fuzzy(k)
	g.fuzzy[f] = appendOnce(g.fuzzy[f], idx)
	if n := strings.Count(k, " ") + 1; n > g.maxLen {
		g.maxLen = n
	}
}

// indexKeys adds precomputed exact and fuzzy keys, each joined by "|".
func (g *Gazetteer) indexKeys(exact, fuzzy string, idx int32) {
	for k := range strings.SplitSeq(exact, "|") {
		if k == "" {
			continue
		}
		g.exact[k] = appendOnce(g.exact[k], idx)
		if n := strings.Count(k, " ") + 1; n > g.maxLen {
			g.maxLen = n
		}
	}
	for f := range strings.SplitSeq(fuzzy, "|") {
		if f != "" {
			g.fuzzy[f] = appendOnce(g.fuzzy[f], idx)
		}
	}
}

func appendOnce(s []int32, idx int32) []int32 {
	if n := len(s); n > 0 && s[n-1] == idx {
		return s
	}
	return append(s, idx)
}

// readAliases adds extra names for existing entries: "alias<TAB>id".
func (g *Gazetteer) readAliases(fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("geo: load aliases: %w", err)
	}
	byID := make(map[string]int32)
	for i, e := range g.entries {
		if !strings.HasPrefix(e.ID, "geonames:") {
			byID[e.ID] = int32(i)
		}
	}
	for i, text := range strings.Split(string(b), "\n") {
		if text == "" || text[0] == '#' {
			continue
		}
		alias, id, ok := strings.Cut(text, "\t")
		if !ok {
			return fmt.Errorf("geo: %s:%d: want alias<TAB>id", name, i+1)
		}
		idx, ok := byID[id]
		if !ok {
			return fmt.Errorf("geo: %s:%d: unknown id %q", name, i+1, id)
		}
		g.index(alias, idx)
	}
	return nil
}

func (g *Gazetteer) readStopwords(fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("geo: load stopwords: %w", err)
	}
	g.stop = make(map[string]bool)
	for _, text := range strings.Split(string(b), "\n") {
		if text == "" || text[0] == '#' {
			continue
		}
		for _, w := range strings.Fields(text) {
			g.stop[Key(w)] = true
		}
	}
	return nil
}

// linkAdmins ties features.tsv provinces to GeoNames admin1 codes through
// their seat city, names the province of every city in it, and derives a
// bounding box for provinces that lack one.
func (g *Gazetteer) linkAdmins() {
	names := make(map[string]int32) // ISO3.code -> admin entry
	for i := range g.entries {
		e := &g.entries[i]
		seat, ok := strings.CutPrefix(e.admin1Code, "seat:")
		if !ok {
			continue
		}
		e.admin1Code = ""
		best := int32(-1)
		for _, j := range g.exact[Key(seat)] {
			c := &g.entries[j]
			if c.Country != e.Country || c.admin1Code == "" || !strings.HasPrefix(c.ID, "geonames:") {
				continue
			}
			if best < 0 || c.Population > g.entries[best].Population {
				best = j
			}
		}
		if best >= 0 {
			e.admin1Code = g.entries[best].admin1Code
			names[e.Country+"."+e.admin1Code] = int32(i)
		}
	}
	boxes := make(map[int32]*[4]float64)
	for i := range g.entries {
		e := &g.entries[i]
		if e.Precision != sitrep.PrecisionPoint || e.admin1Code == "" {
			continue
		}
		a, ok := names[e.Country+"."+e.admin1Code]
		if !ok {
			continue
		}
		e.Admin1 = g.entries[a].Name
		if g.entries[a].BBox != nil {
			continue
		}
		bb := boxes[a]
		if bb == nil {
			bb = &[4]float64{e.Lon, e.Lat, e.Lon, e.Lat}
			boxes[a] = bb
		}
		bb[0], bb[1] = math.Min(bb[0], e.Lon), math.Min(bb[1], e.Lat)
		bb[2], bb[3] = math.Max(bb[2], e.Lon), math.Max(bb[3], e.Lat)
	}
	for a, bb := range boxes {
		g.entries[a].BBox = bb
	}
}

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
}

// candidates returns the entries named by key: exact matches, then those
// that meet only after fuzzy folding.
func (g *Gazetteer) candidates(key string) []cand {
	if key == "" {
		return nil
	}
	ex := g.exact[key]
	fz := g.fuzzy[Fuzzy(key)]
	out := make([]cand, 0, len(ex)+len(fz))
	seen := make(map[int32]bool, len(ex))
	for _, i := range ex {
		out = append(out, cand{i, true})
		seen[i] = true
	}
	for _, i := range fz {
		if !seen[i] {
			out = append(out, cand{i, false})
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
	}
	return p
}
