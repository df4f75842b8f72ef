// Package ingest reads reports from files, directories, HTML pages, RSS and
// Atom feeds, JSON Lines and WARC archives into sitrep.Documents.
//
// It is the first stage: it consumes raw inputs and produces Documents with
// only Doc filled: ID, Source, URL, Title, Published, Raw (the text as
// ingested, normalised by NormalizeText), Hash (the hex SHA-256 of Raw) and
// Text, a copy of Raw so that a document can be read before the text
// stage. The text stage comes next; it drops boilerplate lines from Raw and
// replaces Doc.Text with the kept lines.
//
// # Formats
//
// Read sniffs each input (Sniff) from its name and first bytes:
//
//   - plain text, with optional front matter (ParseFrontMatter);
//   - HTML pages: main text by trafilatura, one block per line, with title,
//     date, URL and site name from the page's metadata;
//   - RSS, Atom and JSON Feed: one document per item ("path#item-3");
//   - JSON Lines: one document per line ("path:12");
//   - WARC: one document per HTML response record ("path#record-5");
//   - gzip and zip, nested up to three deep ("archive.zip/member.html").
//
// # Hostile input
//
// Inputs come from the open web. Every input is bounded (Options limits:
// document and input size, decompressed size and ratio, records per file),
// checked (UTF-8, not binary, not empty) and read on its own: a failure is
// an *InputError naming the input, in Result.Errors, and reading goes on.
// A panic in a third-party parser is recovered and reported the same way.
//
// # Identity
//
// Doc.ID comes from the input (front matter or JSON Lines "id"), else the
// file stem of a plain-text file, else the first 16 hex digits of Hash.
// Documents whose Hash or input URL was already seen in the same Read are
// dropped and counted in Result.Duplicates unless Options.KeepDuplicates.
package ingest
