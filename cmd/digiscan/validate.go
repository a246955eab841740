package main

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/internal/survey"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// File kinds validate knows.
const (
	kindQuestionnaire = "questionnaire"
	kindAnswers       = "answers"
	kindCatalogue     = "catalogue"
	kindMap           = "map"
)

var kinds = []string{kindQuestionnaire, kindAnswers, kindCatalogue, kindMap}

type validateOptions struct {
	kind          string
	questionnaire string
}

func newValidateCmd(f *factory) *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:     "validate FILE...",
		Short:   f.t("cmd.validate.short"),
		Long:    f.t("cmd.validate.long"),
		Example: f.t("cmd.validate.example"),
		Args:    minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(f, o, args)
		},
	}
	cmd.Flags().StringVar(&o.kind, "kind", "", f.t("flag.kind"))
	cmd.Flags().StringVarP(&o.questionnaire, "questionnaire", "q", "", f.t("flag.questionnaire-validate"))
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(kinds, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("questionnaire", completeQuestionnaires)
	return cmd
}

func runValidate(f *factory, o *validateOptions, files []string) error {
	if o.kind != "" && !slices.Contains(kinds, o.kind) {
		return usageT("err.unknown-kind", o.kind)
	}
	problems, bad := 0, 0
	for _, file := range files {
		summary, err := validateFile(f, o, file)
		if err != nil {
			bad++
			for _, e := range strictyaml.List(err) {
				if e.File == "" {
					e.File = file
				}
				fmt.Fprintln(f.io.ErrOut, e.In(f.lang))
				problems++
			}
			continue
		}
		fmt.Fprintf(f.io.Out, "%s: %s\n", file, summary)
	}
	if bad > 0 {
		fmt.Fprintln(f.io.ErrOut, f.tf("msg.validate-summary", problems, bad, len(files)))
		return silentError{exitError}
	}
	return nil
}

func validateFile(f *factory, o *validateOptions, file string) (string, error) {
	data, err := strictyaml.ReadFile(file, f.io.In, strictyaml.DefaultLimit)
	if err != nil {
		return "", err
	}
	name := file
	if file == "-" {
		name = "stdin"
	}
	kind := o.kind
	if kind == "" {
		if kind, err = detectKind(name, data); err != nil {
			return "", err
		}
	}
	switch kind {
	case kindCatalogue:
		qn, err := q.Open(firstOf(o.questionnaire, q.DefaultName), "", f.io.In)
		if err != nil {
			return "", err
		}
		cat, err := referral.Load(name, data, qn)
		if err != nil {
			return "", err
		}
		sessions := f.tf("msg.sessions-other", len(cat.Events))
		if len(cat.Events) == 1 {
			sessions = f.t("msg.sessions-one")
		}
		return f.tf("msg.valid-catalogue", cat.ID, cat.Version, len(cat.Programmes), sessions, qn.ID), nil
	case kindMap:
		qn, err := q.Open(firstOf(o.questionnaire, q.DefaultName), "", f.io.In)
		if err != nil {
			return "", err
		}
		m, err := survey.LoadMap(name, data, qn)
		if err != nil {
			return "", err
		}
		return f.tf("msg.valid-map", qn.ID, m.Columns(), m.Texts()), nil
	case kindQuestionnaire:
		qn, err := q.Load(name, data)
		if err != nil {
			return "", err
		}
		asked := 0
		for _, qu := range qn.Questions() {
			if !qu.Derived {
				asked++
			}
		}
		return f.tf("msg.valid-questionnaire", qn.ID, qn.Version, asked), nil
	default:
		af, err := scan.ParseFile(name, data)
		if err != nil {
			return "", err
		}
		ref := firstOf(o.questionnaire, af.Questionnaire, q.DefaultName)
		base := ""
		if o.questionnaire == "" && af.Questionnaire != "" && file != "-" {
			base = filepath.Dir(file)
		}
		qn, err := q.Open(ref, base, f.io.In)
		if err != nil {
			return "", err
		}
		answers, err := af.Answers(qn)
		if err != nil {
			return "", err
		}
		return f.tf("msg.valid-answers", len(answers), qn.ID, qn.Version), nil
	}
}

// detectKind tells questionnaires and answers apart by their top-level keys.
func detectKind(name string, data []byte) (string, error) {
	root, err := strictyaml.Parse(name, data)
	if err != nil {
		return "", err
	}
	if root.Kind != yaml.MappingNode {
		return "", &strictyaml.Error{File: name, Line: root.Line, Col: root.Column, Msg: "expected a mapping at the top (a questionnaire, an answers file or a catalogue)"}
	}
	for i := 0; i < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "sections":
			return kindQuestionnaire, nil
		case "answers":
			return kindAnswers, nil
		case "programmes":
			return kindCatalogue, nil
		case "columns":
			return kindMap, nil
		}
	}
	return "", &strictyaml.Error{File: name, Line: root.Line, Col: root.Column, Msg: "cannot tell what kind of file this is: a questionnaire has sections:, an answers file has answers:, a catalogue has programmes:, a survey map has columns:; or say --kind questionnaire|answers|catalogue|map"}
}
