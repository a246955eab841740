package survey

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
)

var gen *synth.Gen

func generator(t testing.TB) *synth.Gen {
	t.Helper()
	if gen == nil {
		g, err := synth.New(7)
		if err != nil {
			t.Fatal(err)
		}
		gen = g
	}
	return gen
}

// survey is a survey export under construction: the synthetic businesses'
// answers as rows, cells editable.
type survey struct {
	cols []string
	rows [][]string
}

func newSurvey(t testing.TB, n int) *survey {
	g := generator(t)
	s := &survey{cols: g.Qn.SurveyColumns()}
	for i := range n {
		s.rows = append(s.rows, synth.SurveyRow(g.Qn, s.cols, g.AnswersOf(i)))
	}
	return s
}

func (s *survey) set(row int, col, value string) {
	i := slices.Index(s.cols, col)
	if i < 0 {
		panic("no column " + col)
	}
	s.rows[row][i] = value
}

func (s *survey) get(row int, col string) string { return s.rows[row][slices.Index(s.cols, col)] }

// bytes writes the survey as CSV.
func (s *survey) bytes(comma rune, bom, crlf bool) []byte {
	var buf bytes.Buffer
	if bom {
		buf.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = comma, crlf
	w.Write(s.cols)
	w.WriteAll(s.rows)
	return buf.Bytes()
}

func opts() Options {
	return Options{Lang: i18n.EN, AsOf: date.MustParse("2026-11-27"), Now: func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }}
}

func score(t *testing.T, data []byte, opt Options) (Summary, []byte, error) {
	t.Helper()
	g := generator(t)
	var out bytes.Buffer
	sum, err := Score(context.Background(), bytes.NewReader(data), g.Qn, g.Cat, opt, &out)
	return sum, out.Bytes(), err
}

// readOut reads the CSV output back.
func readOut(t *testing.T, data []byte, comma rune) []map[string]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.Comma = comma
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// TestGoodAndBadRows: a file with good rows and rows with wrong option
// ids, a hidden question answered, a required answer missing, a bad yes/no
// and a number: the bad ones are skipped and reported by row and line,
// the others scored, in both separators, with and without BOM and CRLF.
func TestGoodAndBadRows(t *testing.T) {
	s := newSurvey(t, 12)
	s.cols = append([]string{IDColumn}, s.cols...)
	for i := range s.rows {
		s.rows[i] = append([]string{fmt.Sprintf("resp-%02d", i+1)}, s.rows[i]...)
	}
	s.set(2, "sector", "retial")                                                        // row 3: a typo
	s.set(4, "strategy-areas.planning", "plannd")                                       // row 5: a typo in a matrix item
	s.set(6, "consent-statistics", "misschien")                                         // row 7: not yes/no
	s.set(8, "size", "")                                                                // row 9: a required answer missing
	s.set(10, "tools", strings.Replace(s.get(10, "tools"), "|", "|bogus|", 1)+"|bogus") // row 11
	for _, tt := range []struct {
		comma     rune
		bom, crlf bool
	}{{',', false, false}, {';', true, true}, {',', true, false}, {';', false, true}} {
		name := fmt.Sprintf("%c bom=%v crlf=%v", tt.comma, tt.bom, tt.crlf)
		opt := opts()
		opt.Name = "survey.csv"
		sum, out, err := score(t, s.bytes(tt.comma, tt.bom, tt.crlf), opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sum.Comma != tt.comma || sum.BOM != tt.bom || sum.Rows != 12 || sum.Scored != 7 || sum.Skipped != 5 {
			t.Fatalf("%s: %+v", name, sum)
		}
		want := []struct {
			row  int
			text string
		}{
			{3, `sector: unknown option "retial" (did you mean "retail"?)`},
			{5, `strategy-areas.planning: unknown option "plannd" (did you mean "planned"?)`},
			{7, `consent-statistics: expected true or false`},
			{9, `missing answer to required question size`},
			{11, `tools: unknown option "bogus"`},
		}
		for i, w := range want {
			p := sum.Problems[i]
			if p.Row != w.row || p.Line != w.row+1 || !strings.Contains(strings.Join(p.Problems, "; "), w.text) {
				t.Errorf("%s: problem %d: %+v, want row %d: %s", name, i, p, w.row, w.text)
			}
		}
		if e := sum.Err(); e == nil || !strings.Contains(e.Error(), "survey.csv:4: row 3: sector: unknown option") {
			t.Errorf("%s: error %v", name, e)
		}
		rows := readOut(t, out, ';') // the output is in the default Excel dialect
		if len(rows) != 7 || rows[0]["id"] != "resp-01" || rows[0]["row"] != "1" || rows[2]["row"] != "4" {
			t.Fatalf("%s: output rows %v", name, rows)
		}
		referred := 0
		for _, r := range rows {
			if !strings.HasPrefix(r["scan_id"], "20261127-") || r["quadrant"] == "" {
				t.Errorf("%s: output %v", name, r)
			}
			if r["referral_1"] != "" {
				referred++
			}
		}
		// Referral answers needs: a business with none gets no programme.
		if referred == 0 {
			t.Errorf("%s: no row has a referral: %v", name, rows)
		}
	}
}

func TestCells(t *testing.T) {
	s := newSurvey(t, 1)
	s.set(0, "consent-statistics", " JA ")
	s.set(0, "consent-follow-up", "0")
	s.set(0, "consent-handover", "nee")
	s.set(0, "company-name", "")
	s.set(0, "kvk-number", "")
	s.set(0, "establishment-number", "")
	sum, out, err := score(t, s.bytes(',', false, false), Options{Format: FormatJSONL, AsOf: date.MustParse("2026-11-27")})
	if err != nil || sum.Scored != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	var res struct {
		Mode     string                  `json:"mode"`
		Consents map[string]scan.Consent `json:"consents"`
		Company  *scan.Company           `json:"company"`
	}
	if err := jsonUnmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	if res.Mode != scan.ModeSurvey || !res.Consents["statistics"].Given || res.Consents["follow_up"].Given || res.Company != nil {
		t.Errorf("result %+v %+v", res.Mode, res.Consents)
	}
	// Cells one by one.
	qn := generator(t).Qn
	for _, tt := range []struct {
		qid, cell string
		ok        bool
		msg       string
	}{
		{"sector", "retail", true, ""},
		{"sector", "  ", false, ""},
		{"sector", "Retail", false, `unknown option "Retail" (did you mean "retail"?)`},
		{"tools", "website|erp", true, ""},
		{"tools", "website||erp", false, "empty option"},
		{"tools", "website|website", false, "listed twice"},
		{"consent-statistics", "True", true, ""},
		{"consent-statistics", "2", false, "expected true or false"},
		{"strategy-areas", "none", false, "a column of its own"},
		{"kvk-number", " 1234 5678 ", true, ""},
		{"company-name", "bad \xff", false, "UTF-8"},
	} {
		a, ok, msg := scan.ParseCell(qn.Question(tt.qid), tt.cell)
		if ok != tt.ok || !strings.Contains(msg, tt.msg) || (tt.msg == "" && msg != "") {
			t.Errorf("%s %q: %+v %v %q", tt.qid, tt.cell, a, ok, msg)
		}
		if tt.qid == "kvk-number" && a.Text != "12345678" {
			t.Errorf("kvk normalised to %q", a.Text)
		}
	}
	if _, _, msg := scan.ParseItemCell(qn.Question("strategy-areas"), "planing", "none"); !strings.Contains(msg, `did you mean "planning"`) {
		t.Errorf("item typo: %q", msg)
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func TestHeaderErrors(t *testing.T) {
	s := newSurvey(t, 2)
	tests := []struct {
		name string
		edit func(cols []string) []string
		want []string
	}{
		{"unknown column", func(c []string) []string { return append(c, "secto") }, []string{`1 unknown column: "secto" (did you mean "sector"?)`}},
		{"matrix as one column", func(c []string) []string { return append(c, "strategy-areas") }, []string{`"strategy-areas" (a matrix: one column per item, strategy-areas.product-design`}},
		{"missing columns", func(c []string) []string {
			return slices.DeleteFunc(c, func(x string) bool { return x == "size" || x == "strategy-areas.planning" })
		}, []string{"missing column(s) for required questions: size, strategy-areas.planning"}},
		{"duplicate", func(c []string) []string { return append(c, "sector") }, []string{"given twice: sector"}},
		{"municipality for place", func(c []string) []string {
			i := slices.Index(c, "place")
			c[i] = "municipality"
			return c
		}, nil},
	}
	for _, tt := range tests {
		cols := tt.edit(slices.Clone(s.cols))
		var buf bytes.Buffer
		buf.WriteString(strings.Join(cols, ",") + "\n")
		opt := opts()
		opt.StrictColumns = true
		_, _, err := score(t, buf.Bytes(), opt)
		var ce *ColumnsError
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if !errors.As(err, &ce) {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v\nwant %s", tt.name, err, w)
			}
		}
	}
	for _, tt := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, nil},
		{"utf-16", []byte{0xFF, 0xFE, 's', 0}, ErrEncoding},
	} {
		_, _, err := score(t, tt.data, opts())
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	if _, _, err := score(t, s.bytes(',', false, false), Options{Format: "xml"}); !errors.Is(err, ErrUsage) {
		t.Errorf("unknown format: %v", err)
	}
}

// TestCSVSyntax: quotes spanning lines, an unclosed quote, a bare quote,
// a row with too few cells: line numbers stay right and the other rows
// are scored.
func TestCSVSyntax(t *testing.T) {
	s := newSurvey(t, 6)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(s.cols)
	for i, r := range s.rows {
		r = slices.Clone(r)
		switch i {
		case 1:
			r[slices.Index(s.cols, "company-name")] = "Bakkerij\n\"De Korenaar\"\nLaren" // quoted, three lines
			r[slices.Index(s.cols, "consent-follow-up")] = "yes"
		case 3:
			r = r[:len(r)-2] // too few cells
		}
		w.Write(r)
	}
	w.Flush()
	data := buf.String()
	// Row 5 (line 8, after the three-line row 2): a bare quote.
	lines := strings.SplitAfter(data, "\n")
	lines[7] = strings.Replace(lines[7], ",", `,x"y`, 1)
	data = strings.Join(lines, "")
	sum, out, err := score(t, []byte(data), opts())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 6 || sum.Skipped != 2 || sum.Scored != 4 {
		t.Fatalf("%+v", sum)
	}
	if p := sum.Problems[0]; p.Row != 4 || p.Line != 7 || !strings.Contains(p.Problems[0], "cells, the header has") {
		t.Errorf("short row: %+v", p)
	}
	if p := sum.Problems[1]; p.Row != 5 || p.Line != 8 || !strings.Contains(p.Problems[0], "quote inside an unquoted cell") {
		t.Errorf("bare quote: %+v", p)
	}
	rows := readOut(t, out, ';')
	if len(rows) != 4 || rows[1]["row"] != "2" || rows[2]["row"] != "3" {
		t.Errorf("rows %v", rows)
	}
	// An unclosed quote runs to the end of the file: that row fails, the
	// rows before it are scored.
	bad := strings.Join(lines[:6], "") + `"unclosed,` + lines[6]
	sum, _, err = score(t, []byte(bad), opts())
	if err != nil || sum.Skipped != 1 || !strings.Contains(sum.Problems[0].Problems[0], "not closed") || sum.Problems[0].Line != 7 {
		t.Errorf("unclosed quote: %+v %v", sum, err)
	}
}

// TestManyMalformedRows: 10,000 bad rows are counted, the first 100
// reported one by one.
func TestManyMalformedRows(t *testing.T) {
	s := newSurvey(t, 1)
	good := s.rows[0]
	s.rows = nil
	for i := range 10050 {
		r := slices.Clone(good)
		if i%201 != 0 {
			r[slices.Index(s.cols, "sector")] = fmt.Sprintf("sector-%d", i)
		}
		s.rows = append(s.rows, r)
	}
	opt := opts()
	opt.Name = "big.csv"
	sum, _, err := score(t, s.bytes(';', true, true), opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 10050 || sum.Scored != 50 || sum.Skipped != 10000 || len(sum.Problems) != DefaultMaxProblems {
		t.Fatalf("%d rows, %d scored, %d skipped, %d reported", sum.Rows, sum.Scored, sum.Skipped, len(sum.Problems))
	}
	msg := sum.Err().Error()
	if !strings.Contains(msg, "big.csv: 10000 row(s) skipped") || !strings.Contains(msg, "… and 9900 more") || !strings.Contains(msg, "big.csv:3: row 2: sector") {
		t.Errorf("%.300s", msg)
	}
}

// TestStrict: the first bad row fails the run before anything is written
// or saved, from a file and from a pipe.
func TestStrict(t *testing.T) {
	s := newSurvey(t, 30)
	s.set(17, "size", "huge")
	s.set(25, "sector", "nope")
	data := s.bytes(',', false, false)
	saved := 0
	opt := opts()
	opt.Strict = true
	opt.Save = func(seq iter.Seq[*scan.Result]) error {
		for range seq {
			saved++
		}
		return nil
	}
	g := generator(t)
	for _, r := range []io.Reader{bytes.NewReader(data), io.MultiReader(bytes.NewReader(data))} {
		var out bytes.Buffer
		_, err := Score(context.Background(), r, g.Qn, g.Cat, opt, &out)
		var re *RowError
		if !errors.As(err, &re) || re.Row != 18 || re.Line != 19 || !strings.Contains(err.Error(), `size: unknown option "huge"`) {
			t.Errorf("strict: %v", err)
		}
		if out.Len() != 0 || saved != 0 {
			t.Errorf("strict wrote %d bytes, saved %d", out.Len(), saved)
		}
	}
	// Without bad rows, strict scores everything.
	s.set(17, "size", "micro")
	s.set(25, "sector", "retail")
	_, _, err := scoreWithHiddenFix(t, s, opt)
	if err != nil {
		t.Fatal(err)
	}
}

// scoreWithHiddenFix scores a survey whose edited rows may now answer
// questions their new profile hides: those rows are left as generated.
func scoreWithHiddenFix(t *testing.T, s *survey, opt Options) (Summary, []byte, error) {
	t.Helper()
	g := generator(t)
	s.rows[17] = synth.SurveyRow(g.Qn, s.cols, g.AnswersOf(17))
	s.rows[25] = synth.SurveyRow(g.Qn, s.cols, g.AnswersOf(25))
	sum, out, err := score(t, s.bytes(',', false, false), opt)
	if err == nil && (sum.Scored != 30 || len(out) == 0) {
		t.Errorf("strict without bad rows: %+v", sum)
	}
	return sum, out, err
}

// TestSaveAndImport: results go to the store in order with mode survey;
// the JSON Lines output imports into another store.
func TestSaveAndImport(t *testing.T) {
	s := newSurvey(t, 40)
	s.set(5, "sector", "nope")
	db, err := store.Open(filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []string
	opt := opts()
	opt.Format = FormatJSONL
	opt.Save = func(seq iter.Seq[*scan.Result]) error {
		_, err := db.SaveScans(context.Background(), func(yield func(*scan.Result) bool) {
			for r := range seq {
				ids = append(ids, r.ID)
				if !yield(r) {
					return
				}
			}
		})
		return err
	}
	sum, out, err := score(t, s.bytes(',', false, false), opt)
	if err != nil || sum.Scored != 39 {
		t.Fatalf("%+v %v", sum, err)
	}
	n, err := db.Count(context.Background(), store.Filter{Mode: []string{scan.ModeSurvey}})
	if err != nil || n != 39 || len(ids) != 39 {
		t.Fatalf("saved %d (%d ids) %v", n, len(ids), err)
	}
	// The JSON lines are the same results, in the same order.
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	for i, l := range lines {
		if !bytes.Contains(l, []byte(`"id":"`+ids[i]+`"`)) {
			t.Fatalf("line %d is not scan %s", i+1, ids[i])
		}
	}
	other, err := store.Open(filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	st, err := other.Import(context.Background(), bytes.NewReader(out), store.ImportOptions{Name: "scored.jsonl"})
	if err != nil || st.Added != 39 {
		t.Errorf("import %+v %v", st, err)
	}
	// A failing save stops the run.
	opt.Save = func(seq iter.Seq[*scan.Result]) error {
		for range seq {
			return errors.New("disk full")
		}
		return nil
	}
	if _, _, err := score(t, s.bytes(',', false, false), opt); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("failing save: %v", err)
	}
}

func TestOutputDialects(t *testing.T) {
	s := newSurvey(t, 5)
	for _, d := range []csvout.Dialect{csvout.Excel, csvout.RFC4180} {
		opt := opts()
		opt.Dialect = d
		_, out, err := score(t, s.bytes(',', false, false), opt)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(out, []byte("\uFEFF")) != d.BOM || bytes.Count(out, []byte("\uFEFF")) > 1 {
			t.Errorf("%s: BOM", d.Name)
		}
		rows := readOut(t, out, rune(d.Comma))
		if len(rows) != 5 || rows[4]["row"] != "5" {
			t.Errorf("%s: %v", d.Name, rows)
		}
	}
}

func TestCancel(t *testing.T) {
	s := newSurvey(t, 2000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := generator(t)
	_, err := Score(ctx, bytes.NewReader(s.bytes(',', false, false)), g.Qn, g.Cat, opts(), io.Discard)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestEveryRowScoredOnItsOwn: each output line is exactly what scoring and
// referring that business alone gives (workers share nothing between
// rows, whatever they reuse), in input order.
func TestEveryRowScoredOnItsOwn(t *testing.T) {
	const n = 300 // several batches per worker
	s := newSurvey(t, n)
	g := generator(t)
	opt := opts()
	opt.Format = FormatJSONL
	opt.Workers = 3
	sum, out, err := score(t, s.bytes(',', false, false), opt)
	if err != nil || sum.Scored != n {
		t.Fatalf("%+v, %v", sum, err)
	}
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	if len(lines) != n {
		t.Fatalf("%d lines, want %d", len(lines), n)
	}
	for i, line := range lines {
		var got struct {
			Impact, Readiness float64
			Quadrant          string
			Maturity          struct{ Score float64 }
			Profile           struct{ Sector, Municipality string }
			Referrals         []scan.Referral
		}
		if err := json.Unmarshal(line, &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		want, err := scan.Score(g.Qn, g.AnswersOf(i), scan.Options{AsOf: opt.AsOf, Mode: scan.ModeSurvey})
		if err != nil {
			t.Fatal(err)
		}
		if err := referral.Match(g.Cat, g.Qn, want, referral.Options{AsOf: opt.AsOf}); err != nil {
			t.Fatal(err)
		}
		if got.Impact != want.Impact || got.Readiness != want.Readiness || got.Quadrant != want.Quadrant ||
			got.Maturity.Score != want.Maturity.Score || got.Profile.Sector != want.Profile.Sector || got.Profile.Municipality != want.Profile.Municipality ||
			!slices.Equal(programmes(got.Referrals), programmes(want.Referrals)) {
			t.Fatalf("row %d: got %v %v %s %v, want %v %v %s %v", i+1,
				got.Impact, got.Readiness, got.Quadrant, programmes(got.Referrals),
				want.Impact, want.Readiness, want.Quadrant, programmes(want.Referrals))
		}
	}
}

func programmes(refs []scan.Referral) []string {
	var ids []string
	for _, r := range refs {
		ids = append(ids, r.Programme)
	}
	return ids
}

// TestCSVWithoutSavingIsTheFullResult: written as CSV and not saved, rows
// are scored with only the answers the catalogue's conditions read and
// only the top referrals worked out; the output is what the full result
// gives (scored with every answer kept, as --save does), but for the
// random scan ids.
func TestCSVWithoutSavingIsTheFullResult(t *testing.T) {
	const n = 400
	data := newSurvey(t, n).bytes(';', true, true)
	lean, full := opts(), opts()
	lean.Referrals, full.Referrals = 6, 6
	saved := 0
	full.Save = func(results iter.Seq[*scan.Result]) error {
		for r := range results {
			if len(r.Answers) < 10 {
				return fmt.Errorf("a saved result has %d answers", len(r.Answers))
			}
			saved++
		}
		return nil
	}
	_, a, err := score(t, data, lean)
	if err != nil {
		t.Fatal(err)
	}
	_, b, err := score(t, data, full)
	if err != nil || saved != n {
		t.Fatalf("%d saved, %v", saved, err)
	}
	got, want := readOut(t, a, ';'), readOut(t, b, ';')
	if len(got) != n || len(want) != n {
		t.Fatalf("%d and %d rows, want %d", len(got), len(want), n)
	}
	referred := 0
	for i := range got {
		delete(got[i], "scan_id")
		delete(want[i], "scan_id")
		if !maps.Equal(got[i], want[i]) {
			t.Fatalf("row %d:\n got %v\nwant %v", i+1, got[i], want[i])
		}
		if got[i]["referral_6"] != "" {
			referred++
		}
	}
	if referred == 0 {
		t.Fatal("no row has six referrals: the limit is not exercised")
	}
}
