package referral

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Headline is how many referrals a result shows first; the rest are "more
// options" (Referral.More).
const Headline = 3

// MaxAdvice is the most next steps a result gets: long lists of actions
// backfire.
const MaxAdvice = 3

// MaxEvents is the most events suggested with a series.
const MaxEvents = 2

// MaxReasons is the most reasons a referral carries, most telling first.
const MaxReasons = 5

// Options are the parts of matching that do not come from the result.
type Options struct {
	AsOf date.Date // decides what is open; default the result's as-of date
	Lang i18n.Lang // language of names and reasons; default the result's
	// Top, when above 0, asks for the ranking only, and only its first
	// Top programmes: their referrals have just Programme, Variant, Score,
	// Status and More (no names, reasons or events), and r.Advice is left
	// as it is. For a caller that lists the top few programmes and shows
	// nothing else (batch scoring to CSV); the ranking is the same.
	Top int
	// Reuse lets Match write the referrals over the array of r.Referrals
	// rather than a new one: for a caller that keeps no earlier copy (it
	// reuses one result for many businesses).
	Reuse bool
}

// Ranking weights: the points a programme earns for each kind of fit. The
// score a referral shows is 100·points/(points+scoreHalf), rounded to one
// decimal: it stays below 100 and keeps the order of the points.
const (
	ptsBase         = 10 // eligible and open
	ptsLocation     = 5  // a focus on the business's place
	ptsSectorOnly   = 20 // only for the business's sector (eligibility)
	ptsSector       = 15 // focused on the business's sector
	ptsSize         = 5  // focused on businesses of its size
	ptsGap          = 35 // fit with the gaps, times the impact factor
	ptsScores       = 8  // focus score ranges hold
	ptsTopic        = 12 // per topic asked for (at most two count)
	ptsClosing      = 6  // the current window closes within closingSoon days: now or not this year
	ptsQuadrant     = 8  // focused on the business's quadrant
	ptsGuidance     = 12 // guidance-heavy offers for businesses with the most to gain
	ptsBasics       = 8  // guidance for the low-urgency quadrant
	ptsInnovation   = 8  // non-guidance offers for frontrunners
	ptsNotMember    = 12 // reaches businesses outside the associations
	ptsSuccessor    = 3  // replaces a programme the business fitted
	ptsIntent       = 30 // answers the intent the business named (innovation, R&D)
	ptsLowThreshold = 15 // free and without application, for those with the most to gain
	upcomingFactor  = 0.75
	closingSoon     = 60
	scoreHalf       = 60 // points that score 50
)

// Match refers the business of result r to the programmes of cat it may
// use. It fills r.Referrals (every eligible programme that is open or opens
// within UpcomingHorizon months, ranked; the first Headline are the
// headline, the others have More set), r.Advice (at most MaxAdvice next
// steps) and r.Catalogue.
//
// Eligibility and availability on the as-of date are hard filters. A closed
// programme whose successor is open hands over to it, with a reason. The
// ranking weighs the programme's fit with the business's biggest gaps by
// impact, its focus (sector, place, size, quadrant, score ranges, not a
// member), the quadrant (guidance-heavy offers first for businesses with
// the most to gain) and the topics asked for; ties are broken by programme
// id. qn must be the questionnaire r was scored with: the catalogue is
// validated against it (once per questionnaire).
func Match(cat *Catalogue, qn *q.Questionnaire, r *scan.Result, opt Options) error {
	switch {
	case cat == nil || cat.index == nil:
		return errors.New("match: no catalogue (load one with Load, Open or Builtin)")
	case qn == nil:
		return errors.New("match: no questionnaire")
	case r == nil:
		return errors.New("match: no result")
	}
	p := cat.prepare(qn)
	if p.err != nil {
		return fmt.Errorf("catalogue %s does not fit questionnaire %s: %w", cat.ID, qn.ID, p.err)
	}
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = r.AsOf
	}
	if asOf.IsZero() {
		return errors.New("match: no as-of date (set Options.AsOf or the result's as_of)")
	}
	lang := opt.Lang
	if lang == "" {
		lang = i18n.Lang(r.Lang)
	}
	var candBuf [16]cand
	m := matcher{cat: cat, p: p, r: r, li: langIndex(lang), day: newDay(asOf), top: opt.Top, reuse: opt.Reuse}
	m.business()
	m.referrals(candBuf[:0])
	if opt.Top == 0 {
		r.Advice = cat.advice(r, m.li)
	}
	r.Catalogue = &cat.index.ref // shared by every result: read only
	return nil
}

type matcher struct {
	cat *Catalogue
	p   *prepared
	r   *scan.Result
	li  int
	day day
	b   business
	// top and reuse are Options.Top and Options.Reuse.
	top   int
	reuse bool
}

// indexBit is where id is in list (-1: nowhere) and its bit in a mask.
func indexBit(list []string, id string) (int, uint32) {
	i := slices.Index(list, id)
	if i < 0 {
		return -1, 0
	}
	return i, 1 << i
}

// business is the result in the form matching needs.
type business struct {
	sector, size, muni, quad    uint32
	prov                        uint64
	sectorIdx, sizeIdx, muniIdx int
	provIdx, quadIdx            int
	topics                      uint64
	notMember                   bool
	outside                     bool // outside the region (or no municipality)
	gap                         [6]float64
	tier                        [6]int // reason kind of the gap's tier, or -1
	score                       [6]float64
	scored                      [6]bool
	impactFactor                float64
	maxGap, totalGap            float64
}

func (m *matcher) business() {
	r := m.r
	b := &m.b
	b.sectorIdx, b.sector = indexBit(q.Sectors, r.Profile.Sector)
	b.sizeIdx, b.size = indexBit(q.Sizes, r.Profile.Size)
	b.muniIdx, b.muni = indexBit(q.Municipalities, r.Profile.Municipality)
	b.quadIdx, b.quad = indexBit(q.QuadrantIDs, r.Quadrant)
	b.prov = m.cat.index.provBit[r.Profile.Province]
	b.provIdx = slices.Index(m.cat.index.provinces, r.Profile.Province)
	b.outside = b.muniIdx < 0 || r.Profile.Municipality == q.OutsideRegion
	for _, t := range r.Profile.Topics {
		b.topics |= m.cat.index.topicBit[t]
	}
	// Not a member: said "none" (a business outside the region is not
	// asked, and counts as unknown).
	for _, a := range r.Profile.Association {
		if a != "none" {
			b.notMember = false
			break
		}
		b.notMember = true
	}
	for i := range b.tier {
		b.tier[i] = -1
	}
	for _, g := range r.Gaps {
		d := dimIndex(g.Dimension)
		if d < 0 || g.Gap <= 0 {
			continue
		}
		b.gap[d] = g.Gap
		b.maxGap = max(b.maxGap, g.Gap)
		b.totalGap += g.Gap
		switch g.Tier {
		case scan.TierCritical:
			b.tier[d] = rGapCritical
		case scan.TierModerate:
			b.tier[d] = rGapModerate
		case scan.TierMinor:
			b.tier[d] = rGapMinor
		}
	}
	for _, d := range r.Dimensions {
		if i := dimIndex(d.ID); i >= 0 && d.Score != nil {
			b.score[i] = *d.Score
			b.scored[i] = true
		}
	}
	b.impactFactor = 0.5 + math.Max(0, math.Min(100, r.Impact))/200
}

// holds evaluates a compiled rule for the business.
func (m *matcher) holds(r *rule) bool {
	b := &m.b
	if r.sectors != 0 && r.sectors&b.sector == 0 {
		return false
	}
	if r.sizes != 0 && r.sizes&b.size == 0 {
		return false
	}
	if r.location() && r.munis&b.muni == 0 && r.provs&b.prov == 0 {
		return false
	}
	if r.cond != nil && !r.cond.holds(m.r) {
		return false
	}
	return true
}

// cand is a programme that passed the filters, before it becomes a Referral.
// candMask takes a candidate's position from its sort key; a catalogue
// holds fewer than 1<<21 programmes.
const candMask = 1<<21 - 1

type cand struct {
	// key orders the candidates: score descending, then programme id (the
	// low 21 bits are left for the position).
	key           uint64
	topics        uint64 // topics asked for that it helps with
	prog          int32
	opens, closes int32
	replaces      int32
	events        [MaxEvents]int32
	variant       int16
	status        uint8
	nEvents       uint8
	// Which reasons apply, worked out by score and written by reasons.
	who                     int8 // whoLocation, ... or -1
	first, second, scoreDim int8 // dimensions, or -1
	says                    uint8
}

// Reasons a candidate gives besides who, gaps, topics and score range.
const (
	saysQuadrant uint8 = 1 << iota
	saysNotMember
	saysSize
	saysScoreLow
	saysIntent
)

const (
	whoLocation = iota
	whoProvince
	whoProvinceOnly
	whoSector
	whoLocationSector
)

// score is the score a referral shows.
func score(c *cand) float64 { return float64(1000-(c.key>>42)&0x3ff) / 10 }

// shown is the score referral i shows: its own, but never above the one
// ranked before it (a programme made for the sector ranks first even when
// a general one scores more points).
func shown(out []scan.Referral, i int, c *cand) float64 {
	if s := score(c); i == 0 || s <= out[i-1].Score {
		return s
	}
	return out[i-1].Score
}

// tierGeneral is the sort-key bit of a programme that is not made for the
// business's sector and need: every programme that is comes first.
const tierGeneral = 1 << 60

func (m *matcher) referrals(cands []cand) {
	cat := m.cat
	// First pass: which programmes may take this business at all (status
	// and eligibility), as a bitmap; it sizes the candidates for a large
	// catalogue. The second works out availability and scores.
	var bitBuf [16]uint64
	pass := bitBuf[:]
	if n := (len(cat.Programmes) + 63) / 64; n > len(bitBuf) {
		pass = make([]uint64, n)
	}
	count := 0
	for i, p := range cat.Programmes {
		pc := &p.c
		if pc.avail.never() || !m.holds(&pc.elig) {
			continue
		}
		pass[i/64] |= 1 << (i % 64)
		count++
	}
	if count > cap(cands) {
		cands = make([]cand, 0, count)
	}
	nEvents := 0
	for w, word := range pass {
		for word != 0 {
			i := w*64 + bits.TrailingZeros64(word)
			word &= word - 1
			p := cat.Programmes[i]
			pc := &p.c
			st, opens, closes := pc.avail.at(&m.day)
			if st != stOpen && st != stUpcoming {
				continue
			}
			if !m.roundHolds(pc, st, opens) {
				continue // not in this round
			}
			c := cand{prog: int32(i), status: st, opens: opens, closes: closes, variant: -1, replaces: -1}
			for vi := range pc.variants {
				if m.holds(&pc.variants[vi].rule) {
					c.variant = int16(vi)
					break
				}
			}
			for _, pi := range pc.predecessors {
				if m.holds(&cat.Programmes[pi].c.elig) {
					c.replaces = int32(pi)
					break
				}
			}
			if !m.score(p, &c) {
				continue // eligible and open, but it answers no need of this business
			}
			nEvents += int(c.nEvents)
			cands = append(cands, c)
		}
	}
	// Sort keys, not candidates: score descending, then programme id; the
	// low bits hold the candidate's position.
	var keyBuf [16]uint64
	keys := keyBuf[:0]
	if len(cands) > len(keyBuf) {
		keys = make([]uint64, 0, len(cands))
	}
	for i, c := range cands {
		keys = append(keys, c.key|uint64(i))
	}
	slices.Sort(keys)
	if m.top > 0 {
		keys = keys[:min(m.top, len(keys))]
	}

	// One allocation each for the referrals, their reasons and their
	// events. A referral's reasons are a window on the shared backing
	// array; should it grow, earlier windows keep the old one.
	var out []scan.Referral
	if m.reuse && cap(m.r.Referrals) >= len(keys) {
		out = m.r.Referrals[:len(keys)]
	} else {
		out = make([]scan.Referral, len(keys))
	}
	if m.top > 0 { // the ranking only
		for i, k := range keys {
			c := &cands[k&candMask]
			p := cat.Programmes[c.prog]
			out[i] = scan.Referral{Programme: p.ID, Score: shown(out, i, c), Status: statusNames[c.status], More: i >= Headline}
			if c.variant >= 0 {
				out[i].Variant = p.c.variants[c.variant].id
			}
		}
		m.r.Referrals = out
		return
	}
	reasons := make([]string, 0, 4*len(keys))
	var evs []scan.ReferralEvent
	if nEvents > 0 {
		evs = make([]scan.ReferralEvent, 0, nEvents)
	}
	lang := langs[m.li]
	for i, k := range keys {
		c := &cands[k&candMask]
		p := cat.Programmes[c.prog]
		t := &p.c.texts[m.li]
		variant := ""
		if c.variant >= 0 {
			t = &p.c.variants[c.variant].texts[m.li]
			variant = p.c.variants[c.variant].id
		}
		from := len(reasons)
		reasons = m.reasons(reasons, p, c)
		ref := &out[i]
		*ref = scan.Referral{
			Programme:  p.ID,
			Name:       t.name,
			URL:        t.url,
			Score:      shown(out, i, c),
			Reasons:    reasons[from:len(reasons):len(reasons)],
			Status:     statusNames[c.status],
			Offers:     slices.Clip(p.Offers),
			Operator:   t.operator,
			Cost:       t.cost,
			Contact:    t.contact,
			Notes:      slices.Clip(t.notes),
			Variant:    variant,
			Unverified: !p.Verified,
			More:       i >= Headline,
		}
		if c.status == stUpcoming {
			ref.Opens = fromDayNumber(c.opens)
		}
		if c.closes != noDay {
			ref.Closes = fromDayNumber(c.closes)
		}
		if c.replaces >= 0 {
			ref.Replaces = cat.Programmes[c.replaces].ID
		}
		if c.nEvents > 0 {
			from := len(evs)
			for _, ei := range c.events[:c.nEvents] {
				e := cat.Events[ei]
				evs = append(evs, scan.ReferralEvent{
					ID: e.ID, Title: e.Title.In(lang), Date: e.Date, Place: e.Place.In(lang),
					URL: e.URL, Planned: e.Planned, Dimensions: slices.Clip(e.Dimensions),
				})
			}
			ref.Events = evs[from:len(evs):len(evs)]
		}
	}
	m.r.Referrals = out
}

// score ranks a candidate (its sort key), picks the events of a series and
// records which reasons apply, for reasons to write once the order is known.
// It reports whether the programme answers a need of the business (see
// Fits); one that does not is not referred, however eligible.
func (m *matcher) score(p *Programme, c *cand) bool {
	pc := &p.c
	b := &m.b
	f := &pc.focus
	g := pc.guidance
	pts := float64(ptsBase)

	locFocus := f.munis&b.muni != 0 || f.provs&b.prov != 0
	loc := locFocus || pc.elig.location()
	if locFocus {
		pts += ptsLocation
	}
	sectorOnly := pc.elig.sectors&b.sector != 0
	sector := sectorOnly || f.sectors&b.sector != 0
	switch {
	case sectorOnly:
		pts += ptsSectorOnly
	case sector:
		pts += ptsSector
	}
	provincial := (pc.elig.provs&b.prov != 0 || f.provs&b.prov != 0) && pc.elig.munis&b.muni == 0 && f.munis&b.muni == 0
	if c.replaces >= 0 {
		pts += ptsSuccessor
	}

	dims, topics := m.focusOn(pc, c)
	// Gaps the programme helps with, weighted by impact: how near its best
	// gap comes to the business's biggest, and its share of all the gaps.
	var covered float64
	first, second := -1, -1
	for d := range 6 {
		if dims&(1<<d) == 0 || b.gap[d] <= 0 {
			continue
		}
		covered += b.gap[d]
		switch {
		case first < 0 || b.gap[d] > b.gap[first]:
			first, second = d, first
		case second < 0 || b.gap[d] > b.gap[second]:
			second = d
		}
	}
	if first >= 0 {
		fit := 0.6*b.gap[first]/b.maxGap + 0.4*covered/b.totalGap
		pts += ptsGap * fit * b.impactFactor
	}
	scoresHold, scoreDim := false, -1
	if len(f.scores) > 0 {
		scoresHold = true
		for _, s := range f.scores {
			v := b.score[s.dim]
			if !b.scored[s.dim] || v < s.min || v >= s.max {
				scoresHold = false
				break
			}
			if scoreDim < 0 && s.dim != first && s.dim != second {
				scoreDim = s.dim
			}
		}
		if scoresHold {
			pts += ptsScores
		}
	}
	tm := topics & b.topics
	pts += ptsTopic * float64(min(2, bits.OnesCount64(tm)))
	quadReason := false
	if f.quads&b.quad != 0 {
		pts += ptsQuadrant
		quadReason = true
	}
	if b.quadIdx >= 0 {
		switch q.QuadrantIDs[b.quadIdx] {
		case q.Vulnerable:
			pts += ptsGuidance * g
			quadReason = quadReason || g > 0.5
		case q.LowUrgency:
			pts += ptsBasics * g
		case q.Frontrunner:
			pts += ptsInnovation * (1 - g)
		}
	}
	notMember := f.notMember && b.notMember
	if notMember {
		pts += ptsNotMember
	}
	sizeFocus := f.sizes&b.size != 0
	if sizeFocus {
		pts += ptsSize
	}
	if c.status == stOpen && c.closes != noDay && c.closes-m.day.n <= closingSoon {
		pts += ptsClosing
	}
	// The need it answers: a gap in a dimension it helps with, a topic
	// asked for, not being a member (for programmes that reach
	// non-members), or, for hands-on help without dimensions of its own,
	// the quadrant it is made for. A programme that names an intent (an
	// innovation project, own R&D) answers only that.
	need := first >= 0 || tm != 0 || notMember || m.quadNeed(pc)
	intent := false
	if f.hasIntent {
		intent = m.holds(&f.intent)
		need = intent
	}
	if !need {
		return false
	}
	if intent {
		pts += ptsIntent
	}
	// Free help that needs no application, first for those with the most
	// to gain.
	if pc.lowThreshold && b.quadIdx >= 0 && (q.QuadrantIDs[b.quadIdx] == q.Vulnerable || q.QuadrantIDs[b.quadIdx] == q.LowUrgency) {
		pts += ptsLowThreshold
	}
	pts *= pc.weight
	if c.status == stUpcoming {
		pts *= upcomingFactor
	}
	tenths := math.Round(1000 * pts / (pts + scoreHalf))
	c.key = uint64(1000-tenths)<<42 | uint64(pc.idRank)<<21
	// Made for this sector and answering a need beyond the quadrant (only
	// for the sector, and a gap, topic or intent; or focused on the sector
	// and answering a topic asked for): it comes before every general
	// programme.
	if !(sectorOnly && (first >= 0 || tm != 0 || intent) || sector && tm != 0) {
		c.key |= tierGeneral
	}

	// Which reasons apply; reasons writes them.
	c.who = -1
	switch {
	case loc && sector && !b.outside:
		c.who = whoLocationSector
	case loc && provincial && b.provIdx >= 0 && b.outside:
		c.who = whoProvinceOnly
	case loc && provincial && b.provIdx >= 0:
		c.who = whoProvince
	case loc && !b.outside:
		c.who = whoLocation
	case sector:
		c.who = whoSector
	}
	c.first, c.second, c.scoreDim = int8(first), int8(second), -1
	c.topics = tm
	if scoresHold && scoreDim >= 0 {
		c.scoreDim = int8(scoreDim)
		for _, s := range f.scores {
			if s.dim == scoreDim && !math.IsInf(s.max, 1) {
				c.says |= saysScoreLow
			}
		}
	}
	if quadReason {
		c.says |= saysQuadrant
	}
	if notMember {
		c.says |= saysNotMember
	}
	if sizeFocus {
		c.says |= saysSize
	}
	if intent {
		c.says |= saysIntent
	}
	return true
}

// roundHolds: the business may apply in the round that is open (or, when
// upcoming, the one that opens next).
func (m *matcher) roundHolds(pc *compiled, st uint8, opens int32) bool {
	if !pc.avail.hasRoundRules {
		return true
	}
	n := m.day.n
	if st == stUpcoming {
		n = opens
	}
	r := pc.avail.roundRule(n)
	return r == nil || m.holds(r)
}

// focusOn is what the programme helps this business with: the dimensions
// of its focus, without those whose score range the business is outside of
// (an R&D credit is for businesses already advanced in automation, not for
// those with the most to learn there), and the topics; with the events of
// a series it picks (into c) those of its events.
func (m *matcher) focusOn(pc *compiled, c *cand) (dims uint8, topics uint64) {
	b := &m.b
	f := &pc.focus
	dims, topics = f.dims, f.topics
	for _, s := range f.scores {
		if v := b.score[s.dim]; !b.scored[s.dim] || v < s.min || v >= s.max {
			dims &^= 1 << s.dim
		}
	}
	if len(pc.events) > 0 {
		m.pickEvents(pc, c)
		for _, ei := range c.events[:c.nEvents] {
			dims |= m.cat.Events[ei].dims
			topics |= m.cat.Events[ei].topics
		}
	}
	return dims, topics
}

// quadNeed: hands-on help without dimensions of its own that names the
// business's quadrant (vulnerable or low-urgency) and, if it names sizes,
// its size.
func (m *matcher) quadNeed(pc *compiled) bool {
	b := &m.b
	f := &pc.focus
	return f.dims == 0 && f.quads&b.quad != 0 && pc.guidance >= 0.5 && b.quadIdx >= 0 &&
		(f.sizes == 0 || f.sizes&b.size != 0) &&
		(q.QuadrantIDs[b.quadIdx] == q.Vulnerable || q.QuadrantIDs[b.quadIdx] == q.LowUrgency)
}

// reasons appends candidate c's reasons to dst, most telling first: the
// sector it is made for, the rule that selected the programme, the intent,
// the date, the gaps (or the events that address them), the topics, the
// quadrant, the association, then where the business is, a successor, a
// score range, the size; at most MaxReasons.
func (m *matcher) reasons(dst []string, p *Programme, c *cand) []string {
	pc := &p.c
	b := &m.b
	from := len(dst)
	add := func(s string) {
		if s != "" && len(dst)-from < MaxReasons {
			dst = append(dst, s)
		}
	}
	w := &m.p.who[m.li]
	// The sector the programme is made for comes first; where the business
	// is comes after the need the programme answers: it is never the reason.
	switch c.who {
	case whoLocationSector:
		add(w.locationSector[b.muniIdx][b.sectorIdx])
	case whoSector:
		add(w.sector[b.sectorIdx])
	}
	t := &pc.texts[m.li]
	if c.variant >= 0 {
		t = &pc.variants[c.variant].texts[m.li]
	}
	add(t.reason)
	if c.says&saysIntent != 0 {
		add(pc.focus.intentReason[m.li])
	}
	switch {
	case c.status == stUpcoming:
		add(m.p.dateText(m.cat, m.li, rUpcoming, c.opens))
	case c.closes != noDay && c.closes <= m.day.horizon:
		add(m.p.dateText(m.cat, m.li, rCloses, c.closes))
	}
	if c.nEvents > 0 {
		// The events say which dimension they address.
		for _, ei := range c.events[:c.nEvents] {
			add(m.eventReason(int(ei)))
		}
	} else {
		for _, d := range [2]int8{c.first, c.second} {
			if d >= 0 && b.tier[d] >= 0 {
				add(m.p.scoreText(m.cat, m.li, b.tier[d], int(d), b.score[d]))
			}
		}
	}
	if c.topics != 0 {
		add(m.p.topicsText(m.cat, m.li, c.topics))
	}
	if c.says&saysQuadrant != 0 {
		add(m.cat.index.reasons[rQuadrantVulnerable+b.quadIdx][m.li].static)
	}
	if c.says&saysNotMember != 0 {
		add(m.cat.index.reasons[rNotMember][m.li].static)
	}
	switch c.who {
	case whoProvinceOnly:
		add(w.province[len(w.location)][b.provIdx])
	case whoProvince:
		add(w.province[b.muniIdx][b.provIdx])
	case whoLocation:
		add(w.location[b.muniIdx])
	}
	// That it continues an ended programme matters less to the business
	// than what it offers them.
	if c.replaces >= 0 {
		add(m.cat.Programmes[c.replaces].c.handover[m.li])
	}
	if d := c.scoreDim; d >= 0 {
		kind := rScoreHigh
		if c.says&saysScoreLow != 0 {
			kind = rScoreLow
		}
		add(m.p.scoreText(m.cat, m.li, kind, int(d), b.score[d]))
	}

	if c.says&saysSize != 0 && len(dst)-from < 2 {
		add(w.size[b.sizeIdx])
	}
	if len(dst) == from {
		add(m.cat.index.reasons[rGeneral][m.li].static)
	}
	return dst
}

// pickEvents chooses the series' upcoming events that fit best: those on
// the business's biggest gaps, and on the topics it asked for; among equals
// the earlier. The chosen ones are kept in date order.
func (m *matcher) pickEvents(pc *compiled, c *cand) {
	b := &m.b
	var fit [MaxEvents]float64
	for _, ei := range pc.events {
		e := m.cat.Events[ei]
		if e.day < m.day.n {
			continue
		}
		ef := 0.0
		if best := m.bestGap(e.dims); best >= 0 {
			ef = b.gap[best]
		}
		if e.topics&b.topics != 0 {
			ef += 20
		}
		if ef <= 0 {
			continue
		}
		k := int(c.nEvents)
		if k == MaxEvents {
			if ef <= fit[k-1] {
				continue
			}
			k--
		} else {
			c.nEvents++
		}
		for k > 0 && fit[k-1] < ef {
			fit[k], c.events[k] = fit[k-1], c.events[k-1]
			k--
		}
		fit[k], c.events[k] = ef, int32(ei)
	}
	ev := c.events[:c.nEvents]
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && m.cat.Events[ev[j]].day < m.cat.Events[ev[j-1]].day; j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
}

// bestGap is the dimension in dims with the largest gap, or -1.
func (m *matcher) bestGap(dims uint8) int {
	best := -1
	for d := range 6 {
		if dims&(1<<d) != 0 && m.b.gap[d] > 0 && (best < 0 || m.b.gap[d] > m.b.gap[best]) {
			best = d
		}
	}
	return best
}

// eventReason is an event's reason naming the dimension with the biggest
// gap it addresses, else its first dimension, else a topic the business
// asked for, else its first topic.
func (m *matcher) eventReason(ei int) string {
	e := m.cat.Events[ei]
	key := -1
	switch d := m.bestGap(e.dims); {
	case d >= 0:
		key = d
	case e.dims != 0:
		key = bits.TrailingZeros8(e.dims)
	case e.topics&m.b.topics != 0:
		key = 6 + bits.TrailingZeros64(e.topics&m.b.topics)
	case e.topics != 0:
		key = 6 + bits.TrailingZeros64(e.topics)
	}
	return m.p.events[m.li][ei].get(key)
}
