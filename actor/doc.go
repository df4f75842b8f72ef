// Package actor recognises and resolves the actors a news report names:
// people, governments, armed forces, armed groups, organisations, media,
// countries and places.
//
// The stage runs after text (it reads sentences and tokens, with POS tags
// when the tagger ran) and before geo and event; it sets
// sitrep.Document.Entities and touches no other layer. Each entity has a
// stable id: "kb:<id>" for an entry of the knowledge base, "kb:ISO3/KEY"
// for a country's sector ("kb:RUS/MIL"), and "x:<slug>" derived from the
// normalised name for a name the knowledge base lacks, so the same actor
// gets the same id in every document.
//
// # Knowledge base
//
// LoadKB reads the tab-separated files embedded from data/ (format in
// data/README.md) and any *.tsv files of extra file systems: countries
// with names, demonyms, capitals and ISO/CAMEO codes; people with
// date-bounded roles; armed groups, IGOs, legislatures and media with
// aliases; agent words; titles and other grammar words. LoadPetrarch
// builds a knowledge base from PETRARCH/Phoenix actor and agent
// dictionaries instead, or on top of the built-in one.
//
// # Recognition
//
// Each sentence is read left to right, longest match first:
//
//  1. knowledge-base names and aliases (acronyms only in capitals; a
//     derived surname only after the full name), demonyms and capitals;
//  2. misspelt or differently transliterated names ("Qassam Suleimani"),
//     found through a consonant skeleton and checked by edit distance;
//  3. runs of capitalised words the knowledge base lacks, after titles
//     ("Mr.", "Maj. Gen.") and outside headlines, less units, currencies,
//     product models, events and listed non-actors.
//
// Then a demonym or country followed by agent words becomes a sector actor
// ("Russian warplanes" RUSMIL, "a Russian three-star general", "Lebanese
// sources"); a capital followed by a verb of saying or acting is the
// government ("Moscow said" RUSGOV); a speaker title joins the person or
// body it names ("Kremlin spokesman Dmitry Peskov", "a spokesman for the
// Russian Defence Ministry"); "(EADS)" joins the name before it; and "the
// general" refers back to the last military person named.
//
// # Resolution
//
// A person's CAMEO code and country come from the role that covers the
// document's publication date, so the same person codes differently as
// their office changes. Within a document, surnames, first words and
// acronyms of names seen earlier resolve to them, and a lone surname
// anywhere in the document (a headline's "Warhol") joins the one person
// whose full name ends with it. An unknown name is typed from its words
// (organisation and place words; given and family names of many languages,
// from registry packages the build installs), the gazetteer when the stage
// is given one (Stage.WithPlaces: "Evansville" is a town), its context
// (titles, prepositions, lists of places, ages, "south of"), how the
// document shortens it (a person by the surname, an organisation by its
// first word) and, failing those, a character-trigram naive Bayes model
// trained at load time on the name lists against common English words and
// the knowledge base's organisation and place words ("Nacer Chadli" reads
// as a person); the type most of its mentions support wins. A lone common
// English word the document mostly writes in lower case is not a name.
package actor
