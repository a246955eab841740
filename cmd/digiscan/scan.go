package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/config"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	"github.com/gooivechtstreek/digiscan/internal/interview"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/report"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

type scanOptions struct {
	answers       string
	accessible    bool
	questionnaire string
	format        string
	output        string
	asOf          date.Date
	resume        string
	mode          string
	advisor       string
	organisation  string
	heardVia      string
	programmes    string
	noSave        bool
	report        string

	// notes are said on stderr after the result (an interrupted scan of the
	// same business that is still kept).
	notes []string
}

// resumeLatest is --resume without an id.
const resumeLatest = "latest"

func newScanCmd(f *factory) *cobra.Command {
	o := &scanOptions{}
	cmd := &cobra.Command{
		Use:     "scan",
		Short:   f.t("cmd.scan.short"),
		Long:    f.t("cmd.scan.long"),
		Example: f.t("cmd.scan.example"),
		// --resume takes an optional id; "--resume ID" (with a space) gives
		// the id as an argument, which is accepted here.
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return nil
			case len(args) == 1 && cmd.Flags().Changed("resume") && o.resume == resumeLatest:
				o.resume = args[0]
				return nil
			}
			return usageT("err.scan-argument", args[0])
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if cmd.Flags().Changed("resume") && len(args) == 0 {
				return completeDrafts(f)
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), f, o, cmd.Flags().Changed("resume"))
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.answers, "answers", "a", "", f.t("flag.answers"))
	fl.BoolVar(&o.accessible, "accessible", false, f.t("flag.accessible"))
	fl.StringVarP(&o.questionnaire, "questionnaire", "q", "", f.t("flag.questionnaire"))
	textOrJSON.flag(cmd, &o.format, "text", f.t("flag.format-scan"))
	fl.StringVarP(&o.output, "output", "o", "", f.t("flag.output"))
	fl.Var(&o.asOf, "as-of", f.t("flag.as-of"))
	fl.StringVar(&o.resume, "resume", "", f.t("flag.resume"))
	fl.Lookup("resume").NoOptDefVal = resumeLatest
	fl.StringVar(&o.mode, "mode", "", f.t("flag.mode"))
	fl.StringVar(&o.advisor, "advisor", "", f.t("flag.advisor"))
	fl.StringVar(&o.organisation, "organisation", "", f.t("flag.organisation"))
	fl.StringVar(&o.heardVia, "heard-via", "", f.t("flag.heard-via"))
	fl.StringVarP(&o.programmes, "programmes", "p", "", f.t("flag.programmes"))
	fl.BoolVar(&o.noSave, "no-save", false, f.t("flag.no-save"))
	fl.StringVar(&o.report, "report", "", f.t("flag.report"))
	_ = cmd.MarkFlagFilename("report", "html", "pdf", "md")
	_ = cmd.RegisterFlagCompletionFunc("programmes", completeCatalogues)
	_ = cmd.RegisterFlagCompletionFunc("questionnaire", completeQuestionnaires)
	_ = cmd.RegisterFlagCompletionFunc("mode", cobra.FixedCompletions([]string{scan.ModeAdvisor, scan.ModeSelf}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("resume", func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		return completeDrafts(f)
	})
	_ = cmd.MarkFlagFilename("answers", "yaml", "yml", "json")
	return cmd
}

func runScan(ctx context.Context, f *factory, o *scanOptions, resuming bool) error {
	// Decide how to ask before anything else: a terminal is needed unless
	// the answers come from a file or line by line.
	accessible := o.accessible || f.io.Accessible()
	if o.answers != "" && resuming {
		return usageT("err.answers-and-resume")
	}
	if o.answers == "" && !accessible && !f.io.InTTY {
		return usageT("err.no-terminal")
	}
	if err := textOrJSON.check(f, o.format); err != nil {
		return err
	}
	switch o.mode {
	case "", scan.ModeAdvisor, scan.ModeSelf:
	default:
		return usageT("err.unknown-mode", o.mode)
	}
	// Checked before any question is asked, not when the scan is saved.
	if err := checkTexts(f, "--advisor", o.advisor, "--organisation", o.organisation, "--heard-via", o.heardVia); err != nil {
		return err
	}
	cfg, err := f.config()
	if err != nil {
		return err
	}
	asOf := f.dayOr(o.asOf)

	var (
		qn      *q.Questionnaire
		cat     *referral.Catalogue
		qref    string
		answers scan.Answers
		lang    i18n.Lang
		id      string
	)
	switch {
	case o.answers != "":
		data, err := strictyaml.ReadFile(o.answers, f.io.In, strictyaml.DefaultLimit)
		if err != nil {
			return err
		}
		name := o.answers
		if name == "-" {
			name = "stdin"
		}
		file, err := scan.ParseFile(name, data)
		if err != nil {
			return err
		}
		// The file's language for the messages too, from the first one on
		// (a file with lang: en hears its missing answers in English).
		if lang, err = resolveLang(f, file.Lang); err != nil {
			return err
		}
		f.lang = lang
		qref = firstOf(o.questionnaire, file.Questionnaire, cfg.Questionnaire)
		base := ""
		if o.questionnaire == "" && file.Questionnaire != "" {
			base = file.Dir() // a path in the answers file is relative to it
		}
		if qn, err = q.Open(qref, base, f.io.In); err != nil {
			return err
		}
		if answers, err = file.Answers(qn); err != nil {
			return err
		}
		if cat, err = openCatalogue(f, o.programmes, qn); err != nil {
			return err
		}
		id = scan.NewID(f.now(), nil)

	default:
		store := f.drafts()
		var draft *drafts.Draft
		if resuming {
			if draft, err = loadDraft(f, store, o.resume); err != nil {
				return err
			}
			qref = firstOf(o.questionnaire, draft.QuestionnaireRef)
			if o.asOf.IsZero() && !draft.AsOf.IsZero() {
				asOf = draft.AsOf
			}
		} else {
			qref = firstOf(o.questionnaire, cfg.Questionnaire, q.DefaultName)
		}
		if qn, err = q.Open(qref, "", f.io.In); err != nil {
			return err
		}
		// A broken catalogue is reported before anyone answers a question.
		if cat, err = openCatalogue(f, o.programmes, qn); err != nil {
			return err
		}
		if lang, err = resolveLang(f, draftLang(draft)); err != nil {
			return err
		}
		// A resumed draft speaks its language throughout: the messages
		// around the interview too, not only the questions.
		f.lang = lang
		if answers, id, err = runInterview(ctx, f, o, store, draft, qn, qref, lang, accessible, asOf); err != nil {
			return err
		}
	}

	mode, advisor := scanMode(o, cfg)
	answers = scan.Prune(qn, answers)
	res, err := scan.Score(qn, answers, scan.Options{AsOf: asOf, Lang: lang, Mode: mode})
	if err != nil {
		return err
	}
	res.ID = id
	res.CreatedAt = f.now().UTC().Truncate(1e9)
	res.Advisor = advisor
	res.Organisation = firstOf(o.organisation, cfg.Organisation)
	res.HeardVia = o.heardVia
	if err := referral.Match(cat, qn, res, referral.Options{AsOf: asOf, Lang: lang}); err != nil {
		return err
	}
	if err := writeResult(f, o, res, qn, lang, accessible); err != nil {
		return err
	}
	defer func() {
		for _, n := range o.notes {
			fmt.Fprintln(f.io.ErrOut, n)
		}
	}()
	if !o.noSave {
		// Saved after the result is out: a database problem never costs the
		// person their result.
		db, err := f.db()
		if err == nil {
			err = db.SaveScan(ctx, res)
		}
		if err != nil {
			return errT("err.scan-not-saved", err)
		}
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.saved", res.ID))
	}
	if o.report == "" {
		return nil
	}
	// The hand-over report last: the scan is saved whatever happens to it.
	in, err := handoverInput(ctx, f, res, qn, lang, !o.noSave)
	if err != nil {
		return err
	}
	return writeHandover(ctx, f, in, reportFormat(o.report), o.report)
}

// runInterview asks the questions (TUI or line mode), keeping a draft
// once something is answered (never an empty one; none at all with
// --no-save).
func runInterview(ctx context.Context, f *factory, o *scanOptions, store drafts.Store, draft *drafts.Draft,
	qn *q.Questionnaire, qref string, lang i18n.Lang, accessible bool, asOf date.Date) (scan.Answers, string, error) {
	now := f.now()
	var answers scan.Answers
	page := 0
	kept := draft != nil // the draft is in the store
	if draft == nil {
		draft = &drafts.Draft{ID: scan.NewID(now, nil), CreatedAt: now, QuestionnaireRef: absRef(qref), Lang: string(lang), Mode: o.mode, AsOf: o.asOf}
	} else {
		var changed []string
		answers, changed = draft.Restore(qn)
		page = draft.Page
		if len(changed) > 0 {
			page = 0 // start over; answered questions are skipped quickly
			fmt.Fprintln(f.io.ErrOut, f.tf("msg.questionnaire-changed", len(changed)))
		}
	}
	s := interview.NewSession(qn, lang, answers, page)
	if len(answers) == 0 {
		if cfg, err := f.config(); err == nil {
			mode, advisor := scanMode(o, cfg)
			s.Notice = privacyNotice(cfg, lang, mode, advisor)
		}
		if !o.noSave && !kept {
			s.Notice.Text += unfinishedNote(f, store, lang)
		}
	}
	s.Save = func(s *interview.Session) error {
		if o.noSave {
			return nil // --no-save keeps nothing, not even a draft
		}
		if len(s.Answers) == 0 {
			// Nothing to resume: no draft (and none left behind).
			if kept {
				if err := store.Delete(draft.ID); err != nil && !errors.Is(err, drafts.ErrNotFound) {
					return err
				}
				kept = false
			}
			return nil
		}
		draft.UpdatedAt = f.now()
		draft.Page = s.Page
		draft.SetAnswers(qn, s.Answers)
		if err := store.Save(draft); err != nil {
			return err
		}
		kept = true
		return nil
	}
	var err error
	f.interviewing.Store(true)
	defer f.interviewing.Store(false)
	if accessible {
		err = interview.Lines(ctx, s, f.io.In, f.io.ErrOut)
	} else {
		err = interview.TUI(ctx, s, f.io.In, f.io.ErrOut, f.io.ColorFor(f.io.ErrTTY))
	}
	if errors.Is(err, interview.ErrInterrupted) {
		switch {
		case kept:
			fmt.Fprintln(f.io.ErrOut, f.tf("msg.interrupted", draft.ID))
		case o.noSave:
			fmt.Fprintln(f.io.ErrOut, f.t("msg.interrupted-no-save"))
		default:
			fmt.Fprintln(f.io.ErrOut, f.t("msg.interrupted-empty"))
		}
		return nil, "", err
	}
	if err != nil {
		return nil, "", err
	}
	if kept {
		if err := store.Delete(draft.ID); err != nil && !errors.Is(err, drafts.ErrNotFound) {
			fmt.Fprintln(f.io.ErrOut, f.tf("msg.draft-not-removed", draft.ID, err))
		}
	}
	if !o.noSave {
		o.notes = sameBusinessNotes(f, store, draft)
	}
	return s.Answers, draft.ID, nil
}

// unfinishedNote is a sentence for the first screen when unfinished scans
// are waiting: the person may mean to continue one rather than start over.
func unfinishedNote(f *factory, store drafts.Store, lang i18n.Lang) string {
	// No database yet, no drafts: do not create one before the first answer.
	if p, err := f.dbPath(); err != nil {
		return ""
	} else if _, err := os.Stat(p); err != nil {
		return ""
	}
	list, err := store.List()
	if err != nil {
		return ""
	}
	list = drafts.Unfinished(list)
	if len(list) == 0 {
		return ""
	}
	d := list[0]
	if len(list) == 1 {
		return "\n\n" + msg.Tf(lang, "msg.unfinished-draft", report.DraftBusiness(d, lang), report.DraftDate(d, lang), d.ID)
	}
	return "\n\n" + msg.Tf(lang, "msg.unfinished-drafts", len(list), report.DraftBusiness(d, lang),
		report.DraftDate(d, lang), d.ID)
}

// sameBusinessNotes tell, after a finished interview, which unfinished
// scans of the same business are still kept.
func sameBusinessNotes(f *factory, store drafts.Store, done *drafts.Draft) []string {
	list, err := store.List()
	if err != nil {
		return nil
	}
	var notes []string
	for _, d := range drafts.Unfinished(list) {
		if d.ID != done.ID && drafts.SameBusiness(d.Answers, done.Answers) {
			notes = append(notes, f.tf("msg.same-business-draft", d.ID, report.DraftDate(d, f.lang)))
		}
	}
	return notes
}

// scanMode is the scan's mode and advisor: --mode, the config's mode, else
// advisor when an advisor is named (--advisor or the config), else self.
func scanMode(o *scanOptions, cfg *config.Config) (mode, advisor string) {
	mode = firstOf(o.mode, cfg.Mode)
	advisor = firstOf(o.advisor, cfg.Advisor)
	if mode == "" {
		mode = scan.ModeSelf
		if advisor != "" {
			mode = scan.ModeAdvisor
		}
	}
	return mode, advisor
}

// privacyNotice tells, before the first question, who keeps the answers,
// what for, where, how long and whom to ask, as it is for this mode: an
// entrepreneur scanning alone keeps the answers on their own computer; an
// advisor's organisation keeps them for the period its config states. It
// promises no deletion digiscan does not do: scans are erased by `scans
// delete` or `scans purge`.
func privacyNotice(cfg *config.Config, lang i18n.Lang, mode, advisor string) interview.Notice {
	if cfg == nil {
		return interview.Notice{}
	}
	n := interview.Notice{Title: msg.T(lang, "privacy.title")}
	if mode == scan.ModeSelf {
		n.Text = msg.T(lang, "privacy.text-self")
		return n
	}
	controller, contact := keeperOf(cfg, lang, "", advisor)
	keep := msg.T(lang, "privacy.keep-until-erased")
	if cfg.Privacy.Retention != "" {
		keep = msg.Tf(lang, "privacy.keep-for", cfg.Privacy.Retention)
	}
	n.Text = msg.Tf(lang, "privacy.text-advisor", controller, keep, contact)
	return n
}

// keeperOf is who keeps the answers of an advisor's scan and whom to ask:
// the config's privacy settings, else its organisation, else the scan's
// organisation or advisor, else the advisor doing the scan.
func keeperOf(cfg *config.Config, lang i18n.Lang, organisation, advisor string) (controller, contact string) {
	return firstOf(cfg.Privacy.Controller, cfg.Organisation, organisation, advisor, msg.T(lang, "privacy.default-controller")),
		firstOf(cfg.Privacy.Contact, cfg.Organisation, organisation, advisor, msg.T(lang, "privacy.default-contact"))
}

func draftLang(d *drafts.Draft) string {
	if d == nil {
		return ""
	}
	return d.Lang
}

// absRef makes a questionnaire path absolute, so a draft resumes from
// another directory; built-in names stay as they are.
func absRef(ref string) string {
	if !q.IsPath(ref) {
		return ref
	}
	if abs, err := filepath.Abs(ref); err == nil {
		return abs
	}
	return ref
}

func loadDraft(f *factory, store drafts.Store, id string) (*drafts.Draft, error) {
	if id != resumeLatest {
		return store.Load(id)
	}
	list, err := store.List()
	if err != nil {
		return nil, err
	}
	// The latest draft with answers: an empty one is never worth resuming.
	if list = drafts.Unfinished(list); len(list) == 0 {
		return nil, fmt.Errorf("%w: %s", drafts.ErrNotFound, f.t("err.no-drafts-to-resume"))
	}
	return list[0], nil
}

// writeResult prints the result to stdout or -o FILE.
func writeResult(f *factory, o *scanOptions, r *scan.Result, qn *q.Questionnaire, lang i18n.Lang, sentences bool) error {
	write := func(w io.Writer, tty bool) error {
		switch {
		case o.format == "json":
			return report.JSON(w, r)
		case sentences:
			return report.Accessible(w, r, qn, lang)
		default:
			return report.Terminal(w, r, qn, lang, report.Style{Color: f.io.ColorFor(tty), Width: f.io.Width()})
		}
	}
	return f.writeOut(o.output, write)
}
