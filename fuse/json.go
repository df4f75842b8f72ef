package fuse

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep/sitrep"
)

// WriteJSON writes s as indented JSON, the fused record of
// docs/record.md.
func WriteJSON(w io.Writer, s sitrep.Situation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("fuse: write json: %w", err)
	}
	return nil
}
