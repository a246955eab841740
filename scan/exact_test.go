package scan_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/fixture"
	"github.com/gooivechtstreek/digiscan/internal/synth"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

func TestRoundRatHalfUp(t *testing.T) {
	for _, c := range []struct {
		num, den int64
		want     float64
	}{
		{115, 2, 58}, {1149999, 20000, 57}, {0, 1, 0}, {1, 2, 1}, {199, 2, 100}, {100, 1, 100}, {2, 3, 1}, {1, 3, 0},
	} {
		if got := scan.RoundRat(big.NewRat(c.num, c.den)); got != c.want {
			t.Errorf("RoundRat(%d/%d) = %v, want %v", c.num, c.den, got, c.want)
		}
	}
	for x, want := range map[float64]float64{57.5: 58, 0.5: 1, 49.5: 50, 49.49: 49} {
		if got := scan.Round(x); got != want {
			t.Errorf("Round(%v) = %v, want %v (half up)", x, got, want)
		}
	}
}

// A score of exactly 57.5 is published as 58: in floating point
// 100 · 0.575 is 57.49999…, which rounds to 57.
func TestExactHalfRoundsUp(t *testing.T) {
	src := strings.Replace(fixture.MiniYAML(), "{id: partly, value: 0.5,", "{id: partly, value: 0.575,", 1)
	qn, err := q.Load("mini.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := fixture.Shop()
	a["green"] = scan.Answer{Choice: "partly"}
	r, err := scan.Score(qn, a, scan.Options{AsOf: date.MustParse("2026-11-27")})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range r.Dimensions {
		if d.ID == "green" && (d.Score == nil || *d.Score != 58) {
			t.Errorf("green = %v, want 58 (exactly 57.5, rounded half up)", dimsOf(r))
		}
	}
}

// Property over random businesses answering the built-in intake: what is
// classified is what is shown. Maturity is the weighted mean of the
// published dimension scores, rounded half up; readiness is maturity; the
// band, quadrant and gaps follow from the published numbers.
func TestScoresAgreeWithThemselves(t *testing.T) {
	g, err := synth.New(7)
	if err != nil {
		t.Fatal(err)
	}
	qn := g.Qn
	if len(qn.Readiness) > 0 {
		t.Skip("the intake blends readiness; this property is for readiness = maturity")
	}
	weight := map[string]*big.Rat{}
	for _, d := range qn.Dimensions {
		w := 1.0
		if d.Weight != nil {
			w = *d.Weight
		}
		weight[d.ID], _ = new(big.Rat).SetString(big.NewFloat(w).Text('g', -1))
	}
	for i := range 3000 {
		r, err := g.Result(i)
		if err != nil {
			t.Fatal(err)
		}
		sum, ws := new(big.Rat), new(big.Rat)
		for _, d := range r.Dimensions {
			if d.Score == nil {
				continue
			}
			if *d.Score != float64(int(*d.Score)) {
				t.Fatalf("scan %d: %s = %v is not whole", i, d.ID, *d.Score)
			}
			sum.Add(sum, new(big.Rat).Mul(big.NewRat(int64(*d.Score), 1), weight[d.ID]))
			ws.Add(ws, weight[d.ID])
			if gap := d.Target - *d.Score; gap >= qn.GapTiers.Minor {
				found := false
				for _, g := range r.Gaps {
					found = found || (g.Dimension == d.ID && g.Gap == gap && g.Score == *d.Score)
				}
				if !found {
					t.Errorf("scan %d: %s %v with target %v has no gap %v in %+v", i, d.ID, *d.Score, d.Target, gap, r.Gaps)
				}
			}
		}
		want := scan.RoundRat(sum.Quo(sum, ws))
		if r.Maturity.Score != want {
			t.Fatalf("scan %d: maturity %v, but the published dimensions %s average %v", i, r.Maturity.Score, dimsOf(r), want)
		}
		if r.Readiness != r.Maturity.Score {
			t.Fatalf("scan %d: readiness %v, maturity %v", i, r.Readiness, r.Maturity.Score)
		}
		if q := scan.Quadrant(r.Impact, r.Readiness, r.Thresholds); r.Quadrant != q {
			t.Fatalf("scan %d: quadrant %s, but impact %v and readiness %v make %s", i, r.Quadrant, r.Impact, r.Readiness, q)
		}
	}
}

func dimsOf(r *scan.Result) string {
	var b strings.Builder
	for _, d := range r.Dimensions {
		if d.Score != nil {
			b.WriteString(big.NewFloat(*d.Score).Text('f', 0) + " ")
		}
	}
	return b.String()
}
