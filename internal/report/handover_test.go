package report

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/golden"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
)

// exampleNames are the five businesses of examples/answers.
var exampleNames = []string{"fotograaf-laren", "winkel-hilversum", "maakbedrijf-huizen", "mediabedrijf-hilversum", "installateur-eemnes"}

// exampleResult scores an example answers file as `digiscan scan --answers
// FILE --as-of 2026-11-27` does, in the file's language.
func exampleResult(t testing.TB, name string) (*scan.Result, *q.Questionnaire, i18n.Lang) {
	t.Helper()
	path := filepath.Join("..", "..", "examples", "answers", name+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	file, err := scan.ParseFile(path, data)
	if err != nil {
		t.Fatal(err)
	}
	qn, err := q.Open(file.Questionnaire, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := file.Answers(qn)
	if err != nil {
		t.Fatal(err)
	}
	lang := i18n.Lang(file.Lang)
	asOf := date.MustParse("2026-11-27")
	r, err := scan.Score(qn, scan.Prune(qn, a), scan.Options{AsOf: asOf, Lang: lang, Mode: scan.ModeAdvisor})
	if err != nil {
		t.Fatal(err)
	}
	r.ID = "20261127-" + name
	r.CreatedAt = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	r.Advisor, r.Organisation = "Anna de Boer (voorbeeld)", "Ondernemersloket (voorbeeld)"
	cat, err := referral.Open(referral.DefaultName, "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := referral.Match(cat, qn, r, referral.Options{AsOf: asOf, Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return r, qn, lang
}

var examplePrivacy = Privacy{Controller: "Regio (voorbeeld)", Retention: "2 jaar", Contact: "privacy@example.org"}

// The hand-over report of each example business, in HTML and Markdown, is
// what the golden files hold (regenerate: go test ./internal/report -update).
func TestHandoverGolden(t *testing.T) {
	for _, name := range exampleNames {
		t.Run(name, func(t *testing.T) {
			r, qn, lang := exampleResult(t, name)
			h, err := NewHandover(HandoverInput{Result: r, Qn: qn, Lang: lang, Privacy: examplePrivacy})
			if err != nil {
				t.Fatal(err)
			}
			var html, md bytes.Buffer
			if err := HandoverHTML(&html, h); err != nil {
				t.Fatal(err)
			}
			if err := HandoverMarkdown(&md, h); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "handover", name+".html"), html.Bytes())
			golden.Check(t, filepath.Join("testdata", "handover", name+".md"), md.Bytes())
		})
	}
}

// The page is self-contained and accessible by construction: lang set, no
// script, nothing fetched, each chart an image with a title, a description
// and a table of its numbers.
func TestHandoverHTMLSelfContained(t *testing.T) {
	for _, name := range exampleNames {
		r, qn, lang := exampleResult(t, name)
		for _, l := range i18n.Langs {
			_ = lang
			h, err := NewHandover(HandoverInput{Result: r, Qn: qn, Lang: l, Privacy: examplePrivacy})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := HandoverHTML(&b, h); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			checks := []struct {
				what string
				ok   bool
			}{
				{"lang attribute", strings.Contains(page, `<html lang="`+string(l)+`">`)},
				{"no script", !strings.Contains(strings.ToLower(page), "<script")},
				{"nothing fetched (src=, <link, @import, url()", !regexp.MustCompile(`(?i)\ssrc=|<link|@import|url\(`).MatchString(page)},
				{"two charts as images", strings.Count(page, `role="img"`) == 2},
				{"chart titles", strings.Count(page, "<title id=") == 2},
				{"chart descriptions", strings.Count(page, "<desc id=") == 2},
				{"tables of the numbers", strings.Count(page, "<table>") >= 2},
				{"print style sheet for A4", strings.Contains(page, "@page { size: A4")},
				{"impact in the table", strings.Contains(page, `<td class="n">`+num(r.Impact)+`</td>`)},
				{"no missing message", !strings.Contains(page, "[handover.")},
			}
			for _, c := range checks {
				if !c.ok {
					t.Errorf("%s (%s): %s fails", name, l, c.what)
				}
			}
		}
	}
}

// Every text key the templates use exists in messages.yaml (a missing one
// would show as [key]).
func TestHandoverTemplateKeys(t *testing.T) {
	key := regexp.MustCompile(`\{\{-?\s*\$\.T\s+"([^"]+)"`)
	n := 0
	for _, f := range []string{"templates/handover.html.tmpl", "templates/handover.md.tmpl"} {
		src, err := handoverFS.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(src), -1) {
			n++
			if !msg.Has(m[1]) {
				t.Errorf("%s: message %q is not in messages.yaml", f, m[1])
			}
		}
	}
	if n < 20 {
		t.Fatalf("found only %d keys; the pattern is broken", n)
	}
}

// Rendering a report after the first (the templates are parsed once, on
// first use): go test -bench Handover ./internal/report
func BenchmarkHandover(b *testing.B) {
	r, qn, lang := exampleResult(b, "maakbedrijf-huizen")
	for _, f := range []struct {
		name   string
		render func(io.Writer, *Handover) error
	}{{"html", HandoverHTML}, {"md", HandoverMarkdown}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				h, err := NewHandover(HandoverInput{Result: r, Qn: qn, Lang: lang, Privacy: examplePrivacy})
				if err != nil {
					b.Fatal(err)
				}
				if err := f.render(io.Discard, h); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// "Since your last scan": the change per score, the quadrant then and now,
// what came of each earlier referral, and a note when the questionnaires
// differ.
func TestHandoverSince(t *testing.T) {
	r, qn, _ := exampleResult(t, "winkel-hilversum")
	prev := *r
	prev.AsOf = date.MustParse("2025-11-20")
	prev.Impact, prev.Quadrant = 40, "low-urgency"
	prev.Dimensions = nil
	for _, d := range r.Dimensions {
		s := *d.Score + 5
		d.Score = &s
		prev.Dimensions = append(prev.Dimensions, d)
	}
	day := date.MustParse("2026-01-15")
	fus := []FollowUpOutcome{
		{Programme: "a", Name: "Alpha", Outcome: "contacted", Date: day},
		{Programme: "b", Name: "Beta", Outcome: "applied", Date: day},
		{Programme: "c", Outcome: "started", Date: day},
		{Programme: "d", Name: "Delta", Outcome: "not-pursued", Reason: "te duur", Date: day},
		{Programme: "e", Name: "Epsilon", Date: day},
	}
	tests := []struct {
		name   string
		prev   func(p *scan.Result)
		fus    []FollowUpOutcome
		want   []string
		absent []string
	}{
		{name: "same version", fus: fus, want: []string{
			"Uw vorige scan was op 20-11-2025.",
			"U bent van het vak „Geen haast” naar „Veel te winnen” gegaan.",
			"| Impact | 40 | 68 | +28 |",
			"| Digitale strategie | 20 | 15 | -5 |",
			"- Alpha: contact opgenomen (15-01-2026).",
			"- Beta: aangemeld of aangevraagd (15-01-2026).",
			"- c: begonnen (15-01-2026).",
			"- Delta: niet gedaan (15-01-2026), omdat: te duur.",
			"- Epsilon: nog geen uitkomst vastgelegd.",
		}, absent: []string{"Vergelijk de scores daarom voorzichtig", "Er is niets vastgelegd"}},
		{name: "no follow-ups recorded", want: []string{"Er is niets vastgelegd over wat er van de vorige verwijzingen kwam."}},
		{name: "other version", prev: func(p *scan.Result) { p.Questionnaire.Hash = "sha256:other" },
			want: []string{"De vragenlijst is sindsdien veranderd. Vergelijk de scores daarom voorzichtig."}},
		{name: "other questionnaire", prev: func(p *scan.Result) { p.Questionnaire.ID, p.Questionnaire.Hash = "other", "sha256:other" },
			want:   []string{"De vorige scan gebruikte een andere vragenlijst. Alleen het vak is te vergelijken."},
			absent: []string{"| Impact |"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := prev
			if tt.prev != nil {
				tt.prev(&p)
			}
			h, err := NewHandover(HandoverInput{Result: r, Qn: qn, Lang: i18n.NL, Privacy: examplePrivacy, Previous: &p, FollowUps: tt.fus})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := HandoverMarkdown(&b, h); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			i := strings.Index(md, "## Sinds uw vorige scan")
			if i < 0 {
				t.Fatalf("no section:\n%s", md)
			}
			md = md[i:]
			for _, w := range tt.want {
				if !strings.Contains(md, w) {
					t.Errorf("missing %q in:\n%s", w, md)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(md, a) {
					t.Errorf("unexpected %q", a)
				}
			}
		})
	}
}
