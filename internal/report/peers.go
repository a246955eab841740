package report

import (
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/stats"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// PeersOf puts a protected comparison (stats.Peers) into words for the
// hand-over report: the group with its count and date, the business's
// maturity, impact and readiness against the group's means, how many of
// them share its quadrant (when published) and the protection applied.
// nil for no group.
func PeersOf(g *stats.PeerGroup, r *scan.Result, qn *q.Questionnaire, lang i18n.Lang) *Peers {
	if g == nil || r == nil || qn == nil {
		return nil
	}
	l := labels{qn: qn, lang: lang}
	p := &Peers{Title: l.t("handover.peers-title")}
	p.Lines = append(p.Lines, l.tf("handover.peers-group", g.N, l.option("sector", g.Sector), l.t("handover.peers-band."+g.SizeBand), l.day(g.Date)))
	p.Lines = append(p.Lines,
		l.tf("handover.peers-line", l.t("result.maturity"), num(r.Maturity.Score), num(g.Maturity)),
		l.tf("handover.peers-line", l.t("result.impact-axis"), num(r.Impact), num(g.Impact)),
		l.tf("handover.peers-line", l.t("result.readiness-axis"), num(r.Readiness), num(g.Readiness)))
	if c := g.SameQuadrant; !c.Suppressed && c.HasShare {
		label, _ := l.quadrant(r.Quadrant)
		p.Lines = append(p.Lines, l.tf("handover.peers-same", c.N, g.N, pct(c.Share), label))
	}
	p.Lines = append(p.Lines, l.tf("handover.peers-protection", g.Protection.MaxNoise, g.Protection.MinCell))
	return p
}

func pct(share float64) string { return num(share*100) + "%" }
