package synth

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/store"
)

// TestRegional: skewed profiles, consents both ways, re-scans with and
// without KVK number linked to one company, follow-ups recorded.
func TestRegional(t *testing.T) {
	g, err := New(4)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	scans, err := Regional{Scans: 400}.Fill(ctx, g, db)
	if err != nil {
		t.Fatal(err)
	}
	muni := map[string]int{}
	linked, rescans := 0, 0
	for _, s := range scans {
		muni[s.Result.Profile.Municipality]++
		if s.Of >= 0 {
			rescans++
			rec, err := db.Scan(ctx, s.Result.ID)
			if err != nil {
				t.Fatal(err)
			}
			first, err := db.Scan(ctx, scans[s.Of].Result.ID)
			if err != nil {
				t.Fatal(err)
			}
			if rec.CompanyID == 0 || rec.CompanyID != first.CompanyID {
				t.Errorf("re-scan %s (linked by hand %v) not with its business: %d vs %d", s.Result.ID, s.Linked, rec.CompanyID, first.CompanyID)
			}
			if s.Linked {
				linked++
			}
		}
	}
	if muni["hilversum"] < 3*muni["laren"] || rescans < 20 || linked == 0 || linked == rescans {
		t.Errorf("municipalities %v, %d re-scans, %d linked by hand", muni, rescans, linked)
	}
	fus, err := db.FollowUps(ctx, store.FollowUpFilter{})
	if err != nil || len(fus) == 0 {
		t.Errorf("%d follow-ups %v", len(fus), err)
	}
}
