package ingest

import (
	"path"
	"strings"
)

// readText reads a plain-text report with optional front matter. Its ID is
// the front matter's, else the file stem (as in docs/record.md), else
// derived from the content hash (stdin).
func (r *reader) readText(in input) error {
	data, err := readLimited(in.r, r.opts.MaxDocBytes, in.size)
	if err == nil {
		err = checkText(data)
	}
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatText, Err: err})
		return nil
	}
	fm, body, err := ParseFrontMatter(string(data))
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatText, Err: err})
		return nil
	}
	id := fm.ID
	if id == "" && in.sniffName != "-" {
		id = strings.TrimSuffix(path.Base(toSlash(in.sniffName)), path.Ext(in.sniffName))
	}
	return r.add(FormatText, record{
		name:      in.name,
		id:        id,
		source:    fm.Source,
		url:       fm.URL,
		title:     fm.Title,
		published: fm.Published,
		text:      body,
	})
}

// toSlash makes OS paths and archive member names alike for path.Base.
func toSlash(p string) string {
	return strings.ReplaceAll(p, "\\", "/")
}
