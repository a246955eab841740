package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// QuestionnaireRow is one built-in questionnaire of `questionnaire list`.
type QuestionnaireRow struct {
	Name    string `json:"name"`
	ID      string `json:"id"`
	Version string `json:"version"`
	Title   string `json:"title"`
	Hash    string `json:"hash"`
}

// QuestionnaireList writes the built-in questionnaires as a table (name,
// version, title), or as JSON.
func QuestionnaireList(w io.Writer, rows []QuestionnaireRow, asJSON bool, lang i18n.Lang) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, msg.T(lang, "col.name")+"\t"+msg.T(lang, "col.version")+"\t"+msg.T(lang, "col.title"))
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Name, r.Version, r.Title)
	}
	return tw.Flush()
}

// QuestionnaireFormats are the forms Questionnaire writes.
var QuestionnaireFormats = []string{"yaml", "json", "text"}

// Questionnaire writes the resolved questionnaire: as YAML or JSON with
// option sets written out into every question, so what is shown is what
// is asked (both load again as questionnaires), or as an outline for
// people ("text").
func Questionnaire(w io.Writer, qn *q.Questionnaire, format string, lang i18n.Lang) error {
	if format == "text" {
		return outline(w, qn, lang)
	}
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
