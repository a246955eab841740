package report

import (
	"embed"
	htmltemplate "html/template"
	"io"
	"strings"
	"sync"
	texttemplate "text/template"
)

//go:embed templates/handover.html.tmpl templates/handover.md.tmpl
var handoverFS embed.FS

// Texts are looked up per report (its language) through "t"; the parse
// gets a stand-in that each execution replaces on a clone.
func noText(string) string { return "" }

func add(a, b any) float64 { return toF(a) + toF(b) }
func mul(a, b any) float64 { return toF(a) * toF(b) }

func toF(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

// The templates are parsed the first time a report is asked for, never at
// start-up: other commands do not pay for them.
var (
	htmlTemplate = sync.OnceValues(func() (*htmltemplate.Template, error) {
		return htmltemplate.New("handover.html.tmpl").
			Funcs(htmltemplate.FuncMap{"t": noText, "add": add, "mul": mul}).
			ParseFS(handoverFS, "templates/handover.html.tmpl")
	})
	mdTemplate = sync.OnceValues(func() (*texttemplate.Template, error) {
		return texttemplate.New("handover.md.tmpl").
			Funcs(texttemplate.FuncMap{"t": noText, "inc": func(i int) int { return i + 1 },
				"cell": func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }}).
			ParseFS(handoverFS, "templates/handover.md.tmpl")
	})
)

// HandoverHTML writes the report as one self-contained HTML page: inline
// CSS and SVG, no script, nothing fetched.
func HandoverHTML(w io.Writer, h *Handover) error {
	base, err := htmlTemplate()
	if err != nil {
		return err
	}
	t, err := base.Clone()
	if err != nil {
		return err
	}
	return t.Funcs(htmltemplate.FuncMap{"t": h.T}).Execute(w, h)
}

// HandoverMarkdown writes the report as Markdown, for an e-mail or a CRM.
func HandoverMarkdown(w io.Writer, h *Handover) error {
	base, err := mdTemplate()
	if err != nil {
		return err
	}
	t, err := base.Clone()
	if err != nil {
		return err
	}
	return t.Funcs(texttemplate.FuncMap{"t": h.T}).Execute(w, h)
}
