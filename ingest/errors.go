package ingest

import (
	"errors"
	"fmt"
)

// Sentinel errors; readers wrap them in an *InputError naming the input.
var (
	ErrNotUTF8  = errors.New("not valid UTF-8 text")
	ErrBinary   = errors.New("binary content, not text")
	ErrEmpty    = errors.New("no text")
	ErrTooLarge = errors.New("exceeds size limit")
	ErrBomb     = errors.New("decompression ratio exceeds limit (archive bomb?)")
	ErrFormat   = errors.New("unrecognised format")
	ErrTooMany  = errors.New("too many records")

	// ErrMalformed is input that claims a format but breaks it: a feed
	// that does not parse, a JSON line that is not an object, a WARC
	// record with a bad header.
	ErrMalformed = errors.New("malformed input")
)

// InputError is the failure of one input: a file, a line of a JSON Lines
// file, a feed item, a WARC record or an archive member. Input names it as
// "path", "path:line", "path#item-3" or "archive.zip/member.html".
type InputError struct {
	Input  string
	Format Format
	Err    error
}

func (e *InputError) Error() string {
	if e.Format != FormatUnknown {
		return fmt.Sprintf("ingest %s (%s): %v", e.Input, e.Format, e.Err)
	}
	return fmt.Sprintf("ingest %s: %v", e.Input, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// Result says what a Read did: how many inputs and documents it saw, which
// documents it dropped as duplicates and which inputs failed and why.
type Result struct {
	Inputs     int           // files, archive members and stdin streams opened
	Documents  int           // documents passed to the callback
	Duplicates int           // documents dropped as duplicates of earlier ones
	Skipped    int           // records with nothing to ingest (non-HTML WARC records, empty feed items)
	Errors     []*InputError // failed inputs, at most Options.MaxErrors
	ErrorCount int           // all failures, including those past MaxErrors
}

// Err joins the input errors, or returns nil when every input was read.
func (r *Result) Err() error {
	if len(r.Errors) == 0 {
		return nil
	}
	errs := make([]error, 0, len(r.Errors)+1)
	for _, e := range r.Errors {
		errs = append(errs, e)
	}
	if extra := r.ErrorCount - len(r.Errors); extra > 0 {
		errs = append(errs, fmt.Errorf("ingest: %d more input errors not kept", extra))
	}
	return errors.Join(errs...)
}
