package survey

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// googleForms writes the answers of n synthetic businesses as a Google
// Forms response sheet exported as CSV would have them: a Tijdstempel
// column, the question titles as headings ("Title [Row]" for a grid),
// answer labels, the options of a checkbox question joined by ", ", and
// an e-mail column; and the map that reads it.
func googleForms(t testing.TB, n int) (data, mapYAML []byte) {
	g := generator(t)
	qn := g.Qn
	var m strings.Builder
	m.WriteString("# Map for a Google Forms export of the intake (made by the test).\ncolumns:\n")
	header := []string{"Tijdstempel", "E-mailadres"}
	var cols []string // question id or question.item, by column after the two
	for _, qu := range qn.Questions() {
		switch {
		case qu.Derived:
		case qu.IsMatrix():
			for _, it := range qu.Items {
				h := qu.Title.NL + " [" + it.Label.NL + "]"
				header = append(header, h)
				cols = append(cols, qu.ID+"."+it.ID)
				fmt.Fprintf(&m, "  %q: %s.%s\n", h, qu.ID, it.ID)
			}
		default:
			header = append(header, qu.Title.NL)
			cols = append(cols, qu.ID)
			fmt.Fprintf(&m, "  %q: %s\n", qu.Title.NL, qu.ID)
		}
	}
	m.WriteString("ignore: [E-mailadres]\ndate_column: Tijdstempel\ndate_format: dd-mm-yyyy\n")
	yesNo := map[string]string{"yes": "Ja", "no": "Nee", q.DontKnowID: "Weet ik niet"}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	for i := range n {
		a := g.AnswersOf(i)
		row := []string{fmt.Sprintf("%d-11-2026 14:03:%02d", 1+i%27, i%60), "iemand@example.org"}
		for _, c := range cols {
			qid, item, isItem := strings.Cut(c, ".")
			qu := qn.Question(qid)
			ans, ok := a[qid]
			cell := ""
			switch {
			case !ok:
			case isItem:
				if id := ans.Items[item]; id != "" {
					cell = qu.Option(id).Label.NL
				}
			case qu.Type == q.Multi:
				var labels []string
				for _, id := range ans.Choices {
					labels = append(labels, qu.Option(id).Label.NL)
				}
				cell = strings.Join(labels, ", ")
			case qu.Type == q.YesNo:
				cell = yesNo[ans.Choice]
			case ans.Number != nil:
				cell = fmt.Sprint(*ans.Number)
			case qu.Option(ans.Choice) != nil:
				cell = qu.Option(ans.Choice).Label.NL
			default:
				cell = ans.Text
			}
			row = append(row, cell)
		}
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes(), []byte(m.String())
}

// TestMapGoogleForms: a Google-Forms-style export goes through with a
// map, each row's as-of date its timestamp, and scores as the template's
// own file does.
func TestMapGoogleForms(t *testing.T) {
	const n = 30
	data, mapYAML := googleForms(t, n)
	m, err := LoadMap("forms-map.yaml", mapYAML, generator(t).Qn)
	if err != nil {
		t.Fatal(err)
	}
	opt := jsonl()
	opt.Map = m
	sum, got, err := score(t, data, opt)
	if err != nil || sum.Scored != n || len(sum.Ignored) != 0 {
		t.Fatalf("%+v %v\n%v", sum, err, sum.Err())
	}
	// Without the map nothing fits.
	if _, _, err := score(t, data, jsonl()); err == nil {
		t.Error("scored without a map")
	}
	gl := bytes.Split(bytes.TrimSpace(got), []byte("\n"))
	s := newSurvey(t, n)
	for i := range n {
		o := jsonl()
		o.AsOf = date.New(2026, 11, 1+i%27)
		_, want, err := score(t, (&survey{cols: s.cols, rows: s.rows[i : i+1]}).bytes(',', false, false), o)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := comparable(t, gl[i]), comparable(t, bytes.TrimSpace(want)); a != b {
			t.Fatalf("row %d differs:\n got %s\nwant %s", i+1, a, b)
		}
	}
}

// TestMapErrors: a map that cannot work is refused with the file, line
// and column of each problem and what to write instead.
func TestMapErrors(t *testing.T) {
	qn := generator(t).Qn
	for _, tt := range []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", "columns: {a: sector}\nseparater: ';'\n", []string{`m.yaml:2:1: unknown key "separater" (did you mean "separator"?)`}},
		{"unknown question", "columns:\n  Branche: sectr\n", []string{`m.yaml:2:12: column "Branche": "sectr" is no question of intake (did you mean "sector"?)`}},
		{"matrix", "columns:\n  Strategie: strategy-areas\n", []string{`m.yaml:2:14: column "Strategie": "strategy-areas" is no question of intake (a matrix: map one column per item, strategy-areas.product-design, …)`}},
		{"twice", "columns:\n  Branche: sector\n  branche: size\n", []string{`m.yaml:3:3: column "branche" is mapped twice`}},
		{"bad option", "columns: {a: sector}\nanswers:\n  sector: {Winkel: retial}\n", []string{`m.yaml:3:20: answers: sector: "retial" is no option (did you mean "retail"?)`}},
		{"bad date format", "columns: {a: sector}\ndate_column: Tijd\ndate_format: dd.mm.yyyy\n", []string{`m.yaml:3:14: date_format: "dd.mm.yyyy": use yyyy-mm-dd`}},
		{"no columns", "ignore: [x]\n", []string{`m.yaml:1:1: columns: expected a mapping`}},
	} {
		_, err := LoadMap("m.yaml", []byte(tt.yaml), qn)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v\nwant %s", tt.name, err, w)
			}
		}
		// The map's own messages come in Dutch as well (issue 14; the
		// unknown key is strictyaml's, in English only).
		for _, e := range strictyaml.List(err) {
			nl := e.In(i18n.NL)
			if tt.name != "unknown key" && (e.Text.NL == "" || nl == e.Error() || regexp.MustCompile(`\b(expected|column|no question|no option|mapped|use)\b`).MatchString(nl)) {
				t.Errorf("%s: not in Dutch: %s", tt.name, nl)
			}
		}
	}
}

// TestMapAnswersAndSeparator: a map's own answer texts and separator.
func TestMapAnswersAndSeparator(t *testing.T) {
	s := newSurvey(t, 4)
	want := make([]string, 4)
	for i := range s.rows {
		want[i] = s.get(i, "tools")
		s.set(i, "tools", strings.ReplaceAll(want[i], "|", " ; "))
	}
	sec := s.get(0, "sector")
	s.set(0, "sector", "Onze eigen naam")
	m, err := LoadMap("m.yaml", []byte("columns: {}\nseparator: ';'\nanswers:\n  sector: {Onze eigen naam: "+sec+"}\n"), generator(t).Qn)
	if err != nil {
		t.Fatal(err)
	}
	opt := jsonl()
	opt.Map = m
	sum, out, err := score(t, s.bytes(',', false, false), opt)
	if err != nil || sum.Scored != 4 {
		t.Fatalf("%+v %v %v", sum, err, sum.Err())
	}
	rs := results(t, out)
	if rs[0].Profile.Sector != sec {
		t.Errorf("sector %q", rs[0].Profile.Sector)
	}
	for i, r := range rs {
		if got := strings.Trim(strings.NewReplacer(`","`, "|", `"`, "").Replace(string(r.Answers["tools"])), "[]"); got != want[i] {
			t.Errorf("row %d: tools %s, want %s", i+1, got, want[i])
		}
	}
}
