// Package coref evaluates cross-document event coreference on the ECB+
// corpus (Cybulska and Vossen 2014), test topics 36 to 45, with gold event
// mentions.
//
// It reads the CAT XML files of ../shared/benchmarks/ecbplus/test and the
// list of validated sentences beside them at run time; nothing of the
// corpus is stored in the repository. Within each topic it clusters the
// documents into sub-topics (average-link agglomeration of tf-idf
// vectors), describes each gold event mention as fuse.Features (trigger
// lemma, sentence words, optionally the annotated participant, time and
// location mentions of the sentence as argument keys) and partitions them
// with fuse.Cluster, the linking score the Fuser uses on coded events. No
// neural model is involved.
//
// Scores are MUC, B-cubed, CEAF-e and their mean, CoNLL F1, implemented
// here after the definitions of the CoNLL-2012 reference scorer and
// computed over all test topics as one meta-document, singletons
// included. A same-lemma baseline on the same predicted sub-topics, and
// the resolver on the corpus's own sub-topics, are reported alongside.
//
// The resolver's settings (DefaultConfig) were chosen on the training and
// development topics 1 to 35 with TestTune; see README.md.
package coref
