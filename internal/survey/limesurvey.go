package survey

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// LimeSurvey (https://www.limesurvey.org) hosts a questionnaire from its
// tab-separated survey structure file (.txt), and exports the responses
// as CSV with question codes as headings. Its codes are narrower than
// ours: a question code is letters and digits (at most 20, starting with
// a letter), an answer code at most 5 letters and digits, a matrix item
// is a subquestion (Q[SQ001] in the responses), and a multiple choice is
// one subquestion per option, "Y" when ticked. The codes here follow
// from the questionnaire alone, so the structure written and the
// responses read agree without a file in between.

// limeCodes are the LimeSurvey codes of a questionnaire's questions.
type limeCodes struct {
	qn     *q.Questionnaire
	code   map[*q.Question]string   // question code
	byCode map[string]*q.Question   // by lower-case question code
	answer map[*q.Question][]string // answer code by option index (yes/no: Y, N, DK)
}

// subCode is the code of the i-th subquestion (matrix item or option of a
// multiple choice).
func subCode(i int) string { return fmt.Sprintf("SQ%03d", i+1) }

// limeType is the LimeSurvey question type for qu.
func limeType(qu *q.Question) string {
	switch {
	case qu.IsMatrix():
		return "F" // array
	case qu.Type == q.Multi:
		return "M"
	case qu.Type == q.YesNo && qu.DontKnow:
		return "L"
	case qu.Type == q.YesNo:
		return "Y"
	case qu.Type == q.Number:
		return "N"
	case qu.Type == q.Text:
		return "S"
	}
	return "L" // single choice, scale
}

func newLimeCodes(qn *q.Questionnaire) *limeCodes {
	lc := &limeCodes{qn: qn, code: map[*q.Question]string{}, byCode: map[string]*q.Question{}, answer: map[*q.Question][]string{}}
	for _, qu := range qn.Questions() {
		if qu.Derived {
			continue
		}
		base := alnum(qu.ID)
		if base == "" || base[0] >= '0' && base[0] <= '9' {
			base = "q" + base
		}
		base = base[:min(len(base), 20)]
		code := base
		for n := 2; lc.byCode[strings.ToLower(code)] != nil; n++ {
			s := strconv.Itoa(n)
			code = base[:min(len(base), 20-len(s))] + s
		}
		lc.code[qu], lc.byCode[strings.ToLower(code)] = code, qu
		switch {
		case qu.Type == q.YesNo && qu.DontKnow:
			lc.answer[qu] = []string{"Y", "N", "DK"}
		case len(qu.Options) > 0 && qu.Type != q.Multi:
			lc.answer[qu] = answerCodes(qu)
		}
	}
	return lc
}

// answerCodes are the options' ids when each is letters and digits of
// at most 5 and no two differ in case only (0–5 on a scale, zzp, micro),
// else A1, A2, ….
func answerCodes(qu *q.Question) []string {
	codes := make([]string, len(qu.Options))
	seen := map[string]bool{}
	own := true
	for i, o := range qu.Options {
		if len(o.ID) > 5 || alnum(o.ID) != o.ID || seen[strings.ToLower(o.ID)] {
			own = false
			break
		}
		seen[strings.ToLower(o.ID)] = true
		codes[i] = o.ID
	}
	if !own {
		for i := range codes {
			codes[i] = "A" + strconv.Itoa(i+1)
		}
	}
	return codes
}

// alnum is s with only its ASCII letters and digits.
func alnum(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// column resolves a response export heading: code, code[SQ001] (or
// LimeSurvey's older code_SQ001). item is the matrix item, option the
// option of a multiple choice answered Y per column; qu nil when h is no
// code of this questionnaire.
func (lc *limeCodes) column(h string) (qu *q.Question, item *q.Item, option *q.Option) {
	base, sub := h, ""
	if i := strings.IndexByte(h, '['); i > 0 && strings.HasSuffix(h, "]") {
		base, sub = h[:i], h[i+1:len(h)-1]
	} else if i := strings.LastIndexByte(h, '_'); i > 0 {
		if qu := lc.byCode[strings.ToLower(h[:i])]; qu != nil {
			base, sub = h[:i], h[i+1:]
		}
	}
	qu = lc.byCode[strings.ToLower(base)]
	if qu == nil {
		return nil, nil, nil
	}
	if sub == "" {
		if qu.IsMatrix() || qu.Type == q.Multi {
			return nil, nil, nil
		}
		return qu, nil, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(sub), "SQ"))
	if err != nil || !strings.HasPrefix(strings.ToUpper(sub), "SQ") || n < 1 {
		return nil, nil, nil
	}
	switch {
	case qu.IsMatrix() && n <= len(qu.Items):
		return qu, qu.Items[n-1], nil
	case qu.Type == q.Multi && n <= len(qu.Options):
		return qu, nil, qu.Options[n-1]
	}
	return nil, nil, nil
}

// addAnswerCodes makes c read qu's LimeSurvey answer codes.
func (lc *limeCodes) addAnswerCodes(c *choices, qu *q.Question) {
	codes := lc.answer[qu]
	if qu.Type == q.YesNo {
		c.add("DK", q.DontKnowID)
		for _, l := range []i18n.Lang{i18n.NL, i18n.EN} { // as the interview says it
			c.add(yesNoText(l, q.DontKnowID), q.DontKnowID)
		}
		return
	}
	for i, code := range codes {
		c.add(code, qu.Options[i].ID)
	}
}

// LimeSurveyColumns are the columns of the survey structure file written.
var LimeSurveyColumns = []string{"id", "related_id", "class", "type/scale", "name", "relevance", "text", "help", "language",
	"validation", "mandatory", "other", "default", "same_default", "exclude_all_others", "min_num_value_n", "max_num_value_n"}

// WriteLimeSurvey writes qn as a LimeSurvey tab-separated survey
// structure (import it in LimeSurvey as a survey, .txt): Dutch first,
// English as the second language; one group per section, questions with
// their conditions as relevance equations, matrix items and multiple
// choice options as subquestions, answers with codes of at most 5
// characters. score reads the responses LimeSurvey exports from it
// (headings: question codes; answers: answer codes).
func WriteLimeSurvey(w io.Writer, qn *q.Questionnaire) error {
	lc := newLimeCodes(qn)
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = '\t'
	col := map[string]int{}
	for i, c := range LimeSurveyColumns {
		col[c] = i
	}
	row := func(kv ...string) {
		r := make([]string, len(LimeSurveyColumns))
		for i := 0; i+1 < len(kv); i += 2 {
			r[col[kv[i]]] = kv[i+1]
		}
		cw.Write(r)
	}
	cw.Write(LimeSurveyColumns)
	row("class", "S", "name", "language", "text", "nl")
	row("class", "S", "name", "additional_languages", "text", "en")
	row("class", "S", "name", "format", "text", "G")
	row("class", "S", "name", "anonymized", "text", "Y")
	row("class", "S", "name", "datestamp", "text", "Y")
	for _, lang := range []i18n.Lang{i18n.NL, i18n.EN} {
		l := string(lang)
		row("class", "SL", "name", "surveyls_title", "text", qn.Title.In(lang), "language", l)
		row("class", "SL", "name", "surveyls_description", "text", qn.Description.In(lang), "language", l)
		row("class", "SL", "name", "surveyls_dateformat", "text", "6", "language", l) // YYYY-MM-DD
	}
	for _, lang := range []i18n.Lang{i18n.NL, i18n.EN} {
		l := string(lang)
		qid, sqid := 0, 10000
		for gi, sec := range qn.Sections {
			row("id", strconv.Itoa(gi+1), "class", "G", "type/scale", strconv.Itoa(gi+1), "name", sec.Title.In(lang),
				"relevance", lc.relevance(sec.When), "text", sec.Description.In(lang), "language", l)
			for _, qu := range sec.Questions {
				if qu.Derived {
					continue
				}
				qid++
				id := strconv.Itoa(qid)
				mandatory := "N"
				if !qu.Optional {
					mandatory = "Y"
				}
				kv := []string{"id", id, "class", "Q", "type/scale", limeType(qu), "name", lc.code[qu], "relevance", lc.relevance(qu.When),
					"text", qu.Title.In(lang), "help", qu.Help.In(lang), "language", l, "mandatory", mandatory, "other", "N", "same_default", "0"}
				if qu.Type == q.Multi {
					var ex []string
					for i, o := range qu.Options {
						if o.Exclusive {
							ex = append(ex, subCode(i))
						}
					}
					kv = append(kv, "exclude_all_others", strings.Join(ex, ";"))
				}
				if qu.Type == q.Number {
					if qu.Min != nil {
						kv = append(kv, "min_num_value_n", strconv.FormatFloat(*qu.Min, 'f', -1, 64))
					}
					if qu.Max != nil {
						kv = append(kv, "max_num_value_n", strconv.FormatFloat(*qu.Max, 'f', -1, 64))
					}
				}
				row(kv...)
				switch {
				case qu.IsMatrix():
					for i, it := range qu.Items {
						sqid++
						row("id", strconv.Itoa(sqid), "related_id", id, "class", "SQ", "type/scale", "0", "name", subCode(i),
							"relevance", lc.relevance(it.When), "text", it.Label.In(lang), "language", l)
					}
				case qu.Type == q.Multi:
					for i, o := range qu.Options {
						sqid++
						row("id", strconv.Itoa(sqid), "related_id", id, "class", "SQ", "type/scale", "0", "name", subCode(i),
							"relevance", lc.relevance(o.When), "text", o.Label.In(lang), "language", l)
					}
				}
				for i, code := range lc.answer[qu] {
					text := ""
					if qu.Type == q.YesNo {
						text = [...]string{"yes", "no", "dont-know"}[i]
						text = yesNoText(lang, text)
					} else {
						text = qu.Options[i].Label.In(lang)
					}
					row("id", id, "class", "A", "type/scale", "0", "name", code, "text", text, "language", l)
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// yesNoText labels the answers of a yes/no question with a don't-know
// answer (a list in LimeSurvey) as the interview does.
func yesNoText(lang i18n.Lang, id string) string {
	return msg.T(lang, map[string]string{"yes": "ask.yes", "no": "ask.no", q.DontKnowID: "ask.dont-know"}[id])
}

// relevance is a condition as a LimeSurvey relevance equation ("1":
// always). A hidden question is empty (.NAOK), so it satisfies neither
// in nor not_in, as in the questionnaire.
func (lc *limeCodes) relevance(c *q.Condition) string {
	if c == nil {
		return "1"
	}
	return lc.expr(c)
}

func (lc *limeCodes) expr(c *q.Condition) string {
	join := func(cs []*q.Condition, op string) string {
		parts := make([]string, len(cs))
		for i, s := range cs {
			parts[i] = lc.expr(s)
		}
		return "(" + strings.Join(parts, op) + ")"
	}
	switch {
	case len(c.All) > 0:
		return join(c.All, " and ")
	case len(c.Any) > 0:
		return join(c.Any, " or ")
	case c.Not != nil:
		return "!" + lc.expr(c.Not)
	}
	qu := lc.qn.Question(c.Question)
	if qu == nil {
		return "1"
	}
	if qu.Derived {
		return lc.derived(qu, c)
	}
	code := lc.code[qu]
	// is tests one answer id; answered any answer.
	var is func(id string) string
	var answered string
	switch {
	case c.Item != "":
		it := qu.Item(c.Item)
		v := code + "_" + subCode(it.Index) + ".NAOK"
		is = func(id string) string { return v + ` == "` + lc.answerCode(qu, id) + `"` }
		answered = "!is_empty(" + v + ")"
	case qu.Type == q.Multi:
		var any []string
		is = func(id string) string {
			o := qu.Option(id)
			if o == nil {
				return "0"
			}
			return code + "_" + subCode(o.Index) + `.NAOK == "Y"`
		}
		for _, o := range qu.Options {
			any = append(any, is(o.ID))
		}
		answered = "(" + strings.Join(any, " or ") + ")"
	case qu.IsMatrix():
		var any []string
		for i := range qu.Items {
			any = append(any, "!is_empty("+code+"_"+subCode(i)+".NAOK)")
		}
		answered = "(" + strings.Join(any, " or ") + ")"
		is = func(string) string { return "0" }
	default:
		is = func(id string) string { return code + `.NAOK == "` + lc.answerCode(qu, id) + `"` }
		answered = "!is_empty(" + code + ".NAOK)"
	}
	switch {
	case c.Answered != nil && *c.Answered:
		return answered
	case c.Answered != nil:
		return "!" + answered
	case len(c.In) > 0:
		parts := make([]string, len(c.In))
		for i, id := range c.In {
			parts[i] = is(id)
		}
		return "(" + strings.Join(parts, " or ") + ")"
	case len(c.NotIn) > 0:
		parts := []string{answered}
		for _, id := range c.NotIn {
			parts = append(parts, "!("+is(id)+")")
		}
		return "(" + strings.Join(parts, " and ") + ")"
	}
	return "1"
}

// answerCode is the LimeSurvey code of answer id of qu.
func (lc *limeCodes) answerCode(qu *q.Question, id string) string {
	if qu.Type == q.YesNo {
		switch id {
		case "yes":
			return "Y"
		case "no":
			return "N"
		}
		return "DK"
	}
	if o := qu.Option(id); o != nil && lc.answer[qu] != nil {
		return lc.answer[qu][o.Index]
	}
	return id
}

// derived writes a condition on a derived question (municipality) as one
// on the questions whose options set it (place).
func (lc *limeCodes) derived(qu *q.Question, c *q.Condition) string {
	var in, all []string
	for _, by := range lc.qn.SetBy(qu.ID) {
		for _, o := range by.Options {
			v, ok := o.Sets[qu.ID]
			if !ok {
				continue
			}
			e := lc.code[by] + `.NAOK == "` + lc.answerCode(by, o.ID) + `"`
			all = append(all, e)
			if contains(c.In, v) || len(c.NotIn) > 0 && !contains(c.NotIn, v) {
				in = append(in, e)
			}
		}
	}
	switch {
	case c.Answered != nil && *c.Answered:
		in = all
	case c.Answered != nil:
		return "!(" + strings.Join(all, " or ") + ")"
	}
	if len(in) == 0 {
		return "0"
	}
	return "(" + strings.Join(in, " or ") + ")"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
