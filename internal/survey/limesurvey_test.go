package survey

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// lsRow is a row of a LimeSurvey survey structure file, by column name.
type lsRow map[string]string

// lsQuestion is a question of the structure with its subquestions and
// answers, as LimeSurvey groups them: by the rows that follow it.
type lsQuestion struct {
	q       lsRow
	sq, ans []lsRow
}

// readStructure reads a tab-separated survey structure as the LimeSurvey
// manual ("Tab Separated Value survey structure") describes it: a header
// of column names, then S and SL rows, then per language G, Q, SQ and A
// rows, related by proximity.
func readStructure(t testing.TB, data []byte) (rows []lsRow, byLang map[string][]*lsQuestion) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Error("no UTF-8 byte order mark: LimeSurvey writes and reads one")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.Comma = '\t'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	for _, c := range []string{"id", "related_id", "class", "type/scale", "name", "relevance", "text", "help", "language", "validation", "mandatory", "other", "default", "same_default"} {
		if !slices.Contains(header, c) {
			t.Errorf("header lacks the documented column %q", c)
		}
	}
	byLang = map[string][]*lsQuestion{}
	var cur *lsQuestion
	for _, rec := range recs[1:] {
		row := lsRow{}
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
		switch row["class"] {
		case "Q":
			cur = &lsQuestion{q: row}
			byLang[row["language"]] = append(byLang[row["language"]], cur)
		case "SQ":
			cur.sq = append(cur.sq, row)
		case "A":
			cur.ans = append(cur.ans, row)
		}
	}
	return rows, byLang
}

var (
	questionCode = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{0,19}$`)
	answerCode   = regexp.MustCompile(`^[A-Za-z0-9]{1,5}$`)
	subCodeRE    = regexp.MustCompile(`^SQ[0-9]{3}$`)
)

// TestLimeSurveyStructure: the structure has codes LimeSurvey accepts,
// both languages with the same rows, and every question of the
// questionnaire that is asked.
func TestLimeSurveyStructure(t *testing.T) {
	qn := generator(t).Qn
	var buf bytes.Buffer
	if err := WriteLimeSurvey(&buf, qn); err != nil {
		t.Fatal(err)
	}
	rows, byLang := readStructure(t, buf.Bytes())
	settings := map[string]string{}
	for _, r := range rows {
		if r["class"] == "S" {
			settings[r["name"]] = r["text"]
		}
	}
	if settings["language"] != "nl" || settings["additional_languages"] != "en" {
		t.Errorf("languages %v", settings)
	}
	nl, en := byLang["nl"], byLang["en"]
	if len(nl) != len(en) || len(nl) != len(slices.DeleteFunc(slices.Clone(qn.Questions()), func(qu *q.Question) bool { return qu.Derived })) {
		t.Fatalf("%d nl and %d en questions", len(nl), len(en))
	}
	codes := map[string]bool{}
	for i, lq := range nl {
		code := lq.q["name"]
		if !questionCode.MatchString(code) || codes[strings.ToLower(code)] {
			t.Errorf("question code %q: not letters and digits (20 at most), or twice", code)
		}
		codes[strings.ToLower(code)] = true
		e := en[i]
		if e.q["name"] != code || e.q["type/scale"] != lq.q["type/scale"] || len(e.sq) != len(lq.sq) || len(e.ans) != len(lq.ans) {
			t.Errorf("%s: the English rows differ from the Dutch", code)
		}
		if e.q["text"] == lq.q["text"] && lq.q["text"] != "" && !strings.Contains(code, "kvk") {
			t.Logf("%s: same text in nl and en: %q", code, lq.q["text"])
		}
		for _, a := range lq.ans {
			if !answerCode.MatchString(a["name"]) {
				t.Errorf("%s: answer code %q: more than 5 letters and digits", code, a["name"])
			}
		}
		for _, sq := range lq.sq {
			if !subCodeRE.MatchString(sq["name"]) {
				t.Errorf("%s: subquestion code %q", code, sq["name"])
			}
		}
		switch lq.q["type/scale"] {
		case "L", "F":
			if len(lq.ans) == 0 {
				t.Errorf("%s: a list without answers", code)
			}
		case "M":
			if len(lq.sq) == 0 || len(lq.ans) != 0 {
				t.Errorf("%s: multiple choice: %d subquestions, %d answers", code, len(lq.sq), len(lq.ans))
			}
		}
	}
	// The conditions came along: the staff questions are asked only of
	// businesses with staff.
	staff, zzp := qn.Question("staff-skills"), qn.Question("size").Option("zzp").Label.NL
	var rel, zzpCode string
	for _, lq := range nl {
		switch lq.q["text"] {
		case staff.Title.NL:
			rel = lq.q["relevance"]
		case qn.Question("size").Title.NL:
			for _, a := range lq.ans {
				if a["text"] == zzp {
					zzpCode = a["name"]
				}
			}
		}
	}
	if want := `(!is_empty(size.NAOK) and !(size.NAOK == "` + zzpCode + `"))`; zzpCode == "" || rel != want {
		t.Errorf("staff-skills relevance %q, want %q", rel, want)
	}
}

// TestLimeSurveyRoundTrip: respondents answer the survey made from the
// structure (picking answers by the texts shown), LimeSurvey exports the
// responses as its manual describes (question codes as headings, answer
// codes, Q[SQ001] per subquestion, Y per ticked option, its metadata
// columns), and score reads that file untouched: every result is the one
// the template's own file gives.
func TestLimeSurveyRoundTrip(t *testing.T) {
	const n = 40
	resp := limeSurveyResponses(t, n)
	opt := jsonl()
	opt.Name = "limesurvey.csv"
	sum, got, err := score(t, resp, opt)
	if err != nil || sum.Scored != n || len(sum.Ignored) != 0 {
		t.Fatalf("%+v %v\n%v", sum, err, sum.Err())
	}
	s := newSurvey(t, n)
	opt.AsOf = date.MustParse("2026-11-20") // the submitdate
	_, want, err := score(t, s.bytes(',', false, false), opt)
	if err != nil {
		t.Fatal(err)
	}
	gl, wl := bytes.Split(bytes.TrimSpace(got), []byte("\n")), bytes.Split(bytes.TrimSpace(want), []byte("\n"))
	for i := range wl {
		if a, b := comparable(t, gl[i]), comparable(t, wl[i]); a != b {
			t.Fatalf("row %d differs:\n got %s\nwant %s", i+1, a, b)
		}
	}
}

// comparable is a result's JSON without its id and creation time.
func comparable(t *testing.T, line []byte) string {
	var m map[string]any
	if err := json.Unmarshal(line, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "id")
	delete(m, "created_at")
	b, _ := json.Marshal(m)
	return fmt.Sprint(string(b))
}

// limeSurveyResponses is the response export of n synthetic respondents
// to the survey WriteLimeSurvey makes, as LimeSurvey documents its CSV
// export: respondents pick answers by the texts shown.
func limeSurveyResponses(t testing.TB, n int) []byte {
	g := generator(t)
	qn := g.Qn
	var buf bytes.Buffer
	if err := WriteLimeSurvey(&buf, qn); err != nil {
		t.Fatal(err)
	}
	_, byLang := readStructure(t, buf.Bytes())
	byTitle := map[string]*q.Question{}
	for _, qu := range qn.Questions() {
		byTitle[qu.Title.NL] = qu
	}
	header := []string{"id", "submitdate", "lastpage", "startlanguage", "seed"}
	for _, lq := range byLang["nl"] {
		switch lq.q["type/scale"] {
		case "M", "F":
			for _, sq := range lq.sq {
				header = append(header, lq.q["name"]+"["+sq["name"]+"]")
			}
		default:
			header = append(header, lq.q["name"])
		}
	}
	code := func(lq *lsQuestion, text string) string {
		for _, a := range lq.ans {
			if a["text"] == text {
				return a["name"]
			}
		}
		t.Fatalf("%s: no answer %q", lq.q["name"], text)
		return ""
	}
	yesNo := map[string]string{"yes": "Ja", "no": "Nee", q.DontKnowID: "Weet ik niet"}
	var resp bytes.Buffer
	resp.WriteString("\uFEFF")
	w := csv.NewWriter(&resp)
	w.Write(header)
	for i := range n {
		answers := g.AnswersOf(i)
		row := []string{strconv.Itoa(i + 1), "2026-11-20 10:11:12", "9", "nl", strconv.Itoa(1000 + i)}
		for _, lq := range byLang["nl"] {
			qu := byTitle[lq.q["text"]]
			if qu == nil {
				t.Fatalf("no question titled %q", lq.q["text"])
			}
			a, ok := answers[qu.ID]
			switch typ := lq.q["type/scale"]; {
			case typ == "M":
				for _, sq := range lq.sq {
					cell := ""
					if ok && slices.ContainsFunc(a.Choices, func(id string) bool { return qu.Option(id).Label.NL == sq["text"] }) {
						cell = "Y"
					}
					row = append(row, cell)
				}
			case typ == "F":
				for _, sq := range lq.sq {
					cell := ""
					for _, it := range qu.Items {
						if it.Label.NL == sq["text"] && a.Items[it.ID] != "" {
							cell = code(lq, qu.Option(a.Items[it.ID]).Label.NL)
						}
					}
					row = append(row, cell)
				}
			case !ok:
				row = append(row, "")
			case typ == "Y":
				row = append(row, map[string]string{"yes": "Y", "no": "N"}[a.Choice])
			case typ == "L" && qu.Type == q.YesNo:
				row = append(row, code(lq, yesNo[a.Choice]))
			case typ == "L":
				row = append(row, code(lq, qu.Option(a.Choice).Label.NL))
			case typ == "N":
				row = append(row, strconv.FormatFloat(*a.Number, 'f', -1, 64))
			default:
				row = append(row, a.Text)
			}
		}
		w.Write(row)
	}
	w.Flush()

	return resp.Bytes()
}
