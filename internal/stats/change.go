package stats

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// DeltaIDs are the changes reported for re-scanned businesses.
var DeltaIDs = append(slices.Clone(q.DimensionIDs), "maturity", "impact", "readiness", "dii_count")

// changeAcc adds up the re-scanned businesses: first scan (T0) against
// latest (T1).
type changeAcc struct {
	sums [10]struct {
		n      int
		t0, t1 float64
	}
	trans        [4][4]int
	pairs        int
	crossVersion int
}

func (c *changeAcc) add(first, last *store.Brief) {
	c.pairs++
	if first.QuestionnaireID != last.QuestionnaireID || first.QuestionnaireVersion != last.QuestionnaireVersion {
		c.crossVersion++
	}
	put := func(i int, a, b float64) {
		if math.IsNaN(a) || math.IsNaN(b) {
			return
		}
		c.sums[i].n++
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
		c.trans[a][b]++
	}
}

// report puts the change into the report, protected: nothing when fewer
// than MinCell businesses were re-scanned, means of at least MinCell, the
// transitions table suppressed like any other.
func (c *changeAcc) report(opt Options, rep *Report) {
	if c.crossVersion > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d re-scanned businesses answered different questionnaire versions at T0 and T1: their changes compare only what both versions scored", c.crossVersion))
	}
	ch := Change{N: c.pairs}
	hideAll := c.pairs < opt.MinCell
	if hideAll {
		ch.N, ch.Suppressed = 0, c.pairs > 0
	}
	for i, id := range DeltaIDs {
		s := c.sums[i]
		d := Delta{ID: id, N: s.n}
		if hideAll || s.n < opt.MinCell {
			d.N, d.Suppressed = 0, s.n > 0
		} else {
			n := float64(s.n)
			d.T0, d.T1 = round1(s.t0/n), round1(s.t1/n)
			d.Change = round1((s.t1 - s.t0) / n)
		}
		ch.Deltas = append(ch.Deltas, d)
	}
	// Transitions between quadrants: T0 by T1, protected like any table.
	p := newProtector(opt.MinCell, 4, 4)
	p.family()
	sum := func(from, to uint64) int {
		n := 0
		for a := range 4 {
			for b := range 4 {
				if from>>a&1 == 1 && to>>b&1 == 1 {
					n += c.trans[a][b]
				}
			}
		}
		return n
	}
	t := &pending{rows: q.QuadrantIDs, cols: q.QuadrantIDs}
	t.total = p.add(c.pairs)
	t.total.fixed = true
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
	if hideAll {
		for _, x := range p.boxes {
			x.suppressed = true
		}
	} else {
		p.protect()
		rep.Suppressed.Primary += p.primary
		rep.Suppressed.Complementary += p.complementary
	}
	ch.Transitions = t.table(rowShares)
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
	cells := map[[2]int]int{}
	for _, c := range counts {
		o := slices.Index(OutcomeColumns, c.Outcome)
		if c.Outcome == "" {
			o = len(OutcomeColumns) - 1
		}
		if o < 0 {
			continue
		}
		cells[[2]int{vocab.of(c.Programme), o}] += c.Referrals
	}
	p := newProtector(opt.MinCell, max(len(vocab.ids), 1), len(OutcomeColumns))
	p.family()
	sum := func(progs, outcomes uint64) int {
		n := 0
		for k, v := range cells {
			if progs>>k[0]&1 == 1 && outcomes>>k[1]&1 == 1 {
				n += v
			}
		}
		return n
	}
	all := uint64(1)<<len(OutcomeColumns) - 1
	allP := uint64(1)<<len(vocab.ids) - 1
	const action = 0b111 // contacted, applied, started
	t := &pending{rows: vocab.ids, cols: OutcomeColumns}
	t.total = p.add(sum(allP, all))
	t.total.fixed = true
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
	rep.Suppressed.Primary += p.primary
	rep.Suppressed.Complementary += p.complementary
	rep.Referrals.Outcomes = t.table(rowShares)
	for i, a := range actions {
		rep.Referrals.Action = append(rep.Referrals.Action, withShare(cellOf(a), t.rowTot[i]))
	}
	return nil
}
