package stats

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/store"
)

// TestChangeByReferralTrendDemand: the re-scanned businesses split by what
// happened with the referrals of their first scan, the months between and
// the same mode; quadrants by quarter; the weakest dimension.
func TestChangeByReferralTrendDemand(t *testing.T) {
	db := fixture(t)
	ctx := context.Background()
	// The five re-scanned businesses' first scans (2025-05-01): three acted on, two not pursued.
	recs, err := db.List(ctx, store.Filter{Since: date.MustParse("2025-05-01"), Until: date.MustParse("2025-05-01"), NoJSON: true})
	if err != nil || len(recs) != 5 {
		t.Fatalf("%d first scans %v", len(recs), err)
	}
	for i, r := range recs {
		f := &store.FollowUp{ScanID: r.ID, Programme: "edih-noordwest", Outcome: store.OutcomeStarted, Date: date.MustParse("2025-09-01")}
		if i >= 3 {
			f.Outcome, f.Reason = store.OutcomeNotPursued, "geen tijd"
		}
		if err := db.AddFollowUp(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Compute(ctx, db, Options{exact: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"acted": 3, "not-pursued": 2, "no-follow-up": 0}
	for _, g := range rep.Change.ByReferral {
		if g.N.N != want[g.Group] {
			t.Errorf("%s: n %+v, want %d", g.Group, g.N, want[g.Group])
		}
		if g.N.N > 0 && (g.Months < 11.5 || g.Months > 12.5 || g.SameMode.N != g.N.N || len(g.Deltas) != 3 || g.Deltas[2].Change != 40) {
			t.Errorf("%s: %+v", g.Group, g)
		}
	}
	// Trend: the latest scans by quarter add up to all.
	sum := 0
	for i := range rep.Trend.Rows {
		sum += rep.Trend.RowTotals[i].N
	}
	if sum != rep.N || len(rep.Trend.Rows) != 2 || rep.Trend.Rows[0] != "2026-Q1" {
		t.Errorf("trend %v: %d of %d", rep.Trend.Rows, sum, rep.N)
	}
	// Demand: every fixture scan scores all dimensions alike: the first is the weakest.
	if d := rep.Demand.Weakest; len(d) != 6 || d[0].Cell.N != rep.N || d[1].Cell.N != 0 {
		t.Errorf("demand %+v", d)
	}
	// Protected: small groups hidden.
	rep, err = Compute(ctx, db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range rep.Change.ByReferral {
		if g.Group == "not-pursued" && (!g.N.Suppressed || len(g.Deltas) > 0) {
			t.Errorf("two not pursued published: %+v", g)
		}
	}
}

// TestWilson against published values (Newcombe 1998, table I: 81 of 263
// gives 0.2553–0.3662; 15 of 148 gives 0.0624–0.1605) and the edges.
func TestWilson(t *testing.T) {
	for _, c := range []struct {
		k, n      int
		low, high float64
	}{{81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0, 0.1611}, {20, 20, 0.8389, 1}, {0, 0, 0, 0}} {
		low, high := Wilson(c.k, c.n)
		if math.Abs(low-c.low) > 0.0001 || math.Abs(high-c.high) > 0.0001 {
			t.Errorf("Wilson(%d, %d) = %.4f–%.4f, want %.4f–%.4f", c.k, c.n, low, high, c.low, c.high)
		}
	}
	for _, c := range []struct {
		low, high float64
		want      string
	}{{0.90, 0.99, "not-different"}, {0.5, 0.94, "below"}, {0.96, 1, "above"}} {
		if got := Versus(Cell{Low: c.low, High: c.high}, TargetDIIBasic); got != c.want {
			t.Errorf("Versus(%v–%v) = %s", c.low, c.high, got)
		}
	}
}

// TestSmallGroupSplit: seven media firms, all of them most to gain: "7
// 100%" would tell every one's quadrant (perturbation cannot hide it: the
// cell and its total are the same businesses). A group of fewer than twice
// the minimum shows its total only.
func TestSmallGroupSplit(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	var bs []biz
	for i := range 40 {
		bs = append(bs, biz{day: "2026-03-01", mode: "advisor", muni: "hilversum", sector: "retail", size: "micro", impact: float64(20 + i*2), readiness: float64(80 - i)})
	}
	bs = append(bs, repeat(7, biz{day: "2026-03-02", mode: "advisor", muni: "laren", sector: "media", size: "zzp", impact: 80, readiness: 20})...)
	for i, b := range bs {
		if err := db.SaveScan(ctx, result(t, i, b)); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Compute(ctx, db, Options{By: []string{BySector}})
	if err != nil {
		t.Fatal(err)
	}
	tb := allModes(rep.Breakdowns[0])
	i := slices.Index(tb.Rows, "media")
	for j, c := range tb.Cells[i] {
		if !c.Suppressed {
			t.Errorf("media/%s published: %+v", tb.Cols[j], c)
		}
	}
	if r := slices.Index(tb.Rows, "retail"); tb.Cells[r][0].Suppressed {
		t.Errorf("retail's split hidden: %+v", tb.Cells[r])
	}
}

// TestSameBusinessesSameValue: a count is published the same way whichever
// run and view shows it (the cell key is the businesses'), so asking again
// another way gives nothing new.
func TestSameBusinessesSameValue(t *testing.T) {
	db := regionalStore(t, 400)
	ctx := context.Background()
	all, err := Compute(ctx, db, Options{By: []string{ByMunicipality}})
	if err != nil {
		t.Fatal(err)
	}
	tb := allModes(all.Breakdowns[0])
	for i, m := range tb.Rows {
		one, err := Compute(ctx, db, Options{Filter: store.Filter{Municipality: []string{m}}, By: []string{BySize}})
		if err != nil {
			t.Fatal(err)
		}
		if got := (Cell{N: one.N, Suppressed: one.NSuppressed}); got != tb.RowTotals[i] {
			t.Errorf("%s: n %+v in its own run, %+v in the breakdown", m, got, tb.RowTotals[i])
		}
		if one.TooFew {
			if len(one.Quadrants.Rows) > 0 || len(one.Breakdowns) > 0 || !tb.Cells[i][0].Suppressed {
				t.Errorf("%s: too few, but split: %+v / %+v", m, one.Quadrants, tb.Cells[i])
			}
			continue
		}
		for j, quad := range tb.Cols {
			a, b := tb.Cells[i][j], one.Quadrants.RowTotals[j]
			if a.N != b.N || a.Suppressed != b.Suppressed {
				t.Errorf("%s/%s: %+v in the breakdown, %+v in its own run", m, quad, a, b)
			}
		}
	}
}

// TestRecordKey: the written-out FNV-1a is hash/fnv's, and the keys spread
// over the perturbations as the table says (half of them 0).
func TestRecordKey(t *testing.T) {
	h := fnv.New64a()
	h.Write([]byte(keySalt + "20261127-k3f9x2ab"))
	x := h.Sum64()
	if got, want := recordKey("20261127-k3f9x2ab"), uint32((x^x>>32)%keySpace); got != want {
		t.Errorf("recordKey = %d, want %d", got, want)
	}
	counts := map[int]int{}
	for i := range 20000 {
		counts[noise(recordKey(fmt.Sprintf("2026%04d-%d", i%1000, i)))]++
	}
	for p, want := range map[int]float64{-2: 0.05, -1: 0.2, 0: 0.5, 1: 0.2, 2: 0.05} {
		if got := float64(counts[p]) / 20000; math.Abs(got-want) > 0.015 {
			t.Errorf("noise %d: %.3f of the keys, want %.2f", p, got, want)
		}
	}
}

// TestTooFewNamesNoMode: a selection too small to split (one business in
// Laren) shows only its number; which scan modes occur in it would tell how
// that business was scanned, so they are not listed either.
func TestTooFewNamesNoMode(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	bs := repeat(20, biz{day: "2026-03-01", mode: "advisor", muni: "hilversum", sector: "retail", size: "micro", impact: 60, readiness: 40})
	bs = append(bs, biz{day: "2026-03-02", mode: "self", muni: "laren", sector: "media", size: "zzp", impact: 80, readiness: 20})
	for i, b := range bs {
		if err := db.SaveScan(ctx, result(t, i, b)); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Compute(ctx, db, Options{Filter: store.Filter{Municipality: []string{"laren"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.TooFew || len(rep.Modes) != 0 {
		t.Errorf("one business in Laren: too few %v, modes %q", rep.TooFew, rep.Modes)
	}
}
