package api

import (
	"errors"
	"net/url"
	"reflect"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store"
)

func TestParseFilter(t *testing.T) {
	tests := []struct {
		query string
		want  store.Filter
		ok    bool
	}{
		{"", store.Filter{}, true},
		{"actor=kb:RUS&type=ASSAULT&from=2015-09&to=2015-10-31", store.Filter{Actor: "kb:RUS", Type: "ASSAULT", From: "2015-09", To: "2015-10-31"}, true},
		{"bbox=35.5,32.3,42.4,37.3&limit=20", store.Filter{BBox: &[4]float64{35.5, 32.3, 42.4, 37.3}, Limit: 20}, true},
		{"status=Claimed&min_origins=2&source=%20Reuters%20", store.Filter{Status: sitrep.Claimed, MinOrigins: 2, Source: "Reuters"}, true},
		{"place=geonames:170654&cursor=abc", store.Filter{Place: "geonames:170654", Cursor: "abc"}, true},
		{"limit=101", store.Filter{}, false},
		{"limit=1.5", store.Filter{}, false},
		{"min_origins=x", store.Filter{}, false},
		{"bbox=a,b,c,d", store.Filter{}, false},
		{"bbox=1,2,3,NaN", store.Filter{}, false},
		{"bbox=-181,0,0,1", store.Filter{}, false},
		{"from=2015-13", store.Filter{}, false},
		{"to=2015-02-30", store.Filter{}, false},
		{"from=15-10-01", store.Filter{}, false},
		{"from=2015-10-02&to=2015-10-01", store.Filter{}, false},
		{"status=maybe", store.Filter{}, false},
		{"sort=date", store.Filter{}, false},
		{"actor=a&actor=b", store.Filter{}, false},
		{"actor=%ff", store.Filter{}, false},
	}
	for _, tc := range tests {
		q, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseFilter(q, 100)
		if (err == nil) != tc.ok {
			t.Errorf("ParseFilter(%q) error = %v, want ok %v", tc.query, err, tc.ok)
			continue
		}
		if err != nil {
			if !errors.Is(err, errBadParam) {
				t.Errorf("ParseFilter(%q) error %v is not errBadParam", tc.query, err)
			}
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseFilter(%q) = %+v, want %+v", tc.query, got, tc.want)
		}
	}
}

// FuzzParseFilter checks that the parser never panics, that what it
// accepts is a valid filter within the page bound, and that FilterQuery
// gives back a query that parses to the same filter.
func FuzzParseFilter(f *testing.F) {
	for _, seed := range []string{
		"",
		"actor=kb:RUS&type=ASSAULT&from=2015-09&to=2015-10-31",
		"bbox=35.5,32.3,42.4,37.3&limit=20&cursor=ZXZlbnRzOjIwMTU",
		"status=claimed&min_origins=2&source=Reuters&place=Homs",
		"bbox=1e308,-1e308,0,0",
		"limit=99999999999999999999",
		"from=2015&to=2016",
		"actor=%ff%fe&type=%00",
		"bbox=,,,&limit=-1",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		const max = 100
		got, err := ParseFilter(q, max)
		if err != nil {
			if !errors.Is(err, errBadParam) {
				t.Fatalf("ParseFilter(%q) error %v is not errBadParam", raw, err)
			}
			return
		}
		if err := got.Validate(); err != nil {
			t.Fatalf("ParseFilter(%q) accepted an invalid filter: %v", raw, err)
		}
		if got.Limit < 0 || got.Limit > max || got.MinOrigins < 0 {
			t.Fatalf("ParseFilter(%q) = limit %d, min_origins %d out of range", raw, got.Limit, got.MinOrigins)
		}
		again, err := ParseFilter(FilterQuery(got), max)
		if err != nil {
			t.Fatalf("FilterQuery(%+v) does not parse: %v", got, err)
		}
		if !reflect.DeepEqual(again, got) {
			t.Fatalf("round trip of %q: %+v became %+v", raw, got, again)
		}
	})
}
