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
// The benchmark files are read at run time and never copied into the
// repository.
package geo
