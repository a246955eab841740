package main

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/export"
	"github.com/gooivechtstreek/digiscan/internal/stats"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/survey"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

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
				return usagef("unknown --%s %q%s; one of %s", flag, id, strictyaml.DidYouMean(id, known), strings.Join(known, ", "))
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
		return store.Filter{}, usagef("--until %s is before --since %s", ff.until, ff.since)
	}
	out := store.Filter{Since: ff.since, Until: ff.until, Municipality: munis, Sector: ff.sector,
		Size: ff.size, Quadrant: ff.quadrant, Mode: ff.mode, QuestionnaireVersion: ff.questionnaireVersion}
	return out, nil
}

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
			var sum export.Summary
			err = f.writeOut(output, func(w io.Writer, _ bool) error {
				var err error
				sum, err = export.Write(cmd.Context(), db, format, w, opt)
				return err
			})
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

func newStatsCmd(f *factory) *cobra.Command {
	var (
		format, dialect, output string
		by                      []string
		minCell                 int
		ff                      filterFlags
	)
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   f.t("cmd.stats.short"),
		Long:    f.t("cmd.stats.long"),
		Example: f.t("cmd.stats.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := statsFormats.check(format); err != nil {
				return err
			}
			if minCell < 1 {
				return usagef("--min-cell must be at least 1 (a count below it is not shown), got %d", minCell)
			}
			d, err := csvout.ParseDialect(dialect)
			if err != nil {
				return usageError{err}
			}
			filter, err := ff.filter(f)
			if err != nil {
				return err
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			rep, err := stats.Compute(cmd.Context(), db, stats.Options{Filter: filter, By: by, MinCell: minCell})
			if err != nil {
				if errors.Is(err, stats.ErrUsage) {
					return usageError{err}
				}
				return err
			}
			lang, err := resolveLang(f, "")
			if err != nil {
				return err
			}
			qn, _ := q.Builtin(q.DefaultName)
			write := func(w io.Writer, tty bool) error {
				switch format {
				case "json":
					return rep.WriteJSON(w)
				case "csv":
					return rep.WriteCSV(w, d)
				}
				return rep.WriteText(w, stats.RenderOptions{Lang: lang, Questionnaire: qn, Color: f.io.ColorFor(tty), Width: f.io.Width()})
			}
			return f.writeOut(output, write)
		},
	}
	fl := cmd.Flags()
	statsFormats.flag(cmd, &format, "text", f.t("flag.stats-format"))
	fl.StringVar(&dialect, "dialect", "excel", f.t("flag.dialect"))
	fl.StringVarP(&output, "output", "o", "", f.t("flag.output"))
	fl.StringSliceVar(&by, "by", nil, f.t("flag.by"))
	fl.IntVar(&minCell, "min-cell", 5, f.t("flag.min-cell"))
	ff.add(f, fl, false)
	ff.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{"municipality", "sector", "size"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// writeSurveyTemplate writes the header a survey export needs for the
// questionnaire (score --template): set up the survey tool with it.
func writeSurveyTemplate(f *factory, questionnaire, dialect, output string) error {
	d, err := csvout.ParseDialect(dialect)
	if err != nil {
		return usageError{err}
	}
	qn, err := openQuestionnaire(f, questionnaire)
	if err != nil {
		return err
	}
	return f.writeOut(output, func(w io.Writer, _ bool) error {
		cw := csvout.NewWriter(w, d)
		if err := cw.Record(survey.Template(qn)...); err != nil {
			return err
		}
		return cw.Flush()
	})
}

var (
	statsFormats = formats{"text", "json", "csv"}
	scoreFormats = formats{survey.FormatCSV, survey.FormatJSONL}
)

func newScoreCmd(f *factory) *cobra.Command {
	var (
		format, dialect, output, questionnaire, programmes string
		strict, save, template                             bool
		asOf                                               date.Date
	)
	cmd := &cobra.Command{
		Use:     "score FILE.csv | --template",
		Short:   f.t("cmd.score.short"),
		Long:    f.t("cmd.score.long"),
		Example: f.t("cmd.score.example"),
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case template && len(args) > 0:
				return usagef("--template writes the header and reads no file; to write it to a file use -o %s", args[0])
			case !template && len(args) == 0:
				return usagef("give the survey's CSV file (or - for standard input); digiscan score --template writes the header it needs")
			case !template && len(args) > 1:
				return usagef("give one CSV file, not %d; score them one by one", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if template {
				return writeSurveyTemplate(f, questionnaire, dialect, output)
			}
			if err := scoreFormats.check(format); err != nil {
				return err
			}
			d, err := csvout.ParseDialect(dialect)
			if err != nil {
				return usageError{err}
			}
			cat, qn, err := openBoth(f, questionnaire, programmes)
			if err != nil {
				return err
			}
			cfg, err := f.config()
			if err != nil {
				return err
			}
			lang, err := resolveLang(f, "")
			if err != nil {
				return err
			}
			asOf = f.dayOr(asOf)
			path := args[0]
			var in io.Reader = f.io.In
			name := "stdin"
			if path != "-" {
				fi, err := os.Stat(path)
				switch {
				case err != nil:
					return fmt.Errorf("%s: no such file; check the path", path)
				case fi.IsDir():
					return fmt.Errorf("%s is a directory, not a file", path)
				}
				file, err := os.Open(path)
				if err != nil {
					return err
				}
				defer file.Close()
				in, name = file, path
			}
			opt := survey.Options{AsOf: asOf, Lang: lang, Format: format, Dialect: d, Strict: strict, Name: name,
				Organisation: cfg.Organisation, Advisor: cfg.Advisor, Now: f.now}
			if save {
				db, err := f.db()
				if err != nil {
					return err
				}
				opt.Save = func(results iter.Seq[*scan.Result]) error {
					_, err := db.SaveScans(ctx, results)
					return err
				}
			}
			var sum survey.Summary
			err = f.writeOut(output, func(w io.Writer, _ bool) error {
				var err error
				sum, err = survey.Score(ctx, in, qn, cat, opt, w)
				return err
			})
			var cols *survey.ColumnsError
			var rowErr *survey.RowError
			switch {
			case errors.As(err, &cols), errors.As(err, &rowErr):
				fmt.Fprintln(f.io.ErrOut, err)
				return silentError{exitError}
			case errors.Is(err, survey.ErrUsage):
				return usageError{err}
			case err != nil:
				return err
			}
			for _, p := range sum.Problems {
				fmt.Fprintln(f.io.ErrOut, p.Error())
			}
			if sum.Skipped > len(sum.Problems) {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.more-bad-rows", sum.Skipped-len(sum.Problems)))
			}
			msg := f.tf("msg.scored", sum.Scored, sum.Rows, sum.Skipped)
			if save {
				msg += " " + f.t("msg.scored-saved")
			}
			fmt.Fprintln(f.io.ErrOut, msg)
			return nil
		},
	}
	fl := cmd.Flags()
	scoreFormats.flag(cmd, &format, survey.FormatCSV, f.t("flag.score-format"))
	fl.StringVar(&dialect, "dialect", "excel", f.t("flag.dialect"))
	fl.StringVarP(&output, "output", "o", "", f.t("flag.output"))
	fl.StringVarP(&questionnaire, "questionnaire", "q", "", f.t("flag.questionnaire"))
	fl.StringVarP(&programmes, "programmes", "p", "", f.t("flag.programmes"))
	fl.BoolVar(&strict, "strict", false, f.t("flag.score-strict"))
	fl.BoolVar(&save, "save", false, f.t("flag.score-save"))
	fl.BoolVar(&template, "template", false, f.t("flag.score-template"))
	fl.Var(&asOf, "as-of", f.t("flag.as-of"))
	_ = cmd.RegisterFlagCompletionFunc("questionnaire", completeQuestionnaires)
	_ = cmd.RegisterFlagCompletionFunc("programmes", completeCatalogues)
	_ = cmd.MarkFlagFilename("output")
	return cmd
}
