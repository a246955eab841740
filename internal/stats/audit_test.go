package stats

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// The auditor attacks published reports the way an analyst with bad
// intentions would: it collects every count a series of runs publishes
// (counts, totals, the n's of means and of the target groups; with other
// filters and other --by), each as an interval of the true counts it
// allows (a published v with the cell key method: max(v−2, MinCell)..v+2;
// a hidden count: 0..2·MinCell−1; without perturbation: v exactly), and
// narrows them by differencing (the shuttle algorithm of table auditing:
// a total is the sum of its parts, so each part lies between the total's
// bounds minus the other parts' bounds), deriving the counts no run
// published (a filter's complement, a row minus a cell, one run minus
// another) to a fixed point. A protected count (1 to MinCell−1) is
// recovered when its interval shrinks to one value.

// auditTopics are the options of the intake's topics question (checked
// in TestAuditor): each is a yes/no dimension of its own, for a business
// may choose several; aAnswered is whether it answered the question.
var auditTopics = [...]string{"strategy", "technology", "people", "data", "automation", "green",
	"cybersecurity", "online-sales", "ai", "innovation", "rd", "funding", "website", "none"}

const (
	aMode = iota
	aQuad
	aMuni
	aSector
	aSize
	aWeak // the weakest dimension ("none": nothing scored)
	aAnswered
	aTopic0
	aDims = aTopic0 + len(auditTopics)
)

// auditDims are the values of each dimension a fact can be split by.
var auditDims = func() (d [aDims][]string) {
	d[aMode] = []string{scan.ModeAdvisor, scan.ModeSelf, scan.ModeSurvey}
	d[aQuad] = q.QuadrantIDs
	d[aMuni] = append(slices.Clone(q.Municipalities), Unknown)
	d[aSector] = append(slices.Clone(q.Sectors), Unknown)
	d[aSize] = append(slices.Clone(q.Sizes), Unknown)
	d[aWeak] = append(slices.Clone(q.DimensionIDs), "none")
	for i := aAnswered; i < aDims; i++ {
		d[i] = []string{"no", "yes"}
	}
	return d
}()

type factKey [aDims]uint16 // per dimension a mask of its values (at most 16)

func fullMask(d int) uint16 { return 1<<len(auditDims[d]) - 1 }

func maskOf(d int, ids ...string) uint16 {
	if len(ids) == 0 {
		return fullMask(d)
	}
	var m uint16
	for _, id := range ids {
		if id == "" {
			id = Unknown
		}
		if i := slices.Index(auditDims[d], id); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

const inf = 1 << 30

// maxFacts bounds the counts the auditor derives.
var maxFacts = 90000

type interval struct{ lo, hi int }

type auditor struct {
	facts     map[factKey]*interval
	published map[factKey]bool
	maxNoise  int
	minCell   int
	perturbed bool
}

func newAuditor() *auditor {
	return &auditor{facts: map[factKey]*interval{}, published: map[factKey]bool{}}
}

// learn adds what a cell tells about the count of k.
func (a *auditor) learn(k factKey, c Cell) {
	for d := range k {
		if k[d] == 0 {
			return // outside the filter: known zero, tells nothing
		}
	}
	iv := interval{0, inf}
	switch {
	case !c.Suppressed && c.N == 0:
		iv = interval{0, 0}
	case !c.Suppressed && a.perturbed:
		iv = interval{max(c.N-a.maxNoise, a.minCell), c.N + a.maxNoise}
	case !c.Suppressed:
		iv = interval{c.N, c.N}
	case a.perturbed:
		// Small, or perturbed below the minimum, or in a group of fewer
		// than twice the minimum (its split is not published).
		iv = interval{0, max(a.minCell-1+a.maxNoise, 2*a.minCell-1)}
	}
	a.published[k] = true
	a.put(k, iv)
}

func (a *auditor) put(k factKey, iv interval) {
	if f := a.facts[k]; f != nil {
		f.lo, f.hi = max(f.lo, iv.lo), min(f.hi, iv.hi)
		return
	}
	a.facts[k] = &iv
}

// read learns every count of a report run with filter f.
func (a *auditor) read(rep *Report, f store.Filter) {
	a.minCell, a.perturbed = rep.MinCell, rep.Protection.Method == Method
	a.maxNoise = rep.Protection.MaxNoise
	var base factKey
	base[aMode] = maskOf(aMode, f.Mode...)
	base[aQuad] = maskOf(aQuad, f.Quadrant...)
	base[aMuni] = maskOf(aMuni, f.Municipality...)
	base[aSector] = maskOf(aSector, f.Sector...)
	base[aSize] = maskOf(aSize, f.Size...)
	for d := aWeak; d < aDims; d++ {
		base[d] = fullMask(d)
	}
	with := func(k factKey, d int, ids ...string) factKey {
		k[d] &= maskOf(d, ids...)
		return k
	}
	a.learn(base, Cell{N: rep.N, Suppressed: rep.NSuppressed})
	qt := rep.Quadrants
	for i, quad := range qt.Rows {
		for j, m := range qt.Cols {
			a.learn(with(with(base, aQuad, quad), aMode, m), qt.Cells[i][j])
		}
		a.learn(with(base, aQuad, quad), qt.RowTotals[i])
	}
	for j, m := range qt.Cols {
		a.learn(with(base, aMode, m), qt.ColTotals[j])
	}
	for _, bd := range rep.Breakdowns {
		d := map[string]int{ByMunicipality: aMuni, BySector: aSector, BySize: aSize}[bd.By]
		for _, mt := range bd.Tables {
			b := base
			if mt.Mode != "all" {
				b = with(b, aMode, mt.Mode)
			}
			t := mt.Table
			for i, v := range t.Rows {
				for j, quad := range t.Cols {
					a.learn(with(with(b, d, v), aQuad, quad), t.Cells[i][j])
				}
				a.learn(with(b, d, v), t.RowTotals[i])
			}
			for j, quad := range t.Cols {
				a.learn(with(b, aQuad, quad), t.ColTotals[j])
			}
			a.learn(b, t.Total)
		}
	}
	for _, dm := range rep.Dimensions {
		if dm.ID != "readiness" { // every business has a readiness: its n is the group's count
			continue
		}
		for _, m := range dm.Means {
			k := base
			if m.Mode != "all" {
				k = with(k, aMode, m.Mode)
			}
			if !m.Suppressed { // a hidden mean may hide a large group (to protect another mean)
				a.learn(k, Cell{N: m.N})
			}
		}
	}
	// Demand by topic: a topic chosen is the question answered.
	answered := with(base, aAnswered, "yes")
	topic := func(k factKey, id string) factKey {
		i := slices.Index(auditTopics[:], id)
		if i < 0 {
			panic("audit: topic " + id + " unknown: update auditTopics")
		}
		return with(k, aTopic0+i, "yes")
	}
	for _, c := range rep.Demand.Weakest {
		a.learn(with(base, aWeak, c.ID), c.Cell)
	}
	if len(rep.Demand.Topics) > 0 {
		a.learn(answered, rep.Demand.Answered)
	}
	pt := rep.Demand.Planning
	for i, id := range pt.Rows {
		a.learn(topic(answered, id), pt.RowTotals[i])
		for j, w := range pt.Cols {
			a.learn(with(topic(answered, id), aWeak, w), pt.Cells[i][j])
		}
	}
	for j, w := range pt.Cols {
		a.learn(with(answered, aWeak, w), pt.ColTotals[j])
	}
	for _, c := range rep.Demand.Topics {
		a.learn(topic(answered, c.ID), c.Cell)
	}
	for _, tb := range rep.Demand.TopicsBy {
		d := map[string]int{ByMunicipality: aMuni, BySector: aSector, BySize: aSize}[tb.By]
		t := tb.Table
		for i, v := range t.Rows {
			row := with(answered, d, v)
			a.learn(row, t.RowTotals[i])
			for j, id := range t.Cols {
				a.learn(topic(row, id), t.Cells[i][j])
			}
		}
		for j, id := range t.Cols {
			a.learn(topic(answered, id), t.ColTotals[j])
		}
		a.learn(answered, t.Total)
	}
	groups := map[string][]string{GroupZZP: {"zzp"}, GroupMicro: {"micro"}, Group10: {"small", "medium", "large"}}
	for _, r := range rep.Targets.Rows {
		k := with(base, aSize, groups[r.Group]...)
		if r.Mode != "all" {
			k = with(k, aMode, r.Mode)
		}
		a.learn(k, r.N)
	}
}

type relation struct {
	parent factKey
	parts  [2]factKey
}

// relations derives, for every two facts that differ in one dimension
// where one's values contain the other's, the count of the difference
// (parent = part + rest), until no new count comes up (or too many).
func (a *auditor) relations() []relation {
	var rels []relation
	seen := map[[3]factKey]bool{}
	queue := make([]factKey, 0, len(a.facts))
	for k := range a.facts {
		queue = append(queue, k)
	}
	slices.SortFunc(queue, func(x, y factKey) int { return slices.Compare(x[:], y[:]) })
	// index: dimension and the other coordinates → facts
	type idxKey struct {
		d     int
		other factKey
	}
	index := map[idxKey][]factKey{}
	addIndex := func(k factKey) {
		for d := range aDims {
			o := k
			o[d] = 0
			index[idxKey{d, o}] = append(index[idxKey{d, o}], k)
		}
	}
	for _, k := range queue {
		addIndex(k)
	}
	for i := 0; i < len(queue) && len(a.facts) < maxFacts; i++ {
		f := queue[i]
		for d := range aDims {
			if bits.OnesCount16(f[d]) < 2 {
				continue
			}
			o := f
			o[d] = 0
			for _, g := range slices.Clone(index[idxKey{d, o}]) {
				if g[d] == f[d] || g[d]&^f[d] != 0 {
					continue
				}
				h := f
				h[d] = f[d] &^ g[d]
				lo, hi := g, h
				if slices.Compare(lo[:], hi[:]) > 0 {
					lo, hi = hi, lo
				}
				if seen[[3]factKey{f, lo, hi}] {
					continue
				}
				seen[[3]factKey{f, lo, hi}] = true
				if a.facts[h] == nil {
					a.facts[h] = &interval{0, inf}
					queue = append(queue, h)
					addIndex(h)
				}
				rels = append(rels, relation{f, [2]factKey{g, h}})
			}
		}
	}
	return rels
}

// shuttle narrows the intervals through the relations to a fixed point.
func (a *auditor) shuttle(rels []relation) {
	for range 100 {
		changed := false
		tighten := func(iv *interval, lo, hi int) {
			if lo > iv.lo {
				iv.lo, changed = lo, true
			}
			if hi < iv.hi {
				iv.hi, changed = hi, true
			}
		}
		for _, r := range rels {
			p, x, y := a.facts[r.parent], a.facts[r.parts[0]], a.facts[r.parts[1]]
			tighten(p, x.lo+y.lo, min(inf, x.hi+y.hi))
			tighten(x, p.lo-y.hi, p.hi-y.lo)
			tighten(y, p.lo-x.hi, p.hi-x.lo)
		}
		if !changed {
			return
		}
	}
}

// records are the counted businesses, for the true counts.
type auditRecord [aDims]int

func (k factKey) holds(r auditRecord) bool {
	for d := range k {
		if k[d]>>r[d]&1 == 0 {
			return false
		}
	}
	return true
}

func auditRecords(t *testing.T, db *store.DB) []auditRecord {
	topics := map[string]string{}
	weak := map[string]int{}
	if err := db.EachBrief(context.Background(), store.Filter{}, store.BriefAnyOrder, func(b *store.Brief) error {
		topics[b.ID] = b.Topics
		weak[b.ID] = weakestDimension(b)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var out []auditRecord
	for _, r := range truth(t, db, store.Filter{}) {
		var x auditRecord
		for d, id := range []string{r.Mode, r.Quadrant, r.Municipality, r.Sector, r.Size} {
			if id == "" {
				id = Unknown
			}
			x[d] = slices.Index(auditDims[d], id)
			if x[d] < 0 {
				t.Fatalf("record %s: %q not a value of dimension %d", r.ID, id, d)
			}
		}
		x[aWeak] = weak[r.ID]
		if x[aWeak] < 0 {
			x[aWeak] = len(q.DimensionIDs) // none
		}
		if topics[r.ID] != "" {
			x[aAnswered] = 1
			for _, id := range strings.Split(topics[r.ID], ",") {
				i := slices.Index(auditTopics[:], id)
				if i < 0 {
					t.Fatalf("record %s: topic %q unknown to the auditor", r.ID, id)
				}
				x[aTopic0+i] = 1
			}
		}
		out = append(out, x)
	}
	return out
}

// auditResult: how many protected counts were recovered (exact), and how
// many intervals turned out wrong (the auditor's own check).
type auditResult struct {
	facts, protected, recovered, wrong int
	examples                           []string
	// Of them, the counts about the demand (topics, weakest dimension).
	topicProtected, topicRecovered int
}

// aboutTopics: the count is of the businesses that (did not) answer the
// topics question or (did not) choose a topic, or by weakest dimension
// (the demand for workshops).
func (k factKey) aboutTopics() bool {
	for d := aWeak; d < aDims; d++ {
		if k[d] != fullMask(d) {
			return true
		}
	}
	return false
}

func (a *auditor) judge(recs []auditRecord) auditResult {
	var res auditResult
	res.facts = len(a.facts)
	for k, iv := range a.facts {
		n := 0
		for _, r := range recs {
			if k.holds(r) {
				n++
			}
		}
		if n < iv.lo || n > iv.hi {
			res.wrong++
			continue
		}
		if n >= 1 && n < a.minCell {
			res.protected++
			if k.aboutTopics() {
				res.topicProtected++
				if iv.lo == iv.hi {
					res.topicRecovered++
				}
			}
			if iv.lo == iv.hi {
				res.recovered++
				if len(res.examples) < 5 {
					res.examples = append(res.examples, fmt.Sprintf("%v = %d (published directly: %v)", describe(k), n, a.published[k]))
				}
			}
		}
	}
	return res
}

func describe(k factKey) string {
	var s []string
	for d := range k {
		if k[d] == fullMask(d) {
			continue
		}
		if d >= aTopic0 {
			s = append(s, auditTopics[d-aTopic0]+"="+auditDims[d][bits.TrailingZeros16(k[d])])
			continue
		}
		if d == aAnswered {
			s = append(s, "answered="+auditDims[d][bits.TrailingZeros16(k[d])])
			continue
		}
		var ids []string
		for i, id := range auditDims[d] {
			if k[d]>>i&1 == 1 {
				ids = append(ids, id)
			}
		}
		s = append(s, fmt.Sprint(ids))
	}
	return fmt.Sprint(s)
}

// attackRuns are the runs the auditor asks for: the default report, each
// --by alone, every municipality and sector alone, the rarest
// municipality × sector combinations, and complements (all but one).
func attackRuns(recs []auditRecord) []Options {
	runs := []Options{{}, {By: []string{ByMunicipality}}, {By: []string{BySector}}, {By: []string{BySize}}}
	for _, m := range q.Municipalities {
		runs = append(runs, Options{Filter: store.Filter{Municipality: []string{m}}})
		others := slices.DeleteFunc(slices.Clone(q.Municipalities), func(x string) bool { return x == m })
		runs = append(runs, Options{Filter: store.Filter{Municipality: others}, By: []string{BySector}})
	}
	for _, s := range q.Sectors {
		runs = append(runs, Options{Filter: store.Filter{Sector: []string{s}}, By: []string{ByMunicipality, BySize}})
	}
	// Rare combinations: the municipality × sector pairs with 1 to 4 businesses.
	combos := map[[2]int]int{}
	for _, r := range recs {
		combos[[2]int{r[aMuni], r[aSector]}]++
	}
	var rare [][2]int
	for c, n := range combos {
		if n < 5 && c[0] < len(q.Municipalities) && c[1] < len(q.Sectors) {
			rare = append(rare, c)
		}
	}
	slices.SortFunc(rare, func(x, y [2]int) int { return slices.Compare(x[:], y[:]) })
	for _, c := range rare[:min(len(rare), 12)] {
		runs = append(runs, Options{Filter: store.Filter{Municipality: []string{q.Municipalities[c[0]]}, Sector: []string{q.Sectors[c[1]]}}})
	}
	return runs
}

func regionalStore(t testing.TB, n int) *store.DB {
	t.Helper()
	db, err := store.Open(t.TempDir() + "/regional.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	g, err := synth.New(9)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (synth.Regional{Scans: n}).Fill(context.Background(), g, db); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestAuditor: differencing within a report, across --by and across
// filters recovers no protected count; without perturbation (the true
// counts ≥ MinCell published, small ones hidden: cell suppression without
// complements) it recovers many, so the auditor can find them.
func TestAuditor(t *testing.T) {
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	if got := qn.Question(q.QTopics).OptionIDs(); !slices.Equal(got, auditTopics[:]) {
		t.Fatalf("the intake's topics %v, the auditor's %v", got, auditTopics)
	}
	db := regionalStore(t, 700)
	recs := auditRecords(t, db)
	ctx := context.Background()
	for _, perturb := range []bool{false, true} {
		a := newAuditor()
		for _, opt := range attackRuns(recs) {
			opt.plain = !perturb
			rep, err := Compute(ctx, db, opt)
			if err != nil {
				t.Fatal(err)
			}
			a.read(rep, opt.Filter)
		}
		res := a.judge(recs)
		res2 := res
		a.shuttle(a.relations())
		res = a.judge(recs)
		t.Logf("perturbation %v: %d counts known or derived, %d protected; recovered %d (directly %d); about the demand (topics, weakest dimension) %d protected, %d recovered",
			perturb, res.facts, res.protected, res.recovered, res2.recovered, res.topicProtected, res.topicRecovered)
		if res.wrong > 0 {
			t.Errorf("perturbation %v: the auditor's intervals missed %d true counts", perturb, res.wrong)
		}
		switch {
		case perturb && res.recovered > 0:
			t.Errorf("recovered %d protected counts, e.g. %v", res.recovered, res.examples)
		case !perturb && res.recovered == 0:
			t.Errorf("the auditor recovers nothing even from unperturbed counts: it does not attack")
		case !perturb && res.topicRecovered == 0:
			t.Errorf("the auditor recovers no count about topics even from unperturbed counts: it does not attack the demand by topic")
		}
	}
}
