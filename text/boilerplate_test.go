package text_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

func newStage(t testing.TB, opts ...text.Option) *text.Stage {
	t.Helper()
	s, err := text.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// anchor is an article line placed before the line under test so that the
// document never ends up empty.
const anchor = "Russian jets struck targets near Hama on Thursday, the ministry said."

func TestBoilerplate(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		line   string
		reason string // "" means the line must be kept
	}{
		// donation and subscription appeals
		{"Please support our work", "donation appeal"},
		{"Donate now", "donation appeal"},
		{"Become a patron", "donation appeal"},
		{"Become a patron today!", "donation appeal"},
		{"If you value our reporting, please consider a donation to keep it free.", "donation appeal"},
		{"Support independent journalism", "donation appeal"},
		// comment prompts
		{"Join the conversation", "comment prompt"},
		{"Leave a comment", "comment prompt"},
		{"12 comments", "comment prompt"},
		// related-story teasers
		{"Read more: Why Russia went to war in Syria", "related-story teaser"},
		{"RELATED: Iran sends troops to Aleppo", "related-story teaser"},
		{"See also", "related-story teaser"},
		{"See also: Timeline of the Syrian war", "related-story teaser"},
		{"You may also like", "related-story teaser"},
		// bylines
		{"By Jane Doe", "byline"},
		{"By JANE DOE and JOHN SMITH", "byline"},
		{"By Jane Doe, Reuters", "byline"},
		{"Reporting by Tom Perry; Editing by Anna Jones", "byline"},
		{"(Reporting by Tom Perry in Beirut; Writing by Ali Khan)", "byline"},
		{"Staff writer", "byline"},
		{"Moscow correspondent", "byline"},
		// share and follow buttons
		{"Share on Facebook", "share button"},
		{"Follow us on Twitter", "share button"},
		{"Facebook Twitter WhatsApp Email", "share button"},
		// newsletters and cookies
		{"Sign up for our daily newsletter", "newsletter notice"},
		{"We use cookies to improve your experience on our site.", "cookie notice"},
		// copyright, ads, photos, tags
		{"© 2015 Example News. All rights reserved.", "copyright"},
		{"Copyright 2015 Example Media", "copyright"},
		{"Advertisement", "advertisement"},
		{"ADVERTISEMENT", "advertisement"},
		{"Photo: Reuters", "photo credit"},
		{"Smoke rises over a village near Hama. AFP via Getty Images", "photo credit"},
		{"Tags: Syria, Russia, Iran", "tag list"},
		{"* * *", "separator"},

		// article lines that look similar but must be kept
		{"By dawn, Russian jets had struck three villages near Hama.", ""},
		{"By Sunday, Russian warplanes had hit targets across the province.", ""},
		{"By supporting Assad, Moscow has taken on the whole opposition.", ""},
		{"Support for the rebels has waned since the Russian strikes began.", ""},
		{"Reporting by state media suggested the strikes hit a bakery.", ""},
		{"Donations of food and blankets reached the camp on Friday.", ""},
		{"Share prices in Moscow fell 2 percent after the first strikes.", ""},
		{"Follow-up raids hit the same depot two hours later.", ""},
		{"Photographs published by activists showed a crater near the mosque.", ""},
		{"Copyright law was not among the issues discussed in Vienna.", ""},
		{"Advertisements for recruits appeared in Tehran newspapers.", ""},
		{"Related fighting was reported near Aleppo.", ""},
		{"Read the full statement, the ministry told reporters.", ""},
		{"Updated figures from the monitoring group put the toll at 39.", ""},
		{"Tags on the crates showed they came from a Russian factory.", ""},
		{"Comments by the minister angered Riyadh.", ""},
		{"Watch commanders said the patrol returned safely.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			d := &sitrep.Document{Doc: sitrep.Doc{Raw: anchor + "\n" + tt.line}}
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, dl := range d.Doc.Dropped {
				if dl.Line == 1 {
					t.Fatalf("anchor line dropped as %q", dl.Reason)
				}
				if dl.Line == 2 {
					if dl.Text != tt.line {
						t.Errorf("dropped text %q, want %q", dl.Text, tt.line)
					}
					got = dl.Reason
				}
			}
			if got != tt.reason {
				t.Errorf("reason %q, want %q", got, tt.reason)
			}
		})
	}
}

func TestDroppedAccounting(t *testing.T) {
	s := newStage(t)
	raw := "By Jane Doe\r\n\r\n" + anchor + "\n\n\nAdvertisement\n  The second paragraph goes on.  \nShare on Facebook\n"
	d := &sitrep.Document{Doc: sitrep.Doc{Raw: raw}}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	wantDropped := []sitrep.DroppedLine{
		{Line: 1, Text: "By Jane Doe", Reason: "byline"},
		{Line: 6, Text: "Advertisement", Reason: "advertisement"},
		{Line: 8, Text: "Share on Facebook", Reason: "share button"},
	}
	if len(d.Doc.Dropped) != len(wantDropped) {
		t.Fatalf("dropped %+v, want %+v", d.Doc.Dropped, wantDropped)
	}
	for i, w := range wantDropped {
		if d.Doc.Dropped[i] != w {
			t.Errorf("dropped[%d] = %+v, want %+v", i, d.Doc.Dropped[i], w)
		}
	}
	if want := anchor + "\n\n  The second paragraph goes on.  "; d.Doc.Text != want {
		t.Errorf("Text = %q, want %q", d.Doc.Text, want)
	}
	if len(d.Sentences) != 2 {
		t.Fatalf("got %d sentences, want 2", len(d.Sentences))
	}
	if got := d.Doc.Text[d.Sentences[1].Start:d.Sentences[1].End]; got != "The second paragraph goes on." {
		t.Errorf("second sentence %q", got)
	}
}

func TestTeaserList(t *testing.T) {
	s := newStage(t)
	raw := anchor + "\nRead more:\nParis attacks: what we know so far\nSyria's opposition: who's who\n" +
		"Iran said on Friday that its advisers would stay.\nA short line without a stop"
	d := &sitrep.Document{Doc: sitrep.Doc{Raw: raw}}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, dl := range d.Doc.Dropped {
		if dl.Reason != "related-story teaser" {
			t.Errorf("line %d dropped as %q", dl.Line, dl.Reason)
		}
		got = append(got, dl.Line)
	}
	if want := []int{2, 3, 4}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("dropped lines %v, want %v", got, want)
	}
}
