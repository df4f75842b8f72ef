// Package coref evaluates cross-document event coreference on the ECB+
// corpus (Cybulska and Vossen 2014), test topics 36 to 45, with gold event
// mentions.
//
// It consumes the CAT XML files of ../shared/benchmarks/ecbplus/test and
// the list of validated sentences beside them, clusters the gold action
// mentions of each topic with a feature-based, non-neural resolver (its
// own document clustering into sub-topics, trigger lemmas, sentence
// context and the participant, time and location mentions of the
// sentence), and scores the clusters with MUC, B-cubed, CEAF-e and their
// average, CoNLL F1, implemented here after the standard definitions. A
// same-lemma baseline is scored alongside.
//
// The resolver mirrors, on annotated mentions, what package fuse does on
// coded events; the benchmark is used for measurement only and nothing of
// it is stored in the repository.
package coref
