package stats

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Statistical disclosure control for the counts of a report.
//
// Every published count is the number of scans in a "box": for each
// dimension (mode, quadrant, municipality, …) a set of values (all of them
// for a dimension the count does not split by). A table cell, its row and
// column totals and the grand total are boxes of one table; the same box
// may be published in several tables (the quadrant counts per mode are the
// column totals of every breakdown). Counts of 1 to MinCell−1 are
// suppressed (primary suppression). Then, family by family (the tables
// that share dimensions: a breakdown together with the quadrant table it
// adds up to), an exact audit asks for every suppressed count whether it
// follows from the published ones by adding and subtracting (is its box a
// linear combination of the published boxes?); while one does, another
// count of its row or column is suppressed (complementary suppression,
// smallest first). So no suppressed count can be recovered from totals,
// however they are combined within a family. The audit works modulo the
// prime 2^61−1, exactly (no rounding).

// box is one published count.
type box struct {
	key        string
	masks      []uint64 // per dimension: the values counted (bit i: value i)
	value      int
	suppressed bool
	fixed      bool // never suppressed (the grand total, stated with every report)
	constrain  int  // how many dimensions the box splits by (interior cells split more)
}

// protector collects the boxes of a report and protects them.
type protector struct {
	sizes    []int // values per dimension
	boxes    []*box
	byKey    map[string]*box
	families [][]*box
	minCell  int
	// primary and complementary count the suppressed cells: small ones,
	// and those suppressed to protect them.
	primary, complementary int
}

func newProtector(minCell int, sizes ...int) *protector {
	return &protector{sizes: sizes, byKey: map[string]*box{}, minCell: minCell}
}

func (p *protector) full(d int) uint64 {
	if p.sizes[d] >= 64 {
		return ^uint64(0)
	}
	return 1<<p.sizes[d] - 1
}

// family starts a new family of tables; boxes added next belong to it.
func (p *protector) family() { p.families = append(p.families, nil) }

// add publishes the count of a box in the current family. masks holds
// one mask per dimension; 0 stands for all values. The same box added
// twice (in one family or several) is one count.
func (p *protector) add(value int, masks ...uint64) *box {
	m := p.normalize(masks)
	key := p.keyOf(m)
	constrain := 0
	for d, x := range m {
		if x != p.full(d) {
			constrain++
		}
	}
	b := p.byKey[key]
	if b == nil {
		b = &box{key: key, masks: m, value: value, constrain: constrain}
		p.byKey[b.key] = b
		p.boxes = append(p.boxes, b)
	} else if b.value != value {
		panic(fmt.Sprintf("stats: box %s counted as %d and %d", b.key, b.value, value))
	}
	fam := &p.families[len(p.families)-1]
	if !slices.Contains(*fam, b) {
		*fam = append(*fam, b)
	}
	return b
}

// normalize fills in all values for dimensions a mask leaves open (0 or
// missing).
func (p *protector) normalize(masks []uint64) []uint64 {
	m := make([]uint64, len(p.sizes))
	for d := range p.sizes {
		m[d] = p.full(d)
		if d < len(masks) && masks[d] != 0 {
			m[d] = masks[d] & p.full(d)
		}
	}
	return m
}

// keyOf is the key of the box with these masks.
func (p *protector) keyOf(masks []uint64) string {
	var key strings.Builder
	for _, x := range p.normalize(masks) {
		key.WriteString(strconv.FormatUint(x, 36))
		key.WriteByte('/')
	}
	return key.String()
}

// protect applies primary and complementary suppression. Fixed boxes keep
// the status they were given and are never chosen as complements.
func (p *protector) protect() {
	for _, b := range p.boxes {
		if !b.fixed && b.value > 0 && b.value < p.minCell {
			b.suppressed = true
			p.primary++
		}
	}
	for {
		changed := false
		for _, fam := range p.families {
			// The boxes' vectors depend on the family alone, not on what
			// is suppressed: worked out once.
			vecs := p.vectors(fam)
			// One disclosed count at a time: its complements may protect others.
			for {
				d := p.disclosedIn(fam, vecs)
				if len(d) == 0 {
					break
				}
				added := false
				for _, c := range p.complement(fam, d[0]) {
					if !c.suppressed {
						c.suppressed = true
						p.complementary++
						changed, added = true, true
					}
				}
				if !added {
					break // nothing left to suppress around it
				}
			}
		}
		if !changed {
			return
		}
	}
}

// sibling reports whether a lies in the same row or column as b: the
// same box but in one dimension.
func sibling(a, b *box) bool {
	diff := 0
	for d := range a.masks {
		if a.masks[d] != b.masks[d] {
			diff++
		}
	}
	return diff == 1
}

// complement picks the counts to suppress next to protect v.
//
// First choice is a hypercube (the classic heuristic for tables with
// margins): for every dimension of the family another coordinate (another
// value or the total), and the 2^k boxes that combine v's coordinates with
// those; changing them by +1 and −1 in turn keeps every total, so none of
// them follows from the totals. The cheapest such cube is chosen: the
// smallest sum of counts not yet suppressed, zeros last (a hidden zero
// protects only on paper: counts are never negative, so a hidden 3 beside a
// hidden 0 whose total is 3 is known after all). When no cube fits, the
// smallest published count in v's row or column, else in the family.
// The audit decides whether it was enough.
func (p *protector) complement(fam []*box, v *box) []*box {
	if c := p.cube(fam, v); len(c) > 0 {
		return c
	}
	var best *box
	better := func(c *box) bool {
		switch {
		case best == nil:
			return true
		case (c.value == 0) != (best.value == 0):
			return c.value != 0
		case c.value != best.value:
			return c.value < best.value
		case c.constrain != best.constrain:
			return c.constrain > best.constrain
		}
		return c.key < best.key
	}
	for _, c := range fam {
		if !c.suppressed && !c.fixed && sibling(c, v) && better(c) {
			best = c
		}
	}
	if best == nil {
		for _, c := range fam {
			if !c.suppressed && !c.fixed && better(c) {
				best = c
			}
		}
	}
	if best == nil {
		return nil
	}
	return []*box{best}
}

// zeroCost makes a cube with a hidden zero the last resort.
const zeroCost = 1 << 20

// cube finds the cheapest hypercube of published boxes around v (see
// complement); nil when none fits.
func (p *protector) cube(fam []*box, v *box) []*box {
	nd := len(p.sizes)
	byKey := make(map[string]*box, len(fam))
	coords := make([][]uint64, nd) // the masks the family uses per dimension
	for _, b := range fam {
		byKey[b.key] = b
		for d, m := range b.masks {
			if !slices.Contains(coords[d], m) {
				coords[d] = append(coords[d], m)
			}
		}
	}
	var vary []int // dimensions with alternatives
	for d := range nd {
		if len(coords[d]) > 1 {
			vary = append(vary, d)
		}
	}
	if len(vary) == 0 || len(vary) > 6 {
		return nil
	}
	var best []*box
	bestCost := -1
	alt := make([]uint64, nd)
	var try func(i int)
	try = func(i int) {
		if i < len(vary) {
			d := vary[i]
			for _, m := range coords[d] {
				if m != v.masks[d] {
					alt[d] = m
					try(i + 1)
				}
			}
			return
		}
		corners := make([]*box, 0, 1<<len(vary))
		cost := 0
		masks := slices.Clone(v.masks)
		for c := range 1 << len(vary) {
			for j, d := range vary {
				masks[d] = v.masks[d]
				if c>>j&1 == 1 {
					masks[d] = alt[d]
				}
			}
			b := byKey[p.keyOf(masks)]
			if b == nil || (b.fixed && !b.suppressed) {
				return
			}
			if !b.suppressed {
				cost += b.value
				if b.value == 0 {
					cost += zeroCost
				}
				if bestCost >= 0 && cost >= bestCost {
					return
				}
			}
			corners = append(corners, b)
		}
		if bestCost < 0 || cost < bestCost {
			best, bestCost = corners, cost
		}
	}
	try(0)
	var out []*box
	for _, b := range best {
		if !b.suppressed {
			out = append(out, b)
		}
	}
	return out
}

// disclosed returns the suppressed boxes of a family whose count follows
// from the family's published counts.
func (p *protector) disclosed(fam []*box) []*box {
	if !slices.ContainsFunc(fam, func(b *box) bool { return b.suppressed }) {
		return nil
	}
	return p.disclosedIn(fam, p.vectors(fam))
}

// vectors are the boxes' vectors over the family's atoms, in fam's order.
func (p *protector) vectors(fam []*box) [][]uint64 {
	vec := p.atoms(fam)
	out := make([][]uint64, len(fam))
	for i, b := range fam {
		out[i] = vec(b)
	}
	return out
}

// disclosedIn is disclosed with the boxes' vectors worked out.
func (p *protector) disclosedIn(fam []*box, vecs [][]uint64) []*box {
	if !slices.ContainsFunc(fam, func(b *box) bool { return b.suppressed }) {
		return nil
	}
	var e echelon
	for i, b := range fam {
		if !b.suppressed {
			e.add(slices.Clone(vecs[i])) // add works in place
		}
	}
	var out []*box
	for i, b := range fam {
		if b.suppressed && e.spans(vecs[i]) {
			out = append(out, b)
		}
	}
	return out
}

// atoms returns the indicator vector of a box over the family's atoms:
// the cells of the finest table the family's boxes add up from (values
// no box of the family tells apart are one class).
func (p *protector) atoms(fam []*box) func(*box) []uint64 {
	nd := len(p.sizes)
	classOf := make([][]int, nd) // dimension → value → class
	classes := make([]int, nd)
	for d := range nd {
		sig := map[string]int{}
		classOf[d] = make([]int, p.sizes[d])
		for v := range p.sizes[d] {
			var s []byte
			for _, b := range fam {
				s = append(s, byte(b.masks[d]>>v&1))
			}
			c, ok := sig[string(s)]
			if !ok {
				c = len(sig)
				sig[string(s)] = c
			}
			classOf[d][v] = c
		}
		classes[d] = len(sig)
	}
	n := 1
	for _, c := range classes {
		n *= c
	}
	return func(b *box) []uint64 {
		// The classes of each dimension the box counts.
		in := make([][]bool, nd)
		for d := range nd {
			in[d] = make([]bool, classes[d])
			for v := range p.sizes[d] {
				if b.masks[d]>>v&1 == 1 {
					in[d][classOf[d][v]] = true
				}
			}
		}
		x := make([]uint64, n)
		idx := make([]int, nd)
		for a := range n {
			r := a
			ok := true
			for d := nd - 1; d >= 0; d-- {
				idx[d] = r % classes[d]
				r /= classes[d]
				if !in[d][idx[d]] {
					ok = false
				}
			}
			if ok {
				x[a] = 1
			}
		}
		return x
	}
}

// modulus is the prime 2^61−1: the audit's arithmetic is exact modulo it.
const modulus = 1<<61 - 1

func mulmod(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	r := hi<<3 | lo>>61
	r += lo & modulus
	for r >= modulus {
		r -= modulus
	}
	return r
}

func submod(a, b uint64) uint64 {
	if a >= b {
		return a - b
	}
	return a + modulus - b
}

func invmod(a uint64) uint64 {
	// Fermat: a^(p−2).
	r, e := uint64(1), uint64(modulus-2)
	for e > 0 {
		if e&1 == 1 {
			r = mulmod(r, a)
		}
		a = mulmod(a, a)
		e >>= 1
	}
	return r
}

// echelon is a basis of published boxes in row echelon form, pivots 1.
type echelon struct {
	rows  [][]uint64
	pivot []int
}

// reduce eliminates x against the basis (in place) and returns the first
// nonzero position left (-1 when x is in the span).
func (e *echelon) reduce(x []uint64) int {
	for i, r := range e.rows {
		pc := e.pivot[i]
		if f := x[pc]; f != 0 {
			for j := pc; j < len(x); j++ {
				if r[j] != 0 {
					x[j] = submod(x[j], mulmod(f, r[j]))
				}
			}
		}
	}
	for j, v := range x {
		if v != 0 {
			return j
		}
	}
	return -1
}

// add puts x into the basis if it is independent of it.
func (e *echelon) add(x []uint64) {
	pc := e.reduce(x)
	if pc < 0 {
		return
	}
	inv := invmod(x[pc])
	for j := pc; j < len(x); j++ {
		x[j] = mulmod(x[j], inv)
	}
	// Rows stay ordered by pivot: x is zero before pc and at every other
	// pivot, rows after it are zero before their own pivots, and reduce
	// clears an entry an earlier row leaves at pc when it reaches x.
	i, _ := slices.BinarySearch(e.pivot, pc)
	e.rows = slices.Insert(e.rows, i, x)
	e.pivot = slices.Insert(e.pivot, i, pc)
}

// spans reports whether x is a linear combination of the basis.
func (e *echelon) spans(x []uint64) bool {
	return e.reduce(slices.Clone(x)) < 0
}
