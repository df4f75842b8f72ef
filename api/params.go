package api

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

// Query parameters shared by the list and export endpoints.
const (
	ParamActor      = "actor"
	ParamType       = "type"
	ParamFrom       = "from"
	ParamTo         = "to"
	ParamBBox       = "bbox" // west,south,east,north
	ParamPlace      = "place"
	ParamSource     = "source"
	ParamStatus     = "status"
	ParamMinOrigins = "min_origins"
	ParamLimit      = "limit"
	ParamCursor     = "cursor"
)

// maxParamLen bounds a single query value, in bytes.
const maxParamLen = 512

// errBadParam marks query-parameter errors; the handler answers 400.
var errBadParam = errors.New("bad query parameter")

var filterParams = []string{ParamActor, ParamType, ParamFrom, ParamTo, ParamBBox, ParamPlace, ParamSource,
	ParamStatus, ParamMinOrigins, ParamLimit, ParamCursor}

var statuses = map[sitrep.Status]bool{
	sitrep.Asserted: true, sitrep.Claimed: true, sitrep.Denied: true,
	sitrep.Planned: true, sitrep.Hypothetical: true, sitrep.Negated: true,
}

// ParseFilter reads a store.Filter from query parameters. maxLimit bounds
// "limit"; a larger value is an error rather than silently clamped, so a
// client learns the bound. Parameters other than the filter's and those in
// extra are refused, as is a parameter given twice, so a typo does not
// silently widen a query.
func ParseFilter(q url.Values, maxLimit int, extra ...string) (store.Filter, error) {
	var f store.Filter
	known := map[string]bool{}
	for _, k := range filterParams {
		known[k] = true
	}
	for _, k := range extra {
		known[k] = true
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs := q[k]
		if !known[k] {
			return f, fmt.Errorf("%w: unknown parameter %q (known: %s)", errBadParam, clip(k), strings.Join(append(filterParams, extra...), ", "))
		}
		if len(vs) > 1 {
			return f, fmt.Errorf("%w: parameter %q given %d times", errBadParam, k, len(vs))
		}
		if len(vs) == 1 && (len(vs[0]) > maxParamLen || !utf8.ValidString(vs[0])) {
			return f, fmt.Errorf("%w: %s: value must be UTF-8 text of at most %d bytes", errBadParam, k, maxParamLen)
		}
	}
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	f.Actor = get(ParamActor)
	f.Type = get(ParamType)
	f.From = get(ParamFrom)
	f.To = get(ParamTo)
	f.Place = get(ParamPlace)
	f.Source = get(ParamSource)
	f.Cursor = get(ParamCursor)
	if s := get(ParamStatus); s != "" {
		st := sitrep.Status(strings.ToLower(s))
		if !statuses[st] {
			return f, fmt.Errorf("%w: status %q is not one of asserted, claimed, denied, planned, hypothetical, negated", errBadParam, clip(s))
		}
		f.Status = st
	}
	if s := get(ParamBBox); s != "" {
		parts := strings.Split(s, ",")
		if len(parts) != 4 {
			return f, fmt.Errorf("%w: bbox must be west,south,east,north; got %d values", errBadParam, len(parts))
		}
		var b [4]float64
		for i, p := range parts {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return f, fmt.Errorf("%w: bbox value %q is not a number", errBadParam, clip(p))
			}
			b[i] = v
		}
		f.BBox = &b
	}
	if s := get(ParamMinOrigins); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return f, fmt.Errorf("%w: min_origins %q is not a whole number >= 0", errBadParam, clip(s))
		}
		f.MinOrigins = n
	}
	if s := get(ParamLimit); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return f, fmt.Errorf("%w: limit %q is not a whole number >= 1", errBadParam, clip(s))
		}
		if n > maxLimit {
			return f, fmt.Errorf("%w: limit %d exceeds the maximum page size %d", errBadParam, n, maxLimit)
		}
		f.Limit = n
	}
	if err := f.Validate(); err != nil {
		return f, fmt.Errorf("%w: %w", errBadParam, err)
	}
	return f, nil
}

// FilterQuery is the inverse of ParseFilter: the query parameters that
// select f. Web pages use it to build links.
func FilterQuery(f store.Filter) url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set(ParamActor, f.Actor)
	set(ParamType, f.Type)
	set(ParamFrom, f.From)
	set(ParamTo, f.To)
	set(ParamPlace, f.Place)
	set(ParamSource, f.Source)
	set(ParamStatus, string(f.Status))
	set(ParamCursor, f.Cursor)
	if b := f.BBox; b != nil {
		parts := make([]string, 4)
		for i, v := range b {
			parts[i] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		q.Set(ParamBBox, strings.Join(parts, ","))
	}
	if f.MinOrigins > 0 {
		q.Set(ParamMinOrigins, strconv.Itoa(f.MinOrigins))
	}
	if f.Limit > 0 {
		q.Set(ParamLimit, strconv.Itoa(f.Limit))
	}
	return q
}

// clip shortens a value quoted in an error message.
func clip(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	for i := n; i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + "..."
		}
	}
	return ""
}
