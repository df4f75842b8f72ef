package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

type fake struct {
	name string
	req  []string
	err  error
	log  *[]string
}

func (f fake) Name() string       { return f.name }
func (f fake) Requires() []string { return f.req }
func (f fake) Process(_ context.Context, _ *sitrep.Document) error {
	*f.log = append(*f.log, f.name)
	return f.err
}

func TestNewChecksOrder(t *testing.T) {
	var log []string
	tests := []struct {
		name    string
		stages  []Stage
		wantErr string
	}{
		{"ok", []Stage{fake{name: "text", log: &log}, fake{name: "actor", req: []string{"text"}, log: &log}}, ""},
		{"missing", []Stage{fake{name: "actor", req: []string{"text"}, log: &log}}, `requires "text"`},
		{"late", []Stage{fake{name: "actor", req: []string{"text"}, log: &log}, fake{name: "text", log: &log}}, `requires "text"`},
		{"twice", []Stage{fake{name: "text", log: &log}, fake{name: "text", log: &log}}, "twice"},
	}
	for _, tt := range tests {
		_, err := New(tt.stages...)
		if tt.wantErr == "" && err != nil {
			t.Errorf("%s: unexpected error %v", tt.name, err)
		}
		if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestRunStopsAtErrorAndWraps(t *testing.T) {
	var log []string
	boom := errors.New("boom")
	p, err := New(fake{name: "a", log: &log}, fake{name: "b", err: boom, log: &log}, fake{name: "c", log: &log})
	if err != nil {
		t.Fatal(err)
	}
	d := &sitrep.Document{Doc: sitrep.Doc{ID: "d1"}}
	err = p.Run(context.Background(), d)
	var se *sitrep.StageError
	if !errors.As(err, &se) || se.Stage != "b" || se.Doc != "d1" || !errors.Is(err, boom) {
		t.Fatalf("Run error = %v, want StageError for stage b wrapping boom", err)
	}
	if got, want := strings.Join(log, ","), "a,b"; got != want {
		t.Errorf("ran %s, want %s", got, want)
	}
}

type tagger struct{}

func (tagger) Name() string       { return "tag" }
func (tagger) Requires() []string { return nil }
func (tagger) Process(_ context.Context, d *sitrep.Document) error {
	if d.Doc.Raw == "bad" {
		return errors.New("bad input")
	}
	d.Doc.Text = strings.ToUpper(d.Doc.Raw)
	return nil
}

func TestRunAllKeepsOrderAndContinuesPastErrors(t *testing.T) {
	p, err := New(tagger{})
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{"a", "b", "bad", "c", "d", "e", "f", "g"}
	in := make(chan *sitrep.Document)
	go func() {
		defer close(in)
		for i, s := range inputs {
			in <- &sitrep.Document{Doc: sitrep.Doc{ID: string(rune('0' + i)), Raw: s}}
		}
	}()
	var got []string
	var failed int
	err = p.RunAll(context.Background(), in, 3, func(r Result) error {
		if r.Err != nil {
			failed++
			got = append(got, "ERR")
			return nil
		}
		got = append(got, r.Doc.Doc.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "A,B,ERR,C,D,E,F,G"; strings.Join(got, ",") != want {
		t.Errorf("got %s, want %s", strings.Join(got, ","), want)
	}
	if failed != 1 {
		t.Errorf("failed = %d, want 1", failed)
	}
}

func TestRunAllStopsWhenEmitFails(t *testing.T) {
	p, _ := New(tagger{})
	in := make(chan *sitrep.Document)
	go func() {
		defer close(in)
		for i := 0; i < 100; i++ {
			in <- &sitrep.Document{Doc: sitrep.Doc{Raw: "x"}}
		}
	}()
	stop := errors.New("stop")
	n := 0
	err := p.RunAll(context.Background(), in, 2, func(Result) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want stop", err)
	}
	if n != 3 {
		t.Errorf("emit called %d times after failure, want 3", n)
	}
}

type panicky struct{}

func (panicky) Name() string       { return "panicky" }
func (panicky) Requires() []string { return nil }
func (panicky) Process(context.Context, *sitrep.Document) error {
	var s []int
	_ = s[3] // a stage bug
	return nil
}

// TestRunRecoversPanic: a stage that panics fails only its document, with
// an error naming the document and stage.
func TestRunRecoversPanic(t *testing.T) {
	p, err := New(panicky{})
	if err != nil {
		t.Fatal(err)
	}
	err = p.Run(context.Background(), &sitrep.Document{Doc: sitrep.Doc{ID: "d7"}})
	var se *sitrep.StageError
	if !errors.As(err, &se) || se.Doc != "d7" || se.Stage != "panicky" || !errors.Is(err, ErrPanic) {
		t.Fatalf("err = %v, want a StageError for d7 in panicky wrapping ErrPanic", err)
	}
}
