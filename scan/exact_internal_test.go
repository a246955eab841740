package scan

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// The fast floating-point value of a question and the exact one agree for
// random answers to every question of the built-in intake and the test
// questionnaire (including "don't know" on impact and readiness), so
// rounding from either gives the same score away from a half.
func TestFloatAndExactValuesAgree(t *testing.T) {
	intake, err := q.Builtin("intake")
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, qn := range []*q.Questionnaire{intake, mini(t)} {
		for range 2000 {
			answers := Answers{}
			for _, qu := range qn.Questions() {
				if len(qu.Options) == 0 && qu.Type != q.YesNo {
					continue
				}
				switch {
				case qu.Type == q.YesNo:
					answers[qu.ID] = Answer{Choice: []string{Yes, No, q.DontKnowID}[rnd.IntN(3)]}
				case qu.IsMatrix():
					items := map[string]string{}
					for _, it := range qu.Items {
						items[it.ID] = qu.Options[rnd.IntN(len(qu.Options))].ID
					}
					answers[qu.ID] = Answer{Items: items}
				case qu.Type == q.Multi:
					var ids []string
					for _, o := range qu.Options {
						if rnd.IntN(3) == 0 {
							ids = append(ids, o.ID)
						}
					}
					answers[qu.ID] = Answer{Choices: ids}
				default:
					answers[qu.ID] = Answer{Choice: qu.Options[rnd.IntN(len(qu.Options))].ID}
				}
			}
			sc := new(scratch)
			sc.vis.reset(qn, answers)
			s := scorer{qn: qn, vis: &sc.vis, pwF: qn.PlanWeightOrDefault(), slotBuf: &sc.slots}
			pwS, pwB := small{}.of(s.pwF), bigRat{}.of(s.pwF)
			for _, qu := range qn.Questions() {
				v := &sc.vis.vals[qu.Order]
				if qu.Target == q.TargetNone || !sc.vis.Question(qu) || !v.set {
					continue
				}
				xf, okf := s.valueF(qu, v)
				xr, okr := value(&s, qu, v, pwB)
				xs, oks := value(&s, qu, v, pwS)
				if okf != okr || oks != okr {
					t.Fatalf("%s %s: float ok %v, exact ok %v, int64 ok %v (%+v)", qn.ID, qu.ID, okf, okr, oks, answers[qu.ID])
				}
				if !okr {
					continue
				}
				if f, _ := xr.r.Float64(); math.Abs(f-xf) > 1e-12 {
					t.Fatalf("%s %s: float %v, exact %v (%+v)", qn.ID, qu.ID, xf, xr.r, answers[qu.ID])
				}
				if !sameRat(xs, xr) {
					t.Fatalf("%s %s: int64 %+v, exact %v (%+v)", qn.ID, qu.ID, xs, xr.r, answers[qu.ID])
				}
			}
			// The means the scores are rounded from agree too.
			for i := range qn.Dimensions {
				ms, oks := exactMean[small](&s, i)
				mb, okb := exactMean[bigRat](&s, i)
				if oks != okb || okb && !sameRat(ms, mb) {
					t.Fatalf("%s dimension %d: int64 %+v (%v), exact %v (%v)", qn.ID, i, ms, oks, mb.r, okb)
				}
			}
			for _, prior := range []float64{qn.Impact.DefaultPrior, 57.5, 33.3} {
				if is, ib := exactImpact[small](&s, prior), exactImpact[bigRat](&s, prior); !sameRat(is, ib) {
					t.Fatalf("%s impact: int64 %+v, exact %v", qn.ID, is, ib.r)
				}
			}
		}
	}
}

// sameRat reports whether an int64 fraction that did not overflow is the
// big.Rat b.
func sameRat(a small, b bigRat) bool {
	return !a.over && a.d > 0 && big.NewRat(a.n, a.d).Cmp(b.r) == 0
}

// randDecimal is a decimal as questionnaires write them: a few digits,
// up to three after the point (0.575, 1.5, 12, 0.125).
func randDecimal(rnd *rand.Rand) float64 {
	x, _ := strconv.ParseFloat(strconv.FormatFloat(float64(rnd.IntN(2001))/[]float64{1, 10, 100, 1000}[rnd.IntN(4)], 'f', -1, 64), 64)
	return x
}

// The int64 fractions compute exactly what math/big does: random
// weighted means of decimals (the exact fallback of roundScore), many
// of them exact halves, round the same; where the fractions overflow
// they say so, and exactly falls back to math/big.
func TestSmallRationalsAgreeWithBig(t *testing.T) {
	rnd := rand.New(rand.NewPCG(14, 4))
	halves, overflows := 0, 0
	for i := range 20000 {
		var as ratAcc[small]
		var ab ratAcc[bigRat]
		n := 1 + rnd.IntN(12)
		xs := make([]float64, n)
		ws := make([]float64, n)
		for j := range n {
			xs[j], ws[j] = randDecimal(rnd), randDecimal(rnd)
			if i%3 == 0 { // whole scores with unit weights: halves are common
				xs[j], ws[j] = float64(rnd.IntN(101)), 1
			}
			if i%7 == 0 && j == 0 { // a value that does not fit int64 arithmetic
				xs[j] = 1.0 / float64(1+rnd.IntN(1<<20)) * 1e-300
			}
			as.add(small{}.of(xs[j]).quo(small{}.of(100)), small{}.of(ws[j]))
			ab.add(bigRat{}.of(xs[j]).quo(bigRat{}.of(100)), bigRat{}.of(ws[j]))
		}
		ms, oks := as.mean()
		mb, okb := ab.mean()
		if oks != okb {
			t.Fatalf("case %d: int64 ok %v, big ok %v", i, oks, okb)
		}
		if !okb {
			continue
		}
		want := RoundRat(mb.r)
		if ms.over {
			overflows++
		} else {
			if !sameRat(ms, mb) {
				t.Fatalf("case %d (%v weighted %v): int64 %d/%d, big %v", i, xs, ws, ms.n, ms.d, mb.r)
			}
			if got, ok := ms.round(); !ok || got != want {
				t.Fatalf("case %d (%v weighted %v): int64 rounds %v (%v), big %v (%v)", i, xs, ws, got, ok, want, mb.r)
			}
			if ms.d == 2 {
				halves++
			}
		}
		if got := exactly(func() small { return ms }, func() bigRat { return mb }); got != want {
			t.Fatalf("case %d: exactly %v, want %v", i, got, want)
		}
	}
	if halves < 500 || overflows < 100 {
		t.Fatalf("the cases are not what they should be: %d exact halves, %d overflows", halves, overflows)
	}
}

func TestSmallRationalArithmetic(t *testing.T) {
	r := func(n, d int64) small { return norm(n, d) }
	for _, c := range []struct {
		name string
		got  small
		want small
	}{
		{"add", r(1, 3).add(r(1, 6)), r(1, 2)},
		{"sub", r(1, 2).sub(r(3, 4)), r(-1, 4)},
		{"mul", r(-2, 3).mul(r(9, 4)), r(-3, 2)},
		{"quo", r(1, 2).quo(r(-1, 4)), r(-2, 1)},
		{"norm", r(6, -4), small{n: -3, d: 2}},
		{"decimal", small{}.of(0.575), small{n: 23, d: 40}},
		{"overflow add", r(math.MaxInt64, 1).add(r(1, 1)), overflowed},
		{"overflow mul", r(1<<40, 1).mul(r(1<<40, 1)), overflowed},
		{"overflow sticks", overflowed.add(r(1, 1)).mul(r(0, 1)), overflowed},
	} {
		if c.got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, c.got, c.want)
		}
	}
	for _, c := range []struct {
		x    small
		want float64
	}{{r(115, 2), 58}, {r(1149999, 20000), 57}, {r(1, 2), 1}, {r(199, 2), 100}, {r(1, 3), 0}, {r(-1, 2), 0}, {r(-3, 2), -1}} {
		if got, ok := c.x.round(); !ok || got != c.want {
			t.Errorf("round %d/%d = %v (%v), want %v", c.x.n, c.x.d, got, ok, c.want)
		}
		if want := RoundRat(big.NewRat(c.x.n, c.x.d)); want != c.want {
			t.Errorf("RoundRat %d/%d = %v, want %v", c.x.n, c.x.d, want, c.want)
		}
	}
	if c := r(1<<62, 3).cmp(r(1<<62-1, 3)); c != 1 {
		t.Errorf("cmp of large fractions = %d, want 1", c)
	}
	if c := r(-1, 3).cmp(r(-1, 2)); c != 1 {
		t.Errorf("cmp(-1/3, -1/2) = %d, want 1", c)
	}
	// An overflowed value is never dropped as zero or as less than the
	// best so far: a maximum or a sum it enters overflows too.
	if overflowed.sign() != 1 || overflowed.cmp(r(1<<62, 1)) != 1 || r(1<<62, 1).cmp(overflowed) != -1 {
		t.Errorf("an overflowed value must be positive and the greatest")
	}
}

// A question whose option value does not fit int64 fractions is worked
// out in math/big: its maximum (a scale) or its slot's best (a checklist)
// is not dropped on the way, so the int64 value says it overflowed.
func TestSmallOverflowIsNotDropped(t *testing.T) {
	intake, err := q.Builtin("intake")
	if err != nil {
		t.Fatal(err)
	}
	tiny, checked := 1e-300, 0
	for _, qu := range intake.Questions() {
		if qu.Target == q.TargetNone || qu.IsMatrix() || len(qu.Options) < 2 || (qu.Type != q.Multi && qu.Type != q.Single) {
			continue
		}
		// A copy of the question, its first option worth 1e-300 (a
		// denominator of 301 digits).
		cp := *qu
		cp.Static = false
		cp.Options = slices.Clone(qu.Options)
		o := *cp.Options[0]
		o.Value, o.Plan = &tiny, 0
		cp.Options[0] = &o
		sc := new(scratch)
		sc.vis.reset(intake, Answers{})
		s := scorer{qn: intake, vis: &sc.vis, pwF: intake.PlanWeightOrDefault(), slotBuf: &sc.slots}
		v := val{set: true, choice: 0, mask: 1}
		xs, oks := value(&s, &cp, &v, small{}.of(s.pwF))
		xb, okb := value(&s, &cp, &v, bigRat{}.of(s.pwF))
		if !okb {
			continue
		}
		if !oks || !xs.over {
			t.Errorf("%s: int64 %+v (%v), want it overflowed (exact %v)", qu.ID, xs, oks, xb.r)
		}
		checked++
	}
	if checked < 5 {
		t.Fatalf("%d questions checked: the intake has more scales and checklists", checked)
	}
}
