package export_test

import (
	"fmt"

	"github.com/gooivechtstreek/digiscan/internal/export"
)

func ExampleQuarter() {
	fmt.Println(export.Quarter("2026-11-27"))
	// Output: 2026-Q4
}
