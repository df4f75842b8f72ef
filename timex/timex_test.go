package timex

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// pub is Thursday 1 October 2015.
const pub = "2015-10-01"

type want struct {
	text, typ, value, earliest, latest, precision string
}

func process(t testing.TB, text, published string) []sitrep.Timex {
	t.Helper()
	d := &sitrep.Document{Doc: sitrep.Doc{ID: "t", Text: text, Published: published}}
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d.Timexes
}

func check(t *testing.T, text string, w want) {
	t.Helper()
	got := process(t, text, pub)
	for _, tx := range got {
		if tx.Text != w.text {
			continue
		}
		if tx.Type != w.typ || tx.Value != w.value {
			t.Errorf("%q: %q = %s %s, want %s %s", text, w.text, tx.Type, tx.Value, w.typ, w.value)
		}
		if w.earliest != "" && tx.Earliest != w.earliest || w.latest != "" && tx.Latest != w.latest {
			t.Errorf("%q: %q bounds %s..%s, want %s..%s", text, w.text, tx.Earliest, tx.Latest, w.earliest, w.latest)
		}
		if w.precision != "" && tx.Precision != w.precision {
			t.Errorf("%q: %q precision %q, want %q", text, w.text, tx.Precision, w.precision)
		}
		return
	}
	t.Errorf("%q: no timex %q; got %+v", text, w.text, got)
}

func TestExpressions(t *testing.T) {
	tests := []struct {
		family, text string
		want         want
	}{
		{"weekday", "Jets struck on Wednesday.", want{"Wednesday", "DATE", "2015-09-30", "2015-09-30", "2015-09-30", "day"}},
		{"weekday before a comma", "Jets struck on Wednesday, killing 27 people.", want{"Wednesday", "DATE", "2015-09-30", "2015-09-30", "2015-09-30", "day"}},
		{"weekday same day", "He spoke Thursday.", want{"Thursday", "DATE", "2015-10-01", "", "", ""}},
		{"weekday future", "The ministers will meet on Friday.", want{"Friday", "DATE", "2015-10-02", "", "", ""}},
		{"weekday past default", "They met on Friday.", want{"Friday", "DATE", "2015-09-25", "", "", ""}},
		{"last weekday", "They met last Monday.", want{"last Monday", "DATE", "2015-09-28", "", "", ""}},
		{"weekday night", "Shelling began Tuesday night.", want{"Tuesday night", "TIME", "2015-09-29TNI", "2015-09-29", "2015-09-29", "day"}},
		{"month day", "Strikes began on September 10.", want{"September 10", "DATE", "2015-09-10", "2015-09-10", "2015-09-10", "day"}},
		{"abbrev month", "It was signed Sept. 28.", want{"Sept. 28", "DATE", "2015-09-28", "", "", ""}},
		{"full date", "On Oct. 3, 2014, the town fell.", want{"Oct. 3, 2014", "DATE", "2014-10-03", "", "", ""}},
		{"day month year", "It fell on 3 October 2014.", want{"3 October 2014", "DATE", "2014-10-03", "", "", ""}},
		{"iso", "Filed 2015-09-12 in Moscow.", want{"2015-09-12", "DATE", "2015-09-12", "", "", ""}},
		{"month past", "The advisers arrived in May.", want{"May", "DATE", "2015-05", "2015-05-01", "2015-05-31", "month"}},
		{"month future", "Elections will be held in May.", want{"May", "DATE", "2016-05", "", "", ""}},
		{"month year", "In May 2013 the talks failed.", want{"May 2013", "DATE", "2013-05", "", "", ""}},
		{"end of month", "Raids started at the end of September.", want{"the end of September", "DATE", "2015-09", "2015-09-21", "2015-09-30", ""}},
		{"mid month", "A meeting is planned for mid-October.", want{"mid-October", "DATE", "2015-10", "2015-10-11", "2015-10-20", ""}},
		{"early month", "They arrived in early August.", want{"early August", "DATE", "2015-08", "2015-08-01", "2015-08-10", ""}},
		{"year", "Iran has sent advisers since 2012.", want{"2012", "DATE", "2012", "2012-01-01", "2012-12-31", "year"}},
		{"early year", "Fighting resumed in early 2014.", want{"early 2014", "DATE", "2014", "2014-01-01", "", ""}},
		{"decade", "It recalled the 1990s.", want{"the 1990s", "DATE", "199", "1990-01-01", "1999-12-31", ""}},
		{"century", "The 20th century saw two wars.", want{"The 20th century", "DATE", "19", "", "", ""}},
		{"season year", "The offensive came in autumn 2015.", want{"autumn 2015", "DATE", "2015-FA", "2015-09-01", "2015-11-30", ""}},
		{"last season", "It started last summer.", want{"last summer", "DATE", "2015-SU", "", "", ""}},
		{"this week", "Talks resume this week.", want{"this week", "DATE", "2015-W40", "2015-09-28", "2015-10-04", "week"}},
		{"last week", "Six died last week.", want{"last week", "DATE", "2015-W39", "2015-09-21", "2015-09-27", "week"}},
		{"next month", "Troops leave next month.", want{"next month", "DATE", "2015-11", "2015-11-01", "2015-11-30", "month"}},
		{"last year", "Prices rose last year.", want{"last year", "DATE", "2014", "", "", ""}},
		{"earlier this month", "Earlier this month, fighting stopped.", want{"Earlier this month", "DATE", "2015-10", "2015-10-01", "2015-10-01", "span"}},
		{"early this year", "They met early this year.", want{"early this year", "DATE", "2015", "2015-01-01", "", ""}},
		{"yesterday", "Two villages fell yesterday.", want{"yesterday", "DATE", "2015-09-30", "2015-09-30", "2015-09-30", "day"}},
		{"today", "The envoy arrives today.", want{"today", "DATE", "2015-10-01", "", "", ""}},
		{"last night", "Shells fell last night.", want{"last night", "TIME", "2015-09-30TNI", "", "", ""}},
		{"weeks ago", "They came two weeks ago.", want{"two weeks ago", "DATE", "2015-W38", "2015-09-14", "2015-09-20", "week"}},
		{"years ago", "It began four years ago.", want{"four years ago", "DATE", "2011", "", "", ""}},
		{"days ago", "It fell 10 days ago.", want{"10 days ago", "DATE", "2015-09-21", "", "", ""}},
		{"past n days", "In the past 10 days 40 died.", want{"the past 10 days", "DURATION", "P10D", "2015-09-21", "2015-10-01", "span"}},
		{"next n weeks", "Over the next two weeks it will grow.", want{"the next two weeks", "DURATION", "P2W", "2015-10-01", "2015-10-15", "span"}},
		{"past decade", "Over the past decade it grew.", want{"the past decade", "DURATION", "P10Y", "2005-10-01", "2015-10-01", "span"}},
		{"first week of", "Strikes peaked in the first week of October.", want{"the first week of October", "DATE", "2015-W40", "2015-10-01", "2015-10-07", "week"}},
		{"duration years", "They held the town for three years.", want{"three years", "DURATION", "P3Y", "", "", ""}},
		{"duration decade", "It could last for a decade.", want{"a decade", "DURATION", "P10Y", "", "", ""}},
		{"duration compound", "It lasted twenty-five days.", want{"twenty-five days", "DURATION", "P25D", "", "", ""}},
		{"duration adjective", "A four-week truce began.", want{"four-week", "DURATION", "P4W", "", "", ""}},
		{"duration hours", "A 24 hours lull.", want{"24 hours", "DURATION", "PT24H", "", "", ""}},
		{"vague duration", "It took several months.", want{"several months", "DURATION", "PXM", "", "", ""}},
		{"bare plural", "They waited for years.", want{"years", "DURATION", "PXY", "", "", ""}},
		{"present", "The town is now quiet.", want{"now", "DATE", "PRESENT_REF", "2015-10-01", "2015-10-01", "day"}},
		{"past ref", "In the past, talks failed.", want{"the past", "DATE", "PAST_REF", "", "", ""}},
		{"quarter", "Output fell in the first quarter of 2015.", want{"the first quarter of 2015", "DATE", "2015-Q1", "2015-01-01", "2015-03-31", ""}},
		{"set", "Patrols run every week.", want{"every week", "SET", "P1W", "", "", ""}},
		{"set adverb", "The report is published annually.", want{"annually", "SET", "P1Y", "", "", ""}},
		{"clock", "The strike came at 8 p.m. on Monday.", want{"8 p.m.", "TIME", "2015-10-01T20:00", "", "", ""}},
		{"weekend", "Raids continued over the weekend.", want{"the weekend", "DATE", "2015-W39-WE", "2015-09-26", "2015-09-27", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.family, func(t *testing.T) { check(t, tc.text, tc.want) })
	}
}

// TestNotTimex lists words that look temporal but are not.
func TestNotTimex(t *testing.T) {
	for _, text := range []string{
		"Rebels may march on the city.",
		"About 2000 troops arrived.",
		"The fall of Palmyra shocked many.",
		"He paid $1500 for it.",
	} {
		if got := process(t, text, pub); len(got) != 0 {
			t.Errorf("%q: got %+v, want none", text, got)
		}
	}
}

func TestNoPublicationDate(t *testing.T) {
	got := process(t, "It began in 2012 and ended on Wednesday after three years.", "")
	var texts []string
	for _, tx := range got {
		texts = append(texts, tx.Text)
	}
	if strings.Join(texts, "|") != "2012|three years" {
		t.Errorf("without a publication date got %q, want only anchored expressions", texts)
	}
}

func TestResolve(t *testing.T) {
	ref, _ := (&sitrep.Doc{Published: pub}).PublishedTime()
	tests := []struct {
		expr  string
		value string
		ok    bool
	}{
		{"last week", "2015-W39", true},
		{"on Wednesday", "2015-09-30", true},
		{"in the past 10 days", "P10D", true},
		{"no date here", "", false},
	}
	for _, tc := range tests {
		d, ok := Resolve(tc.expr, ref)
		if ok != tc.ok || d.Value != tc.value {
			t.Errorf("Resolve(%q) = %+v, %v; want %s, %v", tc.expr, d, ok, tc.value, tc.ok)
		}
	}
}

func TestPublicationDate(t *testing.T) {
	d := &sitrep.Document{Doc: sitrep.Doc{Published: "2015-10-01T08:30:00Z"}}
	got := PublicationDate(d)
	want := sitrep.Date{Value: "2015-10-01", Earliest: "2015-10-01", Latest: "2015-10-01", Precision: "publication"}
	if got != want {
		t.Errorf("PublicationDate = %+v, want %+v", got, want)
	}
	if got := PublicationDate(&sitrep.Document{}); got != (sitrep.Date{}) {
		t.Errorf("PublicationDate without date = %+v, want zero", got)
	}
}

func TestSentenceIndex(t *testing.T) {
	text := "Calm held. Jets struck on Wednesday."
	d := &sitrep.Document{Doc: sitrep.Doc{Text: text, Published: pub}, Sentences: []sitrep.Sentence{
		{Span: sitrep.Span{Start: 0, End: 10}}, {Span: sitrep.Span{Start: 11, End: len(text)}},
	}}
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Timexes) != 1 || d.Timexes[0].Sentence != 1 {
		t.Fatalf("got %+v, want one timex in sentence 1", d.Timexes)
	}
}

func checkInvariants(t *testing.T, text string, got []sitrep.Timex) {
	t.Helper()
	for _, tx := range got {
		if tx.Start < 0 || tx.End > len(text) || tx.Start >= tx.End {
			t.Fatalf("span %v out of bounds for %d bytes", tx.Span, len(text))
		}
		if text[tx.Start:tx.End] != tx.Text {
			t.Fatalf("text %q does not match span %q", tx.Text, text[tx.Start:tx.End])
		}
		if !utf8.ValidString(tx.Text) && utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8 in %q", tx.Text)
		}
		if tx.Earliest != "" && tx.Latest != "" && tx.Earliest > tx.Latest {
			t.Fatalf("%q: earliest %s after latest %s", tx.Text, tx.Earliest, tx.Latest)
		}
	}
}

func FuzzProcess(f *testing.F) {
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b), pub)
	f.Add("the first week of October, 2015-09-12 and 8pm", "2015-10-01T12:00:00Z")
	f.Add("'90s, the 21st century, in 9999 years, 3:07:35", "")
	f.Add("last May. the end of", "0001-01-01")
	s := New()
	f.Fuzz(func(t *testing.T, text, published string) {
		d := &sitrep.Document{Doc: sitrep.Doc{Text: text, Published: published}}
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, text, d.Timexes)
	})
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"last week", "the past 10 days", "mid-October", "99999 years ago", "the 99th century", "Sept. 31"} {
		f.Add(s, int64(1443657600))
	}
	f.Fuzz(func(t *testing.T, expr string, unix int64) {
		ref := time.Unix(unix%(1<<40), 0).UTC()
		d, ok := Resolve(expr, ref)
		if !ok {
			return
		}
		if d.Earliest != "" && d.Latest != "" && d.Earliest > d.Latest {
			t.Fatalf("Resolve(%q): earliest %s after latest %s", expr, d.Earliest, d.Latest)
		}
	})
}

func BenchmarkProcess(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := New()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d := &sitrep.Document{Doc: sitrep.Doc{Text: string(text), Published: pub}}
		if err := s.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}
