package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/export"
	"github.com/gooivechtstreek/digiscan/internal/safefile"
)

func newExportCmd(f *factory) *cobra.Command {
	var (
		format, dialect, output string
		anonymize               bool
		k                       int
		ff                      filterFlags
	)
	cmd := &cobra.Command{
		Use:     "export",
		Short:   f.t("cmd.export.short"),
		Long:    f.t("cmd.export.long"),
		Example: f.t("cmd.export.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := formats(export.Formats).check(f, format); err != nil {
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
				return usageT("err.xlsx-to-terminal")
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			lang, err := resolveLang(f, "")
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("k") && (!anonymize || k < 1) {
				return usageT("err.k-needs-anonymize", k)
			}
			opt := export.Options{Filter: filter, Anonymize: anonymize, K: k, Dialect: d, Lang: lang}
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
				switch {
				case errors.Is(err, export.ErrNotKAnonymous):
					return usageError{wrapT(err, "err.not-k-anonymous", format, k)}
				case errors.Is(err, export.ErrTooManyRows):
					return wrapT(err, "err.xlsx-too-many-rows")
				case errors.Is(err, export.ErrUnknownFormat):
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
				if a := sum.Anonymity; a != nil {
					steps := f.t("msg.k-none")
					if len(a.Generalised) > 0 {
						steps = strings.Join(a.Generalised, ", ")
					}
					fmt.Fprintln(f.io.ErrOut, f.tf("msg.k-anonymity", a.Reached, a.K, steps, a.Dropped))
					if output != "" && output != "-" {
						// The side file: which k was reached, what was generalised.
						side := output + ".anonymity.json"
						data, err := json.MarshalIndent(a, "", "  ")
						if err != nil {
							return err
						}
						if err := safefile.Write(side, func(w io.Writer) error { _, err := w.Write(append(data, '\n')); return err }); err != nil {
							return err
						}
						fmt.Fprintln(f.io.ErrOut, f.tf("msg.k-anonymity-file", side))
					}
				}
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
	fl.IntVar(&k, "k", export.DefaultK, f.t("flag.k"))
	ff.add(f, fl, true)
	ff.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("dialect", cobra.FixedCompletions([]string{"excel", "rfc4180"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
