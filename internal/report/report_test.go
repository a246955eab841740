package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/fixture"
	"github.com/gooivechtstreek/digiscan/internal/golden"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

func miniResult(t *testing.T, edits map[string]scan.Answer) (*scan.Result, *q.Questionnaire) {
	t.Helper()
	qn := fixture.Mini(t)
	a := fixture.Shop()
	for k, v := range edits {
		a[k] = v
	}
	if ps := scan.Check(qn, a); len(ps) > 0 {
		t.Fatalf("answers do not check: %v", ps)
	}
	r, err := scan.Score(qn, a, scan.Options{AsOf: date.MustParse("2026-11-27"), Mode: scan.ModeSelf})
	if err != nil {
		t.Fatal(err)
	}
	r.ID = "test-0001"
	return r, qn
}

func TestTerminalGolden(t *testing.T) {
	r, qn := miniResult(t, nil)
	for _, lang := range i18n.Langs {
		var b bytes.Buffer
		if err := Terminal(&b, r, qn, lang, Style{Width: 80}); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "terminal."+string(lang)+".txt"), b.Bytes())
	}
}
