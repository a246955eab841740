package stats

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/muesli/termenv"
	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/textwrap"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

//go:embed labels.yaml
var labelsYAML []byte

var (
	labelsOnce sync.Once
	labels     map[string]i18n.Text
)

// RenderOptions tune the text rendering.
type RenderOptions struct {
	Lang i18n.Lang
	// Questionnaire gives the labels of quadrants, dimensions, sectors,
	// sizes and municipalities (ids without it).
	Questionnaire *q.Questionnaire
	// Color allows ANSI colour and bold: false when the writer is not a
	// terminal or NO_COLOR is set.
	Color bool
	// Width is the width to fit (at most 80; 0: 80).
	Width int
}

// words speaks a language.
type words struct {
	lang i18n.Lang
	qn   *q.Questionnaire
}

func loadLabels() map[string]i18n.Text {
	labelsOnce.Do(func() {
		if err := yaml.Unmarshal(labelsYAML, &labels); err != nil {
			panic("stats: labels.yaml: " + err.Error()) // embedded; caught by the tests
		}
	})
	return labels
}

func (w words) t(key string) string {
	if t, ok := loadLabels()[key]; ok {
		return t.In(w.lang)
	}
	return "[" + key + "]"
}

func (w words) tf(key string, args ...any) string { return fmt.Sprintf(w.t(key), args...) }

// int formats a count with the language's thousands separator.
func (w words) int(n int) string {
	s := strconv.Itoa(n)
	sep := ","
	if w.lang != i18n.EN {
		sep = "."
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// num formats a number with one decimal at most, decimal comma in Dutch.
func (w words) num(x float64) string {
	s := strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
	if w.lang != i18n.EN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// interval formats a share's 95 % interval: "(25–33%)".
func (w words) interval(c Cell) string {
	if !c.HasShare {
		return ""
	}
	return "(" + strconv.Itoa(int(math.Round(c.Low*100))) + "–" + w.pct(c.High) + ")"
}

// pct formats a share as a whole percentage.
func (w words) pct(share float64) string { return strconv.Itoa(int(math.Round(share*100))) + "%" }

// signed formats a change with its sign.
func (w words) signed(x float64) string {
	if x > 0 {
		return "+" + w.num(x)
	}
	if x < 0 {
		return "−" + w.num(-x)
	}
	return "0"
}

// label is a person's name for an id of a dimension ("quadrant", "mode",
// "municipality", "sector", "size", "dimension", "group", "outcome").
func (w words) label(kind, id string) string {
	switch id {
	case Unknown:
		return w.t("unknown")
	case Other:
		return w.t("other")
	}
	switch kind {
	case "mode", "group", "outcome", "ind":
		if _, ok := loadLabels()[kind+"."+id]; ok {
			return w.t(kind + "." + id)
		}
		return id
	case "quadrant":
		if w.qn != nil {
			if qd := w.qn.Quadrant(id); qd != nil {
				return qd.Label.In(w.lang)
			}
		}
	case "dimension":
		if w.qn != nil {
			if d := w.qn.Dimension(id); d != nil {
				return d.Short.In(w.lang)
			}
		}
		if _, ok := loadLabels()["mean."+id]; ok {
			return w.t("mean." + id)
		}
	case ByMunicipality, BySector, BySize:
		return w.qn.OptionName(kind, id, w.lang)
	case "topic":
		if w.qn != nil {
			if o := w.qn.Option(q.QTopics, id); o != nil {
				return shortLabel(o.Label.In(w.lang))
			}
		}
	}
	return id
}

// cell renders a count with its share: "1.234 (36%)", "–" when suppressed.
func (w words) cell(c Cell, withShare bool) string {
	if c.Suppressed {
		return "–"
	}
	s := w.int(c.N)
	if withShare && c.HasShare {
		s += " " + w.pct(c.Share)
	}
	return s
}

type styles struct {
	r                          *lipgloss.Renderer
	title, head, faint, border lipgloss.Style
	bar, barEmpty, good, bad   lipgloss.Style
}

func newStyles(out io.Writer, color bool) styles {
	r := lipgloss.NewRenderer(out)
	if color {
		r.SetColorProfile(termenv.ANSI)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	s := r.NewStyle
	return styles{r: r,
		title: s().Bold(true), head: s().Bold(true).Foreground(lipgloss.Color("4")), faint: s().Faint(true),
		border: s().Faint(true), bar: s().Foreground(lipgloss.Color("4")), barEmpty: s().Faint(true),
		good: s().Foreground(lipgloss.Color("2")), bad: s().Foreground(lipgloss.Color("1")),
	}
}

// WriteText renders the report for a person: tables and bars, in the
// chosen language, plain without colour when o.Color is false.
func (r *Report) WriteText(out io.Writer, o RenderOptions) error {
	if o.Lang == "" {
		o.Lang = i18n.NL
	}
	if o.Width <= 0 || o.Width > 80 {
		o.Width = 80
	}
	w := words{lang: o.Lang, qn: o.Questionnaire}
	st := newStyles(out, o.Color)
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }
	// para writes prose wrapped to the width, styled line by line.
	para := func(style lipgloss.Style, s string) {
		for _, l := range textwrap.Wrap(s, o.Width) {
			line(style.Render(l))
		}
	}
	head := w.tf("among", w.int(r.N))
	if r.NSuppressed {
		head = w.tf("among-few", r.MinCell)
	}
	para(st.title, w.t("title")+" · "+head)
	para(st.faint, w.t("basis"))
	if f := r.filterText(w); f != "" {
		para(st.faint, w.tf("filter", f))
	}
	if r.N == 0 || r.TooFew {
		line("")
		if r.NSuppressed || r.TooFew {
			min := r.MinCell
			if r.TooFew && !r.NSuppressed {
				min *= 2
			}
			line(w.tf("too-few", min))
		} else {
			line(w.t("no-scans"))
		}
		_, err := io.WriteString(out, b.String())
		return err
	}
	tbl := func(headers []string, rows [][]string) string {
		t := table.New().Border(lipgloss.NormalBorder()).BorderStyle(st.border).
			BorderColumn(false).BorderLeft(false).BorderRight(false).BorderTop(false).BorderBottom(false).
			Headers(headers...).Rows(rows...).
			StyleFunc(func(row, col int) lipgloss.Style {
				s := st.r.NewStyle().PaddingRight(1)
				if row == table.HeaderRow {
					s = s.Bold(o.Color)
				}
				if col > 0 {
					s = s.Align(lipgloss.Right)
				}
				return s
			})
		return t.Render()
	}
	modeLabel := func(m string) string { return w.label("mode", m) }

	// Quadrants by mode.
	line("")
	para(st.head, w.t("quadrants"))
	headers := []string{""}
	for _, m := range r.Quadrants.Cols {
		headers = append(headers, modeLabel(m))
	}
	headers = append(headers, w.t("mode.all"))
	var rows [][]string
	for i, id := range r.Quadrants.Rows {
		row := []string{w.label("quadrant", id)}
		for _, c := range r.Quadrants.Cells[i] {
			row = append(row, w.cell(c, true))
		}
		row = append(row, w.cell(r.Quadrants.RowTotals[i], true))
		rows = append(rows, row)
	}
	tot := []string{w.t("total")}
	for _, c := range r.Quadrants.ColTotals {
		tot = append(tot, w.cell(c, false))
	}
	tot = append(tot, w.int(r.N))
	rows = append(rows, tot)
	line(tbl(headers, rows))
	// A bar per quadrant: its share among all scanned businesses.
	for i, id := range r.Quadrants.Rows {
		c := r.Quadrants.RowTotals[i]
		if c.Suppressed || !c.HasShare {
			continue
		}
		line(fmt.Sprintf("  %-22s %s %4s %s", textwrap.Truncate(w.label("quadrant", id), 22), bar(st, c.Share, 24), w.pct(c.Share), w.interval(c)))
	}

	if e := r.Estimates; e != nil {
		line("")
		para(st.head, w.tf("estimates", e.Source))
		if e.Covered == 0 {
			para(st.r.NewStyle(), w.tf("estimates.none", MinScans))
		} else {
			for _, x := range e.Quadrants {
				para(st.r.NewStyle(), "  "+w.tf("estimates.line", w.int(x.Value), w.int(e.Covered), w.label("quadrant", x.Quadrant), w.int(x.Low), w.int(x.High)))
			}
		}
		if len(e.Uncovered) > 0 {
			var names []string
			for _, u := range e.Uncovered {
				names = append(names, fmt.Sprintf("%s %s (%s)", w.label(ByMunicipality, u.Municipality), w.label("group", u.SizeBand), w.int(u.Businesses)))
			}
			para(st.faint, w.tf("estimates.uncovered", MinScans, strings.Join(names, ", ")))
		}
		para(st.faint, w.tf("estimates.note", w.int(e.Population)))
	}

	// Breakdowns.
	for _, bd := range r.Breakdowns {
		for _, mt := range bd.Tables {
			t := mt.Table
			if len(t.Rows) == 0 {
				continue
			}
			line("")
			para(st.head, w.tf("breakdown."+bd.By, modeLabel(mt.Mode))+" · "+w.tf("among", w.cell(t.Total, false)))
			headers := []string{""}
			for _, id := range t.Cols {
				headers = append(headers, textwrap.Truncate(w.label("quadrant", id), 14))
			}
			headers = append(headers, w.t("total"))
			var rows [][]string
			for i, id := range t.Rows {
				row := []string{textwrap.Truncate(w.label(bd.By, id), 18)}
				for _, c := range t.Cells[i] {
					row = append(row, w.cell(c, true))
				}
				row = append(row, w.cell(t.RowTotals[i], false))
				rows = append(rows, row)
			}
			line(tbl(headers, rows))
		}
	}

	// Targets: the 10+ group against them, per mode; the others apart.
	line("")
	para(st.head, w.t("targets"))
	var tens []TargetRow
	for _, tr := range r.Targets.Rows {
		if tr.Group == Group10 {
			tens = append(tens, tr)
		}
	}
	if len(tens) > 0 {
		para(st.r.NewStyle(), w.tf("targets.compared", "n = "+w.cell(tens[0].N, false)))
		headers := []string{""}
		for _, tr := range tens {
			headers = append(headers, modeLabel(tr.Mode))
		}
		headers = append(headers, "")
		var rows [][]string
		for _, id := range []string{"dii_basic", "any", "cloud", "ai", "data_analytics"} {
			row := []string{w.label("ind", id)}
			for _, tr := range tens {
				c := tr.Shares[id]
				v := "–"
				if c.HasShare {
					v = w.pct(c.Share)
				}
				row = append(row, v)
			}
			switch id {
			case "dii_basic":
				row = append(row, w.tf("target", w.pct(TargetDIIBasic)))
			case "any":
				row = append(row, w.tf("target", w.pct(TargetAdvanced)))
			default:
				row = append(row, "")
			}
			rows = append(rows, row)
		}
		nrow := []string{"n"}
		for _, tr := range tens {
			nrow = append(nrow, w.cell(tr.N, false))
		}
		rows = append(rows, append(nrow, ""))
		line(tbl(headers, rows))
		all := tens[0]
		for _, id := range []string{"dii_basic", "any"} {
			target := map[string]float64{"dii_basic": TargetDIIBasic, "any": TargetAdvanced}[id]
			c := all.Shares[id]
			if !c.HasShare {
				continue
			}
			verdict := all.Versus[id]
			mark := st.faint.Render(w.t("versus." + verdict))
			switch verdict {
			case "below":
				mark = st.bad.Render(w.t("versus.below"))
			case "above":
				mark = st.good.Render(w.t("versus.above"))
			}
			line(fmt.Sprintf("  %-18s %s %4s %s", w.label("ind", id), bar(st, c.Share, 24), w.pct(c.Share), w.interval(c)))
			line(fmt.Sprintf("  %-18s %s: %s", "", w.tf("target", w.pct(target)), mark))
		}
	}
	for _, tr := range r.Targets.Rows {
		if tr.Group == Group10 || tr.Mode != "all" {
			continue
		}
		var parts []string
		for _, id := range []string{"dii_basic", "any"} {
			c := tr.Shares[id]
			v := "–"
			if c.HasShare {
				v = w.pct(c.Share)
			}
			parts = append(parts, w.label("ind", id)+" "+v)
		}
		para(st.faint, w.tf("targets.separate", w.label("group", tr.Group)+" (n = "+w.cell(tr.N, false)+")", strings.Join(parts, " · ")))
	}

	// Mean scores.
	line("")
	para(st.head, w.t("means"))
	headers = []string{""}
	if len(r.Dimensions) > 0 {
		for _, m := range r.Dimensions[0].Means {
			headers = append(headers, modeLabel(m.Mode))
		}
	}
	rows = nil
	for _, dm := range r.Dimensions {
		row := []string{textwrap.Truncate(w.label("dimension", dm.ID), 22)}
		for _, m := range dm.Means {
			if m.Suppressed || m.N == 0 {
				row = append(row, "–")
			} else {
				row = append(row, w.num(m.Mean))
			}
		}
		rows = append(rows, row)
	}
	if len(r.Dimensions) > 0 {
		nrow := []string{"n"}
		for _, m := range r.Dimensions[0].Means {
			if m.Suppressed || m.N == 0 {
				nrow = append(nrow, "–")
			} else {
				nrow = append(nrow, w.int(m.N))
			}
		}
		rows = append(rows, nrow)
	}
	line(tbl(headers, rows))

	// Change among re-scanned businesses.
	line("")
	if r.Change.N == 0 {
		para(st.head, w.tf("change", "n = "+w.cell(Cell{Suppressed: r.Change.Suppressed}, false)))
		para(st.r.NewStyle(), w.t("change.none"))
	} else {
		para(st.head, w.tf("change", "n = "+w.int(r.Change.N)))
		rows = nil
		for _, d := range r.Change.Deltas {
			if d.Suppressed || d.N == 0 {
				rows = append(rows, []string{textwrap.Truncate(w.label("dimension", d.ID), 22), "–", "–", "–"})
				continue
			}
			rows = append(rows, []string{textwrap.Truncate(w.label("dimension", d.ID), 22), w.num(d.T0), w.num(d.T1), w.signed(d.Change)})
		}
		line(tbl([]string{"", "T0", "T1", "Δ"}, rows))
		para(st.r.NewStyle(), w.t("transitions"))
		headers = []string{""}
		for _, id := range r.Change.Transitions.Cols {
			headers = append(headers, textwrap.Truncate(w.label("quadrant", id), 16))
		}
		rows = nil
		for i, id := range r.Change.Transitions.Rows {
			row := []string{textwrap.Truncate(w.label("quadrant", id), 16)}
			for _, c := range r.Change.Transitions.Cells[i] {
				row = append(row, w.cell(c, false))
			}
			rows = append(rows, row)
		}
		line(tbl(headers, rows))
	}

	// Change by what happened with the referrals.
	if r.Change.N > 0 && len(r.Change.ByReferral) > 0 {
		para(st.r.NewStyle(), w.t("change.by-referral"))
		rows = nil
		for _, g := range r.Change.ByReferral {
			row := []string{w.t("referral-group." + g.Group), w.cell(g.N, false)}
			if g.N.Suppressed || g.N.N == 0 || len(g.Deltas) < 3 {
				row = append(row, "–", "–", "–", "–")
			} else {
				row = append(row, w.num(g.Months), w.cell(g.SameMode, true), w.signed(g.Deltas[0].Change), w.signed(g.Deltas[2].Change))
			}
			rows = append(rows, row)
		}
		line(tbl([]string{"", "n", w.t("change.months"), w.t("change.same-mode"), "Δ " + w.label("dimension", "maturity"), "Δ " + w.label("dimension", "readiness")}, rows))
	}

	// Trend by quarter.
	if len(r.Trend.Rows) > 0 {
		line("")
		para(st.head, w.t("trend"))
		headers = []string{""}
		for _, id := range r.Trend.Cols {
			headers = append(headers, textwrap.Truncate(w.label("quadrant", id), 14))
		}
		headers = append(headers, w.t("total"))
		rows = nil
		for i, id := range r.Trend.Rows {
			row := []string{id}
			for _, c := range r.Trend.Cells[i] {
				row = append(row, w.cell(c, true))
			}
			rows = append(rows, append(row, w.cell(r.Trend.RowTotals[i], false)))
		}
		line(tbl(headers, rows))
	}

	// Demand: the weakest dimension, for planning themed workshops.
	if len(r.Demand.Weakest) > 0 {
		line("")
		para(st.head, w.t("demand"))
		rows = nil
		for _, d := range r.Demand.Weakest {
			rows = append(rows, []string{w.label("dimension", d.ID), w.cell(d.Cell, true), w.interval(d.Cell)})
		}
		line(tbl([]string{"", "n", ""}, rows))
	}
	r.writeTopics(line, para, st, w, tbl)

	// Referral outcomes.
	line("")
	ro := r.Referrals.Outcomes
	para(st.head, w.tf("referrals", "n = "+w.cell(ro.Total, false)))
	if len(ro.Rows) == 0 {
		line(w.t("referrals.none"))
	} else {
		headers = []string{""}
		for _, id := range ro.Cols {
			headers = append(headers, w.label("outcome", id))
		}
		headers = append(headers, w.t("referrals.action"))
		rows = nil
		for i, id := range ro.Rows {
			row := []string{textwrap.Truncate(id, 24)}
			for _, c := range ro.Cells[i] {
				row = append(row, w.cell(c, false))
			}
			row = append(row, w.cell(r.Referrals.Action[i], true))
			rows = append(rows, row)
		}
		line(tbl(headers, rows))
	}

	// Sensitivity: all modes, the thresholds as they are and moved.
	if len(r.Sensitivity) > 0 {
		line("")
		var shifts []string
		for _, sv := range r.Sensitivity {
			shifts = append(shifts, w.signed(sv.Shift))
		}
		para(st.head, w.tf("sensitivity", strings.Join(shifts, " / ")))
		headers := []string{"", "±0"}
		for _, sv := range r.Sensitivity {
			headers = append(headers, w.signed(sv.Shift))
		}
		var rows [][]string
		for i, id := range r.Quadrants.Rows {
			row := []string{w.label("quadrant", id), w.cell(r.Quadrants.RowTotals[i], true)}
			for _, sv := range r.Sensitivity {
				row = append(row, w.cell(sv.Quadrants.RowTotals[i], true))
			}
			rows = append(rows, row)
		}
		line(tbl(headers, rows))
	}

	line("")
	para(st.faint, w.tf("suppressed-note", r.MinCell, r.Suppressed.Primary))
	if r.Protection.Method == Method {
		para(st.faint, w.tf("perturbation-note", r.Protection.MaxNoise))
	}
	para(st.faint, w.t("interval-note"))
	if len(r.Notes) > 0 {
		para(st.faint, w.t("notes")+":")
		for _, n := range r.Notes {
			para(st.faint, "  "+n)
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// wrap breaks text into lines of at most width characters at spaces.
func bar(st styles, share float64, width int) string {
	full := int(math.Round(share * float64(width)))
	full = min(max(full, 0), width)
	return st.bar.Render(strings.Repeat("█", full)) + st.barEmpty.Render(strings.Repeat("░", width-full))
}

func (r *Report) filterText(w words) string {
	f := r.Filter
	var parts []string
	if f.Since != "" || f.Until != "" {
		parts = append(parts, f.Since+"…"+f.Until)
	}
	for _, l := range []struct {
		kind string
		ids  []string
	}{{ByMunicipality, f.Municipality}, {BySector, f.Sector}, {BySize, f.Size}, {"quadrant", f.Quadrant}, {"mode", f.Mode}} {
		var names []string
		for _, id := range l.ids {
			names = append(names, w.label(l.kind, id))
		}
		if len(names) > 0 {
			parts = append(parts, strings.Join(names, ", "))
		}
	}
	if f.Questionnaire != "" {
		parts = append(parts, f.Questionnaire)
	}
	return strings.Join(parts, "; ")
}

// WriteJSON writes the report as indented JSON (suppressed counts as
// {"suppressed": true}).
func (r *Report) WriteJSON(out io.Writer) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteCSV writes the report in long form, one value a row: section,
// mode, by, row, col, n, share, mean, suppressed. Counts fill n (and share
// where there is one), means and changes fill mean with their n.
func (r *Report) WriteCSV(out io.Writer, d csvout.Dialect) error {
	cw := csvout.NewWriter(out, d)
	cw.Record("section", "mode", "by", "row", "col", "n", "share", "mean", "suppressed", "ci95_low", "ci95_high")
	put := func(section, mode, by, row, col string, c Cell) {
		cw.Text(section)
		cw.Text(mode)
		cw.Text(by)
		cw.Text(row)
		cw.Text(col)
		if c.Suppressed {
			cw.Empty()
			cw.Empty()
			cw.Empty()
			cw.Bool(true)
			cw.Empty()
			cw.Empty()
		} else {
			cw.Int(c.N)
			if c.HasShare {
				cw.Number(math.Round(c.Share*10000) / 10000)
			} else {
				cw.Empty()
			}
			cw.Empty()
			cw.Bool(false)
			if c.HasShare {
				cw.Number(math.Round(c.Low*10000) / 10000)
				cw.Number(math.Round(c.High*10000) / 10000)
			} else {
				cw.Empty()
				cw.Empty()
			}
		}
		cw.End()
	}
	table := func(section, mode, by string, t Table) {
		for i, row := range t.Rows {
			for j, col := range t.Cols {
				put(section, mode, by, row, col, t.Cells[i][j])
			}
			put(section, mode, by, row, "total", t.RowTotals[i])
		}
		for j, col := range t.Cols {
			put(section, mode, by, "total", col, t.ColTotals[j])
		}
		put(section, mode, by, "total", "total", t.Total)
	}
	table("quadrants", "", "mode", r.Quadrants)
	for _, bd := range r.Breakdowns {
		for _, mt := range bd.Tables {
			table("breakdown", mt.Mode, bd.By, mt.Table)
		}
	}
	for _, tr := range r.Targets.Rows {
		put("targets", tr.Mode, "group", tr.Group, "n", tr.N)
		for _, id := range Indicators {
			put("targets", tr.Mode, "group", tr.Group, id, tr.Shares[id])
		}
	}
	mean := func(section, mode, row string, n int, x float64, suppressed bool) {
		cw.Text(section)
		cw.Text(mode)
		cw.Empty()
		cw.Text(row)
		cw.Text("mean")
		if suppressed || n == 0 {
			cw.Empty()
			cw.Empty()
			cw.Empty()
			cw.Bool(suppressed)
		} else {
			cw.Int(n)
			cw.Empty()
			cw.Number(x)
			cw.Bool(false)
		}
		cw.Empty()
		cw.Empty()
		cw.End()
	}
	for _, dm := range r.Dimensions {
		for _, m := range dm.Means {
			mean("means", m.Mode, dm.ID, m.N, m.Mean, m.Suppressed)
		}
	}
	for _, dl := range r.Change.Deltas {
		mean("change", "", dl.ID, dl.N, dl.Change, dl.Suppressed)
	}
	table("transitions", "", "quadrant", r.Change.Transitions)
	table("referrals", "", "programme", r.Referrals.Outcomes)
	for i, id := range r.Referrals.Outcomes.Rows {
		put("referrals", "", "programme", id, "action", r.Referrals.Action[i])
	}
	for _, s := range r.Sensitivity {
		table("sensitivity", "", strconv.FormatFloat(s.Shift, 'f', -1, 64), s.Quadrants)
	}
	for _, g := range r.Change.ByReferral {
		put("change-by-referral", "", "group", g.Group, "n", g.N)
		put("change-by-referral", "", "group", g.Group, "same_mode", g.SameMode)
		if !g.N.Suppressed && g.N.N > 0 {
			mean("change-by-referral", "", g.Group+"/months", g.N.N, g.Months, false)
			for _, d := range g.Deltas {
				mean("change-by-referral", "", g.Group+"/"+d.ID, d.N, d.Change, false)
			}
		}
	}
	table("trend", "", "quarter", r.Trend)
	for _, d := range r.Demand.Weakest {
		put("demand", "", "weakest_dimension", d.ID, "n", d.Cell)
	}
	if len(r.Demand.Topics) > 0 {
		put("demand", "", "topics", "answered", "n", r.Demand.Answered)
	}
	for _, d := range r.Demand.Topics {
		put("demand", "", "topics", d.ID, "n", d.Cell)
	}
	pt := r.Demand.Planning
	for i, topic := range pt.Rows {
		for j, dim := range pt.Cols {
			put("demand-planning", "", "topic", topic, dim, pt.Cells[i][j])
		}
	}
	for j, dim := range pt.Cols {
		put("demand-planning", "", "topic", "answered", dim, pt.ColTotals[j])
	}
	for _, tb := range r.Demand.TopicsBy {
		t := tb.Table
		for i, row := range t.Rows {
			for j, col := range t.Cols {
				put("demand-topics", "", tb.By, row, col, t.Cells[i][j])
			}
			put("demand-topics", "", tb.By, row, "answered", t.RowTotals[i])
		}
	}
	if e := r.Estimates; e != nil {
		// Estimates: n the estimated number, share of the covered
		// businesses, ci95 as numbers of businesses.
		for _, x := range e.Quadrants {
			cw.Text("estimates")
			cw.Empty()
			cw.Text("quadrant")
			cw.Text(x.Quadrant)
			cw.Text("estimate")
			cw.Int(x.Value)
			if e.Covered > 0 {
				cw.Number(math.Round(float64(x.Value)/float64(e.Covered)*10000) / 10000)
			} else {
				cw.Empty()
			}
			cw.Empty()
			cw.Bool(false)
			cw.Int(x.Low)
			cw.Int(x.High)
			cw.End()
		}
	}
	return cw.Flush()
}

// writeTopics renders the demand by topic: the topics among those who
// answered the question, then per breakdown each row's three most asked
// topics (the full table is in JSON and CSV).
func (r *Report) writeTopics(line func(string), para func(lipgloss.Style, string), st styles, w words, tbl func([]string, [][]string) string) {
	d := r.Demand
	if len(d.Topics) == 0 && d.Answered.N == 0 && !d.Answered.Suppressed {
		return
	}
	line("")
	if len(d.Topics) == 0 {
		para(st.head, w.tf("demand.topics", w.cell(d.Answered, false)))
		para(st.r.NewStyle(), w.t("demand.topics-none"))
		return
	}
	para(st.head, w.tf("demand.topics", w.cell(d.Answered, false)))
	var rows [][]string
	for _, c := range d.Topics {
		rows = append(rows, []string{textwrap.Truncate(w.label("topic", c.ID), 40), w.cell(c.Cell, true), w.interval(c.Cell)})
	}
	line(tbl([]string{"", "n", ""}, rows))
	if pt := d.Planning; len(pt.Rows) > 0 {
		line("")
		para(st.r.NewStyle(), w.t("demand.planning"))
		for i, id := range pt.Rows {
			var top []int
			for j, c := range pt.Cells[i] {
				if !c.Suppressed && c.HasShare && c.N > 0 {
					top = append(top, j)
				}
			}
			if len(top) == 0 {
				continue
			}
			sort.SliceStable(top, func(a, b int) bool { return pt.Cells[i][top[a]].N > pt.Cells[i][top[b]].N })
			var names []string
			for _, j := range top[:min(len(top), 2)] {
				names = append(names, w.label("dimension", pt.Cols[j])+" "+w.pct(pt.Cells[i][j].Share))
			}
			para(st.r.NewStyle(), w.label("topic", id)+" (n = "+w.cell(pt.RowTotals[i], false)+"): "+strings.Join(names, ", "))
		}
	}
	for _, tb := range d.TopicsBy {
		t := tb.Table
		line("")
		para(st.r.NewStyle(), w.tf("demand.topics-by", w.t("by."+tb.By)))
		for i, v := range t.Rows {
			var top []int
			for j, c := range t.Cells[i] {
				if !c.Suppressed && c.HasShare && c.N > 0 && t.Cols[j] != "none" {
					top = append(top, j)
				}
			}
			sort.SliceStable(top, func(a, b int) bool { return t.Cells[i][top[a]].N > t.Cells[i][top[b]].N })
			var names []string
			for _, j := range top[:min(len(top), 3)] {
				names = append(names, w.label("topic", t.Cols[j])+" "+w.pct(t.Cells[i][j].Share))
			}
			list := "–"
			if len(names) > 0 {
				list = strings.Join(names, ", ")
			}
			para(st.r.NewStyle(), "  "+w.label(tb.By, v)+" (n = "+w.cell(t.RowTotals[i], false)+"): "+list)
		}
	}
}

// shortLabel drops a label's aside in brackets: "Een (betere) website" is
// "Een website", "Kunstmatige intelligentie (AI), zoals ChatGPT" is
// "Kunstmatige intelligentie".
func shortLabel(l string) string {
	i := strings.Index(l, " (")
	if i <= 0 {
		return l
	}
	j := strings.IndexByte(l[i:], ')')
	if j < 0 {
		return l[:i]
	}
	rest := l[i+j+1:]
	if rest == "" || strings.HasPrefix(rest, ",") {
		return l[:i]
	}
	return l[:i] + rest
}
