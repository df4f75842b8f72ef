package queue

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/sitrep/sitrep"
)

// wireDoc is an ingested document on SubjectDocs. sitrep.Doc leaves Raw
// out of its JSON form, and the text stage needs it, so it travels beside.
type wireDoc struct {
	Doc sitrep.Doc `json:"doc"`
	Raw string     `json:"raw"`
}

// docHash returns d's hash, computing the SHA-256 of Raw (or of Text when
// there is no Raw) when ingest left it empty.
func docHash(d *sitrep.Doc) string {
	if d.Hash != "" {
		return d.Hash
	}
	b := d.Raw
	if b == "" {
		b = d.Text
	}
	sum := sha256.Sum256([]byte(b))
	return hex.EncodeToString(sum[:])
}

// encodeDoc encodes the ingested part of d (its Doc) for SubjectDocs and
// returns the hash to use as message ID. Later layers are not sent: the
// worker computes them.
func encodeDoc(d *sitrep.Document) (data []byte, hash string, err error) {
	if d == nil || d.Doc.ID == "" {
		return nil, "", fmt.Errorf("%w: document without ID", sitrep.ErrMalformed)
	}
	w := wireDoc{Doc: d.Doc, Raw: d.Doc.Raw}
	w.Doc.Hash = docHash(&d.Doc)
	data, err = json.Marshal(w)
	if err != nil {
		return nil, "", fmt.Errorf("encode document %s: %w", d.Doc.ID, err)
	}
	return data, w.Doc.Hash, nil
}

// decodeDoc parses a SubjectDocs message into a fresh Document.
func decodeDoc(data []byte) (*sitrep.Document, error) {
	var w wireDoc
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("%w: decode queued document: %v", sitrep.ErrMalformed, err)
	}
	if w.Doc.ID == "" {
		return nil, fmt.Errorf("%w: queued document has no doc.id", sitrep.ErrMalformed)
	}
	d := &sitrep.Document{Doc: w.Doc}
	d.Doc.Raw = w.Raw
	if d.Doc.Hash == "" {
		d.Doc.Hash = docHash(&d.Doc)
	}
	return d, nil
}

// decodeStored parses a SubjectStored notice: a processed record.
func decodeStored(data []byte) (*sitrep.Document, error) {
	var d sitrep.Document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%w: decode stored notice: %v", sitrep.ErrMalformed, err)
	}
	if d.Doc.ID == "" {
		return nil, fmt.Errorf("%w: stored notice has no doc.id", sitrep.ErrMalformed)
	}
	return &d, nil
}
