package interview

import (
	"errors"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// ErrInterrupted means the person stopped (Ctrl-C, a signal, end of input)
// before the end; the draft has been saved.
var ErrInterrupted = errors.New("scan interrupted")

// Page is what one screen asks: a section, or part of one when a question
// depends on an earlier question of the same section (so the condition can
// be settled before it is shown). A matrix question is a page of its own.
type Page struct {
	Section   int // index in the questionnaire's sections
	Questions []*q.Question
}

// Pages splits the questionnaire into pages. Derived questions are never
// asked and are left out.
func Pages(qn *q.Questionnaire) []Page {
	var pages []Page
	for si, s := range qn.Sections {
		cur := Page{Section: si}
		onPage := map[string]bool{}
		for _, qu := range s.Questions {
			if qu.Derived {
				continue
			}
			// A matrix gets a page of its own: its title is the page's
			// heading, so it stays in view while the items scroll.
			alone := qu.IsMatrix() || (len(cur.Questions) == 1 && cur.Questions[0].IsMatrix())
			if len(cur.Questions) > 0 && (alone || qu.Refers(func(id string) bool { return onPage[id] })) {
				pages = append(pages, cur)
				cur = Page{Section: si}
				onPage = map[string]bool{}
			}
			cur.Questions = append(cur.Questions, qu)
			onPage[qu.ID] = true
		}
		if len(cur.Questions) > 0 {
			pages = append(pages, cur)
		}
	}
	return pages
}

// Notice is a text shown before the first question.
type Notice struct {
	Title, Text string
}

// Session is an interview in progress.
type Session struct {
	QN      *q.Questionnaire
	Lang    i18n.Lang
	Answers scan.Answers
	// Page is the next page to ask (an index into Pages).
	Page int
	// Save keeps the draft; it is called after every page and when the
	// interview is interrupted. It may be nil.
	Save func(*Session) error
	// Notice is shown before the first question (the privacy notice);
	// empty when resuming.
	Notice Notice

	pages []Page
}

// NewSession starts (or, with answers and a page, resumes) an interview.
func NewSession(qn *q.Questionnaire, lang i18n.Lang, answers scan.Answers, page int) *Session {
	if answers == nil {
		answers = scan.Answers{}
	}
	s := &Session{QN: qn, Lang: lang, Answers: answers, pages: Pages(qn)}
	s.Page = s.next(max(0, page))
	return s
}

// Pages returns the session's pages.
func (s *Session) Pages() []Page { return s.pages }

// Done reports whether every page has been asked.
func (s *Session) Done() bool { return s.Page >= len(s.pages) }

// Visible returns the questions of page i that apply given the answers so far.
func (s *Session) Visible(i int) []*q.Question {
	return s.visibleOn(scan.Visible(s.QN, s.Answers), i)
}

// visibleOn is Visible with the visibility worked out.
func (s *Session) visibleOn(v *scan.Visibility, i int) []*q.Question {
	var out []*q.Question
	for _, qu := range s.pages[i].Questions {
		if v.Question(qu) {
			out = append(out, qu)
		}
	}
	return out
}

// next returns the first page at or after i with a visible question.
func (s *Session) next(i int) int {
	v := scan.Visible(s.QN, s.Answers)
	for ; i < len(s.pages); i++ {
		if len(s.visibleOn(v, i)) > 0 {
			return i
		}
	}
	return len(s.pages)
}

// prev returns the last page before i with a visible question, or -1.
func (s *Session) prev(i int) int {
	v := scan.Visible(s.QN, s.Answers)
	for i--; i >= 0; i-- {
		if len(s.visibleOn(v, i)) > 0 {
			return i
		}
	}
	return -1
}

// Section returns "k of n" for page i: the position of its section among
// the sections that have (or, depending on answers still to come, may
// have) something to ask this business, so n does not jump as answers come in.
func (s *Session) Section(i int) (k, n int) {
	seen := map[int]bool{}
	v := scan.Visible(s.QN, s.Answers)
	for p := range s.pages {
		if seen[s.pages[p].Section] || !s.mayAsk(v, p) {
			continue
		}
		seen[s.pages[p].Section] = true
		n++
		if s.pages[p].Section <= s.pages[min(i, len(s.pages)-1)].Section {
			k = n
		}
	}
	return k, n
}

// Commit records answers for questions of the current page (removing the
// ones given as unanswered), prunes answers that no longer apply, and
// moves to the next page with something to ask.
func (s *Session) commit(set scan.Answers, unset []string) {
	for id, a := range set {
		s.Answers[id] = a
	}
	for _, id := range unset {
		delete(s.Answers, id)
	}
	s.Answers = scan.Prune(s.QN, s.Answers)
}

func (s *Session) save() error {
	if s.Save == nil {
		return nil
	}
	return s.Save(s)
}

// mayAsk reports whether page p has a question that is visible, or whose
// visibility still depends on a question not answered yet.
func (s *Session) mayAsk(v *scan.Visibility, p int) bool {
	for _, qu := range s.pages[p].Questions {
		if v.Question(qu) {
			return true
		}
		if s.undecided(v, qu.Section.When) && s.undecided(v, qu.When) {
			return true
		}
	}
	return false
}

// undecided reports whether a condition may still come out true: it holds,
// or it refers to a question that is not answered yet.
func (s *Session) undecided(v *scan.Visibility, c *q.Condition) bool {
	if c == nil {
		return true
	}
	if v.Holds(c) {
		return true
	}
	return c.Refers(func(id string) bool { _, ok := s.Answers[id]; return !ok })
}
