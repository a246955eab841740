package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/export"
)

func newExportCmd(f *factory) *cobra.Command {
	var (
		format, dialect, output string
		anonymize               bool
		ff                      filterFlags
	)
	cmd := &cobra.Command{
		Use:     "export",
		Short:   f.t("cmd.export.short"),
		Long:    f.t("cmd.export.long"),
		Example: f.t("cmd.export.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := formats(export.Formats).check(format); err != nil {
				return err
			}
			d, err := csvout.ParseDialect(dialect)
			if err != nil {
				return usageError{err}
			}
			filter, err := ff.filter(f)
			if err != nil {
				return err
			}
			if format == export.FormatXLSX && (output == "" || output == "-") && f.io.OutTTY {
				return usagef("an xlsx file is not for the terminal: give -o FILE.xlsx")
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			lang, err := resolveLang(f, "")
			if err != nil {
				return err
			}
			opt := export.Options{Filter: filter, Anonymize: anonymize, Dialect: d, Lang: lang}
			prog := f.newProgress("progress.exported")
			if f.io.ErrTTY { // the whole, for the time left: one count, only for a person watching
				total, err := db.Count(cmd.Context(), filter)
				if err != nil {
					return err
				}
				opt.Progress = func(n int) {
					frac := -1.0
					if total > 0 {
						frac = float64(n) / float64(total)
					}
					prog.update(int64(n), frac)
				}
			}
			var sum export.Summary
			err = f.writeOut(output, func(w io.Writer, _ bool) error {
				var err error
				sum, err = export.Write(cmd.Context(), db, format, w, opt)
				return err
			})
			prog.done()
			if err != nil {
				if errors.Is(err, export.ErrUnknownFormat) {
					return usageError{err}
				}
				return err
			}
			for _, w := range sum.Warnings {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.warning", w))
			}
			where := firstOf(output, "stdout")
			if anonymize {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.exported-anonymized", sum.Scans, format, where))
			} else {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.exported", sum.Scans, format, where))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	formats(export.Formats).flag(cmd, &format, export.FormatCSV, f.t("flag.export-format"))
	fl.StringVar(&dialect, "dialect", "excel", f.t("flag.dialect"))
	fl.StringVarP(&output, "output", "o", "", f.t("flag.export-output"))
	fl.BoolVar(&anonymize, "anonymize", false, f.t("flag.anonymize"))
	ff.add(f, fl, true)
	ff.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("dialect", cobra.FixedCompletions([]string{"excel", "rfc4180"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
