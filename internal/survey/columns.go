package survey

import (
	"fmt"
	"slices"
	"strings"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// IDColumn is the optional column of respondent ids: copied to the result
// rows so they join back to the survey.
const IDColumn = "id"

// ColumnsError reports a header that does not fit the questionnaire:
// columns that name no question or item (with a suggestion), questions
// that have no column, columns given twice. Nothing was scored.
type ColumnsError struct {
	Name      string
	Unknown   []string // "col (did you mean …?)"
	Missing   []string
	Duplicate []string
	TooMany   int // the header's column count, when over maxColumns (nothing else is checked)
}

// maxColumns is the widest header read: the built-in questionnaire has
// about 50 columns; a header far wider is another kind of file, and
// checking each of its columns would only make a huge message.
const maxColumns = 2000

// maxListed is how many unknown columns the error names one by one.
const maxListed = 20

func (e *ColumnsError) Error() string {
	var parts []string
	if e.TooMany > 0 {
		return fmt.Sprintf("%s: header: %d columns, more than the %d a survey of this questionnaire can have: is this the right file?", e.Name, e.TooMany, maxColumns)
	}
	if len(e.Unknown) > 0 {
		list := e.Unknown
		more := ""
		if len(list) > maxListed {
			list, more = list[:maxListed], fmt.Sprintf("; … and %d more", len(list)-maxListed)
		}
		parts = append(parts, fmt.Sprintf("%d unknown column(s): %s%s", len(e.Unknown), strings.Join(list, "; "), more))
	}
	if len(e.Missing) > 0 {
		parts = append(parts, fmt.Sprintf("missing column(s) for required questions: %s", strings.Join(e.Missing, ", ")))
	}
	if len(e.Duplicate) > 0 {
		parts = append(parts, fmt.Sprintf("column(s) given twice: %s", strings.Join(e.Duplicate, ", ")))
	}
	return fmt.Sprintf("%s: header: %s (columns are question ids, question.item for a matrix item, and optionally %q)", e.Name, strings.Join(parts, "; "), IDColumn)
}

// Template is the header of a survey export for qn: the respondent id
// column, then SurveyColumns. Survey tools that export with question ids
// as column names can be set up from it.
func Template(qn *q.Questionnaire) []string {
	return append([]string{IDColumn}, qn.SurveyColumns()...)
}

// mapColumns reads the header.
func mapColumns(name string, qn *q.Questionnaire, header []string) (cols []scan.Column, idCol int, err error) {
	var known []string // every valid column name, for suggestions
	for _, qu := range qn.Questions() {
		if qu.IsMatrix() {
			for _, it := range qu.Items {
				known = append(known, qu.ID+"."+it.ID)
			}
		} else {
			known = append(known, qu.ID)
		}
	}
	e := &ColumnsError{Name: name}
	if len(header) > maxColumns {
		e.TooMany = len(header)
		return nil, -1, e
	}
	seen := map[string]bool{}
	cols = make([]scan.Column, len(header))
	idCol = -1
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		if seen[h] {
			e.Duplicate = append(e.Duplicate, h)
			continue
		}
		seen[h] = true
		if h == IDColumn {
			idCol = i
			continue
		}
		qid, item, isItem := strings.Cut(h, ".")
		qu := qn.Question(qid)
		switch {
		case qu != nil && !isItem && !qu.IsMatrix():
			cols[i].Question = qu
		case qu != nil && isItem && qu.IsMatrix() && qn.Item(qid, item) != nil:
			cols[i] = scan.Column{Question: qu, Item: qn.Item(qid, item)}
		default:
			hint := ""
			switch {
			case h == "":
				h = fmt.Sprintf("(empty, column %d)", i+1)
			case qu != nil && qu.IsMatrix() && !isItem:
				hint = fmt.Sprintf(" (a matrix: one column per item, %s.%s, …)", qid, qu.Items[0].ID)
			default:
				hint = strictyaml.DidYouMean(h, known)
			}
			e.Unknown = append(e.Unknown, strictyaml.Echo(h)+hint)
		}
	}
	// Every required question needs its column(s); a place column stands
	// in for municipality and the other way round.
	for _, qu := range qn.Questions() {
		if qu.Optional || qu.Derived {
			continue
		}
		if qu.IsMatrix() {
			for _, it := range qu.Items {
				if !seen[qu.ID+"."+it.ID] {
					e.Missing = append(e.Missing, qu.ID+"."+it.ID)
				}
			}
			continue
		}
		if seen[qu.ID] || slices.ContainsFunc(qu.Options, func(o *q.Option) bool {
			for target := range o.Sets {
				if seen[target] {
					return true
				}
			}
			return false
		}) {
			continue
		}
		e.Missing = append(e.Missing, qu.ID)
	}
	if len(e.Unknown)+len(e.Missing)+len(e.Duplicate) > 0 {
		return nil, -1, e
	}
	return cols, idCol, nil
}
