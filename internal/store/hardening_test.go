package store

import (
	"context"
	"testing"
	"time"
)

// PlanPurge counts what Purge would erase before it does (issue 12).
func TestPlanPurge(t *testing.T) {
	ctx := context.Background()
	db := filterFixture(t)
	day := func(s string) time.Time { t.Helper(); d, _ := time.Parse("2006-01-02", s); return d }
	for _, tc := range []struct {
		cutoff, recent        string
		scans, total, nrecent int
	}{
		{"2026-02-10", "2026-01-01", 3, 5, 2},
		{"2026-02-10", "2026-02-05", 3, 5, 0},
		{"2000-01-01", "1999-01-01", 0, 5, 0},
		{"2999-01-01", "2026-02-14", 5, 5, 2},
	} {
		p, err := db.PlanPurge(ctx, day(tc.cutoff), day(tc.recent))
		if err != nil {
			t.Fatal(err)
		}
		if p.Scans != tc.scans || p.Total != tc.total || p.Recent != tc.nrecent {
			t.Errorf("PlanPurge(%s, %s) = %+v, want %d of %d, %d recent", tc.cutoff, tc.recent, p, tc.scans, tc.total, tc.nrecent)
		}
		if p.Scans > 0 && (p.Oldest.IsZero() || p.Newest.Before(p.Oldest)) {
			t.Errorf("PlanPurge(%s): oldest %v newest %v", tc.cutoff, p.Oldest, p.Newest)
		}
		got, err := db.Count(ctx, Filter{})
		if err != nil || got != tc.total {
			t.Errorf("PlanPurge erased something: %d scans left, %v", got, err)
		}
	}
}
