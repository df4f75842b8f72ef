package geo

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep/sitrep"
)

// tinyRows are GeoNames-like rows for a gazetteer small enough to build in
// a test: id, name, alternates, lat, lon, feature, iso3, population.
var tinyRows = [][]string{
	{"geonames:1", "Homs", "Hims", "34.73", "36.72", "PPLA", "SYR", "775404"},
	{"geonames:2", "Homs", "", "32.65", "14.26", "PPL", "LBY", "38000"},
	{"geonames:3", "Latakia", "Lattakia|Al-Ladhiqiyah", "35.52", "35.79", "PPLA", "SYR", "340181"},
	{"geonames:4", "Tripoli", "", "32.89", "13.19", "PPLC", "LBY", "1150989"},
	{"geonames:5", "Tripoli", "Trablous", "34.44", "35.85", "PPLA", "LBN", "229398"},
	{"geonames:6", "Moscow", "", "55.75", "37.62", "PPLC", "RUS", "10381222"},
	{"geonames:7", "Paris", "", "48.85", "2.35", "PPLC", "FRA", "2138551"},
	{"geonames:8", "Paris", "", "33.66", "-95.56", "PPLA2", "USA", "24782"},
	{"geonames:9", "Bill", "", "10", "10", "PPL", "USA", "900"},
	{"geonames:10", "Damascus", "Dimashq", "33.51", "36.29", "PPLC", "SYR", "1569394"},
}

// tinyTable writes tinyRows and two countries in the generated format.
func tinyTable() []byte {
	var b strings.Builder
	b.WriteString("# tiny test table\n")
	exact, fuzzy := map[string][]int{}, map[string][]int{}
	n := 0
	add := func(names []string) {
		for _, name := range names {
			if k := Key(name); k != "" {
				exact[k] = append(exact[k], n)
				fuzzy[Fuzzy(k)] = append(fuzzy[Fuzzy(k)], n)
			}
		}
		n++
	}
	fmt.Fprintf(&b, "E\tcountry:SYR\tSyria\t35.0\t38.5\tcountry\tcountry\tSY\tSYR\t\t185180\t35.6,32.3,42.4,37.3\n")
	add([]string{"Syria", "Syrian Arab Republic"})
	fmt.Fprintf(&b, "E\tcountry:RUS\tRussia\t61.6\t99.0\tcountry\tcountry\tRU\tRUS\t\t17098242\t-180,41.2,180,81.9\n")
	add([]string{"Russia"})
	for _, r := range tinyRows {
		fmt.Fprintf(&b, "E\t%s\t%s\t%s\t%s\t%s\tpoint\t\t%s\t01\t%s\t\n", r[0], r[1], r[3], r[4], r[5], r[6], r[7])
		add(append([]string{r[1]}, strings.Split(r[2], "|")...))
	}
	for _, tag := range []string{"K", "F"} {
		idx := exact
		if tag == "F" {
			idx = fuzzy
		}
		keys := make([]string, 0, len(idx))
		for k := range idx {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var ns []string
			for _, i := range idx[k] {
				ns = append(ns, fmt.Sprint(i))
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\n", tag, k, strings.Join(ns, ","))
		}
	}
	b.WriteString("D\tsyrian\t0\n")
	return []byte(b.String())
}

func gz(data []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

const tinyFeatures = "# test features\n" +
	"feature:hmeimim\tHmeimim Air Base\tHmeimim|Khmeimim|Hmeimim airbase\t35.401\t35.949\tairbase\tpoint\t\tSYR\tLatakia Governorate\t0\t\t\n" +
	"feature:sy-latakia\tLatakia Governorate\tLatakia province\t35.6\t36.0\tadmin1\tadmin\t\tSYR\t\t1000000\t35.7,35.3,36.4,36.0\tLatakia\n" +
	"feature:mediterranean\tMediterranean Sea\tMediterranean|the Med\t35\t18\tsea\tregion\t\t\t\t0\t-5.6,30,36.2,46\t\n" +
	"feature:persian-gulf\tPersian Gulf\tthe Gulf\t26.5\t52\tsea\tregion\t\t\t\t0\t47.7,23.9,56.4,30.4\t\n"

// tinyFS is a data directory like the embedded one, with the tiny table.
func tinyFS() fstest.MapFS {
	return fstest.MapFS{
		genFile:              {Data: gz(tinyTable())},
		"data/features.tsv":  {Data: []byte(tinyFeatures)},
		"data/aliases.tsv":   {Data: []byte("# test aliases\nSyrian Republic\tcountry:SYR\n")},
		"data/demonyms.tsv":  {Data: []byte("# test demonyms\nMediterranean\tfeature:mediterranean\n")},
		"data/stopwords.txt": {Data: []byte("# test stop words\nbill may\n")},
		"data/pathogens.txt": {Data: []byte("# test pathogen words\nvirus fever\n")},
	}
}

func tinyGazetteer(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := load(tinyFS())
	if err != nil {
		tb.Fatalf("load tiny gazetteer: %v", err)
	}
	return g
}

func TestTinyLoad(t *testing.T) {
	g := tinyGazetteer(t)
	if got, want := g.Len(), 2+len(tinyRows)+4; got != want {
		t.Fatalf("Len = %d, want %d", got, want)
	}
	if e, ok := g.Country("SYR"); !ok || e.Precision != sitrep.PrecisionCountry {
		t.Fatalf("Country(SYR) = %+v, %v", e, ok)
	}
	// The seat links the province to the GeoNames admin1 code of Latakia,
	// so every town with that code is named as inside it.
	if got := g.Lookup("Latakia")[0].Admin1; got != "Latakia Governorate" {
		t.Errorf("Latakia's Admin1 = %q, want Latakia Governorate", got)
	}
}

// tinyDoc splits text into one sentence per line and tokens at spaces and
// punctuation, the way the text stage would.
func tinyDoc(text string) *sitrep.Document {
	d := &sitrep.Document{Doc: sitrep.Doc{ID: "t", Text: text}}
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		s := sitrep.Sentence{Span: sitrep.Span{Start: off, End: off + len(strings.TrimRight(line, "\n"))}}
		s.Tokens = tokens(text, off, off+len(line))
		d.Sentences = append(d.Sentences, s)
		off += len(line)
	}
	return d
}

func tokens(text string, start, end int) []sitrep.Token {
	var out []sitrep.Token
	i := start
	for i < end {
		c := text[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t':
			i++
		case isWordByte(c):
			j := i
			for j < end && (isWordByte(text[j]) || text[j] == '-' && j+1 < end && isWordByte(text[j+1])) {
				j++
			}
			out = append(out, sitrep.Token{Span: sitrep.Span{Start: i, End: j}, Text: text[i:j], POS: "NNP"})
			i = j
		default:
			out = append(out, sitrep.Token{Span: sitrep.Span{Start: i, End: i + 1}, Text: text[i : i+1], POS: "."})
			i++
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func TestTinyToponyms(t *testing.T) {
	g := tinyGazetteer(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Jets flew from Hmeimim airbase to Homs.", []string{"Hmeimim airbase", "Homs"}},
		{"Ships in the Mediterranean and the Gulf.", []string{"Mediterranean", "the Gulf"}},
		{"Fighting in Latakia province spread.", []string{"Latakia province"}},
		{"Bill may go to Paris in May.", []string{"Paris"}},
		{"the homs of moscow", nil},
		// Disease names and currencies hold a place name but are none.
		{"Latakia fever and Homs virus cases rose in Paris.", []string{"Paris"}},
		{"It cost Syria$5 in Damascus.", []string{"Damascus"}},
		{"", nil},
	}
	for _, tt := range tests {
		d := tinyDoc(tt.text)
		var got []string
		for _, tp := range g.Toponyms(d.Doc.Text, d.Sentences, nil) {
			got = append(got, tt.text[tp.Start:tp.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Toponyms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// A span claimed by an actor is not a place.
	d := tinyDoc("Moscow said it hit Homs.")
	tops := g.Toponyms(d.Doc.Text, d.Sentences, []sitrep.Span{{Start: 0, End: 6}})
	if len(tops) != 1 || d.Doc.Text[tops[0].Start:tops[0].End] != "Homs" {
		t.Errorf("with Moscow claimed: %+v", tops)
	}
}

func TestTinyResolveContext(t *testing.T) {
	g := tinyGazetteer(t)
	tests := []struct {
		text   string
		target string // resolve this name
		want   string // to this id
	}{
		// Population alone: the Syrian Homs.
		{"Homs was shelled.", "Homs", "geonames:1"},
		// Population and capital status: the Libyan capital.
		{"Tripoli was quiet.", "Tripoli", "geonames:4"},
		// Transliteration variant.
		{"Lattakia port.", "Lattakia", "geonames:3"},
		// No context: Paris, France, not Paris, Texas.
		{"Paris talks.", "Paris", "geonames:7"},
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, tt.target)
		res := g.Resolve(tt.text, []sitrep.Span{{Start: i, End: i + len(tt.target)}})
		if len(res) != 1 || !res[0].OK || res[0].Entry.ID != tt.want {
			t.Errorf("Resolve(%q in %q) = %+v, want %s", tt.target, tt.text, res, tt.want)
		}
	}
	// Context: with Syria and Damascus named, every Homs is the Syrian
	// one, and the document's Homs mentions share one entry.
	text := "From Damascus to Homs, Syria. Later Homs again."
	var spans []sitrep.Span
	for _, n := range []string{"Damascus", "Homs", "Syria"} {
		i := strings.Index(text, n)
		spans = append(spans, sitrep.Span{Start: i, End: i + len(n)})
	}
	j := strings.LastIndex(text, "Homs")
	spans = append(spans, sitrep.Span{Start: j, End: j + 4})
	res := g.Resolve(text, spans)
	if res[1].Entry.ID != "geonames:1" || res[3].Entry.ID != "geonames:1" {
		t.Errorf("Homs in a Syrian document: %s, %s", res[1].Entry.ID, res[3].Entry.ID)
	}
	if res[2].Entry.Precision != sitrep.PrecisionCountry || res[2].Entry.BBox == nil {
		t.Errorf("Syria: %+v, want country precision with a box", res[2].Entry)
	}
	// Demonyms resolve only through Resolve, and spans out of range are
	// reported unresolved, not a panic.
	res = g.Resolve("Syrian forces", []sitrep.Span{{Start: 0, End: 6}, {Start: 5, End: 99}, {Start: 3, End: 1}})
	if !res[0].OK || res[0].Entry.ID != "country:SYR" || res[1].OK || res[2].OK {
		t.Errorf("demonym and bad spans: %+v", res)
	}
}

// TestTinyStageMetonymy runs the stage on hand-made actor layers, so the
// metonymy rules are tested apart from the actor stage.
func TestTinyStageMetonymy(t *testing.T) {
	g := tinyGazetteer(t)
	text := "Moscow said it hit Homs.\nTalks in Moscow ended.\nRussia said troops left Syria.\nBill Homs spoke."
	d := tinyDoc(text)
	at := func(s string, nth int) sitrep.Mention {
		i := -1
		for range nth + 1 {
			i += 1 + strings.Index(text[i+1:], s)
		}
		return sitrep.Mention{Span: sitrep.Span{Start: i, End: i + len(s)}, Text: s}
	}
	d.Entities = []sitrep.Entity{
		{ID: "kb:RUS/GOV", Type: sitrep.Government, Country: "RUS", Known: true, Mentions: []sitrep.Mention{at("Moscow", 0)}},
		{ID: "kb:city:moscow", Type: sitrep.PlaceEntity, Country: "RUS", Known: true, Mentions: []sitrep.Mention{at("Moscow", 1)}},
		{ID: "x:bill-homs", Type: sitrep.Person, Mentions: []sitrep.Mention{at("Bill Homs", 0)}},
	}
	if err := New(g).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range d.Places {
		for _, m := range p.Mentions {
			got[p.ID] = append(got[p.ID], fmt.Sprintf("%d:%s", m.Start, m.Text))
		}
	}
	want := map[string][]string{
		"geonames:1":  {fmt.Sprintf("%d:Homs", at("Homs", 0).Start)},     // not the person's "Homs"
		"geonames:6":  {fmt.Sprintf("%d:Moscow", at("Moscow", 1).Start)}, // not "Moscow said"
		"country:SYR": {fmt.Sprintf("%d:Syria", at("Syria", 0).Start)},   // "left Syria"; "Russia said" is the state
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("places = %v\nwant %v", got, want)
	}
}
