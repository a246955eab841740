package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/textwrap"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Comparison is what changed between two scans of a business (T0 → T1).
//
// What is comparable depends on the questionnaires: the same version
// (same content hash) compares everything; another version of the same
// questionnaire compares the scores with a warning; another questionnaire
// altogether compares only the quadrant. The digital intensity compares
// only between the same indicator-set version.
type Comparison struct {
	From       Snapshot    `json:"from"`
	To         Snapshot    `json:"to"`
	Level      string      `json:"comparable"` // "same-version", "other-version", "other-questionnaire"
	Impact     *Change     `json:"impact,omitempty"`
	Readiness  *Change     `json:"readiness,omitempty"`
	Maturity   *Change     `json:"maturity,omitempty"`
	Quadrant   [2]string   `json:"quadrant"` // from, to
	Dimensions []DimChange `json:"dimensions,omitempty"`
	DII        *DIIChange  `json:"digital_intensity,omitempty"`
	GapsClosed []string    `json:"gaps_closed"` // dimensions with a gap before and none now
	GapsNew    []string    `json:"gaps_new"`    // dimensions with a gap now and none before
}

// Snapshot names one side of a comparison.
type Snapshot struct {
	ID            string           `json:"id"`
	AsOf          string           `json:"as_of"`
	Questionnaire scan.QuestionRef `json:"questionnaire"`
}

// Change is a score before and after.
type Change struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Delta float64 `json:"change"`
}

// DimChange is one dimension before and after; nil when not scored.
type DimChange struct {
	ID    string   `json:"id"`
	From  *float64 `json:"from"`
	To    *float64 `json:"to"`
	Delta *float64 `json:"change"`
}

// DIIChange is the digital intensity before and after.
type DIIChange struct {
	Version   string `json:"version"`
	FromLevel string `json:"from_level"`
	ToLevel   string `json:"to_level"`
	FromCount int    `json:"from"`
	ToCount   int    `json:"to"`
}

func change(a, b float64) *Change { return &Change{From: a, To: b, Delta: b - a} }

// Compare compares an earlier scan a with a later scan b.
func Compare(a, b *scan.Result) Comparison {
	c := Comparison{
		From:     Snapshot{a.ID, a.AsOf.String(), a.Questionnaire},
		To:       Snapshot{b.ID, b.AsOf.String(), b.Questionnaire},
		Quadrant: [2]string{a.Quadrant, b.Quadrant},
	}
	switch {
	case a.Questionnaire.Hash == b.Questionnaire.Hash:
		c.Level = "same-version"
	case a.Questionnaire.ID == b.Questionnaire.ID:
		c.Level = "other-version"
	default:
		c.Level = "other-questionnaire"
	}
	if c.Level != "other-questionnaire" {
		c.Impact = change(a.Impact, b.Impact)
		c.Readiness = change(a.Readiness, b.Readiness)
		c.Maturity = change(a.Maturity.Score, b.Maturity.Score)
		for _, db := range b.Dimensions {
			d := DimChange{ID: db.ID, To: db.Score}
			if s, ok := a.DimensionScore(db.ID); ok {
				d.From = &s
				if db.Score != nil {
					delta := *db.Score - s
					d.Delta = &delta
				}
			}
			c.Dimensions = append(c.Dimensions, d)
		}
		gapsA, gapsB := map[string]bool{}, map[string]bool{}
		for _, g := range a.Gaps {
			gapsA[g.Dimension] = true
		}
		for _, g := range b.Gaps {
			gapsB[g.Dimension] = true
		}
		c.GapsClosed, c.GapsNew = []string{}, []string{}
		for _, d := range b.Dimensions {
			switch {
			case gapsA[d.ID] && !gapsB[d.ID]:
				c.GapsClosed = append(c.GapsClosed, d.ID)
			case !gapsA[d.ID] && gapsB[d.ID]:
				c.GapsNew = append(c.GapsNew, d.ID)
			}
		}
	}
	if a.DigitalIntensity.Version == b.DigitalIntensity.Version {
		c.DII = &DIIChange{
			Version:   b.DigitalIntensity.Version,
			FromCount: a.DigitalIntensity.Count, ToCount: b.DigitalIntensity.Count,
			FromLevel: a.DigitalIntensity.Level, ToLevel: b.DigitalIntensity.Level,
		}
	}
	return c
}

// CompareText writes a comparison for people.
func CompareText(w io.Writer, c Comparison, qn *q.Questionnaire, lang i18n.Lang) error {
	l := labels{qn: qn, lang: lang}
	var b strings.Builder
	say := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	say("%s", l.tf("compare.head", c.From.ID, c.From.AsOf, c.To.ID, c.To.AsOf))
	switch c.Level {
	case "other-version":
		say("%s", l.tf("compare.other-version", c.From.Questionnaire.Version, c.To.Questionnaire.Version))
	case "other-questionnaire":
		say("%s", l.tf("compare.other-questionnaire", c.From.Questionnaire.ID, c.To.Questionnaire.ID))
	}
	say("")
	q0, _ := l.quadrant(c.Quadrant[0])
	q1, _ := l.quadrant(c.Quadrant[1])
	if c.Quadrant[0] == c.Quadrant[1] {
		say("%s", l.tf("compare.quadrant-same", q1))
	} else {
		say("%s", l.tf("compare.quadrant-moved", q0, q1))
	}
	row := func(name string, ch *Change) {
		if ch != nil {
			say("  %-22s %4s → %4s  %s", name, num(ch.From), num(ch.To), signed(ch.Delta))
		}
	}
	row(l.t("compare.impact"), c.Impact)
	row(l.t("compare.readiness"), c.Readiness)
	row(l.t("result.maturity"), c.Maturity)
	if len(c.Dimensions) > 0 {
		say("")
		for _, d := range c.Dimensions {
			from, to, delta := "–", "–", ""
			if d.From != nil {
				from = num(*d.From)
			}
			if d.To != nil {
				to = num(*d.To)
			}
			if d.Delta != nil {
				delta = signed(*d.Delta)
			}
			say("  %-22s %4s → %4s  %s", textwrap.Truncate(l.dimensionShort(d.ID), 22), from, to, delta)
		}
	}
	if c.DII != nil {
		say("")
		say("  %-22s %4d → %4d  %s → %s", textwrap.Truncate(l.t("result.dii"), 22), c.DII.FromCount, c.DII.ToCount, l.diiLevel(c.DII.FromLevel), l.diiLevel(c.DII.ToLevel))
	} else {
		say("")
		say("%s", l.t("compare.dii-other-version"))
	}
	names := func(ids []string) string {
		var out []string
		for _, id := range ids {
			out = append(out, l.dimension(id))
		}
		return strings.Join(out, ", ")
	}
	if len(c.GapsClosed) > 0 {
		say("")
		say("%s", l.tf("compare.gaps-closed", names(c.GapsClosed)))
	}
	if len(c.GapsNew) > 0 {
		say("%s", l.tf("compare.gaps-new", names(c.GapsNew)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func signed(x float64) string {
	switch {
	case x > 0:
		return "+" + num(x)
	case x < 0:
		return num(x)
	}
	return "="
}
