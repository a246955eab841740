package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// labels looks up the people-facing names of a result's ids.
type labels struct {
	qn   *q.Questionnaire
	lang i18n.Lang
}

func (l labels) t(key string) string               { return msg.T(l.lang, key) }
func (l labels) tf(key string, args ...any) string { return msg.Tf(l.lang, key, args...) }

// option returns an option's label without its parenthesised examples:
// "Detailhandel (winkel, webwinkel)" → "Detailhandel".
func (l labels) option(qid, id string) string { return l.qn.OptionName(qid, id, l.lang) }

func (l labels) dimension(id string) string {
	if d := l.qn.Dimension(id); d != nil {
		return d.Label.In(l.lang)
	}
	return id
}

func (l labels) dimensionShort(id string) string {
	if d := l.qn.Dimension(id); d != nil {
		return d.Short.In(l.lang)
	}
	return id
}

func (l labels) band(id string) string {
	for _, b := range l.qn.Bands {
		if b.ID == id {
			return b.Label.In(l.lang)
		}
	}
	return id
}

func (l labels) quadrant(id string) (label, summary string) {
	qd := l.qn.Quadrant(id)
	if qd == nil {
		return id, ""
	}
	return qd.Label.In(l.lang), qd.Summary.In(l.lang)
}

func (l labels) diiLevel(id string) string {
	for _, lv := range l.qn.DII.Levels {
		if lv.ID == id {
			return lv.Label.In(l.lang)
		}
	}
	return id
}

func (l labels) tier(id string) string { return l.t("tier." + id) }

// fill replaces {impact} and {readiness} in a quadrant summary.
func fill(s string, r *scan.Result) string {
	return strings.NewReplacer(
		"{impact}", num(r.Impact),
		"{readiness}", num(r.Readiness),
	).Replace(s)
}

// num prints a score; published scores are whole numbers (scan.Round).
func num(x float64) string { return strconv.FormatFloat(math.Round(x), 'f', 0, 64) }

// headline is "Company · Municipality · Sector · Size".
func (l labels) headline(r *scan.Result) string {
	var parts []string
	if r.Company != nil && r.Company.Name != "" {
		parts = append(parts, r.Company.Name)
	}
	p := r.Profile
	if p.Municipality != "" && p.Municipality != q.OutsideRegion {
		parts = append(parts, l.option(q.QMunicipality, p.Municipality))
	} else if p.Place != "" {
		parts = append(parts, l.option(q.QPlace, p.Place))
	}
	if p.Sector != "" {
		parts = append(parts, l.option(q.QSector, p.Sector))
	}
	if p.Size != "" {
		parts = append(parts, l.option(q.QSize, p.Size))
	}
	return strings.Join(parts, " · ")
}

// date formats the as-of date: 27-11-2026 in Dutch, 2026-11-27 in English.
func (l labels) date(r *scan.Result) string {
	if r.AsOf.IsZero() {
		return ""
	}
	return l.day(r.AsOf)
}

// smallFirm: the EU DII benchmark is measured on firms of 10+ people.
func smallFirm(r *scan.Result) bool {
	return r.Profile.Size == "zzp" || r.Profile.Size == "micro"
}

// insight renders an insight in the report's language (the result stores
// the text in the language it was scored in).
func (l labels) insight(in scan.Insight) (title, text string) {
	for _, def := range l.qn.Insights {
		if def.ID == in.ID {
			return def.Title.In(l.lang), def.Text.In(l.lang)
		}
	}
	return in.Title, in.Text
}

// status says when a referral is not simply open now: "opens on 01-09-2027".
func (l labels) status(ref scan.Referral) string {
	if ref.Status == "upcoming" && !ref.Opens.IsZero() {
		return l.tf("result.opens", l.day(ref.Opens))
	}
	return ""
}

// event is the next event of a series in words.
func (l labels) event(ev scan.ReferralEvent) string {
	s := l.tf("result.event", l.day(ev.Date), ev.Place, ev.Title)
	if ev.Planned {
		s += " " + l.t("result.planned")
	}
	if ev.URL != "" {
		s += " " + ev.URL
	}
	return s
}

// day writes a date the way the language does.
func (l labels) day(d date.Date) string { return i18n.Day(l.lang, d) }

// bandsExplained says in one sentence what the levels after the scores
// mean: the questionnaire's bands with their ranges, and that maturity is
// the mean of the parts.
func (l labels) bandsExplained() string {
	var parts []string
	for i, b := range l.qn.Bands {
		hi := 100.0
		if i+1 < len(l.qn.Bands) {
			hi = l.qn.Bands[i+1].Min - 1
		}
		parts = append(parts, fmt.Sprintf("%s %g–%g", b.Label.In(l.lang), b.Min, hi))
	}
	return l.tf("result.bands-explained", strings.Join(parts, ", "))
}
