package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/internal/report"
	"github.com/gooivechtstreek/digiscan/internal/survey"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

var showFormats = formats(report.QuestionnaireFormats)

func newQuestionnaireCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "questionnaire",
		Aliases: []string{"questionnaires", "vragenlijst"},
		Short:   f.t("cmd.questionnaire.short"),
		Long:    f.t("cmd.questionnaire.long"),
		Example: f.t("cmd.questionnaire.example"),
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	var listFormat string
	list := &cobra.Command{
		Use:     "list",
		Short:   f.t("cmd.questionnaire.list.short"),
		Example: "  digiscan questionnaire list\n  digiscan questionnaire list --format json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return listQuestionnaires(f, listFormat)
		},
	}
	textOrJSON.flag(list, &listFormat, "text", f.t("flag.format-list"))

	var showFormat string
	show := &cobra.Command{
		Use:               "show NAME|PATH",
		Short:             f.t("cmd.questionnaire.show.short"),
		Long:              f.t("cmd.questionnaire.show.long"),
		Example:           f.t("cmd.questionnaire.show.example"),
		Args:              exactArgs(1),
		ValidArgsFunction: completeQuestionnaireArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			qn, err := q.Open(args[0], "", f.io.In)
			if err != nil {
				return err
			}
			lang, err := resolveLang(f, "")
			if err != nil {
				return err
			}
			if err := showFormats.check(f, showFormat); err != nil {
				return err
			}
			return report.Questionnaire(f.io.Out, qn, showFormat, lang)
		},
	}
	showFormats.flag(show, &showFormat, "yaml", f.t("flag.format-show"))
	var exportFormat, exportOutput string
	export := &cobra.Command{
		Use:     "export [NAME|PATH] --format limesurvey",
		Short:   f.t("cmd.questionnaire.export.short"),
		Long:    f.t("cmd.questionnaire.export.long"),
		Example: f.t("cmd.questionnaire.export.example"),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return argsError(cmd, args)
			}
			return nil
		},
		ValidArgsFunction: completeQuestionnaireArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := exportQFormats.check(f, exportFormat); err != nil {
				return err
			}
			name := ""
			if len(args) > 0 {
				name = args[0]
			}
			qn, err := openQuestionnaire(f, name)
			if err != nil {
				return err
			}
			return f.writeOut(exportOutput, func(w io.Writer, _ bool) error { return survey.WriteLimeSurvey(w, qn) })
		},
	}
	exportQFormats.flag(export, &exportFormat, "limesurvey", f.t("flag.questionnaire-export-format"))
	export.Flags().StringVarP(&exportOutput, "output", "o", "", f.t("flag.output"))
	_ = export.MarkFlagFilename("output")
	cmd.AddCommand(list, show, export)
	return cmd
}

// exportQFormats are the formats of questionnaire export.
var exportQFormats = formats([]string{"limesurvey"})

func listQuestionnaires(f *factory, format string) error {
	lang, err := resolveLang(f, "")
	if err != nil {
		return err
	}
	if err := textOrJSON.check(f, format); err != nil {
		return err
	}
	var rows []report.QuestionnaireRow
	for _, name := range q.BuiltinNames() {
		qn, err := q.Builtin(name)
		if err != nil {
			return err
		}
		rows = append(rows, report.QuestionnaireRow{Name: name, ID: qn.ID, Version: qn.Version, Title: qn.Title.In(lang), Hash: qn.Hash})
	}
	return report.QuestionnaireList(f.io.Out, rows, format == "json", lang)
}
