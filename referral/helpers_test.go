package referral

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// today is the as-of date of the tests: the day the catalogue was reviewed.
var today = date.MustParse("2026-11-27")

func intake(t testing.TB) *questionnaires.Questionnaire {
	t.Helper()
	qn, err := questionnaires.Builtin("intake")
	if err != nil {
		t.Fatal(err)
	}
	return qn
}

func builtin(t testing.TB) *Catalogue {
	t.Helper()
	c, err := Builtin(DefaultName)
	if err != nil {
		t.Fatalf("the embedded catalogue does not load:\n%v", err)
	}
	return c
}

// scored scores testdata/businesses/NAME.yaml against the intake as of asOf.
func scored(t testing.TB, name string, asOf date.Date, lang i18n.Lang) *scan.Result {
	t.Helper()
	path := filepath.Join("testdata", "businesses", name+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return scoreAnswers(t, path, data, asOf, lang)
}

func scoreAnswers(t testing.TB, name string, data []byte, asOf date.Date, lang i18n.Lang) *scan.Result {
	t.Helper()
	qn := intake(t)
	f, err := scan.ParseFile(name, data)
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.Answers(qn)
	if err != nil {
		t.Fatalf("answers do not check:\n%v", err)
	}
	r, err := scan.Score(qn, a, scan.Options{AsOf: asOf, Lang: lang, Mode: scan.ModeAdvisor})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// matched scores a business and matches it against the embedded catalogue.
func matched(t testing.TB, name string, asOf date.Date, lang i18n.Lang) *scan.Result {
	t.Helper()
	r := scored(t, name, asOf, lang)
	if err := Match(builtin(t), intake(t), r, Options{AsOf: asOf, Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return r
}

func ids(refs []scan.Referral) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Programme
	}
	return out
}

func mustRead(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
