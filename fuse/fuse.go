package fuse

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/sitrep/sitrep"
)

// Fuser accumulates documents and fuses their events. Add indexes one
// document at a cost that does not grow with the corpus; Situation builds
// the fused record of everything added so far. A Fuser is not safe for
// concurrent use.
type Fuser struct {
	opts Options

	docs []*docState
	byID map[string]int32

	// Origin tracing: LSH buckets of sentences and their signatures.
	lsh map[uint64][]sentRef

	// Event coreference: mentions, their blocks and the union-find forest
	// whose components are the fused events.
	mentions []*mention
	blocks   map[blockKey][]int32
	parent   []int32
	members  [][]int32 // per root: the mentions of its component
	unions   int       // merges of two components: roots are len(mentions)-unions
	stamp    []uint32  // per mention: the probe that last compared it
	probe    uint32
	terms    termCache
	// bySentence lists the mentions coded from each sentence, so that
	// copies of a sentence can be linked to its mentions.
	bySentence map[sentRef][]int32
	compared   uint64 // pairs of mentions scored, for benchmarks
	signed     uint64 // pairs of sentence signatures compared, for benchmarks
}

type docState struct {
	id, source, published string
	pub                   time.Time
	hasPub                bool

	sentences int
	nEligible int         // sentences long enough to sign
	eligible  []bool      // per sentence
	matches   [][]sentRef // per sentence: the same sentence elsewhere
	mentions  []int32     // indexes into Fuser.mentions
	sigs      []signature // per sentence; zero for ineligible ones
	shingles  []int32     // per sentence: number of shingles signed
}

// ErrDuplicate is returned by Add for a document ID already added.
var ErrDuplicate = errors.New("document already added")

// New returns an empty Fuser.
func New(opts Options) *Fuser {
	return &Fuser{
		opts:       opts.withDefaults(),
		byID:       map[string]int32{},
		lsh:        map[uint64][]sentRef{},
		blocks:     map[blockKey][]int32{},
		terms:      termCache{},
		bySentence: map[sentRef][]int32{},
	}
}

// Len returns the number of documents added.
func (f *Fuser) Len() int { return len(f.docs) }

// NumEvents returns the number of fused events, len(Situation().Events),
// without building them.
func (f *Fuser) NumEvents() int { return len(f.mentions) - f.unions }

// Add indexes d's sentences for origin tracing and links its events to
// the fused events they describe. d is not retained; its events are
// copied.
func (f *Fuser) Add(d *sitrep.Document) error {
	if d == nil || d.Doc.ID == "" {
		return fmt.Errorf("fuse add: %w: document without ID", sitrep.ErrMalformed)
	}
	if _, ok := f.byID[d.Doc.ID]; ok {
		return fmt.Errorf("fuse add %s: %w", d.Doc.ID, ErrDuplicate)
	}
	di := int32(len(f.docs))
	ds := &docState{id: d.Doc.ID, source: d.Doc.Source, published: d.Doc.Published}
	ds.pub, ds.hasPub = d.Doc.PublishedTime()
	f.docs = append(f.docs, ds)
	f.byID[ds.id] = di
	f.indexSentences(di, d)
	for i := range d.Events {
		f.addMention(di, ds, &d.Events[i])
	}
	return nil
}

// Fuse fuses a whole corpus at once.
func Fuse(docs []sitrep.Document) sitrep.Situation {
	return FuseWith(Options{}, docs)
}

// FuseWith is Fuse with options. Documents with a missing or repeated ID
// are skipped.
func FuseWith(opts Options, docs []sitrep.Document) sitrep.Situation {
	f := New(opts)
	for i := range docs {
		_ = f.Add(&docs[i]) // a skipped duplicate is not a failure of the corpus
	}
	return f.Situation()
}

func (f *Fuser) find(x int32) int32 {
	for f.parent[x] != x {
		f.parent[x] = f.parent[f.parent[x]]
		x = f.parent[x]
	}
	return x
}

func (f *Fuser) union(a, b int32) {
	ra, rb := f.find(a), f.find(b)
	if ra == rb {
		return
	}
	// Keep the smaller index as root: deterministic, and it is stable
	// under further unions.
	if rb < ra {
		ra, rb = rb, ra
	}
	f.parent[rb] = ra
	f.unions++
	// Append the shorter list to the longer: each mention moves O(log n)
	// times over the life of the Fuser.
	if len(f.members[ra]) < len(f.members[rb]) {
		f.members[ra], f.members[rb] = f.members[rb], f.members[ra]
	}
	f.members[ra] = append(f.members[ra], f.members[rb]...)
	f.members[rb] = nil
}

// Situation builds the fused record of every document added so far. Its
// cost grows with the corpus; Events gives the fused events of a few
// documents at a cost that does not.
func (f *Fuser) Situation() sitrep.Situation {
	origins, groupOrigin := f.origins()
	sortedOrigins := append([]sitrep.DocOrigin(nil), origins...)
	sort.Slice(sortedOrigins, func(i, j int) bool { return sortedOrigins[i].Doc < sortedOrigins[j].Doc })
	byGroup := func(d int32) int32 { return groupOrigin[d] }
	events := []sitrep.FusedEvent{}
	for i := range f.mentions {
		if f.parent[i] == int32(i) {
			events = append(events, f.fuseCluster(f.members[i], byGroup))
		}
	}
	sortEvents(events)
	threads := buildThreads(events)
	return sitrep.Situation{Origins: sortedOrigins, Events: events, Threads: threads}
}

// Events returns the fused events that hold a report from any of the
// given documents, as Situation builds them but without story threads
// (Thread is empty), in date order. After Add(d), Events(d.Doc.ID) is what
// changed: the cost is that of those events and of the copy groups of
// their documents, not of the corpus. Unknown IDs are ignored.
func (f *Fuser) Events(docIDs ...string) []sitrep.FusedEvent {
	roots := map[int32]bool{}
	var order []int32
	for _, id := range docIDs {
		di, ok := f.byID[id]
		if !ok {
			continue
		}
		for _, m := range f.docs[di].mentions {
			if r := f.find(m); !roots[r] {
				roots[r] = true
				order = append(order, r)
			}
		}
	}
	of := f.newOriginFinder()
	events := make([]sitrep.FusedEvent, 0, len(order))
	for _, r := range order {
		events = append(events, f.fuseCluster(f.members[r], of.groupOrigin))
	}
	sortEvents(events)
	return events
}

// sortEvents orders fused events by date bounds, then ID.
func sortEvents(events []sitrep.FusedEvent) {
	sort.Slice(events, func(i, j int) bool {
		a, b := events[i].Date, events[j].Date
		if a.Earliest != b.Earliest {
			return a.Earliest < b.Earliest
		}
		if a.Latest != b.Latest {
			return a.Latest < b.Latest
		}
		return events[i].ID < events[j].ID
	})
}
