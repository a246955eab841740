package scan

import (
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Visibility tells which questions, options and items apply to a business,
// given its answers. Conditions only look back, so one pass in questionnaire
// order settles everything; a hidden question counts as unanswered for the
// conditions after it.
type Visibility struct {
	qn      *q.Questionnaire
	answers Answers
	vals    []val  // answers by question order, in index form
	visible []bool // by question order
}

// val is one answer in index form, so conditions and scores work on
// integers and bit masks instead of looking up ids.
type val struct {
	set    bool
	choice int    // single, scale: option index; yes/no: 0 yes, 1 no, 2 don't know
	mask   uint64 // the chosen options as bits (multiple choice: all ticked)
	items  []int  // matrix: option index per item, -1 when not answered
}

// compile converts answers to index form. Unknown ids (which Check
// reports) are ignored.
func compile(qn *q.Questionnaire, answers Answers, vals []val) []val {
	qs := qn.Questions()
	if cap(vals) < len(qs) {
		vals = make([]val, len(qs))
	}
	vals = vals[:len(qs)]
	for i := range vals {
		vals[i] = val{items: vals[i].items[:0]} // keep the items' room for reuse
	}
	for _, qu := range qs {
		a, ok := answers[qu.ID]
		if !ok || !answered(qu, a) {
			continue
		}
		v := &vals[qu.Order]
		v.set = true
		v.choice = -1
		switch {
		case qu.IsMatrix():
			if cap(v.items) < len(qu.Items) {
				v.items = make([]int, len(qu.Items))
			}
			v.items = v.items[:len(qu.Items)]
			for i := range v.items {
				v.items[i] = -1
			}
			for _, it := range qu.Items {
				if choice, ok := a.Items[it.ID]; ok {
					if o := option(qu, choice); o != nil {
						v.items[it.Index] = o.Index
					}
				}
			}
		case qu.Type == q.Multi:
			for _, c := range a.Choices {
				if o := option(qu, c); o != nil {
					v.mask |= 1 << o.Index
				}
			}
		case qu.Type == q.YesNo:
			if i := q.YesNoIndex(a.Choice); i >= 0 {
				v.choice, v.mask = i, 1<<i
			}
		case qu.Type == q.Single || qu.Type == q.Scale:
			if o := option(qu, a.Choice); o != nil {
				v.choice, v.mask = o.Index, 1<<o.Index
			}
		}
	}
	for _, qu := range qs {
		if qu.Derived && !vals[qu.Order].set {
			if o := option(qu, DerivedChoice(qn, answers, qu)); o != nil {
				vals[qu.Order] = val{set: true, choice: o.Index, mask: 1 << o.Index}
			}
		}
	}
	return vals
}

// option finds an option of a question by id; a linear scan of a few short
// strings is faster than a map for the option counts questions have.
func option(qu *q.Question, id string) *q.Option {
	for _, o := range qu.Options {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// Visible computes the visibility of every question for these answers.
func Visible(qn *q.Questionnaire, answers Answers) *Visibility {
	v := &Visibility{}
	v.reset(qn, answers)
	return v
}

// reset computes visibility into v, reusing its slices (Score keeps a pool
// of them, so scoring many results allocates little).
func (v *Visibility) reset(qn *q.Questionnaire, answers Answers) {
	qs := qn.Questions()
	v.qn, v.answers = qn, answers
	v.vals = compile(qn, answers, v.vals)
	if cap(v.visible) < len(qs) {
		v.visible = make([]bool, len(qs))
	}
	v.visible = v.visible[:len(qs)]
	for _, qu := range qs {
		v.visible[qu.Order] = !qu.Derived && v.Holds(qu.Section.When) && v.Holds(qu.When)
	}
}

// Question reports whether qu is asked of this business. Derived questions
// are never asked (they follow from another answer).
func (v *Visibility) Question(qu *q.Question) bool { return v.visible[qu.Order] }

// Option reports whether option o of qu is offered.
func (v *Visibility) Option(o *q.Option) bool { return o.When == nil || v.Holds(o.When) }

// Item reports whether matrix item it is asked.
func (v *Visibility) Item(it *q.Item) bool { return it.When == nil || v.Holds(it.When) }

// has reports whether question qu is visible (or derived) and answered.
func (v *Visibility) has(qu *q.Question) bool {
	return v.vals[qu.Order].set && (qu.Derived || v.visible[qu.Order])
}

// Answer returns the answer to question id if that question is visible and
// answered (derived questions count as answered when set).
func (v *Visibility) Answer(id string) (Answer, bool) {
	return v.answerOf(v.qn.Question(id))
}

// answerOf is Answer for a question already looked up (nil: none).
func (v *Visibility) answerOf(qu *q.Question) (Answer, bool) {
	if qu == nil || !v.has(qu) {
		return Answer{}, false
	}
	id := qu.ID
	if a, ok := v.answers[id]; ok && answered(qu, a) {
		return a, true
	}
	return Answer{Choice: qu.Options[v.vals[qu.Order].choice].ID}, true // derived
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
	ok := v.has(c.Ref)
	if c.Answered != nil {
		return ok == *c.Answered
	}
	if !ok {
		return false
	}
	val := v.vals[c.Ref.Order]
	mask := val.mask
	if c.Slot >= 0 {
		if val.items == nil || val.items[c.Slot] < 0 {
			return false
		}
		mask = 1 << val.items[c.Slot]
	}
	if len(c.In) > 0 {
		return mask&c.Mask != 0
	}
	return mask&c.Mask == 0
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
			if o := setter.Option(id); o != nil {
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
		v := Visible(qn, out)
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
				if o := qu.Option(c); o != nil && v.Option(o) {
					keep = append(keep, c)
				}
			}
			a.Choices = append([]string{}, keep...)
		} else if a.Choice != "" && qu.Type != q.YesNo {
			if o := qu.Option(a.Choice); o == nil || !v.Option(o) {
				continue
			}
		}
		out[qu.ID] = a
	}
	return out
}
