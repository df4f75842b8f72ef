// Package demo embeds a small corpus of news-style reports about the
// September to November 2015 Russian and Iranian military intervention in
// Syria. It is the default input of the sitrep command and the fixture of
// the end-to-end tests.
//
// It consumes nothing and produces []sitrep.Document with only Doc filled
// (ID, Source, URL, Title, Published, Raw, Hash), the same shape that
// package ingest produces, so the text stage runs next.
//
// The reports are written for this project. Facts (who reported what, when)
// follow public coverage, but the wording is the project's own, and the
// outlets, bylines and URLs are fictional or placed on .example domains.
// Figures, dates and attributions deliberately differ between outlets, as
// real coverage does, to exercise fusion: "hundreds" against "around 1,500"
// Iranian troops, 26 against "more than 20" cruise missiles, a siege of
// "about two years" against one "since 2013". They are test material, not a
// reference record of events.
//
// # File format
//
// Each report is one UTF-8 file, reports/NN-slug.txt. It opens with a header
// of `Key: value` lines, then one blank line, then the body:
//
//	Source: Reuters
//	Kind: wire
//	URL: https://wire.example/world/russia-parliament-syria-force-20150930
//	Published: 2015-09-30
//	Title: Russian upper house backs use of air force in Syria
//
//	MOSCOW, Sept 30 (Reuters) - Russia's Federation Council on Wednesday ...
//
// Keys:
//
//   - Source: the outlet's name (required).
//   - Kind: wire, state, blog, farm, newspaper, ngo or republished.
//   - URL: where the report would live; always an invented address.
//   - Published: YYYY-MM-DD (required).
//   - Title: the headline.
//   - ID (optional): overrides the default ID, the file stem.
//
// The body is paragraphs separated by blank lines, with page furniture
// (bylines, "Reporting by ...; Editing by ...", "Read more:", "Share this
// article", "Join the conversation", donation appeals) left in as it appears
// on a page, for the text stage to drop. The header is parsed by
// ingest.ParseFrontMatter, so the same files can be read by `sitrep ingest`.
//
// What the corpus contains on purpose:
//
//   - the same events reported by wire agencies, state media, newspapers,
//     NGOs, partisan blogs and a content farm, with differing figures;
//   - one wire story republished nearly verbatim by another outlet
//     (06 and 07);
//   - a content-farm page (31) stitched from sentences of other reports,
//     unrelated filler and a donation appeal;
//   - opinion pieces (18, 19);
//   - denials (10, 12, 30, 33), relative dates ("on Wednesday", "in the
//     past 10 days", "at the end of September"), vague and exact quantities
//     ("hundreds", "around 1,500", "162 to 0", "dozens of sorties"), and name
//     variants ("Qassam Suleimani", "Bashr al-Assad", "Queneitra",
//     "ISIL", "Daesh", "President Vladimir V. Putin").
package demo
