package geo

import (
	"slices"
	"sort"
)

// nameIndex maps normalised names to entry numbers. The generated table's
// rows arrive sorted by key and are kept in flat arrays searched by
// bisection: half a million keys cost a few allocations, not a map entry
// each. Names added afterwards (features, aliases) go to a small map.
type nameIndex struct {
	keys  string  // the sorted keys, concatenated (set by freeze)
	arena []byte  // keys while loading
	kend  []int32 // end of key i in keys
	iend  []int32 // end of key i's entries in ids
	ids   []int32
	extra map[string][]int32
}

// appendSorted adds a key that sorts after every key added so far and
// reports whether it did; a key out of order must go through add.
func (x *nameIndex) appendSorted(key string, ids []int32) bool {
	if n := len(x.kend); n > 0 {
		start := int32(0)
		if n > 1 {
			start = x.kend[n-2]
		}
		if string(x.arena[start:x.kend[n-1]]) >= key {
			return false
		}
	}
	x.arena = append(x.arena, key...)
	x.kend = append(x.kend, int32(len(x.arena)))
	x.ids = append(x.ids, ids...)
	x.iend = append(x.iend, int32(len(x.ids)))
	return true
}

// freeze ends loading of sorted keys.
func (x *nameIndex) freeze() {
	x.keys = string(x.arena)
	x.arena = nil
}

func (x *nameIndex) key(i int) string {
	start := int32(0)
	if i > 0 {
		start = x.kend[i-1]
	}
	return x.keys[start:x.kend[i]]
}

// sorted returns the entries of key among the sorted keys. The slice is
// shared: callers must not modify it.
func (x *nameIndex) sorted(key string) ([]int32, bool) {
	i := sort.Search(len(x.kend), func(i int) bool { return x.key(i) >= key })
	if i == len(x.kend) || x.key(i) != key {
		return nil, false
	}
	start := int32(0)
	if i > 0 {
		start = x.iend[i-1]
	}
	return x.ids[start:x.iend[i]], true
}

// get returns every entry of key. The slice may be shared: callers must
// not modify it.
func (x *nameIndex) get(key string) []int32 {
	s, _ := x.sorted(key)
	return merge(s, x.extra[key])
}

// add indexes entry idx under key.
func (x *nameIndex) add(key string, idx int32) {
	if s, _ := x.sorted(key); slices.Contains(s, idx) {
		return
	}
	if x.extra == nil {
		x.extra = make(map[string][]int32)
	}
	x.extra[key] = appendOnce(x.extra[key], idx)
}

// each calls f for every key and its entries, sorted keys first.
func (x *nameIndex) each(f func(key string, ids []int32)) {
	for i := range x.kend {
		start := int32(0)
		if i > 0 {
			start = x.iend[i-1]
		}
		f(x.key(i), x.ids[start:x.iend[i]])
	}
	for k, ids := range x.extra {
		f(k, ids)
	}
}

// merge joins two entry lists, copying only when both have entries.
func merge(a, b []int32) []int32 {
	switch {
	case len(b) == 0:
		return a
	case len(a) == 0:
		return b
	}
	out := make([]int32, len(a), len(a)+len(b))
	copy(out, a)
	for _, i := range b {
		if !slices.Contains(a, i) {
			out = append(out, i)
		}
	}
	return out
}

func appendOnce(s []int32, idx int32) []int32 {
	if slices.Contains(s, idx) {
		return s
	}
	return append(s, idx)
}
