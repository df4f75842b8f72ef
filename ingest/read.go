package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// StdinName is how the input "-" is named in errors.
const StdinName = "stdin"

// Read reads every input and calls emit once per document, in input order.
// An input is a file, a directory (read recursively in name order, hidden
// files and directories skipped) or "-" for opts.Stdin. Each file's format
// is sniffed from its name and first bytes unless opts.Format is set.
//
// A bad input (not UTF-8, binary, empty, too large, malformed) does not stop
// the others: it is recorded as an *InputError in the Result, which is
// returned even when err is non-nil. err is non-nil only when ctx is done,
// emit fails (its error is returned wrapped), or opts are invalid.
//
// emit owns the document it is given; Read does not touch it afterwards.
func Read(ctx context.Context, inputs []string, opts Options, emit func(*sitrep.Document) error) (*Result, error) {
	r := &reader{
		ctx:      ctx,
		opts:     opts.withDefaults(),
		emit:     emit,
		res:      &Result{},
		seenHash: make(map[string]bool),
		seenURL:  make(map[string]bool),
		seenID:   make(map[string]string),
	}
	if opts.Published != "" {
		p, err := NormalizeDate(opts.Published)
		if err != nil {
			return r.res, fmt.Errorf("ingest: option Published: %w", err)
		}
		r.defaultPublished = p
	}
	defer func() {
		if p := recover(); p != nil {
			if ep, ok := p.(emitPanic); ok {
				panic(ep.v)
			}
			panic(p)
		}
	}()
	files := r.expand(inputs)
	r.progress.fn = opts.Progress
	for _, f := range files {
		if f.size < 0 {
			r.progress.total = -1
			break
		}
		r.progress.total += f.size
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return r.res, fmt.Errorf("ingest: %w", err)
		}
		if err := r.readFile(f); err != nil {
			return r.res, err
		}
	}
	r.progress.finish()
	return r.res, nil
}

// reader holds the state of one Read.
type reader struct {
	ctx              context.Context
	opts             Options
	emit             func(*sitrep.Document) error
	res              *Result
	defaultPublished string
	seenHash         map[string]bool
	seenURL          map[string]bool
	seenID           map[string]string // ID -> hash of the document that has it
	progress         progress
}

// fileInput is one file found by expanding the inputs.
type fileInput struct {
	path string // as given or found by walking; "-" for stdin
	size int64  // -1 for stdin
}

// expand turns inputs into the files to read. Inputs that cannot be
// opened are recorded as errors here.
func (r *reader) expand(inputs []string) []fileInput {
	var files []fileInput
	for _, in := range inputs {
		if in == "-" {
			files = append(files, fileInput{path: "-", size: -1})
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			r.fail(&InputError{Input: in, Err: err})
			continue
		}
		if !fi.IsDir() {
			files = append(files, fileInput{path: in, size: fi.Size()})
			continue
		}
		var found []fileInput
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				r.fail(&InputError{Input: p, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				// Directories are walked; symlinks, devices and pipes
				// are not followed, so a walk cannot loop or block.
				return nil
			}
			info, err := d.Info()
			if err != nil {
				r.fail(&InputError{Input: p, Err: err})
				return nil
			}
			found = append(found, fileInput{path: p, size: info.Size()})
			return nil
		})
		if err != nil {
			r.fail(&InputError{Input: in, Err: err})
		}
		// WalkDir is already lexical per directory; sorting the whole
		// list makes the order plain path order.
		sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
		files = append(files, found...)
	}
	return files
}

// readFile reads one top-level input. Only a context or emit error is
// returned; everything else is recorded in the Result.
func (r *reader) readFile(f fileInput) error {
	r.res.Inputs++
	name := f.path
	var rc io.ReadCloser
	if f.path == "-" {
		name = StdinName
		if r.opts.Stdin == nil {
			r.fail(&InputError{Input: name, Err: errors.New("no standard input given")})
			return nil
		}
		rc = io.NopCloser(r.opts.Stdin)
	} else {
		fh, err := os.Open(f.path)
		if err != nil {
			r.fail(&InputError{Input: name, Err: err})
			r.progress.add(f.size)
			return nil
		}
		rc = fh
	}
	defer rc.Close()
	cr := &countReader{r: rc, p: &r.progress}
	err := r.readStream(input{name: name, sniffName: f.path, r: cr, size: f.size, file: rc})
	if f.size >= 0 {
		// Account for bytes not read (a failed or partly read input) so
		// the bar reaches its end.
		r.progress.add(f.size - cr.n)
	}
	r.progress.report()
	return err
}

// input is one stream to read: a file, stdin, or an archive member.
type input struct {
	name      string    // as named in errors
	sniffName string    // name whose extension hints the format
	r         io.Reader // the content
	size      int64     // bytes of content if known, else -1
	file      io.Closer // the *os.File when r reads a file directly, for zip
	depth     int       // archive nesting
	head      []byte    // the first bytes of r, as sniffed
}

// readStream sniffs in and hands it to its format's reader, recovering a
// panic as a last resort so that one hostile input cannot end the run.
func (r *reader) readStream(in input) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(emitPanic); ok {
				// The caller's bug, not the input's: let it surface
				// (Read unwraps it).
				panic(p)
			}
			r.fail(&InputError{Input: in.name, Err: fmt.Errorf("internal error (panic): %v", p)})
			err = nil
		}
	}()
	head, br, herr := peek(in.r, sniffLen)
	if herr != nil {
		r.fail(&InputError{Input: in.name, Err: herr})
		return nil
	}
	in.r, in.head = br, head
	format := Sniff(in.sniffName, head)
	if forced := r.opts.Format; forced != FormatUnknown && format != FormatGzip && format != FormatZip {
		// A forced format applies to what is inside archives too, so
		// archives themselves are always sniffed.
		format = forced
	}
	switch format {
	case FormatGzip, FormatZip:
		if in.depth >= maxDepth {
			r.fail(&InputError{Input: in.name, Format: format, Err: fmt.Errorf("archives nested deeper than %d: %w", maxDepth, ErrBomb)})
			return nil
		}
		if format == FormatGzip {
			return r.readGzip(in)
		}
		return r.readZip(in)
	case FormatText:
		return r.readText(in)
	case FormatHTML:
		return r.readHTMLFile(in)
	case FormatFeed:
		return r.readFeed(in)
	case FormatJSONL:
		return r.readJSONL(in)
	case FormatWARC:
		return r.readWARC(in)
	}
	err = ErrFormat
	if looksBinary(head) {
		err = ErrBinary
	}
	r.fail(&InputError{Input: in.name, Err: err})
	return nil
}

// add records one document found in the input: it builds it, drops it as
// a duplicate or emits it. A document error is recorded against rec.name;
// only an emit or context error is returned.
func (r *reader) add(format Format, rec record) error {
	if err := r.ctx.Err(); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	d, err := r.document(rec)
	if err != nil {
		r.fail(&InputError{Input: rec.name, Format: format, Err: err})
		return nil
	}
	if r.duplicate(&d.Doc, rec.url) || r.opts.Known != nil && r.opts.Known(&d.Doc) {
		r.res.Duplicates++
		return nil
	}
	if prev, ok := r.seenID[d.Doc.ID]; ok && prev != d.Doc.Hash {
		// Two different texts claim one ID (two "report.txt" in
		// different directories): keep the ID unique within the run.
		d.Doc.ID += "-" + d.Doc.Hash[:8]
	}
	r.seenID[d.Doc.ID] = d.Doc.Hash
	if err := r.callEmit(d); err != nil {
		return fmt.Errorf("ingest %s: emit: %w", rec.name, err)
	}
	r.res.Documents++
	return nil
}

// fail records an input error, keeping at most MaxErrors of them.
func (r *reader) fail(e *InputError) {
	r.res.ErrorCount++
	if len(r.res.Errors) < r.opts.MaxErrors {
		r.res.Errors = append(r.res.Errors, e)
	}
}

// emitPanic carries a panic raised by the emit callback through the
// per-input recovery in readStream.
type emitPanic struct{ v any }

func (r *reader) callEmit(d *sitrep.Document) error {
	defer func() {
		if v := recover(); v != nil {
			panic(emitPanic{v})
		}
	}()
	return r.emit(d)
}
