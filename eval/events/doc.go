// Package events measures the event stage on two public labelled sets,
// read at run time from ../shared/benchmarks and never copied into the
// repository:
//
//   - plover_gsr_cameo: the CAMEO 1.1b3 manual's example sentences coded in
//     PLOVER 0.5b1. Each sentence goes through the text, actor, timex and
//     event stages; the system's event for the sentence is its most
//     confident one (earliest on ties), chosen without looking at the gold
//     markup. Scores: PLOVER type accuracy, with the gold types mapped to
//     PLOVER 2021 as the set's README says (DEMAND → REQUEST, DISAPPROVE and
//     INVESTIGATE → ACCUSE, FIGHT → ASSAULT); and actor and recipient
//     accuracy, as country code (the first three letters of the CAMEO
//     actor code) and as exact country plus sector.
//   - petrarch2: the PETRARCH unit-test records (fantasy actors) coded from
//     their text with the PETRARCH validation dictionaries (actors, agents,
//     verbs, discards); a record counts when the sorted list of (source,
//     target, CAMEO code) equals the expected one, the figure PETRARCH-2
//     reaches on 90 of 279 records.
package events
