package stats

import (
	"context"
	"testing"
)

// TestHeadlineFigures: on a realistic store of 1,500 scans the default
// report shows what the memo asks — the quadrants by municipality (the
// largest town's vulnerable businesses above all), every sector with
// enough businesses (media and ICT among them), the 10+ firms against the
// targets — whatever else is hidden.
func TestHeadlineFigures(t *testing.T) {
	db := regionalStore(t, 1500)
	ctx := context.Background()
	exact, err := Compute(ctx, db, Options{exact: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Compute(ctx, db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	hidden := 0
	for bi, bd := range rep.Breakdowns {
		all := bd.Tables[0].Table
		ex := exact.Breakdowns[bi].Tables[0].Table
		for i, row := range all.Rows {
			for j, col := range all.Cols {
				// Any count of at least MinCell+MaxNoise is shown.
				if n := ex.Cells[i][j].N; n >= DefaultMinCell+MaxNoise && ex.RowTotals[i].N >= 2*DefaultMinCell && all.Cells[i][j].Suppressed {
					t.Errorf("%s %s/%s: %d hidden", bd.By, row, col, n)
					hidden++
				}
			}
			if n := ex.RowTotals[i].N; n >= DefaultMinCell+MaxNoise && all.RowTotals[i].Suppressed {
				t.Errorf("%s %s: total %d hidden", bd.By, row, n)
			}
		}
	}
	hilversum := cellAt(t, allModes(rep.Breakdowns[0]), "hilversum", "vulnerable")
	if hilversum.Suppressed || hilversum.N < 100 {
		t.Errorf("Hilversum, vulnerable: %+v", hilversum)
	}
	for _, s := range []string{"media", "ict"} {
		if c := cellAt(t, allModes(rep.Breakdowns[1]), s, "vulnerable"); c.Suppressed {
			t.Errorf("%s, vulnerable, hidden", s)
		}
	}
	for _, r := range rep.Targets.Rows {
		if r.Group == Group10 && r.Mode == "all" {
			if c := r.Shares["dii_basic"]; !c.HasShare || r.Versus["dii_basic"] == "" {
				t.Errorf("10+ DII basic: %+v %v", c, r.Versus)
			}
		}
	}
}

// allModes is the all-modes table of a breakdown.
func allModes(b Breakdown) Table { return b.Tables[0].Table }
