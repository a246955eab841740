package referral

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// validator checks what can be checked without a questionnaire: structure,
// duplicate and dangling ids, dates and windows, translations, the fixed
// ids (docs/design.md), sources and review dates.
type validator struct {
	q.Checker
	c *Catalogue
}

func didYouMean(got string, known []string) string {
	if h := strictyaml.DidYouMean(got, known); h != "" {
		return h
	}
	if len(known) > 0 && len(known) <= 16 {
		return " (one of " + strings.Join(known, ", ") + ")"
	}
	return ""
}

// ids checks a list of ids against the known ones (nil: any well-formed id).
func (v *validator) ids(p strictyaml.Pos, what string, list, known []string) {
	seen := map[string]bool{}
	for _, id := range list {
		switch {
		case seen[id]:
			v.At(p, "%s: %q is listed twice", what, id)
		case known == nil && !q.ValidID(id):
			v.At(p, "%s: %q is not a valid id", what, id)
		case known != nil && !slices.Contains(known, id):
			v.At(p, "%s: unknown id %q%s", what, id, didYouMean(id, known))
		}
		seen[id] = true
	}
}

func (v *validator) url(p strictyaml.Pos, what, s string) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		v.At(p, "%s: %q is not a web address (start it with https://)", what, s)
	}
}

var tiers = []string{"critical", "moderate", "minor"}

func (v *validator) validate() {
	c := v.c
	v.ID(c.Pos, "catalogue", c.ID)
	if strings.TrimSpace(c.Version) == "" {
		v.At(c.Pos, "catalogue: missing version (for example version: \"2026.11.0\")")
	}
	v.Text(c.Keys.Of("title", c.Pos), "catalogue title", c.Title, true)
	v.Text(c.Keys.Of("description", c.Pos), "catalogue description", c.Description, false)

	kinds := map[string]bool{}
	for _, k := range c.Kinds {
		if !v.ID(k.Pos, "kind", k.ID) {
			continue
		}
		if kinds[k.ID] {
			v.At(k.Pos, "duplicate kind %q", k.ID)
		}
		kinds[k.ID] = true
		v.Text(k.Pos, "kind "+k.ID+" label", k.Label, true)
	}
	if len(c.Kinds) == 0 {
		v.At(c.Pos, "missing kinds (the kinds of offer: scan, advice, subsidy, ...)")
	}
	v.reasons()
	v.labels()

	if len(c.Programmes) == 0 {
		v.At(c.Pos, "catalogue has no programmes")
	}
	progs := map[string]*Programme{}
	for _, p := range c.Programmes {
		if !v.ID(p.Keys.Of("id", p.Pos), "programme", p.ID) {
			continue
		}
		if first, dup := progs[p.ID]; dup {
			v.At(p.Keys.Of("id", p.Pos), "duplicate programme id %q (first at line %d); programme ids must be unique", p.ID, first.Pos.Line)
			continue
		}
		progs[p.ID] = p
	}
	ids := c.IDs()
	for _, p := range c.Programmes {
		v.programme(p, kinds, progs, ids)
	}
	v.successorCycles(progs)
	events := map[string]*Event{}
	for _, e := range c.Events {
		if v.ID(e.Keys.Of("id", e.Pos), "event", e.ID) {
			if first, dup := events[e.ID]; dup {
				v.At(e.Keys.Of("id", e.Pos), "duplicate event id %q (first at line %d)", e.ID, first.Pos.Line)
			}
			events[e.ID] = e
		}
		v.event(e, progs, ids)
	}
	v.advice()
}

func (v *validator) reasons() {
	c := v.c
	rp := c.Keys.Of("reasons", c.Pos)
	if _, ok := c.Keys["reasons"]; !ok {
		v.At(c.Pos, "missing reasons (the templates of the reasons given with a referral)")
		return
	}
	known := ReasonKinds()
	for _, k := range c.Reasons.Order {
		p := c.Reasons.Pos(k, rp)
		kind := reasonKind(k)
		if kind < 0 {
			v.At(p, "reasons: unknown reason kind %q%s", k, didYouMean(k, known))
			continue
		}
		t := c.Reasons.Items[k]
		v.Text(p, "reason "+k, t, true)
		for _, l := range i18n.Langs {
			if _, err := compileTemplate(t.In(l), reasonSpecs[kind].placeholders); err != nil {
				v.At(p, "reason %s (%s): %v", k, l, err)
			}
		}
	}
	for _, k := range known {
		if _, ok := c.Reasons.Items[k]; !ok {
			v.At(rp, "reasons: missing the template for %q (placeholders: %s)", k, placeholderList(reasonKind(k)))
		}
	}
}

func placeholderList(kind int) string {
	ph := reasonSpecs[kind].placeholders
	if len(ph) == 0 {
		return "none"
	}
	out := make([]string, len(ph))
	for i, p := range ph {
		out[i] = "{" + p + "}"
	}
	return strings.Join(out, ", ")
}

func (v *validator) labels() {
	l := v.c.Labels
	lp := v.c.Keys.Of("labels", v.c.Pos)
	check := func(what string, m Keyed[i18n.Text], known []string) {
		for _, k := range m.Order {
			p := m.Pos(k, lp)
			if known != nil && !slices.Contains(known, k) {
				v.At(p, "labels.%s: unknown id %q%s", what, k, didYouMean(k, known))
			}
			v.Text(p, "label "+what+"."+k, m.Items[k], true)
		}
	}
	check("sectors", l.Sectors, q.Sectors)
	check("sizes", l.Sizes, q.Sizes)
	check("dimensions", l.Dimensions, q.DimensionIDs)
	check("topics", l.Topics, nil) // checked against the questionnaire
}

func (v *validator) programme(p *Programme, kinds map[string]bool, progs map[string]*Programme, ids []string) {
	what := fmt.Sprintf("programme %q", p.ID)
	key := func(k string) strictyaml.Pos { return p.Keys.Of(k, p.Pos) }
	v.Text(key("name"), what+" name", p.Name, true)
	v.Text(key("description"), what+" description", p.Description, true)
	v.Text(key("operator"), what+" operator", p.Operator, true)
	v.Text(key("cost"), what+" cost", p.Cost, true)
	v.Text(key("contact"), what+" contact", p.Contact, false)
	if p.URL != "" {
		v.url(key("url"), what+" url", p.URL)
	}
	if p.URL == "" && p.Contact.IsZero() {
		v.At(p.Pos, "%s: give a url or a contact, so a business knows where to go", what)
	}
	if len(p.Offers) == 0 {
		v.At(p.Pos, "%s: missing offers (what it offers: %s)", what, strings.Join(v.kindIDs(), ", "))
	}
	seen := map[string]bool{}
	for _, o := range p.Offers {
		if !kinds[o] {
			v.At(key("offers"), "%s: unknown kind of offer %q%s", what, o, didYouMean(o, v.kindIDs()))
		}
		if seen[o] {
			v.At(key("offers"), "%s: offer %q is listed twice", what, o)
		}
		seen[o] = true
	}
	v.funding(what, p.Funding)
	if p.Eligibility != nil {
		v.rule(what+" eligibility", p.Eligibility)
	}
	if p.Focus != nil {
		v.focus(what, p.Focus)
	}
	vids := map[string]bool{}
	for _, vr := range p.Variants {
		vw := fmt.Sprintf("%s variant %q", what, vr.ID)
		if v.ID(vr.Pos, what+" variant", vr.ID) && vids[vr.ID] {
			v.At(vr.Pos, "%s: duplicate variant id %q", what, vr.ID)
		}
		vids[vr.ID] = true
		if vr.When == nil {
			v.At(vr.Pos, "%s: missing when (the rule that selects the variant)", vw)
		} else {
			v.rule(vw+" when", vr.When)
		}
		v.Text(vr.Keys.Of("name", vr.Pos), vw+" name", vr.Name, false)
		v.Text(vr.Keys.Of("description", vr.Pos), vw+" description", vr.Description, false)
		v.Text(vr.Keys.Of("cost", vr.Pos), vw+" cost", vr.Cost, false)
		v.Text(vr.Keys.Of("contact", vr.Pos), vw+" contact", vr.Contact, false)
		if vr.URL != "" {
			v.url(vr.Keys.Of("url", vr.Pos), vw+" url", vr.URL)
		}
		v.funding(vw, vr.Funding)
		for _, n := range vr.Notes {
			v.Text(vr.Keys.Of("notes", vr.Pos), vw+" note", n, true)
		}
	}
	v.availability(p, progs, ids)
	for _, n := range p.Notes {
		v.Text(key("notes"), what+" note", n, true)
	}
	if len(p.Sources) == 0 {
		v.At(p.Pos, "%s: missing sources (where the facts come from: web addresses, or a document when there is none)", what)
	}
	for _, s := range p.Sources {
		switch {
		case strings.TrimSpace(s) == "":
			v.At(key("sources"), "%s: empty source", what)
		case strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "https:") || strings.HasPrefix(s, "www."):
			v.url(key("sources"), what+" source", s)
		}
	}
	if p.Reviewed.IsZero() {
		v.At(key("reviewed"), "%s: missing reviewed (the date the facts were last checked, YYYY-MM-DD)", what)
	}
	if _, ok := p.Keys["verified"]; !ok {
		v.At(p.Pos, "%s: missing verified (true when every fact was confirmed at the source, else false)", what)
	}
	if p.Weight != nil && (*p.Weight <= 0 || *p.Weight > 10) {
		v.At(key("weight"), "%s: weight must be above 0 and at most 10, got %g", what, *p.Weight)
	}
}

func (v *validator) kindIDs() []string {
	var ids []string
	for _, k := range v.c.Kinds {
		ids = append(ids, k.ID)
	}
	return ids
}

func (v *validator) funding(what string, fs []Funding) {
	for _, f := range fs {
		if !slices.Contains(FundingKinds, f.Kind) {
			v.At(f.Pos, "%s funding: unknown kind %q%s", what, f.Kind, didYouMean(f.Kind, FundingKinds))
		}
		if f.Percent != nil && (*f.Percent <= 0 || *f.Percent > 100) {
			v.At(f.Pos, "%s funding: percent must be above 0 and at most 100, got %g", what, *f.Percent)
		}
		for _, x := range []*float64{f.Min, f.Max} {
			if x != nil && *x < 0 {
				v.At(f.Pos, "%s funding: amounts must not be negative, got %g", what, *x)
			}
		}
		if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
			v.At(f.Pos, "%s funding: min %g is above max %g", what, *f.Min, *f.Max)
		}
		v.Text(f.Pos, what+" funding text", f.Text, false)
	}
}

func (v *validator) rule(what string, r *Rule) {
	key := func(k string) strictyaml.Pos { return r.Keys.Of(k, r.Pos) }
	v.ids(key("sectors"), what+" sectors", r.Sectors, q.Sectors)
	v.ids(key("sizes"), what+" sizes", r.Sizes, q.Sizes)
	v.ids(key("municipalities"), what+" municipalities", r.Municipalities, q.Municipalities)
	v.ids(key("provinces"), what+" provinces", r.Provinces, nil)
	if r.Answers != nil {
		v.conditionShape(what+" answers", r.Answers)
	}
	v.Text(key("reason"), what+" reason", r.Reason, false)
	if len(r.Sectors)+len(r.Sizes)+len(r.Municipalities)+len(r.Provinces) == 0 && r.Answers == nil {
		v.At(r.Pos, "%s: an empty rule; leave it out when anyone may take part", what)
	}
}

// conditionShape checks a condition's form; the questions and answers it
// names are checked against the questionnaire.
func (v *validator) conditionShape(what string, c *q.Condition) {
	if !v.OneForm(what, c) {
		return
	}
	for _, sub := range c.All {
		v.conditionShape(what, sub)
	}
	for _, sub := range c.Any {
		v.conditionShape(what, sub)
	}
	if c.Not != nil {
		v.conditionShape(what, c.Not)
	}
	if c.Question != "" {
		v.OneTest(what, c)
	}
}

func (v *validator) focus(what string, f *Focus) {
	what += " focus"
	key := func(k string) strictyaml.Pos { return f.Keys.Of(k, f.Pos) }
	v.ids(key("sectors"), what+" sectors", f.Sectors, q.Sectors)
	v.ids(key("sizes"), what+" sizes", f.Sizes, q.Sizes)
	v.ids(key("municipalities"), what+" municipalities", f.Municipalities, q.Municipalities)
	v.ids(key("provinces"), what+" provinces", f.Provinces, nil)
	v.ids(key("quadrants"), what+" quadrants", f.Quadrants, q.QuadrantIDs)
	v.ids(key("dimensions"), what+" dimensions", f.Dimensions, q.DimensionIDs)
	v.ids(key("topics"), what+" topics", f.Topics, nil)
	if f.Intent != nil {
		v.rule(what+" intent", f.Intent)
		if f.Intent.Reason.IsZero() {
			v.At(f.Intent.Pos, "%s intent: missing reason (what need of the business it answers, in words)", what)
		}
	}
	for _, s := range f.Scores {
		if !slices.Contains(q.DimensionIDs, s.Dimension) {
			v.At(s.Pos, "%s scores: unknown dimension %q%s", what, s.Dimension, didYouMean(s.Dimension, q.DimensionIDs))
		}
		if s.Min == nil && s.Max == nil {
			v.At(s.Pos, "%s scores: a range on %q needs min or max", what, s.Dimension)
		}
		for _, b := range []*float64{s.Min, s.Max} {
			if b != nil && (*b < 0 || *b > 100) {
				v.At(s.Pos, "%s scores: bounds must be between 0 and 100, got %g", what, *b)
			}
		}
		if s.Min != nil && s.Max != nil && *s.Min >= *s.Max {
			v.At(s.Pos, "%s scores: min %g must be below max %g", what, *s.Min, *s.Max)
		}
	}
}

func (v *validator) availability(p *Programme, progs map[string]*Programme, ids []string) {
	a := &p.Availability
	what := fmt.Sprintf("programme %q", p.ID)
	ap := p.Keys.Of("availability", p.Pos)
	key := func(k string) strictyaml.Pos { return a.Keys.Of(k, ap) }
	if _, ok := p.Keys["availability"]; !ok {
		v.At(p.Pos, "%s: missing availability (at least status: open, closed, budget-exhausted or ended)", what)
		return
	}
	if !slices.Contains(Statuses, a.Status) {
		if a.Status == StatusUpcoming {
			v.At(key("status"), "%s: status upcoming is worked out from the windows; write status: open and give the window", what)
		} else {
			v.At(key("status"), "%s: unknown status %q%s", what, a.Status, didYouMean(a.Status, Statuses))
		}
	}
	if !a.Starts.IsZero() && !a.Ends.IsZero() && a.Ends.Before(a.Starts) {
		v.At(key("ends"), "%s: ends %s before it starts %s", what, a.Ends, a.Starts)
	}
	over := a.Status == StatusClosed || a.Status == StatusEnded
	for _, w := range a.Windows {
		switch {
		case w.Opens.IsZero() || w.Closes.IsZero():
			v.At(w.Pos, "%s: a window needs opens and closes (YYYY-MM-DD)", what)
		case w.Closes.Before(w.Opens):
			v.At(w.Pos, "%s: window closes %s before it opens %s", what, w.Closes, w.Opens)
		case over && !p.Reviewed.IsZero() && w.Closes.After(p.Reviewed):
			v.At(w.Pos, "%s: status %s, but this window runs until %s, after the review date %s; set status: open or remove the window", what, a.Status, w.Closes, p.Reviewed)
		case !a.Starts.IsZero() && w.Opens.Before(a.Starts), !a.Ends.IsZero() && w.Closes.After(a.Ends):
			v.At(w.Pos, "%s: window %s to %s lies outside the programme's period", what, w.Opens, w.Closes)
		}
		v.Text(w.Pos, what+" window note", w.Note, false)
		if w.Eligibility != nil {
			v.rule(what+" window eligibility", w.Eligibility)
		}
	}
	for i, w := range a.Windows {
		for _, o := range a.Windows[i+1:] {
			if !w.Opens.IsZero() && !o.Opens.IsZero() && !w.Closes.Before(o.Opens) && !o.Closes.Before(w.Opens) {
				v.At(o.Pos, "%s: window %s to %s overlaps the window at line %d", what, o.Opens, o.Closes, w.Pos.Line)
			}
		}
	}
	for _, w := range a.Yearly {
		if w.Opens.IsZero() || w.Closes.IsZero() {
			v.At(w.Pos, "%s: a yearly window needs opens and closes (MM-DD, in quotes)", what)
		}
		if over {
			v.At(w.Pos, "%s: status %s, but it has a yearly window; set status: open or remove the window", what, a.Status)
		}
		v.Text(w.Pos, what+" window note", w.Note, false)
	}
	if a.Successor != "" {
		switch {
		case a.Successor == p.ID:
			v.At(key("successor"), "%s: a programme cannot succeed itself", what)
		case progs[a.Successor] == nil:
			v.At(key("successor"), "%s: successor %q is not a programme in this catalogue%s", what, a.Successor, didYouMean(a.Successor, ids))
		case !over:
			v.At(key("successor"), "%s: a successor is for a closed or ended programme, but the status is %s", what, a.Status)
		default:
			// A successor starts where its predecessor ends: one that says
			// it starts earlier contradicts the windows.
			last := a.Ends
			for _, w := range a.Windows {
				if last.IsZero() || w.Closes.After(last) {
					last = w.Closes
				}
			}
			if s := progs[a.Successor]; !last.IsZero() && !s.Availability.Starts.IsZero() && !s.Availability.Starts.After(last) {
				v.At(key("successor"), "%s: successor %q starts on %s, but this programme runs until %s; a successor starts after its predecessor ends", what, a.Successor, s.Availability.Starts, last)
			}
		}
	}
	for _, alt := range a.Alternatives {
		if progs[alt] == nil {
			v.At(key("alternatives"), "%s: alternative %q is not a programme in this catalogue%s", what, alt, didYouMean(alt, ids))
		}
		if alt == p.ID {
			v.At(key("alternatives"), "%s: a programme is no alternative to itself", what)
		}
	}
}

// successorCycles reports chains of successors that loop.
func (v *validator) successorCycles(progs map[string]*Programme) {
	for _, p := range v.c.Programmes {
		seen := map[string]bool{p.ID: true}
		cur := p
		for cur != nil && cur.Availability.Successor != "" {
			next := progs[cur.Availability.Successor]
			if next == nil {
				break
			}
			if seen[next.ID] {
				if next == p {
					v.At(p.Availability.Keys.Of("successor", p.Pos), "programme %q: its successors lead back to it (%s); a successor chain must end", p.ID, cur.ID)
				}
				break
			}
			seen[next.ID] = true
			cur = next
		}
	}
}

func (v *validator) event(e *Event, progs map[string]*Programme, ids []string) {
	what := fmt.Sprintf("event %q", e.ID)
	key := func(k string) strictyaml.Pos { return e.Keys.Of(k, e.Pos) }
	switch {
	case e.Series == "":
		v.At(e.Pos, "%s: missing series (the id of the programme that runs it)", what)
	case progs[e.Series] == nil:
		v.At(key("series"), "%s: series %q is not a programme in this catalogue%s", what, e.Series, didYouMean(e.Series, ids))
	}
	v.Text(key("title"), what+" title", e.Title, true)
	v.Text(key("description"), what+" description", e.Description, false)
	v.Text(key("place"), what+" place", e.Place, true)
	if e.Date.IsZero() {
		v.At(key("date"), "%s: missing date (YYYY-MM-DD; add planned: true when it is not confirmed)", what)
	}
	v.ids(key("dimensions"), what+" dimensions", e.Dimensions, q.DimensionIDs)
	v.ids(key("topics"), what+" topics", e.Topics, nil)
	if len(e.Dimensions)+len(e.Topics) == 0 {
		v.At(e.Pos, "%s: give the dimensions or topics it addresses, so it can be suggested to the businesses it fits", what)
	}
	if e.URL != "" {
		v.url(key("url"), what+" url", e.URL)
	}
}

func (v *validator) advice() {
	c := v.c
	a := &c.Advice
	ap := c.Keys.Of("advice", c.Pos)
	if _, ok := c.Keys["advice"]; !ok {
		v.At(c.Pos, "missing advice (next steps per dimension and gap tier, per insight and per quadrant)")
		return
	}
	dp := a.Keys.Of("dimensions", ap)
	for _, d := range a.Dimensions.Order {
		p := a.Dimensions.Pos(d, dp)
		if !slices.Contains(q.DimensionIDs, d) {
			v.At(p, "advice.dimensions: unknown dimension %q%s", d, didYouMean(d, q.DimensionIDs))
			continue
		}
		ta := a.Dimensions.Items[d]
		if ta == nil {
			v.At(p, "advice.dimensions.%s: missing the tiers (%s)", d, strings.Join(tiers, ", "))
			continue
		}
		for i, t := range []*AdviceText{ta.Critical, ta.Moderate, ta.Minor} {
			if t == nil {
				v.At(p, "advice.dimensions.%s: missing advice for the %s tier", d, tiers[i])
				continue
			}
			v.adviceText(fmt.Sprintf("advice.dimensions.%s.%s", d, tiers[i]), t, false)
		}
	}
	for _, d := range q.DimensionIDs {
		if _, ok := a.Dimensions.Items[d]; !ok {
			v.At(dp, "advice.dimensions: missing advice for dimension %q", d)
		}
	}
	ip := a.Keys.Of("insights", ap)
	for _, id := range a.Insights.Order {
		if t := a.Insights.Items[id]; t == nil {
			v.At(a.Insights.Pos(id, ip), "advice.insights.%s: missing title and text", id)
		} else {
			v.adviceText("advice.insights."+id, t, true)
		}
	}
	qp := a.Keys.Of("quadrants", ap)
	for _, id := range a.Quadrants.Order {
		p := a.Quadrants.Pos(id, qp)
		if !slices.Contains(q.QuadrantIDs, id) {
			v.At(p, "advice.quadrants: unknown quadrant %q%s", id, didYouMean(id, q.QuadrantIDs))
			continue
		}
		if t := a.Quadrants.Items[id]; t == nil {
			v.At(p, "advice.quadrants.%s: missing title and text", id)
		} else {
			v.adviceText("advice.quadrants."+id, t, false)
		}
	}
	for _, id := range q.QuadrantIDs {
		if _, ok := a.Quadrants.Items[id]; !ok {
			v.At(qp, "advice.quadrants: missing advice for quadrant %q", id)
		}
	}
}

func (v *validator) adviceText(what string, t *AdviceText, dimensionOK bool) {
	v.Text(t.Keys.Of("title", t.Pos), what+" title", t.Title, true)
	v.Text(t.Keys.Of("text", t.Pos), what+" text", t.Text, true)
	if t.Dimension != "" {
		switch {
		case !dimensionOK:
			v.At(t.Keys.Of("dimension", t.Pos), "%s: dimension is only for insight advice", what)
		case !slices.Contains(q.DimensionIDs, t.Dimension):
			v.At(t.Keys.Of("dimension", t.Pos), "%s: unknown dimension %q%s", what, t.Dimension, didYouMean(t.Dimension, q.DimensionIDs))
		}
	}
	if f := t.Freelancer; f != nil {
		if f.Freelancer != nil || f.Dimension != "" {
			v.At(f.Pos, "%s.freelancer: give only title and text", what)
		}
		v.Text(f.Keys.Of("title", f.Pos), what+".freelancer title", f.Title, true)
		v.Text(f.Keys.Of("text", f.Pos), what+".freelancer text", f.Text, true)
	}
}
