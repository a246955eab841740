package synth

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// SurveyRow returns the cells of answers a in the order of cols.
func SurveyRow(qn *q.Questionnaire, cols []string, a scan.Answers) []string {
	row := make([]string, len(cols))
	for i, c := range cols {
		qid, item, isItem := strings.Cut(c, ".")
		ans, ok := a[qid]
		if !ok {
			continue
		}
		if isItem {
			row[i] = ans.Items[item]
			continue
		}
		switch {
		case ans.Choices != nil:
			row[i] = strings.Join(ans.Choices, "|")
		case ans.Number != nil:
			row[i] = strconv.FormatFloat(*ans.Number, 'f', -1, 64)
		case ans.Choice != "":
			row[i] = ans.Choice
		default:
			row[i] = ans.Text
		}
	}
	return row
}

// SurveyFormat is how a survey export file is written.
type SurveyFormat struct {
	Comma rune // ',' or ';'
	BOM   bool
	CRLF  bool
}

// WriteSurvey writes a survey export of n respondents (the answers of
// businesses 0..n-1) to w.
func (g *Gen) WriteSurvey(w io.Writer, n int, f SurveyFormat) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if f.BOM {
		bw.WriteString("\uFEFF")
	}
	cw := csv.NewWriter(bw)
	if f.Comma != 0 {
		cw.Comma = f.Comma
	}
	cw.UseCRLF = f.CRLF
	cols := g.Qn.SurveyColumns()
	if err := cw.Write(cols); err != nil {
		return err
	}
	for i := range n {
		if err := cw.Write(SurveyRow(g.Qn, cols, g.AnswersOf(i))); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
