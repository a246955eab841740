package stats

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/store"
)

type storeFilter = store.Filter

func TestReadPopulationErrors(t *testing.T) {
	for in, want := range map[string]string{
		"municipality;sector;size\n": "pop.csv:1: no column \"businesses\"",
		"# invented\nmunicipality;sector;size;businesses\nhilversm;retail;zzp;10\n": "pop.csv:3: municipality: unknown \"hilversm\" (did you mean \"hilversum\"?)",
		"municipality,sector,size,businesses\nhilversum,retail,zzp,ten\n":           "pop.csv:2: businesses: \"ten\" is not a whole number",
		"municipality;sector;size;businesses\nlaren;ict;zzp;1\nlaren;ict;zzp;2\n":   "pop.csv:3: laren × ict × zzp is on line 2 already",
		"# nothing\n": "no rows",
	} {
		_, err := ReadPopulation("pop.csv", strings.NewReader(in))
		if !errors.Is(err, ErrPopulation) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
	f, err := os.Open("../../examples/population/gooi-vechtstreek-INVENTED.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ReadPopulation("example", f)
	if err != nil || len(p.Rows) != 7*15*5 {
		t.Fatalf("example: %v, %d rows", err, len(p.Rows))
	}
}

// TestEstimates: when the population is exactly the scanned businesses,
// the estimate is their count (and the interval has no width: every
// business was scanned); strata with too few scans are named, not weighted.
func TestEstimates(t *testing.T) {
	db := fixture(t)
	ctx := context.Background()
	exact, err := Compute(ctx, db, Options{exact: true})
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's businesses per municipality and size.
	pop := &Population{Source: "test"}
	count := map[[3]string]int{}
	for _, b := range counted() {
		count[[3]string{b.muni, b.sector, b.size}]++
	}
	for k, n := range count {
		pop.Rows = append(pop.Rows, PopulationRow{Municipality: k[0], Sector: k[1], Size: k[2], Businesses: n})
	}
	pop.Rows = append(pop.Rows, PopulationRow{Municipality: "wijdemeren", Sector: "ict", Size: "zzp", Businesses: 40})
	rep, err := Compute(ctx, db, Options{Population: pop})
	if err != nil {
		t.Fatal(err)
	}
	e := rep.Estimates
	if e == nil || e.Population != len(counted())+40 {
		t.Fatalf("estimates %+v", e)
	}
	covered := 0
	for i, x := range e.Quadrants {
		want := exact.Quadrants.RowTotals[i].N
		// Strata under MinScans are left out: the estimate is at most the count.
		if x.Value > want+5 || x.Low > x.Value || x.High < x.Value {
			t.Errorf("%s: %+v, counted %d", x.Quadrant, x, want)
		}
		covered += x.Value
	}
	if covered < e.Covered-20 || covered > e.Covered+20 {
		t.Errorf("estimates add up to %d of %d covered", covered, e.Covered)
	}
	found := false
	for _, u := range e.Uncovered {
		if u.Municipality == "wijdemeren" && u.SizeBand == GroupZZP && u.Businesses == 40 {
			found = true
		}
	}
	if !found {
		t.Errorf("wijdemeren without scans not named: %+v", e.Uncovered)
	}
	// A quadrant filter: no estimate, a note.
	rep, err = Compute(ctx, db, Options{Population: pop, Filter: storeFilterQuadrant("vulnerable")})
	if err != nil || rep.Estimates != nil || len(rep.Notes) == 0 {
		t.Errorf("quadrant filter: %+v %v", rep.Estimates, err)
	}
}

func storeFilterQuadrant(id string) (f storeFilter) {
	f.Quadrant = []string{id}
	return f
}
