package demo

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
)

// FS holds the reports as reports/NN-slug.txt.
//
//go:embed reports/*.txt
var FS embed.FS

// Dir is the directory inside FS that holds the reports.
const Dir = "reports"

// Report is one demo report with the header fields that sitrep.Doc has no
// place for.
type Report struct {
	Document sitrep.Document
	Kind     string // wire, state, blog, farm, newspaper, ngo, republished
}

// Documents returns every report as a sitrep.Document with Doc filled:
// ID is the file stem, Raw the body and Hash the hex SHA-256 of Raw.
// They come in file-name order.
func Documents() ([]sitrep.Document, error) {
	rs, err := Reports()
	if err != nil {
		return nil, err
	}
	docs := make([]sitrep.Document, len(rs))
	for i, r := range rs {
		docs[i] = r.Document
	}
	return docs, nil
}

// Reports is Documents with each report's Kind.
func Reports() ([]Report, error) {
	names, err := fs.Glob(FS, Dir+"/*.txt")
	if err != nil {
		return nil, fmt.Errorf("demo: list reports: %w", err)
	}
	sort.Strings(names)
	out := make([]Report, 0, len(names))
	for _, name := range names {
		b, err := FS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("demo: read %s: %w", name, err)
		}
		r, err := parse(name, string(b))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func parse(name, data string) (Report, error) {
	fm, body, err := ingest.ParseFrontMatter(data)
	if err != nil {
		return Report{}, fmt.Errorf("demo: %s: %w", name, err)
	}
	if strings.TrimSpace(body) == "" {
		return Report{}, fmt.Errorf("demo: %s: empty body", name)
	}
	if fm.Source == "" || fm.Published == "" {
		return Report{}, fmt.Errorf("demo: %s: header needs Source and Published", name)
	}
	sum := sha256.Sum256([]byte(body))
	id := fm.ID
	if id == "" {
		id = strings.TrimSuffix(path.Base(name), ".txt")
	}
	return Report{
		Kind: fm.Kind,
		Document: sitrep.Document{Doc: sitrep.Doc{
			ID:        id,
			Source:    fm.Source,
			URL:       fm.URL,
			Title:     fm.Title,
			Published: fm.Published,
			Raw:       body,
			Hash:      hex.EncodeToString(sum[:]),
		}},
	}, nil
}
