package stats

import (
	"slices"
	"sort"
	"strings"

	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Demand by topic: how many of the counted businesses asked help with
// each topic (the intake's topics question, profile.topics; a business may
// choose several, or "none"), of those that answered the question. Every
// count is a set of businesses published by its own cell key, like every
// other count: the same businesses the same way in every table and run.

// byDims are the counter dimensions of the breakdowns, in ByDimensions order.
var byDims = [...]int{dMunicipality, dSector, dSize}

// topicAcc counts the businesses by the topics they chose.
type topicAcc struct {
	vocab  *vocabulary
	parsed map[string][]int // a topics column → its topic indexes
	// answered: the businesses that answered the topics question.
	answered kc
	all      []kc // per topic
	// Per breakdown dimension (byDims) and value (the counter's index
	// before compact): the businesses that answered, and per topic.
	byAnswered [len(byDims)][maxValues + 1]kc
	by         [len(byDims)][maxValues + 1][]kc
	// By weakest dimension (the workshop planning view): the businesses
	// that answered, and per topic.
	weakAnswered [6]kc
	weak         [][6]kc
}

func newTopicAcc() *topicAcc {
	return &topicAcc{vocab: newVocabulary(nil), parsed: map[string][]int{}}
}

// topicsOf parses a topics column once per distinct value (the column is
// interned, so the same choice is the same string).
func (a *topicAcc) topicsOf(col string) []int {
	if idx, ok := a.parsed[col]; ok {
		return idx
	}
	var idx []int
	for _, id := range strings.Split(col, ",") {
		if id == "" {
			continue
		}
		if i := a.vocab.of(id); !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	if len(a.parsed) < 100000 {
		a.parsed[col] = idx
	}
	return idx
}

func (a *topicAcc) add(b *store.Brief, k [nDims]uint8, weakest int, rec kc) {
	if b.Topics == "" {
		return
	}
	idx := a.topicsOf(b.Topics)
	if len(idx) == 0 {
		return
	}
	a.answered = a.answered.plus(rec)
	for len(a.all) < len(a.vocab.ids) {
		a.all = append(a.all, kc{})
	}
	for _, t := range idx {
		a.all[t] = a.all[t].plus(rec)
	}
	if weakest >= 0 {
		a.weakAnswered[weakest] = a.weakAnswered[weakest].plus(rec)
		for len(a.weak) < len(a.vocab.ids) {
			a.weak = append(a.weak, [6]kc{})
		}
		for _, t := range idx {
			a.weak[t][weakest] = a.weak[t][weakest].plus(rec)
		}
	}
	for j, d := range byDims {
		v := k[d]
		a.byAnswered[j][v] = a.byAnswered[j][v].plus(rec)
		row := a.by[j][v]
		for len(row) < len(a.vocab.ids) {
			row = append(row, kc{})
		}
		for _, t := range idx {
			row[t] = row[t].plus(rec)
		}
		a.by[j][v] = row
	}
}

// order is the topics of the questionnaires' topics question (of the
// questionnaire versions counted, in id and version order; every option,
// chosen or not), then any other topic chosen, by id.
func (a *topicAcc) order(th *thresholds) []int {
	var ids []string
	keys := make([][2]string, 0, len(th.cache))
	for k := range th.cache {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		qn, _, err := th.resolve(k[0], k[1])
		if err != nil || qn == nil {
			continue
		}
		if qu := qn.Question(q.QTopics); qu != nil {
			for _, id := range qu.OptionIDs() {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
	}
	// Every option, chosen or not: a topic nobody asked for is a zero.
	var out []int
	for _, id := range ids {
		if i := a.vocab.of(id); !slices.Contains(out, i) { // beyond 63 topics: one "other"
			out = append(out, i)
		}
	}
	rest := []int{}
	for i := range a.vocab.ids {
		if !slices.Contains(out, i) {
			rest = append(rest, i)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return a.vocab.ids[rest[i]] < a.vocab.ids[rest[j]] })
	return append(out, rest...)
}

// at is a topic's count in a row (zero beyond it).
func at(row []kc, t int) kc {
	if t < len(row) {
		return row[t]
	}
	return kc{}
}

// report publishes the demand by topic: the topic counts among those that
// answered, and per breakdown a table (rows the values the breakdown
// shows, columns the topics, shares of the row's businesses that
// answered), and the planning view (topics × weakest dimension). A group
// of fewer than small businesses (those that answered, a row) shows its
// total only, as in every table.
func (a *topicAcc) report(p *protector, th *thresholds, pre [nDims]*vocabulary, total *box, by []string, breakdowns []Breakdown, small int) Demand {
	var d Demand
	ans := p.lone(a.answered)
	d.Answered = withShare(cellOf(ans), total)
	order := a.order(th)
	cols := make([]string, len(order))
	colTot := make([]Cell, len(order))
	topicBox := make([]*box, len(order))
	smallGroup := func(b *box) bool { return b.count.n > 0 && b.count.n < small }
	// split publishes a part of the businesses that answered: not when
	// they are a small group.
	split := func(c Cell) Cell {
		if smallGroup(ans) {
			return Cell{Suppressed: true}
		}
		return c
	}
	for i, t := range order {
		cols[i] = a.vocab.ids[t]
		topicBox[i] = p.lone(at(a.all, t))
		c := split(withShare(cellOf(topicBox[i]), ans))
		colTot[i] = c
		d.Topics = append(d.Topics, DemandCell{ID: cols[i], Cell: c})
	}
	if len(order) == 0 {
		return d
	}
	// Workshop planning: per topic, which dimension its askers score
	// lowest on (shares of the topic's row).
	pt := Table{Cols: q.DimensionIDs, Total: d.Answered}
	for i, t := range order {
		rt := topicBox[i]
		row := make([]Cell, len(q.DimensionIDs))
		for w := range q.DimensionIDs {
			if smallGroup(rt) {
				row[w] = Cell{Suppressed: true}
				continue
			}
			var c kc
			if t < len(a.weak) {
				c = a.weak[t][w]
			}
			row[w] = withShare(cellOf(p.lone(c)), rt)
		}
		pt.Rows = append(pt.Rows, cols[i])
		pt.Cells = append(pt.Cells, row)
		pt.RowTotals = append(pt.RowTotals, colTot[i])
	}
	for w := range q.DimensionIDs {
		pt.ColTotals = append(pt.ColTotals, split(withShare(cellOf(p.lone(a.weakAnswered[w])), ans)))
	}
	d.Planning = pt
	for bi, name := range by {
		j := slices.Index(ByDimensions, name)
		if j < 0 || bi >= len(breakdowns) || len(breakdowns[bi].Tables) == 0 {
			continue
		}
		t := Table{Cols: cols, ColTotals: colTot, Total: d.Answered}
		for _, v := range breakdowns[bi].Tables[0].Table.Rows {
			vi, ok := pre[byDims[j]].index[v]
			if !ok {
				continue
			}
			rt := p.lone(a.byAnswered[j][vi])
			row := make([]Cell, len(order))
			for k, ti := range order {
				if smallGroup(rt) {
					row[k] = Cell{Suppressed: true}
					continue
				}
				row[k] = withShare(cellOf(p.lone(at(a.by[j][vi], ti))), rt)
			}
			t.Rows = append(t.Rows, v)
			t.Cells = append(t.Cells, row)
			t.RowTotals = append(t.RowTotals, split(withShare(cellOf(rt), ans)))
		}
		d.TopicsBy = append(d.TopicsBy, TopicBreakdown{By: name, Table: t})
	}
	return d
}
