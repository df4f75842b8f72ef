package geo

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	sgeo "github.com/sitrep/sitrep/geo"
)

// MaxErrorKm is the error charged for a toponym left unresolved: half the
// Earth's circumference, the top of the AUC scale.
const MaxErrorKm = 20039

// Gold is one annotated toponym: its span in the article text (byte
// offsets) and the gold coordinates.
type Gold struct {
	sitrep.Span
	Name     string
	Lat, Lon float64
}

// Article is one benchmark article.
type Article struct {
	ID     string
	Source string // the article's source URL (GeoVirus), which the dev/test split hashes
	Text   string
	Golds  []Gold
}

// SplitGeoVirus divides GeoVirus by article into a development half and a
// test half: an article is dev when the 32-bit FNV-1a hash of its source
// URL is even, test when it is odd. The split is fixed by the data alone,
// so every run and every reader gets the same halves.
func SplitGeoVirus(arts []Article) (dev, test []Article) {
	for _, a := range arts {
		h := fnv.New32a()
		h.Write([]byte(a.Source))
		if h.Sum32()%2 == 0 {
			dev = append(dev, a)
		} else {
			test = append(test, a)
		}
	}
	return dev, test
}

// Score is the resolution quality over one set.
type Score struct {
	Set      string
	Articles int
	Toponyms int
	Resolved int     // spans the gazetteer had a name for
	Acc161   float64 // share within 161 km
	AUC      float64 // area under the log-error curve, 0..1, lower is better
	MeanKm   float64
	MedianKm float64

	// AreaAcc161 is Acc@161 with one change: an answer coarser than a
	// point (country, province, region) counts as right when the gold
	// point lies inside its bounding box. The gold sets put a country at
	// one conventional point (Wikipedia's, GeoNames'), which a centroid
	// of the same country can miss by 300 km; this figure says how often
	// the right area was chosen. It is not comparable to published Acc@161.
	AreaAcc161 float64

	// ByPrecision counts toponyms and those within 161 km by the
	// precision of the answer ("none" for unresolved).
	ByPrecision map[string][2]int
}

// Report holds the scores of every set found.
type Report struct {
	GeoVirus   *Score // all 229 articles
	GeoWebNews *Score

	// GeoVirusDev and GeoVirusTest are the halves of SplitGeoVirus:
	// rules and parameters are chosen on dev, test is only reported.
	GeoVirusDev, GeoVirusTest *Score

	// GeoVirusEndToEnd runs the stage itself (recognition and
	// resolution) on GeoVirus's raw text.
	GeoVirusEndToEnd *Recognition
}

// Run scores the geo stage's resolver on the sets under root (the
// benchmarks directory) and writes a table to w. A set whose directory is
// missing is left out; with neither present Run fails.
func Run(root string, w io.Writer) (Report, error) {
	g, err := sgeo.Load()
	if err != nil {
		return Report{}, fmt.Errorf("eval geo: %w", err)
	}
	var rep Report
	if arts, err := ReadGeoVirus(filepath.Join(root, "geovirus", "GeoVirus.xml")); err == nil {
		dev, test := SplitGeoVirus(arts)
		sd, st := Evaluate(g, "GeoVirus dev", dev), Evaluate(g, "GeoVirus test", test)
		rep.GeoVirusDev, rep.GeoVirusTest = &sd, &st
		s := Evaluate(g, "GeoVirus all", arts)
		rep.GeoVirus = &s
		e2e, err := EndToEnd(g, "GeoVirus", arts)
		if err != nil {
			return rep, err
		}
		rep.GeoVirusEndToEnd = &e2e
	} else if !os.IsNotExist(err) {
		return rep, err
	}
	if arts, err := ReadGeoWebNews(filepath.Join(root, "geowebnews", "GWN.xml")); err == nil {
		s := Evaluate(g, "GeoWebNews", arts)
		rep.GeoWebNews = &s
	} else if !os.IsNotExist(err) {
		return rep, err
	}
	if rep.GeoVirus == nil && rep.GeoWebNews == nil {
		return rep, fmt.Errorf("eval geo: neither geovirus nor geowebnews under %s", root)
	}
	fmt.Fprintln(w, "Toponym resolution, gold spans (resolution only); unresolved = 20039 km")
	sets := []*Score{rep.GeoVirusDev, rep.GeoVirusTest, rep.GeoVirus, rep.GeoWebNews}
	fmt.Fprintf(w, "%-13s %8s %9s %8s %8s %7s %9s %9s %12s\n", "set", "articles", "toponyms", "resolved", "Acc@161", "AUC", "mean km", "median km", "area Acc@161")
	for _, s := range sets {
		if s == nil {
			continue
		}
		fmt.Fprintf(w, "%-13s %8d %9d %8d %8.3f %7.3f %9.0f %9.1f %12.3f\n", s.Set, s.Articles, s.Toponyms, s.Resolved, s.Acc161, s.AUC, s.MeanKm, s.MedianKm, s.AreaAcc161)
	}
	fmt.Fprintln(w, "within 161 km / toponyms, by precision of the answer:")
	for _, s := range sets {
		if s == nil {
			continue
		}
		fmt.Fprintf(w, "%-13s", s.Set)
		for _, p := range []string{"point", "admin", "country", "region", "none"} {
			c := s.ByPrecision[p]
			fmt.Fprintf(w, " %s %d/%d", p, c[1], c[0])
		}
		fmt.Fprintln(w)
	}
	if e := rep.GeoVirusEndToEnd; e != nil {
		fmt.Fprintf(w, "End to end (text, actor, geo stages on raw text), %s: %d articles (%d skipped), gold %d, system %d, matched %d: P %.3f R %.3f F1 %.3f; Acc@161 of matched %.3f\n",
			e.Set, e.Articles, e.Skipped, e.Gold, e.System, e.Matched, e.P, e.R, e.F1, e.Acc161)
	}
	return rep, nil
}

// Evaluate resolves every article's gold spans together and scores the
// errors.
func Evaluate(g *sgeo.Gazetteer, set string, arts []Article) Score {
	s := Score{Set: set, Articles: len(arts), ByPrecision: map[string][2]int{}}
	var errs []float64
	areaHits := 0
	for _, a := range arts {
		spans := make([]sitrep.Span, len(a.Golds))
		for i, gd := range a.Golds {
			spans[i] = gd.Span
		}
		for i, r := range g.Resolve(a.Text, spans) {
			e := float64(MaxErrorKm)
			prec, inArea := "none", false
			if r.OK {
				s.Resolved++
				gd := a.Golds[i]
				e = sgeo.Distance(r.Entry.Lat, r.Entry.Lon, gd.Lat, gd.Lon)
				prec = string(r.Entry.Precision)
				if b := r.Entry.BBox; b != nil && r.Entry.Precision != sitrep.PrecisionPoint {
					inArea = gd.Lat >= b[1] && gd.Lat <= b[3] && (gd.Lon >= b[0] && gd.Lon <= b[2] || b[0] > b[2] && (gd.Lon >= b[0] || gd.Lon <= b[2]))
				}
			}
			errs = append(errs, e)
			c := s.ByPrecision[prec]
			c[0]++
			if e < 161 {
				c[1]++
			}
			s.ByPrecision[prec] = c
			if e < 161 || inArea {
				areaHits++
			}
		}
	}
	s.Toponyms = len(errs)
	s.Acc161, s.AUC, s.MeanKm, s.MedianKm = Metrics(errs)
	if len(errs) > 0 {
		s.AreaAcc161 = float64(areaHits) / float64(len(errs))
	}
	return s
}

// Metrics returns Acc@161, the AUC of the log-error curve, and the mean
// and median of errs (km). errs is sorted in place.
func Metrics(errs []float64) (acc, auc, mean, median float64) {
	n := len(errs)
	if n == 0 {
		return 0, 0, 0, 0
	}
	sort.Float64s(errs)
	var within, sum float64
	for _, e := range errs {
		if e < 161 {
			within++
		}
		sum += e
	}
	acc, mean = within/float64(n), sum/float64(n)
	if n%2 == 1 {
		median = errs[n/2]
	} else {
		median = (errs[n/2-1] + errs[n/2]) / 2
	}
	if n > 1 {
		var area float64
		for i := 1; i < n; i++ {
			area += (math.Log(errs[i-1]+1) + math.Log(errs[i]+1)) / 2
		}
		auc = area / (math.Log(MaxErrorKm) * float64(n-1))
	}
	return acc, auc, mean, median
}

// gvLocation is GeoVirus's location element; a few nest another by a
// markup slip, read recursively.
type gvLocation struct {
	Name   string       `xml:"name"`
	Start  int          `xml:"start"`
	End    int          `xml:"end"`
	Lat    float64      `xml:"lat"`
	Lon    float64      `xml:"lon"`
	Nested []gvLocation `xml:"location"`
}

// ReadGeoVirus parses GeoVirus.xml.
func ReadGeoVirus(path string) ([]Article, error) {
	var doc struct {
		Articles []struct {
			Source    string       `xml:"source"`
			Text      string       `xml:"text"`
			Locations []gvLocation `xml:"locations>location"`
		} `xml:"article"`
	}
	if err := readXML(path, &doc); err != nil {
		return nil, err
	}
	out := make([]Article, 0, len(doc.Articles))
	for i, a := range doc.Articles {
		art := Article{ID: fmt.Sprintf("%d %s", i, a.Source), Source: strings.TrimSpace(a.Source), Text: a.Text}
		var walk func(ls []gvLocation)
		walk = func(ls []gvLocation) {
			for _, l := range ls {
				if sp, ok := charSpan(a.Text, l.Start, l.End, l.Name); ok {
					art.Golds = append(art.Golds, Gold{Span: sp, Name: l.Name, Lat: l.Lat, Lon: l.Lon})
				}
				walk(l.Nested)
			}
		}
		walk(a.Locations)
		out = append(out, art)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no articles", path)
	}
	return out, nil
}

// ReadGeoWebNews parses GWN.xml, keeping the toponyms with coordinates.
func ReadGeoWebNews(path string) ([]Article, error) {
	var doc struct {
		Articles []struct {
			File     string `xml:"file,attr"`
			Text     string `xml:"text"`
			Toponyms []struct {
				Extracted string   `xml:"extractedName"`
				Start     int      `xml:"start"`
				End       int      `xml:"end"`
				Lat       *float64 `xml:"latitude"`
				Lon       *float64 `xml:"longitude"`
			} `xml:"toponyms>toponym"`
		} `xml:"article"`
	}
	if err := readXML(path, &doc); err != nil {
		return nil, err
	}
	out := make([]Article, 0, len(doc.Articles))
	for _, a := range doc.Articles {
		art := Article{ID: a.File, Text: a.Text}
		for _, t := range a.Toponyms {
			if t.Lat == nil || t.Lon == nil {
				continue
			}
			if sp, ok := charSpan(a.Text, t.Start, t.End, t.Extracted); ok {
				art.Golds = append(art.Golds, Gold{Span: sp, Name: t.Extracted, Lat: *t.Lat, Lon: *t.Lon})
			}
		}
		out = append(out, art)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no articles", path)
	}
	return out, nil
}

func readXML(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := xml.NewDecoder(f).Decode(v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

// charSpan turns character offsets (as the sets give them) into a byte
// span of text. Where the offsets miss the name by a little, the name is
// searched for nearby; ok is false when the offsets are out of range.
func charSpan(text string, start, end int, name string) (sitrep.Span, bool) {
	sp, ok := runeSpan(text, start, end)
	if !ok {
		return sp, false
	}
	if name == "" || text[sp.Start:sp.End] == name {
		return sp, true
	}
	// A few offsets are off by some characters; look within 20 bytes.
	lo := max(0, sp.Start-20)
	hi := min(len(text), sp.End+20)
	if k := strings.Index(text[lo:hi], name); k >= 0 {
		return sitrep.Span{Start: lo + k, End: lo + k + len(name)}, true
	}
	return sp, true
}

// runeSpan converts rune offsets [start, end) to byte offsets.
func runeSpan(text string, start, end int) (sitrep.Span, bool) {
	if start < 0 || end <= start {
		return sitrep.Span{}, false
	}
	sp := sitrep.Span{Start: -1, End: -1}
	n := 0
	for i := range text {
		if n == start {
			sp.Start = i
		}
		if n == end {
			sp.End = i
			break
		}
		n++
	}
	if sp.End < 0 && n == end {
		sp.End = len(text)
	}
	if sp.Start < 0 || sp.End < 0 || !utf8.ValidString(text[sp.Start:sp.End]) {
		return sitrep.Span{}, false
	}
	return sp, true
}
