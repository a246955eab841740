package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/textwrap"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Style says how terminal output may look.
type Style struct {
	Color bool // ANSI colours and bold; false when piped or NO_COLOR is set
	Width int  // columns available; the layout uses at most 80
}

// Maximum numbers of headline items: long lists of actions backfire.
const (
	MaxGaps      = 3
	MaxAdvice    = 3
	MaxReferrals = 3
	MaxReasons   = 3 // per referral, the strongest first
)

type theme struct {
	title, heading, faint, accent, dot, good, bad, bar, barEmpty lipgloss.Style
	quadrant                                                     map[string]lipgloss.Style
}

func newTheme(w io.Writer, color bool) theme {
	r := lipgloss.NewRenderer(w)
	if !color {
		r.SetColorProfile(termenv.Ascii)
	} else {
		r.SetColorProfile(termenv.ANSI)
	}
	s := r.NewStyle
	// ANSI colours (not true colour) follow the terminal's own palette, so
	// they read well on dark and light backgrounds alike.
	return theme{
		title:    s().Bold(true),
		heading:  s().Bold(true).Foreground(lipgloss.Color("4")),
		faint:    s().Faint(true),
		accent:   s().Bold(true).Foreground(lipgloss.Color("5")),
		dot:      s().Bold(true).Foreground(lipgloss.Color("1")),
		good:     s().Foreground(lipgloss.Color("2")),
		bad:      s().Foreground(lipgloss.Color("1")),
		bar:      s().Foreground(lipgloss.Color("4")),
		barEmpty: s().Faint(true),
		quadrant: map[string]lipgloss.Style{
			q.Vulnerable:  s().Bold(true).Foreground(lipgloss.Color("1")),
			q.Frontrunner: s().Bold(true).Foreground(lipgloss.Color("2")),
			q.LowUrgency:  s().Bold(true).Foreground(lipgloss.Color("3")),
			q.Prepared:    s().Bold(true).Foreground(lipgloss.Color("4")),
		},
	}
}

// Terminal writes the result for a terminal: headline, quadrant
// picture with the business's position and the explanation beside it, a bar
// per dimension, digital intensity, the largest gaps, insights, next steps
// and referrals.
func Terminal(w io.Writer, r *scan.Result, qn *q.Questionnaire, lang i18n.Lang, st Style) error {
	r = printableResult(r)
	width := st.Width
	if width <= 0 || width > 80 {
		width = 80
	}
	l := labels{qn: qn, lang: lang}
	th := newTheme(w, st.Color)
	var b strings.Builder
	line := func(s string) { b.WriteString(strings.TrimRight(s, " ") + "\n") }

	// Headline with the as-of date on the right.
	// The headline keeps the date on its line: long names are shortened.
	head, day := l.headline(r), l.date(r)
	if room := width - 4 - ansi.StringWidth(day); ansi.StringWidth(head) > room {
		head = textwrap.Truncate(head, room)
	}
	gap := width - 2 - ansi.StringWidth(head) - ansi.StringWidth(day)
	line(" " + th.title.Render(head) + strings.Repeat(" ", max(2, gap)) + th.faint.Render(day))
	line("")

	// Quadrant picture and, beside it, what it means.
	pic := picture(r, l, th)
	label, summary := l.quadrant(r.Quadrant)
	textW := width - 1 - pictureWidth - 3
	var side []string
	if textW >= 24 {
		side = append(side, th.quadrant[r.Quadrant].Render(label))
		side = append(side, textwrap.Wrap(fill(summary, r), textW)...)
		for i, p := range pic {
			s := ""
			if i-1 >= 0 && i-1 < len(side) {
				s = side[i-1]
			}
			line(" " + p + "   " + s)
		}
		for i := len(pic) + 1; i < len(side)+1; i++ {
			line(" " + strings.Repeat(" ", pictureWidth) + "   " + side[i-1])
		}
	} else {
		for _, p := range pic {
			line(" " + p)
		}
		line("")
		line(" " + th.quadrant[r.Quadrant].Render(label))
		for _, s := range textwrap.Wrap(fill(summary, r), width-2) {
			line(" " + s)
		}
	}
	line("")

	// Bars.
	// Short labels fit (questionnaires validates them: at most 20).
	const labelW, barW = 20, 16
	// "Biggest gain" marks every dimension with the largest gap, as the
	// list of gaps below ranks them.
	largest := map[string]bool{}
	for _, g := range r.Gaps {
		if g.Gap == r.Gaps[0].Gap {
			largest[g.Dimension] = true
		}
	}
	bar := func(name string, score *float64, band, extra string) {
		name = textwrap.Truncate(name, labelW)
		pad := strings.Repeat(" ", labelW-ansi.StringWidth(name)+1)
		if score == nil {
			line(" " + name + pad + th.faint.Render(extra))
			return
		}
		filled := int(math.Round(*score / 100 * barW))
		s := " " + name + pad +
			th.bar.Render(strings.Repeat("█", filled)) + th.barEmpty.Render(strings.Repeat("░", barW-filled)) +
			fmt.Sprintf(" %3s  ", num(*score)) + band
		if extra != "" {
			s += "  " + th.accent.Render(extra)
		}
		line(s)
	}
	m := r.Maturity.Score
	bar(l.t("result.maturity"), &m, l.band(r.Maturity.Band), "")
	line("")
	for _, d := range r.Dimensions {
		extra := ""
		if largest[d.ID] {
			extra = l.t("result.largest-gap")
		}
		if d.Score == nil {
			extra = l.t("result.status." + d.Status)
		}
		bar(l.dimensionShort(d.ID), d.Score, l.band(d.Band), extra)
	}
	wrapped(&b, th.faint.Render(l.bandsExplained()), " ", width)
	line("")
	di := r.DigitalIntensity
	name := textwrap.Truncate(l.t("result.dii"), labelW)
	dii := l.tf("result.dii-count", di.Count, di.Of) + " · " + l.diiLevel(di.Level) + " · "
	if di.Basic {
		dii += th.good.Render(l.tf("result.dii-basic", qn.DII.Basic))
	} else {
		dii += th.bad.Render(l.tf("result.dii-below", qn.DII.Basic))
	}
	line(" " + name + strings.Repeat(" ", labelW-ansi.StringWidth(name)+1) + dii)
	wrapped(&b, techLine(r, l), strings.Repeat(" ", labelW+2), width)
	if smallFirm(r) && !qn.DII.Note.IsZero() {
		for _, s := range textwrap.Wrap(qn.DII.Note.In(lang), width-labelW-3) {
			line(" " + strings.Repeat(" ", labelW+1) + th.faint.Render(s))
		}
	}

	// Gaps, insights, advice, referrals.
	if len(r.Gaps) > 0 {
		line("")
		line(" " + th.heading.Render(l.t("result.gaps")))
		for i, g := range r.Gaps[:min(MaxGaps, len(r.Gaps))] {
			line(fmt.Sprintf("  %d. %s", i+1, l.tf("result.gap-line", l.dimension(g.Dimension), num(g.Score), num(g.Target), l.tier(g.Tier))))
		}
	}
	if len(r.Insights) > 0 {
		line("")
		line(" " + th.heading.Render(l.t("result.insights")))
		for _, in := range r.Insights {
			title, text := l.insight(in)
			line("  ▸ " + th.title.Render(title))
			wrapped(&b, text, "    ", width)
		}
	}
	if len(r.Advice) > 0 {
		line("")
		line(" " + th.heading.Render(l.t("result.advice")))
		for i, a := range r.Advice[:min(MaxAdvice, len(r.Advice))] {
			line(fmt.Sprintf("  %d. %s", i+1, th.title.Render(a.Title)))
			wrapped(&b, a.Text, "     ", width)
		}
	}
	if len(r.Referrals) > 0 {
		line("")
		line(" " + th.heading.Render(l.t("result.referrals")))
		for _, ref := range headline(r.Referrals) {
			title := "  ▸ " + th.title.Render(ref.Name)
			if st := l.status(ref); st != "" {
				title += th.accent.Render(" — " + st)
			}
			if ref.Unverified {
				title += th.faint.Render(" · " + l.t("result.unverified-short"))
			}
			line(title)
			if len(ref.Reasons) > 0 {
				wrapped(&b, l.t("result.why")+" "+strings.Join(ref.Reasons[:min(MaxReasons, len(ref.Reasons))], "; ")+".", "    ", width)
			}
			if ref.Cost != "" {
				wrapped(&b, l.t("result.cost")+" "+ref.Cost, "    ", width)
			}
			if ev, ok := nextEvent(ref); ok {
				wrapped(&b, l.event(ev), "    ", width)
			}
			for _, n := range ref.Notes[:min(1, len(ref.Notes))] {
				for _, s := range textwrap.Wrap(n, width-4) {
					line("    " + th.faint.Render(s))
				}
			}
			if ref.URL != "" {
				line("    " + ref.URL)
			} else if ref.Contact != "" {
				wrapped(&b, l.t("result.contact")+" "+ref.Contact, "    ", width)
			}
		}
		if more := l.moreWithStatus(r.Referrals); len(more) > 0 {
			line("")
			wrapped(&b, l.t("result.more-options")+" "+strings.Join(more, ", ")+".", " ", width)
			// A real id: the list shows names, and "ID" would be a riddle.
			for _, s := range textwrap.Wrap(l.tf("result.more-hint", r.Referrals[0].Programme), width-2) {
				line(" " + th.faint.Render(s))
			}
		}
	}
	line("")
	line(" " + th.faint.Render(footer(r, l)))
	_, err := io.WriteString(w, b.String())
	return err
}

// headline returns the headline referrals (at most MaxReferrals).
func headline(refs []scan.Referral) []scan.Referral {
	var out []scan.Referral
	for _, ref := range refs {
		if !ref.More && len(out) < MaxReferrals {
			out = append(out, ref)
		}
	}
	return out
}

// nextEvent is the series' next event, unless the reasons shown already
// name it.
func nextEvent(ref scan.Referral) (scan.ReferralEvent, bool) {
	if len(ref.Events) == 0 {
		return scan.ReferralEvent{}, false
	}
	ev := ref.Events[0]
	for _, r := range ref.Reasons[:min(MaxReasons, len(ref.Reasons))] {
		if strings.Contains(r, ev.Title) {
			return ev, false
		}
	}
	return ev, true
}

// moreWithStatus names the further referrals, saying when one is not
// open yet: "SLIM (opens on 01-09-2027)".
func (l labels) moreWithStatus(refs []scan.Referral) []string {
	head := headline(refs)
	var out []string
	for _, ref := range refs[len(head):] {
		name := ref.Name
		if st := l.status(ref); st != "" {
			name += " (" + st + ")"
		}
		out = append(out, name)
	}
	return out
}

func footer(r *scan.Result, l labels) string {
	s := l.tf("result.footer", r.Questionnaire.ID, r.Questionnaire.Version, r.AsOf.String())
	if r.ID != "" {
		s += " · " + l.tf("result.footer-id", r.ID)
	}
	return s
}

func techLine(r *scan.Result, l labels) string { return techList(r, l, " · ") }

func techList(r *scan.Result, l labels, sep string) string {
	yn := func(b bool) string {
		if b {
			return l.t("word.yes")
		}
		return l.t("word.no")
	}
	var parts []string
	for _, t := range l.qn.Tech {
		v := map[string]bool{"cloud": r.AdvancedTech.Cloud, "ai": r.AdvancedTech.AI, "data_analytics": r.AdvancedTech.DataAnalytics}[t.ID]
		parts = append(parts, t.Label.In(l.lang)+": "+yn(v))
	}
	return strings.Join(parts, sep)
}

func wrapped(b *strings.Builder, text, indent string, width int) {
	for _, s := range textwrap.Wrap(text, width-ansi.StringWidth(indent)) {
		b.WriteString(strings.TrimRight(indent+s, " ") + "\n")
	}
}

// The quadrant picture: a plot of plotW × plotH cells split at the
// thresholds, the business as a dot, the quadrant labels in the corners.
const (
	plotW        = 32
	plotH        = 6
	axisW        = 6 // row labels ("hoog ", "laag ")
	pictureWidth = axisW + 1 + plotW + 1
)

func picture(r *scan.Result, l labels, th theme) []string {
	// Columns and rows where the thresholds split the plot.
	tx := clamp(int(math.Round(r.Thresholds.Readiness/100*plotW)), 1, plotW-1)
	ty := clamp(int(math.Round((100-r.Thresholds.Impact)/100*plotH)), 1, plotH-1)
	// The dot, kept on its quadrant's side of each split.
	dx := clamp(int(r.Readiness/100*plotW), 0, plotW-1)
	dy := clamp(int((100-r.Impact)/100*plotH), 0, plotH-1)
	if r.Readiness >= r.Thresholds.Readiness {
		dx = max(dx, tx+1)
	} else {
		dx = min(dx, tx-1)
	}
	if r.Impact >= r.Thresholds.Impact {
		dy = min(dy, ty-1)
	} else {
		dy = max(dy, ty)
	}
	if dx == tx {
		dx++
	}

	grid := make([][]string, plotH)
	for y := range grid {
		grid[y] = make([]string, plotW)
		for x := range grid[y] {
			grid[y][x] = " "
			if x == tx {
				grid[y][x] = th.faint.Render("┊")
			}
		}
	}
	// Quadrant labels in the outer rows; moved inward if the dot is in the way.
	put := func(id string, y, x0, x1 int) {
		label, _ := l.quadrant(id)
		label = strings.ToLower(label[:1]) + label[1:]
		label = textwrap.Truncate(label, x1-x0)
		if y == dy && dx >= x0 && dx < x0+ansi.StringWidth(label) {
			if y == 0 {
				y = ty - 1
			} else if y == plotH-1 {
				y = ty
			}
		}
		style := th.faint
		if id == r.Quadrant {
			style = th.quadrant[id]
		}
		x := x0
		for _, ch := range label {
			if x >= x1 {
				break
			}
			grid[y][x] = style.Render(string(ch))
			x++
		}
	}
	put(q.Vulnerable, 0, 1, tx-1)
	put(q.Frontrunner, 0, tx+2, plotW)
	put(q.LowUrgency, plotH-1, 1, tx-1)
	put(q.Prepared, plotH-1, tx+2, plotW)
	grid[dy][dx] = th.dot.Render("●")

	rowLabel := func(y int) string {
		switch y {
		case 0:
			return l.t("result.high")
		case plotH - 1:
			return l.t("result.low")
		}
		return ""
	}
	var out []string
	out = append(out, strings.Repeat(" ", axisW)+th.faint.Render(padRight("▲ "+l.t("result.impact-axis"), pictureWidth-axisW)))
	for y := 0; y < plotH; y++ {
		if y == ty {
			sep := strings.Repeat("┈", tx) + "┼" + strings.Repeat("┈", plotW-tx-1)
			out = append(out, strings.Repeat(" ", axisW)+th.faint.Render("┼"+sep)+" ")
		}
		out = append(out, th.faint.Render(padRight(rowLabel(y), axisW))+th.faint.Render("│")+strings.Join(grid[y], "")+" ")
	}
	axis := strings.Repeat("─", tx) + "┴" + strings.Repeat("─", plotW-tx-1)
	out = append(out, strings.Repeat(" ", axisW)+th.faint.Render("└"+axis+"▶"))
	out = append(out, strings.Repeat(" ", axisW)+th.faint.Render(padLeft(l.t("result.readiness-axis"), plotW+2)))
	return out
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

func padRight(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-ansi.StringWidth(s)))
}

func padLeft(s string, n int) string {
	return strings.Repeat(" ", max(0, n-ansi.StringWidth(s))) + s
}
