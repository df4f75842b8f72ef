// Package geo measures toponym resolution of the geo stage on two public
// news sets beside the repository: GeoVirus (../shared/benchmarks/geovirus,
// 229 Wikinews articles) and GeoWebNews (../shared/benchmarks/geowebnews,
// 200 web news articles).
//
// The setting is resolution only, as in the CamCoder figures the sets'
// READMEs quote: the gold toponym spans are given, and every span of an
// article is resolved together by geo.Gazetteer.Resolve, so the document
// context (other places, "X, Y" pairs) is the one the stage uses.
// Recognition is not scored here. A span the gazetteer does not know
// counts with the largest error on Earth (20,039 km), never as skipped.
//
// Scores, per set: Acc@161 (share of toponyms placed within 161 km of the
// gold point), AUC of the sorted log-error curve, ln(err+1) integrated by
// the trapezoid rule over ln(20039)·(n-1) (lower is better; Gritta et
// al. 2018), and mean and median error in km. For GeoWebNews every
// annotated expression with coordinates is scored, demonyms and
// metonymic uses included, since that is the set's geocoding test.
//
// EndToEnd scores the stage itself on GeoVirus: raw article text goes
// through the text, actor and geo stages, and the places found are matched
// to the gold spans by overlap, one to one, giving recognition precision,
// recall and F1 and Acc@161 over the matched mentions.
//
// GeoVirus is split by article into a development half and a test half
// (SplitGeoVirus: 32-bit FNV-1a hash of the article's source URL, even =
// dev, odd = test; 115 and 114 articles). From the split on, rules and
// parameters are chosen on GeoVirus dev and GeoWebNews only; GeoVirus
// test is looked at only to report. Run prints dev, test and all.
//
// The benchmark files are read at run time and never copied into the
// repository.
//
// # Results
//
// Command: go test ./eval/geo -run TestBenchmarks -v (or go run
// ./cmd/sitrep eval geo). "Before" is the stage at the split (commit
// 4bb1c80's geo package), "now" the current one; both with the same
// actor stage for the end-to-end line.
//
//	                         Acc@161  AUC    mean km  median km
//	GeoVirus dev    before    0.731   0.376   1680     49.6
//	GeoVirus dev    now       0.862   0.295   1220     13.7
//	GeoVirus test   before    0.747   0.377    866     49.6
//	GeoVirus test   now       0.894   0.298    757     25.1
//	GeoVirus all    before    0.739   0.377   1257     49.6
//	GeoVirus all    now       0.878   0.297    979     17.8
//	GeoWebNews      before    0.752   0.416   3472     58.7
//	GeoWebNews      now       0.755   0.355   3432     11.1
//	GeoVirus end to end: P 0.931 R 0.805 F1 0.863 before, P 0.932 R 0.815 F1 0.869 now
//	(Acc@161 of matched mentions 0.800 before, 0.912 now)
//
// Every change was chosen on GeoVirus dev and GeoWebNews; GeoVirus test
// was run once the rules were fixed, to report. What changed, with its
// effect on dev (GeoVirus dev Acc@161, GeoWebNews Acc@161):
//
//   - the United States at the geographic centre of the contiguous
//     states (geo/data/countrypoints.tsv): 0.731 to 0.792, GeoWebNews
//     unchanged (GeoVirus puts the country at 40N 100W, GeoWebNews at
//     GeoNames' 39.76N 98.5W; the old point was 216 km from the first);
//   - enumerations ("Michigan, Oregon, Indiana and Ohio") favour the kind
//     of place most siblings are, and "New York" may name the state as a
//     secondary name that only context selects (a cue word such as
//     "state", "Buffalo, New York", a list of states): 0.800, 0.753;
//   - country point rule mixed (below): 0.838, 0.753; keeping the
//     published point also where the centroid agrees left Acc@161 as it
//     was and took AUC from 0.334 to 0.296 and from 0.391 to 0.355;
//   - admin1.tsv: Norway's counties, Philippine provinces, Sudan's and
//     South Sudan's states, DR Congo's former provinces, regions of
//     France, Germany, Italy, Spain, Indonesia and Japan; aliases D.C.
//     and Republic of Congo: 0.862, 0.755.
//
// Country points. The gold sets put a country at conventional points:
// GeoWebNews at GeoNames' (mostly the rounded CIA Factbook point that
// world-countries publishes as latlng), GeoVirus mostly at Wikipedia's.
// With everything else as now, gengaz -country_point gives (Acc@161 and
// AUC):
//
//	rule       GeoVirus dev    GeoWebNews
//	latlng     0.828  0.294    0.748  0.319   world-countries' published point
//	centroid   0.812  0.358    0.674  0.409   area centroid of the largest polygon
//	pole       0.738  0.382    0.636  0.426   pole of inaccessibility of it
//	mid        0.824  0.355    0.754  0.397   half way between latlng and centroid
//	mixed      0.862  0.295    0.755  0.355   latlng for a country of islands or where the
//	                                          centroid is within 161 km of it, mid elsewhere
//
// mixed is the default. Its share threshold (the largest polygon holding
// under 95% of the outline's area makes a country of islands: Indonesia,
// the Philippines, Canada, Japan, New Zealand) was read off a plateau on
// dev (0.94 to 0.97). The rule that would also take the centroid where
// it is far from latlng (DR Congo, which GeoVirus puts at its centroid)
// was tried and left out: it turns on a single country at the edge of
// its threshold. Without the United States row of countrypoints.tsv,
// mixed gives 0.801 and 0.681.
//
// What is left on GeoVirus dev is mostly convention and coverage, not
// choice: countries at Wikipedia points no rule reproduces (56 of 1041
// toponyms, most of them Sudan, DR Congo, Russia, Nigeria), continents and the EU
// (GeoNames' points against Wikipedia's), and 53 names the gazetteer
// lacks (islands, valleys, neighbourhoods, refugee camps). On GeoWebNews
// most unresolved spans (414) are buildings, streets and organisations
// that the set annotates with coordinates.
package geo
