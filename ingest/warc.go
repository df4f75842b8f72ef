package ingest

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	warc "github.com/internetarchive/gowarc"
)

// readWARC reads a WARC file. Each response record holding an HTML page
// with status 2xx (and each resource record holding HTML) becomes a
// document named "path#record-N" (N counts every record from 1); its URL is
// the WARC-Target-URI and, when the page names no date, Published is the
// WARC-Date (the capture time). Other records are counted as Skipped.
// Compressed WARC files reach here already decompressed by readGzip, under
// its limits.
func (r *reader) readWARC(in input) error {
	if !strings.HasPrefix(string(in.head), "WARC/") {
		// gowarc would decompress bzip2, xz or zstd itself, outside the
		// archive limits; only plain WARC (gzip is undone by readGzip)
		// goes to it.
		err := fmt.Errorf("%w: does not start with \"WARC/\"", ErrMalformed)
		if len(in.head) == 0 {
			err = ErrEmpty
		}
		r.fail(&InputError{Input: in.name, Format: FormatWARC, Err: err})
		return nil
	}
	wr, err := warc.NewReader(in.r)
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatWARC, Err: err})
		return nil
	}
	defer wr.Close()
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		name := fmt.Sprintf("%s#record-%d", in.name, n)
		if n > r.opts.MaxRecords {
			r.fail(&InputError{Input: name, Format: FormatWARC, Err: fmt.Errorf("more than %d records: %w", r.opts.MaxRecords, ErrTooMany)})
			return nil
		}
		rec, err := readWARCRecord(wr)
		if err == io.EOF { // a clean end; a wrapped EOF is a truncated record
			if n == 1 {
				r.fail(&InputError{Input: in.name, Format: FormatWARC, Err: ErrEmpty})
			}
			return nil
		}
		if err != nil {
			// The reader cannot resynchronise after a broken record.
			if !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrBomb) {
				err = fmt.Errorf("%w: warc: %v", ErrMalformed, err)
			}
			r.fail(&InputError{Input: name, Format: FormatWARC, Err: err})
			return nil
		}
		err = r.warcRecord(name, rec)
		rec.Content.Close()
		if err != nil {
			return err
		}
	}
}

// readWARCRecord is ReadRecord with a panic in the reader turned into an
// error.
func readWARCRecord(wr *warc.Reader) (rec *warc.Record, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("warc reader failed (panic): %v", v)
		}
	}()
	return wr.ReadRecord()
}

// warcRecord turns one record into a document if it holds an HTML page.
func (r *reader) warcRecord(name string, rec *warc.Record) error {
	h := rec.Header
	var (
		body        io.Reader
		contentType string
	)
	if _, err := rec.Content.Seek(0, io.SeekStart); err != nil {
		r.fail(&InputError{Input: name, Format: FormatWARC, Err: err})
		return nil
	}
	switch strings.ToLower(h.Get("WARC-Type")) {
	case "response":
		if !strings.HasPrefix(strings.ToLower(h.Get("Content-Type")), "application/http") {
			r.res.Skipped++ // e.g. a DNS response
			return nil
		}
		resp, err := http.ReadResponse(bufio.NewReader(rec.Content), nil)
		if err != nil {
			r.fail(&InputError{Input: name, Format: FormatWARC, Err: fmt.Errorf("%w: http response: %v", ErrMalformed, err)})
			return nil
		}
		defer resp.Body.Close()
		contentType = resp.Header.Get("Content-Type")
		if resp.StatusCode < 200 || resp.StatusCode > 299 || !isHTMLType(contentType) {
			r.res.Skipped++
			return nil
		}
		body, err = decodeContentEncoding(resp.Body, resp.Header.Get("Content-Encoding"), r.opts)
		if err != nil {
			r.fail(&InputError{Input: name, Format: FormatWARC, Err: err})
			return nil
		}
	case "resource":
		contentType = h.Get("Content-Type")
		if !isHTMLType(contentType) {
			r.res.Skipped++
			return nil
		}
		body = rec.Content
	default:
		r.res.Skipped++ // request, metadata, warcinfo, revisit, ...
		return nil
	}
	data, err := readLimited(body, r.opts.MaxDocBytes, 0)
	if err != nil {
		r.fail(&InputError{Input: name, Format: FormatWARC, Err: err})
		return nil
	}
	p := page{url: strings.Trim(h.Get("WARC-Target-URI"), "<> "), contentType: contentType}
	if t, err := time.Parse(time.RFC3339, h.Get("WARC-Date")); err == nil {
		p.fetched = t
	}
	doc, err := extractPage(data, p)
	if err != nil {
		r.fail(&InputError{Input: name, Format: FormatWARC, Err: err})
		return nil
	}
	doc.name = name
	return r.add(FormatWARC, r.withHostSource(doc))
}

func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodeContentEncoding undoes gzip or deflate transfer compression of an
// archived response body, under the archive limits.
func decodeContentEncoding(body io.Reader, enc string, opts Options) (io.Reader, error) {
	cr := &countReader{r: body}
	var dec io.Reader
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(cr)
		if err != nil {
			return nil, fmt.Errorf("%w: content-encoding gzip: %v", ErrMalformed, err)
		}
		dec = zr
	case "deflate":
		dec = flate.NewReader(cr)
	default:
		return nil, fmt.Errorf("content-encoding %q not supported: %w", enc, ErrFormat)
	}
	b := &budget{compressed: func() int64 { return cr.n }, max: opts.MaxArchiveBytes, ratio: opts.MaxRatio}
	return &guardReader{r: dec, budgets: []*budget{b}}, nil
}
