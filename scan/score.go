package scan

import (
	"errors"
	"math"
	"slices"
	"strings"

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
	s := scorer{qn: qn, answers: answers, vis: Visible(qn, answers), pw: qn.PlanWeightOrDefault()}
	if opt.Lang == "" {
		opt.Lang = i18n.NL
	}
	r := &Result{
		AsOf:          opt.AsOf,
		Questionnaire: QuestionRef{ID: qn.ID, Version: qn.Version, Hash: qn.Hash},
		Lang:          string(opt.Lang),
		Mode:          opt.Mode,
		Thresholds:    Thresholds{Impact: qn.Thresholds.Impact, Readiness: qn.Thresholds.Readiness},
		Answers:       answers,
		Unknown:       []string{},
		Unanswered:    []string{},
		Gaps:          []Gap{},
		Insights:      []Insight{},
		Referrals:     []Referral{},
		Advice:        []Advice{},
	}
	s.profile(r, opt.AsOf)
	s.values(r)

	// Dimensions and maturity.
	var sum, wsum float64
	dims := make(map[string]float64, len(qn.Dimensions))
	for _, d := range qn.Dimensions {
		ds := DimensionScore{ID: d.ID, Target: d.Target}
		acc := s.dims[d.ID]
		switch {
		case acc.w > 0:
			raw := 100 * acc.sum / acc.w
			dims[d.ID] = raw
			v := Round(raw)
			ds.Score = &v
			ds.Band = band(qn, v)
			sum += raw * d.WeightOrDefault()
			wsum += d.WeightOrDefault()
		case acc.open:
			ds.Status = "not-answered"
		default:
			ds.Status = "not-applicable"
		}
		r.Dimensions = append(r.Dimensions, ds)
	}
	if wsum == 0 {
		return nil, ErrNoReadiness
	}
	maturity := sum / wsum
	r.Maturity = Maturity{Score: Round(maturity), Band: band(qn, Round(maturity))}

	readiness := maturity
	if len(qn.Readiness) > 0 {
		var rs, rw float64
		for id, w := range qn.Readiness {
			if v, ok := dims[id]; ok {
				rs += v * w
				rw += w
			}
		}
		if rw > 0 {
			readiness = rs / rw
		}
	}
	r.Readiness = Round(readiness)

	prior := qn.Impact.DefaultPrior
	if p, ok := qn.Impact.SectorPrior[r.Profile.Sector]; ok {
		prior = p
	}
	impact := prior
	if s.impact.w > 0 {
		pw := qn.Impact.PriorWeight
		impact = pw*prior + (1-pw)*100*s.impact.sum/s.impact.w
	}
	r.Impact = Round(impact)
	r.Quadrant = Quadrant(r.Impact, r.Readiness, r.Thresholds)

	s.intensity(r)
	s.gaps(r)
	s.insights(r, dims, maturity, impact, readiness, opt.Lang)
	return r, nil
}

// Round rounds a score to a whole number (half away from zero). Every
// published score is rounded, and bands, quadrants and gaps are computed on
// the rounded value, so what a person reads and how it is classified agree.
func Round(x float64) float64 { return math.Round(x) }

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
	pw      float64
	dims    map[string]acc
	impact  acc
	qvalue  map[string]float64 // scored question id → 0..1
	feeds   map[string]bool    // indicator → true
	unknown map[string]bool    // indicator → answered don't know
}

func (s *scorer) profile(r *Result, asOf date.Date) {
	get := func(id string) Answer { a, _ := s.vis.Answer(id); return a }
	r.Profile = Profile{
		Sector:      get(q.QSector).Choice,
		Size:        get(q.QSize).Choice,
		Place:       get(q.QPlace).Choice,
		Association: nonNil(get(q.QAssociation)),
		Topics:      nonNil(get(q.QTopics)),
	}
	r.Profile.Municipality, r.Profile.Province = Municipality(s.qn, s.answers, asOf)
	c := Company{Name: get(q.QCompanyName).Text, KVK: get(q.QKVK).Text, Establishment: get(q.QEstablishment).Text}
	if c != (Company{}) {
		r.Company = &c
	}
	r.Consents = map[string]Consent{}
	for _, id := range q.Consents {
		if qu := s.qn.Question(id); qu != nil {
			key := strings.ReplaceAll(strings.TrimPrefix(id, "consent-"), "-", "_")
			r.Consents[key] = Consent{Given: get(id).Choice == Yes, TextVersion: qu.TextVersion}
		}
	}
}

// nonNil returns a multiple choice as a list, a single choice as a list of
// one (association may be either), never nil.
func nonNil(a Answer) []string {
	if a.Choices != nil {
		return a.Choices
	}
	if a.Choice != "" {
		return []string{a.Choice}
	}
	return []string{}
}

// values walks the visible questions once: question values, dimension and
// impact accumulators, indicator feeds and unknowns.
func (s *scorer) values(r *Result) {
	s.dims = make(map[string]acc, 6)
	s.qvalue = make(map[string]float64, 16)
	s.feeds = make(map[string]bool, 16)
	s.unknown = map[string]bool{}
	for _, qu := range s.qn.Questions() {
		if !s.vis.Question(qu) {
			continue
		}
		a, ok := s.vis.Answer(qu.ID)
		if !ok {
			if qu.Optional {
				r.Unanswered = append(r.Unanswered, qu.ID)
				if qu.Scores != "" && qu.Scores != q.ScoreImpact {
					d := s.dims[qu.Scores]
					d.open = true
					s.dims[qu.Scores] = d
				}
			}
			continue
		}
		dontKnow := s.indicators(qu, a)
		if dontKnow {
			r.Unknown = append(r.Unknown, qu.ID)
		}
		if qu.Scores == "" {
			continue
		}
		v, ok := s.value(qu, a)
		if !ok {
			continue
		}
		s.qvalue[qu.ID] = v
		w := qu.WeightOrDefault()
		if qu.Scores == q.ScoreImpact {
			s.impact.sum += v * w
			s.impact.w += w
			continue
		}
		d := s.dims[qu.Scores]
		d.sum += v * w
		d.w += w
		s.dims[qu.Scores] = d
	}
}

// value is the question's normalised value in [0, 1], by the DMA method:
// a checklist counts ticked items over offered items (options sharing a DMA
// item count once), a scale or single choice its value over the highest
// offered value, a matrix the mean of its items, yes/no 1 or 0. ok is false
// when nothing of the question applies (no offered item or option has a value).
func (s *scorer) value(qu *q.Question, a Answer) (v float64, ok bool) {
	switch {
	case qu.Type == q.YesNo:
		if a.Choice == Yes {
			return 1, true
		}
		return 0, true
	case qu.IsMatrix():
		max := s.maxValue(qu)
		if max == 0 {
			return 0, false
		}
		var sum float64
		n := 0
		for _, it := range qu.Items {
			if !s.vis.Item(it) {
				continue
			}
			val, answered := a.Items[it.ID]
			if !answered {
				continue
			}
			if o := s.qn.Option(qu.ID, val); o != nil && !o.DontKnow {
				sum += o.Effective(s.pw) / max
			}
			n++
		}
		if n == 0 {
			return 0, false
		}
		return sum / float64(n), true
	case qu.Type == q.Multi:
		return s.multiValue(qu, a)
	}
	max := s.maxValue(qu)
	if max == 0 {
		return 0, false
	}
	o := s.qn.Option(qu.ID, a.Choice)
	if o == nil || o.DontKnow {
		return 0, true
	}
	return o.Effective(s.pw) / max, true
}

func (s *scorer) maxValue(qu *q.Question) float64 {
	max := 0.0
	for _, o := range qu.Options {
		if !o.DontKnow && s.vis.Option(o) {
			max = math.Max(max, o.Effective(s.pw))
		}
	}
	return max
}

// worth is a checklist option's value: 1 unless set; exclusive and
// don't-know options are worth nothing.
func (s *scorer) worth(o *q.Option) float64 {
	if o.Exclusive || o.DontKnow {
		return 0
	}
	if o.Value == nil && o.Plan == 0 {
		return 1
	}
	return o.Effective(s.pw)
}

func key(o *q.Option) string {
	if o.DMA != "" {
		return o.DMA
	}
	return o.ID
}

func (s *scorer) multiValue(qu *q.Question, a Answer) (float64, bool) {
	// Offered maximum per key (options sharing a DMA item count once).
	var keys [32]string
	var best, got [32]float64
	n := 0
	slot := func(k string) int {
		for i := 0; i < n; i++ {
			if keys[i] == k {
				return i
			}
		}
		if n == len(keys) {
			return -1
		}
		keys[n] = k
		n++
		return n - 1
	}
	cleared := false
	for _, c := range a.Choices {
		if o := s.qn.Option(qu.ID, c); o != nil && (o.Exclusive || o.DontKnow) {
			cleared = true // "none of these" clears the choice
		}
	}
	for _, o := range qu.Options {
		w := s.worth(o)
		if w == 0 || !s.vis.Option(o) {
			continue
		}
		i := slot(key(o))
		if i < 0 {
			continue
		}
		best[i] = math.Max(best[i], w)
		if !cleared && a.Has(o.ID) {
			got[i] = math.Max(got[i], w)
		}
	}
	var num, den float64
	for i := 0; i < n; i++ {
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
func (s *scorer) indicators(qu *q.Question, a Answer) (dontKnow bool) {
	unknownAll := func() {
		for _, o := range qu.Options {
			for _, f := range o.Feeds {
				s.unknown[f] = true
			}
		}
		for _, f := range qu.Feeds {
			s.unknown[f] = true
		}
	}
	switch {
	case qu.Type == q.YesNo:
		switch a.Choice {
		case Yes:
			s.set(qu.Feeds)
		case q.DontKnowID:
			unknownAll()
			return true
		}
	case qu.IsMatrix():
		from := 0.0
		if qu.FeedsFrom != nil {
			from = *qu.FeedsFrom
		}
		for _, it := range qu.Items {
			if !s.vis.Item(it) {
				continue
			}
			o := s.qn.Option(qu.ID, a.Items[it.ID])
			switch {
			case o == nil:
			case o.DontKnow:
				dontKnow = true
				for _, f := range it.Feeds {
					s.unknown[f] = true
				}
			case (qu.FeedsFrom == nil && o.Effective(s.pw) > 0) || (qu.FeedsFrom != nil && o.Effective(s.pw) >= from):
				s.set(it.Feeds)
			}
		}
	case qu.Type == q.Multi:
		for _, c := range a.Choices {
			o := s.qn.Option(qu.ID, c)
			if o == nil {
				continue
			}
			if o.DontKnow {
				unknownAll()
				dontKnow = true
				continue
			}
			s.set(o.Feeds)
		}
	default:
		o := s.qn.Option(qu.ID, a.Choice)
		if o == nil {
			return false
		}
		if o.DontKnow {
			unknownAll()
			return true
		}
		s.set(o.Feeds)
	}
	return dontKnow
}

func (s *scorer) set(feeds []string) {
	for _, f := range feeds {
		s.feeds[f] = true
	}
}

func (s *scorer) intensity(r *Result) {
	d := s.qn.DII
	di := DigitalIntensity{
		Version:    d.Version,
		Of:         len(d.Indicators),
		Indicators: make(map[string]bool, len(d.Indicators)),
		Unknown:    []string{},
	}
	for _, in := range d.Indicators {
		yes := s.feeds["dii."+in.ID]
		di.Indicators[in.ID] = yes
		if yes {
			di.Count++
		} else if s.unknown["dii."+in.ID] {
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
	t := AdvancedTech{Cloud: s.feeds["tech.cloud"], AI: s.feeds["tech.ai"], DataAnalytics: s.feeds["tech.data_analytics"]}
	t.Any = t.Cloud || t.AI || t.DataAnalytics
	r.AdvancedTech = t
}

func (s *scorer) gaps(r *Result) {
	tiers := s.qn.GapTiers
	for _, d := range r.Dimensions {
		if d.Score == nil {
			continue
		}
		gap := math.Max(0, d.Target-*d.Score)
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

func (s *scorer) insights(r *Result, dims map[string]float64, maturity, impact, readiness float64, lang i18n.Lang) {
	lookup := func(id string) (float64, bool) {
		switch id {
		case q.ScoreImpact:
			return impact, true
		case "readiness":
			return readiness, true
		case "maturity":
			return maturity, true
		}
		if v, ok := dims[id]; ok {
			return v, true
		}
		if v, ok := s.qvalue[id]; ok {
			return 100 * v, true
		}
		return 0, false
	}
	for _, in := range s.qn.Insights {
		holds := true
		for _, rule := range in.When {
			v, ok := lookup(rule.Score)
			v = Round(v)
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
