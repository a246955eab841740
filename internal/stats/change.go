package stats

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// DeltaIDs are the changes reported for re-scanned businesses.
var DeltaIDs = append(slices.Clone(q.DimensionIDs), "maturity", "impact", "readiness", "dii_count")

// changeAcc adds up the re-scanned businesses: first scan (T0) against
// latest (T1).
type changeAcc struct {
	sums [10]struct {
		n      kc
		t0, t1 float64
	}
	trans        [4][4]kc
	pairs        kc
	crossVersion int
	groups       [3]struct {
		n, sameMode kc
		months      float64
		sums        [3]struct{ t0, t1 float64 } // maturity, impact, readiness
	}
}

func (c *changeAcc) add(first, last *store.Brief, group int) {
	rec := one(last.ID)
	c.pairs = c.pairs.plus(rec)
	g := &c.groups[group]
	g.n = g.n.plus(rec)
	if first.Mode == last.Mode {
		g.sameMode = g.sameMode.plus(rec)
	}
	if d0, err := date.Parse(first.Date); err == nil {
		if d1, err := date.Parse(last.Date); err == nil {
			g.months += float64(d1.Sub(d0)) / 30.44
		}
	}
	for i, x := range [][2]float64{{first.Maturity, last.Maturity}, {first.Impact, last.Impact}, {first.Readiness, last.Readiness}} {
		g.sums[i].t0 += x[0]
		g.sums[i].t1 += x[1]
	}
	if first.QuestionnaireID != last.QuestionnaireID || first.QuestionnaireVersion != last.QuestionnaireVersion {
		c.crossVersion++
	}
	put := func(i int, a, b float64) {
		if math.IsNaN(a) || math.IsNaN(b) {
			return
		}
		c.sums[i].n = c.sums[i].n.plus(rec)
		c.sums[i].t0 += a
		c.sums[i].t1 += b
	}
	for i := range q.DimensionIDs {
		put(i, first.Dimensions[i], last.Dimensions[i])
	}
	put(6, first.Maturity, last.Maturity)
	put(7, first.Impact, last.Impact)
	put(8, first.Readiness, last.Readiness)
	if first.DIIVersion == last.DIIVersion { // never compare across indicator sets
		put(9, float64(first.DII), float64(last.DII))
	}
	a, b := slices.Index(q.QuadrantIDs, first.Quadrant), slices.Index(q.QuadrantIDs, last.Quadrant)
	if a >= 0 && b >= 0 {
		c.trans[a][b] = c.trans[a][b].plus(rec)
	}
}

// report puts the change into the report, protected: nothing when the
// number of re-scanned businesses is not published, means of groups whose
// count is published, the transitions by their cell keys.
func (c *changeAcc) report(opt Options, rep *Report) {
	if c.crossVersion > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d re-scanned businesses answered different questionnaire versions at T0 and T1: their changes compare only what both versions scored", c.crossVersion))
	}
	p := newProtector(opt.MinCell, 4, 4)
	p.exact, p.plain = opt.exact, opt.plain
	total := p.lone(c.pairs)
	ch := Change{N: total.value}
	hideAll := total.suppressed
	if hideAll {
		ch.N, ch.Suppressed = 0, c.pairs.n > 0
	}
	for i, id := range DeltaIDs {
		s := c.sums[i]
		pub := p.lone(s.n)
		d := Delta{ID: id, N: pub.value}
		if hideAll || pub.suppressed || s.n.n == 0 {
			d.N, d.Suppressed = 0, s.n.n > 0
		} else {
			n := float64(s.n.n)
			d.T0, d.T1 = round1(s.t0/n), round1(s.t1/n)
			d.Change = round1((s.t1 - s.t0) / n)
		}
		ch.Deltas = append(ch.Deltas, d)
	}
	// Transitions between quadrants: T0 by T1.
	sum := func(from, to uint64) kc {
		var n kc
		for a := range 4 {
			for b := range 4 {
				if from>>a&1 == 1 && to>>b&1 == 1 {
					n = n.plus(c.trans[a][b])
				}
			}
		}
		return n
	}
	t := &pending{rows: q.QuadrantIDs, cols: q.QuadrantIDs}
	t.total = p.add(c.pairs)
	for a := range 4 {
		var row []*box
		for b := range 4 {
			row = append(row, p.add(sum(1<<a, 1<<b), 1<<a, 1<<b))
		}
		t.cells = append(t.cells, row)
		t.rowTot = append(t.rowTot, p.add(sum(1<<a, 0b1111), 1<<a, 0))
	}
	for b := range 4 {
		t.colTot = append(t.colTot, p.add(sum(0b1111, 1<<b), 0, 1<<b))
	}
	for gi, id := range ReferralGroups {
		g := c.groups[gi]
		pub := p.lone(g.n)
		cg := ChangeGroup{Group: id, N: cellOf(pub)}
		if !hideAll && !pub.suppressed && g.n.n > 0 {
			n := float64(g.n.n)
			cg.Months = round1(g.months / n)
			cg.SameMode = withShare(cellOf(p.lone(g.sameMode)), pub)
			if g.n.n < p.smallGroup() {
				cg.SameMode = Cell{Suppressed: true} // a small group's split is not published
			}
			for i, did := range []string{"maturity", "impact", "readiness"} {
				s := g.sums[i]
				cg.Deltas = append(cg.Deltas, Delta{ID: did, N: pub.value, T0: round1(s.t0 / n), T1: round1(s.t1 / n), Change: round1((s.t1 - s.t0) / n)})
			}
		} else {
			cg.N = Cell{Suppressed: g.n.n > 0}
			cg.SameMode = cg.N
		}
		ch.ByReferral = append(ch.ByReferral, cg)
	}
	p.protect()
	if hideAll {
		for _, x := range p.boxes {
			x.value, x.suppressed = 0, x.count.n > 0
		}
	}
	rep.Suppressed.Primary += p.hidden
	ch.Transitions = t.table(rowShares, p.smallGroup())
	rep.Change = ch
}

// referrals counts the outcomes of followed-up referrals per programme.
func referrals(ctx context.Context, db *store.DB, opt Options, rep *Report) error {
	f := opt.Filter
	f.StatisticsConsent, f.LatestPerCompany = true, false
	counts, err := db.Outcomes(ctx, f)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	// Programmes by number of followed-up referrals, the most first.
	per := map[string]int{}
	for _, c := range counts {
		per[c.Programme] += c.Referrals
	}
	progs := sortedKeys(per)
	slices.SortStableFunc(progs, func(a, b string) int { return per[b] - per[a] })
	vocab := newVocabulary(nil)
	for _, pg := range progs {
		vocab.of(pg)
	}
	cells := map[[2]int]kc{}
	for _, c := range counts {
		o := slices.Index(OutcomeColumns, c.Outcome)
		if c.Outcome == "" {
			o = len(OutcomeColumns) - 1
		}
		if o < 0 {
			continue
		}
		x := cells[[2]int{vocab.of(c.Programme), o}]
		cells[[2]int{vocab.of(c.Programme), o}] = kc{n: x.n + c.Referrals}
	}
	// Follow-ups come counted, without record keys: the cell key of a
	// programme's outcome is made of the programme, the outcome and the
	// count, so the same count is published the same way in every run,
	// and another count another way.
	for k, v := range cells {
		v.key = recordKey(fmt.Sprintf("referral\x00%s\x00%s\x00%d", vocab.ids[k[0]], OutcomeColumns[k[1]], v.n))
		cells[k] = v
	}
	p := newProtector(opt.MinCell, max(len(vocab.ids), 1), len(OutcomeColumns))
	p.exact, p.plain = opt.exact, opt.plain
	sum := func(progs, outcomes uint64) kc {
		var n kc
		for k, v := range cells {
			if progs>>k[0]&1 == 1 && outcomes>>k[1]&1 == 1 {
				n = n.plus(v)
			}
		}
		return n
	}
	all := uint64(1)<<len(OutcomeColumns) - 1
	allP := uint64(1)<<len(vocab.ids) - 1
	const action = 0b111 // contacted, applied, started
	t := &pending{rows: vocab.ids, cols: OutcomeColumns}
	t.total = p.add(sum(allP, all))
	var actions []*box
	for i := range vocab.ids {
		var row []*box
		for o := range OutcomeColumns {
			row = append(row, p.add(sum(1<<i, 1<<o), 1<<i, 1<<o))
		}
		t.cells = append(t.cells, row)
		t.rowTot = append(t.rowTot, p.add(sum(1<<i, all), 1<<i, 0))
		actions = append(actions, p.add(sum(1<<i, action), 1<<i, action))
	}
	for o := range OutcomeColumns {
		t.colTot = append(t.colTot, p.add(sum(allP, 1<<o), 0, 1<<o))
	}
	p.protect()
	rep.Suppressed.Primary += p.hidden
	rep.Referrals.Outcomes = t.table(rowShares, p.smallGroup())
	for i, a := range actions {
		c := withShare(cellOf(a), t.rowTot[i])
		if n := t.rowTot[i].count.n; n > 0 && n < p.smallGroup() {
			c = Cell{Suppressed: true} // a small programme's split is not published
		}
		rep.Referrals.Action = append(rep.Referrals.Action, c)
	}
	return nil
}

// quarter numbers the quarter of a date, year·4 + quarter − 1 (-1 when
// it is not a date): no text made per scan.
func quarter(d string) int {
	if len(d) < 7 || d[4] != '-' {
		return -1
	}
	y := 0
	for _, c := range d[:4] {
		if c < '0' || c > '9' {
			return -1
		}
		y = y*10 + int(c-'0')
	}
	m := int(d[5]-'0')*10 + int(d[6]-'0')
	if m < 1 || m > 12 {
		return -1
	}
	return y*4 + (m-1)/3
}

// quarterName is "2026-Q4" for a quarter number.
func quarterName(n int) string { return fmt.Sprintf("%04d-Q%d", n/4, n%4+1) }

// weakestDimension is the index of a scan's lowest dimension score (the
// first of equals; -1 when none scored).
func weakestDimension(b *store.Brief) int {
	w := -1
	for i, x := range b.Dimensions {
		if !math.IsNaN(x) && (w < 0 || x < b.Dimensions[w]) {
			w = i
		}
	}
	return w
}

// trendTable is the quadrants by quarter, every count by its cell key.
func trendTable(p *protector, trend map[int]*[4]kc) Table {
	var quarters []int
	for qt := range trend {
		quarters = append(quarters, qt)
	}
	slices.Sort(quarters)
	t := &pending{cols: q.QuadrantIDs}
	var all kc
	var cols [4]kc
	for _, qt := range quarters {
		t.rows = append(t.rows, quarterName(qt))
		var row []*box
		var tot kc
		for i, c := range trend[qt] {
			row = append(row, p.lone(c))
			tot = tot.plus(c)
			cols[i] = cols[i].plus(c)
		}
		t.cells = append(t.cells, row)
		t.rowTot = append(t.rowTot, p.lone(tot))
		all = all.plus(tot)
	}
	for _, c := range cols {
		t.colTot = append(t.colTot, p.lone(c))
	}
	t.total = p.lone(all)
	return t.table(rowShares, p.smallGroup())
}
