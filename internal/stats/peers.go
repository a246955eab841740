package stats

import (
	"context"
	"fmt"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/store"
)

// "Businesses like yours" in the entrepreneur's report: the business
// against the consenting scans of the same sector and size band (zzp,
// micro, 10+) in the store, with the same protection as the regional
// figures. The group is counted as Compute counts: the latest scan per
// business with consent-statistics, as of the business's scan date (so
// the same report made later shows the same group). The business itself
// (this scan and every scan of its company) is never in the group: it
// cannot make a group reach the minimum on its own, and it is not
// compared with itself. The group's count is published with the cell key
// method (record keys of the counted scans, the same perturbation as in
// every table of stats) and not at all below MinCell; how many of them
// share the business's quadrant only for a group of at least twice
// MinCell (the small-group rule of stats).

// PeerQuery is the business to compare.
type PeerQuery struct {
	ScanID    string
	CompanyID int64 // 0: no company recorded
	Date      date.Date
	Sector    string
	Size      string
	Quadrant  string
	// MinCell is the smallest count published (0: DefaultMinCell).
	MinCell int
}

// PeerGroup is the protected comparison; Peers returns nil when the group
// is too small to show.
type PeerGroup struct {
	Sector   string
	SizeBand string // zzp, micro or 10+
	Date     date.Date
	// N is the published (perturbed) number of businesses in the group.
	N int
	// Means of the group: maturity, impact and readiness.
	Maturity, Impact, Readiness float64
	// SameQuadrant is how many of them are in the business's quadrant
	// (share of N, Wilson interval); suppressed when small or when the
	// group is under twice MinCell.
	SameQuadrant Cell
	Protection   Protection
}

// Peers compares the business with businesses like it. It returns nil
// (and no error) when fewer than MinCell other businesses are like it.
func Peers(ctx context.Context, db *store.DB, pq PeerQuery) (*PeerGroup, error) {
	if pq.MinCell == 0 {
		pq.MinCell = DefaultMinCell
	}
	if pq.MinCell < 1 {
		return nil, fmt.Errorf("%w: minimum cell must be at least 1, got %d", ErrUsage, pq.MinCell)
	}
	if pq.Sector == "" || pq.Size == "" {
		return nil, nil // no group to compare with
	}
	band := sizeBand(pq.Size)
	var (
		n, same            kc
		mat, impact, ready float64
	)
	count := func(b *store.Brief) {
		if b.ID == pq.ScanID || (pq.CompanyID != 0 && b.CompanyID == pq.CompanyID) {
			return // the business itself
		}
		if b.Sector != pq.Sector || sizeBand(b.Size) != band {
			return
		}
		rec := one(b.ID)
		n = n.plus(rec)
		mat += b.Maturity
		impact += b.Impact
		ready += b.Readiness
		if b.Quadrant == pq.Quadrant {
			same = same.plus(rec)
		}
	}
	scope := store.Filter{StatisticsConsent: true, NoJSON: true, Until: pq.Date}
	var (
		company int64 = -1
		last    store.Brief
		have    bool
	)
	err := db.EachBrief(ctx, scope, store.BriefByCompany, func(b *store.Brief) error {
		if b.CompanyID == 0 {
			count(b)
			return nil
		}
		if b.CompanyID != company {
			if have {
				count(&last)
			}
			company = b.CompanyID
		}
		last, have = *b, true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("businesses like yours: %w", err)
	}
	if have {
		count(&last)
	}
	v, ok := publish(n, pq.MinCell)
	if !ok || n.n < pq.MinCell {
		return nil, nil
	}
	fn := float64(n.n)
	g := &PeerGroup{Sector: pq.Sector, SizeBand: band, Date: pq.Date, N: v,
		Maturity: round1(mat / fn), Impact: round1(impact / fn), Readiness: round1(ready / fn),
		Protection: Protection{Method: Method, MinCell: pq.MinCell, MaxNoise: MaxNoise}}
	g.SameQuadrant = Cell{Suppressed: true}
	if n.n >= 2*pq.MinCell {
		if sv, ok := publish(same, pq.MinCell); ok {
			c := Cell{N: min(sv, v), HasShare: true}
			c.Share = float64(c.N) / float64(v)
			c.Low, c.High = Wilson(c.N, v)
			g.SameQuadrant = c
		}
	}
	return g, nil
}
