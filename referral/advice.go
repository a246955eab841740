package referral

import (
	"slices"

	"github.com/gooivechtstreek/digiscan/scan"
)

// advice picks at most MaxAdvice next steps, most useful first: the biggest
// gap, the first insight, the second gap, the quadrant, then the rest in
// turn. A gap in a dimension the business asked help with counts
// topicBonus points more. Insight advice that names a dimension takes the
// place of that dimension's gap advice, so the same step is not given twice.
func (c *Catalogue) advice(r *scan.Result, li int) []scan.Advice {
	var buf [MaxAdvice]scan.Advice
	out := buf[:0]
	var orderBuf [8]int
	gaps := orderGaps(r, &orderBuf)
	zzp := r.Profile.Size == "zzp"
	var usedInsight uint64 // by position in r.Insights (the first 64)
	used := func(i int) bool { return i >= 64 || usedInsight&(1<<i) != 0 }
	use := func(i int) {
		if i < 64 {
			usedInsight |= 1 << i
		}
	}
	var usedDim [6]bool
	quadrantDone := false

	// insightFor returns the first unused insight whose advice replaces the
	// gap advice of dimension d.
	insightFor := func(d string) int {
		for i, in := range r.Insights {
			if used(i) {
				continue
			}
			if t, ok := c.Advice.Insights.Items[in.ID]; ok && t != nil && t.Dimension == d {
				return i
			}
		}
		return -1
	}
	addInsight := func(i int) {
		use(i)
		in := r.Insights[i]
		t := c.Advice.Insights.Items[in.ID]
		if d := dimIndex(t.Dimension); d >= 0 {
			usedDim[d] = true
		}
		a := adviceOf(t, zzp, li)
		a.Kind, a.Insight, a.Dimension = "insight", in.ID, t.Dimension
		out = append(out, a)
	}
	// gap adds the advice of the next gap (in advice order) whose dimension
	// has no advice yet.
	next := 0
	gap := func() {
		for ; next < len(gaps) && len(out) < MaxAdvice; next++ {
			g := r.Gaps[gaps[next]]
			d := dimIndex(g.Dimension)
			if d < 0 || usedDim[d] {
				continue
			}
			next++
			if i := insightFor(g.Dimension); i >= 0 {
				addInsight(i)
				return
			}
			ta, ok := c.Advice.Dimensions.Items[g.Dimension]
			if !ok || ta == nil {
				return
			}
			var t *AdviceText
			switch g.Tier {
			case scan.TierCritical:
				t = ta.Critical
			case scan.TierModerate:
				t = ta.Moderate
			case scan.TierMinor:
				t = ta.Minor
			}
			if t == nil {
				return
			}
			usedDim[d] = true
			a := adviceOf(t, zzp, li)
			a.Kind, a.Dimension, a.Tier = "gap", g.Dimension, g.Tier
			out = append(out, a)
			return
		}
	}
	insight := func() {
		if len(out) >= MaxAdvice {
			return
		}
		for i, in := range r.Insights {
			if used(i) {
				continue
			}
			t, ok := c.Advice.Insights.Items[in.ID]
			if !ok || t == nil {
				continue
			}
			if d := dimIndex(t.Dimension); d >= 0 && usedDim[d] {
				use(i) // its dimension has advice already
				continue
			}
			addInsight(i)
			return
		}
	}
	quadrant := func() {
		if quadrantDone || len(out) >= MaxAdvice {
			return
		}
		quadrantDone = true
		if t, ok := c.Advice.Quadrants.Items[r.Quadrant]; ok && t != nil {
			a := adviceOf(t, zzp, li)
			a.Kind = "quadrant"
			out = append(out, a)
		}
	}
	gap()
	insight()
	gap()
	quadrant()
	for range len(gaps) + len(r.Insights) {
		insight()
		gap()
	}
	return slices.Clone(out)
}

func adviceOf(t *AdviceText, zzp bool, li int) scan.Advice {
	id := t.id
	if zzp && t.Freelancer != nil {
		t = t.Freelancer
	}
	return scan.Advice{ID: id, Title: t.Title.In(langs[li]), Text: t.Text.In(langs[li])}
}

// setAdviceIDs names every advice text: gap.<dimension>.<tier>,
// insight.<id>, quadrant.<id>.
func (c *Catalogue) setAdviceIDs() {
	for _, d := range c.Advice.Dimensions.Order {
		ta := c.Advice.Dimensions.Items[d]
		if ta == nil {
			continue
		}
		for i, t := range []*AdviceText{ta.Critical, ta.Moderate, ta.Minor} {
			if t != nil {
				t.id = "gap." + d + "." + tiers[i]
			}
		}
	}
	for _, id := range c.Advice.Insights.Order {
		if t := c.Advice.Insights.Items[id]; t != nil {
			t.id = "insight." + id
		}
	}
	for _, id := range c.Advice.Quadrants.Order {
		if t := c.Advice.Quadrants.Items[id]; t != nil {
			t.id = "quadrant." + id
		}
	}
}

// topicBonus is how many gap points asking for help with a dimension is
// worth when advice is ordered.
const topicBonus = 10

// orderGaps orders the result's gaps for advice: by gap, plus topicBonus
// when the business asked for help with the dimension; stable. It returns
// positions in r.Gaps (the first len(order) of them).
func orderGaps(r *scan.Result, order *[8]int) []int {
	n := min(len(r.Gaps), len(order))
	var w [8]float64
	for i, g := range r.Gaps[:n] {
		order[i] = i
		w[i] = g.Gap
		if slices.Contains(r.Profile.Topics, g.Dimension) {
			w[i] += topicBonus
		}
	}
	for i := 1; i < n; i++ {
		for j := i; j > 0 && w[order[j]] > w[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order[:n]
}
