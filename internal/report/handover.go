package report

import (
	"fmt"
	"strings"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// The hand-over report is what the entrepreneur takes home after a scan:
// one or two A4 pages as self-contained HTML (printed to PDF by a browser)
// or Markdown for an e-mail or a CRM. HandoverInput is what it is made
// from; NewHandover turns it into a Handover, every text in the report's
// language, which the templates only lay out.

// HandoverInput is what a hand-over report is made of.
type HandoverInput struct {
	Result *scan.Result
	Qn     *q.Questionnaire
	Lang   i18n.Lang
	// Privacy says who keeps the answers, for how long, and whom to ask.
	Privacy Privacy
	// Previous is the business's scan before this one (nil: none stored),
	// with the follow-ups recorded on its referrals.
	Previous  *scan.Result
	FollowUps []FollowUpOutcome
	// NextScan is the date of the next scan; zero: a year after this one.
	NextScan date.Date
	// Peers is the "businesses like yours" section, made from a protected
	// statistics result; nil leaves the section out.
	Peers *Peers
}

// Privacy is who keeps the answers (controller), for how long
// (retention, in words) and whom to ask (contact).
type Privacy struct{ Controller, Retention, Contact string }

// FollowUpOutcome is the latest recorded state of an earlier referral.
type FollowUpOutcome struct {
	Programme string // the programme's id
	Name      string // its name, when known
	Outcome   string // contacted, applied, started, not-pursued or "" (a note)
	Reason    string
	Date      date.Date
}

// Peers compares the business with consenting scans of the same sector
// and size band in the region. It is filled from a statistics result that
// applies the same protection (minimum cell size) as `digiscan stats`;
// this package only shows it.
type Peers struct {
	Title string   // what the group is, in words
	Lines []string // each comparison in one sentence, with its n and date
}

// Handover is the report in words, ready for a template.
type Handover struct {
	Lang     string
	tr       func(key string) string
	Title    string
	Business string // the company name, if recorded
	Profile  string // municipality · sector · size
	Date     string
	Advisor  string
	Org      string

	Quadrant   HandoverQuadrant
	Maturity   HandoverDim
	Dimensions []HandoverDim
	DimChart   BarChart
	DII        string // the digital intensity in one sentence
	Tech       string

	Steps      []HandoverStep
	Programmes []HandoverProgramme
	More       string // further programmes, by name

	Since *HandoverSince
	Peers *Peers

	NextScan string
	Privacy  string
	Footer   string
}

// HandoverQuadrant is the position and its chart.
type HandoverQuadrant struct {
	Label, Summary        string
	Impact, Readiness     string
	ThImpact, ThReadiness string
	Desc                  string // the chart in one sentence, for screen readers
	Chart                 QuadrantChart
}

// HandoverDim is one dimension's row.
type HandoverDim struct {
	ID, Name      string
	Score         string // "" when not scored
	Band          string
	Target        string
	Status        string // why there is no score
	Largest       bool   // the largest gap
	ScorePct, Tgt float64
}

// HandoverStep is one of the next steps.
type HandoverStep struct{ Title, Text string }

// HandoverProgramme is a referred programme.
type HandoverProgramme struct {
	Name, Status, Why, Cost, Contact, URL, Event, Note string
}

// HandoverSince is the change since the previous scan.
type HandoverSince struct {
	Date      string
	Intro     string
	Note      string // when questionnaire versions differ
	Rows      []HandoverChange
	Quadrant  string
	FollowUps []string
}

// HandoverChange is one dimension (or score) before and now.
type HandoverChange struct{ Name, From, To, Delta string }

// T is the report's chrome text for key, in its language.
func (h *Handover) T(key string) string { return h.tr(key) }

// NewHandover puts the report into words.
func NewHandover(in HandoverInput) (*Handover, error) {
	r, qn := in.Result, in.Qn
	if r == nil || qn == nil {
		return nil, fmt.Errorf("hand-over report: no result or questionnaire")
	}
	l := labels{qn: qn, lang: in.Lang}
	h := &Handover{
		Lang:    string(in.Lang),
		tr:      l.t,
		Title:   l.t("handover.title"),
		Date:    l.date(r),
		Advisor: r.Advisor,
		Org:     r.Organisation,
		Peers:   in.Peers,
	}
	// The business: its name, else its profile; the profile beneath.
	prof := labels{qn: qn, lang: in.Lang}.headline(&scan.Result{Profile: r.Profile})
	h.Profile = prof
	if r.Company != nil && r.Company.Name != "" {
		h.Business = r.Company.Name
	}

	// The quadrant.
	label, summary := l.quadrant(r.Quadrant)
	h.Quadrant = HandoverQuadrant{
		Label: label, Summary: fill(summary, r),
		Impact: num(r.Impact), Readiness: num(r.Readiness),
		ThImpact: num(r.Thresholds.Impact), ThReadiness: num(r.Thresholds.Readiness),
	}
	h.Quadrant.Desc = l.tf("handover.quadrant-desc", num(r.Impact), num(r.Readiness), label, num(r.Thresholds.Impact), num(r.Thresholds.Readiness))
	h.Quadrant.Chart = quadrantChart(r, l)

	// Dimensions.
	largest := ""
	if len(r.Gaps) > 0 {
		largest = r.Gaps[0].Dimension
	}
	h.Maturity = HandoverDim{ID: "maturity", Name: l.t("result.maturity"), Score: num(r.Maturity.Score),
		Band: l.band(r.Maturity.Band), ScorePct: r.Maturity.Score}
	for _, d := range r.Dimensions {
		hd := HandoverDim{ID: d.ID, Name: l.dimension(d.ID), Band: l.band(d.Band), Largest: d.ID == largest}
		if def := qn.Dimension(d.ID); def != nil && def.Target > 0 {
			hd.Target, hd.Tgt = num(def.Target), def.Target
		}
		if d.Score != nil {
			hd.Score, hd.ScorePct = num(*d.Score), *d.Score
		} else {
			hd.Band, hd.Status = "", l.t("result.status."+d.Status)
		}
		h.Dimensions = append(h.Dimensions, hd)
	}
	h.DimChart = barChart(h.Dimensions)

	// Digital intensity in one sentence.
	di := r.DigitalIntensity
	if di.Basic {
		h.DII = l.tf("handover.dii-basic", di.Count, di.Of, qn.DII.Basic)
	} else {
		h.DII = l.tf("handover.dii-below", di.Count, di.Of, qn.DII.Basic)
	}
	h.Tech = techList(r, l, " · ")

	// Next steps and programmes.
	for _, a := range r.Advice[:min(MaxAdvice, len(r.Advice))] {
		h.Steps = append(h.Steps, HandoverStep{Title: a.Title, Text: a.Text})
	}
	for _, ref := range headline(r.Referrals) {
		p := HandoverProgramme{Name: ref.Name, Status: l.status(ref), Cost: ref.Cost, Contact: ref.Contact, URL: ref.URL}
		if len(ref.Reasons) > 0 {
			p.Why = strings.Join(ref.Reasons[:min(MaxReasons, len(ref.Reasons))], "; ") + "."
		}
		if ev, ok := nextEvent(ref); ok {
			p.Event = l.event(ev)
		}
		if ref.Unverified {
			p.Note = l.t("result.unverified")
			if ref.URL == "" {
				p.Note = l.t("result.unverified-no-site")
			}
		}
		h.Programmes = append(h.Programmes, p)
	}
	if more := l.moreWithStatus(r.Referrals); len(more) > 0 {
		h.More = l.t("result.more-options") + " " + strings.Join(more, ", ") + "."
	}

	if in.Previous != nil {
		h.Since = since(in.Previous, r, in.FollowUps, l)
	}

	next := in.NextScan
	if next.IsZero() && !r.AsOf.IsZero() {
		next = r.AsOf.AddMonths(12)
	}
	if !next.IsZero() {
		h.NextScan = l.tf("handover.next-scan", l.day(next))
	}
	h.Privacy = l.tf("handover.privacy", in.Privacy.Controller, in.Privacy.Retention, in.Privacy.Contact)
	h.Footer = footer(r, l)
	return h, nil
}

// since compares the previous scan with this one, in words.
func since(prev, r *scan.Result, fus []FollowUpOutcome, l labels) *HandoverSince {
	c := Compare(prev, r)
	s := &HandoverSince{Date: l.day(prev.AsOf)}
	s.Intro = l.tf("handover.since-intro", l.day(prev.AsOf))
	switch c.Level {
	case "other-version":
		s.Note = l.t("handover.since-other-version")
	case "other-questionnaire":
		s.Note = l.t("handover.since-other-questionnaire")
	}
	row := func(name string, from, to *float64) {
		hc := HandoverChange{Name: name, From: "–", To: "–", Delta: "–"}
		if from != nil {
			hc.From = num(*from)
		}
		if to != nil {
			hc.To = num(*to)
		}
		if from != nil && to != nil {
			hc.Delta = signed(*to - *from)
		}
		s.Rows = append(s.Rows, hc)
	}
	if c.Impact != nil {
		row(l.t("result.impact-axis"), &c.Impact.From, &c.Impact.To)
		row(l.t("result.readiness-axis"), &c.Readiness.From, &c.Readiness.To)
	}
	for _, d := range c.Dimensions {
		row(l.dimension(d.ID), d.From, d.To)
	}
	from, _ := l.quadrant(c.Quadrant[0])
	to, _ := l.quadrant(c.Quadrant[1])
	if c.Quadrant[0] == c.Quadrant[1] {
		s.Quadrant = l.tf("handover.since-quadrant-same", to)
	} else {
		s.Quadrant = l.tf("handover.since-quadrant", from, to)
	}
	for _, f := range fus {
		name := firstNonEmpty(f.Name, f.Programme)
		switch f.Outcome {
		case "":
			s.FollowUps = append(s.FollowUps, l.tf("handover.outcome.none", name))
		case "not-pursued":
			s.FollowUps = append(s.FollowUps, l.tf("handover.outcome.not-pursued", name, l.day(f.Date), f.Reason))
		default:
			s.FollowUps = append(s.FollowUps, l.tf("handover.outcome."+f.Outcome, name, l.day(f.Date)))
		}
	}
	if len(prev.Referrals) > 0 && len(fus) == 0 {
		s.FollowUps = append(s.FollowUps, l.t("handover.outcome.unknown"))
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
