package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/report"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

func newScansCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "scans",
		Short:   f.t("cmd.scans.short"),
		Long:    f.t("cmd.scans.long"),
		Example: f.t("cmd.scans.example"),
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newScansListCmd(f),
		newScansShowCmd(f),
		newScansCompareCmd(f),
		newScansDeleteCmd(f),
		newScansPurgeCmd(f),
		newScansWithdrawCmd(f),
		newScansLinkCmd(f),
		newFollowUpCmd(f),
		newDraftsCmd(f),
	)
	return cmd
}

type scansListOptions struct {
	company string
	since   date.Date
	until   date.Date
	due     bool
	asOf    date.Date
	format  string
	limit   int
	all     bool
}

// listLimit is how many scans `scans list` shows without --limit or --all:
// the newest, a screenful or two; a store of 100,000 scans is for export.
const listLimit = 50

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
	fl.IntVar(&o.limit, "limit", 0, f.tf("flag.limit", listLimit))
	fl.BoolVar(&o.all, "all", false, f.t("flag.all-scans"))
	textOrJSON.flag(cmd, &o.format, "text", f.t("flag.format-list"))
	return cmd
}

func runScansList(ctx context.Context, f *factory, o *scansListOptions) error {
	if err := textOrJSON.check(f, o.format); err != nil {
		return err
	}
	if err := checkTexts(f, "--company", o.company); err != nil {
		return err
	}
	if o.all && o.limit != 0 {
		return usageT("err.limit-and-all")
	}
	if o.limit < 0 {
		return usageT("err.limit-negative")
	}
	limit := o.limit
	if limit == 0 && !o.all {
		limit = listLimit
	}
	db, err := f.db()
	if err != nil {
		return err
	}
	filter := store.Filter{Since: o.since, Until: o.until, NewestFirst: true, NoJSON: true}
	if limit > 0 {
		filter.Limit = limit + 1 // one more tells whether there are more
	}
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
	rows := []report.ScanRow{}
	err = db.EachListRow(ctx, filter, func(r *store.ListRow) error {
		rows = append(rows, report.ScanRow{
			ID: r.ID, Date: r.Date, Company: r.Company, CompanyID: r.CompanyID,
			Sector: r.Sector, Size: r.Size, Municipality: r.Municipality, Quadrant: r.Quadrant,
			Impact: r.Impact, Readiness: r.Readiness, Mode: r.Mode, Advisor: r.Advisor, Due: due[r.ID],
		})
		return nil
	})
	if err != nil {
		return err
	}
	more := limit > 0 && len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	// One write per buffer, not per table cell.
	out := bufio.NewWriterSize(f.io.Out, 64<<10)
	if o.format == "json" {
		if err := report.WriteJSON(out, rows); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	} else {
		if len(rows) == 0 {
			fmt.Fprintln(f.io.ErrOut, f.t("msg.no-scans"))
			return nil
		}
		lang, _ := resolveLang(f, "")
		qn, _ := q.Builtin(q.DefaultName) // its labels; ids when it cannot be had
		if err := report.ScanList(out, rows, qn, lang, o.due); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	switch {
	case more:
		total, err := db.Count(ctx, filter)
		if err != nil {
			return err
		}
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.scans-listed-of", len(rows), total))
	case o.format != "json" && len(rows) == 1:
		fmt.Fprintln(f.io.ErrOut, f.t("msg.scans-listed-one"))
	case o.format != "json":
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.scans-listed", len(rows)))
	}
	return nil
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
			if err := textOrJSON.check(f, format); err != nil {
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
			if err := textOrJSON.check(f, format); err != nil {
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
				return report.WriteJSON(f.io.Out, c)
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
				return usageT("err.ids-or-company")
			}
			if err := checkTexts(f, "--company", company); err != nil {
				return err
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
					return usageT("err.not-erased")
				}
				e, err := db.DeleteCompany(ctx, store.CompanyRef{ID: c.ID})
				if err != nil && len(e.Companies) == 0 {
					return err // nothing erased
				}
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.erased", e.Scans, e.Drafts))
				if len(e.StillMentioned) > 0 {
					fmt.Fprintln(f.io.ErrOut, f.tf("msg.still-mentioned", strings.Join(e.StillMentioned, ", ")))
				}
				return unfinished(f, err)
			}
			for _, id := range args {
				err := db.DeleteScan(ctx, id)
				if errors.Is(err, store.ErrNotFound) {
					return errT("err.no-scan", strictyaml.Echo(id))
				}
				if err != nil {
					if _, gone := db.Scan(ctx, id); !errors.Is(gone, store.ErrNotFound) {
						return err // not erased
					}
				}
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.deleted", id))
				if err != nil {
					return unfinished(f, err)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&company, "company", "", f.t("flag.company-erase"))
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, f.t("flag.yes"))
	return cmd
}

// unfinished is the error of an erasure whose records are gone but whose
// files could not be cleaned (a reader blocked the checkpoint, a leftover
// file could not be removed): it fails loudly, never as a success.
func unfinished(f *factory, err error) error {
	if err == nil {
		return nil
	}
	return errT("msg.scrub-later", err)
}

// purgeShare is the percentage of all stored scans above which a purge
// asks first (as does one that would erase a scan younger than the age by
// the real date, as with --as-of in the future).
const purgeShare = 50

func newScansPurgeCmd(f *factory) *cobra.Command {
	var olderThan string
	var yes bool
	var asOf date.Date
	cmd := &cobra.Command{
		Use:     "purge --older-than AGE",
		Short:   f.t("cmd.scans.purge.short"),
		Long:    f.t("cmd.scans.purge.long"),
		Example: f.t("cmd.scans.purge.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if olderThan == "" {
				return usageT("err.older-than-missing")
			}
			cutoff, err := ageCutoff(olderThan, asOf, f.now())
			if err != nil {
				return usageError{err}
			}
			// The same age counted from the real today: scans younger than
			// that are still within the retention period.
			realCutoff, err := ageCutoff(olderThan, date.Date{}, f.now())
			if err != nil {
				return usageError{err}
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			plan, err := db.PlanPurge(cmd.Context(), cutoff, realCutoff)
			if err != nil {
				return err
			}
			if risky := plan.Recent > 0 || plan.Scans*100 > plan.Total*purgeShare; risky && !yes {
				day := func(t time.Time) string { return t.Format("2006-01-02") }
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.purge-plan", plan.Scans, plan.Total, day(plan.Oldest), day(plan.Newest), plan.Drafts))
				if plan.Recent > 0 {
					fmt.Fprintln(f.io.ErrOut, f.tf("msg.purge-recent", plan.Recent, olderThan))
				}
				if plan.Scans*100 > plan.Total*purgeShare {
					fmt.Fprintln(f.io.ErrOut, f.tf("msg.purge-share", purgeShare))
				}
				if !confirm(f, f.t("msg.purge-confirm")) {
					return usageT("err.not-erased")
				}
			}
			p, err := db.Purge(cmd.Context(), cutoff)
			fmt.Fprintln(f.io.ErrOut, f.tf("msg.purged", p.Scans, p.Companies, p.Drafts, cutoff.Format("2006-01-02")))
			return unfinished(f, err)
		},
	}
	cmd.Flags().StringVar(&olderThan, "older-than", "", f.t("flag.older-than"))
	cmd.Flags().Var(&asOf, "as-of", f.t("flag.as-of"))
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, f.t("flag.yes"))
	return cmd
}

// ageCutoff turns "2y", "18m" or "90d" into the moment before which data is
// older than that, counted back from asOf (default now).
func ageCutoff(age string, asOf date.Date, now time.Time) (time.Time, error) {
	n, unit := 0, ""
	if _, err := fmt.Sscanf(age, "%d%s", &n, &unit); err != nil || n <= 0 {
		return time.Time{}, errT("err.invalid-age", age)
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
	return time.Time{}, errT("err.invalid-age", age)
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
				return usageT("err.consent-kind")
			}
			if (company == "") == (len(args) == 0) {
				return usageT("err.ids-or-company")
			}
			if err := checkTexts(f, "--company", company); err != nil {
				return err
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
						return errT("err.no-scan", strictyaml.Echo(id))
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
