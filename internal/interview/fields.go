package interview

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// binding connects one question to the huh fields that ask it and reads
// the answer back once the person has left them.
type binding struct {
	qu     *q.Question
	fields []huh.Field
	keys   []string // field keys, in order
	read   func() (a scan.Answer, ok bool)
	// partial reads the items of a matrix the person has moved past (and
	// those answered before), so an interrupt in the middle of a matrix
	// keeps them; nil for other questions.
	partial func(left map[string]bool) (a scan.Answer, ok bool)
	// check runs when the person leaves the field forwards; huh would show
	// such an error before anything was chosen, so the model does it.
	check func() error
}

// fieldsFor builds the huh fields for a question, pre-filled with the
// previous answer (when going back or resuming).
func fieldsFor(s *Session, vis *scan.Visibility, qu *q.Question, theme *huh.Theme) binding {
	// Every field gets the theme before its options: huh lays a select out
	// as soon as it has options, and without a theme it builds its default
	// theme once per option drawn.
	newSelect := func() *huh.Select[string] {
		sel := huh.NewSelect[string]()
		sel.WithTheme(theme)
		return sel
	}
	newMulti := func() *huh.MultiSelect[string] {
		ms := huh.NewMultiSelect[string]()
		ms.WithTheme(theme)
		return ms
	}
	l := s.Lang
	title := qu.Title.In(l)
	help := qu.Help.In(l)
	prev := s.Answers[qu.ID]
	b := binding{qu: qu}
	add := func(key string, f huh.Field) {
		b.keys = append(b.keys, key)
		b.fields = append(b.fields, f)
	}
	options := func() []huh.Option[string] {
		var opts []huh.Option[string]
		for _, o := range qu.Options {
			if vis.Option(o) {
				opts = append(opts, huh.NewOption(optionLabel(qu, o, l), o.ID))
			}
		}
		return opts
	}

	switch {
	case qu.IsMatrix():
		// The title and help are the page's heading (see modelState.build).
		values := map[string]*string{}
		for _, it := range qu.Items {
			if !vis.Item(it) {
				continue
			}
			v := prev.Items[it.ID]
			values[it.ID] = &v
			sel := newSelect().Key(qu.ID + "/" + it.ID).
				Title(it.Label.In(l)).Description(it.Help.In(l)).
				Options(options()...).Value(&v).Inline(true)
			add(qu.ID+"/"+it.ID, sel)
		}
		b.read = func() (scan.Answer, bool) {
			items := make(map[string]string, len(values))
			for id, v := range values {
				items[id] = *v
			}
			return scan.Answer{Items: items}, len(items) > 0
		}
		b.partial = func(left map[string]bool) (scan.Answer, bool) {
			items := map[string]string{}
			for id, v := range values {
				if *v != "" && (left[qu.ID+"/"+id] || prev.Items[id] != "") {
					items[id] = *v
				}
			}
			return scan.Answer{Items: items}, len(items) > 0
		}

	case qu.Type == q.Single || qu.Type == q.Scale:
		v := prev.Choice
		opts := options()
		if qu.Optional {
			// Unanswered optional questions start on "skip", at the top.
			opts = append([]huh.Option[string]{huh.NewOption(msg.T(l, "ask.skip"), "")}, opts...)
		}
		// A long list does not fit a small terminal (at 80×24 the sector
		// list shows 11 of 15): say that there are more below.
		if len(opts) > longList {
			help = strings.TrimSpace(help + "\n" + msg.Tf(l, "ask.long-list", len(opts)))
		}
		add(qu.ID, newSelect().Key(qu.ID).Title(title).Description(help).
			Options(opts...).Value(&v))
		b.read = func() (scan.Answer, bool) { return scan.Answer{Choice: v}, v != "" }

	case qu.Type == q.Multi:
		v := slices.Clone(prev.Choices)
		opts := options()
		if len(opts) > longList { // at 80×24 the last options are below the screen
			help = strings.TrimSpace(help + "\n" + msg.Tf(l, "ask.long-list", len(opts)))
		}
		ms := newMulti().Key(qu.ID).Title(title).Description(help).
			Options(opts...).Value(&v).Filterable(false).
			Limit(len(qu.Options)). // no "select all": "none of these" stands alone
			Validate(func(vs []string) error { return validateExclusive(qu, vs, l) })
		add(qu.ID, ms)
		b.check = func() error { return validateMulti(qu, v, l) }
		b.read = func() (scan.Answer, bool) { return scan.Answer{Choices: append([]string{}, v...)}, true }

	case qu.Type == q.YesNo && qu.DontKnow:
		v := prev.Choice
		add(qu.ID, newSelect().Key(qu.ID).Title(title).Description(help).
			Options(
				huh.NewOption(msg.T(l, "ask.yes"), scan.Yes),
				huh.NewOption(msg.T(l, "ask.no"), scan.No),
				huh.NewOption(msg.T(l, "ask.dont-know"), q.DontKnowID),
			).Value(&v))
		b.read = func() (scan.Answer, bool) { return scan.Answer{Choice: v}, v != "" }

	case qu.Type == q.YesNo:
		v := prev.Choice == scan.Yes
		add(qu.ID, confirm{huh.NewConfirm().Key(qu.ID).Title(title).Description(help).
			Affirmative(msg.T(l, "ask.yes")).Negative(msg.T(l, "ask.no")).Value(&v), l})
		b.read = func() (scan.Answer, bool) {
			if v {
				return scan.Answer{Choice: scan.Yes}, true
			}
			return scan.Answer{Choice: scan.No}, true
		}

	case qu.Type == q.Number:
		v := ""
		if prev.Number != nil {
			v = FormatNumber(*prev.Number, l)
		}
		add(qu.ID, huh.NewInput().Key(qu.ID).Title(title).Description(help).Value(&v).
			Validate(func(s string) error { _, err := ParseNumber(qu, s, l); return err }))
		b.read = func() (scan.Answer, bool) {
			n, err := ParseNumber(qu, v, l)
			if err != nil || n == nil {
				return scan.Answer{}, false
			}
			return scan.Answer{Number: n}, true
		}

	default: // text
		v := prev.Text
		add(qu.ID, huh.NewInput().Key(qu.ID).Title(title).Description(help).Value(&v).
			CharLimit(scan.MaxText).
			Validate(func(s string) error { return validateText(qu, s, l) }))
		b.read = func() (scan.Answer, bool) {
			t := scan.NormalizeText(qu, v)
			return scan.Answer{Text: t}, t != ""
		}
	}
	return b
}

// confirm is huh's yes/no field with the key hint of the language: huh
// writes "y" into the hint whenever it draws, though in Dutch j is the key.
type confirm struct {
	*huh.Confirm
	lang i18n.Lang
}

// Update keeps the wrapper: huh's group stores what Update returns.
func (c confirm) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := c.Confirm.Update(msg)
	if inner, ok := m.(*huh.Confirm); ok {
		c.Confirm = inner
	}
	return c, cmd
}

func (c confirm) KeyBinds() []key.Binding {
	bs := c.Confirm.KeyBinds()
	if c.lang != i18n.NL {
		return bs
	}
	out := make([]key.Binding, len(bs))
	for i, b := range bs {
		if h := b.Help(); h.Key == "y" {
			b.SetHelp("j", h.Desc)
		}
		out[i] = b
	}
	return out
}

// longList is the number of options above which a list says that more
// follow below what is on screen.
const longList = 10

// optionLabel is the option's label; on the 0–5 scale it is prefixed with
// its level so the scale reads as one.
func optionLabel(qu *q.Question, o *q.Option, l i18n.Lang) string {
	label := o.Label.In(l)
	if qu.Type == q.Scale {
		if _, err := strconv.Atoi(o.ID); err == nil {
			return o.ID + " · " + label
		}
	}
	return label
}

// validateExclusive: "none of these" stands alone.
func validateExclusive(qu *q.Question, vs []string, l i18n.Lang) error {
	for _, o := range qu.Options {
		if (o.Exclusive || o.DontKnow) && slices.Contains(vs, o.ID) && len(vs) > 1 {
			return errors.New(msg.Tf(l, "ask.error.exclusive", o.Label.In(l)))
		}
	}
	return nil
}

// validateMulti: a checklist with a "none of these" option needs a choice.
func validateMulti(qu *q.Question, vs []string, l i18n.Lang) error {
	if err := validateExclusive(qu, vs, l); err != nil {
		return err
	}
	if len(vs) == 0 && !qu.Optional {
		for _, o := range qu.Options {
			if o.Exclusive {
				return errors.New(msg.Tf(l, "ask.error.choose-or-none", o.Label.In(l)))
			}
		}
	}
	return nil
}

func validateText(qu *q.Question, s string, l i18n.Lang) error {
	s = strings.TrimSpace(s)
	if s == "" {
		if qu.Optional {
			return nil
		}
		return errors.New(msg.T(l, "ask.error.required"))
	}
	if problem := scan.CheckText(qu, s); problem != "" {
		switch qu.Format {
		case q.FormatKVK:
			return errors.New(msg.T(l, "ask.error.kvk"))
		case q.FormatEstablishment:
			return errors.New(msg.T(l, "ask.error.establishment"))
		}
		return errors.New(msg.Tf(l, "ask.error.too-long", scan.MaxText))
	}
	return nil
}

// ParseNumber reads a number as a person types it: "3,5" or "3.5", with
// spaces or thousands dots left out. Empty is nil (allowed when optional).
func ParseNumber(qu *q.Question, s string, l i18n.Lang) (*float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		if qu.Optional {
			return nil, nil
		}
		return nil, errors.New(msg.T(l, "ask.error.required"))
	}
	if strings.Count(s, ",") == 1 {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, errors.New(msg.T(l, "ask.error.number"))
	}
	if qu.Min != nil && x < *qu.Min || qu.Max != nil && x > *qu.Max {
		return nil, errors.New(msg.Tf(l, "ask.error.range", FormatNumber(min0(qu.Min), l), FormatNumber(max0(qu.Max), l)))
	}
	return &x, nil
}

func min0(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func max0(p *float64) float64 {
	if p == nil {
		return 1e9
	}
	return *p
}

// FormatNumber writes a number the way the language does: 3,5 in Dutch.
func FormatNumber(x float64, l i18n.Lang) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if l == i18n.NL {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// keyMap returns huh's key bindings with help texts in the chosen language;
// j (ja) is accepted next to y.
func keyMap(l i18n.Lang) *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	t := func(k string) string { return msg.T(l, k) }
	km.Input.Next.SetHelp("enter", t("key.next"))
	km.Input.Prev.SetHelp("shift+tab", t("key.back"))
	km.Input.Submit.SetHelp("enter", t("key.next"))
	km.Input.AcceptSuggestion.SetEnabled(false)
	km.Text.Next.SetHelp("enter", t("key.next"))
	km.Text.Prev.SetHelp("shift+tab", t("key.back"))
	km.Text.Submit.SetHelp("enter", t("key.next"))
	km.Text.NewLine.SetHelp("alt+enter", t("key.newline"))
	km.Text.Editor.SetEnabled(false)
	for _, s := range []*huh.SelectKeyMap{&km.Select} {
		s.Next.SetHelp("enter", t("key.choose"))
		s.Prev.SetHelp("shift+tab", t("key.back"))
		s.Submit.SetHelp("enter", t("key.choose"))
		s.Up.SetHelp("↑", t("key.up"))
		s.Down.SetHelp("↓", t("key.down"))
		s.Left.SetHelp("←", t("key.left"))
		s.Right.SetHelp("→", t("key.right"))
		s.Filter.SetEnabled(false)
		s.HalfPageUp.SetHelp("ctrl+u", t("key.page-up"))
		s.HalfPageDown.SetHelp("ctrl+d", t("key.page-down"))
		s.GotoTop.SetHelp("home", t("key.top"))
		s.GotoBottom.SetHelp("end", t("key.bottom"))
	}
	ms := &km.MultiSelect
	ms.Next.SetHelp("enter", t("key.confirm"))
	ms.Prev.SetHelp("shift+tab", t("key.back"))
	ms.Submit.SetHelp("enter", t("key.confirm"))
	ms.Toggle.SetHelp("x/spatie", t("key.toggle"))
	if l == i18n.EN {
		ms.Toggle.SetHelp("x/space", t("key.toggle"))
	}
	ms.Up.SetHelp("↑", t("key.up"))
	ms.Down.SetHelp("↓", t("key.down"))
	ms.Filter.SetEnabled(false)
	ms.SelectAll.SetEnabled(false)
	ms.SelectNone.SetEnabled(false)
	ms.HalfPageUp.SetHelp("ctrl+u", t("key.page-up"))
	ms.HalfPageDown.SetHelp("ctrl+d", t("key.page-down"))
	ms.GotoTop.SetHelp("home", t("key.top"))
	ms.GotoBottom.SetHelp("end", t("key.bottom"))
	km.Note.Next.SetHelp("enter", t("key.next"))
	km.Note.Prev.SetHelp("shift+tab", t("key.back"))
	km.Note.Submit.SetHelp("enter", t("key.next"))
	km.Confirm.Next.SetHelp("enter", t("key.next"))
	km.Confirm.Prev.SetHelp("shift+tab", t("key.back"))
	km.Confirm.Submit.SetHelp("enter", t("key.next"))
	km.Confirm.Toggle.SetHelp("←/→", t("key.switch"))
	if l == i18n.NL {
		km.Confirm.Accept.SetKeys("j", "J", "y", "Y")
		km.Confirm.Accept.SetHelp("j", t("ask.yes"))
	} else {
		km.Confirm.Accept.SetHelp("y", t("ask.yes"))
	}
	km.Confirm.Reject.SetHelp("n", t("ask.no"))
	return km
}

func fmtSection(l i18n.Lang, k, n int, title string) string {
	return fmt.Sprintf("%s · %s", msg.Tf(l, "ask.section", k, n), title)
}
