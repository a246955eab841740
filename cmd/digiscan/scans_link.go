package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// newScansLinkCmd links a re-scan that recorded no (or another) KVK
// number to the business of an earlier scan, so statistics count the
// business once and see its change.
func newScansLinkCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:               "link ID EARLIER",
		Short:             f.t("cmd.scans.link.short"),
		Long:              f.t("cmd.scans.link.long"),
		Example:           f.t("cmd.scans.link.example"),
		Args:              exactArgs(2),
		ValidArgsFunction: completeScans(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkTexts(f, "ID", args[0], "EARLIER", args[1]); err != nil {
				return err
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if _, err := db.Scan(ctx, args[0]); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return errT("err.no-scan", strictyaml.Echo(args[0]))
				}
				return err
			}
			// EARLIER is a scan id, else a company (#ID, KVK number or name).
			var company int64
			rec, err := db.Scan(ctx, args[1])
			switch {
			case err == nil && rec.CompanyID == 0:
				return errT("err.link-no-company", args[1], args[0])
			case err == nil:
				company = rec.CompanyID
			case errors.Is(err, store.ErrNotFound):
				c, err := db.Company(ctx, store.ParseCompanyRef(args[1]))
				if err != nil {
					return companyErr(args[1], err)
				}
				company = c.ID
			default:
				return err
			}
			if err := db.LinkScan(ctx, args[0], company); err != nil {
				return err
			}
			c, err := db.Company(ctx, store.CompanyRef{ID: company})
			if err != nil {
				return err
			}
			fmt.Fprintln(f.io.ErrOut, f.tf("msg.linked", args[0], company, c.Scans))
			return nil
		},
	}
	return cmd
}
