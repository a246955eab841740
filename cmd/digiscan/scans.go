package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
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
		newFollowUpCmd(f),
		newDraftsCmd(f),
	)
	return cmd
}

func newDraftsCmd(f *factory) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "drafts",
		Short:   f.t("cmd.drafts.short"),
		Long:    f.t("cmd.drafts.long"),
		Example: f.t("cmd.drafts.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			store := f.drafts()
			list, err := store.List()
			if err != nil {
				return err
			}
			return printDrafts(f, list, format)
		},
	}
	textOrJSON.flag(cmd, &format, "text", f.t("flag.format-list"))
	discard := &cobra.Command{
		Use:     "discard ID...",
		Aliases: []string{"delete", "rm"},
		Short:   f.t("cmd.drafts.discard.short"),
		Example: "  digiscan scans drafts discard 20261127-k3f9x2ab",
		Args:    minArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			return completeDrafts(f)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			store := f.drafts()
			for _, id := range args {
				if err := store.Delete(id); err != nil {
					return err
				}
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.draft-discarded", id))
			}
			return nil
		},
	}
	cmd.AddCommand(discard)
	return cmd
}

type draftRow struct {
	ID            string `json:"id"`
	Updated       string `json:"updated_at"`
	Questionnaire string `json:"questionnaire"`
	Answered      int    `json:"answered"`
	Business      string `json:"business"`
}

func printDrafts(f *factory, list []*drafts.Draft, format string) error {
	var rows []draftRow
	for _, d := range list {
		rows = append(rows, draftRow{
			ID: d.ID, Updated: d.UpdatedAt.Local().Format("2006-01-02 15:04"),
			Questionnaire: d.Questionnaire.ID + " " + d.Questionnaire.Version,
			Answered:      len(d.Answers), Business: draftBusiness(d, f.lang),
		})
	}
	switch format {
	case "json":
		if rows == nil {
			rows = []draftRow{}
		}
		enc := json.NewEncoder(f.io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	case "text":
		if len(rows) == 0 {
			fmt.Fprintln(f.io.ErrOut, f.t("msg.no-drafts"))
			return nil
		}
		tw := tabwriter.NewWriter(f.io.Out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, f.t("col.id")+"\t"+f.t("col.updated")+"\t"+f.t("col.questionnaire")+"\t"+f.t("col.answered")+"\t"+f.t("col.business"))
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", r.ID, r.Updated, r.Questionnaire, r.Answered, r.Business)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(f.io.ErrOut, f.t("msg.resume-hint"))
		return nil
	}
	return textOrJSON.check(format)
}

// draftBusiness names the business of a draft for a listing: its name when
// given, else its sector and place as answered so far (as labels when the
// questionnaire can be opened).
func draftBusiness(d *drafts.Draft, lang i18n.Lang) string {
	str := func(id string) string {
		var v string
		if raw, ok := d.Answers[id]; ok {
			json.Unmarshal(raw, &v)
		}
		return v
	}
	if s := str(q.QCompanyName); s != "" {
		return s
	}
	qn, _ := q.Open(d.QuestionnaireRef, "", nil)
	var parts []string
	for _, id := range []string{q.QSector, q.QPlace} {
		v := str(id)
		if v == "" {
			continue
		}
		parts = append(parts, qn.OptionName(id, v, lang))
	}
	return strings.Join(parts, ", ")
}

func completeDrafts(f *factory) ([]string, cobra.ShellCompDirective) {
	store := f.drafts()
	list, _ := store.List()
	var ids []string
	for _, d := range list {
		ids = append(ids, d.ID+"\t"+draftBusiness(d, f.lang))
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}
