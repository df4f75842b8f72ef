package sitrep

// Situation is the fused record of a corpus: the documents' origins and the
// events they report, each event counted once however many outlets repeat
// it. Package fuse produces it.
type Situation struct {
	Origins []DocOrigin   `json:"origins"`
	Events  []FusedEvent  `json:"events"`
	Threads []StoryThread `json:"threads"`
}

// DocOrigin says where a document's text comes from. Documents that share
// an Origin are copies of one report and count once as corroboration.
type DocOrigin struct {
	Doc      string   `json:"doc"`
	Source   string   `json:"source"`
	Origin   string   `json:"origin"`             // ID of the earliest document this text comes from (itself if original)
	CopyOf   []string `json:"copy_of,omitempty"`  // documents it republishes
	Stitched bool     `json:"stitched,omitempty"` // built from sentences of several other documents
	From     []string `json:"from,omitempty"`     // for stitched documents: where the sentences come from
	Overlap  float64  `json:"overlap,omitempty"`  // share of sentences found elsewhere
}

// FusedEvent is one real-world event with every report of it.
type FusedEvent struct {
	ID             string          `json:"id"`
	Type           string          `json:"type"`
	Mode           string          `json:"mode,omitempty"`
	CAMEO          string          `json:"cameo"`
	Actor          *EventActor     `json:"actor,omitempty"`
	Recipient      *EventActor     `json:"recipient,omitempty"`
	Location       *Location       `json:"location,omitempty"`
	Date           Date            `json:"date"`
	Status         Status          `json:"status"`           // the status most independent origins give
	Origins        int             `json:"origins"`          // independent origins that report it
	Outlets        int             `json:"outlets"`          // distinct outlets that report it
	Sources        []string        `json:"sources"`          // outlet names
	Quantities     []QuantityClaim `json:"quantities"`       // every reported figure, per source
	Contradictions []Contradiction `json:"contradictions"`   //
	Members        []Member        `json:"members"`          // every event mention fused here
	Confidence     float64         `json:"confidence"`       // 0..1
	Thread         string          `json:"thread,omitempty"` // StoryThread.ID
}

// Member is one document's report of a fused event.
type Member struct {
	Doc         string      `json:"doc"`
	Event       string      `json:"event"` // Event.ID within the document
	Source      string      `json:"source"`
	Origin      string      `json:"origin"`
	Published   string      `json:"published,omitempty"`
	Status      Status      `json:"status"`
	Attribution Attribution `json:"attribution"`
	Sentence    SentenceRef `json:"sentence"`
}

// QuantityClaim is one source's figure for a fused event.
type QuantityClaim struct {
	Quantity
	Doc    string `json:"doc"`
	Source string `json:"source"`
}

// Contradiction is a disagreement between two reports of the same event.
type Contradiction struct {
	Kind string `json:"kind"` // quantity, date, place, actor, status
	What string `json:"what,omitempty"`
	A    Claim  `json:"a"`
	B    Claim  `json:"b"`
}

// Claim is one side of a contradiction.
type Claim struct {
	Doc      string      `json:"doc"`
	Source   string      `json:"source"`
	Value    string      `json:"value"`
	Sentence SentenceRef `json:"sentence"`
}

// StoryThread is a sequence of fused events about one ongoing story.
type StoryThread struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Events []string `json:"events"` // FusedEvent IDs in date order
}
