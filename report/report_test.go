package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func miniResult(t *testing.T, edits map[string]scan.Answer) (*scan.Result, *q.Questionnaire) {
	t.Helper()
	data, err := os.ReadFile("../scan/testdata/mini.yaml")
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

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./report -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestTerminalGolden(t *testing.T) {
	r, qn := miniResult(t, nil)
	for _, lang := range i18n.Langs {
		var b bytes.Buffer
		if err := Terminal(&b, r, qn, lang, Style{Width: 80}); err != nil {
			t.Fatal(err)
		}
		golden(t, "terminal."+string(lang)+".txt", b.Bytes())
	}
}
