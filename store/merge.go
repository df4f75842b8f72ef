package store

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// MergeFunc combines an incoming fused event with the stored fused events
// that share a member with it (or its ID) into the one fused event that
// replaces them all. stored is never empty and is ordered by ID. It must
// not keep references to its arguments' slices beyond the call.
type MergeFunc func(incoming sitrep.FusedEvent, stored []sitrep.FusedEvent) sitrep.FusedEvent

// DefaultMerge is the MergeFunc MergeFused uses when given nil. It takes
// the union of the reports and recounts what can be recounted from them:
//
//   - Members, Quantities and Contradictions are unions, each report
//     (document, event) kept once, the incoming version winning.
//   - Members are ordered by publication, document and event; the input
//     whose earliest member comes first names the result (ID) and gives
//     the fields fuse decides by vote (type, actors, place, date, thread),
//     so the result does not depend on the order workers arrive in.
//   - Sources and Outlets count the members' outlets, Origins their
//     distinct origins (a member without one counts as its own document),
//     Status is the status the most origins give, Confidence the highest.
//
// Fuse's own linking may disagree with a union (it could split what a
// worker merged); a worker that can run fuse's merge passes it instead.
func DefaultMerge(incoming sitrep.FusedEvent, stored []sitrep.FusedEvent) sitrep.FusedEvent {
	all := append([]sitrep.FusedEvent{incoming}, stored...)
	base := 0
	for i := range all {
		if earlierFused(all[i], all[base]) {
			base = i
		}
	}
	out := all[base]
	out.Members, out.Quantities, out.Contradictions, out.Sources = nil, nil, nil, nil

	type key struct{ doc, ev string }
	members := map[key]int{}
	for _, f := range all { // incoming first: its version of a member wins
		for _, m := range f.Members {
			k := key{m.Doc, m.Event}
			if _, dup := members[k]; dup {
				continue
			}
			members[k] = len(out.Members)
			out.Members = append(out.Members, m)
		}
		out.Confidence = max(out.Confidence, f.Confidence)
	}
	sort.SliceStable(out.Members, func(i, j int) bool { return memberLess(out.Members[i], out.Members[j]) })

	seen := map[string]bool{}
	once := func(k string) bool {
		if seen[k] {
			return false
		}
		seen[k] = true
		return true
	}
	for _, f := range all {
		for _, q := range f.Quantities {
			if once("q\x00" + q.Doc + "\x00" + q.What + "\x00" + q.Text) {
				out.Quantities = append(out.Quantities, q)
			}
		}
		for _, c := range f.Contradictions {
			if once("c\x00" + c.Kind + "\x00" + c.What + "\x00" + c.A.Doc + "\x00" + c.A.Value + "\x00" + c.B.Doc + "\x00" + c.B.Value) {
				out.Contradictions = append(out.Contradictions, c)
			}
		}
	}
	if out.Quantities == nil {
		out.Quantities = []sitrep.QuantityClaim{}
	}
	if out.Contradictions == nil {
		out.Contradictions = []sitrep.Contradiction{}
	}

	origins := map[string]bool{}
	statusOrigins := map[sitrep.Status]map[string]bool{}
	outlets := map[string]bool{}
	for _, m := range out.Members {
		o := m.Origin
		if o == "" {
			o = m.Doc
		}
		origins[o] = true
		if statusOrigins[m.Status] == nil {
			statusOrigins[m.Status] = map[string]bool{}
		}
		statusOrigins[m.Status][o] = true
		if m.Source != "" && once("s\x00"+strings.ToLower(m.Source)) {
			outlets[strings.ToLower(m.Source)] = true
			out.Sources = append(out.Sources, m.Source)
		}
	}
	for _, f := range all { // outlets named by a fused event but by none of its members
		for _, src := range f.Sources {
			if src != "" && once("s\x00"+strings.ToLower(src)) {
				outlets[strings.ToLower(src)] = true
				out.Sources = append(out.Sources, src)
			}
		}
	}
	if out.Sources == nil {
		out.Sources = []string{}
	}
	out.Outlets = max(len(outlets), all[base].Outlets)
	out.Origins = len(origins)
	if len(out.Members) == 0 {
		out.Origins = all[base].Origins
	}
	best := len(statusOrigins[out.Status])
	for _, st := range []sitrep.Status{sitrep.Asserted, sitrep.Claimed, sitrep.Denied, sitrep.Planned, sitrep.Hypothetical, sitrep.Negated} {
		if n := len(statusOrigins[st]); n > best {
			out.Status, best = st, n
		}
	}
	return out
}

// earlierFused orders fused events by their earliest member, then ID.
func earlierFused(a, b sitrep.FusedEvent) bool {
	ma, oka := firstMember(a)
	mb, okb := firstMember(b)
	switch {
	case oka && okb && (memberLess(ma, mb) || memberLess(mb, ma)):
		return memberLess(ma, mb)
	case oka != okb:
		return oka
	}
	return a.ID < b.ID
}

func firstMember(f sitrep.FusedEvent) (sitrep.Member, bool) {
	if len(f.Members) == 0 {
		return sitrep.Member{}, false
	}
	first := f.Members[0]
	for _, m := range f.Members[1:] {
		if memberLess(m, first) {
			first = m
		}
	}
	return first, true
}

// memberLess orders reports by publication (undated last), document and
// event.
func memberLess(a, b sitrep.Member) bool {
	if a.Published != b.Published {
		if a.Published == "" || b.Published == "" {
			return b.Published == ""
		}
		return a.Published < b.Published
	}
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	return a.Event < b.Event
}
