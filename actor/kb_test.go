package actor

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadKBExtra(t *testing.T) {
	extra := fstest.MapFS{
		"local.tsv": {Data: []byte("# written for a test\n" +
			"actor\tjane-roe\tperson\tSYR\tSYROPP\tJane Roe\tJ. Roe\n" +
			"role\tjane-roe\t2015-01-01\t2015-12-31\tSYRGOV\tSYR\tMinister of Tests\n" +
			"actor\tvladimir-putin\t-\t-\t-\t-\tVVP\n")},
		"notes.txt": {Data: []byte("not a knowledge-base file")},
	}
	kb, err := LoadKB(extra)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, date, mention, id, cameo string }{
		{"Jane Roe spoke.", "2015-06-01", "Jane Roe", "kb:jane-roe", "SYRGOV"},
		{"Jane Roe spoke.", "2016-06-01", "Jane Roe", "kb:jane-roe", "SYROPP"},
		{"VVP spoke.", "2016-06-01", "VVP", "kb:vladimir-putin", "RUSGOV"},
	} {
		es := processWith(t, kb, tt.text, tt.date)
		e, ok := find(es, tt.mention)
		if !ok || e.ID != tt.id || e.CAMEO != tt.cameo {
			t.Errorf("%q on %s: got %+v (found %v), want %s %s", tt.text, tt.date, e, ok, tt.id, tt.cameo)
		}
	}
}

func TestLoadKBErrors(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"unknown kind", "person\tx\n", "bad.tsv:1: unknown line kind"},
		{"short actor", "actor\tx\tperson\n", "bad.tsv:1: actor line has 3 fields"},
		{"bad type", "actor\tx\tally\tRUS\tRUS\tX\t-\n", "bad.tsv:1: unknown entity type"},
		{"orphan role", "role\tnobody\t2015\t-\tRUSGOV\tRUS\tx\n", "bad.tsv:1: role for unknown actor"},
		{"bad date", "actor\tx\tperson\tRUS\tRUS\tX\t-\nrole\tx\t2015-1\t-\tRUSGOV\tRUS\tx\n", "bad.tsv:2: bad date"},
		{"bad country", "country\tRU\tRUS\tRussia\t-\t-\t-\n", "bad.tsv:1: country code"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadKB(fstest.MapFS{"bad.tsv": {Data: []byte(tt.data)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestKBCoverage checks the shipped knowledge base holds what the issue
// asks for: every country with codes, P5 and regional leaders with dated
// roles, the named armed groups, legislatures and outlets.
func TestKBCoverage(t *testing.T) {
	kb := loadTestKB(t)
	if n := len(kb.countries); n < 240 {
		t.Errorf("%d countries, want every state", n)
	}
	for _, name := range []string{
		"Vladimir Putin", "Xi Jinping", "François Hollande", "David Cameron", "Barack Obama", "Ali Khamenei",
		"Qasem Soleimani", "Recep Tayyip Erdogan", "Benjamin Netanyahu", "Haider al-Abadi", "Petro Poroshenko",
		"Sergei Shoigu", "Maria Zakharova", "Federation Council", "State Duma", "Majlis", "ISIS", "ISIL",
		"Daesh", "Islamic State", "Hezbollah", "Nusra Front", "Free Syrian Army", "SDF", "YPG", "IRGC",
		"Quds Force", "Reuters", "AP", "AFP", "TASS", "RIA Novosti", "SANA", "Press TV", "Fars", "IRNA",
		"Al Jazeera", "BBC", "Jerusalem Post", "NATO", "United Nations",
	} {
		if len(kb.Lookup(name)) == 0 {
			t.Errorf("knowledge base lacks %q", name)
		}
	}
	for _, name := range []string{"ISIS", "ISIL", "Daesh", "Islamic State"} {
		if es := kb.Lookup(name); len(es) == 0 || es[0].ID != "isis" {
			t.Errorf("%q does not resolve to the Islamic State", name)
		}
	}
	e, _ := kb.Entry("mevlut-cavusoglu")
	if c, _, _ := e.At("2015-10-01"); c != "TURLEG" {
		t.Errorf("Cavusoglu on 2015-10-01 coded %s, want TURLEG (out of office)", c)
	}
	if c, _, _ := e.At("2016-10-01"); c != "TURGOV" {
		t.Errorf("Cavusoglu on 2016-10-01 coded %s, want TURGOV", c)
	}
}
