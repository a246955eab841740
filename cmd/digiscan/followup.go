package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/report"
	"github.com/gooivechtstreek/digiscan/internal/store"
)

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
	if err := textOrJSON.check(f, o.format); err != nil {
		return err
	}
	if err := checkTexts(f, "--note", o.note, "--reason", o.reason, "--handover-note", o.handover, "--programme", o.programme); err != nil {
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
			return usageT("err.followup-not-referred", id, prog, strings.Join(refs, ", "))
		}
		if o.outcome != "" && prog == "" {
			return usageT("err.followup-outcome-programme", strings.Join(refs, ", "))
		}
		day := f.dayOr(o.on)
		// The store's checks, said in the person's language.
		switch {
		case o.outcome != "" && !slices.Contains(store.Outcomes, o.outcome):
			return usageT("err.followup-outcome", o.outcome, strings.Join(store.Outcomes, ", "))
		case o.outcome == store.OutcomeNotPursued && strings.TrimSpace(o.reason) == "":
			return usageT("err.followup-reason-needed")
		case o.outcome != store.OutcomeNotPursued && o.reason != "":
			return usageT("err.followup-reason-only")
		case !o.next.IsZero() && o.next.Before(day):
			return usageT("err.followup-next-before", o.next, day)
		}
		fu := &store.FollowUp{ScanID: id, Programme: prog, Outcome: o.outcome, Reason: o.reason, Date: day, Note: o.note, Next: o.next, HandoverNote: o.handover}
		if err := db.AddFollowUp(ctx, fu); err != nil {
			switch {
			case errors.Is(err, store.ErrNoConsent):
				return wrapT(err, "err.followup-no-consent")
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
		return report.WriteJSON(f.io.Out, list)
	}
	return report.FollowUps(f.io.Out, res, list, f.lang)
}
