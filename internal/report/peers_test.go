package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/stats"
)

// TestPeersOf: the comparison in words, with its count, date and
// protection; the shared quadrant only when published; nothing for no group.
func TestPeersOf(t *testing.T) {
	r, qn, _ := exampleResult(t, "winkel-hilversum")
	if PeersOf(nil, r, qn, i18n.EN) != nil {
		t.Fatal("a section without a group")
	}
	g := &stats.PeerGroup{Sector: "retail", SizeBand: stats.GroupMicro, Date: date.MustParse("2026-11-20"), N: 23,
		Maturity: 48.4, Impact: 55, Readiness: 47.6, SameQuadrant: stats.Cell{Suppressed: true},
		Protection: stats.Protection{Method: stats.Method, MinCell: 5, MaxNoise: 2}}
	for _, tc := range []struct {
		lang i18n.Lang
		same stats.Cell
		want []string
		not  []string
	}{
		{i18n.EN, stats.Cell{Suppressed: true}, []string{"Businesses like yours", "Compared with 23 other businesses", "2 to 9 people", "Maturity: you ", "they 48 on average", "at most ±2", "fewer than 5"}, []string{"square"}},
		{i18n.NL, stats.Cell{N: 9, Share: 9.0 / 23, HasShare: true}, []string{"Bedrijven zoals het uwe", "23 andere bedrijven", "9 van de 23 (39%)", "hoogstens ±2"}, nil},
	} {
		g.SameQuadrant = tc.same
		p := PeersOf(g, r, qn, tc.lang)
		h, err := NewHandover(HandoverInput{Result: r, Qn: qn, Lang: tc.lang, Peers: p})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := HandoverHTML(&b, h); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: %q not in the report", tc.lang, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(strings.Join(p.Lines, " "), w) {
				t.Errorf("%s: %q in the comparison", tc.lang, w)
			}
		}
	}
}
