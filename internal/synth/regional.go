package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Regional describes a synthetic store shaped like a region's scans rather
// than uniform noise: skewed municipalities, sectors and sizes (one large
// town, many freelancers, a few large firms, rare combinations), random
// consents and modes, and re-scans of which some carry the KVK number and
// some do not (those are linked by hand, as an advisor would with
// store.LinkScan). The weights are INVENTED for tests: they shape the data,
// they are no statement about the region.
type Regional struct {
	Scans int // scans to make (re-scans included)
	// Rescans is the share of scans that re-scan an earlier business (default 0.15).
	Rescans float64
	// Consent is the share of scans with consent-statistics (default 0.8).
	Consent float64
	// NoKVK is the share of businesses that give no KVK number (default 0.4).
	NoKVK float64
}

// Invented weights (see Regional).
var (
	municipalityWeights = map[string]int{"hilversum": 40, "huizen": 17, "gooise-meren": 22, "wijdemeren": 10, "laren": 5, "blaricum": 4, "eemnes": 2}
	sectorWeights       = map[string]int{"business-services": 22, "retail": 14, "construction": 12, "health": 10, "media": 9, "ict": 8, "hospitality": 7,
		"personal-services": 6, "culture-recreation": 4, "manufacturing": 3, "wholesale": 2, "logistics": 1, "education": 1, "agri": 1}
	sizeWeights = map[string]int{"zzp": 52, "micro": 30, "small": 12, "medium": 5, "large": 1}
)

func weighted(rnd *rand.Rand, ids []string, w map[string]int) string {
	total := 0
	for _, id := range ids {
		total += w[id]
	}
	x := rnd.IntN(total)
	for _, id := range ids {
		if x < w[id] {
			return id
		}
		x -= w[id]
	}
	return ids[len(ids)-1]
}

// RegionalScan is one scan of a regional store and whom it re-scans.
type RegionalScan struct {
	Result *scan.Result
	// Of is the index of the earlier scan this one re-scans (-1: a new business).
	Of int
	// Linked: the re-scan recorded no KVK number and must be linked by hand.
	Linked bool
}

// Make returns the scans of the regional store, oldest first.
func (r Regional) Make(g *Gen) ([]RegionalScan, error) {
	if r.Rescans == 0 {
		r.Rescans = 0.15
	}
	if r.Consent == 0 {
		r.Consent = 0.8
	}
	if r.NoKVK == 0 {
		r.NoKVK = 0.4
	}
	rnd := rand.New(rand.NewPCG(g.Seed, 0x4e61))
	out := make([]RegionalScan, 0, r.Scans)
	g.N = max(r.Scans, 1)
	for i := range r.Scans {
		res, err := g.Result(i)
		if err != nil {
			return nil, err
		}
		days := 730 * (r.Scans - 1 - i) / max(r.Scans, 1)
		res.AsOf = g.AsOf.AddDays(-days)
		res.CreatedAt = res.AsOf.Time().Add(9*time.Hour + time.Duration(i%3600)*time.Second).UTC()
		res.ID = res.CreatedAt.Format("20060102") + fmt.Sprintf("-r%07d", i)
		rs := RegionalScan{Result: res, Of: -1}
		if i > 20 && rnd.Float64() < r.Rescans {
			// A re-scan of an earlier business: its profile and identity, new scores.
			of := rnd.IntN(i / 2)
			for out[of].Of >= 0 {
				of = out[of].Of
			}
			prev := out[of].Result
			res.Profile.Municipality, res.Profile.Sector, res.Profile.Size = prev.Profile.Municipality, prev.Profile.Sector, prev.Profile.Size
			res.Consents = prev.Consents
			res.Company = nil
			if prev.Company != nil {
				c := *prev.Company
				res.Company = &c
			}
			rs.Of = of
			if res.Company == nil || res.Company.KVK == "" || rnd.IntN(2) == 0 {
				// No KVK number this time: linked by hand.
				res.Company = nil
				rs.Linked = true
			}
		} else {
			res.Profile.Municipality = weighted(rnd, q.Municipalities, municipalityWeights)
			res.Profile.Sector = weighted(rnd, q.Sectors, sectorWeights)
			res.Profile.Size = weighted(rnd, q.Sizes, sizeWeights)
			res.Company = &scan.Company{Name: fmt.Sprintf("Bedrijf %d", i)}
			if rnd.Float64() >= r.NoKVK {
				res.Company.KVK = fmt.Sprintf("%08d", 30000000+i)
			}
			given := rnd.Float64() < r.Consent
			res.Consents = map[string]scan.Consent{
				"statistics": {Given: given, TextVersion: "1"},
				"follow_up":  {Given: rnd.IntN(2) == 0, TextVersion: "1"},
				"handover":   {Given: false, TextVersion: "1"},
			}
		}
		if res.Profile.Municipality == "" {
			res.Profile.Municipality = "hilversum"
		}
		out = append(out, rs)
	}
	return out, nil
}

// Fill makes the regional store in db: saves the scans, links the
// re-scans without a KVK number to their business by hand, and records
// what happened with the first referral of most re-scanned businesses'
// earlier scan (started, contacted or not pursued, at random).
func (r Regional) Fill(ctx context.Context, g *Gen, db *store.DB) ([]RegionalScan, error) {
	scans, err := r.Make(g)
	if err != nil {
		return nil, err
	}
	for _, s := range scans {
		if err := db.SaveScan(ctx, s.Result); err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
	}
	rnd := rand.New(rand.NewPCG(g.Seed, 0xf011))
	followed := map[int]bool{}
	for _, s := range scans {
		if s.Of < 0 || followed[s.Of] || rnd.IntN(4) == 0 {
			continue
		}
		first := scans[s.Of].Result
		if len(first.Referrals) == 0 {
			continue
		}
		followed[s.Of] = true
		f := &store.FollowUp{ScanID: first.ID, Programme: first.Referrals[0].Programme, Date: first.AsOf.AddDays(60)}
		switch rnd.IntN(3) {
		case 0:
			f.Outcome = store.OutcomeStarted
		case 1:
			f.Outcome = store.OutcomeContacted
		default:
			f.Outcome, f.Reason = store.OutcomeNotPursued, "no time"
		}
		if err := db.AddFollowUp(ctx, f); err != nil {
			return nil, fmt.Errorf("synth: follow-up of %s: %w", first.ID, err)
		}
	}
	for _, s := range scans {
		if !s.Linked {
			continue
		}
		rec, err := db.Scan(ctx, scans[s.Of].Result.ID)
		if err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
		if rec.CompanyID == 0 {
			continue
		}
		if err := db.LinkScan(ctx, s.Result.ID, rec.CompanyID); err != nil {
			return nil, fmt.Errorf("synth: link %s: %w", s.Result.ID, err)
		}
	}
	return scans, nil
}
