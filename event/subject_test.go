package event_test

import "testing"

// TestSubjects checks subjects that the tagger or a dateline used to hide.
func TestSubjects(t *testing.T) {
	for _, tt := range []struct{ text, trigger, actor string }{
		// A prepositional phrase between commas after a dateline.
		{"Damascus, SANA - Syrian Arab Air Force units, in cooperation with Russian aircraft, carried out concentrated strikes on Wednesday.", "carried out concentrated strikes", "kb:SYR/MIL"},
		// An irregular past the tagger reads as a noun after capitals.
		{"Iraqi Security Forces retook Ramadi.", "retook", "kb:IRQ/MIL"},
	} {
		d := code(t, "2015-12-28", tt.text)
		found := false
		for _, e := range d.Events {
			if e.Trigger.Text == tt.trigger {
				found = true
				if e.Actor == nil || e.Actor.ID != tt.actor {
					t.Errorf("%q: actor %+v, want %s", tt.text, e.Actor, tt.actor)
				}
			}
		}
		if !found {
			t.Errorf("%q: no event %q in %s", tt.text, tt.trigger, describe(d.Events))
		}
	}
}
