package export_test

import (
	"fmt"
	"os"

	"github.com/gooivechtstreek/digiscan/internal/export"
)

// A text cell that Excel would run as a formula gets an apostrophe;
// numbers get a decimal comma in the Excel dialect (shown here without
// its BOM and CRLF).
func ExampleCSVWriter() {
	d := export.Excel
	d.BOM, d.CRLF = false, false
	w := export.NewCSVWriter(os.Stdout, d)
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

func ExampleQuarter() {
	fmt.Println(export.Quarter("2026-11-27"))
	// Output: 2026-Q4
}
