package scan

import (
	"errors"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Options are the parts of a result that do not come from the answers.
type Options struct {
	AsOf date.Date // decides municipality mergers; recorded in the result
	Lang i18n.Lang // language of insight texts
	Mode string    // advisor, self or survey
}

// ErrNoReadiness means no readiness question was answered, so the business
// cannot be placed in a quadrant.
var ErrNoReadiness = errors.New("no readiness question is answered, so readiness cannot be scored")

// Score computes the result for answers that passed Check. It does not
// set ID or CreatedAt: that is the caller's (so results are reproducible).
func Score(qn *q.Questionnaire, answers Answers, opt Options) (*Result, error) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.vis.reset(qn, answers)
	return scoreWith(qn, answers, opt, sc, nil)
}

// scoreWith scores with the visibility already worked out in sc.vis.
func scoreWith(qn *q.Questionnaire, answers Answers, opt Options, sc *scratch, into *Result) (*Result, error) {
	nd := len(qn.Dimensions)
	s := scorer{qn: qn, answers: answers, vis: &sc.vis, pwF: qn.PlanWeightOrDefault(),
		dims: zeroed(&sc.acc, nd), qvalue: zeroed(&sc.qv, len(qn.Questions())), slotBuf: &sc.slots}
	if opt.Lang == "" {
		opt.Lang = i18n.NL
	}
	r := into // reused: its arrays and map are written over
	if r == nil {
		r = new(Result)
	}
	prev, prevCompany := r.Profile, r.Company // the reused lists and company
	*r = Result{
		AsOf:             opt.AsOf,
		Questionnaire:    QuestionRef{ID: qn.ID, Version: qn.Version, Hash: qn.Hash},
		Lang:             string(opt.Lang),
		Mode:             opt.Mode,
		Thresholds:       Thresholds{Impact: qn.Thresholds.Impact, Readiness: qn.Thresholds.Readiness},
		Answers:          answers,
		Consents:         r.Consents,
		Unknown:          emptied(r.Unknown),
		Unanswered:       emptied(r.Unanswered),
		Dimensions:       room(r.Dimensions, nd),
		Gaps:             room(r.Gaps, nd),
		Insights:         emptied(r.Insights),
		Referrals:        emptied(r.Referrals),
		Advice:           emptied(r.Advice),
		DigitalIntensity: DigitalIntensity{Unknown: emptied(r.DigitalIntensity.Unknown)},
	}
	s.profile(r, opt.AsOf, &prev, prevCompany)
	s.values(r)

	// Dimensions and maturity. A score is published rounded half up from
	// its exact value (see roundScore); maturity, readiness and the
	// quadrant follow from the published (shown) dimension scores.
	pub := sized(&sc.rawS, nd) // published dimension scores; NaN when none
	// What every DimensionScore.Score points into: one allocation, or
	// the scratch's when the result is reused.
	var published []float64
	if into != nil {
		published = sized(&sc.pub, nd)
	} else {
		published = make([]float64, nd)
	}
	var msum, mw float64
	for i, d := range qn.Dimensions {
		ds := DimensionScore{ID: d.ID, Target: d.Target}
		a := s.dims[i]
		pub[i] = math.NaN()
		switch {
		case a.w > 0:
			published[i] = roundScore(100*a.sum/a.w, func() float64 {
				return exactly(func() small { m, _ := exactMean[small](&s, i); return m },
					func() bigRat { m, _ := exactMean[bigRat](&s, i); return m })
			})
			pub[i] = published[i]
			ds.Score = &published[i]
			ds.Band = band(qn, published[i])
			msum += published[i] * d.WeightOrDefault()
			mw += d.WeightOrDefault()
		case a.open:
			ds.Status = "not-answered"
		default:
			ds.Status = "not-applicable"
		}
		r.Dimensions = append(r.Dimensions, ds)
	}
	if mw == 0 {
		return nil, ErrNoReadiness
	}
	maturity := roundScore(msum/mw, func() float64 {
		return exactly(func() small { return weightedMean[small](qn, pub, nil) },
			func() bigRat { return weightedMean[bigRat](qn, pub, nil) })
	})
	r.Maturity = Maturity{Score: maturity, Band: band(qn, maturity)}

	r.Readiness = maturity
	if len(qn.Readiness) > 0 {
		var rs, rw float64
		for i, d := range qn.Dimensions {
			if w, ok := qn.Readiness[d.ID]; ok && !math.IsNaN(pub[i]) {
				rs += pub[i] * w
				rw += w
			}
		}
		if rw > 0 {
			r.Readiness = roundScore(rs/rw, func() float64 {
				return exactly(func() small { return weightedMean[small](qn, pub, qn.Readiness) },
					func() bigRat { return weightedMean[bigRat](qn, pub, qn.Readiness) })
			})
		}
	}

	prior := qn.Impact.DefaultPrior
	if p, ok := qn.Impact.SectorPrior[r.Profile.Sector]; ok {
		prior = p
	}
	impact := prior
	if s.impact.w > 0 {
		pw := qn.Impact.PriorWeight
		impact = pw*prior + (1-pw)*100*s.impact.sum/s.impact.w
	}
	r.Impact = roundScore(impact, func() float64 {
		return exactly(func() small { return exactImpact[small](&s, prior) },
			func() bigRat { return exactImpact[bigRat](&s, prior) })
	})
	r.Quadrant = Quadrant(r.Impact, r.Readiness, r.Thresholds)

	s.intensity(r)
	s.gaps(r)
	s.insights(r, pub, opt.Lang)
	return r, nil
}

// emptied is s with nothing in it, never nil (JSON shows [] rather than null).
func emptied[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s[:0]
}

// room is s emptied with room for n.
func room[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

// scratch is the working space of one Score call, pooled: scoring a batch
// of survey rows then allocates little beyond the results themselves.
type scratch struct {
	vis   Visibility
	acc   []acc
	slots [2 * q.MaxOptions]float64
	qv    []float64
	rawS  []float64
	pub   []float64 // the scores of a reused result
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// sized is *s with length n, grown when it has not the room; what it
// holds is left as it is.
func sized[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
	}
	*s = (*s)[:n]
	return *s
}

// zeroed is sized, cleared.
func zeroed[T any](s *[]T, n int) []T {
	x := sized(s, n)
	clear(x)
	return x
}

// Round rounds a score to a whole number, half up. Scores themselves are
// rounded exactly (RoundRat); bands, quadrants and gaps are computed on the
// rounded value, so what a person reads and how it is classified agree.
func Round(x float64) float64 { return math.Floor(x + 0.5) }

// Quadrant places a business; a score equal to a threshold counts as high.
func Quadrant(impact, readiness float64, th Thresholds) string {
	hi, hr := impact >= th.Impact, readiness >= th.Readiness
	switch {
	case hi && !hr:
		return q.Vulnerable
	case hi && hr:
		return q.Frontrunner
	case !hi && !hr:
		return q.LowUrgency
	}
	return q.Prepared
}

// band finds the band of a score: half-open intervals [min, next min).
func band(qn *q.Questionnaire, score float64) string {
	id := ""
	for _, b := range qn.Bands {
		if score >= b.Min {
			id = b.ID
		}
	}
	return id
}

type acc struct {
	sum, w float64
	open   bool // an applicable question was left unanswered
}

type scorer struct {
	qn      *q.Questionnaire
	answers Answers
	vis     *Visibility
	pwF     float64 // plan weight
	dims    []acc   // by dimension index
	slotBuf *[2 * q.MaxOptions]float64
	impact  acc
	qvalue  []float64 // by question order: 1 + the 0..1 value (0: none)
	feeds   uint64    // feed-mask bits that are "yes"
	unknown uint64    // bits answered "don't know"
}

// profile fills in r.Profile and r.Company; a reused result's lists and
// company (prev, prevCompany; empty for a new result) are written over.
func (s *scorer) profile(r *Result, asOf date.Date, prev *Profile, prevCompany *Company) {
	fx := &s.qn.Fixed
	v := s.vis
	// Lists in questionnaire order, however the answers gave them: the
	// profile is the same whether or not the answers are kept.
	list := func(qu *q.Question, into []string) []string {
		if into == nil {
			into = []string{}
		}
		if qu == nil || !v.has(qu) {
			return into[:0]
		}
		return v.vals[qu.Order].appendList(qu, into[:0])
	}
	r.Profile = Profile{
		Sector:      v.choice(fx.Sector),
		Size:        v.choice(fx.Size),
		Place:       v.choice(fx.Place),
		Association: list(fx.Association, prev.Association),
		Topics:      list(fx.Topics, prev.Topics),
	}
	r.Profile.Municipality, r.Profile.Province = s.municipality(asOf)
	c := Company{Name: v.text(fx.CompanyName), KVK: v.text(fx.KVK), Establishment: v.text(fx.Establishment)}
	if c != (Company{}) {
		if prevCompany == nil {
			prevCompany = new(Company)
		}
		*prevCompany = c
		r.Company = prevCompany
	}
	if r.Consents == nil {
		r.Consents = make(map[string]Consent, 3)
	}
	clear(r.Consents)
	for i, qu := range fx.Consents {
		if qu != nil {
			r.Consents[consentKeys[i]] = Consent{Given: v.choice(qu) == Yes, TextVersion: qu.TextVersion}
		}
	}
}

// municipality is Municipality from the compiled answers: the chosen or
// derived option, mergers followed on asOf, and its province.
func (s *scorer) municipality(asOf date.Date) (municipality, province string) {
	mq := s.qn.Fixed.Municipality
	if mq == nil {
		return "", ""
	}
	if v := s.vis.vals[mq.Order]; v.set && v.choice >= 0 {
		o := mq.Options[v.choice]
		for range 10 { // mergers chain at most a few times
			if o.MergedInto == "" || asOf.IsZero() || !asOf.After(o.ValidUntil) {
				break
			}
			if next := mq.Option(o.MergedInto); next != nil {
				o = next
			} else {
				break
			}
		}
		municipality, province = o.ID, o.Province
	}
	if province == "" {
		province = s.vis.choice(s.qn.Fixed.Province)
	}
	return municipality, province
}

// consentKeys are the keys of Result.Consents, in the order of q.Consents.
var consentKeys = [3]string{"statistics", "follow_up", "handover"}

// values walks the visible questions once: question values, dimension and
// impact accumulators, indicator feeds and unknowns.
func (s *scorer) values(r *Result) {
	for _, qu := range s.qn.Questions() {
		if !s.vis.Question(qu) {
			continue
		}
		v := &s.vis.vals[qu.Order]
		if !v.set {
			if qu.Optional {
				r.Unanswered = append(r.Unanswered, qu.ID)
				if qu.Target >= 0 {
					s.dims[qu.Target].open = true
				}
			}
			continue
		}
		if s.indicators(qu, v) {
			r.Unknown = append(r.Unknown, qu.ID)
		}
		if qu.Target == q.TargetNone {
			continue
		}
		x, ok := s.valueF(qu, v)
		if !ok {
			continue
		}
		s.qvalue[qu.Order] = 1 + x
		w := qu.WeightOrDefault()
		if qu.Target == q.TargetImpact {
			s.impact.sum += x * w
			s.impact.w += w
			continue
		}
		s.dims[qu.Target].sum += x * w
		s.dims[qu.Target].w += w
	}
}

// exactMean is 100 × the weighted mean of the values of the answered
// questions that score target (a dimension index or q.TargetImpact), in
// exact arithmetic; ok is false when there are none.
func exactMean[N num[N]](s *scorer, target int) (N, bool) {
	var z N
	pw := z.of(s.pwF)
	var a ratAcc[N]
	for _, qu := range s.qn.Questions() {
		if qu.Target != target || !s.vis.Question(qu) || !s.vis.vals[qu.Order].set {
			continue
		}
		if x, ok := value(s, qu, &s.vis.vals[qu.Order], pw); ok {
			a.add(x, z.of(qu.WeightOrDefault()))
		}
	}
	return a.mean()
}

// weightedMean is the mean of the published dimension scores (NaN: none)
// with the dimensions' weights, or with weights when given, exactly.
func weightedMean[N num[N]](qn *q.Questionnaire, pub []float64, weights map[string]float64) N {
	var z N
	var a ratAcc[N]
	for i, d := range qn.Dimensions {
		w, ok := d.WeightOrDefault(), true
		if weights != nil {
			w, ok = weights[d.ID]
		}
		if ok && !math.IsNaN(pub[i]) {
			a.add(z.of(pub[i]), z.of(w))
		}
	}
	m, ok := a.mean()
	if !ok {
		return z.of(0)
	}
	return m.quo(z.of(100))
}

// exactImpact is the impact score, exactly: the sector's prior, blended
// with the answers' mean when there are answers.
func exactImpact[N num[N]](s *scorer, prior float64) N {
	var z N
	x := z.of(prior)
	if m, ok := exactMean[N](s, q.TargetImpact); ok {
		// prior_weight · prior + (1 − prior_weight) · answers
		pw := z.of(s.qn.Impact.PriorWeight)
		x = pw.mul(x).add(m.mul(z.of(1).sub(pw)))
	}
	return x
}

// exactPercent is 100 × the question's value, exactly.
func exactPercent[N num[N]](s *scorer, qu *q.Question) N {
	var z N
	x, _ := value(s, qu, &s.vis.vals[qu.Order], z.of(s.pwF))
	return x.mul(z.of(100))
}

// value is the question's normalised value in [0, 1], exactly, by the DMA
// method: a checklist counts ticked items over offered items (options
// sharing a DMA item count once), a scale or single choice its value over
// the highest offered value, a matrix the mean of its items, yes/no 1 or 0.
// "Don't know" scores as no on a readiness question (DMA practice) and
// leaves the mean on an impact question (the sector prior carries it). ok
// is false when nothing of the question counts (no offered item or option
// has a value, or only "don't know" was said about impact). pw is the
// plan weight.
func value[N num[N]](s *scorer, qu *q.Question, v *val, pw N) (x N, ok bool) {
	var z N
	impact := qu.Target == q.TargetImpact
	switch {
	case qu.Type == q.YesNo:
		switch v.choice {
		case 0:
			return z.of(1), true
		case 2: // don't know
			if impact {
				return z, false
			}
		}
		return z.of(0), true
	case qu.IsMatrix():
		top := maxValue(s, qu, pw)
		if top.sign() == 0 {
			return z, false
		}
		sum := z.of(0)
		n := 0
		for _, it := range qu.Items {
			if !s.vis.Item(it) || v.items[it.Index] < 0 {
				continue
			}
			if o := qu.Options[v.items[it.Index]]; !o.DontKnow {
				sum = sum.add(effective(o, pw))
			} else if impact {
				continue
			}
			n++
		}
		if n == 0 {
			return z, false
		}
		return sum.quo(top.mul(z.of(float64(n)))), true
	case qu.Type == q.Multi:
		return multiValue(s, qu, v.mask, impact, pw)
	}
	top := maxValue(s, qu, pw)
	if top.sign() == 0 {
		return z, false
	}
	if v.choice < 0 {
		return z.of(0), true
	}
	o := qu.Options[v.choice]
	if o.DontKnow {
		if impact {
			return z, false
		}
		return z.of(0), true
	}
	return effective(o, pw).quo(top), true
}

// maxValue is the highest value of an offered option.
func maxValue[N num[N]](s *scorer, qu *q.Question, pw N) N {
	var z N
	top := z.of(0)
	for _, o := range qu.Options {
		if !o.DontKnow && s.vis.Option(o) {
			if e := effective(o, pw); e.cmp(top) > 0 {
				top = e
			}
		}
	}
	return top
}

// multiValue counts ticked DMA items over offered ones: per slot the best
// ticked option's worth over the best offered option's.
func multiValue[N num[N]](s *scorer, qu *q.Question, ticked uint64, impact bool, pw N) (N, bool) {
	var z N
	// "None of these" clears the choice; "don't know" too, and about
	// impact it leaves the mean.
	for t := ticked; t != 0; t &= t - 1 {
		if o := qu.Options[bits.TrailingZeros64(t)]; o.Exclusive || o.DontKnow {
			if o.DontKnow && impact {
				return z, false
			}
			ticked = 0
			break
		}
	}
	// Per slot the best offered and ticked worth; a slot's bit in
	// hasBest/hasGot says it has one (KeySlots ≤ MaxOptions = 64).
	var bestA, gotA [16]N
	var best, got []N
	if qu.KeySlots <= len(bestA) {
		best, got = bestA[:qu.KeySlots], gotA[:qu.KeySlots]
	} else {
		best, got = make([]N, qu.KeySlots), make([]N, qu.KeySlots)
	}
	var hasBest, hasGot uint64
	for _, o := range qu.Options {
		w := checklistWorth(o, pw)
		if w.sign() == 0 || !s.vis.Option(o) {
			continue
		}
		bit := uint64(1) << o.KeySlot
		if hasBest&bit == 0 || w.cmp(best[o.KeySlot]) > 0 {
			best[o.KeySlot], hasBest = w, hasBest|bit
		}
		if ticked&(1<<o.Index) != 0 && (hasGot&bit == 0 || w.cmp(got[o.KeySlot]) > 0) {
			got[o.KeySlot], hasGot = w, hasGot|bit
		}
	}
	num, den := z.of(0), z.of(0)
	for i := range best {
		if hasBest&(1<<i) != 0 {
			den = den.add(best[i])
		}
		if hasGot&(1<<i) != 0 {
			num = num.add(got[i])
		}
	}
	if den.sign() == 0 {
		return z, false
	}
	return num.quo(den), true
}

// valueF is value in floating point, for speed: scores are rounded from
// it unless they come out within a hair of a half (see roundScore). It is
// the question's normalised value in [0, 1], by the DMA method:
// a checklist counts ticked items over offered items (options sharing a DMA
// item count once), a scale or single choice its value over the highest
// offered value, a matrix the mean of its items, yes/no 1 or 0. ok is false
// when nothing of the question applies (no offered item or option has a value).
func (s *scorer) valueF(qu *q.Question, v *val) (x float64, ok bool) {
	impact := qu.Target == q.TargetImpact
	switch {
	case qu.Type == q.YesNo:
		switch {
		case v.choice == 0:
			return 1, true
		case v.choice == 2 && impact: // don't know
			return 0, false
		}
		return 0, true
	case qu.IsMatrix():
		max := s.maxValueF(qu)
		if max == 0 {
			return 0, false
		}
		var sum float64
		n := 0
		for _, it := range qu.Items {
			if !s.vis.Item(it) || v.items[it.Index] < 0 {
				continue
			}
			if o := qu.Options[v.items[it.Index]]; !o.DontKnow {
				sum += o.Effective(s.pwF) / max
			} else if impact {
				continue
			}
			n++
		}
		if n == 0 {
			return 0, false
		}
		return sum / float64(n), true
	case qu.Type == q.Multi:
		return s.multiValueF(qu, v.mask, impact)
	}
	max := s.maxValueF(qu)
	if max == 0 {
		return 0, false
	}
	if v.choice >= 0 && qu.Options[v.choice].DontKnow && impact {
		return 0, false
	}
	if v.choice < 0 || qu.Options[v.choice].DontKnow {
		return 0, true
	}
	return qu.Options[v.choice].Effective(s.pwF) / max, true
}

func (s *scorer) maxValueF(qu *q.Question) float64 {
	if qu.Static && qu.StaticPW == s.pwF {
		return qu.MaxValue
	}
	top := 0.0
	for _, o := range qu.Options {
		if !o.DontKnow && s.vis.Option(o) {
			top = max(top, o.Effective(s.pwF))
		}
	}
	return top
}

// slots is room for k slot values per DMA item, n times, zeroed: only as
// much as the question has (a checklist has a few), not MaxOptions.
func (s *scorer) slots(n, k int) []float64 {
	b := s.slotBuf[:n*k]
	clear(b)
	return b
}

func (s *scorer) multiValueF(qu *q.Question, ticked uint64, impact bool) (float64, bool) {
	// "None of these" clears the choice; "don't know" too, and about
	// impact it leaves the mean.
	for t := ticked; t != 0; t &= t - 1 {
		if o := qu.Options[bits.TrailingZeros64(t)]; o.Exclusive || o.DontKnow {
			if o.DontKnow && impact {
				return 0, false
			}
			ticked = 0
			break
		}
	}
	if qu.Static && qu.StaticPW == s.pwF {
		// Only the ticked options need looking at.
		if qu.Den == 0 {
			return 0, false
		}
		got := s.slots(qu.KeySlots, 1)
		num := 0.0
		for t := ticked; t != 0; t &= t - 1 {
			o := qu.Options[bits.TrailingZeros64(t)]
			if w := o.ChecklistWorth(s.pwF); w > got[o.KeySlot] {
				num += w - got[o.KeySlot]
				got[o.KeySlot] = w
			}
		}
		return num / qu.Den, true
	}
	// Offered maximum per slot (options sharing a DMA item count once).
	both := s.slots(qu.KeySlots, 2)
	best, got := both[:qu.KeySlots], both[qu.KeySlots:]
	cleared := ticked == 0
	for _, o := range qu.Options {
		w := o.ChecklistWorth(s.pwF)
		if w == 0 || !s.vis.Option(o) {
			continue
		}
		best[o.KeySlot] = max(best[o.KeySlot], w)
		if !cleared && ticked&(1<<o.Index) != 0 {
			got[o.KeySlot] = max(got[o.KeySlot], w)
		}
	}
	var num, den float64
	for i := 0; i < qu.KeySlots; i++ {
		num += got[i]
		den += best[i]
	}
	if den == 0 {
		return 0, false
	}
	return num / den, true
}

// indicators records the indicators an answer feeds; it reports whether the
// answer was "don't know".
func (s *scorer) indicators(qu *q.Question, v *val) (dontKnow bool) {
	unknownAll := func() {
		for _, o := range qu.Options {
			s.unknown |= o.FeedMask
		}
		s.unknown |= qu.FeedMask
	}
	switch {
	case qu.Type == q.YesNo:
		switch v.choice {
		case 0:
			s.feeds |= qu.FeedMask
		case 2:
			unknownAll()
			return true
		}
	case qu.IsMatrix():
		for _, it := range qu.Items {
			if !s.vis.Item(it) || v.items[it.Index] < 0 {
				continue
			}
			o := qu.Options[v.items[it.Index]]
			switch {
			case o.DontKnow:
				dontKnow = true
				s.unknown |= it.FeedMask
			case (qu.FeedsFrom == nil && o.Effective(s.pwF) > 0) || (qu.FeedsFrom != nil && o.Effective(s.pwF) >= *qu.FeedsFrom):
				s.feeds |= it.FeedMask
			}
		}
	case qu.Type == q.Multi:
		for m := v.mask; m != 0; m &= m - 1 {
			o := qu.Options[bits.TrailingZeros64(m)]
			if o.DontKnow {
				unknownAll()
				dontKnow = true
				continue
			}
			s.feeds |= o.FeedMask
		}
	default:
		if v.choice < 0 {
			return false
		}
		o := qu.Options[v.choice]
		if o.DontKnow {
			unknownAll()
			return true
		}
		s.feeds |= o.FeedMask
	}
	return dontKnow
}

func (s *scorer) intensity(r *Result) {
	d := s.qn.DII
	n := len(d.Indicators)
	di := DigitalIntensity{
		Version:    d.Version,
		Of:         n,
		Indicators: IndicatorSet{IDs: s.qn.DIIIDs, Yes: s.feeds & (1<<n - 1)},
		Unknown:    r.DigitalIntensity.Unknown,
	}
	for i, in := range d.Indicators { // bit i of the masks
		if s.feeds&(1<<i) != 0 {
			di.Count++
		} else if s.unknown&(1<<i) != 0 {
			di.Unknown = append(di.Unknown, in.ID)
		}
	}
	for _, l := range d.Levels {
		if di.Count >= l.Min {
			di.Level = l.ID
		}
	}
	di.Basic = di.Count >= d.Basic
	r.DigitalIntensity = di
	// The tech bits follow the DII ones, in TechIDs order.
	t := AdvancedTech{Cloud: s.feeds&(1<<n) != 0, AI: s.feeds&(1<<(n+1)) != 0, DataAnalytics: s.feeds&(1<<(n+2)) != 0}
	t.Any = t.Cloud || t.AI || t.DataAnalytics
	r.AdvancedTech = t
}

func (s *scorer) gaps(r *Result) {
	tiers := s.qn.GapTiers
	for _, d := range r.Dimensions {
		if d.Score == nil {
			continue
		}
		gap := max(0, d.Target-*d.Score)
		tier := ""
		switch {
		case gap >= tiers.Critical:
			tier = TierCritical
		case gap >= tiers.Moderate:
			tier = TierModerate
		case gap >= tiers.Minor:
			tier = TierMinor
		default:
			continue
		}
		r.Gaps = append(r.Gaps, Gap{Dimension: d.ID, Score: *d.Score, Target: d.Target, Gap: gap, Tier: tier})
	}
	slices.SortStableFunc(r.Gaps, func(a, b Gap) int {
		switch {
		case a.Gap > b.Gap:
			return -1
		case a.Gap < b.Gap:
			return 1
		}
		return 0
	})
}

// insights are given the published scores, so a rule reads the numbers
// the person reads; a question's value is its rounded percentage.
func (s *scorer) insights(r *Result, dims []float64, lang i18n.Lang) {
	lookup := func(rule *q.ScoreRule) (float64, bool) {
		switch {
		case rule.Score == q.ScoreImpact:
			return r.Impact, true
		case rule.Score == "readiness":
			return r.Readiness, true
		case rule.Score == "maturity":
			return r.Maturity.Score, true
		case rule.Dimension >= 0:
			return dims[rule.Dimension], !math.IsNaN(dims[rule.Dimension])
		case rule.Question != nil && s.qvalue[rule.Question.Order] > 0:
			qu := rule.Question
			return roundScore(100*(s.qvalue[qu.Order]-1), func() float64 {
				return exactly(func() small { return exactPercent[small](s, qu) },
					func() bigRat { return exactPercent[bigRat](s, qu) })
			}), true
		}
		return 0, false
	}
	for i := range s.qn.Insights {
		in := &s.qn.Insights[i]
		holds := true
		for j := range in.When {
			rule := &in.When[j]
			v, ok := lookup(rule)
			if !ok || (rule.Min != nil && v < *rule.Min) || (rule.Max != nil && v >= *rule.Max) {
				holds = false
				break
			}
		}
		if holds && in.Answers != nil {
			holds = s.vis.Holds(in.Answers)
		}
		if holds {
			r.Insights = append(r.Insights, Insight{ID: in.ID, Title: in.Title.In(lang), Text: in.Text.In(lang)})
		}
	}
}
