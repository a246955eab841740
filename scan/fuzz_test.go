package scan_test

import (
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/fixture"
	"github.com/gooivechtstreek/digiscan/scan"
)

// FuzzAnswersFile: any bytes as an answers file give answers that are
// checked and scored, or an error — never a panic (issue 12). Seeds:
// testdata/fuzz/FuzzAnswersFile.
func FuzzAnswersFile(f *testing.F) {
	qn, err := fixture.LoadMini()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := scan.ParseFile("fuzz.yaml", data)
		if err != nil {
			return
		}
		answers, err := file.Answers(qn)
		if err != nil {
			return
		}
		for id, a := range answers {
			if qu := qn.Question(id); qu != nil && a.Text != "" && scan.CheckText(qu, a.Text) == "" && !printable(a.Text) {
				t.Fatalf("%s: an unsafe text passed: %q", id, a.Text)
			}
		}
		_, _, _ = scan.CheckScore(qn, answers, scan.Options{AsOf: date.MustParse("2026-11-27"), Mode: scan.ModeSelf})
	})
}

func printable(s string) bool { return scan.CheckPrintable(s) == "" }
