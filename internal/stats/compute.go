package stats

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Breakdown dimensions (Options.By).
const (
	ByMunicipality = "municipality"
	BySector       = "sector"
	BySize         = "size"
)

// ByDimensions lists the breakdowns, the default order.
var ByDimensions = []string{ByMunicipality, BySector, BySize}

// DefaultMinCell is the smallest count published (REFERENCE.md: peer
// statistics only for groups of at least 5).
const DefaultMinCell = 5

// ErrUsage: an option that cannot work (an unknown breakdown, a minimum
// cell below 1): a usage error.
var ErrUsage = errors.New("invalid statistics option")

// Options tune Compute.
type Options struct {
	// Filter narrows the scans (--since, --until, --municipality, …).
	// Only scans with consent-statistics count, and only the latest scan
	// per company (StatisticsConsent and LatestPerCompany are implied); as
	// with LatestPerCompany, Municipality, Sector, Size and Quadrant apply
	// to a company's latest scan. Due, Limit and the order are not used.
	Filter store.Filter
	// By are the breakdowns (--by): municipality, sector, size; default all three.
	By []string
	// MinCell is the smallest count published (--min-cell; default 5).
	MinCell int
	// Questionnaires resolves a scan's questionnaire for its quadrant
	// thresholds (default questionnaires.Find; 50/50 when it cannot).
	Questionnaires q.Resolver
	// Shift is how far both thresholds move for the sensitivity tables
	// (default 10).
	Shift float64

	// Population, when set, adds post-stratified estimates for the whole
	// population (--population).
	Population *Population

	// Progress, when set, is told the scans read so far, every 256.
	Progress func(scans int)

	// exact publishes the true counts, unprotected: for the tests of the
	// arithmetic only (no command sets it); plain hides small counts and
	// publishes the others unperturbed (the auditor's baseline).
	exact, plain bool
}

// modeOrder is the order of modes in tables.
var modeOrder = []string{scan.ModeAdvisor, scan.ModeSelf, scan.ModeSurvey}

// Global dimensions of the counted boxes.
const (
	dMode = iota
	dImpact
	dReadiness
	dMunicipality
	dSector
	dSize
	nDims
)

// maxValues is the most values a dimension keeps (masks are 64 bits);
// rarer values are counted as "other".
const maxValues = 63

// Other is the id of values beyond the 63 most frequent of a dimension.
const Other = "other"

// Unknown is the id of an empty value (a scan without a municipality).
const Unknown = "unknown"

// vocabulary maps the values of a dimension to indexes.
type vocabulary struct {
	ids   []string
	index map[string]int
}

func newVocabulary(known []string) *vocabulary {
	v := &vocabulary{index: map[string]int{}}
	for _, id := range known {
		v.of(id)
	}
	return v
}

func (v *vocabulary) of(id string) int {
	if id == "" {
		id = Unknown
	}
	if i, ok := v.index[id]; ok {
		return i
	}
	if len(v.ids) >= maxValues-1 && id != Other { // the last place is Other's
		return v.of(Other)
	}
	v.index[id] = len(v.ids)
	v.ids = append(v.ids, id)
	return len(v.ids) - 1
}

// band places a score against a threshold moved by ±shift: 0 below
// t−shift, 1 below t, 2 below t+shift, 3 from t+shift (a score equal to a
// threshold counts as high).
func band(x, t, shift float64) int {
	switch {
	case x < t-shift:
		return 0
	case x < t:
		return 1
	case x < t+shift:
		return 2
	}
	return 3
}

// quadrantMasks are the impact and readiness band masks of a quadrant with
// both thresholds moved by shift (−1, 0, +1 in bands).
func quadrantMasks(quadrant string, step int) (impact, readiness uint64) {
	// High from band 2 at the threshold, band 1 at −shift, band 3 at +shift.
	from := 2 + step
	var high uint64
	for b := from; b < 4; b++ {
		high |= 1 << b
	}
	low := 0b1111 &^ high
	switch quadrant {
	case q.Vulnerable:
		return high, low
	case q.Frontrunner:
		return high, high
	case q.LowUrgency:
		return low, low
	}
	return low, high // prepared
}

// counter holds the counts of the scans, by mode, impact band, readiness
// band, municipality, sector and size.
type counter struct {
	vocab [nDims]*vocabulary
	cells map[[nDims]uint8]kc
}

func (c *counter) sum(m [nDims]uint64) kc {
	var n kc
	for k, v := range c.cells {
		ok := true
		for d, x := range k {
			if m[d] != 0 && m[d]>>x&1 == 0 {
				ok = false
				break
			}
		}
		if ok {
			n = n.plus(v)
		}
	}
	return n
}

// compact drops the values of mode, municipality, sector and size that no
// scan has, renumbering the counts (and flags, by mode and size).
func (c *counter) compact(flags []flagged) []flagged {
	var remap [nDims][]int
	for _, d := range []int{dMode, dMunicipality, dSector, dSize} {
		used := make([]bool, len(c.vocab[d].ids))
		for k := range c.cells {
			used[k[d]] = true
		}
		nv := &vocabulary{index: map[string]int{}}
		remap[d] = make([]int, len(used))
		for i, id := range c.vocab[d].ids {
			remap[d][i] = -1
			if used[i] {
				remap[d][i] = len(nv.ids)
				nv.index[id] = len(nv.ids)
				nv.ids = append(nv.ids, id)
			}
		}
		c.vocab[d] = nv
	}
	cells := make(map[[nDims]uint8]kc, len(c.cells))
	for k, v := range c.cells {
		for _, d := range []int{dMode, dMunicipality, dSector, dSize} {
			k[d] = uint8(remap[d][k[d]])
		}
		cells[k] = cells[k].plus(v)
	}
	c.cells = cells
	out := make([]flagged, len(flags))
	for i, f := range flags {
		for m := range f {
			for s, v := range f[m] {
				if v == [2]kc{} {
					continue
				}
				out[i] = grow(out[i], remap[dMode][m], remap[dSize][s])
				out[i][remap[dMode][m]][remap[dSize][s]] = v
			}
		}
	}
	return out
}

// flagged counts scans by mode, size and one yes/no indicator.
type flagged [][][2]kc // [mode][size][no, yes]

// Compute counts the scans opt selects into a report, suppressing small
// counts (see Report).
func Compute(ctx context.Context, db *store.DB, opt Options) (*Report, error) {
	if opt.MinCell == 0 {
		opt.MinCell = DefaultMinCell
	}
	if opt.MinCell < 1 {
		return nil, fmt.Errorf("%w: --min-cell must be at least 1, got %d", ErrUsage, opt.MinCell)
	}
	if len(opt.By) == 0 {
		opt.By = ByDimensions
	}
	for _, b := range opt.By {
		if !slices.Contains(ByDimensions, b) {
			return nil, fmt.Errorf("%w: unknown --by %q: use municipality, sector or size", ErrUsage, b)
		}
	}
	if opt.Questionnaires == nil {
		opt.Questionnaires = q.Find
	}
	if opt.Shift == 0 {
		opt.Shift = 10
	}
	// One pass over the scans with consent that pass the filter's period,
	// mode and questionnaire, by company: a company's last scan is its
	// latest (Filter.LatestPerCompany's rule), and the municipality,
	// sector, size and quadrant filters apply to it, so a business that
	// moved or grew counts where and what it is now; with its first scan it
	// gives the change of a re-scanned business.
	scope := opt.Filter
	scope.Municipality, scope.Sector, scope.Size, scope.Quadrant = nil, nil, nil, nil
	scope.StatisticsConsent, scope.LatestPerCompany, scope.NoJSON = true, false, true
	scope.Due = date.Date{}
	keep := func(b *store.Brief) bool {
		f := opt.Filter
		return in(f.Municipality, b.Municipality) && in(f.Sector, b.Sector) && in(f.Size, b.Size) && in(f.Quadrant, b.Quadrant)
	}

	rep := &Report{MinCell: opt.MinCell, Filter: summarize(opt.Filter), Protection: protection(opt)}
	var all kc
	c := &counter{cells: map[[nDims]uint8]kc{}}
	c.vocab[dMode] = newVocabulary(nil)
	c.vocab[dImpact] = newVocabulary([]string{"0", "1", "2", "3"})
	c.vocab[dReadiness] = newVocabulary([]string{"0", "1", "2", "3"})
	c.vocab[dMunicipality] = newVocabulary(q.Municipalities)
	c.vocab[dSector] = newVocabulary(q.Sectors)
	c.vocab[dSize] = newVocabulary(q.Sizes)
	flags := make([]flagged, len(Indicators))
	means := newMeanAcc()
	th := thresholds{resolve: opt.Questionnaires, cache: map[[2]string]scan.Thresholds{}}
	mismatch := 0
	var pairs changeAcc
	st := strata{}
	// What happened with each scan's referrals (latest follow-up per
	// programme): 1 acted, 2 not pursued only.
	referred := map[string]int{}
	err := db.EachFollowUp(ctx, store.FollowUpFilter{Latest: true}, func(f *store.FollowUp) error {
		switch f.Outcome {
		case store.OutcomeContacted, store.OutcomeApplied, store.OutcomeStarted:
			referred[f.ScanID] = 1
		case store.OutcomeNotPursued:
			if referred[f.ScanID] == 0 {
				referred[f.ScanID] = 2
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	trend := map[int]*[4]kc{} // by quarter: year·4 + quarter − 1
	var weakest [6]kc
	topics := newTopicAcc()

	count := func(b *store.Brief) {
		t := th.of(b.QuestionnaireID, b.QuestionnaireVersion)
		if scan.Quadrant(b.Impact, b.Readiness, t) != b.Quadrant {
			mismatch++
		}
		var k [nDims]uint8
		k[dMode] = uint8(c.vocab[dMode].of(b.Mode))
		k[dImpact] = uint8(band(b.Impact, t.Impact, opt.Shift))
		k[dReadiness] = uint8(band(b.Readiness, t.Readiness, opt.Shift))
		k[dMunicipality] = uint8(c.vocab[dMunicipality].of(b.Municipality))
		k[dSector] = uint8(c.vocab[dSector].of(b.Sector))
		k[dSize] = uint8(c.vocab[dSize].of(b.Size))
		rec := one(b.ID)
		c.cells[k] = c.cells[k].plus(rec)
		for i, yes := range [...]bool{b.DIIBasic, b.AdvancedTech.Cloud, b.AdvancedTech.AI, b.AdvancedTech.DataAnalytics, b.AdvancedTech.Any} {
			flags[i] = grow(flags[i], int(k[dMode]), int(k[dSize]))
			x := &flags[i][k[dMode]][k[dSize]][0]
			if yes {
				x = &flags[i][k[dMode]][k[dSize]][1]
			}
			*x = x.plus(rec)
		}
		means.add(int(k[dMode]), b, rec)
		if qt := quarter(b.Date); qt >= 0 {
			if trend[qt] == nil {
				trend[qt] = &[4]kc{}
			}
			if i := slices.Index(q.QuadrantIDs, scan.Quadrant(b.Impact, b.Readiness, t)); i >= 0 {
				trend[qt][i] = trend[qt][i].plus(rec)
			}
		}
		w := weakestDimension(b)
		if w >= 0 {
			weakest[w] = weakest[w].plus(rec)
		}
		topics.add(b, k, w, rec)
		if opt.Population != nil {
			st.add(b, t)
		}
		all = all.plus(rec)
	}
	var (
		company     int64 = -1
		first, last store.Brief
		scans       int
		before      int // the referral group of the scans before the latest
	)
	flush := func() {
		if scans == 0 || !keep(&last) {
			return
		}
		count(&last)
		if scans >= 2 {
			group := 2 // no follow-up
			switch before {
			case 1:
				group = 0
			case 2:
				group = 1
			}
			pairs.add(&first, &last, group)
		}
	}
	read := 0
	err = db.EachBrief(ctx, scope, store.BriefByCompany, func(b *store.Brief) error {
		if read++; opt.Progress != nil && read%256 == 0 {
			opt.Progress(read)
		}
		if b.CompanyID == 0 { // no company: a business of its own
			if keep(b) {
				count(b)
			}
			return nil
		}
		if b.CompanyID != company {
			flush()
			company, scans, first, before = b.CompanyID, 0, *b, 0
		} else if r := referred[last.ID]; r == 1 || (r == 2 && before == 0) {
			before = r // the previous latest is an earlier scan now
		}
		last = *b
		scans++
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	flush()
	if mismatch > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d scans were placed in another quadrant than their thresholds give now; counted by impact and readiness against the questionnaire's thresholds", mismatch))
	}
	if th.assumed > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d scans of questionnaires that are not available: thresholds 50/50 assumed for them", th.assumed))
	}

	// Only the values that occur are values of a dimension: a value no
	// table shows would be an unknown to the audit while readers know it
	// is zero (the rows add up to the total).
	pre := c.vocab // the values' indexes as counted (topics)
	flags = c.compact(flags)

	// Modes in their order, those present only.
	modes := []int{}
	for _, m := range modeOrder {
		if i, ok := c.vocab[dMode].index[m]; ok {
			modes = append(modes, i)
		}
	}
	for i, m := range c.vocab[dMode].ids {
		if !slices.Contains(modeOrder, m) {
			modes = append(modes, i)
		}
	}
	for _, m := range modes {
		rep.Modes = append(rep.Modes, c.vocab[dMode].ids[m])
	}

	p := newProtector(opt.MinCell, len(c.vocab[dMode].ids), 4, 4, len(c.vocab[dMunicipality].ids), len(c.vocab[dSector].ids), len(c.vocab[dSize].ids))
	p.exact, p.plain = opt.exact, opt.plain
	b := &builder{c: c, p: p, modes: modes}
	// The total, the quadrant table, each breakdown, the sensitivity
	// tables: every count is published by its own cell key, the same
	// businesses the same way wherever they are counted.
	total := p.add(all)
	quad := b.quadrants(0)
	var breakdowns []*pending
	for _, by := range opt.By {
		breakdowns = append(breakdowns, b.breakdown(by))
	}
	var sens []*pending
	for _, step := range []int{-1, 0, 1} {
		t := b.quadrants(step)
		if step != 0 {
			sens = append(sens, t)
		}
	}
	p.protect()
	rep.N, rep.NSuppressed = total.value, total.suppressed
	if all.n > 0 && all.n < p.smallGroup() {
		// Too few to split at all: a breakdown hides this group's split,
		// so a run that selects only this group must not show it either.
		rep.TooFew = true
		rep.Suppressed.Primary++
		// Which modes occur is per-mode detail too: for a tiny
		// selection it tells how its businesses were scanned.
		rep.Modes = nil
		return rep, nil
	}
	targets := b.targets(flags)

	// Fill the report from the protected counts.
	rep.Quadrants = quad.table(colShares, p.smallGroup())
	for i, by := range opt.By {
		bd := Breakdown{By: by}
		for _, mt := range breakdowns[i].modes {
			bd.Tables = append(bd.Tables, ModeTable{Mode: mt.mode, Table: mt.p.table(rowShares, p.smallGroup())})
		}
		rep.Breakdowns = append(rep.Breakdowns, bd)
	}
	for i, s := range sens {
		rep.Sensitivity = append(rep.Sensitivity, Sensitivity{Shift: []float64{-opt.Shift, opt.Shift}[i], Quadrants: s.table(colShares, p.smallGroup())})
	}
	rep.Targets = targets.report(p.smallGroup())
	rep.Dimensions = means.report(p, c.vocab[dMode].ids, modes)

	if opt.Population != nil {
		if len(opt.Filter.Quadrant) > 0 || len(opt.Filter.Mode) > 0 {
			rep.Notes = append(rep.Notes, "no estimates for the whole population with a --quadrant or --mode filter: the population file has neither")
		} else {
			f := opt.Filter
			rep.Estimates = st.estimate(opt.Population, func(r PopulationRow) bool {
				return in(f.Municipality, r.Municipality) && in(f.Sector, r.Sector) && in(f.Size, r.Size)
			})
		}
	}
	rep.Trend = trendTable(p, trend)
	rep.Demand = topics.report(p, &th, pre, total, opt.By, rep.Breakdowns, p.smallGroup())
	for i, id := range q.DimensionIDs {
		rep.Demand.Weakest = append(rep.Demand.Weakest, DemandCell{ID: id, Cell: withShare(cellOf(p.lone(weakest[i])), total)})
	}
	pairs.report(opt, rep)
	if err := referrals(ctx, db, opt, rep); err != nil {
		return nil, err
	}
	rep.Suppressed.Primary += p.hidden
	return rep, nil
}

func grow(f flagged, mode, size int) flagged {
	for len(f) <= mode {
		f = append(f, nil)
	}
	for len(f[mode]) <= size {
		f[mode] = append(f[mode], [2]kc{})
	}
	return f
}

// in reports whether v is one of vals (any value when vals is empty).
func in(vals []string, v string) bool { return len(vals) == 0 || slices.Contains(vals, v) }

func summarize(f store.Filter) FilterSummary {
	s := FilterSummary{Municipality: f.Municipality, Sector: f.Sector, Size: f.Size, Quadrant: f.Quadrant, Mode: f.Mode, Questionnaire: f.QuestionnaireVersion}
	if !f.Since.IsZero() {
		s.Since = f.Since.String()
	}
	if !f.Until.IsZero() {
		s.Until = f.Until.String()
	}
	return s
}

// thresholds finds the quadrant thresholds of a questionnaire version.
type thresholds struct {
	resolve q.Resolver
	cache   map[[2]string]scan.Thresholds
	assumed int
	missing map[[2]string]bool
}

func (t *thresholds) of(id, version string) scan.Thresholds {
	k := [2]string{id, version}
	if th, ok := t.cache[k]; ok {
		if t.missing[k] {
			t.assumed++
		}
		return th
	}
	th := scan.Thresholds{Impact: 50, Readiness: 50}
	if qn, _, err := t.resolve(id, version); err == nil {
		th = scan.Thresholds{Impact: qn.Thresholds.Impact, Readiness: qn.Thresholds.Readiness}
	} else {
		if t.missing == nil {
			t.missing = map[[2]string]bool{}
		}
		t.missing[k] = true
		t.assumed++
	}
	t.cache[k] = th
	return th
}

// pending is a table whose cells are boxes awaiting protection.
type pending struct {
	rows, cols []string
	cells      [][]*box
	rowTot     []*box
	colTot     []*box
	total      *box
	modes      []modePending
}

type modePending struct {
	mode string
	p    *pending
}

type shareOf int

const (
	rowShares shareOf = iota
	colShares
)

func cellOf(b *box) Cell {
	if b.suppressed {
		return Cell{Suppressed: true}
	}
	return Cell{N: b.value}
}

func withShare(c Cell, of *box) Cell {
	if c.Suppressed || of.suppressed || of.value == 0 {
		return c
	}
	// Both counts are perturbed: a share is at most 1.
	n := min(c.N, of.value)
	c.Share, c.HasShare = float64(n)/float64(of.value), true
	c.Low, c.High = Wilson(n, of.value)
	return c
}

// table fills a table from the published counts. A group (the row or
// column its shares are of) of fewer than small businesses shows its
// total only: how its few members split, even perturbed (the same
// businesses give the same value: "7 of 7" would name every member's
// quadrant), is not published.
func (p *pending) table(shares shareOf, small int) Table {
	t := Table{Rows: p.rows, Cols: p.cols, Total: cellOf(p.total)}
	for i := range p.rows {
		row := make([]Cell, len(p.cols))
		for j := range p.cols {
			of := p.colTot[j]
			if shares == rowShares {
				of = p.rowTot[i]
			}
			if of.count.n > 0 && of.count.n < small {
				row[j] = Cell{Suppressed: true}
				continue
			}
			row[j] = withShare(cellOf(p.cells[i][j]), of)
		}
		t.Cells = append(t.Cells, row)
		rt := cellOf(p.rowTot[i])
		if shares == colShares {
			rt = withShare(rt, p.total)
		}
		t.RowTotals = append(t.RowTotals, rt)
	}
	for j := range p.cols {
		ct := cellOf(p.colTot[j])
		if shares == rowShares {
			ct = withShare(ct, p.total)
		}
		t.ColTotals = append(t.ColTotals, ct)
	}
	return t
}

// builder registers the report's tables with the protector.
type builder struct {
	c     *counter
	p     *protector
	modes []int
}

func (b *builder) box(m [nDims]uint64) *box { return b.p.add(b.c.sum(m), m[:]...) }

// quadrants registers the quadrant × mode table with the thresholds moved
// by step bands (−1, 0, +1).
func (b *builder) quadrants(step int) *pending {
	t := &pending{rows: q.QuadrantIDs}
	for _, m := range b.modes {
		t.cols = append(t.cols, b.c.vocab[dMode].ids[m])
	}
	for _, quad := range q.QuadrantIDs {
		im, rm := quadrantMasks(quad, step)
		var row []*box
		for _, m := range b.modes {
			row = append(row, b.box([nDims]uint64{dMode: 1 << m, dImpact: im, dReadiness: rm}))
		}
		t.cells = append(t.cells, row)
		t.rowTot = append(t.rowTot, b.box([nDims]uint64{dImpact: im, dReadiness: rm}))
	}
	for _, m := range b.modes {
		t.colTot = append(t.colTot, b.box([nDims]uint64{dMode: 1 << m}))
	}
	t.total = b.box([nDims]uint64{})
	return t
}

// breakdown registers, for all modes and each mode, the table of a
// dimension's values by quadrant.
func (b *builder) breakdown(by string) *pending {
	d := map[string]int{ByMunicipality: dMunicipality, BySector: dSector, BySize: dSize}[by]
	vocab := b.c.vocab[d]
	// Values that occur, in vocabulary order (known ids first).
	var values []int
	for i := range vocab.ids {
		var m [nDims]uint64
		m[d] = 1 << i
		if b.c.sum(m).n > 0 {
			values = append(values, i)
		}
	}
	out := &pending{}
	for _, m := range append([]int{-1}, b.modes...) {
		t := &pending{cols: q.QuadrantIDs}
		var base [nDims]uint64
		name := "all"
		if m >= 0 {
			base[dMode] = 1 << m
			name = b.c.vocab[dMode].ids[m]
		}
		for _, v := range values {
			t.rows = append(t.rows, vocab.ids[v])
			var row []*box
			for _, quad := range q.QuadrantIDs {
				im, rm := quadrantMasks(quad, 0)
				mk := base
				mk[d], mk[dImpact], mk[dReadiness] = 1<<v, im, rm
				row = append(row, b.box(mk))
			}
			t.cells = append(t.cells, row)
			mk := base
			mk[d] = 1 << v
			t.rowTot = append(t.rowTot, b.box(mk))
		}
		for _, quad := range q.QuadrantIDs {
			im, rm := quadrantMasks(quad, 0)
			mk := base
			mk[dImpact], mk[dReadiness] = im, rm
			t.colTot = append(t.colTot, b.box(mk))
		}
		t.total = b.box(base)
		out.modes = append(out.modes, modePending{name, t})
	}
	return out
}

// targetsPending are the target shares awaiting protection.
type targetsPending struct {
	rows []targetPending
}

type targetPending struct {
	group, mode string
	n           *box
	yes         []*box // per indicator
}

// sizeGroups are the target groups' size masks.
func (b *builder) sizeGroups() (names []string, masks []uint64) {
	v := b.c.vocab[dSize]
	mask := func(ids ...string) uint64 {
		var m uint64
		for _, id := range ids {
			if i, ok := v.index[id]; ok {
				m |= 1 << i
			}
		}
		return m
	}
	return []string{GroupZZP, GroupMicro, Group10}, []uint64{mask(q.Sizes[0]), mask(q.Sizes[1]), mask(q.Sizes[2:]...)}
}

// targets publishes, per indicator, the counts by mode and size group
// with the indicator, and the size groups' counts: each by its cell key.
func (b *builder) targets(flags []flagged) *targetsPending {
	names, groups := b.sizeGroups()
	out := &targetsPending{}
	count := func(f flagged, m int, sizes uint64, yes int) kc {
		var n kc
		for mi := range f {
			if m >= 0 && mi != m {
				continue
			}
			for si := range f[mi] {
				if sizes>>si&1 == 1 {
					if yes < 0 {
						n = n.plus(f[mi][si][0]).plus(f[mi][si][1])
					} else {
						n = n.plus(f[mi][si][yes])
					}
				}
			}
		}
		return n
	}
	for _, m := range append([]int{-1}, b.modes...) {
		mode := "all"
		if m >= 0 {
			mode = b.c.vocab[dMode].ids[m]
		}
		for gi, g := range names {
			r := targetPending{group: g, mode: mode, yes: make([]*box, len(Indicators))}
			// A group no business was counted in has mask 0: no sizes, zero.
			r.n = b.p.lone(count(flags[0], m, groups[gi], -1))
			for k := range Indicators {
				r.yes[k] = b.p.lone(count(flags[k], m, groups[gi], 1))
			}
			out.rows = append(out.rows, r)
		}
	}
	return out
}

func (t *targetsPending) report(small int) Targets {
	out := Targets{Groups: []string{GroupZZP, GroupMicro, Group10}}
	for _, r := range t.rows {
		tr := TargetRow{Group: r.group, Mode: r.mode, N: cellOf(r.n), Shares: map[string]Cell{}, Compared: r.group == Group10}
		for k, id := range Indicators {
			c := withShare(cellOf(r.yes[k]), r.n)
			if r.n.count.n > 0 && r.n.count.n < small {
				c = Cell{Suppressed: true} // a small group's split is not published
			}
			tr.Shares[id] = c
			if tr.Compared && c.HasShare {
				if tr.Gap == nil {
					tr.Gap = map[string]float64{}
				}
				target, ok := map[string]float64{"dii_basic": TargetDIIBasic, "any": TargetAdvanced}[id]
				if ok {
					tr.Gap[id] = round4(c.Share - target)
					if tr.Versus == nil {
						tr.Versus = map[string]string{}
					}
					tr.Versus[id] = Versus(c, target)
				}
			}
		}
		out.Rows = append(out.Rows, tr)
	}
	return out
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }

// meanAcc sums scores per mode.
type meanAcc struct {
	sum map[string][]float64 // id → per mode
	n   map[string][]kc
}

// MeanIDs are the means reported: the six dimensions, maturity, impact
// and readiness.
var MeanIDs = append(slices.Clone(q.DimensionIDs), "maturity", "impact", "readiness")

func newMeanAcc() *meanAcc {
	return &meanAcc{sum: map[string][]float64{}, n: map[string][]kc{}}
}

func (a *meanAcc) put(id string, mode int, x float64, rec kc) {
	if math.IsNaN(x) {
		return
	}
	for len(a.sum[id]) <= mode {
		a.sum[id] = append(a.sum[id], 0)
		a.n[id] = append(a.n[id], kc{})
	}
	a.sum[id][mode] += x
	a.n[id][mode] = a.n[id][mode].plus(rec)
}

func (a *meanAcc) add(mode int, b *store.Brief, rec kc) {
	for i, id := range q.DimensionIDs {
		a.put(id, mode, b.Dimensions[i], rec)
	}
	a.put("maturity", mode, b.Maturity, rec)
	a.put("impact", mode, b.Impact, rec)
	a.put("readiness", mode, b.Readiness, rec)
}

// report publishes a mean per mode when its group's count is published
// (at least MinCell, by its cell key; the n shown is that published
// count), and the mean of all modes only when the modes it hides
// together are none or at least MinCell: else that mean and the published
// ones would give the hidden group's mean away.
func (a *meanAcc) report(p *protector, ids []string, modes []int) []DimensionMeans {
	var out []DimensionMeans
	for _, id := range MeanIDs {
		dm := DimensionMeans{ID: id}
		var allSum float64
		var allN kc
		hidden := 0
		var per []Mean
		for _, m := range modes {
			var s float64
			var n kc
			if m < len(a.n[id]) {
				s, n = a.sum[id][m], a.n[id][m]
			}
			allSum += s
			allN = allN.plus(n)
			pub := p.lone(n)
			mean := Mean{Mode: ids[m], N: pub.value}
			if !pub.suppressed && n.n > 0 {
				mean.Mean = round1(s / float64(n.n))
			} else {
				mean.N, mean.Suppressed = 0, n.n > 0
				hidden += n.n
			}
			per = append(per, mean)
		}
		pub := p.lone(allN)
		all := Mean{Mode: "all", N: pub.value}
		if !pub.suppressed && allN.n > 0 && (hidden == 0 || hidden >= p.minCell) {
			all.Mean = round1(allSum / float64(allN.n))
		} else {
			all.N, all.Suppressed = 0, allN.n > 0
		}
		dm.Means = append([]Mean{all}, per...)
		out = append(out, dm)
	}
	return out
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// sortedKeys returns a map's keys sorted.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
