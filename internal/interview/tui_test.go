package interview

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/fixture"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

func mini(t testing.TB) *q.Questionnaire { return fixture.Mini(t) }

// driver feeds a model one message at a time, running the commands each
// update returns (as bubbletea would) before the next key is sent — keys
// sent all at once would land in the wrong fields.
type driver struct {
	t     *testing.T
	m     tea.Model
	quit  bool
	saved int
}

func newDriver(t *testing.T, s *Session) *driver {
	d := &driver{t: t}
	s.Save = func(*Session) error { d.saved++; return nil }
	d.m = NewModel(s)
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	return d
}

func (d *driver) send(msg tea.Msg) {
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.run(cmd)
}

// run executes a command and delivers its message; commands that do not
// answer quickly (cursor blinks, timers) are dropped.
func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(50 * time.Millisecond):
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.QuitMsg:
		d.quit = true
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	default:
		// tea.Sequence's message is an unexported []tea.Cmd.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := 0; i < v.Len(); i++ {
				d.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		d.send(msg)
	}
}

func (d *driver) key(keys ...string) {
	for _, k := range keys {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		if t, ok := keyTypes[k]; ok {
			msg = tea.KeyMsg{Type: t}
		}
		if k == "space" {
			msg.Runes = []rune{' '}
		}
		d.send(msg)
	}
}

// keyTypes are the named keys a test may press; anything else is typed.
var keyTypes = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "down": tea.KeyDown, "up": tea.KeyUp, "right": tea.KeyRight, "left": tea.KeyLeft,
	"shift+tab": tea.KeyShiftTab, "tab": tea.KeyTab, "ctrl+c": tea.KeyCtrlC, "space": tea.KeySpace,
}

func (d *driver) view() string { return d.m.View() }

func (d *driver) expect(want ...string) {
	d.t.Helper()
	v := d.view()
	for _, w := range want {
		if !strings.Contains(v, w) {
			d.t.Fatalf("screen does not show %q:\n%s", w, v)
		}
	}
}

func (d *driver) model() Model { return d.m.(Model) }

// The whole mini questionnaire through the TUI, in Dutch, with a step back.
func TestTUIWholeInterview(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.NL, nil, 0)
	d := newDriver(t, s)

	d.expect("Deel 1 van 4 · Profiel", "Sector?", "enter kiezen", "ctrl+c: stoppen")
	d.key("down", "enter") // sector: retail (second option)
	d.key("down", "enter") // size: micro
	d.key("enter")         // place: bussum
	// association is on its own page (it follows place in the same section
	// only when place is elsewhere? no: province depends on place).
	d.expect("Vereniging?")
	d.key("enter") // nothing ticked: "none" must be chosen explicitly
	d.expect("Kies minstens één antwoord, of „geen”.")
	d.key("x", "enter") // tick "geen" (first option)
	d.expect("Deel 2 van 4 · Impact", "Klanten online?")
	// Back to the previous page keeps the answers given there.
	d.key("shift+tab")
	d.expect("Deel 1 van 4", "Vereniging?", "[•] geen")
	d.key("enter")
	d.expect("Klanten online?")
	d.key("down", "down", "enter") // impact-customers: much
	// The matrix page: its title stays as the heading.
	d.expect("Deel 3 van 4", "Gebieden?", "← nee →")
	d.key("right", "right", "enter") // marketing: invested
	d.key("right", "enter")          // admin: planned
	d.expect("Uitspraken?")
	if s.Answers["areas"].Items["marketing"] != "invested" || s.Answers["areas"].Items["admin"] != "planned" {
		t.Fatalf("matrix answers = %v", s.Answers["areas"])
	}
	d.key("x", "enter")              // statements: needs
	d.key("x", "down", "x", "enter") // tools: website, cloud-office
	d.key("enter")                   // staff: none ticked (allowed: no "none" option)
	d.key("enter")                   // internet-use: Ja
	d.key("down", "x", "enter")      // data-use: stored
	d.key("y")                       // security: y accepts (and moves on)
	d.key("enter", "enter")          // ai matrix: 0, 0
	d.expect("(overslaan)")
	d.key("down", "enter") // green: optional, starts on skip; "nee"
	d.key("enter")         // employees: empty (optional)
	d.expect("Deel 4 van 4 · Vervolg")
	d.key("x", "enter")     // topics: strategy
	d.key("j")              // consent-statistics: j = ja
	d.key("enter", "enter") // follow-up, handover: Nee
	d.key("De Vries", "enter")
	d.key("1234567", "enter") // a KVK number of 7 digits is refused
	d.expect("Een KVK-nummer heeft 8 cijfers")
	d.key("8", "enter")
	if !d.model().Done() || !d.quit {
		t.Fatalf("interview not done; screen:\n%s", d.view())
	}

	want := map[string]scan.Answer{
		"sector":             {Choice: "retail"},
		"size":               {Choice: "micro"},
		"place":              {Choice: "bussum"},
		"association":        {Choices: []string{"none"}},
		"impact-customers":   {Choice: "much"},
		"statements":         {Choices: []string{"needs"}},
		"tools":              {Choices: []string{"website", "cloud-office"}},
		"staff":              {Choices: []string{}},
		"internet-use":       {Choice: "yes"},
		"data-use":           {Choices: []string{"stored"}},
		"security":           {Choice: "yes"},
		"ai":                 {Items: map[string]string{"chatbots": "0", "vision": "0"}},
		"green":              {Choice: "no"},
		"topics":             {Choices: []string{"strategy"}},
		"consent-statistics": {Choice: "yes"},
		"consent-follow-up":  {Choice: "no"},
		"consent-handover":   {Choice: "no"},
		"company-name":       {Text: "De Vries"},
		"kvk-number":         {Text: "12345678"},
	}
	for id, w := range want {
		if got := s.Answers[id]; !reflect.DeepEqual(got, w) {
			t.Errorf("%s = %+v, want %+v", id, got, w)
		}
	}
	if _, ok := s.Answers["employees"]; ok {
		t.Error("an optional question left empty must stay unanswered")
	}
	if ps := scan.Check(qn, s.Answers); len(ps) > 0 {
		t.Errorf("the interview's answers do not check: %v", ps)
	}
	if d.saved < 4 {
		t.Errorf("draft saved %d times, want after every page", d.saved)
	}
}

// Ctrl-C stops the interview, keeps what was answered and leaves the page
// to resume from.
func TestTUICtrlCKeepsAnswers(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.EN, nil, 0)
	d := newDriver(t, s)
	d.expect("Part 1 of 4 · Profile", "enter choose")
	d.key("down", "enter") // sector: retail, left → kept
	d.key("ctrl+c")
	if !d.model().Aborted() || !d.quit {
		t.Fatal("ctrl+c did not stop the interview")
	}
	d.model().state.keepLeft()
	if s.Answers["sector"].Choice != "retail" {
		t.Errorf("sector = %+v, want retail kept", s.Answers["sector"])
	}
	if _, ok := s.Answers["size"]; ok {
		t.Error("size was never left, so it must not be recorded (a select shows its first option as a default)")
	}
	if s.Page != 0 {
		t.Errorf("page = %d, want 0 (resume where it stopped)", s.Page)
	}
}

// Resuming at a later page with earlier answers, and going back across a
// page whose questions are hidden for this business.
func TestTUIResumeAndBackAcrossHiddenPages(t *testing.T) {
	qn := mini(t)
	answers := scan.Answers{
		"sector": {Choice: "retail"}, "size": {Choice: "zzp"}, "place": {Choice: "bussum"},
		"association": {Choices: []string{"local"}}, "impact-customers": {Choice: "all"},
	}
	s := NewSession(qn, i18n.NL, answers, 3)
	d := newDriver(t, s)
	d.expect("Deel 3 van 4", "Gebieden?")
	d.key("shift+tab")
	d.expect("Deel 2 van 4", "Klanten online?")
	d.key("enter") // keeps "all"? the select shows the previous answer
	if s.Answers["impact-customers"].Choice != "all" {
		t.Errorf("previous answer not kept: %+v", s.Answers["impact-customers"])
	}
	d.expect("Gebieden?")
	d.key("enter", "enter")
	// A freelancer is not asked the statements or staff questions.
	if strings.Contains(d.view(), "Uitspraken?") {
		t.Errorf("statements asked of a freelancer:\n%s", d.view())
	}
	d.expect("Hulpmiddelen?")
}

// The privacy notice comes before the first question; Enter goes on.
func TestTUINoticeFirst(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.NL, nil, 0)
	s.Notice = Notice{Title: "Over uw gegevens", Text: "De regio gebruikt uw antwoorden om u te helpen."}
	d := newDriver(t, s)
	d.expect("Over uw gegevens", "De regio gebruikt uw antwoorden", "Verder")
	if strings.Contains(d.view(), "Sector?") {
		t.Fatal("the first question is shown before the notice")
	}
	d.key("enter")
	d.expect("Deel 1 van 4", "Sector?")
	d.key("ctrl+c")
	if len(s.Answers) != 0 {
		t.Errorf("the notice recorded answers: %v", s.Answers)
	}
}

// Ctrl-C in the middle of a matrix keeps the items answered so far: the
// person loses nothing they gave, down to the matrix item.
func TestTUICtrlCInMatrixKeepsItems(t *testing.T) {
	qn := mini(t)
	answers := scan.Answers{
		"sector": {Choice: "retail"}, "size": {Choice: "micro"}, "place": {Choice: "bussum"},
		"association": {Choices: []string{"none"}}, "impact-customers": {Choice: "all"},
	}
	s := NewSession(qn, i18n.EN, answers, 3)
	d := newDriver(t, s)
	d.expect("Areas?")
	d.key("right", "right", "enter") // marketing: invested, left → kept
	d.key("right")                   // admin: moved to planned, not confirmed
	d.key("ctrl+c")
	d.model().state.keepLeft()
	if got := s.Answers["areas"].Items; !reflect.DeepEqual(got, map[string]string{"marketing": "invested"}) {
		t.Errorf("areas = %v, want the answered item marketing kept (and admin, never confirmed, not)", got)
	}
	if s.Page != 3 {
		t.Errorf("page = %d, want 3 (resume at the matrix)", s.Page)
	}
	// Resuming shows the kept item and asks the rest.
	s2 := NewSession(qn, i18n.EN, s.Answers, s.Page)
	d2 := newDriver(t, s2)
	d2.expect("Areas?")
	d2.key("enter", "right", "enter")
	if got := s2.Answers["areas"].Items; !reflect.DeepEqual(got, map[string]string{"marketing": "invested", "admin": "planned"}) {
		t.Errorf("after resuming, areas = %v", got)
	}
}

// Without colours (NO_COLOR: the test's renderer has none) the chosen
// button of a yes/no question is visible: huh marks it by colour alone.
func TestTUIYesNoChoiceVisibleWithoutColour(t *testing.T) {
	qn := mini(t)
	answers := fixture.Shop()
	for _, id := range []string{"consent-statistics", "consent-follow-up", "consent-handover", "company-name", "kvk-number", "topics"} {
		delete(answers, id)
	}
	s := NewSession(qn, i18n.NL, answers, 0)
	s.Page = s.next(len(s.Pages()) - 1)
	d := newDriver(t, s)
	d.key("x", "enter") // topics
	d.expect("Statistiek?")
	if !strings.Contains(d.view(), "› Nee") && !strings.Contains(d.view(), "› Ja") {
		t.Fatalf("no button is marked as chosen without colour:\n%s", d.view())
	}
	d.key("left")
	d.expect("› Ja")
	d.key("right")
	d.expect("› Nee")
	// The key hint names the key that works in Dutch: j, not y.
	d.expect("j Ja")
	if strings.Contains(d.view(), "y Ja") {
		t.Errorf("the hint says y for ja:\n%s", d.view())
	}
}

// At 80×24 a long list (the 15 sectors of the intake) does not fit: the
// screen says that there are more choices below.
func TestTUILongListSaysMoreFollow(t *testing.T) {
	qn, err := q.Builtin("intake")
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(qn, i18n.NL, nil, 0)
	d := newDriver(t, s)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.expect("15 keuzes: met ↓ ziet u ook de rest.")
}

// A long checklist says so too (the tools, the topics): at 80×24 the last
// options, "none of these" among them, are below the screen.
func TestTUILongChecklistSaysMoreFollow(t *testing.T) {
	qn, err := q.Builtin("intake")
	if err != nil {
		t.Fatal(err)
	}
	answers := scan.Answers{
		"sector": {Choice: "retail"}, "size": {Choice: "micro"}, "place": {Choice: "hilversum"},
		"association":   {Choices: []string{"none"}},
		"impact-sector": {Choice: "clearly"}, "impact-customers": {Choice: "a-lot"}, "impact-work": {Choice: "clearly"},
	}
	tools, v := 0, scan.Visible(qn, answers)
	for _, o := range qn.Question("tools").Options {
		if v.Option(o) {
			tools++
		}
	}
	s := NewSession(qn, i18n.NL, answers, 5)
	d := newDriver(t, s)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.expect("Welke van deze digitale hulpmiddelen")
	d.expect(fmt.Sprintf("%d keuzes: met ↓ ziet u ook de rest.", tools))
}
