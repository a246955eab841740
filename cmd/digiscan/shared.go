// Helpers the commands share, in one place: argument and --format checks,
// opening the questionnaire, catalogue and stored scans, the filters of
// export and stats, and shell completion.

package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/report"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Arguments, --format and small helpers every command uses.

// exactArgs and friends report wrong argument counts as usage errors, in
// the language of the interface, with the usage line.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return argsError(cmd, args)
		}
		return nil
	}
}

func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return argsError(cmd, args)
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if err := cobra.NoArgs(cmd, args); err != nil {
		return argsError(cmd, args)
	}
	return nil
}

// argsError says a command got the wrong number of arguments, and how it
// is used; the language is the root command's (see newRootCmd).
func argsError(cmd *cobra.Command, args []string) error {
	lang := i18n.Lang(cmd.Root().Annotations[langAnnotation])
	if lang == "" {
		lang = i18n.NL
	}
	use := cmd.UseLine()
	if lang == i18n.NL {
		use = dutchUse(use)
	}
	return usageError{errors.New(msg.Tf(lang, "err.args", strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" "), len(args), use))}
}

// langAnnotation is the root command's annotation with the language of
// the interface, for code that has the command but not the factory.
const langAnnotation = "digiscan/lang"

// formats are the values a --format flag takes, in the order the error
// for another one lists them.
type formats []string

var textOrJSON = formats{"text", "json"}

// flag adds -f/--format to cmd, with def as the default, completing the
// formats.
func (fs formats) flag(cmd *cobra.Command, p *string, def, usage string) {
	cmd.Flags().StringVarP(p, "format", "f", def, usage)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(fs, cobra.ShellCompDirectiveNoFileComp))
}

// check is the usage error for a format that is not one of fs.
// It is said in the language of the command, like every message.
func (fs formats) check(f *factory, format string) error {
	if slices.Contains(fs, format) {
		return nil
	}
	list := fs[len(fs)-1]
	if len(fs) > 1 {
		list = strings.Join(fs[:len(fs)-1], ", ") + " " + f.t("cond.or") + " " + list
	}
	return usageT("err.unknown-format", strictyaml.Echo(format), list)
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// confirm asks yes/no on a terminal; without one, the answer is no.
func confirm(f *factory, question string) bool {
	if !f.io.InTTY {
		return false
	}
	fmt.Fprint(f.io.ErrOut, question+" ")
	var answer string
	fmt.Fscanln(f.io.In, &answer)
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "j", "ja", "y", "yes":
		return true
	}
	return false
}

// Opening what commands work on: the questionnaire, the catalogue and a
// stored scan, each from its flag, else the config, else the built-in.

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

// openCatalogue opens the programme catalogue: --programmes, the config,
// else the built-in one for the region. Its references that would make
// matching wrong are checked against the questionnaire; topics or insights
// the questionnaire lacks are not an error here (`validate` reports them).
func openCatalogue(f *factory, flag string, qn *q.Questionnaire) (*referral.Catalogue, error) {
	ref, err := catalogueRef(f, flag)
	if err != nil {
		return nil, err
	}
	cat, err := referral.Open(ref, "", f.io.In, nil)
	if err != nil {
		// Another kind of file given by mistake: say so, rather than list
		// its keys as unknown.
		if q.IsPath(ref) && ref != "-" {
			if data, rerr := strictyaml.ReadFile(ref, nil, strictyaml.DefaultLimit); rerr == nil {
				if kind, kerr := detectKind(ref, data); kerr == nil && kind != kindCatalogue {
					return nil, errT("err.not-catalogue", ref, msgKey("kind."+kind))
				}
			}
		}
		return nil, err
	}
	return cat, referral.Usable(cat, qn)
}

// loadScan reads a stored scan with its questionnaire.
func loadScan(ctx context.Context, f *factory, id string) (*scan.Result, *q.Questionnaire, error) {
	db, err := f.db()
	if err != nil {
		return nil, nil, err
	}
	rec, err := db.Scan(ctx, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil, errT("err.no-scan", strictyaml.Echo(id))
		}
		return nil, nil, err
	}
	qn, _, err := q.Find(rec.Questionnaire.ID, rec.Questionnaire.Version)
	if err != nil {
		return nil, nil, errT("err.scan-questionnaire-missing", rec.Questionnaire.ID, rec.Questionnaire.Version, err)
	}
	res, err := rec.Result(qn)
	return res, qn, err
}

// checkTexts refuses control and text-direction characters in free texts
// given on the command line (pairs of the flag or argument's name and the
// value given), with the message a text answer gets: stored, such a text
// would reach a terminal or a report; looked up, it could never match.
func checkTexts(f *factory, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if msg := scan.CheckPrintableIn(pairs[i+1], f.lang); msg != "" {
			return usageError{errors.New(pairs[i] + ": " + msg)} // msg is in f.lang already
		}
	}
	return nil
}

func companyErr(ref string, err error) error {
	var amb *store.AmbiguousError
	switch {
	case errors.As(err, &amb):
		return wrapT(err, "err.company-choose", err)
	case errors.Is(err, store.ErrNotFound):
		return wrapT(err, "err.no-company", strictyaml.Echo(ref))
	}
	return err
}

// The scan filters export and stats share.

// filterFlags are the scan filters export and stats share.
type filterFlags struct {
	since, until                               date.Date
	municipality, sector, size, quadrant, mode []string
	questionnaireVersion                       string
}

func (ff *filterFlags) add(f *factory, fl *pflag.FlagSet, withQuadrant bool) {
	fl.Var(&ff.since, "since", f.t("flag.since"))
	fl.Var(&ff.until, "until", f.t("flag.until"))
	fl.StringSliceVar(&ff.municipality, "municipality", nil, f.t("flag.f-municipality"))
	fl.StringSliceVar(&ff.sector, "sector", nil, f.t("flag.f-sector"))
	fl.StringSliceVar(&ff.size, "size", nil, f.t("flag.f-size"))
	if withQuadrant {
		fl.StringSliceVar(&ff.quadrant, "quadrant", nil, f.t("flag.f-quadrant"))
		fl.StringVar(&ff.questionnaireVersion, "questionnaire-version", "", f.t("flag.f-qversion"))
	}
	fl.StringSliceVar(&ff.mode, "mode", nil, f.t("flag.f-mode"))
}

func (ff *filterFlags) register(cmd *cobra.Command) {
	fix := func(name string, ids []string) {
		_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(ids, cobra.ShellCompDirectiveNoFileComp))
	}
	fix("municipality", q.Municipalities)
	fix("sector", q.Sectors)
	fix("size", q.Sizes)
	fix("quadrant", q.QuadrantIDs)
	fix("mode", []string{scan.ModeAdvisor, scan.ModeSelf, scan.ModeSurvey})
}

// filter checks the ids (with a did-you-mean) and makes the store filter.
// Place names are accepted for municipalities (Bussum → gooise-meren).
func (ff *filterFlags) filter(f *factory) (store.Filter, error) {
	check := func(flag string, got, known []string) error {
		for _, id := range got {
			if !slices.Contains(known, id) {
				return usageT("err.unknown-id", flag, strictyaml.Echo(id), strictyaml.DidYouMeanText(id, known), strings.Join(known, ", "))
			}
		}
		return nil
	}
	munis := slices.Clone(ff.municipality)
	if qn, err := q.Builtin(q.DefaultName); err == nil {
		for i, m := range munis {
			munis[i] = municipalityOf(f, qn, m)
		}
	}
	for _, c := range []struct {
		flag       string
		got, known []string
	}{
		{"municipality", munis, q.Municipalities},
		{"sector", ff.sector, q.Sectors},
		{"size", ff.size, q.Sizes},
		{"quadrant", ff.quadrant, q.QuadrantIDs},
		{"mode", ff.mode, []string{scan.ModeAdvisor, scan.ModeSelf, scan.ModeSurvey}},
	} {
		if err := check(c.flag, c.got, c.known); err != nil {
			return store.Filter{}, err
		}
	}
	if !ff.since.IsZero() && !ff.until.IsZero() && ff.until.Before(ff.since) {
		return store.Filter{}, usageT("err.until-before-since", ff.until, ff.since)
	}
	out := store.Filter{Since: ff.since, Until: ff.until, Municipality: munis, Sector: ff.sector,
		Size: ff.size, Quadrant: ff.quadrant, Mode: ff.mode, QuestionnaireVersion: ff.questionnaireVersion}
	return out, nil
}

// Shell completion of questionnaire, catalogue, scan and draft ids.

func completeCatalogues(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return referral.BuiltinNames(), cobra.ShellCompDirectiveDefault
}

func completeQuestionnaires(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return q.BuiltinNames(), cobra.ShellCompDirectiveDefault // names, or a file
}

func completeQuestionnaireArg(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return completeQuestionnaires(cmd, args, toComplete)
}

func completeDrafts(f *factory) ([]string, cobra.ShellCompDirective) {
	store := f.drafts()
	list, _ := store.List()
	var ids []string
	for _, d := range list {
		ids = append(ids, d.ID+"\t"+report.DraftBusiness(d, f.lang))
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

func completeScans(f *factory) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		db, err := f.db()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		ids, err := db.ScanIDs(cmd.Context(), prefix, 200)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return ids, cobra.ShellCompDirectiveNoFileComp
	}
}
