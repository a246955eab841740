package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/golden"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

func miniResult(t *testing.T, edits map[string]scan.Answer) (*scan.Result, *q.Questionnaire) {
	t.Helper()
	data, err := os.ReadFile("../../scan/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	qn, err := q.Load("mini.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	a := scan.Answers{
		"sector": {Choice: "retail"}, "size": {Choice: "micro"}, "place": {Choice: "bussum"},
		"association":        {Choices: []string{"none"}},
		"impact-customers":   {Choice: "all"},
		"areas":              {Items: map[string]string{"marketing": "planned", "admin": "none"}},
		"statements":         {Choices: []string{"needs"}},
		"tools":              {Choices: []string{"website", "cloud-office"}},
		"staff":              {Choices: []string{}},
		"internet-use":       {Choice: "yes"},
		"data-use":           {Choices: []string{"stored"}},
		"security":           {Choice: "no"},
		"ai":                 {Items: map[string]string{"chatbots": "1", "vision": "0"}},
		"green":              {Choice: "partly"},
		"topics":             {Choices: []string{"ai"}},
		"company-name":       {Text: "Fietsenwinkel De Vries"},
		"consent-statistics": {Choice: "yes"}, "consent-follow-up": {Choice: "yes"}, "consent-handover": {Choice: "no"},
	}
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
