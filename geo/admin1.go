package geo

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
)

// readAdmin1 parses admin1.tsv, first-order divisions written for sitrep
// by name only:
//
//	name alternates iso3 seat lat lon population
//
// A row with a seat and no coordinates is placed by derivation
// (linkAdmins): at the mean position of the GeoNames places that share
// the seat's admin1 code, with their bounding box. A row with coordinates
// (for divisions GeoNames' admin1 level does not hold, such as English
// counties) keeps them; it may leave the seat empty.
func (g *Gazetteer) readAdmin1(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		c := strings.Split(text, "\t")
		if len(c) != 7 {
			return fmt.Errorf("geo: %s:%d: %d fields, want 7", name, line, len(c))
		}
		div, alts, iso3, seat := c[0], c[1], c[2], c[3]
		if div == "" || len(iso3) != 3 || strings.ToUpper(iso3) != iso3 {
			return fmt.Errorf("geo: %s:%d: want a name and an ISO 3166-1 alpha-3 code, got %q, %q", name, line, div, iso3)
		}
		e := Entry{ID: "admin1:" + iso3 + ":" + strings.ReplaceAll(Key(div), " ", "-"), Name: div,
			Feature: "admin1", Precision: sitrep.PrecisionAdmin, Country: iso3}
		switch {
		case c[4] == "" && c[5] == "":
			if seat == "" {
				return fmt.Errorf("geo: %s:%d: %s: neither seat nor coordinates", name, line, div)
			}
			e.derived = true
		default:
			lat, lon, ok := parsePoint(c[4], c[5])
			if !ok {
				return fmt.Errorf("geo: %s:%d: bad coordinates %q, %q", name, line, c[4], c[5])
			}
			e.Lat, e.Lon = lat, lon
		}
		if c[6] != "" {
			pop, err := strconv.ParseInt(c[6], 10, 64)
			if err != nil || pop < 0 {
				return fmt.Errorf("geo: %s:%d: bad population %q", name, line, c[6])
			}
			e.Population = pop
		}
		if seat != "" {
			e.admin1Code = "seat:" + seat
		}
		idx := g.add(e)
		g.index(div, idx)
		if alts != "" {
			for a := range strings.SplitSeq(alts, "|") {
				g.index(a, idx)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("geo: read %s: %w", name, err)
	}
	return nil
}

// placeDerived gives each derived division the mean position of its
// member places; sums holds, per division entry, the summed latitude,
// longitude, count and population. An unknown population becomes the
// members' sum, the division's prominence. The plain mean, not one weighted by population:
// GeoNames lists every place of 500 people or more, so the members spread
// over the division and their mean lies near its middle, where a weighted
// mean would sit on the capital. A derived division whose seat was not
// found has no position: it is marked unplaced and never a candidate.
func (g *Gazetteer) placeDerived(sums map[int32]*[4]float64) {
	for i := range g.entries {
		e := &g.entries[i]
		if !e.derived {
			continue
		}
		s := sums[int32(i)]
		if s == nil || s[2] == 0 {
			e.unplaced = true
			continue
		}
		e.Lat, e.Lon = s[0]/s[2], s[1]/s[2]
		if e.Population == 0 {
			e.Population = int64(s[3])
		}
	}
}

// unplacedAdmins lists the admin1.tsv divisions whose seat the gazetteer
// does not know (a data error the tests report).
func (g *Gazetteer) unplacedAdmins() []string {
	var out []string
	for _, e := range g.entries {
		if e.unplaced {
			out = append(out, e.Country+" "+e.Name)
		}
	}
	return out
}
