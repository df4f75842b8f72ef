package sitrep

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by stages and readers. Wrap them with context;
// test for them with errors.Is.
var (
	ErrEmpty     = errors.New("empty input")
	ErrNotUTF8   = errors.New("not valid UTF-8 text")
	ErrBinary    = errors.New("binary content, not text")
	ErrTooLarge  = errors.New("input exceeds size limit")
	ErrMalformed = errors.New("malformed input")
)

// StageError reports a failure of one pipeline stage on one document.
type StageError struct {
	Doc    string // document ID
	Stage  string // stage name
	Offset int    // byte offset into the text, or -1 when unknown
	Err    error
}

func (e *StageError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s: stage %s at byte %d: %v", e.Doc, e.Stage, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: stage %s: %v", e.Doc, e.Stage, e.Err)
}

func (e *StageError) Unwrap() error { return e.Err }
