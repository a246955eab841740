package referral

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Parts of an explanation, in the order Match applies them.
const (
	WhyEligibility  = "eligibility"  // who may take part (hard rules)
	WhyAvailability = "availability" // the windows on the as-of date
	WhyFit          = "fit"          // the need it answers
)

// Why explains for one business why a programme is referred or not: which
// eligibility rule, window or fit rule let it in or kept it out. It is what
// an advisor reads when an entrepreneur asks "and what about X?".
type Why struct {
	Programme string    `json:"programme"`
	Name      string    `json:"name"`
	AsOf      date.Date `json:"as_of"`
	// Referred: Match refers it; Rank is its place (1 first) among Of
	// referrals, More whether it is among the more options.
	Referred bool `json:"referred"`
	Rank     int  `json:"rank,omitempty"`
	Of       int  `json:"of"`
	More     bool `json:"more,omitempty"`
	// Eligible, Available and Fits are the verdicts of the three parts.
	Eligible  bool      `json:"eligible"`
	Available bool      `json:"available"`
	Fits      bool      `json:"fits"`
	Steps     []WhyStep `json:"steps"`
}

// WhyStep is one rule and whether it holds for the business. Rule names
// the message that says it in words (why.RULE.ok or why.RULE.not); Args are
// its values, already in the language of the explanation.
type WhyStep struct {
	Part string   `json:"part"`
	Rule string   `json:"rule"`
	OK   bool     `json:"ok"`
	Args []string `json:"args,omitempty"`
}

// Explain works out Why programme id is or is not referred to the business
// of result r, on the as-of date and in the language of opt (defaults as
// in Match). r is not changed.
func Explain(cat *Catalogue, qn *q.Questionnaire, r *scan.Result, id string, opt Options) (*Why, error) {
	if cat == nil || cat.index == nil || qn == nil || r == nil {
		return nil, errors.New("explain: no catalogue, questionnaire or result")
	}
	p, err := cat.Find(id)
	if err != nil {
		return nil, err
	}
	// The referrals as Match makes them, on a copy.
	cp := *r
	opt.Top, opt.Reuse = 0, false
	if err := Match(cat, qn, &cp, opt); err != nil {
		return nil, err
	}
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = r.AsOf
	}
	lang := opt.Lang
	if lang == "" {
		lang = i18n.Lang(r.Lang)
	}
	m := matcher{cat: cat, p: cat.prepare(qn), r: r, li: langIndex(lang), day: newDay(asOf)}
	m.business()
	w := &Why{Programme: p.ID, Name: p.c.texts[m.li].name, AsOf: asOf, Of: len(cp.Referrals)}
	for i, ref := range cp.Referrals {
		if ref.Programme == p.ID {
			w.Referred, w.Rank, w.More = true, i+1, ref.More
			w.Name = ref.Name
		}
	}
	w.Eligible = m.whyEligible(w, p, qn)
	w.Available = m.whyAvailable(w, p)
	w.Fits = m.whyFits(w, p, qn)
	return w, nil
}

func (w *Why) add(part, rule string, ok bool, args ...string) {
	w.Steps = append(w.Steps, WhyStep{Part: part, Rule: rule, OK: ok, Args: args})
}

// list joins labels with commas.
func list(labels []string) string { return strings.Join(labels, ", ") }

// labelsOf returns the labels of the bits of mask in all.
func labelsOf(mask uint64, all []string) []string {
	var out []string
	for ; mask != 0; mask &= mask - 1 {
		if i := bits.TrailingZeros64(mask); i < len(all) {
			out = append(out, all[i])
		}
	}
	return out
}

func (m *matcher) whyEligible(w *Why, p *Programme, qn *q.Questionnaire) bool {
	e := p.Eligibility
	if e == nil {
		w.add(WhyEligibility, "anyone", true)
		return true
	}
	b := &m.b
	pr := m.p
	li := m.li
	el := &p.c.elig
	ok := true
	orDash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	if el.sectors != 0 {
		hold := el.sectors&b.sector != 0
		sector := ""
		if b.sectorIdx >= 0 {
			sector = pr.sector[li][b.sectorIdx]
		}
		w.add(WhyEligibility, "sector", hold, orDash(sector), list(labelsOf(uint64(el.sectors), pr.sector[li])))
		ok = ok && hold
	}
	if el.sizes != 0 {
		hold := el.sizes&b.size != 0
		size := ""
		if b.sizeIdx >= 0 {
			size = pr.size[li][b.sizeIdx]
		}
		w.add(WhyEligibility, "size", hold, orDash(size), list(labelsOf(uint64(el.sizes), pr.size[li])))
		ok = ok && hold
	}
	if el.location() {
		hold := el.munis&b.muni != 0 || el.provs&b.prov != 0
		var where []string
		if b.muniIdx >= 0 && !b.outside {
			where = append(where, pr.muni[li][b.muniIdx])
		}
		if b.provIdx >= 0 {
			where = append(where, pr.prov[li][b.provIdx])
		}
		allowed := append(labelsOf(uint64(el.munis), pr.muni[li]), labelsOf(el.provs, pr.prov[li])...)
		w.add(WhyEligibility, "location", hold, orDash(strings.Join(where, ", ")), list(allowed))
		ok = ok && hold
	}
	if el.cond != nil {
		hold := el.cond.holds(m.r)
		w.add(WhyEligibility, "answers", hold, m.answered(qn, condQuestions(nil, e.Answers)))
		ok = ok && hold
	}
	if reason := e.Reason.In(langs[li]); ok && reason != "" {
		w.add(WhyEligibility, "reason", true, reason)
	}
	return ok
}

// answered says, for the questions ids, the question and the business's
// answer ("-" when not asked or not answered), separated by semicolons.
func (m *matcher) answered(qn *q.Questionnaire, ids []string) string {
	var parts []string
	lang := langs[m.li]
	for _, id := range ids {
		qu := qn.Question(id)
		if qu == nil {
			continue
		}
		var got []string
		if a, ok := m.r.Answers[id]; ok {
			for _, c := range append([]string{a.Choice}, a.Choices...) {
				if c != "" {
					got = append(got, qn.OptionName(id, c, lang))
				}
			}
		}
		if len(got) == 0 { // not asked, but known from the profile (province from the municipality)
			if v := profileValue(&m.r.Profile, id); v != "" {
				got = append(got, qn.OptionName(id, v, lang))
			}
		}
		if len(got) == 0 {
			got = []string{"-"}
		}
		parts = append(parts, fmt.Sprintf("%s %s", strings.TrimSpace(qu.Title.In(lang)), strings.Join(got, ", ")))
	}
	return strings.Join(parts, "; ")
}

func (m *matcher) whyAvailable(w *Why, p *Programme) bool {
	a := &p.c.avail
	day := func(n int32) string { return i18n.Day(langs[m.li], fromDayNumber(n)) }
	asOf := i18n.Day(langs[m.li], w.AsOf)
	if a.never() {
		w.add(WhyAvailability, "never", false, statusNames[a.status])
		m.whySuccessor(w, p)
		return false
	}
	st, opens, closes := a.at(&m.day)
	switch st {
	case stOpen:
		if closes != noDay {
			w.add(WhyAvailability, "open-until", true, asOf, day(closes))
		} else {
			w.add(WhyAvailability, "open", true, asOf)
		}
	case stUpcoming:
		w.add(WhyAvailability, "upcoming", true, asOf, day(opens))
	default:
		rule := "closed"
		switch st {
		case stEnded:
			rule = "ended"
		case stBudget:
			rule = "budget-exhausted"
		}
		next := "-"
		if opens != noDay {
			next = day(opens)
		}
		w.add(WhyAvailability, rule, false, asOf, next)
	}
	round := true
	if st == stOpen || st == stUpcoming {
		n := m.day.n
		if st == stUpcoming {
			n = opens
		}
		if r := a.roundRule(n); r != nil {
			round = m.holds(r)
			reason := ""
			for _, win := range p.Availability.Windows {
				if win.Eligibility != nil && dayOf(win.Opens) <= n && n <= dayOf(win.Closes) {
					reason = win.Eligibility.Reason.In(langs[m.li])
				}
			}
			if round {
				w.add(WhyAvailability, "round", true)
			} else {
				w.add(WhyAvailability, "round", false, reason)
			}
		}
	}
	if len(a.windows) > 0 {
		var ws []string
		for _, win := range a.windows {
			ws = append(ws, day(win[0])+" – "+day(win[1]))
		}
		w.add(WhyAvailability, "windows", true, strings.Join(ws, "; "))
	}
	if a.starts != math.MinInt32 && m.day.n < a.starts {
		w.add(WhyAvailability, "starts", false, day(a.starts))
	}
	if a.ends != math.MaxInt32 {
		w.add(WhyAvailability, "ends", m.day.n <= a.ends, day(a.ends))
	}
	m.whySuccessor(w, p)
	return (st == stOpen || st == stUpcoming) && round
}

func (m *matcher) whySuccessor(w *Why, p *Programme) {
	if s := p.c.successor; s >= 0 {
		w.add(WhyAvailability, "successor", true, m.cat.Programmes[s].c.texts[m.li].name, m.cat.Programmes[s].ID)
	}
}

func (m *matcher) whyFits(w *Why, p *Programme, qn *q.Questionnaire) bool {
	pc := &p.c
	f := &pc.focus
	b := &m.b
	li := m.li
	var c cand
	dims, topics := m.focusOn(pc, &c)
	num := func(x float64) string { return strconv.FormatFloat(math.Round(x), 'f', 0, 64) }
	gap := false
	for d := range 6 {
		if dims&(1<<d) != 0 && b.gap[d] > 0 {
			gap = true
			w.add(WhyFit, "gap", true, m.p.dim[li][d], num(b.score[d]), num(b.score[d]+b.gap[d]))
		}
	}
	// Gaps it would help with, but outside its score range.
	for _, s := range f.scores {
		if f.dims&(1<<s.dim) == 0 || dims&(1<<s.dim) != 0 || b.gap[s.dim] <= 0 {
			continue
		}
		if !math.IsInf(s.min, -1) {
			w.add(WhyFit, "range-min", false, m.p.dim[li][s.dim], num(b.score[s.dim]), num(s.min))
		} else {
			w.add(WhyFit, "range-max", false, m.p.dim[li][s.dim], num(b.score[s.dim]), num(s.max))
		}
	}
	tm := topics & b.topics
	if tm != 0 {
		w.add(WhyFit, "topic", true, list(labelsOf(tm, m.p.topic[li])))
	}
	notMember := f.notMember && b.notMember
	if notMember {
		w.add(WhyFit, "not-member", true)
	}
	quad := m.quadNeed(pc)
	if quad {
		label := m.r.Quadrant
		if qd := qn.Quadrant(m.r.Quadrant); qd != nil {
			label = qd.Label.In(langs[li])
		}
		w.add(WhyFit, "quadrant", true, label)
	}
	need := gap || tm != 0 || notMember || quad
	if f.hasIntent {
		intent := m.holds(&f.intent)
		if intent {
			w.add(WhyFit, "intent", true, f.intentReason[li])
		} else {
			w.add(WhyFit, "intent", false, f.intentReason[li], m.answered(qn, condQuestions(nil, p.Focus.Intent.Answers)))
		}
		return intent
	}
	if !need {
		var aims []string
		aims = append(aims, labelsOf(uint64(f.dims), m.p.dim[li])...)
		for _, t := range labelsOf(f.topics, m.p.topic[li]) {
			if !slices.Contains(aims, t) {
				aims = append(aims, t)
			}
		}
		if len(aims) > 0 {
			w.add(WhyFit, "no-need", false, list(aims))
		} else {
			w.add(WhyFit, "no-need-other", false)
		}
	}
	return need
}

// profileValue is the profile's value for a profile question id, or "".
func profileValue(p *scan.Profile, id string) string {
	switch id {
	case q.QProvince:
		return p.Province
	case q.QMunicipality:
		return p.Municipality
	case q.QSector:
		return p.Sector
	case q.QSize:
		return p.Size
	case q.QPlace:
		return p.Place
	}
	return ""
}
