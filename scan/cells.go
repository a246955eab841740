package scan

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Answers from table cells, for batch scoring of survey exports: one cell
// per question, one per matrix item. The cells read like answers files
// (option ids, yes/no words), in the forms a spreadsheet gives them:
// multiple choice separated by "|", numbers with a decimal point or comma.
// Messages are worded as for answers files; Check then checks the answers
// as a whole (hidden questions, missing answers, exclusive options).

// CellSeparator separates the options of a multiple-choice cell.
const CellSeparator = "|"

// ParseCell reads a cell as the answer to qu (not a matrix: see
// ParseItemCell). A cell of only spaces is no answer (ok false). msg is
// non-empty when the cell cannot be an answer to qu.
func ParseCell(qn *q.Questionnaire, qu *q.Question, cell string) (a Answer, ok bool, msg string) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return a, false, ""
	}
	if !utf8.ValidString(s) {
		return a, false, "the cell is not UTF-8 text (save the file as \"CSV UTF-8\")"
	}
	option := func(val string) string {
		if qu.Option(val) != nil {
			return ""
		}
		return fmt.Sprintf("unknown option %q%s", val, didYouMean(val, optionIDs(qu), "options: "+listOf(optionIDs(qu))))
	}
	switch {
	case qu.IsMatrix():
		return a, false, "answer each item in a column of its own (" + qu.ID + "." + qu.Items[0].ID + ", …)"
	case qu.Type == q.Single || qu.Type == q.Scale:
		if m := option(s); m != "" {
			return a, false, m
		}
		a.Choice = s
	case qu.Type == q.Multi:
		a.Choices = make([]string, 0, strings.Count(s, CellSeparator)+1)
		for rest := s; ; {
			part, more, found := strings.Cut(rest, CellSeparator)
			rest = more
			val := strings.TrimSpace(part)
			if val == "" {
				return a, false, fmt.Sprintf("empty option in %q (separate options with %q)", s, CellSeparator)
			}
			if m := option(val); m != "" {
				return a, false, m
			}
			for _, c := range a.Choices {
				if c == val {
					return a, false, fmt.Sprintf("option %q is listed twice", val)
				}
			}
			a.Choices = append(a.Choices, val)
			if !found {
				break
			}
		}
	case qu.Type == q.YesNo:
		switch strings.ToLower(s) {
		case "true", "yes", "ja", "y", "j", "1":
			a.Choice = Yes
		case "false", "no", "nee", "n", "0":
			a.Choice = No
		case q.DontKnowID:
			if !qu.DontKnow {
				return a, false, "this question has no don't-know answer; answer true or false"
			}
			a.Choice = q.DontKnowID
		default:
			extra := ""
			if qu.DontKnow {
				extra = " or dont-know"
			}
			return a, false, fmt.Sprintf("expected true or false (yes/no, ja/nee, 1/0)%s, found %q", extra, s)
		}
	case qu.Type == q.Number:
		x, err := strconv.ParseFloat(strings.Replace(strings.ReplaceAll(s, "_", ""), ",", ".", 1), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return a, false, fmt.Sprintf("expected a number, found %q", s)
		}
		a.Number = &x
	case qu.Type == q.Text:
		a.Text = NormalizeText(qu, s)
	default:
		return a, false, fmt.Sprintf("question type %q cannot be read from a cell", qu.Type)
	}
	return a, true, ""
}

// ParseItemCell reads the cell of one item of a matrix question: an
// option id. A cell of only spaces is no answer (ok false).
func ParseItemCell(qn *q.Questionnaire, qu *q.Question, item, cell string) (option string, ok bool, msg string) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return "", false, ""
	}
	if qu.Item(item) == nil {
		var items []string
		for _, it := range qu.Items {
			items = append(items, it.ID)
		}
		return "", false, fmt.Sprintf("unknown item %q%s", item, didYouMean(item, items, "items: "+listOf(items)))
	}
	if qu.Option(s) == nil {
		return "", false, fmt.Sprintf("item %q: unknown option %q%s", item, s, didYouMean(s, optionIDs(qu), "options: "+listOf(optionIDs(qu))))
	}
	return s, true, ""
}
