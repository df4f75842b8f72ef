package actor

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/benchdata"
)

const testActors = `# a comment line
<!-- an XML-style
comment over two lines -->
ARNOR_  [ARN]
+ARNORIAN
GOLLUM  # comment after a phrase
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB]
BOROMIR  [---]
`

const testAgents = `!PERSON! = MAN, MEN, WOMAN
CLERIC  [~REL]
POLICE {} [~COP]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
CONGRESS!PERSON! [~LEG]
PEACEKEEPING_TROOPS {} [IGO~]
ISLAMIC_EXTREMIST
`

func TestParsePetrarchActors(t *testing.T) {
	got, err := ParsePetrarchActors("test.actors", strings.NewReader(testActors))
	if err != nil {
		t.Fatal(err)
	}
	want := []PetrarchActor{
		{Line: 4, Phrase: "ARNOR_", Synonyms: []string{"ARNORIAN"}, Codes: []PetrarchCode{{Code: "ARN"}}},
		{Line: 6, Phrase: "GOLLUM", Synonyms: []string{"SMEAGOL"}, Codes: []PetrarchCode{
			{Code: "HOB", To: "1995-06-01"},
			{Code: "HOBGOV", From: "1995-06-01", To: "1999-08-15"},
			{Code: "HOBREB", From: "1999-08-16"},
		}},
		{Line: 11, Phrase: "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_", Codes: []PetrarchCode{{Code: "YEMREB"}}},
		{Line: 12, Phrase: "BOROMIR"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestPetrarchDateTypos(t *testing.T) {
	as, err := ParsePetrarchActors("typo.actors", strings.NewReader("GOLLUM [HOB 9506]\n\t[HOBGOV 201005011-]\n\t[HOBREB >990816]\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`typo.actors:1: code HOB: bad date range "9506"`, `typo.actors:2: code HOBGOV: bad date "201005011"`}
	if len(as) != 1 || !reflect.DeepEqual(as[0].Problems, want) || len(as[0].Codes) != 1 || as[0].Codes[0].Code != "HOBREB" {
		t.Errorf("got %+v, want the typos as problems and the good code kept", as)
	}
}

func TestParsePetrarchAgents(t *testing.T) {
	got, err := ParsePetrarchAgents("test.agents", strings.NewReader(testAgents))
	if err != nil {
		t.Fatal(err)
	}
	want := []PetrarchAgent{
		{Line: 2, Phrases: []string{"CLERIC", "CLERICS"}, Code: "REL"},
		{Line: 3, Phrases: []string{"POLICE"}, Code: "COP"},
		{Line: 4, Phrases: []string{"CHAMBER_OF_COMMERCE", "CHAMBERS_OF_COMMERCE"}, Code: "BUS"},
		{Line: 5, Phrases: []string{"CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN"}, Code: "LEG"},
		{Line: 6, Phrases: []string{"PEACEKEEPING_TROOPS"}, Code: "IGO", Prefix: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestPetrarchErrors(t *testing.T) {
	for _, tt := range []struct{ name, actors, agents, want string }{
		{"unclosed code", "ARNOR [ARN\n", "", "bad.actors:1: unclosed code"},
		{"orphan synonym", "+SMEAGOL\n", "", "bad.actors:1: synonym before any actor"},
		{"binary", "AR\x00NOR [ARN]\n", "", "bad.actors:1: not text"},
		{"unknown set", "", "!X!MAN [~GOV]\n", "bad.agents:1: unknown substitution set !X!"},
		{"two codes", "", "CLERIC [~REL] [~GOV]\n", "bad.agents:1: agent needs exactly one code"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadPetrarch([]Dict{{"bad.actors", strings.NewReader(tt.actors)}}, []Dict{{"bad.agents", strings.NewReader(tt.agents)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// processWith runs the stage over kb on one-line-per-sentence text.
func processWith(t *testing.T, kb *KB, text, published string) []sitrep.Entity {
	t.Helper()
	d := fixtureDoc(text, published)
	if err := New(kb).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d.Entities
}

func TestLoadPetrarchCodes(t *testing.T) {
	kb, err := LoadPetrarch([]Dict{{"test.actors", strings.NewReader(testActors)}}, []Dict{{"test.agents", strings.NewReader(testAgents)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, date, mention, cameo string }{
		{"Arnor is about to restore ties.", "1995-01-01", "Arnor", "ARN"},
		{"An Arnor cleric is about to restore ties.", "1995-01-01", "An Arnor cleric", "ARNREL"},
		{"Arnor police arrested him.", "1995-01-01", "Arnor police", "ARNCOP"},
		{"Smeagol fled.", "1994-01-01", "Smeagol", "HOB"},
		{"Gollum fled.", "1997-01-01", "Gollum", "HOBGOV"},
		{"Gollum fled.", "2001-01-01", "Gollum", "HOBREB"},
		{"The AAIA attacked.", "2001-01-01", "AAIA", "YEMREB"},
	} {
		es := processWith(t, kb, tt.text, tt.date)
		e, ok := find(es, tt.mention)
		if !ok || e.CAMEO != tt.cameo {
			t.Errorf("%q on %s: mention %q got %+v (found %v), want CAMEO %s", tt.text, tt.date, tt.mention, e, ok, tt.cameo)
		}
	}
}

func openDicts(t *testing.T, dir string, names ...string) []Dict {
	t.Helper()
	var out []Dict
	for _, n := range names {
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		out = append(out, Dict{Name: n, R: f})
	}
	return out
}

// TestPhoenixDictionaries loads the production Phoenix dictionaries that
// PETRARCH-2 ships and checks dated codes and agents on real names.
func TestPhoenixDictionaries(t *testing.T) {
	dir := filepath.Join(benchdata.ForTest(t, "petrarch2"), "dictionaries")
	actors := openDicts(t, dir, "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
	agents := openDicts(t, dir, "Phoenix.agents.txt")
	kb, err := LoadPetrarch(actors, agents)
	if err != nil {
		t.Fatal(err)
	}
	if kb.Len() < 10000 {
		t.Errorf("only %d entries from the Phoenix dictionaries", kb.Len())
	}
	for _, tt := range []struct{ text, date, mention, cameo string }{
		{"Vladimir Putin met officials.", "2015-10-01", "Vladimir Putin", "RUSGOV"},
		{"Vladimir Putin met officials.", "1995-10-01", "Vladimir Putin", "RUSELI"},
		{"Russian police detained him.", "2015-10-01", "Russian police", "RUSCOP"},
		{"Afghanistan said so.", "2015-10-01", "Afghanistan", "AFG"},
	} {
		es := processWith(t, kb, tt.text, tt.date)
		e, ok := find(es, tt.mention)
		if !ok || e.CAMEO != tt.cameo {
			t.Errorf("%q on %s: mention %q got %+v (found %v), want CAMEO %s", tt.text, tt.date, tt.mention, e, ok, tt.cameo)
		}
	}
	// The same dictionaries on top of sitrep's own knowledge base.
	actors = openDicts(t, dir, "Phoenix.International.actors.txt")
	kb, err = LoadPetrarch(actors, nil, WithBuiltin())
	if err != nil {
		t.Fatal(err)
	}
	es := processWith(t, kb, "Russian warplanes struck Idlib.", "2015-10-01")
	if e, ok := find(es, "Russian warplanes"); !ok || e.CAMEO != "RUSMIL" {
		t.Errorf("builtin agents lost with WithBuiltin: %+v", es)
	}
}

// TestValidationDictionaries loads the dictionaries of PETRARCH's unit-test
// suite, whose fantasy actors keep results independent of real-world names.
func TestValidationDictionaries(t *testing.T) {
	dir := filepath.Join(benchdata.ForTest(t, "petrarch2"), "validation")
	kb, err := LoadPetrarch(openDicts(t, dir, "PETR.Validate.actors.txt"), openDicts(t, dir, "PETR.Validate.agents.txt"))
	if err != nil {
		t.Fatal(err)
	}
	es := processWith(t, kb, "Arnor cleric is about to restore full diplomatic ties with Gondor.", "1995-01-01")
	for mention, cameo := range map[string]string{"Arnor cleric": "ARNREL", "Gondor": "GON"} {
		if e, ok := find(es, mention); !ok || e.CAMEO != cameo {
			t.Errorf("mention %q: got %+v (found %v), want %s", mention, e, ok, cameo)
		}
	}
}
