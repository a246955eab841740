package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Statistical disclosure control: the cell key method (ABS TableBuilder,
// UK 2021 census), with a minimum cell.
//
// Every counted business has a record key, a number in [0, 2^16) derived
// from the id of its counted scan (a hash: fixed for that scan, unknown to
// readers). A count's cell key is the sum of its records' keys modulo
// 2^16. The published count is the true count plus a perturbation the
// cell key picks (perturbation): 0 for half of the cell keys, ±1 for 20 %
// each, ±2 for 5 % each. The same businesses always give the same cell
// key, so the same count is published the same way in every table, every
// run, every filter and every view: asking again, or for the same cell
// another way, gives nothing new, and a difference of two published
// counts carries the noise of both. A count whose true value is 1 to
// MinCell−1, or whose perturbed value is below MinCell, is not published
// at all (shown "< MinCell"): no small group is named. Zero stays zero
// (an empty cell names nobody).

// MaxNoise is the largest perturbation of a count.
const MaxNoise = 2

// Method names the disclosure control in the report.
const Method = "cell-key-perturbation"

// keySpace is the range of record and cell keys.
const keySpace = 1 << 16

// keySalt makes the record keys digiscan's own (a hash of the scan id alone
// could be worked out by anyone who knows the ids).
const keySalt = "digiscan/stats/record-key/v1\x00"

// recordKey is the record key of a business counted by the scan id.
func recordKey(id string) uint32 {
	// FNV-1a, 64 bits, written out: no allocation per business.
	const offset, prime = 14695981039346656037, 1099511628211
	x := uint64(offset)
	for i := 0; i < len(keySalt); i++ {
		x = (x ^ uint64(keySalt[i])) * prime
	}
	for i := 0; i < len(id); i++ {
		x = (x ^ uint64(id[i])) * prime
	}
	return uint32((x ^ x>>32) % keySpace)
}

// kc is a count with its cell key.
type kc struct {
	n   int
	key uint32 // sum of the record keys mod keySpace
}

func (a kc) plus(b kc) kc { return kc{a.n + b.n, (a.key + b.key) % keySpace} }

// one is the count of one business.
func one(id string) kc { return kc{1, recordKey(id)} }

// noise is the perturbation a cell key picks (the perturbation table).
func noise(key uint32) int {
	u := float64(key%keySpace) / keySpace
	switch {
	case u < 0.05:
		return -2
	case u < 0.25:
		return -1
	case u < 0.75:
		return 0
	case u < 0.95:
		return 1
	}
	return 2
}

// publish returns the published value of a count: perturbed, hidden
// (ok false) when small.
func publish(c kc, minCell int) (value int, ok bool) {
	if c.n == 0 {
		return 0, true
	}
	v := c.n + noise(c.key)
	if c.n < minCell || v < minCell {
		return 0, false
	}
	return v, true
}

// box is one published count: its true count and cell key until
// protect, then the published value.
type box struct {
	key        string
	masks      []uint64 // per dimension: the values counted (bit i: value i)
	count      kc
	value      int
	suppressed bool
}

// protector collects the boxes of a report and publishes them.
type protector struct {
	sizes   []int // values per dimension
	boxes   []*box
	byKey   map[string]*box
	minCell int
	// exact publishes true counts (tests of the arithmetic only);
	// plain hides small counts but publishes the others unperturbed (the
	// auditor's baseline).
	exact, plain bool
	// hidden counts the counts not published because they are small.
	hidden int
	done   bool
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

// add registers the count of a box. masks holds one mask per dimension;
// 0 stands for all values. The same box added twice is one count.
func (p *protector) add(c kc, masks ...uint64) *box {
	m := p.normalize(masks)
	key := p.keyOf(m)
	b := p.byKey[key]
	if b == nil {
		b = &box{key: key, masks: m, count: c, value: c.n}
		p.byKey[b.key] = b
		p.boxes = append(p.boxes, b)
	} else if b.count != c {
		// A box is one set of businesses: two counts of it are a bug.
		panic(fmt.Sprintf("stats: box %s counted as %d and %d", b.key, b.count.n, c.n))
	}
	if p.done {
		p.publish(b)
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

// protect publishes every box (boxes added later are published as they come).
func (p *protector) protect() {
	p.done = true
	for _, b := range p.boxes {
		p.publish(b)
	}
}

func (p *protector) publish(b *box) {
	if p.exact {
		b.value = b.count.n
		return
	}
	c := b.count
	if p.plain {
		c.key = keySpace / 2 // noise 0
	}
	v, ok := publish(c, p.minCell)
	b.value, b.suppressed = v, !ok
	if !ok {
		p.hidden++
	}
}

// lone publishes a count outside the tables.
func (p *protector) lone(c kc) *box {
	b := &box{count: c, value: c.n}
	p.publish(b)
	return b
}

func protection(opt Options) Protection {
	if opt.exact {
		return Protection{Method: "none", MinCell: 1}
	}
	if opt.plain {
		return Protection{Method: "suppression", MinCell: opt.MinCell}
	}
	return Protection{Method: Method, MinCell: opt.MinCell, MaxNoise: MaxNoise}
}

// z95 is the normal quantile of a two-sided 95 % interval.
const z95 = 1.959963984540054

// Wilson is the Wilson score 95 % interval of the share k of n (0, 0 for
// n = 0). Unlike the normal approximation it stays within 0..1 and is
// honest for small n and for shares near 0 or 1.
func Wilson(k, n int) (low, high float64) {
	if n <= 0 {
		return 0, 0
	}
	k = min(max(k, 0), n)
	p, fn := float64(k)/float64(n), float64(n)
	z2 := z95 * z95
	mid := (p + z2/(2*fn)) / (1 + z2/fn)
	half := z95 / (1 + z2/fn) * math.Sqrt(p*(1-p)/fn+z2/(4*fn*fn))
	low, high = max(0, mid-half), min(1, mid+half)
	if k == 0 { // exactly, not a rounding error above it
		low = 0
	}
	if k == n {
		high = 1
	}
	return low, high
}

// Versus places a target against a share's interval: "below" when the
// whole interval lies under it, "above" over it, else "not-different".
func Versus(c Cell, target float64) string {
	switch {
	case c.High < target:
		return "below"
	case c.Low > target:
		return "above"
	}
	return "not-different"
}

// smallGroup is the size under which a group's split is not published
// (see pending.table): twice the minimum cell; 0 without protection.
func (p *protector) smallGroup() int {
	if p.exact {
		return 0
	}
	return 2 * p.minCell
}
