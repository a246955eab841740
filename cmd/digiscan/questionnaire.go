package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

var showFormats = formats{"yaml", "json", "text"}

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
			return showQuestionnaire(f.io.Out, qn, showFormat, lang)
		},
	}
	showFormats.flag(show, &showFormat, "yaml", f.t("flag.format-show"))
	cmd.AddCommand(list, show)
	return cmd
}

func listQuestionnaires(f *factory, format string) error {
	lang, err := resolveLang(f, "")
	if err != nil {
		return err
	}
	type row struct {
		Name    string `json:"name"`
		ID      string `json:"id"`
		Version string `json:"version"`
		Title   string `json:"title"`
		Hash    string `json:"hash"`
	}
	var rows []row
	for _, name := range q.BuiltinNames() {
		qn, err := q.Builtin(name)
		if err != nil {
			return err
		}
		rows = append(rows, row{name, qn.ID, qn.Version, qn.Title.In(lang), qn.Hash})
	}
	switch format {
	case "json":
		enc := json.NewEncoder(f.io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	case "text":
		tw := tabwriter.NewWriter(f.io.Out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, f.t("col.name")+"\t"+f.t("col.version")+"\t"+f.t("col.title"))
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Name, r.Version, r.Title)
		}
		return tw.Flush()
	}
	return textOrJSON.check(format)
}

// showQuestionnaire prints the resolved questionnaire: option sets written
// out into every question, so what is shown is what is asked. The YAML and
// JSON forms load again as questionnaires.
func showQuestionnaire(w io.Writer, qn *q.Questionnaire, format string, lang i18n.Lang) error {
	switch format {
	case "yaml", "json":
		b, err := json.Marshal(resolved(qn))
		if err != nil {
			return err
		}
		if format == "json" {
			var out bytes.Buffer
			json.Indent(&out, b, "", "  ")
			out.WriteByte('\n')
			_, err = w.Write(out.Bytes())
			return err
		}
		// JSON keeps the struct's field order; a yaml.Node keeps it too.
		var n yaml.Node
		if err := yaml.Unmarshal(b, &n); err != nil {
			return err
		}
		styleForHumans(&n)
		fmt.Fprintf(w, "# %s %s (%s)\n", qn.ID, qn.Version, qn.Hash)
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(&n); err != nil {
			return err
		}
		return enc.Close()
	case "text":
		return outline(w, qn, lang)
	}
	return showFormats.check(format)
}

func resolved(qn *q.Questionnaire) *q.Questionnaire {
	out := *qn
	out.OptionSets = nil
	out.Sections = make([]*q.Section, len(qn.Sections))
	for i, s := range qn.Sections {
		sc := *s
		sc.Questions = make([]*q.Question, len(s.Questions))
		for j, qu := range s.Questions {
			c := *qu
			c.OptionSet = ""
			sc.Questions[j] = &c
		}
		out.Sections[i] = &sc
	}
	return &out
}

// styleForHumans turns JSON's flow style into block style, keeping short
// lists of scalars (ids) on one line.
func styleForHumans(n *yaml.Node) {
	n.Style = 0
	if n.Kind == yaml.SequenceNode {
		flat := len(n.Content) <= 8
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				flat = false
			}
		}
		if flat {
			n.Style = yaml.FlowStyle
		}
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		n.Style = 0
		// Keep ids like "0" or "yes" strings when read back.
		var probe any
		if yaml.Unmarshal([]byte(n.Value), &probe) == nil {
			if _, isString := probe.(string); !isString {
				n.Style = yaml.DoubleQuotedStyle
			}
		}
	}
	for _, c := range n.Content {
		styleForHumans(c)
	}
}

// outline prints the questionnaire for people: sections, questions with
// their conditions, options and what they feed.
func outline(w io.Writer, qn *q.Questionnaire, lang i18n.Lang) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s %s\n", qn.Title.In(lang), qn.ID, qn.Version)
	n := 0
	for si, s := range qn.Sections {
		fmt.Fprintf(&b, "\n%d. %s\n", si+1, s.Title.In(lang))
		for _, qu := range s.Questions {
			if qu.Derived {
				continue
			}
			n++
			fmt.Fprintf(&b, "   %s [%s] %s\n", qu.ID, qu.Type, qu.Title.In(lang))
			if qu.When != nil {
				fmt.Fprintf(&b, "      (%s)\n", scan.Describe(qu.When))
			}
			if qu.Scores != "" {
				fmt.Fprintf(&b, "      → %s ×%g\n", qu.Scores, qu.WeightOrDefault())
			}
			for _, it := range qu.Items {
				fmt.Fprintf(&b, "      · %s: %s\n", it.ID, it.Label.In(lang))
			}
			if qu.IsMatrix() {
				var ids []string
				for _, o := range qu.Options {
					ids = append(ids, o.ID)
				}
				fmt.Fprintf(&b, "      %s\n", strings.Join(ids, " / "))
				continue
			}
			for _, o := range qu.Options {
				extra := ""
				if len(o.Feeds) > 0 {
					extra = "  → " + strings.Join(o.Feeds, ", ")
				}
				fmt.Fprintf(&b, "      - %s: %s%s\n", o.ID, o.Label.In(lang), extra)
			}
		}
	}
	fmt.Fprintf(&b, "\n%s\n", msg.Tf(lang, "msg.outline-count", n))
	_, err := io.WriteString(w, b.String())
	return err
}

func completeQuestionnaires(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return q.BuiltinNames(), cobra.ShellCompDirectiveDefault // names, or a file
}

func completeQuestionnaireArg(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return completeQuestionnaires(cmd, args, toComplete)
}
