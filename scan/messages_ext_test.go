package scan_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/synth"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// English words that never appear in a Dutch message, and the other way
// round (ids such as dont-know, yes/no, ja/nee are the same in both).
var (
	english = regexp.MustCompile(`\b(unknown|expected|found|missing|option|options|item|items|answer|question|asked|only when|not when|did you mean|digits|character|number|text is)\b`)
	dutch   = regexp.MustCompile(`\b(onbekende?|verwacht|gevonden|keuzes?|onderdeel|onderdelen|vraag|vragen|gesteld|alleen als|niet als|bedoelt|cijfers|teken|getal)\b`)
)

// checkLanguages fails when p's Dutch reads English or its English Dutch,
// or Msg is not the English.
func checkLanguages(t *testing.T, what string, text i18n.Text, msg string) {
	t.Helper()
	if text.NL == "" || text.EN == "" || text.NL == text.EN {
		t.Errorf("%s: not in both languages: %+v", what, text)
	}
	// Quoted values and ids are the user's: leave them out.
	strip := regexp.MustCompile(`"[^"]*"|\{[^}]*\}|[a-z0-9]+(-[a-z0-9]+)+`)
	if m := english.FindString(strip.ReplaceAllString(text.NL, "")); m != "" {
		t.Errorf("%s: Dutch has English %q: %s", what, m, text.NL)
	}
	if m := dutch.FindString(strip.ReplaceAllString(text.EN, "")); m != "" {
		t.Errorf("%s: English has Dutch %q: %s", what, m, text.EN)
	}
	if msg != text.EN {
		t.Errorf("%s: Msg %q is not the English %q", what, msg, text.EN)
	}
}

// Each kind of problem a cell or an answers file can have comes in
// Dutch and in English, each wholly in its language.
func TestProblemsInBothLanguages(t *testing.T) {
	g, err := synth.New(5)
	if err != nil {
		t.Fatal(err)
	}
	qn := g.Qn
	names := qn.SurveyColumns()
	cols := make([]scan.Column, len(names))
	for i, h := range names {
		qid, item, _ := strings.Cut(h, ".")
		cols[i] = scan.Column{Question: qn.Question(qid), Item: qn.Item(qid, item)}
	}
	col := func(name string) int {
		for i, n := range names {
			if n == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	sheet := scan.NewSheet(qn, cols, nil)
	cases := []struct{ col, cell string }{
		{"sector", "retial"},
		{"sector", "nonsense"},
		{"consent-statistics", "misschien"},
		{"tools", "website||cloud-office"},
		{"tools", "website|website"},
		{"tools", "website|bogus"},
		{"kvk-number", "12ab5678"},
		{"kvk-number", "1234567"},
		{"company-name", "Bakkerij\x1b[2J"},
		{"company-name", strings.Repeat("x", scan.MaxText+1)},
		{"company-name", "\xff\xfe"},
		{"size", ""},    // a required answer missing
		{"size", "zzp"}, // questions that are not asked of a zzp'er
		{"tools", "none|website"},
		{"strategy-areas.planning", "plannd"},
	}
	for _, c := range cases {
		// Some problems need a row that answers otherwise (questions
		// asked only of a business with staff): try rows until one has it.
		found := false
		for i := 0; i < 40 && !found; i++ {
			cells := synth.SurveyRow(qn, names, g.AnswersOf(i))
			cells[col(c.col)] = c.cell
			_, ps, err := sheet.Row(cells, scan.Options{AsOf: g.AsOf, Mode: scan.ModeSurvey})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				found = true
				checkLanguages(t, c.col+"="+c.cell, p.Text, p.Msg)
			}
		}
		if !found {
			t.Errorf("%s=%q: no problem in 40 rows", c.col, c.cell)
		}
	}

	// Answers files: the errors carry both languages too.
	for _, doc := range []string{
		"answers: [1]\n",
		"lang: de\nanswers: {}\n",
		"answers:\n  sectr: retail\n",
		"answers:\n  sector: [retail]\n  size: {a: b}\n  tools: {a: b}\n  consent-statistics: maybe\n  employees: x\n",
		"answers:\n  strategy-areas: {plannng: none}\n  tools: [website, website]\n",
	} {
		f, err := scan.ParseFile("a.yaml", []byte(doc))
		if err == nil {
			_, err = f.Answers(qn)
		}
		if err == nil {
			t.Fatalf("%q: no error", doc)
		}
		for _, e := range strictyaml.List(err) {
			checkLanguages(t, doc, e.Text, e.Msg)
			if e.Line == 0 {
				t.Errorf("%q: no line: %v", doc, e)
			}
			if !strings.HasPrefix(e.In(i18n.NL), "a.yaml:") {
				t.Errorf("%q: no file in %q", doc, e.In(i18n.NL))
			}
		}
	}
}
