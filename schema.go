package sitrep

import _ "embed"

// RecordSchema is the JSON Schema (draft 2020-12) of a Document's JSON
// form, the per-document record written by `sitrep extract`.
//
//go:embed docs/record.schema.json
var RecordSchema []byte
