package stats

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// ratAudit is an independent check of a protector's result: exact
// rational Gaussian elimination over all atoms (every combination of every
// dimension's values). It returns the suppressed boxes whose value follows
// from the published boxes by adding and subtracting.
func ratAudit(p *protector) []*box {
	n := 1
	for _, s := range p.sizes {
		n *= s
	}
	vec := func(b *box) []*big.Rat {
		x := make([]*big.Rat, n)
		for a := range n {
			r, in := a, true
			for d := len(p.sizes) - 1; d >= 0; d-- {
				v := r % p.sizes[d]
				r /= p.sizes[d]
				if b.masks[d]>>v&1 == 0 {
					in = false
				}
			}
			x[a] = new(big.Rat)
			if in {
				x[a].SetInt64(1)
			}
		}
		return x
	}
	var basis [][]*big.Rat
	var pivots []int
	reduce := func(x []*big.Rat) int {
		for i, row := range basis {
			pc := pivots[i]
			if x[pc].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(x[pc], row[pc])
			for j := range x {
				x[j].Sub(x[j], new(big.Rat).Mul(f, row[j]))
			}
		}
		for j, v := range x {
			if v.Sign() != 0 {
				return j
			}
		}
		return -1
	}
	for _, b := range p.boxes {
		if !b.suppressed {
			x := vec(b)
			if pc := reduce(x); pc >= 0 {
				basis = append(basis, x)
				pivots = append(pivots, pc)
			}
		}
	}
	var out []*box
	for _, b := range p.boxes {
		if b.suppressed && reduce(vec(b)) < 0 {
			out = append(out, b)
		}
	}
	return out
}

// table2 registers a rows × cols table with totals in one family.
func table2(p *protector, counts [][]int) (cells [][]*box, rowTot, colTot []*box, total *box) {
	all := 0
	for i := range counts {
		var row []*box
		rt := 0
		for j, v := range counts[i] {
			row = append(row, p.add(v, 1<<i, 1<<j))
			rt += v
		}
		cells = append(cells, row)
		rowTot = append(rowTot, p.add(rt, 1<<i, 0))
		all += rt
	}
	for j := range counts[0] {
		ct := 0
		for i := range counts {
			ct += counts[i][j]
		}
		colTot = append(colTot, p.add(ct, 0, 1<<j))
	}
	total = p.add(all)
	total.fixed = true
	return
}

// TestComplementarySuppression: in random tables with small counts, every
// small count is suppressed, no row or column (totals included) has
// exactly one suppressed count, and no suppressed count follows from the
// published ones, however they are added and subtracted (an exact
// rational audit, independent of the protector's own).
func TestComplementarySuppression(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		rows, cols := 1+rnd.IntN(6), 1+rnd.IntN(5)
		counts := make([][]int, rows)
		for i := range counts {
			counts[i] = make([]int, cols)
			for j := range counts[i] {
				switch rnd.IntN(4) {
				case 0:
					counts[i][j] = rnd.IntN(5) // often small: 0–4
				case 1:
					counts[i][j] = 0
				default:
					counts[i][j] = 5 + rnd.IntN(40)
				}
			}
		}
		p := newProtector(5, rows, cols)
		p.family()
		cells, rowTot, colTot, total := table2(p, counts)
		p.protect()
		name := fmt.Sprintf("trial %d %v", trial, counts)
		for _, b := range p.boxes {
			if !b.fixed && b.value > 0 && b.value < 5 && !b.suppressed {
				t.Fatalf("%s: small count %d published", name, b.value)
			}
		}
		if total.suppressed {
			t.Fatalf("%s: grand total suppressed", name)
		}
		// The brief's rule: never exactly one suppressed in a row or column.
		lines := [][]*box{}
		for i := range cells {
			lines = append(lines, append(append([]*box{}, cells[i]...), rowTot[i]))
		}
		for j := range colTot {
			col := []*box{colTot[j]}
			for i := range cells {
				col = append(col, cells[i][j])
			}
			lines = append(lines, col)
		}
		lines = append(lines, append(append([]*box{}, rowTot...), total), append(append([]*box{}, colTot...), total))
		for _, l := range lines {
			n := 0
			for _, b := range l {
				if b.suppressed {
					n++
				}
			}
			if n == 1 {
				t.Fatalf("%s: a line with one suppressed count can be recovered by subtraction", name)
			}
		}
		if d := ratAudit(p); len(d) > 0 {
			t.Fatalf("%s: %d suppressed counts follow from the published ones (%s = %d)", name, len(d), d[0].key, d[0].value)
		}
	}
}

// TestLinkedTablesSuppression: per-mode breakdowns, their all-modes
// table and the quadrant × mode table they add up to, audited together.
func TestLinkedTablesSuppression(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for trial := range 60 {
		modes, quads, vals := 2+rnd.IntN(2), 4, 2+rnd.IntN(5)
		count := make([][][]int, modes)
		for m := range count {
			count[m] = make([][]int, quads)
			for qd := range count[m] {
				count[m][qd] = make([]int, vals)
				for v := range count[m][qd] {
					if rnd.IntN(3) == 0 {
						count[m][qd][v] = rnd.IntN(6)
					} else {
						count[m][qd][v] = 5 + rnd.IntN(30)
					}
				}
			}
		}
		sum := func(mm, qm, vm uint64) int {
			n := 0
			for m := range modes {
				for qd := range quads {
					for v := range vals {
						if mm>>m&1 == 1 && qm>>qd&1 == 1 && vm>>v&1 == 1 {
							n += count[m][qd][v]
						}
					}
				}
			}
			return n
		}
		full := func(k int) uint64 { return 1<<k - 1 }
		p := newProtector(5, modes, quads, vals)
		add := func(mm, qm, vm uint64) {
			or := func(m uint64, k int) uint64 {
				if m == 0 {
					return full(k)
				}
				return m
			}
			p.add(sum(or(mm, modes), or(qm, quads), or(vm, vals)), mm, qm, vm)
		}
		quadrantTable := func() {
			for qd := range quads {
				for m := range modes {
					add(1<<m, 1<<qd, 0)
				}
				add(0, 1<<qd, 0)
			}
			for m := range modes {
				add(1<<m, 0, 0)
			}
		}
		p.family()
		p.add(sum(full(modes), full(quads), full(vals))).fixed = true
		quadrantTable()
		p.family()
		quadrantTable()
		for _, mm := range append([]uint64{full(modes)}, 1, 2, 4) {
			if mm > full(modes) {
				continue
			}
			for v := range vals {
				for qd := range quads {
					add(mm, 1<<qd, 1<<v)
				}
				add(mm, 0, 1<<v)
			}
			for qd := range quads {
				add(mm, 1<<qd, 0)
			}
			add(mm, 0, 0)
		}
		p.protect()
		if d := ratAudit(p); len(d) > 0 {
			t.Fatalf("trial %d: %d suppressed counts follow from the published ones (%s = %d)", trial, len(d), d[0].key, d[0].value)
		}
	}
}

func TestModularArithmetic(t *testing.T) {
	for _, a := range []uint64{1, 2, 12345, modulus - 1, 1 << 60} {
		if got := mulmod(a, invmod(a)); got != 1 {
			t.Errorf("a·a⁻¹ = %d for a = %d", got, a)
		}
	}
	var e echelon
	e.add([]uint64{1, 1, 0})
	e.add([]uint64{0, 1, 1})
	if !e.spans([]uint64{1, 0, modulus - 1}) || e.spans([]uint64{1, 0, 0}) {
		t.Error("span test")
	}
}
