package report

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"io"
	"regexp"
	"strings"
	"sync"
	texttemplate "text/template"
)

//go:embed templates/handover.html.tmpl templates/handover.md.tmpl
var handoverFS embed.FS

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
			Funcs(htmltemplate.FuncMap{"add": add, "mul": mul}).
			ParseFS(handoverFS, "templates/handover.html.tmpl")
	})
	mdTemplate = sync.OnceValues(func() (*texttemplate.Template, error) {
		return texttemplate.New("handover.md.tmpl").
			Funcs(texttemplate.FuncMap{"inc": func(i int) int { return i + 1 },
				"cell": func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }}).
			ParseFS(handoverFS, "templates/handover.md.tmpl")
	})
)

// HandoverHTML writes the report as one self-contained HTML page: inline
// CSS and SVG, no script, nothing fetched.
func HandoverHTML(w io.Writer, h *Handover) error {
	t, err := htmlTemplate()
	if err != nil {
		return err
	}
	return t.Execute(w, h)
}

// HandoverMarkdown writes the report as Markdown, for an e-mail or a CRM.
func HandoverMarkdown(w io.Writer, h *Handover) error {
	t, err := mdTemplate()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, h); err != nil {
		return err
	}
	// Sections left out leave blank lines behind: one between blocks is enough.
	_, err = w.Write(blankLines.ReplaceAll(b.Bytes(), []byte("\n\n")))
	return err
}

var blankLines = regexp.MustCompile(`\n{3,}`)
