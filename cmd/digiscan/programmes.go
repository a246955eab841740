package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/report"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
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

	var whyAnswers, whyFormat string
	why := &cobra.Command{
		Use:     "why ID [SCAN-ID]",
		Short:   f.t("cmd.programmes.why.short"),
		Long:    f.t("cmd.programmes.why.long"),
		Example: f.t("cmd.programmes.why.example"),
		Args:    rangeArgs(1, 2),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, s string) ([]string, cobra.ShellCompDirective) {
			switch len(args) {
			case 0:
				return completeProgrammes(f, o)
			case 1:
				return completeScans(f)(cmd, args[1:], s)
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			scanID := ""
			if len(args) > 1 {
				scanID = args[1]
			}
			return runProgrammesWhy(cmd.Context(), f, o, args[0], scanID, whyAnswers, whyFormat)
		},
	}
	why.Flags().StringVarP(&whyAnswers, "answers", "a", "", f.t("flag.why-answers"))
	textOrJSON.flag(why, &whyFormat, "text", f.t("flag.format-list"))

	cmd.AddCommand(list, show, check, why)
	return cmd
}

// rangeArgs accepts from min to max arguments.
func rangeArgs(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < lo {
			return minArgs(lo)(cmd, args)
		}
		if len(args) > hi {
			return argsError(cmd, args)
		}
		return nil
	}
}

// runProgrammesWhy explains for the business of a saved scan or an answers
// file why programme id is referred or not.
func runProgrammesWhy(ctx context.Context, f *factory, o *programmesOptions, id, scanID, answers, format string) error {
	if err := textOrJSON.check(f, format); err != nil {
		return err
	}
	if (scanID == "") == (answers == "") {
		return usageT("msg.why-one-source")
	}
	var (
		res  *scan.Result
		qn   *q.Questionnaire
		lang i18n.Lang
		asOf date.Date
		err  error
	)
	if scanID != "" {
		if res, qn, err = loadScan(ctx, f, scanID); err != nil {
			return err
		}
		if lang, err = resolveLang(f, res.Lang); err != nil {
			return err
		}
		asOf = res.AsOf
		if !o.asOf.IsZero() {
			asOf = o.asOf
		}
	} else {
		data, err := strictyaml.ReadFile(answers, f.io.In, strictyaml.DefaultLimit)
		if err != nil {
			return err
		}
		name := answers
		if name == "-" {
			name = "stdin"
		}
		file, err := scan.ParseFile(name, data)
		if err != nil {
			return err
		}
		cfgQ := ""
		if c, err := f.config(); err == nil {
			cfgQ = c.Questionnaire
		}
		base := ""
		if o.questionnaire == "" && file.Questionnaire != "" {
			base = file.Dir()
		}
		if qn, err = q.Open(firstOf(o.questionnaire, file.Questionnaire, cfgQ), base, f.io.In); err != nil {
			return err
		}
		a, err := file.Answers(qn)
		if err != nil {
			return err
		}
		if lang, err = resolveLang(f, file.Lang); err != nil {
			return err
		}
		asOf = o.day(f)
		if res, err = scan.Score(qn, scan.Prune(qn, a), scan.Options{AsOf: asOf, Lang: lang, Mode: scan.ModeAdvisor}); err != nil {
			return err
		}
	}
	cat, err := openCatalogue(f, o.programmes, qn)
	if err != nil {
		return err
	}
	why, err := referral.Explain(cat, qn, res, id, referral.Options{AsOf: asOf, Lang: lang})
	if err != nil {
		return err
	}
	if format == "json" {
		return report.WriteJSON(f.io.Out, why)
	}
	return report.Why(f.io.Out, why, lang, f.io.Width())
}

// open opens the catalogue and the questionnaire its ids are checked against.
func (o *programmesOptions) open(f *factory) (*referral.Catalogue, *q.Questionnaire, error) {
	return openBoth(f, o.questionnaire, o.programmes)
}

func (o *programmesOptions) day(f *factory) date.Date { return f.dayOr(o.asOf) }

// runProgrammesList lists the programmes the filter lets through, open (or
// opening soon) on the as-of date unless --all.
func runProgrammesList(f *factory, o *programmesOptions, filter referral.Filter) error {
	if err := textOrJSON.check(f, o.format); err != nil {
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
		return report.ProgrammeListJSON(f.io.Out, listed, lang)
	}
	if len(listed) == 0 {
		fmt.Fprintln(f.io.ErrOut, f.t("msg.no-programmes"))
		return nil
	}
	if err := report.ProgrammeList(f.io.Out, listed, lang, report.Style{Color: f.io.ColorFor(f.io.OutTTY), Width: f.io.Width()}); err != nil {
		return err
	}
	if filter.All {
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.programmes-listed-all", len(listed), i18n.Day(lang, filter.AsOf)))
	} else {
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.programmes-listed", len(listed), i18n.Day(lang, filter.AsOf)))
	}
	return nil
}

func runProgrammesShow(f *factory, o *programmesOptions, id, format string) error {
	if err := textOrJSON.check(f, format); err != nil {
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
	if format == "json" {
		return report.ProgrammeJSON(f.io.Out, cat, p, asOf)
	}
	return report.Programme(f.io.Out, cat, qn, p, asOf, lang, f.io.Width())
}

func runProgrammesCheck(f *factory, o *programmesOptions, maxAge referral.Age, strict bool, format string) error {
	if err := textOrJSON.check(f, format); err != nil {
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
	if err := report.Findings(f.io.Out, findings, format == "json"); err != nil {
		return err
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
