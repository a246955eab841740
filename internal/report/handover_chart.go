package report

import (
	"math"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// The charts of the hand-over report are drawn as inline SVG; the numbers
// here are SVG user units, computed so the templates only place them.

// Plot area of the quadrant chart inside its viewBox (0 0 QW QH).
const (
	QW, QH   = 320, 250
	qx0, qx1 = 56.0, 308.0
	qy0, qy1 = 12.0, 204.0
)

// QuadrantChart is the quadrant with the business's position.
type QuadrantChart struct {
	X0, X1, Y0, Y1 float64 // the plot area
	TX, TY         float64 // where the thresholds cut it
	DotX, DotY     float64
	Cells          []QuadrantCell
	Ticks          []Tick
	AxisX, AxisY   string // axis titles
	DotLabel       string // "your business"
	// The business's scores on the axes, bold, at the end of dotted guide
	// lines from the dot; moved aside where a tick label is in the way.
	ValueX, ValueY Tick
	DotLabelX      float64
	DotLabelY      float64
	DotLabelAnchor string
}

// QuadrantCell is one quadrant: its area, its label, and whether the
// business is in it (shown by a thicker border and the words "you are
// here", never by colour alone).
type QuadrantCell struct {
	X, Y, W, H   float64
	Label        string
	LX, LY       float64
	Anchor       string
	Here         bool
	Fill         string
	LabelLines   []string
	LabelLineGap float64
}

// Tick is an axis number.
type Tick struct {
	X, Y   float64
	Text   string
	Anchor string
}

func scaleX(v float64) float64 { return round1(qx0 + v/100*(qx1-qx0)) }
func scaleY(v float64) float64 { return round1(qy1 - v/100*(qy1-qy0)) }
func round1(x float64) float64 { return math.Round(x*10) / 10 }

func quadrantChart(r *scan.Result, l labels) QuadrantChart {
	c := QuadrantChart{X0: qx0, X1: qx1, Y0: qy0, Y1: qy1,
		TX: scaleX(r.Thresholds.Readiness), TY: scaleY(r.Thresholds.Impact),
		DotX: scaleX(r.Readiness), DotY: scaleY(r.Impact),
		AxisX: l.t("handover.axis-readiness"), AxisY: l.t("handover.axis-impact"),
		DotLabel: l.t("handover.you"),
	}
	// The label beside the dot, clear of the threshold line it may sit on.
	c.DotLabelY = c.DotY + 4
	if math.Abs(c.DotY-c.TY) < 8 {
		if r.Impact >= r.Thresholds.Impact {
			c.DotLabelY = c.DotY - 8
		} else {
			c.DotLabelY = c.DotY + 16
		}
	}
	c.DotLabelX, c.DotLabelAnchor = c.DotX+9, "start"
	if r.Readiness > 60 {
		c.DotLabelX, c.DotLabelAnchor = c.DotX-9, "end"
	}
	// Light tints that keep black text above 4.5:1 contrast.
	cells := []struct {
		id         string
		x, y, w, h float64
		left, top  bool
		fill       string
	}{
		{q.Vulnerable, qx0, qy0, c.TX - qx0, c.TY - qy0, true, true, "#fde8e4"},
		{q.Frontrunner, c.TX, qy0, qx1 - c.TX, c.TY - qy0, false, true, "#e3f2e6"},
		{q.LowUrgency, qx0, c.TY, c.TX - qx0, qy1 - c.TY, true, false, "#f4f1e4"},
		{q.Prepared, c.TX, c.TY, qx1 - c.TX, qy1 - c.TY, false, false, "#e4eef8"},
	}
	for _, cl := range cells {
		label, _ := l.quadrant(cl.id)
		cell := QuadrantCell{X: cl.x, Y: cl.y, W: round1(cl.w), H: round1(cl.h), Label: label, Fill: cl.fill,
			Here: cl.id == r.Quadrant}
		cell.LabelLines = splitLabel(label, int(cell.W/6.2))
		cell.LabelLineGap = 13
		if cl.left {
			cell.LX, cell.Anchor = cl.x+6, "start"
		} else {
			cell.LX, cell.Anchor = qx1-6, "end"
		}
		if cl.top {
			cell.LY = cl.y + 16
		} else {
			cell.LY = qy1 - 8 - float64(len(cell.LabelLines)-1)*cell.LabelLineGap
		}
		c.Cells = append(c.Cells, cell)
	}
	c.Ticks = []Tick{
		{X: qx0, Y: qy1 + 14, Text: "0", Anchor: "middle"},
		{X: c.TX, Y: qy1 + 14, Text: num(r.Thresholds.Readiness), Anchor: "middle"},
		{X: qx1, Y: qy1 + 14, Text: "100", Anchor: "end"},
		{X: qx0 - 5, Y: qy1 + 4, Text: "0", Anchor: "end"},
		{X: qx0 - 5, Y: c.TY + 4, Text: num(r.Thresholds.Impact), Anchor: "end"},
		{X: qx0 - 5, Y: qy0 + 8, Text: "100", Anchor: "end"},
	}
	c.ValueX = Tick{X: c.DotX, Y: qy1 + 14, Text: num(r.Readiness), Anchor: "middle"}
	for _, t := range c.Ticks[:3] {
		if math.Abs(t.X-c.DotX) < 18 {
			c.ValueX.Y = qy1 + 28
		}
	}
	c.ValueY = Tick{X: qx0 - 5, Y: c.DotY + 4, Text: num(r.Impact), Anchor: "end"}
	for _, t := range c.Ticks[3:] {
		if math.Abs(t.Y-c.ValueY.Y) < 12 {
			c.ValueY.X = qx0 - 27
		}
	}
	return c
}

// splitLabel breaks a quadrant label into lines of about n characters.
func splitLabel(s string, n int) []string {
	if n < 8 {
		n = 8
	}
	var lines []string
	cur := ""
	for _, w := range splitWords(s) {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= n:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func splitWords(s string) []string {
	var out []string
	word := ""
	for _, r := range s {
		if r == ' ' {
			if word != "" {
				out = append(out, word)
			}
			word = ""
			continue
		}
		word += string(r)
	}
	if word != "" {
		out = append(out, word)
	}
	return out
}

// BarChart is a bar per dimension with its target marked.
type BarChart struct {
	W, H float64
	Bars []Bar
}

// Bar is one dimension's bar: the name above it, the score after it.
type Bar struct {
	Name      string
	NameY     float64 // baseline of the name
	Y         float64 // top of the bar
	W         float64 // the filled part
	TargetX   float64
	HasTarget bool
	Scored    bool
	Value     string // the score, or why there is none
	ValueX    float64
	TargetY1  float64
	TargetY2  float64
}

// Bar chart geometry: a row per dimension.
const (
	BW      = 320.0
	barX    = 0.0
	barFull = 280.0
	barRow  = 34.0
	barH    = 12.0
)

func barChart(dims []HandoverDim) BarChart {
	c := BarChart{W: BW}
	for i, d := range dims {
		top := float64(i) * barRow
		b := Bar{Name: d.Name, NameY: top + 12, Y: top + 17, Scored: d.Score != "", Value: d.Score, ValueX: barFull + 6}
		if b.Scored {
			b.W = round1(d.ScorePct / 100 * barFull)
		} else {
			b.Value = ""
		}
		if d.Target != "" {
			b.HasTarget, b.TargetX = true, round1(barX+d.Tgt/100*barFull)
			b.TargetY1, b.TargetY2 = b.Y-3, b.Y+barH+3
		}
		c.Bars = append(c.Bars, b)
	}
	c.H = float64(len(dims))*barRow + 2
	return c
}
