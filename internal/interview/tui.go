package interview

import (
	"context"
	"errors"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/scan"
)

// TUI runs the interview full-screen on a terminal: in is the keyboard
// (a terminal), out the screen (stderr, so stdout stays free for the
// result). It returns nil when every page was answered and ErrInterrupted
// when the person stopped (Ctrl-C) or ctx was cancelled (SIGTERM, SIGHUP);
// in both cases the draft has been saved.
func TUI(ctx context.Context, s *Session, in io.Reader, out io.Writer, color bool) error {
	// huh's themes use lipgloss's default renderer, which inspects stdout;
	// bind it to the screen we draw on, so `scan > result.json` keeps its
	// colours. Copying the background value avoids a second terminal query.
	r := lipgloss.NewRenderer(out)
	r.SetHasDarkBackground(lipgloss.HasDarkBackground())
	if !color {
		r.SetColorProfile(termenv.Ascii)
	}
	lipgloss.SetDefaultRenderer(r)

	m := NewModel(s)
	// Signals come in through ctx (SIGINT, SIGTERM, SIGHUP). bubbletea's own
	// handler would race with it on SIGTERM: both fire, and its send on the
	// program's message channel blocks shutdown forever.
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithContext(ctx),
		tea.WithAltScreen(), tea.WithoutSignalHandler())
	_, err := p.Run()
	if m.state.done && err == nil {
		return nil
	}
	// Interrupted: by Ctrl-C, a signal, or the program ending otherwise
	// (SIGTERM makes bubbletea quit without the form being complete).
	m.state.keepLeft()
	if serr := s.save(); serr != nil {
		return errors.Join(ErrInterrupted, serr)
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrInterrupted) && ctx.Err() == nil {
		return errors.Join(ErrInterrupted, err)
	}
	return ErrInterrupted
}

// Model is the bubbletea model of the interview: a header with the section
// and its place, and one huh form per page. It is exported for tests that
// drive it key by key.
type Model struct {
	state *modelState // shared, so the caller sees the state after Run
}

type modelState struct {
	s        *Session
	form     *huh.Form
	bindings []binding
	left     map[string]bool // field keys the person has moved past
	focus    string
	width    int
	height   int
	done     bool
	aborted  bool
	saveErr  error
	fieldErr error // from a binding's check, shown under the form
	notice   bool  // the notice is on screen
	km       *huh.KeyMap
	theme    *huh.Theme
	head     lipgloss.Style
	sub      lipgloss.Style
	errStyle lipgloss.Style
}

// headerLines is the height of the header and footer around the form.
const headerLines = 7

// NewModel builds the model for a session, positioned at s.Page.
func NewModel(s *Session) Model {
	// Styles are made here, after TUI has bound lipgloss to the screen.
	st := &modelState{s: s, km: keyMap(s.Lang), theme: theme(), width: 80,
		head: lipgloss.NewStyle().Bold(true), sub: lipgloss.NewStyle().Faint(true),
		errStyle: lipgloss.NewStyle().Foreground(lipgloss.Color("1"))}
	switch {
	case s.Done():
		st.done = true
	case s.Notice.Text != "":
		st.buildNotice()
	default:
		st.build()
	}
	return Model{state: st}
}

// theme is huh's base16 theme; without colours (NO_COLOR, a terminal
// without them) the chosen button of a yes/no question is marked with a
// sign, as huh shows it by colour alone.
func theme() *huh.Theme {
	t := huh.ThemeBase16()
	if lipgloss.ColorProfile() == termenv.Ascii {
		for _, fs := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
			fs.FocusedButton = fs.FocusedButton.SetString("›")
			fs.BlurredButton = fs.BlurredButton.SetString(" ")
		}
	}
	return t
}

// Done reports whether the interview was completed.
func (m Model) Done() bool { return m.state.done }

// Aborted reports whether the person stopped the interview.
func (m Model) Aborted() bool { return m.state.aborted }

func (st *modelState) build() {
	s := st.s
	vis := scan.Visible(s.QN, s.Answers)
	st.bindings = nil
	var fields []huh.Field
	for _, qu := range s.Visible(s.Page) {
		b := fieldsFor(s, vis, qu, st.theme)
		st.bindings = append(st.bindings, b)
		fields = append(fields, b.fields...)
	}
	st.left = map[string]bool{}
	// The theme first: huh lays the fields out as the group is made, and a
	// Select without a theme builds huh's default theme for every option
	// it draws (12 MB a page).
	for _, f := range fields {
		f.WithTheme(st.theme)
	}
	group := huh.NewGroup(fields...)
	if len(st.bindings) == 1 && st.bindings[0].qu.IsMatrix() {
		qu := st.bindings[0].qu
		group = group.Title(qu.Title.In(s.Lang)).Description(qu.Help.In(s.Lang))
	}
	st.form = huh.NewForm(group).
		WithTheme(st.theme).WithKeyMap(st.km).WithShowHelp(true).WithShowErrors(true).
		WithWidth(min(st.width, 80))
	st.form.SubmitCmd = nil
	st.form.CancelCmd = nil
	st.focus = st.firstKey()
}

// buildNotice puts the notice on screen, with a button to go on.
func (st *modelState) buildNotice() {
	st.notice = true
	st.bindings = nil
	note := huh.NewNote().Title(st.s.Notice.Title).Description(st.s.Notice.Text).
		Next(true).NextLabel(msg.T(st.s.Lang, "ask.continue"))
	note.WithTheme(st.theme)
	st.form = huh.NewForm(huh.NewGroup(note)).
		WithTheme(st.theme).WithKeyMap(st.km).WithShowHelp(true).WithWidth(min(st.width, 80))
	st.form.SubmitCmd = nil
	st.form.CancelCmd = nil
	st.focus = ""
}

func (st *modelState) firstKey() string {
	for _, b := range st.bindings {
		for i, f := range b.fields {
			if !f.Skip() {
				return b.keys[i]
			}
		}
	}
	return ""
}

// keepLeft stores the answers of the fields the person has left on the
// current page (used when going back and when interrupted).
func (st *modelState) keepLeft() {
	if st.done || st.form == nil || st.notice {
		return
	}
	set, unset := scan.Answers{}, []string(nil)
	for _, b := range st.bindings {
		all := true
		for i, k := range b.keys {
			if !st.left[k] && !b.fields[i].Skip() {
				all = false
			}
		}
		if !all {
			// A matrix keeps the items answered so far.
			if b.partial != nil {
				if a, ok := b.partial(st.left); ok {
					set[b.qu.ID] = a
				}
			}
			continue
		}
		if a, ok := b.read(); ok {
			set[b.qu.ID] = a
		} else {
			unset = append(unset, b.qu.ID)
		}
	}
	st.s.commit(set, unset)
}

// finishPage commits every answer on the page, saves the draft and moves on.
func (st *modelState) finishPage() tea.Cmd {
	set, unset := scan.Answers{}, []string(nil)
	for _, b := range st.bindings {
		if a, ok := b.read(); ok {
			set[b.qu.ID] = a
		} else {
			unset = append(unset, b.qu.ID)
		}
	}
	st.s.commit(set, unset)
	st.s.Page = st.s.next(st.s.Page + 1)
	st.saveErr = st.s.save()
	if st.s.Done() {
		st.done = true
		return tea.Quit
	}
	st.build()
	return st.form.Init()
}

// focused returns the binding whose field has the focus.
func (st *modelState) focused() *binding {
	for i := range st.bindings {
		for _, k := range st.bindings[i].keys {
			if k == st.focus {
				return &st.bindings[i]
			}
		}
	}
	return nil
}

func (m Model) Init() tea.Cmd {
	if m.state.done {
		return tea.Quit
	}
	return m.state.form.Init()
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	st := m.state
	if st.done || st.aborted {
		return m, tea.Quit
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		st.width, st.height = msg.Width, msg.Height
		st.form = st.form.WithWidth(min(msg.Width, 80))
		// The form gets the room left under the header.
		msg.Height = max(8, msg.Height-headerLines)
		f, cmd := st.form.Update(msg)
		st.form = f.(*huh.Form)
		return m, cmd
	case tea.KeyMsg:
		st.fieldErr = nil
		switch msg.String() {
		case "enter", "tab":
			if b := st.focused(); b != nil && b.check != nil {
				if err := b.check(); err != nil {
					st.fieldErr = err
					return m, nil
				}
			}
		case "ctrl+c":
			st.aborted = true
			return m, tea.Quit
		case "shift+tab":
			if st.focus == st.firstKey() {
				if p := st.s.prev(st.s.Page); p >= 0 {
					st.keepLeft()
					st.s.Page = p
					st.build()
					return m, st.form.Init()
				}
				return m, nil
			}
		}
	}
	f, cmd := st.form.Update(msg)
	st.form = f.(*huh.Form)
	if ff := st.form.GetFocusedField(); ff != nil && ff.GetKey() != st.focus {
		st.left[st.focus] = true
		st.focus = ff.GetKey()
	}
	switch st.form.State {
	case huh.StateCompleted:
		if st.notice {
			st.notice = false
			st.build()
			return m, st.form.Init()
		}
		return m, st.finishPage()
	case huh.StateAborted:
		st.aborted = true
		return m, tea.Quit
	}
	return m, cmd
}

func (m Model) View() string {
	st := m.state
	if st.done || st.aborted {
		return ""
	}
	s := st.s
	if st.notice {
		return st.form.View() + "\n" + st.sub.Render(msg.T(s.Lang, "ask.tui-footer"))
	}
	k, n := s.Section(s.Page)
	sec := s.QN.Sections[s.pages[s.Page].Section]
	w := min(st.width, 80)
	var b strings.Builder
	b.WriteString(st.head.Render(fmtSection(s.Lang, k, n, sec.Title.In(s.Lang))) + "\n")
	b.WriteString(st.progress(k, n, w) + "\n")
	if d := sec.Description.In(s.Lang); d != "" {
		b.WriteString(st.sub.Render(ansi.Wordwrap(d, w, "")) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(st.form.View())
	if st.fieldErr != nil {
		b.WriteString("\n" + st.errStyle.Render("* "+st.fieldErr.Error()))
	}
	b.WriteString("\n" + st.sub.Render(ansi.Wordwrap(msg.T(s.Lang, "ask.tui-footer"), w, "")))
	if st.saveErr != nil {
		b.WriteString("\n" + msg.Tf(s.Lang, "ask.save-failed", st.saveErr))
	}
	return b.String()
}

func (st *modelState) progress(k, n, w int) string {
	if n == 0 {
		return ""
	}
	width := min(40, w)
	done := width * (k - 1) / n
	return strings.Repeat("━", done) + st.sub.Render(strings.Repeat("─", width-done))
}
