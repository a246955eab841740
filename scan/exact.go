package scan

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"sync"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Scores are computed in exact arithmetic (rationals): every number of a
// questionnaire (option values, plan weight, question and dimension
// weights, priors) is a decimal as written in its file, and a score is a
// ratio of sums of them. Rounding a float instead would publish 57.5 as 57
// when it comes out as 57.4999…; see RoundRat.
//
// The exact value is worked out in fractions of int64 (small) first:
// the numbers of a questionnaire are decimals with few digits, so they
// fit with room to spare. Should an operation overflow, the value is
// worked out again in math/big (bigRat); both give the same rational,
// so the same rounding.

// num is exact arithmetic on the numbers of a questionnaire: small or
// bigRat. A value is never changed; operations return new ones.
type num[N any] interface {
	of(x float64) N // the decimal x was written as (the receiver is not read)
	add(N) N
	sub(N) N
	mul(N) N
	quo(N) N // the divisor is not zero
	cmp(N) int
	sign() int
	// round rounds half up to a whole number (RoundRat); ok is false when
	// the value overflowed on the way (small only).
	round() (x float64, ok bool)
}

// exactly is the rounding of a value worked out by fs in int64 fractions,
// or when they overflow by fb in math/big: fs and fb are one generic
// computation, instantiated twice.
func exactly(fs func() small, fb func() bigRat) float64 {
	if x, ok := fs().round(); ok {
		return x
	}
	x, _ := fb().round()
	return x
}

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

// bigRat is a rational in math/big.
type bigRat struct{ r *big.Rat }

func (bigRat) of(x float64) bigRat      { return bigRat{dec(x)} }
func (a bigRat) add(b bigRat) bigRat    { return bigRat{new(big.Rat).Add(a.r, b.r)} }
func (a bigRat) sub(b bigRat) bigRat    { return bigRat{new(big.Rat).Sub(a.r, b.r)} }
func (a bigRat) mul(b bigRat) bigRat    { return bigRat{new(big.Rat).Mul(a.r, b.r)} }
func (a bigRat) quo(b bigRat) bigRat    { return bigRat{new(big.Rat).Quo(a.r, b.r)} }
func (a bigRat) cmp(b bigRat) int       { return a.r.Cmp(b.r) }
func (a bigRat) sign() int              { return a.r.Sign() }
func (a bigRat) round() (float64, bool) { return RoundRat(a.r), true }

// small is a rational in int64: n/d in lowest terms, d > 0. over marks a
// value that did not fit (an operation overflowed): it stays over, and
// cannot be rounded. So that no maximum or test for zero drops it on the
// way, an overflowed value is positive and greater than any other.
type small struct {
	n, d int64
	over bool
}

var overflowed = small{n: 1, d: 1, over: true}

var smallDecimals sync.Map // math.Float64bits → small

func (small) of(x float64) small {
	if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
		return small{n: int64(x), d: 1}
	}
	key := math.Float64bits(x)
	if s, ok := smallDecimals.Load(key); ok {
		return s.(small)
	}
	r, s := dec(x), overflowed
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		s = small{n: r.Num().Int64(), d: r.Denom().Int64()}
	}
	smallDecimals.Store(key, s)
	return s
}

// mul64 is a·b, ok false when it overflows.
func mul64(a, b int64) (int64, bool) {
	neg := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

// add64 is a+b, ok false when it overflows.
func add64(a, b int64) (int64, bool) {
	c := a + b
	if (c > a) != (b > 0) {
		return 0, false
	}
	return c, true
}

func abs64(a int64) uint64 {
	if a < 0 {
		return uint64(-a) // MinInt64 stays 1<<63 as a uint64
	}
	return uint64(a)
}

func gcd64(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// norm puts n/d (d ≠ 0) in lowest terms with d > 0.
func norm(n, d int64) small {
	if n == math.MinInt64 || d == math.MinInt64 {
		return overflowed
	}
	if d < 0 {
		n, d = -n, -d
	}
	if n == 0 {
		return small{n: 0, d: 1}
	}
	if g := int64(gcd64(abs64(n), uint64(d))); g > 1 {
		n, d = n/g, d/g
	}
	return small{n: n, d: d}
}

func (a small) add(b small) small {
	if a.over || b.over {
		return overflowed
	}
	g := int64(gcd64(uint64(a.d), uint64(b.d)))
	x, ok1 := mul64(a.n, b.d/g)
	y, ok2 := mul64(b.n, a.d/g)
	n, ok3 := add64(x, y)
	d, ok4 := mul64(a.d, b.d/g)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return overflowed
	}
	return norm(n, d)
}

func (a small) sub(b small) small {
	if b.n == math.MinInt64 {
		return overflowed
	}
	return a.add(small{n: -b.n, d: b.d, over: b.over})
}

func (a small) mul(b small) small {
	if a.over || b.over {
		return overflowed
	}
	if a.n == 0 || b.n == 0 {
		return small{n: 0, d: 1}
	}
	// Cross-cancel first: the products stay as small as they can.
	g1 := int64(gcd64(abs64(a.n), uint64(b.d)))
	g2 := int64(gcd64(abs64(b.n), uint64(a.d)))
	n, ok1 := mul64(a.n/g1, b.n/g2)
	d, ok2 := mul64(a.d/g2, b.d/g1)
	if !ok1 || !ok2 {
		return overflowed
	}
	return norm(n, d)
}

func (a small) quo(b small) small {
	if a.over || b.over || b.n == math.MinInt64 {
		return overflowed
	}
	return a.mul(norm(b.d, b.n))
}

// cmp compares a·b.d with b·a.d in 128 bits (no overflow). An overflowed
// value is the greater (see small).
func (a small) cmp(b small) int {
	switch {
	case a.over && b.over:
		return 0
	case a.over:
		return 1
	case b.over:
		return -1
	}
	if sa, sb := a.sign(), b.sign(); sa != sb || sa == 0 {
		return cmp.Compare(sa, sb)
	}
	hx, lx := bits.Mul64(abs64(a.n), uint64(b.d))
	hy, ly := bits.Mul64(abs64(b.n), uint64(a.d))
	c := 0
	switch {
	case hx != hy:
		c = cmp.Compare(hx, hy)
	default:
		c = cmp.Compare(lx, ly)
	}
	if a.n < 0 {
		return -c
	}
	return c
}

func (a small) sign() int {
	switch {
	case a.over:
		return 1
	case a.n < 0:
		return -1
	case a.n > 0:
		return 1
	}
	return 0
}

// round is RoundRat: floor((2·n + d) / (2·d)).
func (a small) round() (float64, bool) {
	if a.over {
		return 0, false
	}
	n, ok1 := mul64(a.n, 2)
	n, ok2 := add64(n, a.d)
	d, ok3 := mul64(a.d, 2)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	x := n / d
	if n%d != 0 && n < 0 {
		x-- // the floor, as RoundRat's Euclidean division
	}
	return float64(x), true
}

// effective is Option.Effective, exactly.
func effective[N num[N]](o *q.Option, pw N) N {
	var z N
	v := z.of(0)
	if o.Value != nil {
		v = z.of(*o.Value)
	}
	if o.Plan == 0 {
		return v
	}
	return z.of(o.Plan).mul(pw).add(v)
}

// checklistWorth is Option.ChecklistWorth, exactly.
func checklistWorth[N num[N]](o *q.Option, pw N) N {
	var z N
	if o.Exclusive || o.DontKnow {
		return z.of(0)
	}
	if o.Value == nil && o.Plan == 0 {
		return z.of(1)
	}
	return effective(o, pw)
}

// ratAcc sums weighted values exactly.
type ratAcc[N num[N]] struct {
	sum, w N
	any    bool // something was added
}

func (a *ratAcc[N]) add(x, w N) {
	if !a.any {
		a.sum, a.w, a.any = x.mul(w), w, true
		return
	}
	a.sum = a.sum.add(x.mul(w))
	a.w = a.w.add(w)
}

// mean is 100 · sum / w; ok is false when nothing was added (or the
// weights add up to zero).
func (a *ratAcc[N]) mean() (N, bool) {
	if !a.any || a.w.sign() == 0 {
		var z N
		return z, false
	}
	return a.sum.quo(a.w).mul(a.sum.of(100)), true
}

// roundScore rounds a score computed in floating point half up, as its
// exact value would round: when the float is within a hair of a half
// (where its error could decide), the exact value is worked out. Floating
// point error here is below 1e-12, far inside the hair.
func roundScore(x float64, exact func() float64) float64 {
	if f := x - math.Floor(x); math.Abs(f-0.5) > 1e-9 {
		return math.Floor(x + 0.5)
	}
	return exact()
}
