package stats

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// randomStore saves 0..maxScans random scans: random consents, modes,
// sizes, municipalities (some empty), periods and re-scans (a KVK number
// from a small pool links them).
func randomStore(t *testing.T, rnd *rand.Rand, maxScans int) *store.DB {
	t.Helper()
	db := openStore(t)
	n := rnd.IntN(maxScans + 1)
	pick := func(ids []string) string { return ids[rnd.IntN(len(ids))] }
	// Skewed: the first values far more often than the rest.
	skew := func(ids []string) string { return ids[min(rnd.IntN(len(ids)), rnd.IntN(len(ids)), rnd.IntN(len(ids)))] }
	var rs []*scan.Result
	for i := range n {
		b := biz{
			day:       fmt.Sprintf("202%d-%02d-%02d", 5+rnd.IntN(2), 1+rnd.IntN(12), 1+rnd.IntN(28)),
			mode:      pick([]string{scan.ModeAdvisor, scan.ModeSelf, scan.ModeSurvey}),
			muni:      skew(append([]string{"hilversum"}, q.Municipalities...)),
			sector:    skew(q.Sectors),
			size:      skew(q.Sizes),
			impact:    float64(rnd.IntN(101)),
			readiness: float64(rnd.IntN(101)),
			noConsent: rnd.IntN(4) == 0,
			basic:     rnd.IntN(2) == 0,
			tech:      rnd.IntN(3) == 0,
		}
		switch x := rnd.IntN(6); x { // topics: not answered, none, or some of the intake's
		case 0:
			b.topics = []string{}
		case 1:
			b.topics = []string{"none"}
		default:
			for _, id := range []string{"strategy", "cybersecurity", "online-sales", "ai", "funding"} {
				if rnd.IntN(3) == 0 {
					b.topics = append(b.topics, id)
				}
			}
		}
		if rnd.IntN(3) > 0 {
			b.kvk = fmt.Sprintf("%08d", 80000000+rnd.IntN(max(n/2, 1)))
		}
		rs = append(rs, result(t, i, b))
	}
	if _, err := db.SaveScans(context.Background(), slices.Values(rs)); err != nil {
		t.Fatal(err)
	}
	return db
}

// randomFilter picks some of the filters an analyst would combine.
func randomFilter(rnd *rand.Rand) store.Filter {
	var f store.Filter
	some := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			if rnd.IntN(3) == 0 {
				out = append(out, id)
			}
		}
		return out
	}
	if rnd.IntN(2) == 0 {
		f.Municipality = some(q.Municipalities)
	}
	if rnd.IntN(2) == 0 {
		f.Sector = some(q.Sectors)
	}
	if rnd.IntN(2) == 0 {
		f.Size = some(q.Sizes)
	}
	if rnd.IntN(4) == 0 {
		f.Mode = some([]string{scan.ModeAdvisor, scan.ModeSelf, scan.ModeSurvey})
	}
	if rnd.IntN(4) == 0 {
		f.Quadrant = some(q.QuadrantIDs)
	}
	return f
}

var byChoices = [][]string{nil, {ByMunicipality}, {BySector}, {BySize}, {BySize, ByMunicipality}, {BySector, BySize}}

// truth counts what a filter selects straight from the store.
func truth(t *testing.T, db *store.DB, f store.Filter) []*store.Record {
	t.Helper()
	f.StatisticsConsent, f.LatestPerCompany, f.NoJSON = true, true, true
	recs, err := db.List(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestPropertyAnyStore: random stores × random filters × every --by: no
// panic, no error, and (without protection) every total adds up and every
// size group holds exactly its sizes.
func TestPropertyAnyStore(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 9))
	ctx := context.Background()
	stores := 12
	if testing.Short() {
		stores = 4
	}
	for s := range stores {
		db := randomStore(t, rnd, 300)
		for range 6 {
			f := randomFilter(rnd)
			by := byChoices[rnd.IntN(len(byChoices))]
			name := fmt.Sprintf("store %d %+v by %v", s, f, by)
			recs := truth(t, db, f)
			exact, err := computeSafely(ctx, db, Options{Filter: f, By: by, exact: true})
			if err != nil {
				t.Fatalf("%s exact: %v", name, err)
			}
			checkAdditive(t, name, exact, recs)
			rep, err := computeSafely(ctx, db, Options{Filter: f, By: by})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkPublished(t, name, rep, exact)
		}
	}
}

// computeSafely turns a panic into an error.
func computeSafely(ctx context.Context, db *store.DB, opt Options) (rep *Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return Compute(ctx, db, opt)
}

func checkAdditive(t *testing.T, name string, rep *Report, recs []*store.Record) {
	t.Helper()
	if rep.N != len(recs) {
		t.Errorf("%s: N = %d, the store has %d", name, rep.N, len(recs))
	}
	sumCells := func(cells []Cell) int {
		n := 0
		for _, c := range cells {
			n += c.N
		}
		return n
	}
	tables := []Table{rep.Quadrants}
	for _, bd := range rep.Breakdowns {
		for _, mt := range bd.Tables {
			tables = append(tables, mt.Table)
		}
	}
	for i, tb := range tables {
		if len(tb.Rows) == 0 {
			continue
		}
		if got := sumCells(tb.RowTotals); got != tb.Total.N {
			t.Errorf("%s table %d: row totals add up to %d, total %d", name, i, got, tb.Total.N)
		}
		if got := sumCells(tb.ColTotals); got != tb.Total.N {
			t.Errorf("%s table %d: column totals add up to %d, total %d", name, i, got, tb.Total.N)
		}
		for r := range tb.Rows {
			if got := sumCells(tb.Cells[r]); got != tb.RowTotals[r].N {
				t.Errorf("%s table %d row %s: cells add up to %d, row total %d", name, i, tb.Rows[r], got, tb.RowTotals[r].N)
			}
		}
	}
	if rep.Quadrants.Total.N != len(recs) && len(recs) > 0 {
		t.Errorf("%s: quadrant total %d, want %d", name, rep.Quadrants.Total.N, len(recs))
	}
	// Size groups hold exactly their sizes.
	want := map[string]int{}
	for _, r := range recs {
		switch r.Size {
		case "zzp":
			want[GroupZZP]++
		case "micro":
			want[GroupMicro]++
		default:
			want[Group10]++
		}
	}
	for _, row := range rep.Targets.Rows {
		if row.Mode == "all" && row.N.N != want[row.Group] {
			t.Errorf("%s: target group %s n = %d, the store has %d", name, row.Group, row.N.N, want[row.Group])
		}
	}
	// Demand by topic: the rows' businesses that answered add up to all
	// that answered, each topic's rows to the topic's count, and no cell
	// exceeds its row (topics are not exclusive: the cells of a row may
	// add up to more than the row).
	for _, tb := range rep.Demand.TopicsBy {
		tt := tb.Table
		if got := sumCells(tt.RowTotals); got != tt.Total.N || tt.Total.N != rep.Demand.Answered.N {
			t.Errorf("%s topics by %s: rows add up to %d, total %d, answered %d", name, tb.By, got, tt.Total.N, rep.Demand.Answered.N)
		}
		for j, id := range tt.Cols {
			col := 0
			for r := range tt.Rows {
				col += tt.Cells[r][j].N
				if tt.Cells[r][j].N > tt.RowTotals[r].N {
					t.Errorf("%s topics by %s: %s/%s %d of a row of %d", name, tb.By, tt.Rows[r], id, tt.Cells[r][j].N, tt.RowTotals[r].N)
				}
			}
			if col != tt.ColTotals[j].N || col != rep.Demand.Topics[j].Cell.N {
				t.Errorf("%s topics by %s: %s adds up to %d, column total %d, topic %d", name, tb.By, id, col, tt.ColTotals[j].N, rep.Demand.Topics[j].Cell.N)
			}
		}
	}
}

// TestOneScan: one consenting scan, and a filter without freelancers and
// micro firms, used to panic.
func TestOneScanAndTenPlus(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	b := biz{day: "2026-03-01", mode: "advisor", muni: "laren", sector: "media", size: "zzp", impact: 70, readiness: 30}
	if err := db.SaveScan(ctx, result(t, 0, b)); err != nil {
		t.Fatal(err)
	}
	for i, s := range []string{"micro", "small", "medium", "large", "small"} {
		b.size, b.kvk = s, fmt.Sprintf("7000000%d", i)
		if err := db.SaveScan(ctx, result(t, i+1, b)); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []store.Filter{{Size: []string{"zzp"}}, {Size: []string{"small", "medium", "large"}}, {Size: []string{"zzp", "micro"}}, {}} {
		rep, err := computeSafely(ctx, db, Options{Filter: f, exact: true})
		if err != nil {
			t.Fatalf("%v: %v", f.Size, err)
		}
		checkAdditive(t, fmt.Sprint(f.Size), rep, truth(t, db, f))
	}
}

// checkPublished: every published count of the protected report is its
// true count within the noise, no small count is published, zero is zero.
func checkPublished(t *testing.T, name string, rep, exact *Report) {
	t.Helper()
	published(t, name+" n", Cell{N: rep.N, Suppressed: rep.NSuppressed}, exact.N, false)
	if rep.TooFew {
		if exact.N >= 2*DefaultMinCell || len(rep.Quadrants.Rows) > 0 {
			t.Errorf("%s: too few of %d, %d quadrant rows", name, exact.N, len(rep.Quadrants.Rows))
		}
		return
	}
	tables := func(r *Report) []Table {
		out := []Table{r.Quadrants, r.Change.Transitions, r.Trend}
		for _, bd := range r.Breakdowns {
			for _, mt := range bd.Tables {
				out = append(out, mt.Table)
			}
		}
		for _, s := range r.Sensitivity {
			out = append(out, s.Quadrants)
		}
		for _, tb := range r.Demand.TopicsBy {
			out = append(out, tb.Table)
		}
		return out
	}
	got, want := tables(rep), tables(exact)
	for i := range got {
		g, w := got[i], want[i]
		for r := range w.Rows {
			for c := range w.Cols {
				published(t, fmt.Sprintf("%s table %d %s/%s", name, i, w.Rows[r], w.Cols[c]), g.Cells[r][c], w.Cells[r][c].N, false)
			}
			published(t, fmt.Sprintf("%s table %d %s", name, i, w.Rows[r]), g.RowTotals[r], w.RowTotals[r].N, false)
		}
		for _, c := range g.Cells {
			for _, x := range c {
				if x.HasShare && (x.Share < 0 || x.Share > 1 || x.Low > x.Share || x.High < x.Share) {
					t.Errorf("%s: share %+v", name, x)
				}
			}
		}
	}
	for i, r := range rep.Targets.Rows {
		published(t, name+" target "+r.Group+"/"+r.Mode, r.N, exact.Targets.Rows[i].N.N, false)
	}
	published(t, name+" answered topics", rep.Demand.Answered, exact.Demand.Answered.N, false)
	for i, c := range rep.Demand.Topics {
		published(t, name+" topic "+c.ID, c.Cell, exact.Demand.Topics[i].Cell.N, false)
	}
}
