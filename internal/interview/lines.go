package interview

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Lines runs the interview as plain lines: every question is printed as
// text, answered by typing one line, in the session's language. It reads
// exactly one line per prompt, so it can be driven from a pipe line by
// line; it honours the conditions; "?" shows the explanation, "<" goes back
// one question. End of input or ctx being cancelled interrupts the
// interview (ErrInterrupted) after saving the draft.
func Lines(ctx context.Context, s *Session, in io.Reader, out io.Writer) error {
	lp := &liner{s: s, out: out, lines: readLines(ctx, in), ctx: ctx}
	err := lp.run()
	if errors.Is(err, ErrInterrupted) {
		if serr := s.save(); serr != nil {
			return errors.Join(ErrInterrupted, serr)
		}
	}
	return err
}

type liner struct {
	s       *Session
	out     io.Writer
	lines   <-chan lineOrErr
	ctx     context.Context
	section int // last section announced
}

type lineOrErr struct {
	line string
	err  error
}

// readLines delivers input lines on a channel, so a blocked read does not
// keep the interview from noticing a signal.
func readLines(ctx context.Context, in io.Reader) <-chan lineOrErr {
	ch := make(chan lineOrErr)
	go func() {
		defer close(ch)
		r := bufio.NewReader(in)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				select {
				case ch <- lineOrErr{line: strings.TrimRight(line, "\r\n")}:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				select {
				case ch <- lineOrErr{err: err}:
				case <-ctx.Done():
				}
				return
			}
		}
	}()
	return ch
}

func (lp *liner) t(key string) string               { return msg.T(lp.s.Lang, key) }
func (lp *liner) tf(key string, args ...any) string { return msg.Tf(lp.s.Lang, key, args...) }
func (lp *liner) say(s string)                      { fmt.Fprintln(lp.out, s) }

// read prompts and returns one line; errBack when the person typed "<".
func (lp *liner) read(prompt string) (string, error) {
	fmt.Fprint(lp.out, prompt)
	select {
	case <-lp.ctx.Done():
		lp.say("")
		return "", ErrInterrupted
	case l, ok := <-lp.lines:
		if !ok || l.err != nil {
			lp.say("")
			return "", ErrInterrupted
		}
		return strings.TrimSpace(l.line), nil
	}
}

var errBack = errors.New("back")

func (lp *liner) run() error {
	s := lp.s
	lp.section = -1
	if s.Page == 0 && len(s.Answers) == 0 {
		lp.say(s.QN.Title.In(s.Lang))
		if d := s.QN.Description.In(s.Lang); d != "" {
			lp.say(d)
		}
		lp.say(lp.t("ask.lines-intro"))
		if s.Notice.Text != "" {
			lp.say("")
			lp.say(s.Notice.Title + ": " + s.Notice.Text)
		}
	} else {
		lp.say(lp.t("ask.lines-resume"))
	}
	idx := 0 // question index within the page
	for !s.Done() {
		qs := s.Visible(s.Page)
		if idx >= len(qs) {
			s.Page = s.next(s.Page + 1)
			idx = 0
			if err := s.save(); err != nil {
				lp.say(lp.tf("ask.save-failed", err))
			}
			continue
		}
		if sec := s.pages[s.Page].Section; sec != lp.section {
			lp.section = sec
			k, n := s.Section(s.Page)
			lp.say("")
			lp.say(fmtSection(s.Lang, k, n, s.QN.Sections[sec].Title.In(s.Lang)))
			if d := s.QN.Sections[sec].Description.In(s.Lang); d != "" {
				lp.say(d)
			}
		}
		err := lp.ask(qs[idx])
		switch {
		case errors.Is(err, errBack):
			if idx > 0 {
				idx--
				continue
			}
			if p := s.prev(s.Page); p >= 0 {
				s.Page = p
				idx = len(s.Visible(p)) - 1
				lp.section = -1
				continue
			}
			lp.say(lp.t("ask.lines-at-start"))
		case err != nil:
			return err
		default:
			idx++
		}
	}
	return nil
}

// answer reads a line answering qu: "?" shows the question's help and
// asks again, "<" goes back (errBack).
func (lp *liner) answer(qu *q.Question, prompt string) (string, error) {
	for {
		line, err := lp.read(prompt)
		switch {
		case err != nil:
			return "", err
		case line == "<":
			return "", errBack
		case line == "?":
			lp.help(qu.Help.In(lp.s.Lang))
			continue
		}
		return line, nil
	}
}

// ask asks one question until it gets a valid answer.
func (lp *liner) ask(qu *q.Question) error {
	s := lp.s
	l := s.Lang
	vis := scan.Visible(s.QN, s.Answers)
	prev, hasPrev := s.Answers[qu.ID]
	lp.say("")
	lp.say(qu.Title.In(l))
	opts := visibleOptions(vis, qu)
	scale := numbered(opts) // the 0–5 scale is answered by level, not position

	if qu.IsMatrix() {
		lp.say(lp.t("ask.lines-matrix"))
		lp.listOptions(opts, scale)
		items := map[string]string{}
		var visItems []*q.Item
		for _, it := range qu.Items {
			if vis.Item(it) {
				visItems = append(visItems, it)
			}
		}
		for i := 0; i < len(visItems); {
			it := visItems[i]
			cur := prev.Items[it.ID]
			line, err := lp.read(lp.tf("ask.lines-item", i+1, len(visItems), it.Label.In(l)) + lp.current(qu, lp.optionWords(qu, cur)) + ": ")
			if err != nil {
				// Interrupted in the middle: keep the items answered so far.
				kept := maps.Clone(prev.Items)
				if kept == nil {
					kept = map[string]string{}
				}
				maps.Copy(kept, items)
				if len(kept) > 0 {
					s.commit(scan.Answers{qu.ID: {Items: kept}}, nil)
				}
				return err
			}
			switch {
			case line == "<":
				if i == 0 {
					return errBack
				}
				i--
				continue
			case line == "?":
				lp.help(qu.Help.In(l) + " " + it.Help.In(l))
				continue
			case line == "" && cur != "":
				items[it.ID] = cur
			default:
				id, ok := pick(line, opts, scale, l)
				if !ok {
					lp.say(lp.choiceError(opts, scale))
					continue
				}
				items[it.ID] = id
			}
			i++
		}
		s.commit(scan.Answers{qu.ID: {Items: items}}, nil)
		return nil
	}

	switch qu.Type {
	case q.Single, q.Scale:
		lp.listOptions(opts, scale)
		for {
			line, err := lp.answer(qu, lp.prompt(qu, lp.choicePrompt(opts, scale), lp.optionWords(qu, prev.Choice)))
			if err != nil {
				return err
			}
			switch {
			case line == "" && hasPrev && prev.Choice != "":
				return nil
			case line == "" && qu.Optional:
				s.commit(nil, []string{qu.ID})
				return nil
			}
			id, ok := pick(line, opts, scale, l)
			if !ok {
				lp.say(lp.choiceError(opts, scale))
				continue
			}
			s.commit(scan.Answers{qu.ID: {Choice: id}}, nil)
			lp.say(lp.tf("ask.lines-chosen", labelOf(opts, id, l)))
			return nil
		}

	case q.Multi:
		lp.listOptions(opts, false)
		for {
			cur := ""
			if hasPrev {
				cur = lp.optionWords(qu, prev.Choices...)
				if cur == "" {
					cur = "-"
				}
			}
			line, err := lp.answer(qu, lp.prompt(qu, lp.tf("ask.lines-multi", len(opts)), cur))
			if err != nil {
				return err
			}
			if line == "" && hasPrev {
				return nil
			}
			var ids []string
			ok := true
			for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
				id, found := pick(part, opts, false, l)
				if !found {
					ok = false
					break
				}
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
			if !ok {
				lp.say(lp.tf("ask.lines-multi-error", len(opts)))
				continue
			}
			if err := validateMulti(qu, ids, l); err != nil {
				lp.say(err.Error())
				continue
			}
			if ids == nil {
				ids = []string{}
			}
			s.commit(scan.Answers{qu.ID: {Choices: ids}}, nil)
			var names []string
			for _, id := range ids {
				names = append(names, labelOf(opts, id, l))
			}
			if len(names) == 0 {
				names = []string{lp.t("ask.lines-nothing")}
			}
			lp.say(lp.tf("ask.lines-chosen", strings.Join(names, "; ")))
			return nil
		}

	case q.YesNo:
		for {
			hint := lp.t("ask.lines-yesno")
			if qu.DontKnow {
				hint = lp.t("ask.lines-yesno-dk")
			}
			line, err := lp.answer(qu, lp.prompt(qu, hint, lp.yesNoWord(prev.Choice)))
			if err != nil {
				return err
			}
			var choice string
			switch strings.ToLower(line) {
			case "":
				if hasPrev && prev.Choice != "" {
					return nil
				}
			case "j", "ja", "y", "yes":
				choice = scan.Yes
			case "n", "nee", "no":
				choice = scan.No
			case "w", "weet niet", "weet ik niet", "d", "dont know", "don't know":
				if qu.DontKnow {
					choice = q.DontKnowID
				}
			}
			if choice == "" {
				lp.say(hint)
				continue
			}
			s.commit(scan.Answers{qu.ID: {Choice: choice}}, nil)
			return nil
		}

	case q.Number:
		for {
			cur := ""
			if prev.Number != nil {
				cur = FormatNumber(*prev.Number, l)
			}
			line, err := lp.answer(qu, lp.prompt(qu, lp.t("ask.lines-number"), cur))
			if err != nil {
				return err
			}
			if line == "" && cur != "" {
				return nil
			}
			n, err := ParseNumber(qu, line, l)
			if err != nil {
				lp.say(err.Error())
				continue
			}
			if n == nil {
				s.commit(nil, []string{qu.ID})
			} else {
				s.commit(scan.Answers{qu.ID: {Number: n}}, nil)
			}
			return nil
		}

	default: // text
		for {
			hint := lp.t("ask.lines-text")
			if qu.Optional {
				hint = lp.t("ask.lines-text-optional")
			}
			line, err := lp.answer(qu, lp.prompt(qu, hint, prev.Text))
			if err != nil {
				return err
			}
			switch {
			case line == "" && prev.Text != "":
				return nil
			case line == "-" && qu.Optional:
				s.commit(nil, []string{qu.ID})
				return nil
			}
			if err := validateText(qu, line, l); err != nil {
				lp.say(err.Error())
				continue
			}
			if t := scan.NormalizeText(qu, line); t != "" {
				s.commit(scan.Answers{qu.ID: {Text: t}}, nil)
			} else {
				s.commit(nil, []string{qu.ID})
			}
			return nil
		}
	}
}

// numbered reports whether every option id is a number (the 0–5 scale).
func numbered(opts []*q.Option) bool {
	for _, o := range opts {
		if _, err := strconv.Atoi(o.ID); err != nil {
			return false
		}
	}
	return len(opts) > 0
}

func visibleOptions(vis *scan.Visibility, qu *q.Question) []*q.Option {
	var opts []*q.Option
	for _, o := range qu.Options {
		if vis.Option(o) {
			opts = append(opts, o)
		}
	}
	return opts
}

// listOptions prints the choices, numbered from 1 (on the 0–5 scale, by
// their own number).
func (lp *liner) listOptions(opts []*q.Option, scale bool) {
	for i, o := range opts {
		n := strconv.Itoa(i + 1)
		if scale {
			n = o.ID
		}
		lp.say("  " + n + ". " + o.Label.In(lp.s.Lang))
	}
}

func (lp *liner) choicePrompt(opts []*q.Option, scale bool) string {
	if scale {
		return lp.tf("ask.lines-choose", opts[0].ID, opts[len(opts)-1].ID)
	}
	return lp.tf("ask.lines-choose", "1", strconv.Itoa(len(opts)))
}

func (lp *liner) choiceError(opts []*q.Option, scale bool) string {
	return lp.choicePrompt(opts, scale) + "."
}

// prompt builds "hint [current: x]: ".
func (lp *liner) prompt(qu *q.Question, hint, current string) string {
	p := hint
	if current != "" {
		p += " " + lp.tf("ask.lines-current", current)
	} else if qu.Optional {
		p += " " + lp.t("ask.lines-optional")
	}
	return p + ": "
}

// optionWords are the labels of options, as they are read out: never the
// ids of the questionnaire ("none", "planned").
func (lp *liner) optionWords(qu *q.Question, ids ...string) string {
	var words []string
	for _, id := range ids {
		if id == "" {
			continue
		}
		if o := qu.Option(id); o != nil {
			words = append(words, o.Label.In(lp.s.Lang))
		} else {
			words = append(words, id)
		}
	}
	return strings.Join(words, "; ")
}

func (lp *liner) current(qu *q.Question, id string) string {
	if id == "" {
		return ""
	}
	return " " + lp.tf("ask.lines-current", id)
}

func (lp *liner) yesNoWord(choice string) string {
	switch choice {
	case scan.Yes:
		return lp.t("ask.yes")
	case scan.No:
		return lp.t("ask.no")
	case q.DontKnowID:
		return lp.t("ask.dont-know")
	}
	return ""
}

func (lp *liner) help(text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		text = lp.t("ask.lines-no-help")
	}
	lp.say(text)
}

// pick finds the option a person means: its number in the list (on the 0–5
// scale its own number), its id, or its label.
func pick(in string, opts []*q.Option, scale bool, l i18n.Lang) (string, bool) {
	in = strings.TrimSpace(in)
	if n, err := strconv.Atoi(in); err == nil {
		if scale {
			for _, o := range opts {
				if o.ID == in {
					return o.ID, true
				}
			}
			return "", false
		}
		if n >= 1 && n <= len(opts) {
			return opts[n-1].ID, true
		}
		return "", false
	}
	for _, o := range opts {
		if strings.EqualFold(o.ID, in) || strings.EqualFold(o.Label.In(l), in) {
			return o.ID, true
		}
	}
	return "", false
}

func labelOf(opts []*q.Option, id string, l i18n.Lang) string {
	for _, o := range opts {
		if o.ID == id {
			return o.Label.In(l)
		}
	}
	return id
}
