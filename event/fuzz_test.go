package event

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// FuzzAnalyse runs the sentence analyser on arbitrary text tokenised by
// the text stage: it must not panic, and every frame's spans must lie in
// the sentence.
func FuzzAnalyse(f *testing.F) {
	for _, s := range []string{
		"Russian warplanes struck targets near Homs on Wednesday, killing dozens of civilians.",
		"Russia denied that its jets hit a hospital, the ministry said.",
		`"We will not send ground troops," Putin told Reuters.`,
		"The airstrikes on Homs were carried out by Russian jets, according to activists.",
		"The upper house voted 162 to 0 to approve more than 100 troops, around 1,500 , hundreds of",
		"by by by , , that that \" \" according to",
		"", "—", "9-4 to to vote 1e400 troops",
	} {
		f.Add(s)
	}
	ts, err := text.New()
	if err != nil {
		f.Fatal(err)
	}
	lx, err := sharedLexicon()
	if err != nil {
		f.Fatal(err)
	}
	st := &Stage{lx: lx, cfg: config{maxTokens: DefaultMaxSentenceTokens}}
	f.Fuzz(func(t *testing.T, s string) {
		d := &sitrep.Document{Doc: sitrep.Doc{ID: "fuzz", Source: "x", Published: "2015-10-01", Raw: s}}
		if err := ts.Process(context.Background(), d); err != nil {
			return // the text stage rejects it with an error: nothing to code
		}
		for _, sent := range d.Sentences {
			ws := sentenceWords(d.Doc.Text, sent)
			a := analyse(lx, ws)
			for _, fr := range a.frames {
				for _, sp := range []span{fr.trig, fr.actor.full, fr.recip.full, fr.clause, fr.speaker.full, fr.via.full, fr.cue} {
					if sp.ok() && (sp.lo < 0 || sp.hi > len(ws)) {
						t.Fatalf("span %v outside %d words", sp, len(ws))
					}
				}
			}
		}
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for _, e := range d.Events {
			if e.Trigger.Start < 0 || e.Trigger.End > len(d.Doc.Text) || e.Trigger.Start >= e.Trigger.End {
				t.Fatalf("trigger %+v outside text of %d bytes", e.Trigger, len(d.Doc.Text))
			}
		}
	})
}

// FuzzTables feeds arbitrary contents to every table parser: errors are
// fine, panics are not, and errors name the file and line.
func FuzzTables(f *testing.F) {
	for _, name := range []string{"data/triggers.tsv", "data/cues.tsv", "data/quantities.tsv", "data/irregular.tsv", "data/modes.tsv", "data/recode.tsv"} {
		b, err := dataFS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		f.Add(strings.Join(lines[:min(len(lines), 60)], ""))
	}
	f.Add("v\tstrike\t-\tASSAULT\t-\t19x\tobj\n")
	f.Add("vague\tlots\tx\t9\n\t\t\t\n#\n")
	f.Fuzz(func(t *testing.T, s string) {
		lx, _ := loadLexicon()
		for _, p := range []func(string, int, []string) error{lx.parseTrigger, lx.parseCue, lx.parseQuantity, lx.parseIrregular, lx.parseMode, lx.parseRecode} {
			err := readRows("fuzz.tsv", bytes.NewReader([]byte(s)), p)
			if err != nil && !strings.Contains(err.Error(), "fuzz.tsv:") {
				t.Fatalf("error %q does not name the file", err)
			}
		}
	})
}
