package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/internal/report"
)

func newDraftsCmd(f *factory) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "drafts",
		Short:   f.t("cmd.drafts.short"),
		Long:    f.t("cmd.drafts.long"),
		Example: f.t("cmd.drafts.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			list, err := f.drafts().List()
			if err != nil {
				return err
			}
			if err := textOrJSON.check(f, format); err != nil {
				return err
			}
			if format == "text" && len(list) == 0 {
				fmt.Fprintln(f.io.ErrOut, f.t("msg.no-drafts"))
				return nil
			}
			if err := report.Drafts(f.io.Out, list, format == "json", f.lang); err != nil {
				return err
			}
			if format == "text" {
				fmt.Fprintln(f.io.ErrOut, f.t("msg.resume-hint"))
			}
			return nil
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
