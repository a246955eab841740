package survey

import (
	"errors"
	"strings"
	"testing"
)

// Hostile headers and cells (issue 12): the error stays short and the work
// bounded — a 1,000,000-column header, 100 unknown columns, a 10 MB cell.
func TestBoundedErrors(t *testing.T) {
	s := newSurvey(t, 1)
	for _, tc := range []struct {
		name   string
		data   func() []byte
		want   string
		maxLen int
	}{
		{"a million columns", func() []byte {
			return []byte(strings.Repeat("x,", 999_999) + "x\n")
		}, "1000000 columns, more than the 2000", 300},
		{"many unknown columns", func() []byte {
			cols := append([]string{}, s.cols...)
			for i := range 100 {
				cols = append(cols, "unknown-column-"+strings.Repeat("z", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26)))
			}
			return []byte(strings.Join(cols, ",") + "\n" + strings.Join(s.rows[0], ",") + strings.Repeat(",", 100) + "\n")
		}, "… and 80 more", 4000},
		{"a 10 MB cell", func() []byte {
			row := append([]string{}, s.rows[0]...)
			for i, c := range s.cols {
				if c == "sector" {
					row[i] = strings.Repeat("r", 10<<20)
				}
			}
			return []byte(strings.Join(s.cols, ",") + "\n" + strings.Join(row, ",") + "\n")
		}, `… (10485760 characters)`, 2000},
	} {
		data := tc.data()
		o := opts()
		o.StrictColumns = true // unknown columns are an error, whose text must stay short
		sum, _, err := score(t, data, o)
		msg := ""
		var cols *ColumnsError
		switch {
		case errors.As(err, &cols):
			msg = err.Error()
		case err != nil:
			t.Fatalf("%s: %v", tc.name, err)
		case len(sum.Problems) > 0:
			msg = strings.Join(sum.Problems[0].Problems, "; ")
		}
		if !strings.Contains(msg, tc.want) || len(msg) > tc.maxLen {
			t.Errorf("%s: %d bytes: %.500s", tc.name, len(msg), msg)
		}
	}
}
