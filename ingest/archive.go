package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// readGzip decompresses a gzip stream (all members) and reads what is
// inside under the name of the .gz file, so errors read "x.jsonl.gz:3".
// The format inside is sniffed from the name without ".gz" and the
// decompressed bytes.
func (r *reader) readGzip(in input) error {
	cr := &countReader{r: in.r}
	zr, err := gzip.NewReader(cr)
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatGzip, Err: fmt.Errorf("%w: gzip: %v", ErrMalformed, err)})
		return nil
	}
	defer zr.Close()
	b := &budget{compressed: func() int64 { return cr.n }, max: r.opts.MaxArchiveBytes, ratio: r.opts.MaxRatio}
	inner := in.sniffName
	switch strings.ToLower(path.Ext(inner)) {
	case ".gz":
		inner = inner[:len(inner)-3]
	case ".tgz":
		inner = inner[:len(inner)-4] + ".tar"
	}
	return r.readStream(input{
		name:      in.name,
		sniffName: inner,
		r:         &guardReader{r: zr, budgets: []*budget{b}},
		size:      -1,
		depth:     in.depth + 1,
	})
}

// readZip reads every regular member of a zip archive as an input named
// "archive.zip/member". A member is limited by its own compression ratio
// and the archive as a whole by the ratio of all it decompresses to its
// size, which catches members that overlap in the file to multiply
// their output.
func (r *reader) readZip(in input) error {
	ra, size, err := r.zipSource(in)
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatZip, Err: err})
		return nil
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatZip, Err: fmt.Errorf("%w: zip: %v", ErrMalformed, err)})
		return nil
	}
	if len(zr.File) > r.opts.MaxRecords {
		r.fail(&InputError{Input: in.name, Format: FormatZip,
			Err: fmt.Errorf("%d members, more than %d: %w", len(zr.File), r.opts.MaxRecords, ErrTooMany)})
		return nil
	}
	whole := &budget{compressed: func() int64 { return size }, max: r.opts.MaxArchiveBytes, ratio: r.opts.MaxRatio}
	for _, f := range zr.File {
		if err := r.ctx.Err(); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		if !f.Mode().IsRegular() || skipMember(f.Name) {
			continue
		}
		if err := r.readZipMember(in, f, whole); err != nil {
			return err
		}
		if whole.out > whole.max || whole.out > ratioGrace && whole.out/max(size, 1) >= whole.ratio {
			// The archive's budget is spent: every further member would
			// fail the same way.
			r.fail(&InputError{Input: in.name, Format: FormatZip, Err: fmt.Errorf("members decompress to %d bytes from %d: %w", whole.out, size, ErrBomb)})
			return nil
		}
	}
	return nil
}

func (r *reader) readZipMember(in input, f *zip.File, whole *budget) error {
	r.res.Inputs++
	name := in.name + "/" + f.Name
	if f.UncompressedSize64 > uint64(r.opts.MaxArchiveBytes) {
		// The header may lie either way; the guard below counts what is
		// really produced. An honest header that is too large fails
		// without decompressing anything.
		r.fail(&InputError{Input: name, Err: fmt.Errorf("declares %d bytes: %w", f.UncompressedSize64, ErrTooLarge)})
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		r.fail(&InputError{Input: name, Err: fmt.Errorf("%w: zip member: %v", ErrMalformed, err)})
		return nil
	}
	defer rc.Close()
	compressed := int64(min(f.CompressedSize64, 1<<62))
	own := &budget{compressed: func() int64 { return compressed }, max: r.opts.MaxArchiveBytes, ratio: r.opts.MaxRatio}
	return r.readStream(input{
		name:      name,
		sniffName: f.Name,
		r:         &guardReader{r: rc, budgets: []*budget{own, whole}},
		size:      int64(min(f.UncompressedSize64, 1<<62)),
		depth:     in.depth + 1,
	})
}

// zipSource gives random access to a zip archive: the file itself when it
// is one, else its bytes read into memory under MaxInputBytes.
func (r *reader) zipSource(in input) (io.ReaderAt, int64, error) {
	if f, ok := in.file.(*os.File); ok && in.depth == 0 && in.size >= 0 {
		return f, in.size, nil
	}
	data, err := readLimited(in.r, r.opts.MaxInputBytes, in.size)
	if err != nil {
		return nil, 0, err
	}
	return bytes.NewReader(data), int64(len(data)), nil
}

// skipMember leaves out hidden files and the resource forks macOS adds.
func skipMember(name string) bool {
	name = toSlash(name)
	if strings.HasPrefix(name, "__MACOSX/") {
		return true
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}
