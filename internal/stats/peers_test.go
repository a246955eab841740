package stats

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/scan"
)

// peerStore saves the business (kvk 99999999, retail, micro) and the
// others; it returns the business's query.
func peerStore(t *testing.T, others []biz, self biz) (*store.DB, PeerQuery) {
	t.Helper()
	db := openStore(t)
	ctx := context.Background()
	for i, b := range others {
		if err := db.SaveScan(ctx, result(t, i, b)); err != nil {
			t.Fatal(err)
		}
	}
	r := result(t, 9999, self)
	if err := db.SaveScan(ctx, r); err != nil {
		t.Fatal(err)
	}
	return db, queryOf(t, db, r)
}

func queryOf(t *testing.T, db *store.DB, r *scan.Result) PeerQuery {
	t.Helper()
	rec, err := db.Scan(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return PeerQuery{ScanID: r.ID, CompanyID: rec.CompanyID, Date: r.AsOf, Sector: r.Profile.Sector, Size: r.Profile.Size, Quadrant: r.Quadrant}
}

var peerSelf = biz{day: "2026-06-01", mode: "advisor", muni: "huizen", sector: "retail", size: "micro", kvk: "99999999", impact: 70, readiness: 30}

func peer(i int) biz {
	return biz{day: "2026-03-01", mode: "advisor", muni: "hilversum", sector: "retail", size: "micro", kvk: fmt.Sprintf("%08d", 10000000+i), impact: 40 + float64(i%5)*10, readiness: 40}
}

// TestPeersNeverBelowMinimum: fewer than MinCell other businesses like
// this one give no comparison, also when the business itself (consenting,
// re-scanned) would make the group reach the minimum.
func TestPeersNeverBelowMinimum(t *testing.T) {
	for others := 0; others < DefaultMinCell; others++ {
		var bs []biz
		for i := range others {
			bs = append(bs, peer(i))
		}
		// The business's own earlier scan (same company) is not a peer either.
		earlier := peerSelf
		earlier.day = "2025-06-01"
		bs = append(bs, earlier)
		db, pq := peerStore(t, bs, peerSelf)
		g, err := Peers(context.Background(), db, pq)
		if err != nil {
			t.Fatal(err)
		}
		if g != nil {
			t.Errorf("%d others (+ the business and its earlier scan): a group of %d shown", others, g.N)
		}
	}
}

// TestPeersGroup: the group is the latest consenting scans of the same
// sector and size band, as of the business's scan date, without the
// business; its count is the cell-key published count of Compute.
func TestPeersGroup(t *testing.T) {
	var bs []biz
	for i := range 14 {
		bs = append(bs, peer(i))
	}
	noConsent := peer(100)
	noConsent.noConsent = true
	otherSector := peer(101)
	otherSector.sector = "health"
	otherBand := peer(102)
	otherBand.size = "small"
	later := peer(103)
	later.day = "2026-09-01" // after the business's scan
	bs = append(bs, noConsent, otherSector, otherBand, later)
	// A peer re-scanned: counted once, by its latest scan before the date.
	re := peer(0)
	re.day = "2026-05-01"
	re.impact = 80
	bs = append(bs, re)
	db, pq := peerStore(t, bs, peerSelf)
	g, err := Peers(context.Background(), db, pq)
	if err != nil {
		t.Fatal(err)
	}
	if g == nil {
		t.Fatal("no group for 14 peers")
	}
	// The same group through Compute: retail, micro, up to the date, minus the business.
	rep, err := Compute(context.Background(), db, Options{Filter: store.Filter{Sector: []string{"retail"}, Size: []string{"micro"}, Until: date.MustParse("2026-05-31")}})
	if err != nil {
		t.Fatal(err)
	}
	if g.N != rep.N {
		t.Errorf("group n = %d, stats gives %d for the same businesses", g.N, rep.N)
	}
	if g.N < 12 || g.N > 16 {
		t.Errorf("n = %d, want 14 ± 2", g.N)
	}
	if g.SizeBand != GroupMicro || g.Protection.Method != Method {
		t.Errorf("group %+v", g)
	}
	if g.Readiness != 40 {
		t.Errorf("mean readiness %v, want 40", g.Readiness)
	}
}

// TestPeersSelfNeverCounts: over random stores, the comparison is the
// same whether the business's scans are in the store or not (it can
// neither reach the minimum on its own nor move the figures).
func TestPeersSelfNeverCounts(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 2))
	for round := range 12 {
		var bs []biz
		n := rnd.IntN(16)
		for i := range n {
			b := peer(i)
			b.readiness = float64(rnd.IntN(100))
			b.impact = float64(rnd.IntN(100))
			bs = append(bs, b)
		}
		ctx := context.Background()
		with, pq := peerStore(t, bs, peerSelf)
		without := openStore(t)
		for i, b := range bs {
			if err := without.SaveScan(ctx, result(t, i, b)); err != nil {
				t.Fatal(err)
			}
		}
		pq2 := pq
		pq2.CompanyID = 0
		a, err := Peers(ctx, with, pq)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Peers(ctx, without, pq2)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("round %d (%d peers): with the business %+v, without %+v", round, n, a, b)
		}
		if a != nil && (n < DefaultMinCell || a.N < DefaultMinCell) {
			t.Errorf("round %d: %d peers shown as %d", round, n, a.N)
		}
		if a != nil && n < 2*DefaultMinCell && !a.SameQuadrant.Suppressed {
			t.Errorf("round %d: a group of %d shows its split", round, n)
		}
	}
}
