package stats

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Population is the number of businesses per municipality, sector and
// size (the shape of CBS's "vestigingen" tables): the weights of the
// estimates for the whole region.
type Population struct {
	Source string
	Rows   []PopulationRow
}

// PopulationRow is one line of a population file.
type PopulationRow struct {
	Municipality, Sector, Size string
	Businesses                 int
}

// ErrPopulation: a population file that cannot be read (a usage error).
var ErrPopulation = errors.New("population file")

// ReadPopulation reads a population file: CSV with ";" or ",", a header
// municipality, sector, size, businesses (in any order), lines starting
// with # are comments. Errors name the file, line and field, with a fix.
func ReadPopulation(name string, r io.Reader) (*Population, error) {
	p := &Population{Source: name}
	sc := bufio.NewScanner(r)
	var cols map[string]int
	comma := ";"
	seen := map[[3]string]int{}
	bad := func(line int, format string, args ...any) error {
		return fmt.Errorf("%w: %s:%d: %s", ErrPopulation, name, line, fmt.Sprintf(format, args...))
	}
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if cols == nil {
			if !strings.Contains(text, ";") && strings.Contains(text, ",") {
				comma = ","
			}
			cols = map[string]int{}
			for i, h := range strings.Split(text, comma) {
				cols[strings.ToLower(strings.TrimSpace(h))] = i
			}
			for _, need := range []string{"municipality", "sector", "size", "businesses"} {
				if _, ok := cols[need]; !ok {
					return nil, bad(line, "no column %q in the header: the header is municipality;sector;size;businesses", need)
				}
			}
			continue
		}
		f := strings.Split(text, comma)
		get := func(c string) string {
			if i := cols[c]; i < len(f) {
				return strings.TrimSpace(f[i])
			}
			return ""
		}
		row := PopulationRow{Municipality: get("municipality"), Sector: get("sector"), Size: get("size")}
		for _, c := range []struct {
			field, v string
			ids      []string
		}{{"municipality", row.Municipality, q.Municipalities}, {"sector", row.Sector, q.Sectors}, {"size", row.Size, q.Sizes}} {
			if !slices.Contains(c.ids, c.v) {
				return nil, bad(line, "%s: unknown %q%s; use one of %s", c.field, c.v, strictyaml.DidYouMean(c.v, c.ids), strings.Join(c.ids, ", "))
			}
		}
		n, err := strconv.Atoi(strings.ReplaceAll(get("businesses"), ".", ""))
		if err != nil || n < 0 {
			return nil, bad(line, "businesses: %q is not a whole number of businesses (0 or more)", get("businesses"))
		}
		row.Businesses = n
		k := [3]string{row.Municipality, row.Sector, row.Size}
		if prev, ok := seen[k]; ok {
			return nil, bad(line, "%s × %s × %s is on line %d already: give each combination once", k[0], k[1], k[2], prev)
		}
		seen[k] = line
		p.Rows = append(p.Rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrPopulation, name, err)
	}
	if len(p.Rows) == 0 {
		return nil, fmt.Errorf("%w: %s: no rows: give a header municipality;sector;size;businesses and a line per combination", ErrPopulation, name)
	}
	return p, nil
}

// Estimates are post-stratified estimates for the whole population:
// within each stratum (municipality × size band) the scanned businesses'
// quadrant shares, weighted by the stratum's number of businesses.
type Estimates struct {
	Source string `json:"source"`
	// Strata says how the population is split: municipality × size band.
	Strata string `json:"strata"`
	// Population is the number of businesses in the file (after the filter).
	Population int `json:"population"`
	// Covered is the number of businesses in the strata with enough scans.
	Covered int `json:"covered"`
	// Quadrants: the estimated number of businesses per quadrant among
	// the covered ones, with a 95 % interval (rounded to tens).
	Quadrants []Estimate `json:"quadrants"`
	// Uncovered are the strata with too few scans to weight (fewer than
	// MinScans), left out of the estimate.
	Uncovered []Stratum `json:"uncovered,omitempty"`
	MinScans  int       `json:"min_scans"`
}

// Estimate is an estimated count with its 95 % interval.
type Estimate struct {
	Quadrant string `json:"quadrant"`
	Value    int    `json:"value"`
	Low      int    `json:"low"`
	High     int    `json:"high"`
}

// Stratum is one municipality × size band.
type Stratum struct {
	Municipality string `json:"municipality"`
	SizeBand     string `json:"size_band"`
	Businesses   int    `json:"businesses"`
}

// MinScans is the fewest scans a stratum needs to be weighted.
const MinScans = 10

// strata accumulates the scanned businesses' quadrants per stratum.
type strata map[[2]string]*[4]int

func sizeBand(size string) string {
	switch size {
	case "zzp":
		return GroupZZP
	case "micro":
		return GroupMicro
	}
	return Group10
}

func (s strata) add(b *store.Brief, t scan.Thresholds) {
	k := [2]string{b.Municipality, sizeBand(b.Size)}
	if s[k] == nil {
		s[k] = &[4]int{}
	}
	if i := slices.Index(q.QuadrantIDs, scan.Quadrant(b.Impact, b.Readiness, t)); i >= 0 {
		s[k][i]++
	}
}

// estimate weights the strata by the population (rows the filter keeps).
func (s strata) estimate(pop *Population, keep func(PopulationRow) bool) *Estimates {
	e := &Estimates{Source: pop.Source, Strata: "municipality × size band (zzp, micro, 10+)", MinScans: MinScans}
	N := map[[2]string]int{}
	var order [][2]string
	for _, r := range pop.Rows {
		if !keep(r) {
			continue
		}
		k := [2]string{r.Municipality, sizeBand(r.Size)}
		if _, ok := N[k]; !ok {
			order = append(order, k)
		}
		N[k] += r.Businesses
		e.Population += r.Businesses
	}
	var est, variance [4]float64
	for _, k := range order {
		counts := s[k]
		n := 0
		if counts != nil {
			for _, c := range counts {
				n += c
			}
		}
		if n < MinScans {
			if N[k] > 0 {
				e.Uncovered = append(e.Uncovered, Stratum{Municipality: k[0], SizeBand: k[1], Businesses: N[k]})
			}
			continue
		}
		e.Covered += N[k]
		Nh := float64(N[k])
		fpc := 1.0
		if Nh > 1 {
			fpc = max(0, 1-float64(n)/Nh)
		}
		for i, c := range counts {
			p := float64(c) / float64(n)
			est[i] += Nh * p
			variance[i] += Nh * Nh * p * (1 - p) / float64(n) * fpc
		}
	}
	round10 := func(x float64) int { return int(math.Round(x/10) * 10) }
	for i, id := range q.QuadrantIDs {
		half := z95 * math.Sqrt(variance[i])
		e.Quadrants = append(e.Quadrants, Estimate{Quadrant: id, Value: round10(est[i]),
			Low: round10(max(0, est[i]-half)), High: round10(min(float64(e.Covered), est[i]+half))})
	}
	return e
}
