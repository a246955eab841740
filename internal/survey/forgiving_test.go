package survey

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/scan"
)

// result is what the tests read of a scan.Result.
type result struct {
	AsOf      date.Date                  `json:"as_of"`
	Profile   scan.Profile               `json:"profile"`
	Company   *scan.Company              `json:"company"`
	Impact    float64                    `json:"impact"`
	Readiness float64                    `json:"readiness"`
	Answers   map[string]json.RawMessage `json:"answers"`
}

// results reads JSON Lines output.
func results(t *testing.T, out []byte) []result {
	t.Helper()
	var rs []result
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r result
		if err := jsonUnmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return rs
}

func jsonl() Options {
	o := opts()
	o.Format = FormatJSONL
	return o
}

// addColumn appends a column with the same value in every row.
func (s *survey) addColumn(name string, value func(row int) string) {
	s.cols = append(s.cols, name)
	for i := range s.rows {
		s.rows[i] = append(s.rows[i], value(i))
	}
}

// TestUnknownColumnsIgnored: an analyst's column and LimeSurvey's
// metadata do not stop the scoring; the analyst's column is named in a
// warning, the metadata not; --strict-columns makes it an error.
func TestUnknownColumnsIgnored(t *testing.T) {
	s := newSurvey(t, 5)
	s.addColumn("opmerkingen", func(int) string { return "gebeld" })
	for _, m := range []string{"lastpage", "startlanguage", "seed"} {
		s.addColumn(m, func(int) string { return "1" })
	}
	s.addColumn("secto", func(int) string { return "" })
	sum, _, err := score(t, s.bytes(';', false, false), opts())
	if err != nil || sum.Scored != 5 || sum.Skipped != 0 {
		t.Fatalf("%+v %v", sum, err)
	}
	if len(sum.Ignored) != 2 || sum.Ignored[0] != `"opmerkingen"` || sum.Ignored[1] != `"secto" (did you mean "sector"?)` {
		t.Errorf("ignored %q", sum.Ignored)
	}
	opt := opts()
	opt.StrictColumns = true
	_, _, err = score(t, s.bytes(';', false, false), opt)
	var ce *ColumnsError
	if !errors.As(err, &ce) || len(ce.Unknown) != 2 {
		t.Errorf("strict columns: %v", err)
	}
}

// TestBlankRowsSkipped: the empty rows a spreadsheet leaves under the
// data (";;;", only separators, only spaces) are neither scored nor
// errors.
func TestBlankRowsSkipped(t *testing.T) {
	s := newSurvey(t, 3)
	data := s.bytes(';', true, true)
	data = append(data, ";;;\r\n"+strings.Repeat(";", len(s.cols)-1)+"\r\n  ; ;\r\n"...)
	sum, _, err := score(t, data, opts())
	if err != nil || sum.Rows != 3 || sum.Scored != 3 || sum.Skipped != 0 || sum.Blank != 3 {
		t.Fatalf("%+v %v", sum, err)
	}
}

// TestAnswerTexts: answer texts instead of option ids, in either
// language, any case, with or without accents, and multiple choice
// separated by ", ", ";" or "," score as the ids do.
func TestAnswerTexts(t *testing.T) {
	s := newSurvey(t, 6)
	_, idOut, err := score(t, s.bytes(',', false, false), jsonl())
	if err != nil {
		t.Fatal(err)
	}
	want := results(t, idOut)
	qn := generator(t).Qn
	label := func(qid, id string, en bool) string {
		o := qn.Question(qid).Option(id)
		if en {
			return o.Label.EN
		}
		return o.Label.NL
	}
	for i := range s.rows {
		en := i%2 == 1
		for _, col := range []string{"sector", "size", "place", "association", "tools", "topics", "strategy-areas.planning"} {
			cell := s.get(i, col)
			if cell == "" {
				continue
			}
			qid, _, _ := strings.Cut(col, ".")
			var parts []string
			for _, id := range strings.Split(cell, "|") {
				parts = append(parts, label(qid, id, en))
			}
			sep := []string{", ", ";", ","}[i%3]
			text := strings.Join(parts, sep)
			switch i {
			case 2:
				text = strings.ToUpper(text)
			case 4:
				text = strings.NewReplacer("e", "é", "a", "à").Replace(text)
			}
			s.set(i, col, text)
		}
	}
	sec := want[0].Profile.Sector // the "Retail": an id in title case
	s.set(0, "sector", strings.ToUpper(sec[:1])+sec[1:])
	sum, out, err := score(t, s.bytes(',', false, false), jsonl())
	if err != nil || sum.Scored != 6 {
		t.Fatalf("%+v %v\n%v", sum, err, sum.Err())
	}
	got := results(t, out)
	for i := range got {
		if !reflect.DeepEqual(got[i].Profile, want[i].Profile) || got[i].Impact != want[i].Impact || got[i].Readiness != want[i].Readiness ||
			!bytes.Equal(got[i].Answers["tools"], want[i].Answers["tools"]) || !bytes.Equal(got[i].Answers["topics"], want[i].Answers["topics"]) {
			t.Errorf("row %d: %+v %v %s, want %+v %v %s", i+1, got[i].Profile, got[i].Impact, got[i].Answers["tools"],
				want[i].Profile, want[i].Impact, want[i].Answers["tools"])
		}
	}
	// A text that names no option is still an error, with the text.
	s.set(1, "sector", "Bakkerij")
	sum, _, _ = score(t, s.bytes(',', false, false), jsonl())
	if sum.Skipped != 1 || !strings.Contains(sum.Problems[0].Problems[0], `unknown option "Bakkerij"`) {
		t.Errorf("%+v", sum.Problems)
	}
}

// TestWindows1252: a file Excel saved as "CSV (comma delimited)" on
// Windows is read, its accents right; a file in another 8-bit encoding is
// refused, the encoding named.
func TestWindows1252(t *testing.T) {
	s := newSurvey(t, 3)
	s.set(1, "company-name", "Café ‘De Gouden Leeuw’ – Naarden")
	data, err := charmap.Windows1252.NewEncoder().Bytes(s.bytes(';', false, true))
	if err != nil {
		t.Fatal(err)
	}
	sum, out, err := score(t, data, jsonl())
	if err != nil || sum.Scored != 3 || sum.Encoding != "windows-1252" {
		t.Fatalf("%+v %v %v", sum, err, sum.Err())
	}
	if c := results(t, out)[1].Company; c == nil || c.Name != "Café ‘De Gouden Leeuw’ – Naarden" {
		t.Errorf("company %+v", c)
	}
	mac, _ := charmap.Macintosh.NewEncoder().Bytes(s.bytes(';', false, true)) // é is 0x8E
	_, _, err = score(t, mac, jsonl())
	if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "other than Windows-1252 (byte 0x8E") {
		t.Errorf("mac roman: %v", err)
	}
}

// TestKVKLeadingZero: a KVK number of 7 digits (the leading zero lost in
// a spreadsheet) gets its zero back, with a warning naming the row.
func TestKVKLeadingZero(t *testing.T) {
	s := newSurvey(t, 3)
	s.set(1, "company-name", "De Vries")
	s.set(1, "kvk-number", "1234567")
	s.set(2, "company-name", "De Vries")
	s.set(2, "kvk-number", "123456") // 6 digits: not a lost zero
	sum, out, err := score(t, s.bytes(';', false, false), jsonl())
	if err != nil || sum.Scored != 2 || sum.Warned != 1 || sum.Skipped != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if w := sum.Warnings[0]; w.Row != 2 || w.Line != 3 || w.Column != "kvk-number" || w.Found != "1234567" || w.Read != "01234567" ||
		!strings.Contains(w.String(), `input:3: row 2: kvk-number: "1234567" has 7 digits: read as 01234567`) {
		t.Errorf("warning %+v", w)
	}
	if c := results(t, out)[1].Company; c == nil || c.KVK != "01234567" {
		t.Errorf("company %+v", c)
	}
}

// TestResponseDate: a submitdate column makes each row's as-of date the
// day it was answered; a date that cannot be read is that row's problem.
func TestResponseDate(t *testing.T) {
	s := newSurvey(t, 4)
	dates := []string{"2026-03-02 10:11:12", "15-06-2026", "", "03/04/2026"}
	s.addColumn("submitdate", func(i int) string { return dates[i] })
	sum, out, err := score(t, s.bytes(',', false, false), jsonl())
	if err != nil || sum.Scored != 3 || sum.Skipped != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	rs := results(t, out)
	for i, want := range []string{"2026-03-02", "2026-06-15", "2026-11-27"} {
		if rs[i].AsOf.String() != want {
			t.Errorf("row %d: as of %v, want %s", i+1, rs[i].AsOf, want)
		}
	}
	if p := sum.Problems[0]; p.Row != 4 || !strings.Contains(p.Problems[0], "submitdate: date \"03/04/2026\" could be day/month or month/day") {
		t.Errorf("%+v", p)
	}
}
