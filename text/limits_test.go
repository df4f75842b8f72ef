package text_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

func TestOptionsRejectBadLimits(t *testing.T) {
	for _, tt := range []struct {
		name string
		opt  text.Option
	}{
		{"zero max bytes", text.WithMaxBytes(0)},
		{"negative max bytes", text.WithMaxBytes(-1)},
		{"zero max sentence", text.WithMaxSentenceLen(0)},
		{"negative max sentence", text.WithMaxSentenceLen(-5)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := text.New(tt.opt)
			if err == nil || s != nil {
				t.Fatalf("New accepted %s", tt.name)
			}
			if !strings.Contains(err.Error(), "limits must be positive") {
				t.Errorf("error %q does not say what is wrong", err)
			}
		})
	}
}

func TestMaxBytes(t *testing.T) {
	const limit = 200
	s := newStage(t, text.WithMaxBytes(limit))
	at := anchor + strings.Repeat(" x", (limit-len(anchor))/2)
	at += strings.Repeat(".", limit-len(at))
	if len(at) != limit {
		t.Fatalf("test input has %d bytes, want %d", len(at), limit)
	}
	process(t, s, at)

	over := at + "."
	d := &sitrep.Document{Doc: sitrep.Doc{ID: "big", Raw: over}}
	err := s.Process(context.Background(), d)
	if !errors.Is(err, sitrep.ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	for _, want := range []string{"201 bytes", "limit 200"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if d.Doc.Text != "" || d.Sentences != nil || d.Doc.Dropped != nil {
		t.Errorf("a rejected document was changed: text %q, %d sentences", d.Doc.Text, len(d.Sentences))
	}
}

func TestMaxSentenceLenCuts(t *testing.T) {
	const limit = 60
	s := newStage(t, text.WithMaxSentenceLen(limit))
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"cut after a comma", "Russian jets struck targets near Hama, Homs and Idlib, then flew back to Latakia before dawn on Thursday",
			[]string{"Russian jets struck targets near Hama, Homs and Idlib,", "then flew back to Latakia before dawn on Thursday"}},
		{"no comma: last token that fits", "Russian jets struck targets near Hama and Homs and Idlib and then flew back to Latakia",
			[]string{"Russian jets struck targets near Hama and Homs and Idlib and", "then flew back to Latakia"}},
		{"a token longer than the limit stands alone", "Short words " + strings.Repeat("x", 100) + " more words.",
			[]string{"Short words", strings.Repeat("x", 100), "more words."}},
		{"sentences under the limit are left alone", "Russian jets struck. Rebels said so.",
			[]string{"Russian jets struck.", "Rebels said so."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := process(t, s, tt.in)
			got := sentenceTexts(d)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences\n got %q\nwant %q", got, tt.want)
			}
			for _, se := range d.Sentences {
				if se.Len() > limit && len(se.Tokens) > 1 {
					t.Errorf("sentence of %d bytes and %d tokens exceeds the limit", se.Len(), len(se.Tokens))
				}
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	s := newStage(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := &sitrep.Document{Doc: sitrep.Doc{Raw: anchor}}
	if err := s.Process(ctx, d); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
