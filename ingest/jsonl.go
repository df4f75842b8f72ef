package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// JSON Lines field names, in order of preference.
var (
	jsonlText      = []string{"text", "body", "content"}
	jsonlPublished = []string{"published", "date", "published_at", "datetime"}
)

// readJSONL reads one JSON object per line. The text comes from "text",
// "body" or "content" ("html" is reduced to text when none is present);
// "id", "title", "url", "source" and "published" or "date" fill the rest.
// A bad line fails as "path:N" and the next line is read.
func (r *reader) readJSONL(in input) error {
	br := bufio.NewReaderSize(in.r, 64<<10)
	records := 0
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := readLine(br, r.opts.MaxDocBytes)
		if err != nil && !errors.Is(err, io.EOF) {
			// A read error (a gzip checksum, an archive limit) ends the
			// file; the line it broke names where.
			r.fail(&InputError{Input: fmt.Sprintf("%s:%d", in.name, lineNo), Format: FormatJSONL, Err: err})
			return nil
		}
		eof := errors.Is(err, io.EOF)
		name := fmt.Sprintf("%s:%d", in.name, lineNo)
		switch {
		case tooLong:
			r.fail(&InputError{Input: name, Format: FormatJSONL, Err: fmt.Errorf("line of more than %d bytes: %w", r.opts.MaxDocBytes, ErrTooLarge)})
		case len(bytes.TrimSpace(line)) == 0:
			// Blank lines separate nothing; skip them quietly.
		default:
			records++
			if records > r.opts.MaxRecords {
				r.fail(&InputError{Input: name, Format: FormatJSONL, Err: fmt.Errorf("more than %d records: %w", r.opts.MaxRecords, ErrTooMany)})
				return nil
			}
			rec, err := parseJSONLine(line)
			if err != nil {
				r.fail(&InputError{Input: name, Format: FormatJSONL, Err: err})
				break
			}
			rec.name = name
			if err := r.add(FormatJSONL, rec); err != nil {
				return err
			}
		}
		if eof {
			return nil
		}
	}
}

// readLine reads one line without its end. A line longer than max bytes
// is consumed and reported as tooLong without being held in memory.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(buf)+len(chunk)) > max+1 { // +1 for the '\n'
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(buf, []byte("\n")), tooLong, err
	}
}

// parseJSONLine decodes one JSON Lines record.
func parseJSONLine(line []byte) (record, error) {
	var rec record
	if !utf8.Valid(line) {
		return rec, fmt.Errorf("%w (first bad byte at offset %d)", ErrNotUTF8, invalidUTF8At(line))
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return rec, fmt.Errorf("%w: json: %v", ErrMalformed, err)
	}
	if dec.More() {
		return rec, fmt.Errorf("%w: json: more than one value on the line", ErrMalformed)
	}
	if m == nil {
		return rec, fmt.Errorf("%w: json: want an object, got null", ErrMalformed)
	}
	var err error
	str := func(keys ...string) string {
		for _, k := range keys {
			v, ok := m[k]
			if !ok || v == nil {
				continue
			}
			switch v := v.(type) {
			case string:
				if v != "" {
					return v
				}
			case json.Number:
				return v.String()
			default:
				if err == nil {
					err = fmt.Errorf("%w: field %q: want a string, got %s", ErrMalformed, k, jsonKind(v))
				}
			}
		}
		return ""
	}
	rec.id = str("id")
	rec.title = str("title", "headline")
	rec.url = str("url", "link")
	rec.source = str("source", "outlet")
	rec.text = str(jsonlText...)
	if rec.text == "" {
		rec.text = fragmentText(str("html"))
	}
	published := str(jsonlPublished...)
	if err != nil {
		return rec, err
	}
	if rec.published, err = NormalizeDate(published); err != nil {
		return rec, fmt.Errorf("field published: %w", err)
	}
	return rec, nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
