package text

import (
	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

// newPunkt loads the English punkt model shipped with neurosnap/sentences.
func newPunkt() (*sentences.DefaultSentenceTokenizer, error) {
	return english.NewSentenceTokenizer(nil)
}
