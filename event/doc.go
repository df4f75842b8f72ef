// Package event codes the events of a report: who did what to whom, where,
// when, how many, and who says so.
//
// It consumes the layers of earlier stages — sentences and tagged tokens
// (text), entities (actor), temporal expressions (timex) and, when the geo
// stage ran before it, places — and produces d.Events in the form of
// docs/record.md. The fuse stage comes after it.
//
// Each sentence is chunked into noun phrases, verb groups and prepositions
// (syntax.go). A verb group, a light verb with an event noun ("carried out
// strikes", "launched an offensive") or an event noun standing alone ("the
// airstrikes on Homs") is looked up in the trigger dictionary
// (data/triggers.tsv) for its PLOVER type, mode and CAMEO code; the most
// specific row wins (one whose object words match beats a bare verb).
// Roles come from the chunk structure, not word order: the actor is the
// subject (the "by" agent in the passive; the governing verb's subject for
// participles and infinitives, its object after "urge X to"; the noun
// before a reduced relative, "a missile fired by"), the recipient the
// object or the preposition the dictionary row names. A subject may carry
// an appositive or a "who"/"which" clause between commas ("1,500 Iranian
// troops, most of them Revolutionary Guards, were deployed"). A passive
// deployment with no agent has the deployed units' side as its actor.
// Coordinated subjects ("Russia and Iran agreed") give one event per actor.
// A definite event noun with no actor of its own ("the strikes") takes the
// actor of the latest event of its type in the three sentences before it,
// at lower confidence.
//
// Following CAMEO practice, an announced action is coded as the intent to
// act (AGREE 03x, or THREATEN 13x for conflictual ones), an obligation a
// speaker states for another actor as a demand (REQUEST 10x) and a
// cooperative action refused as a rejection (REJECT 12x); the status
// still says the action itself is planned (data/recode.tsv).
//
// Status comes from the verb group (negation, modals), the verb governing it
// ("plans to", "denied that", "claims"), conditionals and adverbs such as
// "reportedly"; attribution from a reporting verb before or after the clause
// ("X said", "X told Reuters", "X said in a statement on Friday that",
// "..., sources said", "according to X"), with the hearer of "told" as the
// relaying medium. A second complement ("..., and that ...") and a clause
// joined by a bare "and" share the reporting verb of the first; an event
// inside a reported clause (an event noun, a participle) shares its speaker. Events take the
// timex and place of their own clause, else one in the sentence that no other
// event claims and that is not in the attributing clause ("..., the
// ministry said on Thursday" dates the statement); with no timex the date
// is the publication day with precision "publication". A place keeps the
// geo stage's precision: a country is never a point. Quantities are counted
// nouns in the clause (the noun decides: "about 20 sorties" is the event
// noun's own count), with vague amounts kept as ranges
// (data/quantities.tsv); a smaller coordinated clause keeps its own numbers.
//
// Event ids are `<doc.id>/e<10 hex digits>`, a hash of the document id,
// sentence, trigger and actor, so they do not change when other sentences
// change. The stage is safe for concurrent use.
package event
