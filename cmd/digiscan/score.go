package main

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/iostreams"
	"github.com/gooivechtstreek/digiscan/internal/survey"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

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

// The limits of a survey file (README, "Limits"): 1 GB in all (a million
// rows of 1 KB) and 1 MB a line; a device, a pipe that never ends or the
// wrong file ends at once with "too large".
const (
	maxSurveyBytes = 1 << 30
	maxSurveyLine  = 1 << 20
)

// maxListedColumns is how many ignored columns the note names.
const maxListedColumns = 20

// errNoneScored: no row scored; the output file is not made.
var errNoneScored = errors.New("no row scored")

func newScoreCmd(f *factory) *cobra.Command {
	var (
		format, dialect, output, questionnaire, programmes string
		mapFile                                            string
		strict, strictColumns, save, template              bool
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
				return usageT("err.template-no-file", args[0])
			case !template && len(args) == 0:
				return usageT("err.score-no-file")
			case !template && len(args) > 1:
				return usageT("err.score-one-file", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if template {
				return writeSurveyTemplate(f, questionnaire, dialect, output)
			}
			if err := scoreFormats.check(f, format); err != nil {
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
					return errT("err.file.not-exist", path)
				case fi.IsDir():
					return errT("err.file.is-dir", path)
				}
				file, err := os.Open(path)
				if err != nil {
					return err
				}
				defer file.Close()
				in, name = file, path
			}
			in = iostreams.LimitInput(in, maxSurveyBytes, maxSurveyLine)
			counted := &countingReader{r: in}
			if fi, err := os.Stat(path); err == nil && path != "-" {
				counted.total = fi.Size()
			}
			in = counted
			prog := f.newProgress("progress.scored")
			var m *survey.Map
			if mapFile != "" {
				data, err := strictyaml.ReadFile(mapFile, f.io.In, strictyaml.DefaultLimit)
				if err != nil {
					return err
				}
				if m, err = survey.LoadMap(mapFile, data, qn); err != nil {
					return err
				}
			}
			opt := survey.Options{Map: m, Progress: func(rows int) { prog.update(int64(rows), counted.frac()) }, AsOf: asOf, Lang: lang, Format: format, Dialect: d, Strict: strict, StrictColumns: strictColumns, Name: name,
				Organisation: cfg.Organisation, Advisor: cfg.Advisor, Now: f.now}
			saved := 0
			if save {
				db, err := f.db()
				if err != nil {
					return err
				}
				opt.Save = func(results iter.Seq[*scan.Result]) error {
					n, err := db.SaveScans(ctx, results)
					saved = n
					return err
				}
			}
			var sum survey.Summary
			err = f.writeOut(output, func(w io.Writer, _ bool) error {
				var err error
				sum, err = survey.Score(ctx, in, qn, cat, opt, w)
				if err == nil && sum.Scored == 0 {
					return errNoneScored // no file with only a header
				}
				return err
			})
			prog.done()
			if errors.Is(err, errNoneScored) {
				err = nil
			}
			var cols *survey.ColumnsError
			var rowErr *survey.RowError
			if sum.Encoding != "" {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.score-encoding", name))
			}
			switch {
			case errors.As(err, &rowErr):
				fmt.Fprintln(f.io.ErrOut, rowError(f, rowErr))
				return silentError{exitError}
			case errors.As(err, &cols):
				fmt.Fprintln(f.io.ErrOut, err)
				return silentError{exitError}
			case errors.Is(err, survey.ErrUsage):
				return usageError{err}
			case err != nil:
				return err
			}
			reportScore(f, name, sum, save, saved)
			if sum.Scored == 0 {
				fmt.Fprintln(f.io.ErrOut, f.t("msg.score-none"))
				return silentError{exitError}
			}
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
	fl.StringVar(&mapFile, "map", "", f.t("flag.score-map"))
	_ = cmd.MarkFlagFilename("map", "yaml", "yml")
	fl.BoolVar(&strictColumns, "strict-columns", false, f.t("flag.score-strict-columns"))
	fl.BoolVar(&save, "save", false, f.t("flag.score-save"))
	fl.BoolVar(&template, "template", false, f.t("flag.score-template"))
	fl.Var(&asOf, "as-of", f.t("flag.as-of"))
	_ = cmd.RegisterFlagCompletionFunc("questionnaire", completeQuestionnaires)
	_ = cmd.RegisterFlagCompletionFunc("programmes", completeCatalogues)
	_ = cmd.MarkFlagFilename("output")
	return cmd
}

// rowError is a row that could not be scored, in the command's language
// (its problems are in it already: survey.Options.Lang).
func rowError(f *factory, e *survey.RowError) string {
	return f.tf("msg.score-row", e.Name, e.Line, e.Row, strings.Join(e.Problems, "; "))
}

// reportScore tells on stderr what score did: the columns skipped, the
// rows repaired and the rows skipped, then the counts.
func reportScore(f *factory, name string, sum survey.Summary, save bool, saved int) {
	w := f.io.ErrOut
	if len(sum.Ignored) > 0 {
		names, more := sum.Ignored, ""
		if len(names) > maxListedColumns { // a header of 2,000 columns: name the first few
			names, more = names[:maxListedColumns], fmt.Sprintf(", … (+%d)", len(names)-maxListedColumns)
		}
		fmt.Fprintln(w, f.tf("msg.score-ignored", len(sum.Ignored), strings.Join(names, ", ")+more))
	}
	for _, r := range sum.Warnings {
		fmt.Fprintln(w, f.tf("msg.score-kvk-repaired", r.Name, r.Line, r.Row, r.Column, r.Found, r.Read))
	}
	if sum.Warned > len(sum.Warnings) {
		fmt.Fprintln(w, f.tf("msg.more-warnings", sum.Warned-len(sum.Warnings)))
	}
	for i := range sum.Problems {
		fmt.Fprintln(w, rowError(f, &sum.Problems[i]))
	}
	if sum.Skipped > len(sum.Problems) {
		fmt.Fprintln(w, f.tf("msg.more-bad-rows", sum.Skipped-len(sum.Problems)))
	}
	if sum.Blank > 0 {
		fmt.Fprintln(w, f.tf("msg.score-blank", sum.Blank))
	}
	msg := f.tf("msg.scored", sum.Scored, sum.Rows, sum.Skipped)
	if save && sum.Scored > 0 {
		msg += " " + f.tf("msg.scored-saved", saved)
	}
	fmt.Fprintln(w, msg)
}
