package fuse

import (
	"strings"

	"github.com/sitrep/sitrep"
)

// buildThreads groups fused events (already in date order) into story
// threads: events by the same actor in the same country. A thread needs at
// least two events; the thread ID derives from its key, so it is stable as
// the corpus grows.
func buildThreads(events []sitrep.FusedEvent) []sitrep.StoryThread {
	type thread struct {
		key, title string
		idx        []int
	}
	byKey := map[string]*thread{}
	var order []*thread
	for i := range events {
		e := &events[i]
		actor, actorName := "", ""
		if e.Actor != nil {
			actor = e.Actor.ID
			if e.Actor.Country != "" {
				actor = "country:" + e.Actor.Country
			}
			actorName = e.Actor.Name
			if e.Actor.Country != "" && e.Actor.Type != sitrep.Person {
				actorName = e.Actor.Country
			}
		}
		where, whereName := "", ""
		if l := e.Location; l != nil {
			where, whereName = l.Country, l.Country
			if where == "" {
				where, whereName = l.Name, l.Name
			}
		}
		if actor == "" && where == "" {
			continue
		}
		key := actor + "@" + where
		t := byKey[key]
		if t == nil {
			title := actorName
			if title == "" {
				title = "unknown actor"
			}
			if whereName != "" {
				title += " in " + whereName
			}
			t = &thread{key: key, title: title}
			byKey[key] = t
			order = append(order, t)
		}
		t.idx = append(t.idx, i)
	}
	var out []sitrep.StoryThread
	for _, t := range order {
		if len(t.idx) < 2 {
			continue
		}
		st := sitrep.StoryThread{ID: "th:" + slug(t.key), Title: t.title}
		for _, i := range t.idx {
			st.Events = append(st.Events, events[i].ID)
			events[i].Thread = st.ID
		}
		out = append(out, st)
	}
	return out
}

func slug(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '@', r == ':', r == '.':
			return r
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'a'
		}
		return '_'
	}, s)
}
