package report

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/fixture"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Over random scores and thresholds the quadrant chart puts the dot inside
// the plot on its quadrant's side of both threshold lines (a score equal
// to a threshold counts as high), marks exactly the business's quadrant,
// and keeps the score labels clear of the tick labels.
func TestQuadrantChartProperties(t *testing.T) {
	qn := fixture.Mini(t)
	l := labels{qn: qn, lang: i18n.NL}
	rng := rand.New(rand.NewPCG(13, 2026))
	for i := 0; i < 2000; i++ {
		r := &scan.Result{
			Impact: float64(rng.IntN(101)), Readiness: float64(rng.IntN(101)),
			Thresholds: scan.Thresholds{Impact: float64(20 + rng.IntN(61)), Readiness: float64(20 + rng.IntN(61))},
		}
		if i%7 == 0 { // scores on the threshold
			r.Impact, r.Readiness = r.Thresholds.Impact, r.Thresholds.Readiness
		}
		r.Quadrant = quadrantOf(r)
		c := quadrantChart(r, l)
		if c.DotX < c.X0 || c.DotX > c.X1 || c.DotY < c.Y0 || c.DotY > c.Y1 {
			t.Fatalf("%+v: dot (%v, %v) outside the plot", r, c.DotX, c.DotY)
		}
		if (r.Readiness >= r.Thresholds.Readiness) != (c.DotX >= c.TX) || (r.Impact >= r.Thresholds.Impact) != (c.DotY <= c.TY) {
			t.Fatalf("%+v: dot (%v, %v) on the wrong side of the thresholds (%v, %v)", r, c.DotX, c.DotY, c.TX, c.TY)
		}
		here := 0
		for _, cell := range c.Cells {
			if cell.Here {
				here++
				if c.DotX < cell.X || c.DotX > cell.X+cell.W || c.DotY < cell.Y || c.DotY > cell.Y+cell.H {
					t.Fatalf("%+v: the marked quadrant %q does not hold the dot", r, cell.Label)
				}
			}
		}
		if here != 1 {
			t.Fatalf("%+v: %d quadrants marked, want 1", r, here)
		}
		for _, tk := range c.Ticks {
			if tk.Y == c.ValueX.Y && math.Abs(tk.X-c.ValueX.X) < 18 {
				t.Fatalf("%+v: readiness label %v overlaps tick %q", r, c.ValueX, tk.Text)
			}
			if tk.X == c.ValueY.X && math.Abs(tk.Y-c.ValueY.Y) < 12 {
				t.Fatalf("%+v: impact label %v overlaps tick %q", r, c.ValueY, tk.Text)
			}
		}
	}
}

func quadrantOf(r *scan.Result) string {
	hi, ready := r.Impact >= r.Thresholds.Impact, r.Readiness >= r.Thresholds.Readiness
	switch {
	case hi && !ready:
		return "vulnerable"
	case hi && ready:
		return "frontrunner"
	case !hi && !ready:
		return "low-urgency"
	}
	return "prepared"
}
