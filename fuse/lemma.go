package fuse

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

//go:embed data/irregular.tsv
var irregularTSV string

//go:embed data/synonyms.tsv
var synonymsTSV string

// synonyms maps a lemma to the sorted names of its synonym classes.
var synonyms = sync.OnceValue(func() map[string][]string {
	m, err := parseSynonyms(synonymsTSV)
	if err != nil {
		panic(err) // the embedded table is part of the build; a bad one is a programming error
	}
	return m
})

func parseSynonyms(src string) (map[string][]string, error) {
	m := map[string][]string{}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		class, ws, ok := strings.Cut(line, "\t")
		if !ok || class == "" {
			return nil, fmt.Errorf("fuse: data/synonyms.tsv:%d: want class, tab, words", n+1)
		}
		for _, w := range strings.Fields(ws) {
			l := Lemma(w)
			if !slices.Contains(m[l], class) {
				m[l] = append(m[l], class)
				slices.Sort(m[l])
			}
		}
	}
	return m, nil
}

// Synonymous reports whether two lemmas share a synonym class.
func Synonymous(a, b string) bool {
	if a == b {
		return a != ""
	}
	return sharesClass(synonyms()[a], synonyms()[b])
}

func sharesClass(ca, cb []string) bool {
	for _, x := range ca {
		if slices.Contains(cb, x) {
			return true
		}
	}
	return false
}

// irregular maps an irregular inflected form to its base form. It is
// parsed once and read-only afterwards.
var irregular = sync.OnceValue(func() map[string]string {
	m, err := parseIrregular(irregularTSV)
	if err != nil {
		panic(err) // the embedded table is part of the build; a bad one is a programming error
	}
	return m
})

func parseIrregular(src string) (map[string]string, error) {
	m := map[string]string{}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		base, forms, ok := strings.Cut(line, "\t")
		if !ok || base == "" {
			return nil, fmt.Errorf("fuse: data/irregular.tsv:%d: want base form, tab, forms", n+1)
		}
		for _, f := range strings.Fields(forms) {
			m[f] = base
		}
	}
	return m, nil
}

// Lemma reduces a word to the key under which trigger words and argument
// heads are compared: lower case, irregular forms mapped to their base
// form, then the Snowball English stem. It conflates inflection and the
// commoner derivations ("arrested", "arrests", "arrest"; "election",
// "elected"); the result is a matching key, not always a dictionary word.
func Lemma(word string) string {
	w := strings.ToLower(strings.TrimSpace(word))
	if b, ok := irregular()[w]; ok {
		w = b
	}
	if len(w) <= 2 {
		return w
	}
	return english.Stem(w, true)
}
