package event_test

import "testing"

// TestNamingParticiple checks that "called" naming something after a kind
// noun is no phone call, while a call between leaders still is.
func TestNamingParticiple(t *testing.T) {
	d := code(t, "2015-10-01", "A rebel commander of a group called Tajammu Alezzah said his positions were struck.")
	for _, e := range d.Events {
		if e.Type == "CONSULT" {
			t.Errorf("naming participle coded as an event: %s", describe(d.Events))
		}
	}
	d = code(t, "2015-10-01", "Putin called Erdogan on Tuesday.")
	found := false
	for _, e := range d.Events {
		found = found || e.Type == "CONSULT" && e.Trigger.Text == "called"
	}
	if !found {
		t.Errorf("phone call lost: %s", describe(d.Events))
	}
}

// TestVehicleJourneyIsNoVisit checks that an aircraft flying somewhere is
// no diplomatic visit, while a leader flying to a capital is.
func TestVehicleJourneyIsNoVisit(t *testing.T) {
	d := code(t, "2015-10-31", "The Airbus A321, operated by Metrojet, was flying to St. Petersburg.")
	for _, e := range d.Events {
		if e.Type == "CONSULT" {
			t.Errorf("a flight coded as a visit: %s", describe(d.Events))
		}
	}
	d = code(t, "2015-10-20", "Assad flew to Moscow on Tuesday.")
	found := false
	for _, e := range d.Events {
		found = found || e.Type == "CONSULT"
	}
	if !found {
		t.Errorf("visit lost: %s", describe(d.Events))
	}
}

// TestReleaseOfDocumentsIsNoEvent checks the NONE rows: releasing a video
// or a transcript is no release of captives, releasing hostages is.
func TestReleaseOfDocumentsIsNoEvent(t *testing.T) {
	for text, want := range map[string]bool{
		"The army released a video of the strikes.":                       false,
		"According to a transcript released by the Kremlin, Assad spoke.": false,
		"Hamas released two Israeli hostages on Monday.":                  true,
	} {
		d := code(t, "2015-10-01", text)
		got := false
		for _, e := range d.Events {
			got = got || e.Type == "RETREAT" && e.Trigger.Text == "released"
		}
		if got != want {
			t.Errorf("%q: release event %v, want %v (%s)", text, got, want, describe(d.Events))
		}
	}
}
