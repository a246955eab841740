package stats

import (
	_ "embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// The regional page (digiscan stats --format html, and pdf printed from
// it) is the report as a printable, self-contained page: inline CSS and
// SVG, no script, nothing fetched. It is made ONLY from the Report (the
// same protected numbers as the text, JSON and CSV outputs: no other
// numbers, never an unprotected one); each chart is an <svg role="img">
// with a title and a description, its numbers in a table beside it.

//go:embed regional.html.tmpl
var regionalTmpl string

// The template is parsed the first time a page is asked for, never at
// start-up.
var regionalTemplate = sync.OnceValues(func() (*htmltemplate.Template, error) {
	return htmltemplate.New("regional").Parse(regionalTmpl)
})

// HTMLOptions tune the regional page.
type HTMLOptions struct {
	RenderOptions
	// Date is the day the page was made (shown as is; "" leaves it out).
	Date string
	// Synthetic marks the page as made from synthetic test data.
	Synthetic bool
}

// htmlPage is the page in words and drawings, ready for the template.
type htmlPage struct {
	Lang, Title, Among, Basis, Filter, Date, Synthetic string
	// Chart and Table name the scrollable regions ("chart", "table").
	Chart, Table string
	// Compact: the one-page version for a single municipality.
	Compact    bool
	Empty      string // the only message when there is too little to show
	Protection string // the protection in one sentence
	Sections   []htmlSection
	Notes      []string
	Caveats    []string
}

// htmlSection is one figure: a heading, its n and protection, a chart
// (with its title and description), its table and remarks.
type htmlSection struct {
	ID, Heading, N string
	Intro          []string
	Chart          htmltemplate.HTML
	Tables         []htmlTable
	After          []string
}

type htmlTable struct {
	Caption string
	Head    []string
	Rows    [][]string // the first cell is the row header
	Total   []string   // an emphasised last row (optional)
}

// WriteHTML writes the regional page.
func (r *Report) WriteHTML(out io.Writer, o HTMLOptions) error {
	if o.Lang == "" {
		o.Lang = i18n.NL
	}
	t, err := regionalTemplate()
	if err != nil {
		return err
	}
	return t.Execute(out, r.htmlPage(o))
}

func (r *Report) htmlPage(o HTMLOptions) *htmlPage {
	w := words{lang: o.Lang, qn: o.Questionnaire}
	pg := &htmlPage{Lang: string(o.Lang), Title: w.t("title"), Basis: w.t("basis"), Chart: w.t("html.chart"), Table: w.t("html.table")}
	if o.Date != "" {
		pg.Date = w.tf("html.made", o.Date)
	}
	if o.Synthetic {
		pg.Synthetic = w.t("html.synthetic")
	}
	pg.Compact = len(r.Filter.Municipality) == 1
	if pg.Compact {
		pg.Title = w.tf("html.title-municipality", w.label(ByMunicipality, r.Filter.Municipality[0]))
	}
	pg.Among = w.tf("among", w.int(r.N))
	if r.NSuppressed {
		pg.Among = w.tf("among-few", r.MinCell)
	}
	if f := r.filterText(w); f != "" {
		pg.Filter = w.tf("filter", f)
	}
	pg.Protection = r.protectionText(w)
	if r.N == 0 || r.TooFew {
		if r.NSuppressed || r.TooFew {
			m := r.MinCell
			if r.TooFew && !r.NSuppressed {
				m *= 2
			}
			pg.Empty = w.tf("too-few", m)
		} else {
			pg.Empty = w.t("no-scans")
		}
		return pg
	}
	pg.Sections = append(pg.Sections, r.htmlQuadrants(w))
	for _, bd := range r.Breakdowns {
		if pg.Compact && bd.By == ByMunicipality {
			continue // one municipality: its row is the whole
		}
		if s, ok := r.htmlBreakdown(w, bd); ok {
			pg.Sections = append(pg.Sections, s)
		}
	}
	pg.Sections = append(pg.Sections, r.htmlTargets(w))
	pg.Sections = append(pg.Sections, r.htmlChange(w, pg.Compact))
	if !pg.Compact {
		pg.Sections = append(pg.Sections, r.htmlReferrals(w))
	}
	pg.Notes = append(pg.Notes, w.tf("suppressed-note", r.MinCell, r.Suppressed.Primary))
	if r.Protection.Method == Method {
		pg.Notes = append(pg.Notes, w.tf("perturbation-note", r.Protection.MaxNoise))
	}
	pg.Notes = append(pg.Notes, w.t("html.interval-note"))
	pg.Caveats = r.Notes
	return pg
}

// protectionText is the protection applied, in one sentence.
func (r *Report) protectionText(w words) string {
	switch r.Protection.Method {
	case Method:
		return w.tf("html.protection", r.Protection.MinCell, r.Protection.MaxNoise)
	case "suppression":
		return w.tf("html.protection-suppression", r.Protection.MinCell)
	}
	return w.t("html.protection-none")
}

// nOf is "n = 123", or "n: fewer than 5" when the count is hidden.
func (w words) nOf(c Cell, minCell int) string {
	if c.Suppressed {
		return w.tf("html.n-few", minCell)
	}
	return "n = " + w.int(c.N)
}

// cellText is a count with its share and interval for a table.
func (w words) cellText(c Cell) string {
	if c.Suppressed {
		return "–"
	}
	s := w.int(c.N)
	if c.HasShare {
		s += " (" + w.pct(c.Share) + ")"
	}
	return s
}

func (r *Report) htmlQuadrants(w words) htmlSection {
	s := htmlSection{ID: "quadrants", Heading: w.t("html.quadrants"), N: "n = " + w.int(r.N)}
	t := r.Quadrants
	var rows []stackRow
	tbl := htmlTable{Caption: w.t("html.table-quadrants"), Head: []string{w.t("html.col-mode")}}
	for _, id := range t.Rows {
		tbl.Head = append(tbl.Head, w.label("quadrant", id))
	}
	tbl.Head = append(tbl.Head, "n")
	// Columns are the modes: one bar per mode, and one for all.
	for j, m := range t.Cols {
		col := make([]Cell, len(t.Rows))
		for i := range t.Rows {
			col[i] = t.Cells[i][j]
		}
		rows = append(rows, stackRow{Label: w.label("mode", m), N: t.ColTotals[j], Segs: col})
	}
	rows = append(rows, stackRow{Label: w.t("mode.all"), N: Cell{N: r.N}, Segs: t.RowTotals})
	for _, sr := range rows {
		row := []string{sr.Label}
		for _, c := range sr.Segs {
			row = append(row, w.cellText(c))
		}
		tbl.Rows = append(tbl.Rows, append(row, w.cellText(Cell{N: sr.N.N, Suppressed: sr.N.Suppressed})))
	}
	s.Chart = stackChart(w, "quadrants", w.t("html.quadrants-title"), w.t("html.stack-desc"), t.Rows, rows, r.MinCell)
	s.Tables = []htmlTable{tbl}
	s.After = []string{w.t("html.shares-of-bar")}
	return s
}

func (r *Report) htmlBreakdown(w words, bd Breakdown) (htmlSection, bool) {
	var t *Table
	for i := range bd.Tables {
		if bd.Tables[i].Mode == "all" {
			t = &bd.Tables[i].Table
		}
	}
	if t == nil || len(t.Rows) == 0 {
		return htmlSection{}, false
	}
	s := htmlSection{ID: "by-" + bd.By, Heading: w.t("html.by-" + bd.By), N: w.nOf(t.Total, r.MinCell)}
	tbl := htmlTable{Caption: w.t("html.table-by-" + bd.By), Head: []string{w.t("html.col-" + bd.By)}}
	for _, id := range t.Cols {
		tbl.Head = append(tbl.Head, w.label("quadrant", id))
	}
	tbl.Head = append(tbl.Head, "n")
	var rows []stackRow
	for i, id := range t.Rows {
		sr := stackRow{Label: w.label(bd.By, id), N: t.RowTotals[i], Segs: t.Cells[i]}
		rows = append(rows, sr)
		row := []string{sr.Label}
		for _, c := range t.Cells[i] {
			row = append(row, w.cellText(c))
		}
		tbl.Rows = append(tbl.Rows, append(row, w.cellText(t.RowTotals[i])))
	}
	s.Chart = stackChart(w, "by-"+bd.By, w.t("html.by-"+bd.By), w.t("html.stack-desc"), t.Cols, rows, r.MinCell)
	s.Tables = []htmlTable{tbl}
	s.After = []string{w.tf("html.small-rows", r.MinCell, 2*r.MinCell)}
	return s, true
}

func (r *Report) htmlTargets(w words) htmlSection {
	s := htmlSection{ID: "targets", Heading: w.t("targets")}
	var ten *TargetRow
	for i, tr := range r.Targets.Rows {
		if tr.Group == Group10 && tr.Mode == "all" {
			ten = &r.Targets.Rows[i]
		}
	}
	if ten == nil {
		s.Intro = []string{w.t("html.targets-none")}
		return s
	}
	s.N = w.nOf(ten.N, r.MinCell)
	s.Intro = []string{w.tf("targets.compared", s.N)}
	var bars []intervalBar
	tbl := htmlTable{Caption: w.t("html.table-targets"), Head: []string{w.t("html.col-indicator"), w.t("html.col-share"), w.t("html.col-interval"), w.t("html.col-target"), w.t("html.col-versus")}}
	for _, id := range []string{"dii_basic", "any", "cloud", "ai", "data_analytics"} {
		c := ten.Shares[id]
		target := -1.0
		switch id {
		case "dii_basic":
			target = TargetDIIBasic
		case "any":
			target = TargetAdvanced
		}
		bars = append(bars, intervalBar{Label: w.label("ind", id), Cell: c, Target: target})
		row := []string{w.label("ind", id), "–", "–", "", ""}
		if c.HasShare {
			row[1] = w.cellText(c)
			row[2] = w.pct(c.Low) + "–" + w.pct(c.High)
		}
		if target >= 0 {
			row[3] = w.pct(target)
			if v := ten.Versus[id]; v != "" && c.HasShare {
				row[4] = w.t("versus." + v)
			}
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	s.Chart = intervalChart(w, "targets", w.t("html.targets-title"), w.t("html.targets-desc"), bars)
	s.Tables = []htmlTable{tbl}
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
		s.After = append(s.After, w.tf("targets.separate", w.label("group", tr.Group)+" ("+w.nOf(tr.N, r.MinCell)+")", strings.Join(parts, " · ")))
	}
	return s
}

func (r *Report) htmlChange(w words, compact bool) htmlSection {
	ch := r.Change
	s := htmlSection{ID: "change", Heading: w.t("html.change"), N: w.nOf(Cell{N: ch.N, Suppressed: ch.Suppressed}, r.MinCell)}
	if ch.N == 0 {
		s.Intro = []string{w.t("change.none")}
		return s
	}
	s.Intro = []string{w.tf("html.change-intro", s.N)}
	var bars []deltaBar
	tbl := htmlTable{Caption: w.t("html.table-change"), Head: []string{w.t("html.col-score"), "T0", "T1", w.t("html.col-change"), "n"}}
	for _, d := range ch.Deltas {
		row := []string{w.label("dimension", d.ID), "–", "–", "–", "–"}
		if !d.Suppressed && d.N > 0 {
			row = []string{w.label("dimension", d.ID), w.num(d.T0), w.num(d.T1), w.signed(d.Change), w.int(d.N)}
			if d.ID == "maturity" || d.ID == "impact" || d.ID == "readiness" {
				bars = append(bars, deltaBar{Label: w.label("dimension", d.ID), Value: d.Change, Text: w.signed(d.Change)})
			}
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	// What referrals led to: the change by what happened with them.
	gt := htmlTable{Caption: w.t("html.table-by-referral"), Head: []string{w.t("html.col-group"), "n", w.t("change.months"), w.t("change.same-mode"), "Δ " + w.label("dimension", "maturity"), "Δ " + w.label("dimension", "readiness")}}
	var gbars []deltaBar
	for _, g := range ch.ByReferral {
		row := []string{w.t("referral-group." + g.Group), w.cellText(Cell{N: g.N.N, Suppressed: g.N.Suppressed}), "–", "–", "–", "–"}
		if !g.N.Suppressed && g.N.N > 0 && len(g.Deltas) >= 3 {
			row = []string{row[0], row[1], w.num(g.Months), w.cellText(g.SameMode), w.signed(g.Deltas[0].Change), w.signed(g.Deltas[2].Change)}
			gbars = append(gbars, deltaBar{Label: w.t("referral-group."+g.Group) + " (n = " + w.int(g.N.N) + ")", Value: g.Deltas[0].Change, Text: w.signed(g.Deltas[0].Change)})
		}
		gt.Rows = append(gt.Rows, row)
	}
	s.Chart = deltaChart("change", w.t("html.change-title"), w.t("html.change-desc"), bars)
	if len(gbars) > 0 {
		s.Chart += deltaChart("by-referral", w.t("html.by-referral-title"), w.t("html.by-referral-desc"), gbars)
	}
	if compact {
		var keep [][]string // maturity, impact, readiness
		for i, d := range ch.Deltas {
			if d.ID == "maturity" || d.ID == "impact" || d.ID == "readiness" {
				keep = append(keep, tbl.Rows[i])
			}
		}
		tbl.Rows = keep
		s.Tables = []htmlTable{tbl, gt}
		return s
	}
	tt := htmlTable{Caption: w.t("transitions"), Head: []string{"T0 \\ T1"}}
	for _, id := range ch.Transitions.Cols {
		tt.Head = append(tt.Head, w.label("quadrant", id))
	}
	for i, id := range ch.Transitions.Rows {
		row := []string{w.label("quadrant", id)}
		for _, c := range ch.Transitions.Cells[i] {
			row = append(row, w.cellText(Cell{N: c.N, Suppressed: c.Suppressed}))
		}
		tt.Rows = append(tt.Rows, row)
	}
	s.Tables = []htmlTable{tbl, gt, tt}
	return s
}

func (r *Report) htmlReferrals(w words) htmlSection {
	ro := r.Referrals.Outcomes
	s := htmlSection{ID: "referrals", Heading: w.t("html.referrals"), N: w.nOf(ro.Total, r.MinCell)}
	if len(ro.Rows) == 0 {
		s.Intro = []string{w.t("referrals.none")}
		return s
	}
	tbl := htmlTable{Caption: w.t("html.table-referrals"), Head: []string{w.t("html.col-programme")}}
	for _, id := range ro.Cols {
		tbl.Head = append(tbl.Head, w.label("outcome", id))
	}
	tbl.Head = append(tbl.Head, w.t("referrals.action"))
	var bars []intervalBar
	for i, id := range ro.Rows {
		row := []string{id}
		for _, c := range ro.Cells[i] {
			row = append(row, w.cellText(Cell{N: c.N, Suppressed: c.Suppressed}))
		}
		a := r.Referrals.Action[i]
		row = append(row, w.cellText(a))
		tbl.Rows = append(tbl.Rows, row)
		bars = append(bars, intervalBar{Label: id, Cell: a, Target: -1})
	}
	s.Chart = intervalChart(w, "referrals", w.t("html.referrals-title"), w.t("html.referrals-desc"), bars)
	s.Tables = []htmlTable{tbl}
	return s
}

// Charts. Geometry is in SVG user units; the numbers written into the
// charts are the published ones, formatted as in the tables.

// quadrantFills are dark enough for white text (contrast ≥ 4.5:1) and
// for the segments against white (≥ 3:1); segments are also told apart by
// their order (the legend's), a white gap and the share written in them.
var quadrantFills = []string{"#0a4f8f", "#7a4100", "#5b2a86", "#1b6b3a"}

type stackRow struct {
	Label string
	N     Cell
	Segs  []Cell
}

const (
	chartW      = 700.0
	chartLabelW = 190.0
	chartBarW   = chartW - chartLabelW - 120
)

func esc(s string) string { return htmltemplate.HTMLEscapeString(s) }

func f1(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// svgOpen starts a chart with its title and description.
func svgOpen(b *strings.Builder, id string, h float64, title, desc string) {
	fmt.Fprintf(b, `<svg role="img" aria-labelledby="%s-t %s-d" viewBox="0 0 %s %s" xmlns="http://www.w3.org/2000/svg">`+"\n", id, id, f1(chartW), f1(h))
	fmt.Fprintf(b, `<title id="%s-t">%s</title>`+"\n"+`<desc id="%s-d">%s</desc>`+"\n", id, esc(title), id, esc(desc))
}

func svgText(b *strings.Builder, x, y float64, anchor, weight, fill, s string) {
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="13"`, f1(x), f1(y))
	if anchor != "" {
		fmt.Fprintf(b, ` text-anchor="%s"`, anchor)
	}
	if weight != "" {
		fmt.Fprintf(b, ` font-weight="%s"`, weight)
	}
	if fill != "" {
		fmt.Fprintf(b, ` fill="%s"`, fill)
	}
	fmt.Fprintf(b, ">%s</text>\n", esc(s))
}

// trim shortens a label to n runes.
func trim(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// stackChart draws one 100 % bar per row, its segments the quadrants, with
// a legend; a row whose split is not published gets an outlined empty bar
// and says so.
func stackChart(w words, id, title, desc string, quadrants []string, rows []stackRow, minCell int) htmltemplate.HTML {
	var b strings.Builder
	const rowH, barH, top = 30.0, 20.0, 8.0
	legendH := 24.0 * float64((len(quadrants)+2)/2)
	h := top + rowH*float64(len(rows)) + 10 + legendH
	svgOpen(&b, id, h, title, desc)
	for i, r := range rows {
		y := top + rowH*float64(i)
		svgText(&b, 0, y+barH-5, "", "", "", trim(r.Label, 24))
		x := chartLabelW
		anyShare := false
		for _, c := range r.Segs {
			anyShare = anyShare || c.HasShare
		}
		if !anyShare {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#fff" stroke="#4a4a4a"/>`+"\n", f1(x), f1(y), f1(chartBarW), f1(barH))
			svgText(&b, x+6, y+barH-5, "", "", "", w.t("html.no-split"))
			svgText(&b, chartLabelW+chartBarW+6, y+barH-5, "", "", "", w.nOf(r.N, minCell))
			continue
		}
		// Perturbed shares need not add up to 100 %: the bar is split in
		// their proportion; what is not shown stays white, outlined.
		sum := 0.0
		for _, c := range r.Segs {
			if c.HasShare {
				sum += c.Share
			}
		}
		scale := chartBarW / max(sum, 1)
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#fff" stroke="#4a4a4a"/>`+"\n", f1(x), f1(y), f1(chartBarW), f1(barH))
		for k, c := range r.Segs {
			if !c.HasShare || c.Share <= 0 {
				continue
			}
			sw := c.Share * scale
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#fff" stroke-width="1.5"/>`+"\n", f1(x), f1(y), f1(sw), f1(barH), quadrantFills[k%len(quadrantFills)])
			if sw >= 38 {
				svgText(&b, x+sw/2, y+barH-5, "middle", "700", "#fff", w.pct(c.Share))
			}
			x += sw
		}
		svgText(&b, chartLabelW+chartBarW+6, y+barH-5, "", "", "", w.nOf(r.N, minCell))
	}
	// Legend: the quadrants in the order of the segments, then the part
	// not shown.
	ly := top + rowH*float64(len(rows)) + 10
	for k := range len(quadrants) + 1 {
		x := float64(k%2) * chartW / 2
		y := ly + 24*float64(k/2)
		if k == len(quadrants) {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="16" height="16" fill="#fff" stroke="#4a4a4a"/>`+"\n", f1(x), f1(y))
			svgText(&b, x+22, y+13, "", "", "", w.tf("html.not-shown", minCell))
			continue
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="16" height="16" fill="%s"/>`+"\n", f1(x), f1(y), quadrantFills[k%len(quadrantFills)])
		svgText(&b, x+22, y+13, "", "", "", w.label("quadrant", quadrants[k]))
	}
	b.WriteString("</svg>\n")
	return htmltemplate.HTML(b.String())
}

type intervalBar struct {
	Label  string
	Cell   Cell
	Target float64 // < 0: none
}

// intervalChart draws a bar per share with its 95 % interval as a
// whisker and, where there is one, the target as a black mark.
func intervalChart(w words, id, title, desc string, bars []intervalBar) htmltemplate.HTML {
	var b strings.Builder
	const rowH, barH, top = 34.0, 16.0, 22.0
	h := top + rowH*float64(len(bars)) + 4
	svgOpen(&b, id, h, title, desc)
	for _, tick := range []float64{0, 0.5, 1} {
		x := chartLabelW + tick*chartBarW
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#8a8a8a" stroke-width="1"/>`+"\n", f1(x), f1(top-4), f1(x), f1(h-4))
		svgText(&b, x, top-8, "middle", "", "", w.pct(tick))
	}
	for i, bar := range bars {
		y := top + rowH*float64(i) + 4
		svgText(&b, 0, y+barH-3, "", "", "", trim(bar.Label, 24))
		c := bar.Cell
		if !c.HasShare {
			svgText(&b, chartLabelW+6, y+barH-3, "", "", "", "–")
			continue
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#3d7cc0"/>`+"\n", f1(chartLabelW), f1(y), f1(c.Share*chartBarW), f1(barH))
		lx, hx := chartLabelW+c.Low*chartBarW, chartLabelW+c.High*chartBarW
		my := y + barH/2
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#1b1b1b" stroke-width="2"/>`+"\n", f1(lx), f1(my), f1(hx), f1(my))
		for _, x := range []float64{lx, hx} {
			fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#1b1b1b" stroke-width="2"/>`+"\n", f1(x), f1(my-6), f1(x), f1(my+6))
		}
		if bar.Target >= 0 {
			tx := chartLabelW + bar.Target*chartBarW
			fmt.Fprintf(&b, `<path d="M%s %s l-6 -8 h12 z" fill="#1b1b1b"/>`+"\n", f1(tx), f1(y-1))
		}
		svgText(&b, chartLabelW+chartBarW+6, y+barH-3, "", "700", "", w.pct(c.Share))
	}
	b.WriteString("</svg>\n")
	return htmltemplate.HTML(b.String())
}

type deltaBar struct {
	Label string
	Value float64
	Text  string
}

// deltaChart draws mean changes as bars left (down) or right (up) of zero,
// each with its signed value written beside it.
func deltaChart(id, title, desc string, bars []deltaBar) htmltemplate.HTML {
	var b strings.Builder
	const rowH, barH, top = 28.0, 16.0, 6.0
	h := top + rowH*float64(len(bars)) + 4
	maxAbs := 5.0
	for _, d := range bars {
		maxAbs = max(maxAbs, math.Abs(d.Value))
	}
	zero := chartLabelW + chartBarW/2
	scale := (chartBarW/2 - 40) / maxAbs
	svgOpen(&b, id, h, title, desc)
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#1b1b1b" stroke-width="1.5"/>`+"\n", f1(zero), f1(top-4), f1(zero), f1(h-2))
	for i, d := range bars {
		y := top + rowH*float64(i)
		svgText(&b, 0, y+barH-3, "", "", "", trim(d.Label, 28))
		wd := math.Abs(d.Value) * scale
		x := zero
		if d.Value < 0 {
			x = zero - wd
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#0a4f8f"/>`+"\n", f1(x), f1(y), f1(wd), f1(barH))
		if d.Value < 0 {
			svgText(&b, x-4, y+barH-3, "end", "700", "", d.Text)
		} else {
			svgText(&b, zero+wd+4, y+barH-3, "", "700", "", d.Text)
		}
	}
	b.WriteString("</svg>\n")
	return htmltemplate.HTML(b.String())
}
