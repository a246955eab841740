package questionnaires

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// ValidID reports whether s is a valid id: lowercase letters, digits, - and
// _, starting with a letter or digit. (No regexp: its compilation would be
// paid by every command at start-up.)
func ValidID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// Checker collects what validating a file finds, each finding a
// file:line:col error. The questionnaire's validator is one, and so is the
// programme catalogue's (package referral).
type Checker struct {
	File string
	Errs strictyaml.Errors
}

// At records a finding at p.
func (c *Checker) At(p strictyaml.Pos, format string, args ...any) {
	c.Errs = append(c.Errs, p.At(c.File, format, args...))
}

// Text checks that a text has both translations; a required text must
// be there.
func (c *Checker) Text(p strictyaml.Pos, what string, t i18n.Text, required bool) {
	if t.IsZero() {
		if required {
			c.At(p, "%s: missing text (give nl: and en:)", what)
		}
		return
	}
	for _, l := range t.Missing() {
		c.At(p, "%s: missing %s translation", what, l)
	}
}

// ID checks an id (ValidID); it reports whether the id is fine.
func (c *Checker) ID(p strictyaml.Pos, what, id string) bool {
	switch {
	case id == "":
		c.At(p, "%s: missing id", what)
		return false
	case !ValidID(id):
		c.At(p, "%s: id %q may hold only lowercase letters, digits, - and _", what, id)
		return false
	}
	return true
}

// OneForm checks that a condition has exactly one form: question, all,
// any or not. It reports whether it does.
func (c *Checker) OneForm(what string, cond *Condition) bool {
	forms := 0
	if cond.Question != "" {
		forms++
	}
	for _, present := range []bool{len(cond.All) > 0, len(cond.Any) > 0, cond.Not != nil} {
		if present {
			forms++
		}
	}
	if forms != 1 {
		c.At(cond.Pos, "%s: a condition has exactly one of question, all, any, not", what)
		return false
	}
	return true
}

// OneTest checks that a condition on a question has exactly one test:
// in, not_in or answered.
func (c *Checker) OneTest(what string, cond *Condition) {
	tests := 0
	for _, present := range []bool{len(cond.In) > 0, len(cond.NotIn) > 0, cond.Answered != nil} {
		if present {
			tests++
		}
	}
	if tests != 1 {
		c.At(cond.Pos, "%s: a condition on %q needs exactly one of in:, not_in: or answered:", what, cond.Question)
	}
}

type validator struct {
	Checker
	q *Questionnaire
}

func (v *validator) validate() {
	q := v.q
	v.ID(q.Pos, "questionnaire", q.ID)
	if strings.TrimSpace(q.Version) == "" {
		v.At(q.Pos, "questionnaire: missing version (for example version: \"2026.1\")")
	}
	v.Text(q.Keys.Of("title", q.Pos), "questionnaire title", q.Title, true)
	v.Text(q.Keys.Of("description", q.Pos), "questionnaire description", q.Description, false)
	if q.PlanWeight != nil && (*q.PlanWeight < 0 || *q.PlanWeight > 1) {
		v.At(q.Keys.Of("plan_weight", q.Pos), "plan_weight must be between 0 and 1, got %g", *q.PlanWeight)
	}
	v.scoring()
	v.sections()
	v.fixed()
}

func inRange(x float64) bool { return x >= 0 && x <= 100 }

func (v *validator) scoring() {
	q := v.q
	th := q.Thresholds
	tp := q.Keys.Of("thresholds", q.Pos)
	if !inRange(th.Impact) {
		v.At(th.Keys.Of("impact", tp), "thresholds.impact must be between 0 and 100, got %g", th.Impact)
	}
	if !inRange(th.Readiness) {
		v.At(th.Keys.Of("readiness", tp), "thresholds.readiness must be between 0 and 100, got %g", th.Readiness)
	}
	if _, ok := q.Keys["thresholds"]; !ok {
		v.At(q.Pos, "missing thresholds (for example thresholds: {impact: 50, readiness: 50})")
	}

	if len(q.Bands) == 0 {
		v.At(q.Pos, "missing bands (basic from 0, average from 26, ...)")
	}
	for i, b := range q.Bands {
		v.ID(b.Pos, "band", b.ID)
		v.Text(b.Pos, "band "+b.ID, b.Label, true)
		switch {
		case i == 0 && b.Min != 0:
			v.At(b.Pos, "band %q: the first band must start at 0, got %g", b.ID, b.Min)
		case i > 0 && b.Min <= q.Bands[i-1].Min:
			v.At(b.Pos, "band %q: min %g must be above the previous band's %g", b.ID, b.Min, q.Bands[i-1].Min)
		case !inRange(b.Min):
			v.At(b.Pos, "band %q: min must be between 0 and 100, got %g", b.ID, b.Min)
		}
	}

	g := q.GapTiers
	if !(g.Critical > g.Moderate && g.Moderate > g.Minor && g.Minor > 0 && g.Critical <= 100) {
		v.At(q.Keys.Of("gap_tiers", q.Pos), "gap_tiers must satisfy 0 < minor < moderate < critical <= 100 (for example critical: 40, moderate: 20, minor: 10)")
	}

	seen := map[string]bool{}
	for _, d := range q.Dimensions {
		v.ID(d.Pos, "dimension", d.ID)
		if seen[d.ID] {
			v.At(d.Pos, "duplicate dimension id %q", d.ID)
		}
		seen[d.ID] = true
		v.Text(d.Pos, "dimension "+d.ID+" label", d.Label, true)
		v.Text(d.Pos, "dimension "+d.ID+" short label", d.Short, true)
		v.Text(d.Pos, "dimension "+d.ID+" description", d.Description, false)
		for _, l := range i18n.Langs {
			if n := len([]rune(d.Short.In(l))); n > 20 {
				v.At(d.Pos, "dimension %s: short %s label has %d characters; at most 20 fit beside a bar", d.ID, l, n)
			}
		}
		if d.Weight != nil && *d.Weight <= 0 {
			v.At(d.Pos, "dimension %s: weight must be above 0", d.ID)
		}
		if !inRange(d.Target) {
			v.At(d.Pos, "dimension %s: target must be between 0 and 100, got %g", d.ID, d.Target)
		}
	}
	for _, id := range DimensionIDs {
		if !seen[id] {
			v.At(q.Keys.Of("dimensions", q.Pos), "missing dimension %q (the six DMA dimensions are %s)", id, strings.Join(DimensionIDs, ", "))
		}
	}
	for id := range seen {
		if id != "" && !slices.Contains(DimensionIDs, id) {
			v.At(q.Keys.Of("dimensions", q.Pos), "unknown dimension %q: the dimensions are fixed (%s)", id, strings.Join(DimensionIDs, ", "))
		}
	}
	rp := q.Keys.Of("readiness", q.Pos)
	for id, w := range q.Readiness {
		if q.Dimension(id) == nil {
			v.At(rp, "readiness: unknown dimension %q%s", id, strictyaml.DidYouMean(id, DimensionIDs))
		}
		if w <= 0 {
			v.At(rp, "readiness: weight of %q must be above 0", id)
		}
	}

	im := q.Impact
	if im.PriorWeight < 0 || im.PriorWeight > 1 {
		v.At(im.Keys.Of("prior_weight", im.Pos), "impact.prior_weight must be between 0 and 1, got %g", im.PriorWeight)
	}
	if !inRange(im.DefaultPrior) {
		v.At(im.Keys.Of("default_prior", im.Pos), "impact.default_prior must be between 0 and 100, got %g", im.DefaultPrior)
	}
	for sector, p := range im.SectorPrior {
		sp := im.Keys.Of("sector_prior", im.Pos)
		if !slices.Contains(Sectors, sector) {
			v.At(sp, "impact.sector_prior: unknown sector %q%s", sector, strictyaml.DidYouMean(sector, Sectors))
		}
		if !inRange(p) {
			v.At(sp, "impact.sector_prior.%s must be between 0 and 100, got %g", sector, p)
		}
	}

	seen = map[string]bool{}
	for _, qd := range q.Quadrants {
		if !slices.Contains(QuadrantIDs, qd.ID) {
			v.At(qd.Pos, "unknown quadrant %q: the quadrants are %s", qd.ID, strings.Join(QuadrantIDs, ", "))
		}
		if seen[qd.ID] {
			v.At(qd.Pos, "duplicate quadrant %q", qd.ID)
		}
		seen[qd.ID] = true
		v.Text(qd.Pos, "quadrant "+qd.ID+" label", qd.Label, true)
		v.Text(qd.Pos, "quadrant "+qd.ID+" summary", qd.Summary, true)
	}
	for _, id := range QuadrantIDs {
		if !seen[id] {
			v.At(q.Keys.Of("quadrants", q.Pos), "missing quadrant %q", id)
		}
	}

	d := q.DII
	if d.Version == "" {
		v.At(q.Keys.Of("dii", q.Pos), "dii: missing version (the Eurostat indicator set asked, for example \"2023\")")
	}
	if len(d.Indicators) == 0 {
		v.At(q.Keys.Of("dii", q.Pos), "dii: missing indicators")
	}
	v.indicators("dii", d.Indicators)
	if d.Basic <= 0 || d.Basic > len(d.Indicators) {
		v.At(d.Pos, "dii.basic must be between 1 and the number of indicators (%d), got %d", len(d.Indicators), d.Basic)
	}
	for i, l := range d.Levels {
		v.ID(l.Pos, "dii level", l.ID)
		v.Text(l.Pos, "dii level "+l.ID, l.Label, true)
		if (i == 0 && l.Min != 0) || (i > 0 && l.Min <= d.Levels[i-1].Min) {
			v.At(l.Pos, "dii level %q: levels must start at 0 and rise", l.ID)
		}
	}
	if len(d.Levels) == 0 {
		v.At(d.Pos, "dii: missing levels")
	}
	v.Text(d.Pos, "dii note", d.Note, false)
	v.indicators("advanced_tech", q.Tech)
	for _, id := range TechIDs {
		if !slices.ContainsFunc(q.Tech, func(t Indicator) bool { return t.ID == id }) {
			v.At(q.Keys.Of("advanced_tech", q.Pos), "advanced_tech: missing %q (the three are %s)", id, strings.Join(TechIDs, ", "))
		}
	}
	for _, t := range q.Tech {
		if !slices.Contains(TechIDs, t.ID) {
			v.At(t.Pos, "advanced_tech: unknown %q (the three are %s)", t.ID, strings.Join(TechIDs, ", "))
		}
	}

	seen = map[string]bool{}
	for _, in := range q.Insights {
		v.ID(in.Pos, "insight", in.ID)
		if seen[in.ID] {
			v.At(in.Pos, "duplicate insight id %q", in.ID)
		}
		seen[in.ID] = true
		v.Text(in.Pos, "insight "+in.ID+" title", in.Title, true)
		v.Text(in.Pos, "insight "+in.ID+" text", in.Text, true)
		if len(in.When) == 0 {
			v.At(in.Pos, "insight %q: missing when (score rules)", in.ID)
		}
		for _, r := range in.When {
			v.scoreRule(in.ID, r)
		}
		if in.Answers != nil {
			v.condition(in.Answers, len(q.Questions()), "insight "+in.ID)
		}
	}

	seen = map[string]bool{}
	for _, s := range q.OptionSets {
		v.ID(s.Pos, "option set", s.ID)
		if seen[s.ID] {
			v.At(s.Pos, "duplicate option set %q", s.ID)
		}
		seen[s.ID] = true
		if len(s.Options) == 0 {
			v.At(s.Pos, "option set %q has no options", s.ID)
		}
	}
}

func (v *validator) indicators(what string, list []Indicator) {
	seen := map[string]bool{}
	for _, in := range list {
		v.ID(in.Pos, what+" indicator", in.ID)
		if seen[in.ID] {
			v.At(in.Pos, "%s: duplicate indicator %q", what, in.ID)
		}
		seen[in.ID] = true
		v.Text(in.Pos, what+" "+in.ID, in.Label, true)
	}
}

func (v *validator) scoreRule(owner string, r ScoreRule) {
	q := v.q
	known := r.Score == ScoreImpact || r.Score == "readiness" || r.Score == "maturity" || q.Dimension(r.Score) != nil
	if !known {
		if qu := q.Question(r.Score); qu != nil && qu.Scores != "" {
			known = true
		}
	}
	if !known {
		v.At(r.Pos, "insight %q: unknown score %q (a dimension, impact, readiness, maturity or a scored question id)", owner, r.Score)
	}
	if r.Min == nil && r.Max == nil {
		v.At(r.Pos, "insight %q: rule on %q needs min or max", owner, r.Score)
	}
	for _, b := range []*float64{r.Min, r.Max} {
		if b != nil && !inRange(*b) {
			v.At(r.Pos, "insight %q: bounds must be between 0 and 100, got %g", owner, *b)
		}
	}
}

func (v *validator) sections() {
	q := v.q
	if len(q.Sections) == 0 {
		v.At(q.Pos, "questionnaire has no sections")
	}
	seen := map[string]bool{}
	for _, s := range q.Sections {
		v.ID(s.Pos, "section", s.ID)
		if seen[s.ID] {
			v.At(s.Pos, "duplicate section id %q", s.ID)
		}
		seen[s.ID] = true
		v.Text(s.Pos, "section "+s.ID+" title", s.Title, true)
		v.Text(s.Pos, "section "+s.ID+" description", s.Description, false)
		if len(s.Questions) == 0 {
			v.At(s.Pos, "section %q has no questions; remove it or add questions", s.ID)
			continue
		}
		if s.When != nil {
			v.condition(s.When, s.Questions[0].Order, "section "+s.ID)
		}
		for _, qu := range s.Questions {
			v.question(qu)
		}
	}
}

var types = []string{Single, Multi, YesNo, Scale, Number, Text}

func (v *validator) question(qu *Question) {
	q := v.q
	what := fmt.Sprintf("question %q", qu.ID)
	v.ID(qu.Pos, "question", qu.ID)
	v.Text(qu.Keys.Of("title", qu.Pos), what+" title", qu.Title, true)
	v.Text(qu.Keys.Of("help", qu.Pos), what+" help", qu.Help, false)
	if !slices.Contains(types, qu.Type) {
		v.At(qu.Keys.Of("type", qu.Pos), "%s: unknown type %q (one of %s)", what, qu.Type, strings.Join(types, ", "))
		return
	}
	if qu.When != nil {
		v.condition(qu.When, qu.Order, what)
	}
	choice := qu.Type == Single || qu.Type == Multi || qu.Type == Scale
	switch {
	case choice && len(qu.Options) == 0:
		v.At(qu.Pos, "%s: a %s question needs options", what, qu.Type)
	case !choice && len(qu.Options) > 0:
		v.At(qu.Keys.Of("options", qu.Pos), "%s: a %s question takes no options", what, qu.Type)
	}
	if len(qu.Items) > 0 && qu.Type != Single && qu.Type != Scale {
		v.At(qu.Keys.Of("items", qu.Pos), "%s: items (a matrix) are for single and scale questions", what)
	}
	if qu.DontKnow && qu.Type != YesNo {
		v.At(qu.Keys.Of("dont_know", qu.Pos), "%s: dont_know: true is for yes/no questions; give other types an option with dont_know: true", what)
	}
	if qu.Format != "" && (qu.Type != Text || (qu.Format != FormatKVK && qu.Format != FormatEstablishment)) {
		v.At(qu.Keys.Of("format", qu.Pos), "%s: format %q is not known for a %s question (text questions take kvk or establishment)", what, qu.Format, qu.Type)
	}
	if qu.Type == Number {
		if qu.Min != nil && qu.Max != nil && *qu.Min >= *qu.Max {
			v.At(qu.Keys.Of("min", qu.Pos), "%s: min must be below max", what)
		}
	} else if qu.Min != nil || qu.Max != nil {
		v.At(qu.Keys.Of("min", qu.Pos), "%s: min and max are for number questions", what)
	}
	v.Text(qu.Pos, what+" unit", qu.Unit, false)
	if qu.Weight != nil && *qu.Weight <= 0 {
		v.At(qu.Keys.Of("weight", qu.Pos), "%s: weight must be above 0", what)
	}
	if qu.Scores != "" {
		if qu.Scores != ScoreImpact && q.Dimension(qu.Scores) == nil {
			v.At(qu.Keys.Of("scores", qu.Pos), "%s: scores %q, which is neither a dimension nor impact%s", what, qu.Scores, strictyaml.DidYouMean(qu.Scores, append([]string{ScoreImpact}, DimensionIDs...)))
		}
		if qu.Type == Number || qu.Type == Text {
			v.At(qu.Keys.Of("scores", qu.Pos), "%s: %s questions cannot score", what, qu.Type)
		}
		if qu.Type == Single || qu.Type == Scale {
			for _, o := range qu.Options {
				if o.Value == nil && !o.DontKnow && o.Plan == 0 {
					v.At(o.Pos, "%s: option %q needs a value, because the question scores %s", what, o.ID, qu.Scores)
				}
			}
		}
	}
	if len(qu.Feeds) > 0 && qu.Type != YesNo {
		v.At(qu.Keys.Of("feeds", qu.Pos), "%s: feeds on the question are for yes/no questions; put them on options or items", what)
	}
	v.feeds(qu.Keys.Of("feeds", qu.Pos), what, qu.Feeds)
	if qu.Derived {
		if len(q.SetBy(qu.ID)) == 0 {
			v.At(qu.Pos, "%s: derived, but no option sets it (give an option sets: {%s: ...})", what, qu.ID)
		}
		if qu.Type != Single {
			v.At(qu.Pos, "%s: a derived question must be a single choice", what)
		}
	}
	if strings.HasPrefix(qu.ID, "consent-") && qu.TextVersion == "" {
		v.At(qu.Pos, "%s: a consent needs text_version, so the version shown is recorded with the answer", what)
	}
	exclusive, dontKnow := 0, 0
	for _, o := range qu.Options {
		v.option(qu, o)
		if o.Exclusive {
			exclusive++
		}
		if o.DontKnow {
			dontKnow++
		}
	}
	if exclusive > 0 && qu.Type != Multi {
		v.At(qu.Pos, "%s: exclusive options are for multiple choice questions", what)
	}
	if dontKnow > 1 {
		v.At(qu.Pos, "%s: more than one don't-know option", what)
	}
	for _, it := range qu.Items {
		v.ID(it.Pos, what+" item", it.ID)
		v.Text(it.Pos, fmt.Sprintf("%s item %q label", what, it.ID), it.Label, true)
		v.Text(it.Pos, fmt.Sprintf("%s item %q help", what, it.ID), it.Help, false)
		v.feeds(it.Pos, what, it.Feeds)
		if it.When != nil {
			v.condition(it.When, qu.Order, fmt.Sprintf("%s item %q", what, it.ID))
		}
	}
}

func (v *validator) option(qu *Question, o *Option) {
	what := fmt.Sprintf("question %q option", qu.ID)
	v.ID(o.Pos, what, o.ID)
	v.Text(o.Pos, fmt.Sprintf("%s %q label", what, o.ID), o.Label, true)
	v.Text(o.Pos, fmt.Sprintf("%s %q help", what, o.ID), o.Help, false)
	if o.Value != nil && *o.Value < 0 {
		v.At(o.Pos, "%s %q: value must not be negative", what, o.ID)
	}
	if o.Plan < 0 {
		v.At(o.Pos, "%s %q: plan must not be negative", what, o.ID)
	}
	if len(o.Feeds) > 0 && qu.IsMatrix() {
		v.At(o.Pos, "%s %q: in a matrix, put feeds on the items", what, o.ID)
	}
	v.feeds(o.Pos, fmt.Sprintf("%s %q", what, o.ID), o.Feeds)
	if o.When != nil {
		v.condition(o.When, qu.Order, fmt.Sprintf("%s %q", what, o.ID))
	}
	for target, val := range o.Sets {
		t := v.q.Question(target)
		switch {
		case t == nil:
			v.At(o.Pos, "%s %q sets unknown question %q", what, o.ID, target)
		case !t.Derived:
			v.At(o.Pos, "%s %q sets question %q, which is not marked derived: true", what, o.ID, target)
		case v.q.Option(target, val) == nil:
			v.At(o.Pos, "%s %q sets %s to %q, which is not one of its options", what, o.ID, target, val)
		}
	}
	if len(o.SBI) > 0 && qu.ID != QSector {
		v.At(o.Pos, "%s %q: sbi is for sector options", what, o.ID)
	}
	for _, code := range o.SBI {
		if len(code) != 2 || strings.Trim(code, "0123456789") != "" {
			v.At(o.Pos, "%s %q: SBI division %q must be 2 digits", what, o.ID, code)
		}
	}
	if qu.ID == QMunicipality && o.ID != OutsideRegion && o.Province == "" {
		v.At(o.Pos, "%s %q: a municipality needs its province", what, o.ID)
	}
	if o.MergedInto != "" {
		seen := map[string]bool{o.ID: true}
		for next := v.q.Option(qu.ID, o.MergedInto); next != nil; next = v.q.Option(qu.ID, next.MergedInto) {
			if seen[next.ID] {
				v.At(o.Pos, "%s %q: merged_into leads back to %q; a municipality cannot merge into itself", what, o.ID, next.ID)
				break
			}
			seen[next.ID] = true
		}
		if o.ValidUntil.IsZero() {
			v.At(o.Pos, "%s %q: merged_into needs valid_until (the last day before the merger)", what, o.ID)
		}
		if v.q.Option(qu.ID, o.MergedInto) == nil {
			v.At(o.Pos, "%s %q: merged_into %q is not an option of %s", what, o.ID, o.MergedInto, qu.ID)
		}
	}
}

func (v *validator) feeds(p strictyaml.Pos, what string, feeds []string) {
	for _, f := range feeds {
		kind, id, _ := strings.Cut(f, ".")
		ok := false
		switch kind {
		case "dii":
			ok = slices.ContainsFunc(v.q.DII.Indicators, func(i Indicator) bool { return i.ID == id })
		case "tech":
			ok = slices.Contains(TechIDs, id)
		}
		if !ok {
			v.At(p, "%s feeds unknown indicator %q (use dii.<indicator id> or tech.cloud, tech.ai, tech.data_analytics)", what, f)
		}
	}
}

// condition checks a condition placed on something at position order: it may
// only look at questions asked before.
func (v *validator) condition(c *Condition, order int, owner string) {
	if !v.OneForm(owner, c) {
		return
	}
	for _, sub := range append(append([]*Condition{}, c.All...), c.Any...) {
		v.condition(sub, order, owner)
	}
	if c.Not != nil {
		v.condition(c.Not, order, owner)
	}
	if c.Question == "" {
		return
	}
	ref := v.q.Question(c.Question)
	switch {
	case ref == nil:
		v.At(c.Pos, "%s: condition on unknown question %q%s", owner, c.Question, strictyaml.DidYouMean(c.Question, v.q.QuestionIDs()))
		return
	case ref.Order >= order:
		v.At(c.Pos, "%s: condition on question %q, which is not asked before it; conditions may only look back", owner, c.Question)
	}
	v.OneTest(owner, c)
	if c.Item != "" && v.q.Item(ref.ID, c.Item) == nil {
		v.At(c.Pos, "%s: question %q has no item %q", owner, ref.ID, c.Item)
	}
	if ref.IsMatrix() && c.Item == "" && c.Answered == nil {
		v.At(c.Pos, "%s: question %q is a matrix; name the item", owner, ref.ID)
	}
	for _, val := range append(append([]string{}, c.In...), c.NotIn...) {
		if answers := ref.AnswerIDs(); !slices.Contains(answers, val) {
			v.At(c.Pos, "%s: %q is not an answer of question %q%s", owner, val, ref.ID, strictyaml.DidYouMean(val, answers))
		}
	}
}

// DontKnowID is the answer id of a yes/no question's don't-know option.
const DontKnowID = "dont-know"

// fixed checks the fixed profile questions (docs/design.md, "Fixed
// identifiers").
func (v *validator) fixed() {
	q := v.q
	need := func(id, typ string) *Question {
		qu := q.Question(id)
		switch {
		case qu == nil:
			v.At(q.Keys.Of("sections", q.Pos), "missing the fixed profile question %q (every questionnaire asks it)", id)
		case qu.Type != typ:
			v.At(qu.Keys.Of("type", qu.Pos), "fixed question %q must be type %s, not %s", id, typ, qu.Type)
			return nil
		}
		return qu
	}
	exact := func(qu *Question, ids []string) {
		if qu == nil {
			return
		}
		var got []string
		for _, o := range qu.Options {
			if !o.DontKnow {
				got = append(got, o.ID)
			}
			if !slices.Contains(ids, o.ID) && !o.DontKnow {
				v.At(o.Pos, "question %q: option %q is not one of the fixed ids (%s)", qu.ID, o.ID, strings.Join(ids, ", "))
			}
		}
		for _, id := range ids {
			if !slices.Contains(got, id) {
				v.At(qu.Pos, "question %q: missing the fixed option %q", qu.ID, id)
			}
		}
	}
	exact(need(QSector, Single), Sectors)
	exact(need(QSize, Single), Sizes)
	exact(need(QMunicipality, Single), Municipalities)
	if qu := q.Question(QAssociation); qu == nil || (qu.Type != Single && qu.Type != Multi) {
		need(QAssociation, Multi)
	} else {
		exact(qu, Associations)
	}
	if topics := need(QTopics, Multi); topics != nil {
		for _, d := range DimensionIDs {
			if q.Option(QTopics, d) == nil {
				v.At(topics.Pos, "question %q: missing option %q (topics include the six dimension ids)", QTopics, d)
			}
		}
	}
	if qu := need(QCompanyName, Text); qu != nil && !qu.Optional {
		v.At(qu.Pos, "question %q must be optional: a scan never requires the company's name", QCompanyName)
	}
	if qu := need(QKVK, Text); qu != nil {
		if !qu.Optional {
			v.At(qu.Pos, "question %q must be optional", QKVK)
		}
		if qu.Format != FormatKVK {
			v.At(qu.Pos, "question %q needs format: kvk", QKVK)
		}
	}
	for _, id := range Consents {
		need(id, YesNo)
	}
}
