package scan

import (
	"slices"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Visibility tells which questions, options and items apply to a business,
// given its answers. Conditions only look back, so one pass in questionnaire
// order settles everything; a hidden question counts as unanswered for the
// conditions after it.
type Visibility struct {
	qn      *q.Questionnaire
	answers Answers
	visible []bool // by question order
}

// Visible computes the visibility of every question for these answers.
func Visible(qn *q.Questionnaire, answers Answers) *Visibility {
	qs := qn.Questions()
	v := &Visibility{qn: qn, answers: answers, visible: make([]bool, len(qs))}
	for _, qu := range qs {
		v.visible[qu.Order] = !qu.Derived && v.Holds(qu.Section.When) && v.Holds(qu.When)
	}
	return v
}

// Question reports whether qu is asked of this business. Derived questions
// are never asked (they follow from another answer).
func (v *Visibility) Question(qu *q.Question) bool { return v.visible[qu.Order] }

// Option reports whether option o of qu is offered.
func (v *Visibility) Option(o *q.Option) bool { return v.Holds(o.When) }

// Item reports whether matrix item it is asked.
func (v *Visibility) Item(it *q.Item) bool { return v.Holds(it.When) }

// Answer returns the answer to question id if that question is visible and
// answered (derived questions count as answered when set).
func (v *Visibility) Answer(id string) (Answer, bool) {
	qu := v.qn.Question(id)
	if qu == nil {
		return Answer{}, false
	}
	if qu.Derived {
		if a, ok := v.answers[id]; ok && answered(qu, a) {
			return a, true
		}
		if c := DerivedChoice(v.qn, v.answers, qu); c != "" {
			return Answer{Choice: c}, true
		}
		return Answer{}, false
	}
	if !v.visible[qu.Order] {
		return Answer{}, false
	}
	a, ok := v.answers[id]
	if !ok || !answered(qu, a) {
		return Answer{}, false
	}
	return a, true
}

// Holds evaluates a condition; nil holds.
func (v *Visibility) Holds(c *q.Condition) bool {
	if c == nil {
		return true
	}
	switch {
	case len(c.All) > 0:
		for _, s := range c.All {
			if !v.Holds(s) {
				return false
			}
		}
		return true
	case len(c.Any) > 0:
		for _, s := range c.Any {
			if v.Holds(s) {
				return true
			}
		}
		return false
	case c.Not != nil:
		return !v.Holds(c.Not)
	}
	a, ok := v.Answer(c.Question)
	if c.Answered != nil {
		return ok == *c.Answered
	}
	if !ok {
		return false
	}
	var values []string
	switch {
	case c.Item != "":
		val, ok := a.Items[c.Item]
		if !ok {
			return false
		}
		values = []string{val}
	case a.Choices != nil:
		values = a.Choices
	default:
		values = []string{a.Choice}
	}
	if len(c.In) > 0 {
		for _, x := range values {
			if slices.Contains(c.In, x) {
				return true
			}
		}
		return false
	}
	for _, x := range values {
		if slices.Contains(c.NotIn, x) {
			return false
		}
	}
	return true
}

// DerivedChoice returns the option a derived question gets from the answers
// of the questions that set it ("" when none does).
func DerivedChoice(qn *q.Questionnaire, answers Answers, derived *q.Question) string {
	for _, setter := range qn.SetBy(derived.ID) {
		a, ok := answers[setter.ID]
		if !ok {
			continue
		}
		for _, id := range append([]string{a.Choice}, a.Choices...) {
			if o := qn.Option(setter.ID, id); o != nil {
				if val, ok := o.Sets[derived.ID]; ok {
					return val
				}
			}
		}
	}
	return ""
}

// Count returns how many questions this business is asked: a checklist or a
// matrix counts as one question.
func Count(qn *q.Questionnaire, answers Answers) int {
	v := Visible(qn, answers)
	n := 0
	for _, qu := range qn.Questions() {
		if v.Question(qu) {
			n++
		}
	}
	return n
}

// Prune removes answers that no longer apply — to questions, options or
// items hidden by a later change of an earlier answer — so that going back
// in an interview and changing, say, the size never leaves stale answers.
func Prune(qn *q.Questionnaire, answers Answers) Answers {
	out := make(Answers, len(answers))
	v := Visible(qn, out)
	for _, qu := range qn.Questions() {
		// Visibility is recomputed as answers are copied in order, because
		// conditions only look back.
		a, ok := answers[qu.ID]
		if !ok {
			continue
		}
		if qu.Derived {
			out[qu.ID] = a
			continue
		}
		v = Visible(qn, out)
		if !v.Question(qu) {
			continue
		}
		if qu.IsMatrix() {
			items := map[string]string{}
			for _, it := range qu.Items {
				if val, ok := a.Items[it.ID]; ok && v.Item(it) {
					items[it.ID] = val
				}
			}
			a.Items = items
		} else if a.Choices != nil {
			var keep []string
			for _, c := range a.Choices {
				if o := qn.Option(qu.ID, c); o != nil && v.Option(o) {
					keep = append(keep, c)
				}
			}
			a.Choices = append([]string{}, keep...)
		} else if a.Choice != "" && qu.Type != q.YesNo {
			if o := qn.Option(qu.ID, a.Choice); o == nil || !v.Option(o) {
				continue
			}
		}
		out[qu.ID] = a
	}
	return out
}
