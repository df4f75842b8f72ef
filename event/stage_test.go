package event_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

var (
	kbOnce sync.Once
	kb     *actor.KB
	kbErr  error
)

// before returns the stages event requires, in order.
func before(tb testing.TB) []pipeline.Stage {
	tb.Helper()
	kbOnce.Do(func() { kb, kbErr = actor.LoadKB() })
	if kbErr != nil {
		tb.Fatal(kbErr)
	}
	ts, err := text.New()
	if err != nil {
		tb.Fatal(err)
	}
	return []pipeline.Stage{ts, actor.New(kb), timex.New()}
}

// prepare runs the stages before event on a one-paragraph document.
func prepare(tb testing.TB, published, body string) *sitrep.Document {
	tb.Helper()
	d := &sitrep.Document{Doc: sitrep.Doc{ID: "test", Source: "Reuters", Published: published, Raw: body}}
	for _, s := range before(tb) {
		if err := s.Process(context.Background(), d); err != nil {
			tb.Fatalf("%s: %v", s.Name(), err)
		}
	}
	return d
}

func code(tb testing.TB, published, body string) *sitrep.Document {
	tb.Helper()
	d := prepare(tb, published, body)
	st, err := event.New()
	if err != nil {
		tb.Fatal(err)
	}
	if err := st.Process(context.Background(), d); err != nil {
		tb.Fatal(err)
	}
	return d
}

// want is what one expected event must show; empty fields are not checked.
type want struct {
	trigger   string
	typ, mode string
	cameo     string
	actor     string // entity id
	country   string // actor's country, for tests that should not depend on the knowledge base's ids
	recipient string // entity id
	status    sitrep.Status
	source    string // attribution source
	cue, via  string
	quoted    bool
	date      string // date value
	precision string
	quantity  string // "what:low-high" or "what=value"
}

// find returns the first event whose trigger text contains w.trigger and,
// when set, whose actor is w.actor.
func find(evs []sitrep.Event, w want) *sitrep.Event {
	for i := range evs {
		e := &evs[i]
		if !strings.Contains(e.Trigger.Text, w.trigger) {
			continue
		}
		if w.actor != "" && (e.Actor == nil || e.Actor.ID != w.actor) {
			continue
		}
		if w.country != "" && (e.Actor == nil || e.Actor.Country != w.country) {
			continue
		}
		return e
	}
	return nil
}

func fmtQuantity(q sitrep.Quantity) string {
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(sprintf(*p), "0"), "."), ".")
	}
	if q.Value != nil {
		return q.What + "=" + f(q.Value)
	}
	return q.What + ":" + f(q.Low) + "-" + f(q.High)
}

func check(t *testing.T, e *sitrep.Event, w want) {
	t.Helper()
	eq := func(field, got, want string) {
		t.Helper()
		if want != "" && got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	eq("type", e.Type, w.typ)
	eq("mode", e.Mode, w.mode)
	eq("cameo", e.CAMEO, w.cameo)
	if w.recipient != "" {
		if e.Recipient == nil {
			t.Errorf("recipient missing, want %s", w.recipient)
		} else {
			eq("recipient", e.Recipient.ID, w.recipient)
		}
	}
	eq("status", string(e.Status), string(w.status))
	eq("attribution.source", e.Attribution.Source, w.source)
	eq("attribution.cue", e.Attribution.Cue, w.cue)
	eq("attribution.via", e.Attribution.Via, w.via)
	if w.quoted && !e.Attribution.Quoted {
		t.Errorf("attribution.quoted = false, want true")
	}
	eq("date.value", e.Date.Value, w.date)
	eq("date.precision", e.Date.Precision, w.precision)
	if w.quantity != "" {
		var got []string
		for _, q := range e.Quantities {
			got = append(got, fmtQuantity(q))
		}
		found := false
		for _, g := range got {
			found = found || g == w.quantity
		}
		if !found {
			t.Errorf("quantities = %v, want %s among them", got, w.quantity)
		}
	}
	if e.Confidence <= 0 || e.Confidence > 1 {
		t.Errorf("confidence %g outside (0, 1]", e.Confidence)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, published, text string
		want                  []want
	}{
		{"aerial strike with toll", "2015-10-01",
			"Russian warplanes struck targets near Homs, killing dozens of civilians.",
			[]want{{trigger: "struck", typ: "ASSAULT", mode: "aerial", cameo: "195", actor: "kb:RUS/MIL", status: sitrep.Asserted,
				source: "outlet:Reuters", precision: "publication", date: "2015-10-01", quantity: "killed:24-99"}}},
		{"denied complement", "2015-10-29",
			"Russia denied that its jets hit a hospital in Idlib.",
			[]want{{trigger: "hit", typ: "ASSAULT", actor: "kb:RUS", status: sitrep.Denied, source: "kb:RUS", cue: "denied"}}},
		// CAMEO codes an announced action as the intent to act: military aid
		// (072) announced is AGREE 0332, still planned.
		{"planned aid is an intent, told Reuters", "2015-10-01",
			"Iran will provide ground troops, two Lebanese sources told Reuters.",
			[]want{{trigger: "provide", typ: "AGREE", cameo: "0332", actor: "kb:IRN", status: sitrep.Planned, source: "kb:LBN/SRC", via: "Reuters"}}},
		{"threatened strike is a threat", "2015-10-01",
			"Turkey threatened to shoot down Russian jets that violate its airspace.",
			[]want{{trigger: "shoot", typ: "THREATEN", cameo: "138", status: sitrep.Planned}}},
		{"obligation stated by a speaker is a demand", "2015-10-01",
			"Russia said Israel must apologise for the downing of the jet.",
			[]want{{trigger: "apologise", typ: "REQUEST", actor: "kb:RUS", recipient: "kb:ISR", status: sitrep.Asserted}}},
		{"refusal", "2015-10-01",
			"Iran said it would not accept any more refugees.",
			[]want{{trigger: "accept", typ: "REJECT", status: sitrep.Asserted}}},
		{"claimed", "2015-10-01",
			"Russia claims the planes carried humanitarian supplies.",
			[]want{{trigger: "carried", typ: "AID", mode: "humanitarian", status: sitrep.Claimed, source: "kb:RUS", cue: "claims"}}},
		{"light verb and participle toll", "2015-10-01",
			"Russian jets carried out strikes on Islamic State positions in Raqqa, killing more than 100 fighters.",
			[]want{{trigger: "carried out strikes", typ: "ASSAULT", mode: "aerial", actor: "kb:RUS/MIL", recipient: "kb:isis", quantity: "killed:101-"}}},
		{"launched an offensive", "2015-10-07",
			"The Syrian army launched an offensive against rebels north of Hama with the support of around 1,500 Iranian troops.",
			[]want{{trigger: "offensive", typ: "ASSAULT", actor: "kb:SYR/MIL", quantity: "troops:1350-1650"}}},
		{"according to, vague number, dated", "2015-10-01",
			"Hundreds of Iranian troops arrived in Syria last week, according to Lebanese sources.",
			[]want{{trigger: "arrived", typ: "MOBILIZE", actor: "kb:IRN/MIL", source: "kb:LBN/SRC", cue: "according to",
				quantity: "troops:200-999", precision: "week"}}},
		{"quoted negation, speaker as we", "2015-10-01",
			`"We will not send ground troops," Putin said.`,
			[]want{{trigger: "send", typ: "MOBILIZE", actor: "kb:vladimir-putin", status: sitrep.Negated, source: "kb:vladimir-putin", quoted: true}}},
		{"passive with by-agent", "2015-10-01",
			"Two villages near Hama were bombed by Russian jets.",
			[]want{{trigger: "bombed", typ: "ASSAULT", mode: "aerial", actor: "kb:RUS/MIL"}}},
		{"nominalisation", "2015-10-01",
			"The Russian airstrikes on Islamic State positions continued.",
			[]want{{trigger: "airstrikes", typ: "ASSAULT", mode: "aerial", recipient: "kb:isis"}}},
		{"hypothetical", "2015-10-01",
			"Iran could send more troops to Syria.",
			[]want{{trigger: "send", typ: "MOBILIZE", actor: "kb:IRN", status: sitrep.Hypothetical}}},
		{"coordinated actors", "2015-10-01",
			"Russia and Iran agreed to coordinate their operations in Syria.",
			[]want{{trigger: "agreed", typ: "AGREE", actor: "kb:RUS"}, {trigger: "agreed", typ: "AGREE", actor: "kb:IRN"}}},
		{"two events in one sentence", "2015-10-01",
			"Israel shot down a Syrian jet and Russia imposed sanctions on Ukraine.",
			[]want{{trigger: "shot", typ: "ASSAULT", actor: "kb:ISR"}, {trigger: "imposed", typ: "COERCE", actor: "kb:RUS", recipient: "kb:UKR"}}},
		{"denied by dismissing reports", "2015-10-29",
			"Russia's Defence Ministry has dismissed reports that its warplanes bombed hospitals in Syria.",
			[]want{{trigger: "bombed", typ: "ASSAULT", status: sitrep.Denied, cue: "has dismissed"}}},
		{"speaker after a closing quote", "2015-10-29",
			`"Our pilots do not strike civilian objects, and especially not hospitals," ministry spokesman Igor Konashenkov told journalists on Thursday.`,
			[]want{{trigger: "strike", typ: "ASSAULT", actor: "kb:igor-konashenkov", status: sitrep.Negated, source: "kb:igor-konashenkov", quoted: true}}},
		{"speaker pronoun resolved to the last person", "2015-10-21",
			"Vladimir Putin met Bashar al-Assad in Moscow on Tuesday. He said Russian jets had struck Islamic State positions near Aleppo.",
			[]want{{trigger: "struck", typ: "ASSAULT", actor: "kb:RUS/MIL", source: "kb:vladimir-putin", cue: "said"}}},
		{"definite event noun takes the actor of the earlier event", "2015-10-06",
			"Russian jets struck rebel positions near Hama on Monday. Activists said the strikes killed 12 civilians.",
			[]want{{trigger: "strikes", typ: "ASSAULT", actor: "kb:RUS/MIL", quantity: "killed=12"}}},
		{"passive deployment: the units are the actor", "2015-10-04",
			"An Israeli official source said on Saturday that around 1,500 Iranian troops were now deployed in Syria.",
			[]want{{trigger: "deployed", typ: "MOBILIZE", actor: "kb:IRN/MIL", recipient: "kb:SYR", quantity: "troops:1350-1650", source: "kb:ISR/GOV"}}},
		{"the date of the statement is not the event's", "2015-10-02",
			"Russian jets struck rebel positions near Hama, the Defence Ministry said on Thursday.",
			[]want{{trigger: "struck", typ: "ASSAULT", precision: "publication", cue: "said"}}},
		{"sentence-final reporter over several clauses", "2015-10-01",
			"Iran has sent hundreds of soldiers into Syria for a ground assault in which they will fight beside Syrian troops, two Lebanese sources told Reuters on Thursday.",
			[]want{{trigger: "sent", typ: "MOBILIZE", actor: "kb:IRN", source: "kb:LBN/SRC", via: "Reuters", quantity: "troops:200-999"}}},
		{"the two: both actors named before", "2015-09-30",
			"Secretary of State John Kerry met Sergei Lavrov in New York on Wednesday and the two agreed that their militaries should talk.",
			[]want{{trigger: "agreed", typ: "AGREE", actor: "kb:john-kerry"}, {trigger: "agreed", typ: "AGREE", actor: "kb:sergei-lavrov"}}},
		{"vote count", "2015-09-30",
			"The upper house voted 162 to 0 to approve the deployment of Russian forces.",
			[]want{{trigger: "approve", typ: "SUPPORT", quantity: "votes_for=162"}}},
		// A passive deployment with no agent: the units' own side mobilises.
		// The appositive and the time phrase before "that" break neither the
		// subject nor the attribution.
		{"passive deployment, appositive, time phrase before that", "2015-11-02",
			"A senior Turkish official said on Monday that about 800 Russian soldiers, many of them paratroopers, had been deployed in Latakia.",
			[]want{{trigger: "deployed", typ: "MOBILIZE", country: "RUS", source: "kb:TUR/GOV", cue: "said", quantity: "troops:720-880"}}},
		{"appositive in a complement without 'that'", "2015-11-02",
			"A Turkish security source said about 600 Russian soldiers, many of them marines, were deployed near Latakia.",
			[]want{{trigger: "deployed", typ: "MOBILIZE", country: "RUS", cue: "said", quantity: "troops:540-660"}}},
		{"existential event noun in a reported clause", "2015-11-02",
			"The monitor said that there were fierce clashes near Aleppo.",
			[]want{{trigger: "clashes", typ: "ASSAULT", source: "x:monitor", cue: "said"}}},
		{"passive send matches the subject's words", "2015-11-02",
			"Roughly 400 Iranian marines were sent to Tartus.",
			[]want{{trigger: "sent", typ: "MOBILIZE", country: "IRN", quantity: "troops:360-440"}}},
		{"quantity in an active object", "2015-11-02",
			"Moscow sent 12 bombers to the Hmeimim base.",
			[]want{{trigger: "sent", typ: "MOBILIZE", quantity: "aircraft=12"}}},
		{"quantity in an active subject", "2015-11-02",
			"Hundreds of Iranian soldiers arrived in Syria on Monday.",
			[]want{{trigger: "arrived", typ: "MOBILIZE", country: "IRN", quantity: "troops:200-999"}}},
		{"quantity of projectiles fired", "2015-11-02",
			"Russian warships fired 18 cruise missiles at targets in Raqqa.",
			[]want{{trigger: "fired", typ: "ASSAULT", country: "RUS", quantity: "missiles=18"}}},
		{"second complement clause after 'and that'", "2015-11-02",
			"The Turkish army said its jets had intercepted two Russian planes, and that one Russian pilot was killed.",
			[]want{{trigger: "killed", typ: "ASSAULT", source: "kb:TUR/MIL", cue: "said"}}},
		{"speaker with a non-restrictive relative clause", "2015-11-02",
			"The diplomat, who asked not to be named, said Iranian officers were fighting near Aleppo.",
			[]want{{trigger: "fighting", typ: "ASSAULT", country: "IRN", source: "x:diplomat", cue: "said"}}},
		{"event noun in the reported clause takes the speaker", "2015-11-02",
			"The monitor said that nine civilians had been killed in the airstrikes on Idlib.",
			[]want{{trigger: "airstrikes", typ: "ASSAULT", cue: "said"}}},
		{"event noun in an of-chain of the reported clause", "2015-11-02",
			"Turkish officials said on Monday that a second wave of Russian airstrikes fell near the border.",
			[]want{{trigger: "airstrikes", typ: "ASSAULT", country: "RUS", source: "kb:TUR/GOV", cue: "said"}}},
		{"quantity of a passive light-verb noun", "2015-11-02",
			"A Russian spokesman said some 40 sorties had been flown overnight.",
			[]want{{trigger: "sorties", typ: "ASSAULT", quantity: "sorties:36-44"}}},
		{"coordinated verbs keep their own numbers", "2015-11-02",
			"Syrian troops killed 40 militants and destroyed 15 tanks near Aleppo.",
			[]want{{trigger: "killed", typ: "ASSAULT", quantity: "killed=40"}, {trigger: "destroyed", typ: "ASSAULT", quantity: "vehicles=15"}}},
		{"a count noun modifying another noun does not count", "2015-11-02",
			"Russian jets hit 50 terrorist targets in Idlib.",
			[]want{{trigger: "hit", typ: "ASSAULT", quantity: "targets=50"}}},
		{"reduced relative agent", "2015-11-02",
			"The jet was downed by a missile fired by a Turkish F-16.",
			[]want{{trigger: "fired", typ: "ASSAULT", country: "TUR"}}},
		{"long adverbial between the reporting verb and 'that'", "2015-11-02",
			"The Turkish army said in a statement early on Friday that two Russian jets had been warned.",
			[]want{{trigger: "warned", source: "kb:TUR/MIL", cue: "said"}}},
		{"passive with an event-noun agent", "2015-11-02",
			"The hospital in Sarmin was destroyed by Russian airstrikes.",
			[]want{{trigger: "destroyed", typ: "ASSAULT", country: "RUS"}}},
		{"clause joined by a bare 'and' inside a reported clause", "2015-11-02",
			"The army said that 14 militants were killed and nine were wounded.",
			[]want{{trigger: "wounded", source: "x:army", cue: "said"}}},
		{"speaker named in an appositive", "2015-11-02",
			"The army's chief of staff, General Ali Abdullah Ayoub, said that Syrian jets had struck 40 targets.",
			[]want{{trigger: "struck", typ: "ASSAULT", country: "SYR", source: "kb:ali-abdullah-ayyoub", cue: "said", quantity: "targets=40"}}},
		{"a reporting participle after a noun: the noun speaks", "2015-11-02",
			"Moscow rejected Turkish media reports claiming that Russian jets had bombed a bakery in Azaz.",
			[]want{{trigger: "bombed", typ: "ASSAULT", country: "RUS", status: sitrep.Claimed, source: "kb:TUR/MED", cue: "claiming"}}},
		{"the agent of the weapon named as agent", "2015-11-02",
			"The helicopter was hit by a rocket fired by Turkish soldiers near Latakia.",
			[]want{{trigger: "hit", typ: "ASSAULT", country: "TUR"}}},
		{"subject with a participle phrase between commas", "2015-11-02",
			"State television said that Syrian troops, supported by Russian helicopters, had attacked rebels near Latakia.",
			[]want{{trigger: "attacked", typ: "ASSAULT", country: "SYR", cue: "said"}}},
		{"speaker with a participle phrase between commas", "2015-11-02",
			"Zarif, speaking after a meeting in Vienna, said that Iran would send more advisers to Syria.",
			[]want{{trigger: "send", country: "IRN", source: "kb:javad-zarif", cue: "said"}}},
		{"coordinated speakers after the clause", "2015-11-02",
			"Russian jets bombed a market in Douma, residents and a local doctor said.",
			[]want{{trigger: "bombed", typ: "ASSAULT", country: "RUS", source: "x:residents", cue: "said"}}},
		{"possessive speaker resolved", "2015-11-02",
			"Iran, according to its foreign ministry spokeswoman, has not sent combat troops to Syria.",
			[]want{{trigger: "sent", typ: "MOBILIZE", country: "IRN", source: "kb:IRN", cue: "according to"}}},
		{"passive flown troops", "2015-11-02",
			"Some 300 Russian troops were flown to Latakia.",
			[]want{{trigger: "flown", typ: "MOBILIZE", country: "RUS", quantity: "troops:270-330"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := code(t, tt.published, tt.text)
			for _, w := range tt.want {
				e := find(d.Events, w)
				if e == nil {
					t.Errorf("no event with trigger %q actor %q in %s", w.trigger, w.actor, describe(d.Events))
					continue
				}
				check(t, e, w)
			}
		})
	}
}

func describe(evs []sitrep.Event) string {
	var b strings.Builder
	b.WriteString("[")
	for _, e := range evs {
		a := "-"
		if e.Actor != nil {
			a = e.Actor.ID
		}
		b.WriteString(" " + e.Type + "/" + e.Trigger.Text + "/" + a)
	}
	b.WriteString(" ]")
	return b.String()
}

// TestDateFromTimex checks that an event takes the timex of its clause.
func TestDateFromTimex(t *testing.T) {
	d := prepare(t, "2015-10-01", "The Security Council met on Tuesday. Russian jets struck Hama on September 30.")
	if len(d.Timexes) == 0 {
		t.Skip("timex stage found no expressions")
	}
	st, _ := event.New()
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Events {
		for _, tx := range d.Timexes {
			if tx.Sentence == e.Sentence.Index && e.Date.Text != tx.Text {
				t.Errorf("event %q in sentence %d dated %q, want the timex %q", e.Trigger.Text, e.Sentence.Index, e.Date.Text, tx.Text)
			}
		}
	}
	if len(d.Events) < 2 {
		t.Errorf("want 2 events, got %s", describe(d.Events))
	}
}

// TestLocationFromPlaces checks that a place in the clause becomes the
// location, keeping the geo stage's precision.
func TestLocationFromPlaces(t *testing.T) {
	body := "Russian warplanes struck targets near Homs. Iran sent troops to Syria."
	d := prepare(t, "2015-10-01", body)
	mention := func(name string) sitrep.Mention {
		i := strings.Index(body, name)
		return sitrep.Mention{Span: sitrep.Span{Start: i, End: i + len(name)}, Text: name, Sentence: text.SentenceAt(d, i)}
	}
	d.Places = []sitrep.Place{
		{ID: "geonames:169577", Name: "Homs", Lat: 34.73, Lon: 36.71, Country: "SYR", Precision: sitrep.PrecisionPoint, Mentions: []sitrep.Mention{mention("Homs")}},
		{ID: "country:SYR", Name: "Syria", Lat: 35, Lon: 38, Country: "SYR", Precision: sitrep.PrecisionCountry, Mentions: []sitrep.Mention{mention("Syria")}},
	}
	st, _ := event.New()
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		trigger, place string
		prec           sitrep.Precision
	}{
		{"struck", "geonames:169577", sitrep.PrecisionPoint},
		{"sent", "country:SYR", sitrep.PrecisionCountry},
	} {
		e := find(d.Events, want{trigger: c.trigger})
		switch {
		case e == nil:
			t.Errorf("no %q event in %s", c.trigger, describe(d.Events))
		case e.Location == nil:
			t.Errorf("%q: no location", c.trigger)
		case e.Location.PlaceID != c.place || e.Location.Precision != c.prec:
			t.Errorf("%q: location %s/%s, want %s/%s", c.trigger, e.Location.PlaceID, e.Location.Precision, c.place, c.prec)
		}
	}
}

// TestInvariants checks spans, ids and required fields on the demo corpus.
func TestIDsStable(t *testing.T) {
	a := code(t, "2015-10-01", "Russian warplanes struck targets near Homs. Iran sent troops to Syria.")
	b := code(t, "2015-10-01", "Russian warplanes struck targets near Homs. Iran sent troops to Syria.")
	if len(a.Events) == 0 || len(a.Events) != len(b.Events) {
		t.Fatalf("event counts %d, %d", len(a.Events), len(b.Events))
	}
	seen := map[string]bool{}
	for i := range a.Events {
		if a.Events[i].ID != b.Events[i].ID {
			t.Errorf("id %s then %s", a.Events[i].ID, b.Events[i].ID)
		}
		if !strings.HasPrefix(a.Events[i].ID, "test/e") || seen[a.Events[i].ID] {
			t.Errorf("bad or duplicate id %q", a.Events[i].ID)
		}
		seen[a.Events[i].ID] = true
	}
}

func TestNewOptions(t *testing.T) {
	if _, err := event.New(event.WithMaxSentenceTokens(0)); err == nil {
		t.Error("max tokens 0 accepted")
	}
	if _, err := event.New(event.WithMinConfidence(2)); err == nil {
		t.Error("min confidence 2 accepted")
	}
	st, err := event.New(event.WithMinConfidence(0.99))
	if err != nil {
		t.Fatal(err)
	}
	d := prepare(t, "2015-10-01", "Russian warplanes struck targets near Homs.")
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 0 {
		t.Errorf("min confidence 0.99 kept %d events", len(d.Events))
	}
	if _, err := pipeline.New(append(before(t), st)...); err != nil {
		t.Errorf("pipeline rejects event after text, actor, timex: %v", err)
	}
}

func sprintf(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// TestConcurrent runs one stage on several documents at once, as the
// pipeline may.
func TestConcurrent(t *testing.T) {
	st, err := event.New()
	if err != nil {
		t.Fatal(err)
	}
	bodies := []string{
		"Russian warplanes struck targets near Homs, killing dozens of civilians.",
		"Iran will provide ground troops, two Lebanese sources told Reuters.",
		"Russia denied that its jets hit a hospital in Idlib.",
	}
	docs := make([]*sitrep.Document, 12)
	for i := range docs {
		docs[i] = prepare(t, "2015-10-01", bodies[i%len(bodies)])
	}
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := st.Process(context.Background(), d); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for i, d := range docs {
		if len(d.Events) == 0 || len(d.Events) != len(docs[i%len(bodies)].Events) {
			t.Errorf("document %d: %d events, its twin has %d", i, len(d.Events), len(docs[i%len(bodies)].Events))
		}
	}
}

// TestQuantitiesStayWithTheirVerb checks that coordinated verbs sharing a
// subject do not take each other's numbers.
func TestQuantitiesStayWithTheirVerb(t *testing.T) {
	d := code(t, "2015-11-02", "Turkish jets flew 30 sorties and hit 12 targets near the border.")
	wantQ := map[string]string{"sorties": "sorties=30", "hit": "targets=12"}
	for trig, q := range wantQ {
		e := find(d.Events, want{trigger: trig})
		if e == nil {
			t.Fatalf("no event %q in %s", trig, describe(d.Events))
		}
		if len(e.Quantities) != 1 || fmtQuantity(e.Quantities[0]) != q {
			t.Errorf("%s: quantities %+v, want only %s", trig, e.Quantities, q)
		}
	}
}

// TestReducedRelativeSubject checks that a bare participle modifies the noun
// right before it: the letter is what was sent, so the main clause's
// aircraft do not make it a deployment.
func TestReducedRelativeSubject(t *testing.T) {
	d := code(t, "2015-11-02", "The arrival of Russian jets came in a letter sent by Assad to the Kremlin.")
	for _, e := range d.Events {
		if e.Type == "MOBILIZE" {
			t.Errorf("a letter sent is no deployment: %s", describe(d.Events))
		}
	}
}

// TestPassiveAgentNounNotSecondEvent checks that "destroyed by airstrikes"
// is one attack, while "backed by air strikes" keeps the strikes.
func TestPassiveAgentNounNotSecondEvent(t *testing.T) {
	d := code(t, "2015-11-02", "The hospital in Sarmin was destroyed by Russian airstrikes.")
	if n := len(d.Events); n != 1 {
		t.Errorf("%d events, want 1: %s", n, describe(d.Events))
	}
	d = code(t, "2015-11-02", "Syrian troops backed by Russian air strikes advanced near Aleppo.")
	if find(d.Events, want{trigger: "strikes", typ: "ASSAULT"}) == nil {
		t.Errorf("the strikes that back the troops are lost: %s", describe(d.Events))
	}
}

// TestAnaphorNotFromLaterEvent checks that "the strikes" opening a sentence
// takes its actor from before it, not from an event later in the sentence.
func TestAnaphorNotFromLaterEvent(t *testing.T) {
	d := code(t, "2015-11-02", "Russian jets struck Homs on Monday. The strikes came as Syrian troops launched an offensive near Hama.")
	e := find(d.Events, want{trigger: "strikes"})
	if e == nil {
		t.Fatalf("no event for the strikes: %s", describe(d.Events))
	}
	if e.Actor == nil || e.Actor.Country != "RUS" {
		t.Errorf("the strikes' actor = %+v, want Russia's", e.Actor)
	}
}
