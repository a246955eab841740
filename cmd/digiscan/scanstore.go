package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/report"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// loadScan reads a stored scan with its questionnaire.
func loadScan(ctx context.Context, f *factory, id string) (*scan.Result, *q.Questionnaire, error) {
	db, err := f.db()
	if err != nil {
		return nil, nil, err
	}
	rec, err := db.Scan(ctx, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil, fmt.Errorf("no scan %q (list them with: digiscan scans list)", id)
		}
		return nil, nil, err
	}
	qn, _, err := q.Find(rec.Questionnaire.ID, rec.Questionnaire.Version)
	if err != nil {
		return nil, nil, fmt.Errorf("scan made with questionnaire %s %s, which this digiscan does not have: %w", rec.Questionnaire.ID, rec.Questionnaire.Version, err)
	}
	res, err := rec.Result(qn)
	return res, qn, err
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

type scansListOptions struct {
	company string
	since   date.Date
	until   date.Date
	due     bool
	asOf    date.Date
	format  string
	limit   int
}

func newScansListCmd(f *factory) *cobra.Command {
	o := &scansListOptions{}
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   f.t("cmd.scans.list.short"),
		Long:    f.t("cmd.scans.list.long"),
		Example: f.t("cmd.scans.list.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScansList(cmd.Context(), f, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.company, "company", "", f.t("flag.company"))
	fl.Var(&o.since, "since", f.t("flag.since"))
	fl.Var(&o.until, "until", f.t("flag.until"))
	fl.BoolVar(&o.due, "due", false, f.t("flag.due"))
	fl.Var(&o.asOf, "as-of", f.t("flag.as-of"))
	fl.IntVar(&o.limit, "limit", 0, f.t("flag.limit"))
	textOrJSON.flag(cmd, &o.format, "text", f.t("flag.format-list"))
	return cmd
}

type scanRow struct {
	ID           string    `json:"id"`
	Date         date.Date `json:"date"`
	Company      string    `json:"company,omitempty"`
	CompanyID    int64     `json:"company_id,omitempty"`
	Sector       string    `json:"sector"`
	Size         string    `json:"size"`
	Municipality string    `json:"municipality"`
	Quadrant     string    `json:"quadrant"`
	Impact       float64   `json:"impact"`
	Readiness    float64   `json:"readiness"`
	Mode         string    `json:"mode"`
	Advisor      string    `json:"advisor,omitempty"`
	Due          []string  `json:"due,omitempty"` // programmes whose follow-up is due
}

func runScansList(ctx context.Context, f *factory, o *scansListOptions) error {
	if err := textOrJSON.check(o.format); err != nil {
		return err
	}
	db, err := f.db()
	if err != nil {
		return err
	}
	filter := store.Filter{Since: o.since, Until: o.until, NewestFirst: true, NoJSON: true, Limit: o.limit}
	if o.company != "" {
		c, err := db.Company(ctx, store.ParseCompanyRef(o.company))
		if err != nil {
			return companyErr(o.company, err)
		}
		filter.CompanyID = c.ID
	}
	asOf := f.dayOr(o.asOf)
	due := map[string][]string{}
	if o.due {
		filter.Due = asOf
		list, err := db.Due(ctx, asOf)
		if err != nil {
			return err
		}
		for _, fu := range list {
			due[fu.ScanID] = append(due[fu.ScanID], fu.Programme)
		}
	}
	rows := []scanRow{}
	err = db.Each(ctx, filter, func(r *store.Record) error {
		rows = append(rows, scanRow{
			ID: r.ID, Date: r.Date, Company: r.Company.Name, CompanyID: r.CompanyID,
			Sector: r.Sector, Size: r.Size, Municipality: r.Municipality, Quadrant: r.Quadrant,
			Impact: r.Impact, Readiness: r.Readiness, Mode: r.Mode, Advisor: r.Advisor, Due: due[r.ID],
		})
		return nil
	})
	if err != nil {
		return err
	}
	if o.format == "json" {
		return writeJSON(f.io.Out, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(f.io.ErrOut, f.t("msg.no-scans"))
		return nil
	}
	lang, _ := resolveLang(f, "")
	qn, _ := q.Builtin(q.DefaultName)
	label := func(qid, id string) string { return qn.OptionName(qid, id, lang) }
	quadrant := func(id string) string {
		if qn != nil {
			if qd := qn.Quadrant(id); qd != nil {
				return qd.Label.In(lang)
			}
		}
		return id
	}
	tw := tabwriter.NewWriter(f.io.Out, 0, 0, 2, ' ', 0)
	head := f.t("col.id") + "\t" + f.t("col.date") + "\t" + f.t("col.business") + "\t" + f.t("col.place") + "\t" + f.t("col.quadrant")
	if o.due {
		head += "\t" + f.t("col.due")
	}
	fmt.Fprintln(tw, head)
	for _, r := range rows {
		business := firstOf(r.Company, label(q.QSector, r.Sector)+", "+label(q.QSize, r.Size))
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s", r.ID, r.Date, business, label(q.QMunicipality, r.Municipality), quadrant(r.Quadrant))
		if o.due {
			line += "\t" + strings.Join(r.Due, ", ")
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(f.io.ErrOut, f.tf("msg.scans-listed", len(rows)))
	return nil
}

func companyErr(ref string, err error) error {
	var amb *store.AmbiguousError
	switch {
	case errors.As(err, &amb):
		return fmt.Errorf("%w; give the company id (#N) or the KVK number (see: digiscan scans list)", err)
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("no company %q is stored (a name, a KVK number or #id)", ref)
	}
	return err
}

func newScansShowCmd(f *factory) *cobra.Command {
	var format string
	var accessible bool
	cmd := &cobra.Command{
		Use:               "show ID",
		Short:             f.t("cmd.scans.show.short"),
		Example:           f.t("cmd.scans.show.example"),
		Args:              exactArgs(1),
		ValidArgsFunction: completeScans(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := textOrJSON.check(format); err != nil {
				return err
			}
			res, qn, err := loadScan(cmd.Context(), f, args[0])
			if err != nil {
				return err
			}
			lang, err := resolveLang(f, res.Lang)
			if err != nil {
				return err
			}
			if qn.Hash != res.Questionnaire.Hash {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.other-version", res.Questionnaire.ID, res.Questionnaire.Version, qn.Version))
			}
			o := &scanOptions{format: format}
			return writeResult(f, o, res, qn, lang, accessible || f.io.Accessible())
		},
	}
	textOrJSON.flag(cmd, &format, "text", f.t("flag.format-scan"))
	cmd.Flags().BoolVar(&accessible, "accessible", false, f.t("flag.accessible-result"))
	return cmd
}

func newScansCompareCmd(f *factory) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:               "compare ID ID",
		Short:             f.t("cmd.scans.compare.short"),
		Long:              f.t("cmd.scans.compare.long"),
		Example:           f.t("cmd.scans.compare.example"),
		Args:              exactArgs(2),
		ValidArgsFunction: completeScans(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := textOrJSON.check(format); err != nil {
				return err
			}
			a, qn, err := loadScan(cmd.Context(), f, args[0])
			if err != nil {
				return err
			}
			b, _, err := loadScan(cmd.Context(), f, args[1])
			if err != nil {
				return err
			}
			// The earlier scan first: by scan date, then by when it was made.
			if a.AsOf.After(b.AsOf) || (a.AsOf.Equal(b.AsOf) && a.CreatedAt.After(b.CreatedAt)) {
				a, b = b, a
			}
			lang, err := resolveLang(f, b.Lang)
			if err != nil {
				return err
			}
			c := report.Compare(a, b)
			if format == "json" {
				return writeJSON(f.io.Out, c)
			}
			return report.CompareText(f.io.Out, c, qn, lang)
		},
	}
	textOrJSON.flag(cmd, &format, "text", f.t("flag.format-scan"))
	return cmd
}

func newScansDeleteCmd(f *factory) *cobra.Command {
	var company string
	var yes bool
	cmd := &cobra.Command{
		Use:               "delete [ID...]",
		Aliases:           []string{"rm"},
		Short:             f.t("cmd.scans.delete.short"),
		Long:              f.t("cmd.scans.delete.long"),
		Example:           f.t("cmd.scans.delete.example"),
		ValidArgsFunction: completeScans(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if (company == "") == (len(args) == 0) {
				return usagef("give scan ids, or --company NAME|KVK|#ID (not both)")
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			if company != "" {
				c, err := db.Company(ctx, store.ParseCompanyRef(company))
				if err != nil {
					return companyErr(company, err)
				}
				if !yes && !confirm(f, f.tf("msg.confirm-erase", c.Name, c.KVK, c.Scans)) {
					return usagef("not erased: confirm with --yes (or answer y at the prompt)")
				}
				e, err := db.DeleteCompany(ctx, store.CompanyRef{ID: c.ID})
				if err != nil && !errors.Is(err, store.ErrBusy) {
					return err
				}
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.erased", e.Scans, e.Drafts))
				if len(e.StillMentioned) > 0 {
					fmt.Fprintln(f.io.ErrOut, f.tf("msg.still-mentioned", strings.Join(e.StillMentioned, ", ")))
				}
				if errors.Is(err, store.ErrBusy) {
					fmt.Fprintln(f.io.ErrOut, f.t("msg.scrub-later"))
				}
				return nil
			}
			for _, id := range args {
				err := db.DeleteScan(ctx, id)
				switch {
				case errors.Is(err, store.ErrNotFound):
					return fmt.Errorf("no scan %q (list them with: digiscan scans list)", id)
				case errors.Is(err, store.ErrBusy):
					fmt.Fprintln(f.io.ErrOut, f.t("msg.scrub-later"))
				case err != nil:
					return err
				}
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.deleted", id))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&company, "company", "", f.t("flag.company-erase"))
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, f.t("flag.yes"))
	return cmd
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

func newScansPurgeCmd(f *factory) *cobra.Command {
	var olderThan string
	var asOf date.Date
	cmd := &cobra.Command{
		Use:     "purge --older-than AGE",
		Short:   f.t("cmd.scans.purge.short"),
		Long:    f.t("cmd.scans.purge.long"),
		Example: f.t("cmd.scans.purge.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if olderThan == "" {
				return usagef("say how old: --older-than 2y (years y, months m, days d)")
			}
			cutoff, err := ageCutoff(olderThan, asOf, f.now())
			if err != nil {
				return usageError{err}
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			p, err := db.Purge(cmd.Context(), cutoff)
			if err != nil && !errors.Is(err, store.ErrBusy) {
				return err
			}
			fmt.Fprintln(f.io.ErrOut, f.tf("msg.purged", p.Scans, p.Companies, p.Drafts, cutoff.Format("2006-01-02")))
			return nil
		},
	}
	cmd.Flags().StringVar(&olderThan, "older-than", "", f.t("flag.older-than"))
	cmd.Flags().Var(&asOf, "as-of", f.t("flag.as-of"))
	return cmd
}

// ageCutoff turns "2y", "18m" or "90d" into the moment before which data is
// older than that, counted back from asOf (default now).
func ageCutoff(age string, asOf date.Date, now time.Time) (time.Time, error) {
	n, unit := 0, ""
	if _, err := fmt.Sscanf(age, "%d%s", &n, &unit); err != nil || n <= 0 {
		return time.Time{}, fmt.Errorf("invalid age %q: use a number and y, m or d, for example 2y", age)
	}
	base := now
	if !asOf.IsZero() {
		base = asOf.Time()
	}
	switch unit {
	case "y":
		return base.AddDate(-n, 0, 0), nil
	case "m":
		return base.AddDate(0, -n, 0), nil
	case "d":
		return base.AddDate(0, 0, -n), nil
	}
	return time.Time{}, fmt.Errorf("invalid age %q: use a number and y, m or d, for example 2y", age)
}

func newScansWithdrawCmd(f *factory) *cobra.Command {
	var consent, company string
	cmd := &cobra.Command{
		Use:               "withdraw [ID...] --consent statistics|follow-up|handover",
		Short:             f.t("cmd.scans.withdraw.short"),
		Long:              f.t("cmd.scans.withdraw.long"),
		Example:           f.t("cmd.scans.withdraw.example"),
		ValidArgsFunction: completeScans(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			key := strings.ReplaceAll(consent, "-", "_")
			if !slices.Contains(store.ConsentKeys, key) {
				return usagef("--consent must be statistics, follow-up or handover")
			}
			if (company == "") == (len(args) == 0) {
				return usagef("give scan ids, or --company NAME|KVK|#ID (not both)")
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			if company != "" {
				n, err := db.WithdrawCompanyConsent(cmd.Context(), store.ParseCompanyRef(company), key)
				if err != nil {
					return companyErr(company, err)
				}
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.withdrawn", consent, n))
				return nil
			}
			for _, id := range args {
				if _, err := db.WithdrawConsent(cmd.Context(), id, key); err != nil {
					if errors.Is(err, store.ErrNotFound) {
						return fmt.Errorf("no scan %q", id)
					}
					return err
				}
			}
			fmt.Fprintln(f.io.ErrOut, f.tf("msg.withdrawn", consent, len(args)))
			return nil
		},
	}
	cmd.Flags().StringVar(&consent, "consent", "", f.t("flag.consent"))
	cmd.Flags().StringVar(&company, "company", "", f.t("flag.company"))
	_ = cmd.RegisterFlagCompletionFunc("consent", cobra.FixedCompletions([]string{"statistics", "follow-up", "handover"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

type followUpOptions struct {
	programme, outcome, reason, note, handover string
	on, next                                   date.Date
	format                                     string
}

func newFollowUpCmd(f *factory) *cobra.Command {
	o := &followUpOptions{}
	cmd := &cobra.Command{
		Use:               "follow-up ID",
		Short:             f.t("cmd.scans.follow-up.short"),
		Long:              f.t("cmd.scans.follow-up.long"),
		Example:           f.t("cmd.scans.follow-up.example"),
		Args:              exactArgs(1),
		ValidArgsFunction: completeScans(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFollowUp(cmd.Context(), f, o, args[0], (o.programme != "" || o.outcome != "" || o.note != "" || o.handover != "" || !o.next.IsZero()))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.programme, "programme", "", f.t("flag.fu-programme"))
	fl.StringVar(&o.outcome, "outcome", "", f.t("flag.fu-outcome"))
	fl.StringVar(&o.reason, "reason", "", f.t("flag.fu-reason"))
	fl.StringVar(&o.note, "note", "", f.t("flag.fu-note"))
	fl.StringVar(&o.handover, "handover-note", "", f.t("flag.fu-handover"))
	fl.Var(&o.on, "date", f.t("flag.fu-date"))
	fl.Var(&o.next, "next", f.t("flag.fu-next"))
	textOrJSON.flag(cmd, &o.format, "text", f.t("flag.format-list"))
	_ = cmd.RegisterFlagCompletionFunc("outcome", cobra.FixedCompletions(store.Outcomes, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runFollowUp(ctx context.Context, f *factory, o *followUpOptions, id string, record bool) error {
	if err := textOrJSON.check(o.format); err != nil {
		return err
	}
	res, _, err := loadScan(ctx, f, id)
	if err != nil {
		return err
	}
	db, err := f.db()
	if err != nil {
		return err
	}
	if record {
		var refs []string
		for _, r := range res.Referrals {
			refs = append(refs, r.Programme)
		}
		prog := o.programme // "": a note or next date for the scan as a whole
		if prog != "" && !slices.Contains(refs, prog) {
			return usagef("scan %s was not referred to %q; its referrals: %s", id, prog, strings.Join(refs, ", "))
		}
		if o.outcome != "" && prog == "" {
			return usagef("an --outcome is for one referral: add --programme (one of %s)", strings.Join(refs, ", "))
		}
		day := f.dayOr(o.on)
		fu := &store.FollowUp{ScanID: id, Programme: prog, Outcome: o.outcome, Reason: o.reason, Date: day, Note: o.note, Next: o.next, HandoverNote: o.handover}
		if err := db.AddFollowUp(ctx, fu); err != nil {
			switch {
			case errors.Is(err, store.ErrNoConsent):
				return fmt.Errorf("%w: the business did not give (or withdrew) the consent this needs", err)
			case errors.Is(err, store.ErrInvalid):
				return usageError{err}
			}
			return err
		}
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.follow-up-recorded", id))
	}
	list, err := db.FollowUps(ctx, store.FollowUpFilter{ScanID: id})
	if err != nil {
		return err
	}
	if o.format == "json" {
		if list == nil {
			list = []store.FollowUp{}
		}
		return writeJSON(f.io.Out, list)
	}
	return printFollowUps(f, f.io.Out, res, list)
}

func printFollowUps(f *factory, w io.Writer, res *scan.Result, list []store.FollowUp) error {
	lang := f.lang
	name := map[string]string{}
	for _, r := range res.Referrals {
		name[r.Programme] = r.Name
	}
	fmt.Fprintln(w, f.tf("msg.follow-up-head", res.ID))
	if len(list) == 0 {
		fmt.Fprintln(w, "  "+f.t("msg.no-follow-ups"))
	}
	for _, fu := range list {
		what := firstOf(name[fu.Programme], fu.Programme, f.t("msg.whole-scan"))
		line := "  " + fu.Date.String() + "  " + what
		if fu.Outcome != "" {
			line += ": " + msg.T(lang, "outcome."+fu.Outcome)
		}
		if fu.Reason != "" {
			line += " (" + fu.Reason + ")"
		}
		if fu.Note != "" {
			line += " — " + fu.Note
		}
		if !fu.Next.IsZero() {
			line += " · " + f.tf("msg.next", fu.Next)
		}
		fmt.Fprintln(w, line)
		if fu.HandoverNote != "" {
			fmt.Fprintln(w, "      "+f.t("msg.handover")+": "+fu.HandoverNote)
		}
	}
	var open []string
	for _, r := range res.Referrals {
		if !r.More {
			open = append(open, r.Programme)
		}
	}
	fmt.Fprintln(w, "  "+f.tf("msg.referrals-of-scan", strings.Join(open, ", ")))
	return nil
}

func newImportCmd(f *factory) *cobra.Command {
	var prefer string
	cmd := &cobra.Command{
		Use:     "import FILE...",
		Short:   f.t("cmd.import.short"),
		Long:    f.t("cmd.import.long"),
		Example: f.t("cmd.import.example"),
		Args:    minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if prefer != "existing" && prefer != "incoming" {
				return usagef("--prefer must be existing or incoming")
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			failed := false
			for _, path := range args {
				var in io.Reader = f.io.In
				name := "stdin"
				var file *os.File
				if path != "-" {
					if file, err = os.Open(path); err != nil {
						return fmt.Errorf("%s: %w", path, errors.Unwrap(err))
					}
					in, name = file, path
				}
				st, err := db.Import(cmd.Context(), in, store.ImportOptions{Name: name, PreferIncoming: prefer == "incoming"})
				if file != nil {
					file.Close() // each file as soon as it is read, not all at the end
				}
				var conflicts *store.ConflictError
				var invalid *store.InvalidLinesError
				switch {
				case errors.As(err, &conflicts):
					for _, c := range conflicts.Conflicts {
						fmt.Fprintf(f.io.ErrOut, "%s:%d: %s\n", name, c.Line, f.tf("msg.conflict", c.ID, strings.Join(c.Fields, ", ")))
					}
					failed = true
				case errors.As(err, &invalid):
					fmt.Fprintln(f.io.ErrOut, err)
					failed = true
					continue
				case err != nil:
					return fmt.Errorf("%s: %w", name, err)
				}
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.imported", name, st.Added, st.Identical, st.Erased, st.Replaced, len(st.Conflicts)))
			}
			if failed {
				return silentError{exitError}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&prefer, "prefer", "existing", f.t("flag.prefer"))
	_ = cmd.RegisterFlagCompletionFunc("prefer", cobra.FixedCompletions([]string{"existing", "incoming"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
