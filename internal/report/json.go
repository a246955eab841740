package report

import (
	"encoding/json"
	"io"

	"github.com/gooivechtstreek/digiscan/scan"
)

// JSON writes the result with its stable keys (docs/design.md, "Result
// JSON"), indented.
func JSON(w io.Writer, r *scan.Result) error { return WriteJSON(w, r) }

// WriteJSON writes v as indented JSON, with <, > and & as they are (the
// output is read by people and programs, not put in HTML).
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
