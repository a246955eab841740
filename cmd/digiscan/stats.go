package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/report"
	"github.com/gooivechtstreek/digiscan/internal/stats"
	"github.com/gooivechtstreek/digiscan/internal/survey"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

func newStatsCmd(f *factory) *cobra.Command {
	var (
		format, dialect, output string
		by                      []string
		minCell                 int
		population              string
		ff                      filterFlags
	)
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   f.t("cmd.stats.short"),
		Long:    f.t("cmd.stats.long"),
		Example: f.t("cmd.stats.example"),
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := statsFormats.check(f, format); err != nil {
				return err
			}
			if format == "pdf" && (output == "" || output == "-") && f.io.OutTTY {
				return usageT("err.pdf-to-terminal")
			}
			if minCell < 1 {
				return usageT("err.min-cell", minCell)
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
			for _, b := range by {
				if !slices.Contains(stats.ByDimensions, b) {
					return usageT("err.unknown-by", b, strings.Join(stats.ByDimensions, ", "))
				}
			}
			opt := stats.Options{Filter: filter, By: by, MinCell: minCell}
			if population != "" {
				file, err := os.Open(population)
				if err != nil {
					return usageT("err.population", err)
				}
				opt.Population, err = stats.ReadPopulation(population, file)
				file.Close()
				if err != nil {
					return usageError{err}
				}
			}
			prog := f.newProgress("progress.counted")
			if f.io.ErrTTY { // the whole, for the time left: only for a person watching
				total, err := db.Count(cmd.Context(), filter)
				if err != nil {
					return err
				}
				opt.Progress = func(n int) {
					frac := -1.0
					if total > 0 {
						frac = min(float64(n)/float64(total), 1)
					}
					prog.update(int64(n), frac)
				}
			}
			rep, err := stats.Compute(cmd.Context(), db, opt)
			prog.done()
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
			var browser string
			if format == "pdf" {
				// Found before anything is written: a missing browser
				// leaves no half-made file behind.
				browser, err = report.FindBrowser(f.io.Getenv, exec.LookPath, report.FileExists)
				if err != nil {
					return noBrowserError{err: err, text: msg.T(lang, "handover.no-browser")}
				}
			}
			write := func(w io.Writer, tty bool) error {
				switch format {
				case "html", "pdf":
					ho := stats.HTMLOptions{RenderOptions: stats.RenderOptions{Lang: lang, Questionnaire: qn}, Date: f.dayOr(date.Date{}).String()}
					if format == "html" {
						return rep.WriteHTML(w, ho)
					}
					var page bytes.Buffer
					if err := rep.WriteHTML(&page, ho); err != nil {
						return err
					}
					return report.PrintPDF(cmd.Context(), browser, page.Bytes(), w)
				case "json":
					return rep.WriteJSON(w)
				case "csv":
					return rep.WriteCSV(w, d)
				}
				return rep.WriteText(w, stats.RenderOptions{Lang: lang, Questionnaire: qn, Color: f.io.ColorFor(tty), Width: f.io.Width()})
			}
			err = f.writeOut(output, write)
			if err == nil && (format == "html" || format == "pdf") && output != "" && output != "-" {
				fmt.Fprintln(f.io.ErrOut, msg.Tf(lang, "stats.written", output))
			}
			return err
		},
	}
	fl := cmd.Flags()
	statsFormats.flag(cmd, &format, "text", f.t("flag.stats-format"))
	fl.StringVar(&dialect, "dialect", "excel", f.t("flag.dialect"))
	fl.StringVarP(&output, "output", "o", "", f.t("flag.output"))
	fl.StringSliceVar(&by, "by", nil, f.t("flag.by"))
	fl.IntVar(&minCell, "min-cell", 5, f.t("flag.min-cell"))
	fl.StringVar(&population, "population", "", f.t("flag.population"))
	ff.add(f, fl, false)
	ff.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{"municipality", "sector", "size"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

var (
	statsFormats = formats{"text", "json", "csv", "html", "pdf"}
	scoreFormats = formats{survey.FormatCSV, survey.FormatJSONL}
)
