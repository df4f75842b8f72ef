package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
)

// load reads the generated table, then the tables written for sitrep.
func load(fsys fs.FS) (*Gazetteer, error) {
	raw, err := fs.ReadFile(fsys, genFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotBuilt
	}
	if err != nil {
		return nil, fmt.Errorf("geo: load gazetteer: %w", err)
	}
	g := &Gazetteer{
		demonym: make(map[string][]int32, 512),
		country: make(map[string]int32, 256),
		entries: make([]Entry, 0, 210000),
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("geo: load %s: %w", genFile, err)
	}
	if err := g.readGenerated(zr, genFile); err != nil {
		return nil, err
	}
	if err := g.readCountryPoints(fsys, "data/countrypoints.tsv"); err != nil {
		return nil, err
	}
	feat, err := fs.ReadFile(fsys, "data/features.tsv")
	if err != nil {
		return nil, fmt.Errorf("geo: load features: %w", err)
	}
	if err := g.readFeatures(bytes.NewReader(feat), "data/features.tsv"); err != nil {
		return nil, err
	}
	if adm, err := fs.ReadFile(fsys, "data/admin1.tsv"); err == nil {
		if err := g.readAdmin1(bytes.NewReader(adm), "data/admin1.tsv"); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("geo: load admin1: %w", err)
	}
	byID := g.idIndex()
	if err := g.readAliases(fsys, "data/aliases.tsv", byID); err != nil {
		return nil, err
	}
	if err := g.readDemonyms(fsys, "data/demonyms.tsv", byID); err != nil {
		return nil, err
	}
	if g.stop, err = readWords(fsys, "data/stopwords.txt"); err != nil {
		return nil, err
	}
	if g.disease, err = readWords(fsys, "data/pathogens.txt"); err != nil {
		return nil, err
	}
	g.linkAdmins()
	return g, nil
}

// readGenerated parses the table geo/internal/gengaz writes. Its rows are
// tagged:
//
//	E id name lat lon feature precision iso2 iso3 admin1-code population bbox
//	K key entry,entry,...   (exact keys, geo.Key)
//	F key entry,entry,...   (fuzzy keys, geo.Fuzzy)
//	D key entry,...         (demonyms: "russian" -> Russia)
//
// Entry numbers count E rows from 0. A fuzzy key that names the same
// entries as the exact key of the same spelling has no F row.
func (g *Gazetteer) readGenerated(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	base := int32(len(g.entries))
	defer g.exact.freeze()
	defer g.fuzzy.freeze()
	var scratch []int32
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		tag, rest, _ := strings.Cut(text, "\t")
		switch tag {
		case "E":
			e, err := parseEntry(strings.Split(rest, "\t"))
			if err != nil {
				return fmt.Errorf("geo: %s:%d: %w", name, line, err)
			}
			g.add(e)
		case "K", "F", "D":
			key, list, ok := strings.Cut(rest, "\t")
			if !ok || key == "" || list == "" {
				return fmt.Errorf("geo: %s:%d: want %s<TAB>key<TAB>entries", name, line, tag)
			}
			idx, err := parseIndexList(list, base, int32(len(g.entries)), scratch[:0])
			if err != nil {
				return fmt.Errorf("geo: %s:%d: %w", name, line, err)
			}
			scratch = idx
			switch tag {
			case "K":
				if !g.exact.appendSorted(key, idx) {
					return fmt.Errorf("geo: %s:%d: key %q out of order", name, line, key)
				}
				if n := strings.Count(key, " ") + 1; n > g.maxLen {
					g.maxLen = n
				}
			case "F":
				if !g.fuzzy.appendSorted(key, idx) {
					return fmt.Errorf("geo: %s:%d: key %q out of order", name, line, key)
				}
			default:
				g.demonym[key] = slices.Clone(idx)
			}
		default:
			return fmt.Errorf("geo: %s:%d: unknown row tag %q (regenerate with `make data`)", name, line, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("geo: read %s: %w", name, err)
	}
	if len(g.entries) == int(base) {
		return fmt.Errorf("geo: %s: no entries", name)
	}
	return nil
}

// readCountryPoints moves countries to the points countrypoints.tsv gives:
// "ISO3<TAB>lat<TAB>lon<TAB>note". A missing file changes nothing.
func (g *Gazetteer) readCountryPoints(fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("geo: load country points: %w", err)
	}
	for i, text := range strings.Split(string(b), "\n") {
		if text == "" || text[0] == '#' {
			continue
		}
		c := strings.Split(text, "\t")
		if len(c) < 3 {
			return fmt.Errorf("geo: %s:%d: want ISO3<TAB>lat<TAB>lon", name, i+1)
		}
		idx, ok := g.country[c[0]]
		if !ok {
			return fmt.Errorf("geo: %s:%d: unknown country %q", name, i+1, c[0])
		}
		lat, lon, ok := parsePoint(c[1], c[2])
		if !ok {
			return fmt.Errorf("geo: %s:%d: bad point %q, %q", name, i+1, c[1], c[2])
		}
		g.entries[idx].Lat, g.entries[idx].Lon = lat, lon
	}
	return nil
}

// parsePoint parses a latitude and a longitude in degrees; ok is false
// unless both are numbers on the globe.
func parsePoint(latText, lonText string) (lat, lon float64, ok bool) {
	lat, err1 := strconv.ParseFloat(latText, 64)
	lon, err2 := strconv.ParseFloat(lonText, 64)
	return lat, lon, err1 == nil && err2 == nil && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

// parseIndexList appends to out the entry numbers of "3,17,42", offset by
// base and each below limit: an index row may only name entries already
// read.
func parseIndexList(s string, base, limit int32, out []int32) ([]int32, error) {
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.ParseInt(f, 10, 32)
		if err != nil || n < 0 || base+int32(n) >= limit {
			return nil, fmt.Errorf("bad entry number %q", f)
		}
		out = append(out, base+int32(n))
	}
	return out, nil
}

// readFeatures parses features.tsv, the table written for sitrep:
//
//	id name alternates lat lon feature precision iso2 iso3 admin1 population bbox [seat]
//
// admin1 is a division's name; the optional seat names the division's
// capital city, whose GeoNames admin1 code the division then stands for.
func (g *Gazetteer) readFeatures(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
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
		fields := append([]string{c[0], c[1]}, c[3:12]...)
		e, err := parseEntry(fields)
		if err != nil {
			return fmt.Errorf("geo: %s:%d: %w", name, line, err)
		}
		e.Admin1, e.admin1Code = e.admin1Code, ""
		if len(c) > 12 && c[12] != "" {
			e.admin1Code = "seat:" + c[12]
		}
		idx := g.add(e)
		g.index(c[1], idx)
		if c[2] != "" {
			for a := range strings.SplitSeq(c[2], "|") {
				if w, ok := strings.CutPrefix(a, "~"); ok {
					if g.weak == nil {
						g.weak = make(map[string][]int32)
					}
					g.weak[Key(w)] = append(g.weak[Key(w)], idx)
					a = w
				}
				g.index(a, idx)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("geo: read %s: %w", name, err)
	}
	return nil
}

// parseEntry reads the common columns: id name lat lon feature precision
// iso2 iso3 admin1 population bbox. admin1 lands in admin1Code; the
// caller decides whether it is a code or a name.
func parseEntry(c []string) (Entry, error) {
	if len(c) < 11 {
		return Entry{}, fmt.Errorf("%d fields, want 11", len(c))
	}
	if c[0] == "" || c[1] == "" {
		return Entry{}, errors.New("empty id or name")
	}
	lat, err := strconv.ParseFloat(c[2], 64)
	if err != nil || !(lat >= -90 && lat <= 90) {
		return Entry{}, fmt.Errorf("bad latitude %q", c[2])
	}
	lon, err := strconv.ParseFloat(c[3], 64)
	if err != nil || !(lon >= -180 && lon <= 180) {
		return Entry{}, fmt.Errorf("bad longitude %q", c[3])
	}
	prec := sitrep.Precision(c[5])
	switch prec {
	case sitrep.PrecisionPoint, sitrep.PrecisionAdmin, sitrep.PrecisionCountry, sitrep.PrecisionRegion:
	default:
		return Entry{}, fmt.Errorf("unknown precision %q", c[5])
	}
	var pop int64
	if c[9] != "" {
		if pop, err = strconv.ParseInt(c[9], 10, 64); err != nil || pop < 0 {
			return Entry{}, fmt.Errorf("bad population %q", c[9])
		}
	}
	e := Entry{ID: c[0], Name: c[1], Lat: lat, Lon: lon, Feature: c[4], Precision: prec,
		Country: c[7], admin1Code: c[8], Population: pop}
	if c[10] != "" {
		bb, err := parseBBox(c[10])
		if err != nil {
			return Entry{}, err
		}
		e.BBox = bb
	}
	return e, nil
}

func parseBBox(s string) (*[4]float64, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return nil, fmt.Errorf("bad bbox %q: want w,s,e,n", s)
	}
	var bb [4]float64
	for i, v := range f {
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("bad bbox %q", s)
		}
		bb[i] = x
	}
	if bb[1] > bb[3] {
		return nil, fmt.Errorf("bad bbox %q: south above north", s)
	}
	return &bb, nil
}

// add appends e and returns its index.
func (g *Gazetteer) add(e Entry) int32 {
	idx := int32(len(g.entries))
	g.entries = append(g.entries, e)
	if e.Feature == "country" && e.Precision == sitrep.PrecisionCountry {
		g.country[e.Country] = idx
	}
	return idx
}

// index adds one name of entry idx under its exact and fuzzy keys.
func (g *Gazetteer) index(name string, idx int32) {
	k := Key(name)
	if k == "" {
		return
	}
	if _, last, ok := cutLastWord(k); ok {
		if g.tails == nil {
			g.tails = make(map[string]bool)
		}
		g.tails[last] = true
	}
	g.exact.add(k, idx)
	g.fuzzy.add(Fuzzy(k), idx)
	if n := strings.Count(k, " ") + 1; n > g.maxLen {
		g.maxLen = n
	}
}

// idIndex maps every entry's id to its index.
func (g *Gazetteer) idIndex() map[string]int32 {
	byID := make(map[string]int32, len(g.entries))
	for i, e := range g.entries {
		byID[e.ID] = int32(i)
	}
	return byID
}

// readAliases adds extra names for existing entries: "alias<TAB>id".
func (g *Gazetteer) readAliases(fsys fs.FS, name string, byID map[string]int32) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("geo: load aliases: %w", err)
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

// readDemonyms adds adjectives of regions the country table lacks
// ("European", "Kurdish"): "adjective<TAB>id".
func (g *Gazetteer) readDemonyms(fsys fs.FS, name string, byID map[string]int32) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("geo: load demonyms: %w", err)
	}
	for i, text := range strings.Split(string(b), "\n") {
		if text == "" || text[0] == '#' {
			continue
		}
		adj, id, ok := strings.Cut(text, "\t")
		idx, known := byID[id]
		if !ok || !known || Key(adj) == "" {
			return fmt.Errorf("geo: %s:%d: want adjective<TAB>known id, got %q", name, i+1, text)
		}
		k := Key(adj)
		g.demonym[k] = appendOnce(g.demonym[k], idx)
	}
	return nil
}

// readWords reads a word list: words separated by white space, lines
// starting with # are comments. Words are stored by Key.
func readWords(fsys fs.FS, name string) (map[string]bool, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("geo: load %s: %w", name, err)
	}
	words := make(map[string]bool)
	for _, text := range strings.Split(string(b), "\n") {
		if text == "" || text[0] == '#' {
			continue
		}
		for _, w := range strings.Fields(text) {
			words[Key(w)] = true
		}
	}
	return words, nil
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
		for _, j := range g.exact.get(Key(seat)) {
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
	sums := make(map[int32]*[4]float64)
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
		if g.entries[a].derived {
			s := sums[a]
			if s == nil {
				s = new([4]float64)
				sums[a] = s
			}
			s[0], s[1], s[2], s[3] = s[0]+e.Lat, s[1]+e.Lon, s[2]+1, s[3]+float64(e.Population)
		}
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
	g.placeDerived(sums)
}
