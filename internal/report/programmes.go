package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/textwrap"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
)

// ProgrammeList writes the programmes of `programmes list` as a table:
// id, name and state. Ids are what `programmes show` takes, so they are
// never wrapped; the name is shortened to fit the width instead.
func ProgrammeList(w io.Writer, listed []referral.Listed, lang i18n.Lang, st Style) error {
	r := lipgloss.NewRenderer(w)
	if !st.Color {
		r.SetColorProfile(termenv.Ascii)
	}
	t := func(key string) string { return msg.T(lang, key) }
	head, faint := r.NewStyle().Bold(true), r.NewStyle().Faint(true)
	idW, nameW, stW := ansi.StringWidth(t("col.id")), ansi.StringWidth(t("col.programme")), 0
	for _, l := range listed {
		idW = max(idW, len(l.Programme.ID))
		nameW = max(nameW, ansi.StringWidth(l.Programme.Name.In(lang)))
		stW = max(stW, ansi.StringWidth(StateText(lang, l.State)))
	}
	nameW = min(nameW, max(12, st.Width-idW-stW-4)) // the status keeps its room
	pad := func(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }
	var b strings.Builder
	b.WriteString(head.Render(pad(t("col.id"), idW)+"  "+pad(t("col.programme"), nameW)+"  "+t("col.state")) + "\n")
	for _, l := range listed {
		p := l.Programme
		state := StateText(lang, l.State)
		if l.State.Status != referral.StatusOpen {
			state = faint.Render(state)
		}
		b.WriteString(pad(p.ID, idW) + "  " + pad(ansi.Truncate(p.Name.In(lang), nameW, "…"), nameW) + "  " + state + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ProgrammeListJSON writes the programmes of `programmes list --format
// json`: id, name, state, what they offer, cost, address and events.
func ProgrammeListJSON(w io.Writer, listed []referral.Listed, lang i18n.Lang) error {
	type row struct {
		ID     string            `json:"id"`
		Name   string            `json:"name"`
		State  referral.State    `json:"state"`
		Offers []string          `json:"offers"`
		Cost   string            `json:"cost"`
		URL    string            `json:"url,omitempty"`
		Events []*referral.Event `json:"events,omitempty"`
	}
	rows := []row{}
	for _, l := range listed {
		p := l.Programme
		rows = append(rows, row{p.ID, p.Name.In(lang), l.State, p.Offers, p.Cost.In(lang), p.URL, l.Events})
	}
	return WriteJSON(w, rows)
}

// ProgrammeJSON writes one programme as `programmes show --format json`
// does: everything the catalogue says, its state on the as-of date and its
// events.
func ProgrammeJSON(w io.Writer, cat *referral.Catalogue, p *referral.Programme, asOf date.Date) error {
	return WriteJSON(w, struct {
		*referral.Programme
		State  referral.State    `json:"state"`
		Events []*referral.Event `json:"events,omitempty"`
	}{p, p.StateOn(asOf), cat.EventsOf(p.ID)})
}

// Programme writes everything the catalogue says of a programme, in words:
// who runs it, what it offers and costs, its state on the as-of date, who
// may use it (its rules with the questionnaire's labels), what it focuses
// on, its address, contact, coming events and sources.
func Programme(w io.Writer, cat *referral.Catalogue, qn *q.Questionnaire, p *referral.Programme, asOf date.Date, lang i18n.Lang, width int) error {
	t := func(key string) string { return msg.T(lang, key) }
	var b strings.Builder
	line := func(label, value string) {
		if value != "" {
			b.WriteString(wrapLabel(label, value, width))
		}
	}
	b.WriteString(strings.Join(textwrap.Wrap(p.Name.In(lang)+" ("+p.ID+")", width), "\n") + "\n")
	b.WriteString(strings.Join(textwrap.Wrap(p.Description.In(lang), width), "\n") + "\n\n")
	line(t("show.operator"), p.Operator.In(lang))
	var offers []string
	for _, k := range p.Offers {
		if kind := cat.Kind(k); kind != nil {
			offers = append(offers, kind.Label.In(lang))
		}
	}
	line(t("show.offers"), strings.Join(offers, ", "))
	for _, fu := range p.Funding {
		line(t("show.funding"), FundingText(lang, fu))
	}
	line(t("show.cost"), p.Cost.In(lang))
	line(t("show.state"), StateText(lang, p.StateOn(asOf))+" ("+msg.Tf(lang, "msg.as-of", i18n.Day(lang, asOf))+")")
	for _, win := range p.Availability.Windows {
		s := i18n.Day(lang, win.Opens) + " – " + i18n.Day(lang, win.Closes)
		if n := win.Note.In(lang); n != "" {
			s += " (" + n + ")"
		}
		if win.Eligibility != nil {
			s += "; " + t("show.round-only") + " " + RuleText(qn, lang, win.Eligibility, "")
		}
		line(t("show.window"), s)
	}
	if p.Availability.Successor != "" {
		line(t("show.successor"), p.Availability.Successor)
	}
	if len(p.Availability.Alternatives) > 0 {
		line(t("show.alternatives"), strings.Join(p.Availability.Alternatives, ", "))
	}
	line(t("show.who"), RuleText(qn, lang, p.Eligibility, t("show.anyone")))
	for _, v := range p.Variants {
		name := v.Name.In(lang)
		if name == "" {
			name = v.ID
		}
		line(t("show.variant"), name+" — "+RuleText(qn, lang, v.When, ""))
	}
	if fo := p.Focus; fo != nil {
		var parts []string
		if s := RuleText(qn, lang, &referral.Rule{Sectors: fo.Sectors, Sizes: fo.Sizes, Municipalities: fo.Municipalities, Provinces: fo.Provinces}, ""); s != "" {
			parts = append(parts, s)
		}
		for _, d := range fo.Dimensions {
			if dim := qn.Dimension(d); dim != nil {
				parts = append(parts, dim.Label.In(lang))
			}
		}
		for _, id := range fo.Topics {
			if o := qn.Option(q.QTopics, id); o != nil {
				parts = append(parts, o.Label.In(lang))
			}
		}
		line(t("show.focus"), strings.Join(parts, "; "))
		if fo.Intent != nil {
			line(t("show.intent"), fo.Intent.Reason.In(lang)+" ("+RuleText(qn, lang, fo.Intent, "")+")")
		}
	}
	for _, n := range p.Notes {
		line(t("show.note"), n.In(lang))
	}
	line(t("show.url"), p.URL)
	line(t("show.contact"), p.Contact.In(lang))
	for _, ev := range cat.EventsOf(p.ID) {
		if ev.Date.Before(asOf) {
			continue
		}
		s := i18n.Day(lang, ev.Date) + " · " + ev.Title.In(lang) + " · " + ev.Place.In(lang)
		if ev.Planned {
			s += " (" + t("show.planned") + ")"
		}
		line(t("show.event"), s)
	}
	for i, src := range p.Sources {
		label := ""
		if i == 0 {
			label = t("show.sources")
		}
		b.WriteString(wrapLabel(label, src, width))
	}
	verified := t("show.verified")
	if !p.Verified {
		verified = t("show.unverified")
	}
	line(t("show.reviewed"), i18n.Day(lang, p.Reviewed)+" · "+verified)
	_, err := io.WriteString(w, b.String())
	return err
}

// Findings writes the maintainer's findings of `programmes check`, one
// file:line:col line each, or as JSON.
func Findings(w io.Writer, findings []referral.Finding, asJSON bool) error {
	if asJSON {
		if findings == nil {
			findings = []referral.Finding{}
		}
		return WriteJSON(w, findings)
	}
	for _, fi := range findings {
		if _, err := fmt.Fprintln(w, fi); err != nil {
			return err
		}
	}
	return nil
}

// StateText is a programme's state in words: "open until 30-09-2027",
// "opens on 01-09-2027", "closed".
func StateText(lang i18n.Lang, st referral.State) string {
	s := msg.T(lang, "state."+st.Status)
	switch {
	case st.Status == referral.StatusOpen && !st.Closes.IsZero():
		s += " " + msg.Tf(lang, "state.until", i18n.Day(lang, st.Closes))
	case !st.Opens.IsZero():
		s += " " + msg.Tf(lang, "state.opens", i18n.Day(lang, st.Opens))
	}
	return s
}

// wrapLabel writes "Label       value" with the value wrapped under itself
// at spaces (web addresses stay whole, so they can be copied).
func wrapLabel(label, value string, width int) string {
	const labelW = 16
	pad := strings.Repeat(" ", labelW)
	if !strings.Contains(value, " ") && labelW+ansi.StringWidth(value) > width {
		// A long address on a line of its own, so it is not split or cut.
		return label + "\n  " + value + "\n"
	}
	lines := textwrap.Wrap(value, max(20, width-labelW))
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString(label + strings.Repeat(" ", max(1, labelW-ansi.StringWidth(label))) + l + "\n")
		} else {
			b.WriteString(pad + l + "\n")
		}
	}
	return b.String()
}

// RuleText says an eligibility or focus rule in words with the
// questionnaire's labels: "Retail, Hospitality; 2 to 9 people"; none when
// the rule is empty.
func RuleText(qn *q.Questionnaire, lang i18n.Lang, r *referral.Rule, none string) string {
	if r == nil {
		return none
	}
	labels := func(qid string, ids []string) string {
		var out []string
		for _, id := range ids {
			out = append(out, qn.OptionName(qid, id, lang))
		}
		return strings.Join(out, ", ")
	}
	var parts []string
	if len(r.Sectors) > 0 {
		parts = append(parts, labels(q.QSector, r.Sectors))
	}
	if len(r.Sizes) > 0 {
		parts = append(parts, labels(q.QSize, r.Sizes))
	}
	if len(r.Municipalities) > 0 {
		parts = append(parts, labels(q.QMunicipality, r.Municipalities))
	}
	if len(r.Provinces) > 0 {
		parts = append(parts, labels(q.QProvince, r.Provinces))
	}
	if r.Answers != nil {
		parts = append(parts, ConditionText(qn, lang, r.Answers))
	}
	if len(parts) == 0 {
		return none
	}
	return strings.Join(parts, "; ")
}

// FundingText says what money a programme gives: "60% of the costs, up to
// €25,000; ...".
func FundingText(lang i18n.Lang, fu referral.Funding) string {
	euro := func(x float64) string {
		s := strconv.FormatFloat(x, 'f', 0, 64)
		for i := len(s) - 3; i > 0; i -= 3 {
			sep := ","
			if lang == i18n.NL {
				sep = "."
			}
			s = s[:i] + sep + s[i:]
		}
		return "€" + s
	}
	var parts []string
	if fu.Percent != nil {
		parts = append(parts, msg.Tf(lang, "show.percent", strconv.FormatFloat(*fu.Percent, 'f', -1, 64)))
	}
	switch {
	case fu.Min != nil && fu.Max != nil:
		parts = append(parts, euro(*fu.Min)+" – "+euro(*fu.Max))
	case fu.Max != nil:
		parts = append(parts, msg.Tf(lang, "show.up-to", euro(*fu.Max)))
	case fu.Min != nil:
		parts = append(parts, msg.Tf(lang, "show.from", euro(*fu.Min)))
	}
	s := strings.Join(parts, ", ")
	if t := fu.Text.In(lang); t != "" {
		if s == "" {
			return t
		}
		s += " (" + t + ")"
	}
	return s
}

// ConditionText says a condition on answers with the option labels:
// "not: Abroad", "2 to 9 people or 10 to 49 people".
func ConditionText(qn *q.Questionnaire, lang i18n.Lang, c *q.Condition) string {
	join := func(cs []*q.Condition, word string) string {
		var parts []string
		for _, sub := range cs {
			parts = append(parts, ConditionText(qn, lang, sub))
		}
		return strings.Join(parts, " "+msg.T(lang, word)+" ")
	}
	labels := func(ids []string) string {
		var out []string
		for _, id := range ids {
			out = append(out, qn.OptionName(c.Question, id, lang))
		}
		return strings.Join(out, " "+msg.T(lang, "cond.or")+" ")
	}
	switch {
	case len(c.All) > 0:
		return join(c.All, "cond.and")
	case len(c.Any) > 0:
		return join(c.Any, "cond.or")
	case c.Not != nil:
		return msg.T(lang, "cond.not") + " " + ConditionText(qn, lang, c.Not)
	case c.Answered != nil:
		return msg.Tf(lang, "cond.answered", c.Question)
	case len(c.NotIn) > 0:
		return msg.T(lang, "cond.not") + " " + labels(c.NotIn)
	}
	return labels(c.In)
}

// Why writes `programmes why`: the verdict, then per part (who may take
// part, when, what need it answers) each rule in a sentence, marked ✓ when
// it holds and ✗ when it does not, wrapped to width.
func Why(w io.Writer, why *referral.Why, lang i18n.Lang, width int) error {
	t := func(key string) string { return msg.T(lang, key) }
	var b strings.Builder
	line := func(indent, text string) {
		for i, l := range textwrap.Wrap(text, max(20, width-len([]rune(indent))-2)) {
			if i == 0 {
				b.WriteString(indent + l + "\n")
			} else {
				b.WriteString(indent + "  " + l + "\n")
			}
		}
	}
	line("", msg.Tf(lang, "why.title", why.Name, why.Programme, i18n.Day(lang, why.AsOf)))
	switch {
	case why.Referred && why.More:
		line("", msg.Tf(lang, "why.verdict.more", why.Rank, why.Of))
	case why.Referred:
		line("", msg.Tf(lang, "why.verdict.referred", why.Rank, why.Of))
	case !why.Eligible:
		line("", t("why.verdict.not-eligible"))
	case !why.Available:
		line("", t("why.verdict.not-available"))
	default:
		line("", t("why.verdict.no-need"))
	}
	for _, part := range []string{referral.WhyEligibility, referral.WhyAvailability, referral.WhyFit} {
		b.WriteString("\n")
		line("", t("why.part."+part))
		for _, s := range why.Steps {
			if s.Part != part {
				continue
			}
			key, mark := "why."+s.Rule+".not", "✗ "
			if s.OK {
				key, mark = "why."+s.Rule+".ok", "✓ "
			}
			if !msg.Has(key) { // a rule said the same either way
				key = "why." + s.Rule
			}
			args := make([]any, len(s.Args))
			for i, a := range s.Args {
				args[i] = a
			}
			line("  ", mark+strings.TrimSpace(msg.Tf(lang, key, args...)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
