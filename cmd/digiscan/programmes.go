package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/textwrap"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
)

type programmesOptions struct {
	programmes    string
	questionnaire string
	asOf          date.Date
	format        string
}

func newProgrammesCmd(f *factory) *cobra.Command {
	o := &programmesOptions{}
	cmd := &cobra.Command{
		Use:     "programmes",
		Aliases: []string{"programs", "programmas"},
		Short:   f.t("cmd.programmes.short"),
		Long:    f.t("cmd.programmes.long"),
		Example: f.t("cmd.programmes.example"),
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	pf := cmd.PersistentFlags()
	pf.StringVarP(&o.programmes, "programmes", "p", "", f.t("flag.programmes"))
	pf.StringVarP(&o.questionnaire, "questionnaire", "q", "", f.t("flag.questionnaire"))
	pf.Var(&o.asOf, "as-of", f.t("flag.as-of"))
	_ = cmd.RegisterFlagCompletionFunc("programmes", completeCatalogues)
	_ = cmd.RegisterFlagCompletionFunc("questionnaire", completeQuestionnaires)

	var filter referral.Filter
	list := &cobra.Command{
		Use:     "list",
		Short:   f.t("cmd.programmes.list.short"),
		Long:    f.t("cmd.programmes.list.long"),
		Example: f.t("cmd.programmes.list.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProgrammesList(f, o, filter)
		},
	}
	list.Flags().StringVar(&filter.Sector, "sector", "", f.t("flag.sector"))
	list.Flags().StringVar(&filter.Size, "size", "", f.t("flag.size"))
	list.Flags().StringVar(&filter.Municipality, "municipality", "", f.t("flag.municipality"))
	list.Flags().BoolVar(&filter.All, "all", false, f.t("flag.all-programmes"))
	textOrJSON.flag(list, &o.format, "text", f.t("flag.format-list"))
	_ = list.RegisterFlagCompletionFunc("sector", cobra.FixedCompletions(q.Sectors, cobra.ShellCompDirectiveNoFileComp))
	_ = list.RegisterFlagCompletionFunc("size", cobra.FixedCompletions(q.Sizes, cobra.ShellCompDirectiveNoFileComp))
	_ = list.RegisterFlagCompletionFunc("municipality", cobra.FixedCompletions(q.Municipalities, cobra.ShellCompDirectiveNoFileComp))

	var showFormat string
	show := &cobra.Command{
		Use:     "show ID",
		Short:   f.t("cmd.programmes.show.short"),
		Example: f.t("cmd.programmes.show.example"),
		Args:    exactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeProgrammes(f, o)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProgrammesShow(f, o, args[0], showFormat)
		},
	}
	textOrJSON.flag(show, &showFormat, "text", f.t("flag.format-list"))

	maxAge, _ := referral.ParseAge("6m")
	var strict bool
	var checkFormat string
	check := &cobra.Command{
		Use:     "check",
		Short:   f.t("cmd.programmes.check.short"),
		Long:    f.t("cmd.programmes.check.long"),
		Example: f.t("cmd.programmes.check.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProgrammesCheck(f, o, maxAge, strict, checkFormat)
		},
	}
	check.Flags().Var(&maxAge, "max-age", f.t("flag.max-age"))
	check.Flags().BoolVar(&strict, "strict", false, f.t("flag.strict"))
	textOrJSON.flag(check, &checkFormat, "text", f.t("flag.format-list"))

	cmd.AddCommand(list, show, check)
	return cmd
}

// open opens the catalogue and the questionnaire its ids are checked against.
func (o *programmesOptions) open(f *factory) (*referral.Catalogue, *q.Questionnaire, error) {
	return openBoth(f, o.questionnaire, o.programmes)
}

// municipalityOf is the municipality m names: m itself, or, when m is a
// place (people know their place, not their municipality: Bussum), the
// municipality it lies in (Gooise Meren), which it says on stderr.
func municipalityOf(f *factory, qn *q.Questionnaire, m string) string {
	if qn.Option(q.QMunicipality, m) != nil {
		return m
	}
	if o := qn.Option(q.QPlace, m); o != nil && o.Sets[q.QMunicipality] != "" {
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.place-is-in", m, o.Sets[q.QMunicipality]))
		return o.Sets[q.QMunicipality]
	}
	return m
}

// openQuestionnaire opens the questionnaire a --questionnaire flag names
// (a built-in or a file), else the configured one, else the built-in
// default.
func openQuestionnaire(f *factory, flag string) (*q.Questionnaire, error) {
	cfg, err := f.config()
	if err != nil {
		return nil, err
	}
	return q.Open(firstOf(flag, cfg.Questionnaire, q.DefaultName), "", f.io.In)
}

// openBoth opens the questionnaire (see openQuestionnaire) and the
// catalogue a --programmes flag names, else the configured one, else the
// built-in default, checked against the questionnaire.
func openBoth(f *factory, questionnaire, programmes string) (*referral.Catalogue, *q.Questionnaire, error) {
	qn, err := openQuestionnaire(f, questionnaire)
	if err != nil {
		return nil, nil, err
	}
	cat, err := openCatalogue(f, programmes, qn)
	return cat, qn, err
}

// catalogueRef is the catalogue a --programmes flag names, else the
// configured one, else the built-in default.
func catalogueRef(f *factory, flag string) (string, error) {
	cfg, err := f.config()
	if err != nil {
		return "", err
	}
	return firstOf(flag, cfg.Catalogue, referral.DefaultName), nil
}

func (o *programmesOptions) day(f *factory) date.Date { return f.dayOr(o.asOf) }

// stateText is a programme's state in words: "open until 30-09-2027",
// "opens on 01-09-2027", "closed".
func stateText(f *factory, lang i18n.Lang, st referral.State) string {
	s := msg.T(lang, "state."+st.Status)
	switch {
	case st.Status == referral.StatusOpen && !st.Closes.IsZero():
		s += " " + msg.Tf(lang, "state.until", i18n.Day(lang, st.Closes))
	case !st.Opens.IsZero():
		s += " " + msg.Tf(lang, "state.opens", i18n.Day(lang, st.Opens))
	}
	return s
}

// day writes a date the way the language does: 27-11-2026 in Dutch.
func runProgrammesList(f *factory, o *programmesOptions, filter referral.Filter) error {
	if err := textOrJSON.check(o.format); err != nil {
		return err
	}
	cat, qn, err := o.open(f)
	if err != nil {
		return err
	}
	lang, err := resolveLang(f, "")
	if err != nil {
		return err
	}
	filter.AsOf = o.day(f)
	filter.Questionnaire = qn
	if filter.Municipality != "" {
		filter.Municipality = municipalityOf(f, qn, filter.Municipality)
	}
	listed, err := cat.List(filter)
	if err != nil {
		return usageError{err}
	}
	if o.format == "json" {
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
		return writeJSON(f.io.Out, rows)
	}
	if len(listed) == 0 {
		fmt.Fprintln(f.io.ErrOut, f.t("msg.no-programmes"))
		return nil
	}
	// Ids are what `programmes show` takes, so they are never wrapped; the
	// name is shortened to fit the width instead.
	r := lipgloss.NewRenderer(f.io.Out)
	if !f.io.ColorFor(f.io.OutTTY) {
		r.SetColorProfile(termenv.Ascii)
	}
	head, faint := r.NewStyle().Bold(true), r.NewStyle().Faint(true)
	idW, nameW, stW := ansi.StringWidth(f.t("col.id")), ansi.StringWidth(f.t("col.programme")), 0
	for _, l := range listed {
		idW = max(idW, len(l.Programme.ID))
		nameW = max(nameW, ansi.StringWidth(l.Programme.Name.In(lang)))
		stW = max(stW, ansi.StringWidth(stateText(f, lang, l.State)))
	}
	nameW = min(nameW, max(12, f.io.Width()-idW-stW-4)) // the status keeps its room
	pad := func(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }
	var b strings.Builder
	b.WriteString(head.Render(pad(f.t("col.id"), idW)+"  "+pad(f.t("col.programme"), nameW)+"  "+f.t("col.state")) + "\n")
	for _, l := range listed {
		p := l.Programme
		state := stateText(f, lang, l.State)
		if l.State.Status != referral.StatusOpen {
			state = faint.Render(state)
		}
		b.WriteString(pad(p.ID, idW) + "  " + pad(ansi.Truncate(p.Name.In(lang), nameW, "…"), nameW) + "  " + state + "\n")
	}
	if _, err := io.WriteString(f.io.Out, b.String()); err != nil {
		return err
	}
	if filter.All {
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.programmes-listed-all", len(listed), i18n.Day(lang, filter.AsOf)))
	} else {
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.programmes-listed", len(listed), i18n.Day(lang, filter.AsOf)))
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func runProgrammesShow(f *factory, o *programmesOptions, id, format string) error {
	if err := textOrJSON.check(format); err != nil {
		return err
	}
	cat, qn, err := o.open(f)
	if err != nil {
		return err
	}
	p, err := cat.Find(id)
	if err != nil {
		return err
	}
	lang, err := resolveLang(f, "")
	if err != nil {
		return err
	}
	asOf := o.day(f)
	state := p.StateOn(asOf)
	if format == "json" {
		return writeJSON(f.io.Out, struct {
			*referral.Programme
			State  referral.State    `json:"state"`
			Events []*referral.Event `json:"events,omitempty"`
		}{p, state, cat.EventsOf(p.ID)})
	}
	var b strings.Builder
	line := func(label, value string) {
		if value != "" {
			b.WriteString(wrapLabel(label, value, f.io.Width()))
		}
	}
	b.WriteString(strings.Join(textwrap.Wrap(p.Name.In(lang)+" ("+p.ID+")", f.io.Width()), "\n") + "\n")
	b.WriteString(strings.Join(textwrap.Wrap(p.Description.In(lang), f.io.Width()), "\n") + "\n\n")
	line(f.t("show.operator"), p.Operator.In(lang))
	var offers []string
	for _, k := range p.Offers {
		if kind := cat.Kind(k); kind != nil {
			offers = append(offers, kind.Label.In(lang))
		}
	}
	line(f.t("show.offers"), strings.Join(offers, ", "))
	for _, fu := range p.Funding {
		line(f.t("show.funding"), fundingText(f, lang, fu))
	}
	line(f.t("show.cost"), p.Cost.In(lang))
	line(f.t("show.state"), stateText(f, lang, state)+" ("+f.tf("msg.as-of", i18n.Day(lang, asOf))+")")
	if p.Availability.Successor != "" {
		line(f.t("show.successor"), p.Availability.Successor)
	}
	if len(p.Availability.Alternatives) > 0 {
		line(f.t("show.alternatives"), strings.Join(p.Availability.Alternatives, ", "))
	}
	line(f.t("show.who"), ruleText(qn, lang, p.Eligibility, f.t("show.anyone")))
	for _, v := range p.Variants {
		line(f.t("show.variant"), firstOf(v.Name.In(lang), v.ID)+" — "+ruleText(qn, lang, v.When, ""))
	}
	if fo := p.Focus; fo != nil {
		var parts []string
		if s := ruleText(qn, lang, &referral.Rule{Sectors: fo.Sectors, Sizes: fo.Sizes, Municipalities: fo.Municipalities, Provinces: fo.Provinces}, ""); s != "" {
			parts = append(parts, s)
		}
		for _, d := range fo.Dimensions {
			if dim := qn.Dimension(d); dim != nil {
				parts = append(parts, dim.Label.In(lang))
			}
		}
		for _, t := range fo.Topics {
			if o := qn.Option(q.QTopics, t); o != nil {
				parts = append(parts, o.Label.In(lang))
			}
		}
		line(f.t("show.focus"), strings.Join(parts, "; "))
	}
	for _, n := range p.Notes {
		line(f.t("show.note"), n.In(lang))
	}
	line(f.t("show.url"), p.URL)
	line(f.t("show.contact"), p.Contact.In(lang))
	for _, ev := range cat.EventsOf(p.ID) {
		if ev.Date.Before(asOf) {
			continue
		}
		s := i18n.Day(lang, ev.Date) + " · " + ev.Title.In(lang) + " · " + ev.Place.In(lang)
		if ev.Planned {
			s += " (" + f.t("show.planned") + ")"
		}
		line(f.t("show.event"), s)
	}
	for i, src := range p.Sources {
		label := ""
		if i == 0 {
			label = f.t("show.sources")
		}
		b.WriteString(wrapLabel(label, src, f.io.Width()))
	}
	verified := f.t("show.verified")
	if !p.Verified {
		verified = f.t("show.unverified")
	}
	line(f.t("show.reviewed"), i18n.Day(lang, p.Reviewed)+" · "+verified)
	_, err = io.WriteString(f.io.Out, b.String())
	return err
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

// ruleText says a rule in words with the questionnaire's labels.
func ruleText(qn *q.Questionnaire, lang i18n.Lang, r *referral.Rule, none string) string {
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
		parts = append(parts, conditionText(qn, lang, r.Answers))
	}
	if len(parts) == 0 {
		return none
	}
	return strings.Join(parts, "; ")
}

func runProgrammesCheck(f *factory, o *programmesOptions, maxAge referral.Age, strict bool, format string) error {
	if err := textOrJSON.check(format); err != nil {
		return err
	}
	// The maintainer's findings name file:line:col: a built-in is read from
	// its YAML here, not its precompiled form.
	ref, err := catalogueRef(f, o.programmes)
	if err != nil {
		return err
	}
	var cat *referral.Catalogue
	if referral.IsBuiltin(ref) {
		qn, err := openQuestionnaire(f, o.questionnaire)
		if err != nil {
			return err
		}
		if cat, err = referral.BuiltinSource(ref); err != nil {
			return err
		}
		if err := referral.Usable(cat, qn); err != nil {
			return err
		}
	} else if cat, _, err = o.open(f); err != nil { // checked against its questionnaire
		return err
	}
	asOf := o.day(f)
	findings := cat.Check(asOf, maxAge, strict)
	if format == "json" {
		if findings == nil {
			findings = []referral.Finding{}
		}
		if err := writeJSON(f.io.Out, findings); err != nil {
			return err
		}
	} else {
		for _, fi := range findings {
			fmt.Fprintln(f.io.Out, fi)
		}
	}
	errs, warns := 0, 0
	for _, fi := range findings {
		if fi.Severity == referral.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	fmt.Fprintln(f.io.ErrOut, f.tf("msg.check-summary", cat.ID, cat.Version, i18n.Day(f.lang, asOf), maxAge, errs, warns))
	if referral.HasErrors(findings) {
		return silentError{exitError}
	}
	return nil
}

func completeCatalogues(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return referral.BuiltinNames(), cobra.ShellCompDirectiveDefault
}

func completeProgrammes(f *factory, o *programmesOptions) ([]string, cobra.ShellCompDirective) {
	cat, _, err := o.open(f)
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, p := range cat.Programmes {
		out = append(out, p.ID+"\t"+p.Name.In(f.lang))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// fundingText says what money a programme gives: "60% of the costs, up to
// €25,000; ...".
func fundingText(f *factory, lang i18n.Lang, fu referral.Funding) string {
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
		parts = append(parts, f.tf("show.percent", strconv.FormatFloat(*fu.Percent, 'f', -1, 64)))
	}
	switch {
	case fu.Min != nil && fu.Max != nil:
		parts = append(parts, euro(*fu.Min)+" – "+euro(*fu.Max))
	case fu.Max != nil:
		parts = append(parts, f.tf("show.up-to", euro(*fu.Max)))
	case fu.Min != nil:
		parts = append(parts, f.tf("show.from", euro(*fu.Min)))
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

// conditionText says a condition on answers with the option labels:
// "not: Abroad", "2 to 9 people or 10 to 49 people".
func conditionText(qn *q.Questionnaire, lang i18n.Lang, c *q.Condition) string {
	join := func(cs []*q.Condition, word string) string {
		var parts []string
		for _, sub := range cs {
			parts = append(parts, conditionText(qn, lang, sub))
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
		return msg.T(lang, "cond.not") + " " + conditionText(qn, lang, c.Not)
	case c.Answered != nil:
		return msg.Tf(lang, "cond.answered", c.Question)
	case len(c.NotIn) > 0:
		return msg.T(lang, "cond.not") + " " + labels(c.NotIn)
	}
	return labels(c.In)
}
