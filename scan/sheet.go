package scan

import (
	"strings"
	"unicode/utf8"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Column is what one column of a sheet holds: the answer to a question,
// to one item of a matrix question, or (Question nil) no answer at all.
type Column struct {
	Question *q.Question
	Item     *q.Item // the item, for a matrix question
}

// Sheet reads, checks and scores the rows of a table of answers (a survey
// export) laid out as its columns: the cells go straight into the form
// the scorer works on, with the same messages as ParseCell and Check, and
// the result is the one Score gives for the same answers. A Sheet keeps
// working space between rows: one per goroutine.
type Sheet struct {
	// ReuseResult makes Row return the same Result every call, written
	// over, its arrays and maps reused (as csv.Reader.ReuseRecord does for
	// records): for a caller that is done with a result before the next
	// row.
	ReuseResult bool

	res     *Result // the result reused
	answers Answers // and its answers
	qn      *q.Questionnaire
	cols    []Column
	ids     []*optionTable // by column: its question's options
	keep    []bool         // by question order: the answer goes into Result.Answers
	n       int            // how many questions are kept
	choices []string       // with ReuseResult: the row's multiple choices' ids, side by side
	sc      scratch
}

// NewSheet prepares reading rows laid out as cols. Result.Answers holds
// every answer; when keep is not nil, only the answers to the questions
// keep reports true for: a caller that reads no others (batch scoring to
// CSV reads those its catalogue's conditions look at) saves building
// them. The result's profile and scores are complete either way.
func NewSheet(qn *q.Questionnaire, cols []Column, keep func(*q.Question) bool) *Sheet {
	s := &Sheet{qn: qn, cols: cols, ids: make([]*optionTable, len(cols)), keep: make([]bool, len(qn.Questions()))}
	for i, c := range cols {
		if c.Question != nil {
			s.ids[i] = newOptionTable(c.Question)
		}
	}
	for _, qu := range qn.Questions() {
		if keep == nil || keep(qu) {
			s.keep[qu.Order] = true
			s.n++
		}
	}
	return s
}

// read reads the cells of a row into s.sc.vis; problems are the cells
// that cannot be answers, named "question: …" or "question.item: …".
func (s *Sheet) read(cells []string) (Answers, []Problem) {
	vals := clearVals(s.qn, s.sc.vis.vals)
	s.sc.vis.vals = vals
	answers := s.answers // the reused result's
	if answers == nil || !s.ReuseResult {
		answers = make(Answers, s.n)
		if s.ReuseResult {
			s.answers = answers
		}
	}
	clear(answers)
	var pool *[]string
	if s.ReuseResult {
		s.choices = s.choices[:0]
		pool = &s.choices
	}
	var ps []Problem
	for i, c := range s.cols {
		qu := c.Question
		if qu == nil || i >= len(cells) {
			continue
		}
		cell := trim(cells[i])
		if cell == "" {
			continue
		}
		v := &vals[qu.Order]
		if c.Item != nil {
			o, msg := readOption(qu, s.ids[i], cell)
			if !msg.IsZero() {
				ps = append(ps, problem(qu.ID, prefixed(qu.ID+"."+c.Item.ID, msg)))
				continue
			}
			if !v.set {
				v.answer(qu)
			}
			v.items[c.Item.Index] = o.Index
			if s.keep[qu.Order] {
				a := answers[qu.ID]
				if a.Items == nil {
					a.Items = make(map[string]string, len(qu.Items))
				}
				a.Items[c.Item.ID] = o.ID
				answers[qu.ID] = a
			}
			continue
		}
		var a *Answer
		var kept Answer
		if s.keep[qu.Order] {
			a = &kept
		}
		if msg := readCell(qu, s.ids[i], cell, v, a, pool); !msg.IsZero() {
			*v = val{items: v.items[:0]}
			ps = append(ps, problem(qu.ID, prefixed(qu.ID, msg)))
			continue
		}
		if a != nil {
			answers[qu.ID] = kept
		}
		if qu.Type == q.Text && v.text == "" { // only separators: no answer
			*v = val{}
		}
	}
	return answers, ps
}

// trim is strings.TrimSpace, without the call for the usual cell that
// has nothing to trim.
func trim(s string) string {
	if s == "" {
		return s
	}
	if a, z := s[0], s[len(s)-1]; a > ' ' && a < utf8.RuneSelf && z > ' ' && z < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}

// Check reads a row and checks its answers: the problems ParseCell and
// Check would report, cell problems alone when there are any.
func (s *Sheet) Check(cells []string) []Problem {
	answers, ps := s.read(cells)
	if len(ps) > 0 {
		return ps
	}
	s.sc.vis.settle(s.qn, answers)
	return check(s.qn, &s.sc.vis)
}

// Row reads, checks and scores a row: CheckScore for the answers in its
// cells. Problems with cells come alone, before checking.
func (s *Sheet) Row(cells []string, opt Options) (*Result, []Problem, error) {
	answers, ps := s.read(cells)
	if len(ps) > 0 {
		return nil, ps, nil
	}
	s.sc.vis.settle(s.qn, answers)
	if ps := check(s.qn, &s.sc.vis); len(ps) > 0 {
		return nil, ps, nil
	}
	var into *Result
	if s.ReuseResult {
		if s.res == nil {
			s.res = new(Result)
		}
		into = s.res
	}
	r, err := scoreWith(s.qn, answers, opt, &s.sc, into)
	return r, nil, err
}
