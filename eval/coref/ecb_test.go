package coref

import (
	"strings"
	"testing"
)

// sampleXML is a small document in the CAT format of ECB+, written for
// this test.
const sampleXML = `<Document doc_name="99_1ecb.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">arrested</token>
<token t_id="3" sentence="0" number="2">two</token>
<token t_id="4" sentence="0" number="3">men</token>
<token t_id="5" sentence="1" number="0">The</token>
<token t_id="6" sentence="1" number="1">arrest</token>
<token t_id="7" sentence="1" number="2">came</token>
<token t_id="8" sentence="1" number="3">on</token>
<token t_id="9" sentence="1" number="4">Monday</token>
<Markables>
<ACTION_OCCURRENCE m_id="10"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="11"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="12"><token_anchor t_id="3"/><token_anchor t_id="4"/></HUMAN_PART_PER>
<TIME_DATE m_id="13"><token_anchor t_id="9"/></TIME_DATE>
<ACTION_OCCURRENCE m_id="14"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="20" instance_id="ACT1" TAG_DESCRIPTOR="arrest"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="30" note="ACT1"><source m_id="10"/><source m_id="11"/><target m_id="20"/></CROSS_DOC_COREF>
</Relations>
</Document>`

func TestParseDocument(t *testing.T) {
	d, err := ParseDocument(strings.NewReader(sampleXML), "99_1ecb.xml")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "99_1ecb" || d.Topic != "99" || d.Plus {
		t.Errorf("name %q topic %q plus %v", d.Name, d.Topic, d.Plus)
	}
	if len(d.Tokens) != 9 || d.SentenceText(1) != "The arrest came on Monday" {
		t.Errorf("%d tokens, sentence 1 %q", len(d.Tokens), d.SentenceText(1))
	}
	if len(d.Mentions) != 5 {
		t.Fatalf("%d anchored mentions, want 5 (the instance descriptor has no anchor)", len(d.Mentions))
	}
	byID := map[string]Mention{}
	for _, m := range d.Mentions {
		byID[m.ID] = m
	}
	if byID["10"].Cluster != "x:ACT1" || byID["11"].Cluster != "x:ACT1" {
		t.Errorf("clusters %q %q, want x:ACT1", byID["10"].Cluster, byID["11"].Cluster)
	}
	if c := byID["14"].Cluster; !strings.HasPrefix(c, "single:") {
		t.Errorf("unlinked mention in cluster %q, want a singleton", c)
	}
	m := byID["12"]
	if m.IsEvent() || m.Text(d) != "two men" {
		t.Errorf("participant: event %v text %q", m.IsEvent(), m.Text(d))
	}
	if m11 := byID["11"]; m11.Sentence(d) != 1 {
		t.Errorf("sentence %d, want 1", m11.Sentence(d))
	}
}

func TestParseDocumentErrors(t *testing.T) {
	for _, bad := range []string{
		`<Document><token t_id="x" sentence="0">a</token></Document>`,
		`<Document><token t_id="1" sentence="0">a</token><Markables><ACTION_OCCURRENCE m_id="1"><token_anchor t_id="7"/></ACTION_OCCURRENCE></Markables></Document>`,
		`<Document><token t_id="1" sentence="0">a</tok`,
	} {
		if _, err := ParseDocument(strings.NewReader(bad), "bad.xml"); err == nil || !strings.Contains(err.Error(), "bad.xml") {
			t.Errorf("ParseDocument(%q): error %v, want one naming the input", bad, err)
		}
	}
}

// FuzzParseDocument: any input parses or fails with an error; a parsed
// document's mentions point at its tokens.
func FuzzParseDocument(f *testing.F) {
	f.Add(sampleXML)
	f.Add(`<Document></Document>`)
	f.Add(`<Document><Markables><X m_id="1"><token_anchor t_id="1"/></X></Markables></Document>`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDocument(strings.NewReader(s), "fuzz.xml")
		if err != nil {
			return
		}
		for _, m := range d.Mentions {
			if len(m.Tokens) == 0 {
				t.Fatalf("mention %s without tokens", m.ID)
			}
			for _, ti := range m.Tokens {
				if ti < 0 || ti >= len(d.Tokens) {
					t.Fatalf("mention %s token %d out of %d", m.ID, ti, len(d.Tokens))
				}
			}
			_ = m.Sentence(d)
			_ = m.Text(d)
		}
	})
}
