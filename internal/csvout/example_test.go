package csvout_test

import (
	"os"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
)

// A text cell that Excel would run as a formula gets an apostrophe;
// numbers get a decimal comma in the Excel dialect (shown here without
// its BOM and CRLF).
func ExampleWriter() {
	d := csvout.Excel
	d.BOM, d.CRLF = false, false
	w := csvout.NewWriter(os.Stdout, d)
	w.Record("name", "score", "basic")
	w.Text("=HYPERLINK(\"http://example.org\")")
	w.Number(-12.5)
	w.Bool(true)
	w.End()
	w.Flush()
	// Output:
	// name;score;basic
	// "'=HYPERLINK(""http://example.org"")";-12,5;1
}
