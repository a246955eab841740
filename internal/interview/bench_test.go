package interview

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// BenchmarkPartChange: what moving to the next part costs on screen: the
// page's form built, sized and drawn once (goal: ≤ 15 ms), for the first
// page of the intake (the 15 sectors) and a matrix page.
func BenchmarkPartChange(b *testing.B) {
	qn, err := q.Builtin("intake")
	if err != nil {
		b.Fatal(err)
	}
	answers := scan.Answers{"sector": {Choice: "retail"}, "size": {Choice: "micro"}, "place": {Choice: "bussum"}}
	for _, c := range []struct {
		name string
		page int
	}{{"profile", 0}, {"strategy-matrix", -1}} {
		b.Run(c.name, func(b *testing.B) {
			s := NewSession(qn, i18n.NL, answers.Clone(), 0)
			page := c.page
			if page < 0 {
				for i, p := range s.Pages() {
					if len(p.Questions) == 1 && p.Questions[0].IsMatrix() {
						page = i
						break
					}
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				s.Page = page
				m := NewModel(s)
				tm, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
				_ = tm.View()
			}
		})
	}
}
