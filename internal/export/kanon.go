package export

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/internal/store"
)

// k-anonymity of anonymised exports.
//
// The quasi-identifiers are the columns someone who knows a business could
// match it on: municipality (with province), sector, size and the period
// of the scan. An anonymised export makes every combination of them shared
// by at least K businesses: it generalises, one step at a time for the
// whole file, quarter → year, size → band, sector → group, municipality →
// region (generalise.yaml), and stops at the first step where at most 5 %
// of the rows are still in groups under K; the rows that still are, are
// dropped. Groups count businesses, not scans (a re-scan does not make a
// business two). Free text, names, the village and the business
// association are never exported.

// DefaultK is the k of an anonymised export (--k).
const DefaultK = 5

// dropBudget is the share of rows a step may leave to be dropped.
const dropBudget = 0.05

// Steps of the generalisation ladder, in order.
var Steps = []string{"quarter>year", "size>band", "sector>group", "municipality>region"}

//go:embed generalise.yaml
var generaliseYAML []byte

var (
	ladderOnce sync.Once
	ladder     struct {
		SizeBands    map[string][]string `yaml:"size_bands"`
		SectorGroups map[string][]string `yaml:"sector_groups"`
		Regions      map[string][]string `yaml:"municipality_regions"`
		size, sector map[string]string
		region       map[string]string
	}
)

func loadLadder() {
	ladderOnce.Do(func() {
		if err := yaml.Unmarshal(generaliseYAML, &ladder); err != nil {
			panic("export: generalise.yaml: " + err.Error()) // embedded; caught by the tests
		}
		inv := func(m map[string][]string) map[string]string {
			out := map[string]string{}
			for g, ids := range m {
				for _, id := range ids {
					out[id] = g
				}
			}
			return out
		}
		ladder.size, ladder.sector, ladder.region = inv(ladder.SizeBands), inv(ladder.SectorGroups), inv(ladder.Regions)
	})
}

// Anonymity is what an anonymised export reached.
type Anonymity struct {
	K int `json:"k"` // asked
	// Reached is the smallest number of businesses sharing a combination
	// of the quasi-identifiers in the file (0 when the file has no rows).
	Reached int `json:"k_reached"`
	// Generalised are the steps taken (Steps).
	Generalised []string `json:"generalised"`
	// Dropped is how many scans were left out to reach K.
	Dropped int `json:"dropped"`
	// Rows is how many scans the file has.
	Rows int `json:"rows"`
}

// qi is the quasi-identifiers of a scan.
type qi struct{ municipality, sector, size, date string }

// generalise returns the key of the group of a scan at a ladder step
// (0: none taken) and the values to write.
func (x qi) generalise(level int) qi {
	loadLadder()
	g := qi{municipality: x.municipality, sector: x.sector, size: x.size, date: Quarter(x.date)}
	if level >= 1 && len(x.date) >= 4 {
		g.date = x.date[:4]
	}
	if level >= 2 {
		if b, ok := ladder.size[x.size]; ok {
			g.size = b
		}
	}
	if level >= 3 {
		if s, ok := ladder.sector[x.sector]; ok {
			g.sector = s
		}
	}
	if level >= 4 {
		if r, ok := ladder.region[x.municipality]; ok {
			g.municipality = r
		}
	}
	return g
}

// kPlan is the ladder step chosen and the groups to drop.
type kPlan struct {
	level int
	drop  map[qi]bool
	a     Anonymity
}

// planK reads the quasi-identifiers of the scans f selects and chooses
// the step and the groups to drop.
func planK(ctx context.Context, db *store.DB, f store.Filter, k int) (*kPlan, error) {
	type scanQI struct {
		x        qi
		business string
	}
	var scans []scanQI
	err := db.EachBrief(ctx, f, store.BriefAnyOrder, func(b *store.Brief) error {
		id := "s" + b.ID
		if b.CompanyID != 0 {
			id = "c" + strconv.FormatInt(b.CompanyID, 10)
		}
		scans = append(scans, scanQI{qi{b.Municipality, b.Sector, b.Size, b.Date}, id})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	groups := func(level int) (map[qi]map[string]bool, int) {
		g := map[qi]map[string]bool{}
		for _, s := range scans {
			key := s.x.generalise(level)
			if g[key] == nil {
				g[key] = map[string]bool{}
			}
			g[key][s.business] = true
		}
		short := 0
		for _, s := range scans {
			if len(g[s.x.generalise(level)]) < k {
				short++
			}
		}
		return g, short
	}
	p := &kPlan{level: len(Steps), drop: map[qi]bool{}, a: Anonymity{K: k}}
	var g map[qi]map[string]bool
	for level := 0; level <= len(Steps); level++ {
		var short int
		g, short = groups(level)
		if float64(short) <= dropBudget*float64(len(scans)) || level == len(Steps) {
			p.level = level
			break
		}
	}
	p.a.Generalised = append([]string{}, Steps[:p.level]...)
	sizes := []int{}
	for key, members := range g {
		if len(members) < k {
			p.drop[key] = true
			continue
		}
		sizes = append(sizes, len(members))
	}
	for _, s := range scans {
		if p.drop[s.x.generalise(p.level)] {
			p.a.Dropped++
		} else {
			p.a.Rows++
		}
	}
	sort.Ints(sizes)
	if len(sizes) > 0 {
		p.a.Reached = sizes[0]
	}
	return p, nil
}

// generalise writes the row's quasi-identifiers at the plan's step; false
// when the row's group is dropped.
func (b *rowBuilder) generalise(p *kPlan) bool {
	r := &b.row
	d := r.asOf
	if len(d) == 0 {
		d = r.createdAt
	}
	x := qi{string(r.municipality), string(r.sector), string(r.size), string(d)}
	g := x.generalise(p.level)
	if p.drop[g] {
		return false
	}
	set := func(i int, v string) {
		b.cells[i] = cell{}
		if v != "" {
			b.cells[i] = cell{k: cText, s: []byte(v)}
		}
	}
	for i, sp := range b.l.specs {
		switch sp.f {
		case fMunicipality:
			set(i, g.municipality)
		case fProvince:
			if p.level >= 4 { // the province tells the municipality apart (Eemnes)
				set(i, "")
			}
		case fSector:
			set(i, g.sector)
		case fSize:
			set(i, g.size)
		case fQuarter:
			set(i, g.date)
		}
	}
	return true
}

// ErrNotKAnonymous: an anonymised export in a format that keeps every
// profile value, asked with k above 1 (a usage error).
var ErrNotKAnonymous = errors.New("this format cannot be k-anonymous")

// notKAnonymous refuses an anonymised JSON or DMA export with k above 1:
// they keep every profile value (JSON stays importable, DMA keeps its
// shape), so they cannot generalise.
func (o *Options) notKAnonymous(format string) error {
	if !o.Anonymize || o.K <= 1 {
		return nil
	}
	return fmt.Errorf("%w: an anonymised --format %s keeps municipality, sector, size and period as they are, so it cannot reach --k %d; share --format csv or xlsx (generalised to k), or give --k 1 to export it anyway", ErrNotKAnonymous, format, o.K)
}
