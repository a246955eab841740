package scan

import (
	"math"
	"math/big"
	"strconv"
	"sync"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Scores are computed in exact arithmetic (rationals): every number of a
// questionnaire (option values, plan weight, question and dimension
// weights, priors) is a decimal as written in its file, and a score is a
// ratio of sums of them. Rounding a float instead would publish 57.5 as 57
// when it comes out as 57.4999…; see RoundRat.

var decimals sync.Map // math.Float64bits → *big.Rat, read only once stored

// dec is x as the decimal it was written as (0.1 is 1/10, not the binary
// fraction nearest to it). The result must not be changed.
func dec(x float64) *big.Rat {
	if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
		if x >= 0 && x < float64(len(smallInts)) {
			return smallInts[int(x)]
		}
		return new(big.Rat).SetInt64(int64(x))
	}
	key := math.Float64bits(x)
	if r, ok := decimals.Load(key); ok {
		return r.(*big.Rat)
	}
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(x, 'g', -1, 64))
	if !ok { // NaN or Inf cannot reach here: the questionnaire is validated
		r = new(big.Rat)
	}
	decimals.Store(key, r)
	return r
}

var smallInts = func() (s [101]*big.Rat) {
	for i := range s {
		s[i] = big.NewRat(int64(i), 1)
	}
	return s
}()

var (
	ratZero    = smallInts[0]
	ratOne     = smallInts[1]
	ratHundred = smallInts[100]
)

// RoundRat rounds a non-negative score half up to a whole number: 57.5 is
// 58. Every published score is rounded this way from its exact value.
func RoundRat(r *big.Rat) float64 {
	// floor((2·num + den) / (2·den)); big.Int.Div is Euclidean division,
	// which for the positive denominator is the floor.
	num := new(big.Int).Lsh(r.Num(), 1)
	num.Add(num, r.Denom())
	den := new(big.Int).Lsh(r.Denom(), 1)
	n := num.Div(num, den)
	f, _ := new(big.Float).SetInt(n).Float64()
	return f
}

// effective is Option.Effective, exactly.
func effective(o *q.Option, pw *big.Rat) *big.Rat {
	v := ratZero
	if o.Value != nil {
		v = dec(*o.Value)
	}
	if o.Plan == 0 {
		return v
	}
	r := new(big.Rat).Mul(dec(o.Plan), pw)
	return r.Add(r, v)
}

// checklistWorth is Option.ChecklistWorth, exactly.
func checklistWorth(o *q.Option, pw *big.Rat) *big.Rat {
	if o.Exclusive || o.DontKnow {
		return ratZero
	}
	if o.Value == nil && o.Plan == 0 {
		return ratOne
	}
	return effective(o, pw)
}

// ratAcc sums weighted values exactly.
type ratAcc struct{ sum, w big.Rat }

func (a *ratAcc) add(x, w *big.Rat) {
	var t big.Rat
	a.sum.Add(&a.sum, t.Mul(x, w))
	a.w.Add(&a.w, w)
}

// mean is 100 · sum / w; ok is false when nothing was added.
func (a *ratAcc) mean() (*big.Rat, bool) {
	if a.w.Sign() == 0 {
		return nil, false
	}
	r := new(big.Rat).Quo(&a.sum, &a.w)
	return r.Mul(r, ratHundred), true
}

// roundScore rounds a score computed in floating point half up, as its
// exact value would round: when the float is within a hair of a half
// (where its error could decide), the exact value is worked out. Floating
// point error here is below 1e-12, far inside the hair.
func roundScore(x float64, exact func() *big.Rat) float64 {
	if f := x - math.Floor(x); math.Abs(f-0.5) > 1e-9 {
		return math.Floor(x + 0.5)
	}
	return RoundRat(exact())
}
