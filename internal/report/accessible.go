package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Accessible tells the result in sentences, one thought per line, without
// pictures, bars or colour: what a screen reader reads well.
func Accessible(w io.Writer, r *scan.Result, qn *q.Questionnaire, lang i18n.Lang) error {
	r = printableResult(r)
	l := labels{qn: qn, lang: lang}
	var b strings.Builder
	say := func(s string) { b.WriteString(s + "\n") }

	say(l.tf("say.heading", l.headline(r), l.date(r)))
	label, summary := l.quadrant(r.Quadrant)
	say(l.tf("say.quadrant", label))
	say(fill(summary, r))
	say(l.tf("say.scores", num(r.Impact), num(r.Readiness)))
	say(l.tf("say.maturity", num(r.Maturity.Score), l.band(r.Maturity.Band)))
	say(l.bandsExplained())
	say("")
	say(l.t("say.dimensions"))
	for _, d := range r.Dimensions {
		if d.Score == nil {
			say(l.tf("say.dimension-none", l.dimension(d.ID), l.t("result.status."+d.Status)))
			continue
		}
		say(l.tf("say.dimension", l.dimension(d.ID), num(*d.Score), l.band(d.Band)))
	}
	say("")
	di := r.DigitalIntensity
	if di.Basic {
		say(l.tf("say.dii-basic", di.Count, di.Of, l.diiLevel(di.Level), qn.DII.Basic))
	} else {
		say(l.tf("say.dii-below", di.Count, di.Of, l.diiLevel(di.Level), qn.DII.Basic))
	}
	if smallFirm(r) && !qn.DII.Note.IsZero() {
		say(qn.DII.Note.In(lang))
	}
	say(techList(r, l, ". ") + ".")
	if len(r.Gaps) > 0 {
		say("")
		say(l.t("say.gaps"))
		for i, g := range r.Gaps[:min(MaxGaps, len(r.Gaps))] {
			say(fmt.Sprintf("%d. %s", i+1, l.tf("result.gap-line", l.dimension(g.Dimension), num(g.Score), num(g.Target), l.tier(g.Tier))) + ".")
		}
	}
	if len(r.Insights) > 0 {
		say("")
		say(l.t("result.insights") + ":")
		for _, in := range r.Insights {
			title, text := l.insight(in)
			say(strings.TrimSuffix(title, ".") + ". " + text)
		}
	}
	if len(r.Advice) > 0 {
		say("")
		say(l.t("result.advice") + ":")
		for i, a := range r.Advice[:min(MaxAdvice, len(r.Advice))] {
			say(fmt.Sprintf("%d. %s. %s", i+1, strings.TrimSuffix(a.Title, "."), a.Text))
		}
	}
	if len(r.Referrals) > 0 {
		say("")
		say(l.t("result.referrals") + ":")
		for _, ref := range headline(r.Referrals) {
			s := ref.Name + "."
			if st := l.status(ref); st != "" {
				s += " " + st + "."
			}
			if len(ref.Reasons) > 0 {
				s += " " + l.t("result.why") + " " + strings.Join(ref.Reasons[:min(MaxReasons, len(ref.Reasons))], "; ") + "."
			}
			if ref.Cost != "" {
				s += " " + l.t("result.cost") + " " + strings.TrimSuffix(ref.Cost, ".") + "."
			}
			if ev, ok := nextEvent(ref); ok {
				s += " " + l.event(ev)
			}
			if ref.Unverified && ref.URL != "" {
				s += " " + l.t("result.unverified")
			} else if ref.Unverified {
				s += " " + l.t("result.unverified-no-site")
			}
			if ref.URL != "" {
				s += " " + l.tf("say.url", ref.URL)
			} else if ref.Contact != "" {
				s += " " + l.t("result.contact") + " " + ref.Contact
			}
			say(s)
		}
		if more := l.moreWithStatus(r.Referrals); len(more) > 0 {
			say(l.t("result.more-options") + " " + strings.Join(more, ", ") + ".")
		}
	}
	say("")
	say(footer(r, l) + ".")
	_, err := io.WriteString(w, b.String())
	return err
}
