package events

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

// ploverRecord is one record of PLOVER_GSR_CAMEO.json; only the fields
// scored are read.
type ploverRecord struct {
	ID     string          `json:"id"`
	Event  string          `json:"event"`
	Text   string          `json:"text"`
	Source json.RawMessage `json:"source"`
	Target json.RawMessage `json:"target"`
}

// goldActor is a gold source or target: ISO country (or IGO, NGO...) and
// sector.
type goldActor struct {
	Text   string `json:"actorText"`
	Code   string `json:"code"`
	Sector string `json:"sector"`
}

// actors decodes a source or target field, which is a list or "".
func actors(raw json.RawMessage) []goldActor {
	var as []goldActor
	if len(raw) == 0 || json.Unmarshal(raw, &as) != nil {
		return nil
	}
	out := as[:0]
	for _, a := range as {
		if a.Code != "" {
			out = append(out, a)
		}
	}
	return out
}

// plover2021 maps a PLOVER 0.5b1 type to PLOVER 2021, per the README of
// plover_gsr_cameo.
var plover2021 = map[string]string{
	"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}

// PLOVERReport holds the scores on plover_gsr_cameo.
type PLOVERReport struct {
	Records      int                       // sentences scored
	Coded        int                       // sentences with at least one event
	TypeCorrect  int                       // chosen event's type equals the gold type
	TypeAccuracy float64                   // TypeCorrect / Records
	AnyType      float64                   // share of sentences where some event has the gold type
	Actor        RoleScore                 // source actor of the chosen event
	Recipient    RoleScore                 // target actor of the chosen event
	Confusion    map[string]map[string]int // gold type -> system type ("" for none) -> count
	Errors       []PLOVERError             // type errors, for analysis
}

// RoleScore is role accuracy over the records that have the role in gold.
type RoleScore struct {
	Gold            int     // records with a gold actor in this role
	CountryCorrect  int     // system code's first three letters equal a gold code
	ExactCorrect    int     // and the sector (letters 4-6) equals its sector
	CountryAccuracy float64 //
	ExactAccuracy   float64 //
}

func (r *RoleScore) finish() {
	if r.Gold > 0 {
		r.CountryAccuracy = float64(r.CountryCorrect) / float64(r.Gold)
		r.ExactAccuracy = float64(r.ExactCorrect) / float64(r.Gold)
	}
}

// PLOVERError is one sentence whose chosen event has the wrong type.
type PLOVERError struct {
	ID, Text, Gold, System, Trigger string
}

// newPipeline returns text, actor, timex and event.
func newPipeline(opts ...event.Option) (*pipeline.Pipeline, error) {
	ts, err := text.New()
	if err != nil {
		return nil, err
	}
	kb, err := actor.LoadKB()
	if err != nil {
		return nil, err
	}
	ev, err := event.New(opts...)
	if err != nil {
		return nil, err
	}
	return pipeline.New(ts, actor.New(kb), timex.New(), ev)
}

// ploverFile finds PLOVER_GSR_CAMEO.json under root, which may be the
// benchmarks directory or the set's own directory.
func ploverFile(root string) (string, error) {
	for _, p := range []string{
		filepath.Join(root, "plover_gsr_cameo", "PLOVER_GSR_CAMEO.json"),
		filepath.Join(root, "PLOVER_GSR_CAMEO.json"),
	} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("plover_gsr_cameo: PLOVER_GSR_CAMEO.json not found under %s", root)
}

// RunPLOVER codes every record of plover_gsr_cameo under root and scores it.
func RunPLOVER(ctx context.Context, root string) (PLOVERReport, error) {
	rep := PLOVERReport{Confusion: map[string]map[string]int{}}
	path, err := ploverFile(root)
	if err != nil {
		return rep, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return rep, fmt.Errorf("plover_gsr_cameo: %w", err)
	}
	var recs []ploverRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		return rep, fmt.Errorf("plover_gsr_cameo: %s: %w", path, err)
	}
	p, err := newPipeline()
	if err != nil {
		return rep, err
	}
	anyType := 0
	for _, r := range recs {
		if r.Event == "" || r.Text == "" {
			continue // the DOCUMENT header record
		}
		gold := r.Event
		if m, ok := plover2021[gold]; ok {
			gold = m
		}
		d := &sitrep.Document{Doc: sitrep.Doc{ID: r.ID, Source: "CAMEO manual", Published: "2000-01-01", Raw: r.Text}}
		if err := p.Run(ctx, d); err != nil {
			return rep, fmt.Errorf("plover_gsr_cameo: %s: %w", r.ID, err)
		}
		rep.Records++
		e := Primary(d.Events)
		sys := ""
		if e != nil {
			rep.Coded++
			sys = e.Type
		}
		for _, x := range d.Events {
			if x.Type == gold {
				anyType++
				break
			}
		}
		if rep.Confusion[gold] == nil {
			rep.Confusion[gold] = map[string]int{}
		}
		rep.Confusion[gold][sys]++
		if sys == gold {
			rep.TypeCorrect++
		} else {
			trig := ""
			if e != nil {
				trig = e.Trigger.Text
			}
			rep.Errors = append(rep.Errors, PLOVERError{ID: r.ID, Text: r.Text, Gold: gold, System: sys, Trigger: trig})
		}
		var sa, ra *sitrep.EventActor
		if e != nil {
			sa, ra = e.Actor, e.Recipient
		}
		scoreRole(&rep.Actor, actors(r.Source), sa)
		scoreRole(&rep.Recipient, actors(r.Target), ra)
	}
	if rep.Records > 0 {
		rep.TypeAccuracy = float64(rep.TypeCorrect) / float64(rep.Records)
		rep.AnyType = float64(anyType) / float64(rep.Records)
	}
	rep.Actor.finish()
	rep.Recipient.finish()
	return rep, nil
}

// scoreRole counts one record for a role: correct when the system actor's
// CAMEO code matches any gold actor of the role (compound gold actors list
// several).
func scoreRole(s *RoleScore, gold []goldActor, sys *sitrep.EventActor) {
	if len(gold) == 0 {
		return
	}
	s.Gold++
	if sys == nil {
		return
	}
	code := sys.CAMEO
	if code == "" {
		code = sys.Country
	}
	if len(code) < 3 {
		return
	}
	country, sector := code[:3], ""
	if len(code) >= 6 {
		sector = code[3:6]
	}
	cc, ex := false, false
	for _, g := range gold {
		if g.Code == country || g.Code == sys.Country {
			cc = true
			if strings.EqualFold(g.Sector, sector) {
				ex = true
			}
		}
	}
	if cc {
		s.CountryCorrect++
	}
	if ex {
		s.ExactCorrect++
	}
}

// Primary is the event a one-event coder would report for a sentence: the
// most confident, earliest on ties. It is nil when there is none.
func Primary(evs []sitrep.Event) *sitrep.Event {
	var best *sitrep.Event
	for i := range evs {
		if best == nil || evs[i].Confidence > best.Confidence {
			best = &evs[i]
		}
	}
	return best
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
