package referral

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Languages are indexed 0 (Dutch) and 1 (English) in precomputed texts.
func langIndex(l i18n.Lang) int {
	if l == i18n.EN {
		return 1
	}
	return 0
}

var langs = [2]i18n.Lang{i18n.NL, i18n.EN}

// index holds what Load precomputes so that matching is cheap: lookups,
// bit masks for the ids rules name, compiled templates, texts per language.
type index struct {
	programmes map[string]int
	events     map[string]int
	provinces  []string // interned province ids; bit i of a province mask
	provBit    map[string]uint64
	topics     []string // interned topic ids; the six dimension ids come first
	topicBit   map[string]uint64
	reads      []string          // the questions conditions read, sorted
	ref        scan.CatalogueRef // what Match puts in a result
	reasons    [nReasons][2]template
}

// compiled is a programme in the form matching uses.
type compiled struct {
	elig         rule
	focus        focusC
	guidance     float64 // share of its offers that are guidance (0..1)
	lowThreshold bool
	weight       float64
	avail        availC
	variants     []variantC
	events       []int // indices of its events, by date
	successor    int   // index of the successor, or -1
	texts        [2]texts
	// handover is the successor reason said on the final successor when
	// this (closed) programme hands over to it.
	handover [2]string
	// predecessors are closed programmes whose successor chain ends here.
	predecessors []int
	// idRank is the programme's position in id order, to break ties.
	idRank int
}

type texts struct {
	name, cost, operator, contact, url string
	notes                              []string
	reason                             string // of the eligibility rule or variant
}

type variantC struct {
	id    string
	rule  rule
	texts [2]texts
}

// rule is a compiled Rule: a zero mask means "no restriction".
type rule struct {
	sectors, sizes, munis uint32
	provs                 uint64
	cond                  *cond
}

func (r *rule) location() bool { return r.munis != 0 || r.provs != 0 }

type focusC struct {
	sectors, sizes, munis, quads uint32
	provs                        uint64
	dims                         uint8
	topics                       uint64
	scores                       []scoreC
	notMember                    bool
	// intent is the need the programme answers, when it names one
	// (hasIntent); intentReason says it in each language.
	intent       rule
	hasIntent    bool
	intentReason [2]string
}

type scoreC struct {
	dim      int
	min, max float64 // max exclusive; ±Inf when unset
}

// availC is a programme's availability in day numbers.
type availC struct {
	status       uint8
	starts, ends int32 // math.MinInt32 / math.MaxInt32 when unset
	windows      [][2]int32
	yearly       [][2]MonthDay
	reviewed     int32
	hasWindows   bool
	// roundRules[i] narrows who may apply in windows[i] (nil: no more than
	// the programme's eligibility).
	roundRules    []*rule
	hasRoundRules bool
}

const (
	stOpen uint8 = iota
	stBudget
	stClosed
	stEnded
	stUpcoming
)

var statusNames = [...]string{StatusOpen, StatusBudgetExhausted, StatusClosed, StatusEnded, StatusUpcoming}

func bitIn(list []string, id string) uint32 {
	if i := slices.Index(list, id); i >= 0 {
		return 1 << i
	}
	return 0
}

func mask(list, known []string) uint32 {
	var m uint32
	for _, id := range list {
		m |= bitIn(known, id)
	}
	return m
}

func dimIndex(id string) int { return slices.Index(q.DimensionIDs, id) }

// compile builds the index and the compiled form of every programme. The
// catalogue has passed validation.
func (c *Catalogue) compile() error {
	ix := &index{
		ref:        scan.CatalogueRef{ID: c.ID, Version: c.Version},
		programmes: make(map[string]int, len(c.Programmes)),
		events:     make(map[string]int, len(c.Events)),
		provBit:    map[string]uint64{},
		topicBit:   map[string]uint64{},
	}
	c.index = ix
	var errs strictyaml.Errors
	for i, p := range c.Programmes {
		ix.programmes[p.ID] = i
	}
	for i, e := range c.Events {
		ix.events[e.ID] = i
	}
	for _, d := range q.DimensionIDs {
		c.internTopic(d)
	}
	for k := range ix.reasons {
		for li, l := range langs {
			t, _ := compileTemplate(c.Reasons.Items[reasonSpecs[k].id].In(l), reasonSpecs[k].placeholders)
			ix.reasons[k][li] = t
		}
	}
	c.setAdviceIDs()
	guidance := map[string]bool{}
	for _, k := range c.Kinds {
		guidance[k.ID] = k.Guidance
	}
	for _, p := range c.Programmes {
		pc := &p.c
		pc.successor = -1
		if s, ok := ix.programmes[p.Availability.Successor]; ok {
			pc.successor = s
		}
		if p.Eligibility != nil {
			pc.elig = c.rule(p.Eligibility)
		}
		if f := p.Focus; f != nil {
			pc.focus = focusC{
				sectors:   mask(f.Sectors, q.Sectors),
				sizes:     mask(f.Sizes, q.Sizes),
				munis:     mask(f.Municipalities, q.Municipalities),
				quads:     mask(f.Quadrants, q.QuadrantIDs),
				provs:     c.provMask(f.Provinces),
				dims:      uint8(mask(f.Dimensions, q.DimensionIDs)),
				notMember: f.NotMember,
			}
			for _, t := range f.Topics {
				pc.focus.topics |= c.internTopic(t)
			}
			// A wanted topic named after a dimension fits a programme that
			// helps with that dimension.
			for _, d := range f.Dimensions {
				pc.focus.topics |= ix.topicBit[d]
			}
			if f.Intent != nil {
				pc.focus.intent = c.rule(f.Intent)
				pc.focus.hasIntent = true
				for li, l := range langs {
					pc.focus.intentReason[li] = f.Intent.Reason.In(l)
				}
			}
			for _, s := range f.Scores {
				sc := scoreC{dim: dimIndex(s.Dimension), min: math.Inf(-1), max: math.Inf(1)}
				if s.Min != nil {
					sc.min = *s.Min
				}
				if s.Max != nil {
					sc.max = *s.Max
				}
				pc.focus.scores = append(pc.focus.scores, sc)
			}
		}
		g := 0
		for _, o := range p.Offers {
			if guidance[o] {
				g++
			}
		}
		if len(p.Offers) > 0 {
			pc.guidance = float64(g) / float64(len(p.Offers))
		}
		pc.weight = p.WeightOrDefault()
		pc.lowThreshold = p.LowThreshold
		pc.avail = compileAvailability(p)
		if pc.avail.hasRoundRules {
			pc.avail.roundRules = make([]*rule, len(pc.avail.windows))
			for _, w := range p.Availability.Windows {
				if w.Eligibility == nil {
					continue
				}
				r := c.rule(w.Eligibility)
				for i, cw := range pc.avail.windows {
					if cw[0] == dayOf(w.Opens) && cw[1] == dayOf(w.Closes) {
						pc.avail.roundRules[i] = &r
					}
				}
			}
		}
		for li, l := range langs {
			pc.texts[li] = programmeTexts(p, l)
			if p.Eligibility != nil {
				pc.texts[li].reason = p.Eligibility.Reason.In(l)
			}
		}
		for _, v := range p.Variants {
			vc := variantC{id: v.ID, rule: c.rule(v.When)}
			for li, l := range langs {
				t := pc.texts[li]
				if !v.Name.IsZero() {
					t.name = v.Name.In(l)
				}
				if !v.Cost.IsZero() {
					t.cost = v.Cost.In(l)
				}
				if v.URL != "" {
					t.url = v.URL
				}
				if !v.Contact.IsZero() {
					t.contact = v.Contact.In(l)
				}
				if len(v.Notes) > 0 {
					t.notes = textsIn(v.Notes, l)
				}
				t.reason = v.When.Reason.In(l)
				vc.texts[li] = t
			}
			pc.variants = append(pc.variants, vc)
		}
	}
	// A successor starts where its predecessor ends: not before the day
	// after its last window or end date.
	for _, p := range c.Programmes {
		if s := p.c.successor; s >= 0 {
			if end := p.c.avail.lastDay(); end != noDay {
				sa := &c.Programmes[s].c.avail
				sa.starts = max(sa.starts, end+1)
			}
		}
	}
	for i, e := range c.Events {
		e.day = dayOf(e.Date)
		e.dims = uint8(mask(e.Dimensions, q.DimensionIDs))
		for _, t := range e.Topics {
			e.topics |= c.internTopic(t)
		}
		for _, d := range e.Dimensions {
			e.topics |= ix.topicBit[d]
		}
		if s, ok := ix.programmes[e.Series]; ok {
			c.Programmes[s].c.events = append(c.Programmes[s].c.events, i)
		}
	}
	for _, p := range c.Programmes {
		slices.SortStableFunc(p.c.events, func(a, b int) int {
			if d := c.Events[a].day - c.Events[b].day; d != 0 {
				return int(d)
			}
			return strings.Compare(c.Events[a].ID, c.Events[b].ID)
		})
		if s := c.finalSuccessor(p); s >= 0 {
			c.Programmes[s].c.predecessors = append(c.Programmes[s].c.predecessors, ix.programmes[p.ID])
			for li := range langs {
				var a args
				a[phPrevious] = p.c.texts[li].name
				a[phName] = c.Programmes[s].c.texts[li].name
				p.c.handover[li] = ix.reasons[rSuccessor][li].render(&a)
			}
		}
	}
	byID := make([]*Programme, len(c.Programmes))
	copy(byID, c.Programmes)
	slices.SortFunc(byID, func(a, b *Programme) int { return strings.Compare(a.ID, b.ID) })
	for i, p := range byID {
		p.c.idRank = i
	}
	if len(c.Programmes) > candMask {
		errs = append(errs, c.Pos.At(c.Source, "the catalogue has %d programmes; at most %d are supported", len(c.Programmes), candMask))
	}
	if len(ix.provinces) > 64 {
		errs = append(errs, c.Pos.At(c.Source, "the catalogue names %d provinces; at most 64 are supported", len(ix.provinces)))
	}
	if len(ix.topics) > 64 {
		errs = append(errs, c.Pos.At(c.Source, "the catalogue names %d topics; at most 64 are supported", len(ix.topics)))
	}
	return errs.Err()
}

// finalSuccessor follows a closed programme's successors to the first that
// is not closed or ended itself; -1 when there is none. Validation has
// ruled out cycles; the bound is a second guard.
func (c *Catalogue) finalSuccessor(p *Programme) int {
	s := p.c.successor
	for range len(c.Programmes) {
		if s < 0 {
			return -1
		}
		if st := c.Programmes[s].c.avail.status; st != stClosed && st != stEnded {
			return s
		}
		s = c.Programmes[s].c.successor
	}
	return -1
}

func programmeTexts(p *Programme, l i18n.Lang) texts {
	return texts{
		name:     p.Name.In(l),
		cost:     p.Cost.In(l),
		operator: p.Operator.In(l),
		contact:  p.Contact.In(l),
		url:      p.URL,
		notes:    textsIn(p.Notes, l),
	}
}

func textsIn(ts []i18n.Text, l i18n.Lang) []string {
	if len(ts) == 0 {
		return nil
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(l)
	}
	return out
}

func (c *Catalogue) internTopic(id string) uint64 {
	ix := c.index
	if b, ok := ix.topicBit[id]; ok {
		return b
	}
	n := len(ix.topics)
	ix.topics = append(ix.topics, id)
	var b uint64
	if n < 64 {
		b = 1 << n
	}
	ix.topicBit[id] = b
	return b
}

func (c *Catalogue) provMask(list []string) uint64 {
	ix := c.index
	var m uint64
	for _, id := range list {
		b, ok := ix.provBit[id]
		if !ok {
			n := len(ix.provinces)
			ix.provinces = append(ix.provinces, id)
			if n < 64 {
				b = 1 << n
			}
			ix.provBit[id] = b
		}
		m |= b
	}
	return m
}

func (c *Catalogue) rule(r *Rule) rule {
	out := rule{
		sectors: mask(r.Sectors, q.Sectors),
		sizes:   mask(r.Sizes, q.Sizes),
		munis:   mask(r.Municipalities, q.Municipalities),
		provs:   c.provMask(r.Provinces),
	}
	if r.Answers != nil {
		out.cond = compileCond(r.Answers)
		c.index.reads = condQuestions(c.index.reads, r.Answers)
	}
	return out
}

// condQuestions adds the questions c reads to ids, keeping them sorted
// and unique.
func condQuestions(ids []string, c *q.Condition) []string {
	for _, s := range c.All {
		ids = condQuestions(ids, s)
	}
	for _, s := range c.Any {
		ids = condQuestions(ids, s)
	}
	if c.Not != nil {
		ids = condQuestions(ids, c.Not)
	}
	if c.Question != "" {
		if i, found := slices.BinarySearch(ids, c.Question); !found {
			ids = slices.Insert(ids, i, c.Question)
		}
	}
	return ids
}

// AnswersRead lists the questions whose answers (scan.Result.Answers) the
// catalogue's conditions read, sorted: Match reads no other answers.
func (c *Catalogue) AnswersRead() []string {
	if c.index == nil {
		return nil
	}
	return slices.Clone(c.index.reads)
}

func compileAvailability(p *Programme) availC {
	a := p.Availability
	out := availC{starts: math.MinInt32, ends: math.MaxInt32, reviewed: math.MinInt32}
	switch a.Status {
	case StatusBudgetExhausted:
		out.status = stBudget
	case StatusClosed:
		out.status = stClosed
	case StatusEnded:
		out.status = stEnded
	}
	if !a.Starts.IsZero() {
		out.starts = dayOf(a.Starts)
	}
	if !a.Ends.IsZero() {
		out.ends = dayOf(a.Ends)
	}
	if !p.Reviewed.IsZero() {
		out.reviewed = dayOf(p.Reviewed)
	}
	for _, w := range a.Windows {
		out.windows = append(out.windows, [2]int32{dayOf(w.Opens), dayOf(w.Closes)})
	}
	slices.SortFunc(out.windows, func(a, b [2]int32) int { return int(a[0] - b[0]) })
	// The rules of the rounds that narrow who may apply, by the window's
	// opening day (set by compile, which knows the masks).
	for _, w := range a.Windows {
		if w.Eligibility != nil {
			out.hasRoundRules = true
		}
	}
	for _, w := range a.Yearly {
		out.yearly = append(out.yearly, [2]MonthDay{w.Opens, w.Closes})
	}
	out.hasWindows = len(out.windows)+len(out.yearly) > 0
	return out
}

// cond is a compiled questionnaires.Condition, evaluated on a result.
type cond struct {
	op       uint8
	question string
	item     string
	values   []string
	subs     []*cond
	answered bool
}

const (
	opIn uint8 = iota
	opNotIn
	opAnswered
	opAll
	opAny
	opNot
)

func compileCond(c *q.Condition) *cond {
	switch {
	case len(c.All) > 0:
		out := &cond{op: opAll}
		for _, s := range c.All {
			out.subs = append(out.subs, compileCond(s))
		}
		return out
	case len(c.Any) > 0:
		out := &cond{op: opAny}
		for _, s := range c.Any {
			out.subs = append(out.subs, compileCond(s))
		}
		return out
	case c.Not != nil:
		return &cond{op: opNot, subs: []*cond{compileCond(c.Not)}}
	case c.Answered != nil:
		return &cond{op: opAnswered, question: c.Question, answered: *c.Answered}
	case len(c.NotIn) > 0:
		return &cond{op: opNotIn, question: c.Question, item: c.Item, values: c.NotIn}
	}
	return &cond{op: opIn, question: c.Question, item: c.Item, values: c.In}
}

// holds evaluates the condition as the questionnaire does: a question that
// is not answered satisfies neither in nor not_in. The municipality and
// province come from the profile (mergers resolved, derived from the place).
func (c *cond) holds(r *scan.Result) bool {
	switch c.op {
	case opAll:
		for _, s := range c.subs {
			if !s.holds(r) {
				return false
			}
		}
		return true
	case opAny:
		for _, s := range c.subs {
			if s.holds(r) {
				return true
			}
		}
		return false
	case opNot:
		return !c.subs[0].holds(r)
	}
	a, ok := answerOf(r, c.question)
	if c.op == opAnswered {
		return ok == c.answered
	}
	if !ok {
		return false
	}
	var one [1]string
	values := a.Choices
	switch {
	case c.item != "":
		v, ok := a.Items[c.item]
		if !ok {
			return false
		}
		one[0] = v
		values = one[:]
	case a.Choices == nil:
		one[0] = a.Choice
		values = one[:]
	}
	if c.op == opIn {
		for _, v := range values {
			if slices.Contains(c.values, v) {
				return true
			}
		}
		return false
	}
	for _, v := range values {
		if slices.Contains(c.values, v) {
			return false
		}
	}
	return true
}

func answerOf(r *scan.Result, id string) (scan.Answer, bool) {
	switch id {
	case q.QMunicipality:
		if r.Profile.Municipality != "" {
			return scan.Answer{Choice: r.Profile.Municipality}, true
		}
	case q.QProvince:
		if r.Profile.Province != "" {
			return scan.Answer{Choice: r.Profile.Province}, true
		}
	}
	a, ok := r.Answers[id]
	if !ok {
		return a, false
	}
	answered := a.Choice != "" || a.Choices != nil || len(a.Items) > 0 || a.Number != nil || a.Text != ""
	return a, answered
}

// validateAgainst checks the catalogue's references against a
// questionnaire; see Validate.
//
// Ids that only make the catalogue fit the questionnaire less well —
// provinces, topics and answers the questionnaire does not ask, insights it
// does not have or has no advice for — come back separately in soft:
// `validate` reports them, but a scan with another questionnaire still runs
// (such entries simply never match; a condition on an answer that does not
// exist is false).
func (c *Catalogue) validateAgainst(qn *q.Questionnaire) (hard, soft error) {
	v := &validator{c: c, Checker: q.Checker{File: c.Source}}
	sv := &validator{c: c, Checker: q.Checker{File: c.Source}}
	topics := qn.Question(q.QTopics).OptionIDs()
	provinces := qn.Question(q.QProvince).OptionIDs()
	if mq := qn.Question(q.QMunicipality); mq != nil {
		for _, o := range mq.Options {
			if o.Province != "" && !slices.Contains(provinces, o.Province) {
				provinces = append(provinces, o.Province)
			}
		}
	}
	// unknown reports the ids of list known does not hold: to into, or,
	// when into is nil, as in a hard rule: an id that is a near miss of a
	// known one is a typo and an error (it would exclude everyone, or
	// under not: admit everyone); an id the questionnaire does not know at
	// all belongs to another questionnaire and is only a mismatch.
	unknown := func(into *validator, p strictyaml.Pos, what string, list, known []string) {
		for _, id := range list {
			if slices.Contains(known, id) {
				continue
			}
			to := into
			if to == nil {
				to = sv
				if strictyaml.Closest(id, known) != "" {
					to = v
				}
			}
			to.At(p, "%s: %q is not known to questionnaire %s%s", what, id, qn.ID, didYouMean(id, known))
		}
	}
	checkIDs := func(p strictyaml.Pos, what string, list, known []string) { unknown(v, p, what, list, known) }
	softIDs := func(p strictyaml.Pos, what string, list, known []string) { unknown(sv, p, what, list, known) }
	typoIDs := func(p strictyaml.Pos, what string, list, known []string) { unknown(nil, p, what, list, known) }
	// The fixed profile questions' options, looked up once.
	fixedIDs := map[string][]string{}
	for _, qid := range []string{q.QSector, q.QSize, q.QMunicipality} {
		fixedIDs[qid] = qn.Question(qid).OptionIDs()
	}
	fixed := func(p strictyaml.Pos, what, qid string, list []string) {
		checkIDs(p, what, list, fixedIDs[qid])
	}
	checkRule := func(what string, r *Rule) {
		key := func(k string) strictyaml.Pos { return r.Keys.Of(k, r.Pos) }
		fixed(key("sectors"), what+" sectors", q.QSector, r.Sectors)
		fixed(key("sizes"), what+" sizes", q.QSize, r.Sizes)
		fixed(key("municipalities"), what+" municipalities", q.QMunicipality, r.Municipalities)
		typoIDs(key("provinces"), what+" provinces", r.Provinces, provinces)
		if r.Answers != nil {
			conditionTypos(qn, what+" answers", r.Answers, v, sv)
		}
	}
	for _, p := range c.Programmes {
		what := fmt.Sprintf("programme %q", p.ID)
		if p.Eligibility != nil {
			checkRule(what+" eligibility", p.Eligibility)
		}
		for _, vr := range p.Variants {
			if vr.When != nil {
				checkRule(fmt.Sprintf("%s variant %q when", what, vr.ID), vr.When)
			}
		}
		for _, w := range p.Availability.Windows {
			if w.Eligibility != nil {
				checkRule(fmt.Sprintf("%s window %s eligibility", what, w.Opens), w.Eligibility)
			}
		}
		if f := p.Focus; f != nil {
			key := func(k string) strictyaml.Pos { return f.Keys.Of(k, f.Pos) }
			fixed(key("sectors"), what+" focus sectors", q.QSector, f.Sectors)
			fixed(key("sizes"), what+" focus sizes", q.QSize, f.Sizes)
			fixed(key("municipalities"), what+" focus municipalities", q.QMunicipality, f.Municipalities)
			softIDs(key("provinces"), what+" focus provinces", f.Provinces, provinces)
			softIDs(key("topics"), what+" focus topics", f.Topics, topics)
			if f.Intent != nil {
				checkRule(what+" focus intent", f.Intent)
			}
			for _, s := range f.Scores {
				if qn.Dimension(s.Dimension) == nil {
					v.At(s.Pos, "%s focus scores: questionnaire %s has no dimension %q", what, qn.ID, s.Dimension)
				}
			}
		}
	}
	for _, e := range c.Events {
		softIDs(e.Keys.Of("topics", e.Pos), fmt.Sprintf("event %q topics", e.ID), e.Topics, topics)
	}
	lp := c.Keys.Of("labels", c.Pos)
	for _, k := range c.Labels.Topics.Order {
		softIDs(c.Labels.Topics.Pos(k, lp), "labels.topics", []string{k}, topics)
	}
	var insightIDs []string
	for _, in := range qn.Insights {
		insightIDs = append(insightIDs, in.ID)
	}
	ip := c.Advice.Keys.Of("insights", c.Keys.Of("advice", c.Pos))
	for _, id := range c.Advice.Insights.Order {
		if !slices.Contains(insightIDs, id) {
			sv.At(c.Advice.Insights.Pos(id, ip), "advice.insights: questionnaire %s has no insight %q%s", qn.ID, id, didYouMean(id, insightIDs))
		}
	}
	for _, id := range insightIDs {
		if _, ok := c.Advice.Insights.Items[id]; !ok {
			sv.At(ip, "advice.insights: missing advice for insight %q of questionnaire %s", id, qn.ID)
		}
	}
	v.Errs.Sort()
	sv.Errs.Sort()
	return v.Errs.Err(), sv.Errs.Err()
}

// conditionTypos checks a condition in a hard rule: a question or answer
// that is a near miss of a known one is a typo (an error in hard); one the
// questionnaire does not know at all is a mismatch (in soft).
func conditionTypos(qn *q.Questionnaire, what string, c *q.Condition, hard, soft *validator) {
	for _, sub := range append(append([]*q.Condition{}, c.All...), c.Any...) {
		conditionTypos(qn, what, sub, hard, soft)
	}
	if c.Not != nil {
		conditionTypos(qn, what, c.Not, hard, soft)
	}
	if c.Question == "" {
		return
	}
	pick := func(got string, known []string) *validator {
		if strictyaml.Closest(got, known) != "" {
			return hard
		}
		return soft
	}
	qu := qn.Question(c.Question)
	if qu == nil {
		ids := qn.QuestionIDs()
		pick(c.Question, ids).At(c.Pos, "%s: questionnaire %s has no question %q%s", what, qn.ID, c.Question, didYouMean(c.Question, ids))
		return
	}
	// The rest (items, answers) is checked as in a questionnaire, with
	// unknown answers split the same way.
	answers := qu.AnswerIDs()
	if c.Item != "" && qn.Item(qu.ID, c.Item) == nil {
		hard.At(c.Pos, "%s: question %q has no item %q", what, qu.ID, c.Item)
	}
	for _, val := range append(slices.Clone(c.In), c.NotIn...) {
		if !slices.Contains(answers, val) {
			pick(val, answers).At(c.Pos, "%s: %q is not an answer of question %q%s", what, val, qu.ID, didYouMean(val, answers))
		}
	}
}
