package scan

import (
	"math/bits"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Visibility tells which questions, options and items apply to a business,
// given its answers. Conditions only look back, so one pass in questionnaire
// order settles everything; a hidden question counts as unanswered for the
// conditions after it.
type Visibility struct {
	answers Answers
	vals    []val  // answers by question order, in index form
	visible []bool // by question order
}

// val is one answer in index form, so conditions and scores work on
// integers and bit masks instead of looking up ids.
type val struct {
	set     bool    // answered, or (implied) derived from another answer
	implied bool    // a derived question set by the answer it follows from
	choice  int     // single, scale: option index; yes/no: 0 yes, 1 no, 2 don't know
	mask    uint64  // the chosen options as bits (multiple choice: all ticked)
	items   []int   // matrix: option index per item, -1 when not answered
	num     float64 // number
	text    string  // text
}

// clearVals empties vals for qn, keeping the items' room for reuse.
func clearVals(qn *q.Questionnaire, vals []val) []val {
	vals = sized(&vals, len(qn.Questions()))
	for i := range vals {
		vals[i] = val{items: vals[i].items[:0]}
	}
	return vals
}

// answer marks v answered, as a question of qu's type with nothing chosen
// yet (a matrix with every item unanswered).
func (v *val) answer(qu *q.Question) {
	v.set, v.choice = true, -1
	if qu.IsMatrix() {
		if cap(v.items) < len(qu.Items) {
			v.items = make([]int, len(qu.Items))
		}
		v.items = v.items[:len(qu.Items)]
		for i := range v.items {
			v.items[i] = -1
		}
	}
}

// compile converts answers to index form. Unknown ids (which reading an
// answers file reports) are ignored.
func compile(qn *q.Questionnaire, answers Answers, vals []val) []val {
	vals = clearVals(qn, vals)
	for _, qu := range qn.Questions() {
		a, ok := answers[qu.ID]
		if !ok || !answered(qu, a) {
			continue
		}
		v := &vals[qu.Order]
		v.answer(qu)
		switch {
		case qu.IsMatrix():
			for _, it := range qu.Items {
				if choice, ok := a.Items[it.ID]; ok {
					if o := qu.Option(choice); o != nil {
						v.items[it.Index] = o.Index
					}
				}
			}
		case qu.Type == q.Multi:
			for _, c := range a.Choices {
				if o := qu.Option(c); o != nil {
					v.mask |= 1 << o.Index
				}
			}
		case qu.Type == q.YesNo:
			if i := q.YesNoIndex(a.Choice); i >= 0 {
				v.choice, v.mask = i, 1<<i
			}
		case qu.Type == q.Single || qu.Type == q.Scale:
			if o := qu.Option(a.Choice); o != nil {
				v.choice, v.mask = o.Index, 1<<o.Index
			}
		case qu.Type == q.Number:
			v.num = *a.Number
		case qu.Type == q.Text:
			v.text = a.Text
		}
	}
	return vals
}

// derive sets the derived questions not answered directly from the
// answers they follow from (the municipality from the place).
func derive(qn *q.Questionnaire, vals []val) {
	for _, qu := range qn.Derived() {
		if vals[qu.Order].set {
			continue
		}
		if o := qu.Option(derivedChoice(qn, vals, qu)); o != nil {
			vals[qu.Order] = val{set: true, implied: true, choice: o.Index, mask: 1 << o.Index}
		}
	}
}

// derivedChoice is the option a derived question gets from the answers
// of the questions that set it ("" when none does).
func derivedChoice(qn *q.Questionnaire, vals []val, derived *q.Question) string {
	for _, setter := range qn.SetBy(derived.ID) {
		v := vals[setter.Order]
		if !v.set || v.implied || setter.Type == q.YesNo {
			continue
		}
		chosen := v.mask
		if v.choice >= 0 { // a single choice
			if id, ok := setter.Options[v.choice].Sets[derived.ID]; ok {
				return id
			}
			chosen &^= 1 << v.choice
		}
		for ; chosen != 0; chosen &= chosen - 1 {
			if id, ok := setter.Options[bits.TrailingZeros64(chosen)].Sets[derived.ID]; ok {
				return id
			}
		}
	}
	return ""
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
	v.vals = compile(qn, answers, v.vals)
	v.settle(qn, answers)
}

// settle works out the derived answers and which questions are asked,
// for the answers in v.vals; answers is what Answer returns (nil: none
// but the index form).
func (v *Visibility) settle(qn *q.Questionnaire, answers Answers) {
	qs := qn.Questions()
	v.answers = answers
	derive(qn, v.vals)
	sized(&v.visible, len(qs))
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

// yesNoIDs are the yes/no answers by index (q.YesNoIndex).
var yesNoIDs = [3]string{Yes, No, q.DontKnowID}

// choice is the option id of a single choice, scale, yes/no or derived
// answer to qu, if visible ("" when none).
func (v *Visibility) choice(qu *q.Question) string {
	if qu == nil || !v.has(qu) {
		return ""
	}
	switch x := &v.vals[qu.Order]; {
	case x.choice < 0:
		return ""
	case qu.Type == q.YesNo:
		return yesNoIDs[x.choice]
	default:
		return qu.Options[x.choice].ID
	}
}

// text is the text answer to qu, if visible.
func (v *Visibility) text(qu *q.Question) string {
	if qu == nil || !v.has(qu) {
		return ""
	}
	return v.vals[qu.Order].text
}

// toAnswer is the answer v holds in index form (options of a multiple
// choice in questionnaire order).
func (v *val) toAnswer(qu *q.Question) Answer {
	var a Answer
	switch {
	case qu.IsMatrix():
		a.Items = make(map[string]string, len(qu.Items))
		for _, it := range qu.Items {
			if o := v.items[it.Index]; o >= 0 {
				a.Items[it.ID] = qu.Options[o].ID
			}
		}
	case qu.Type == q.Multi:
		a.Choices = make([]string, 0, bits.OnesCount64(v.mask))
		for m := v.mask; m != 0; m &= m - 1 {
			a.Choices = append(a.Choices, qu.Options[bits.TrailingZeros64(m)].ID)
		}
	case qu.Type == q.YesNo:
		a.Choice = yesNoIDs[v.choice]
	case qu.Type == q.Number:
		n := v.num
		a.Number = &n
	case qu.Type == q.Text:
		a.Text = v.text
	case v.choice >= 0:
		a.Choice = qu.Options[v.choice].ID
	}
	return a
}

// appendList appends the answer as a list to dst: the options of a
// multiple choice, in questionnaire order, or the one option chosen
// (what toAnswer holds, as a list never nil when dst is not).
func (v *val) appendList(qu *q.Question, dst []string) []string {
	switch {
	case qu.IsMatrix(), qu.Type == q.Number, qu.Type == q.Text:
	case qu.Type == q.Multi:
		for m := v.mask; m != 0; m &= m - 1 {
			dst = append(dst, qu.Options[bits.TrailingZeros64(m)].ID)
		}
	case qu.Type == q.YesNo:
		dst = append(dst, yesNoIDs[v.choice])
	case v.choice >= 0:
		dst = append(dst, qu.Options[v.choice].ID)
	}
	return dst
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
	v := &Visibility{} // its slices serve every question
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
		v.reset(qn, out)
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
