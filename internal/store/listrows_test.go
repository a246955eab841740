package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
)

// EachListRow gives, for every scan and in the same order, what Each gives
// for the columns of a listing.
func TestEachListRowIsEach(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	g, err := synth.New(5)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Fill(ctx, db, 200); err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.Filter{{NewestFirst: true, NoJSON: true}, {NewestFirst: true, NoJSON: true, Limit: 7}, {Sector: []string{"retail"}}} {
		var want []store.ListRow
		err := db.Each(ctx, f, func(r *store.Record) error {
			want = append(want, store.ListRow{ID: r.ID, Date: r.Date, CompanyID: r.CompanyID, Company: r.Company.Name,
				Sector: r.Sector, Size: r.Size, Municipality: r.Municipality, Quadrant: r.Quadrant, Mode: r.Mode,
				Advisor: r.Advisor, Impact: r.Impact, Readiness: r.Readiness})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []store.ListRow
		if err := db.EachListRow(ctx, f, func(r *store.ListRow) error { got = append(got, *r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("filter %+v: %d rows, want %d (not 0)", f, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("filter %+v, row %d:\n got %+v\nwant %+v", f, i, got[i], want[i])
			}
		}
	}
}
