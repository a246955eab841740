package stats

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// topicStore: businesses with known topics. Counted: 12 in Hilversum
// (ai, funding), 6 in Hilversum (ai), 3 in Laren (none), 4 in Laren that
// did not answer, and a re-scanned business in Blaricum whose first scan
// asked for a website and whose latest asks for AI. Not counted: one
// without consent (website).
func topicStore(t *testing.T) *store.DB {
	t.Helper()
	var bs []biz
	add := func(n int, b biz) { bs = append(bs, repeat(n, b)...) }
	hv := biz{day: "2026-03-01", mode: "advisor", muni: "hilversum", sector: "retail", size: "small", impact: 80, readiness: 30}
	b := hv
	b.topics = []string{"ai", "funding"}
	add(12, b)
	b.topics = []string{"ai"}
	add(6, b)
	b.muni, b.topics = "laren", []string{"none"}
	add(3, b)
	b.topics = []string{}
	add(4, b)
	b.muni, b.topics, b.noConsent = "blaricum", []string{"website"}, true
	add(1, b)
	b.noConsent, b.kvk, b.day = false, "81234567", "2025-03-01"
	add(1, b)
	b.day, b.topics = "2026-03-02", []string{"ai"}
	add(1, b)
	db := openStore(t)
	var rs []*scan.Result
	for i, x := range bs {
		rs = append(rs, result(t, i, x))
	}
	if _, err := db.SaveScans(context.Background(), slices.Values(rs)); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestDemandByTopic: who asked help with which topic, of those that
// answered; a business counts once per topic it chose and with its latest
// scan; every option of the questionnaire is a column (zero when nobody
// chose it); by municipality the rows of the breakdown, a small group's
// split hidden; the planning view (topic × weakest dimension) likewise;
// the same in JSON and CSV.
func TestDemandByTopic(t *testing.T) {
	db := topicStore(t)
	ctx := context.Background()
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	options := qn.Question(q.QTopics).OptionIDs()
	// A filter counts its businesses only.
	hv, err := Compute(ctx, db, Options{Filter: store.Filter{Municipality: []string{"hilversum"}}, exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := hv.Demand; d.Answered.N != 18 || d.Topics[slices.Index(options, "ai")].Cell.N != 18 || d.Topics[slices.Index(options, "funding")].Cell.N != 12 {
		t.Errorf("Hilversum: answered %+v, topics %+v", d.Answered, d.Topics)
	}
	for _, exact := range []bool{true, false} {
		rep, err := Compute(ctx, db, Options{By: []string{ByMunicipality}, exact: exact})
		if err != nil {
			t.Fatal(err)
		}
		d := rep.Demand
		published(t, "answered", d.Answered, 22, exact)
		var ids []string
		want := map[string]int{"ai": 19, "funding": 12, "none": 3}
		for _, c := range d.Topics {
			ids = append(ids, c.ID)
			published(t, "topic "+c.ID, c.Cell, want[c.ID], exact)
			if want[c.ID] == 0 && (c.Cell.N != 0 || c.Cell.Suppressed) {
				t.Errorf("topic %s nobody chose: %+v, want 0", c.ID, c.Cell)
			}
		}
		if !slices.Equal(ids, options) {
			t.Errorf("topics %v, want the questionnaire's %v", ids, options)
		}
		if len(d.TopicsBy) != 1 || d.TopicsBy[0].By != ByMunicipality {
			t.Fatalf("topics by %+v", d.TopicsBy)
		}
		tb := d.TopicsBy[0].Table
		if want := rep.Breakdowns[0].Tables[0].Table.Rows; !slices.Equal(tb.Rows, want) || !slices.Equal(tb.Cols, options) {
			t.Errorf("topics by municipality: rows %v cols %v, want rows %v", tb.Rows, tb.Cols, want)
		}
		wantRow := map[string]int{"hilversum": 18, "laren": 3, "blaricum": 1}
		wantCell := map[string]int{"hilversum/ai": 18, "hilversum/funding": 12, "laren/none": 3, "blaricum/ai": 1}
		for i, m := range tb.Rows {
			published(t, "answered in "+m, tb.RowTotals[i], wantRow[m], exact)
			for j, topic := range tb.Cols {
				c := tb.Cells[i][j]
				published(t, m+"/"+topic, c, wantCell[m+"/"+topic], exact)
				if !exact && wantRow[m] < 2*DefaultMinCell && !c.Suppressed {
					t.Errorf("%s/%s: a group of %d split: %+v", m, topic, wantRow[m], c)
				}
			}
		}
		// Planning: every fixture scan scores its dimensions alike, so
		// the first (strategy) is everyone's weakest.
		pt := d.Planning
		if !slices.Equal(pt.Rows, options) || !slices.Equal(pt.Cols, q.DimensionIDs) {
			t.Fatalf("planning rows %v cols %v", pt.Rows, pt.Cols)
		}
		for i, topic := range pt.Rows {
			published(t, "planning "+topic, pt.RowTotals[i], want[topic], exact)
			for j, dim := range pt.Cols {
				n := 0
				if j == 0 {
					n = want[topic]
				}
				published(t, "planning "+topic+"/"+dim, pt.Cells[i][j], n, exact)
				if !exact && want[topic] > 0 && want[topic] < 2*DefaultMinCell && !pt.Cells[i][j].Suppressed {
					t.Errorf("planning %s/%s: a group of %d split: %+v", topic, dim, want[topic], pt.Cells[i][j])
				}
			}
		}
		published(t, "planning answered/strategy", pt.ColTotals[0], 22, exact)
		if exact {
			continue
		}
		var js bytes.Buffer
		if err := rep.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		var back struct {
			Demand struct {
				Answered json.RawMessage   `json:"answered"`
				Topics   []json.RawMessage `json:"topics"`
				TopicsBy []struct {
					By    string `json:"by"`
					Table struct {
						Rows []string `json:"rows"`
					} `json:"table"`
				} `json:"topics_by"`
			} `json:"demand"`
		}
		if err := json.Unmarshal(js.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		if len(back.Demand.Answered) == 0 || len(back.Demand.Topics) != len(options) || len(back.Demand.TopicsBy) != 1 || back.Demand.TopicsBy[0].By != ByMunicipality {
			t.Errorf("JSON demand: %s", js.String())
		}
		var csv bytes.Buffer
		if err := rep.WriteCSV(&csv, csvout.RFC4180); err != nil {
			t.Fatal(err)
		}
		for _, line := range []string{"demand,,topics,answered,n,", "demand-planning,,topic,ai,strategy,", "demand-planning,,topic,answered,green,0,", "demand,,topics,ai,n,", "demand-topics,,municipality,hilversum,ai,", "demand-topics,,municipality,laren,none,,,,1,,", "demand-topics,,municipality,hilversum,answered,"} {
			if !strings.Contains(csv.String(), "\n"+line) {
				t.Errorf("CSV has no line %q:\n%s", line, csv.String())
			}
		}
	}
}

// TestTopicOrder: the questionnaire's topics first in its order, every
// option once, then the others by id; beyond the vocabulary's 63 values
// one "other" (this recursed without end before), never a topic twice.
func TestTopicOrder(t *testing.T) {
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	th := &thresholds{resolve: q.Find, cache: map[[2]string]scan.Thresholds{{qn.ID, qn.Version}: {}}}
	order := func(a *topicAcc) (ids []string) {
		for _, i := range a.order(th) {
			ids = append(ids, a.vocab.ids[i])
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				t.Errorf("topic %s twice in %v", id, ids)
			}
			seen[id] = true
		}
		return ids
	}
	a := newTopicAcc()
	a.topicsOf("ai,zz-b,zz-a,ai")
	options := qn.Question(q.QTopics).OptionIDs()
	if got, want := order(a), append(slices.Clone(options), "zz-a", "zz-b"); !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	var many []string
	for i := range 70 {
		many = append(many, fmt.Sprintf("zz%02d", i))
	}
	a = newTopicAcc()
	if idx := a.topicsOf(strings.Join(many, ",")); len(idx) != maxValues {
		t.Errorf("70 topics counted as %d", len(idx))
	}
	if got := order(a); len(got) != maxValues || !slices.Contains(got, Other) {
		t.Errorf("%d topics %v", len(got), got)
	}
}

// TestDemandFewAnswered: of 16 businesses 6 answered the topics question
// (fewer than twice MinCell): their number is shown, but not how they
// split by topic, municipality or weakest dimension.
func TestDemandFewAnswered(t *testing.T) {
	b := biz{day: "2026-03-01", mode: "advisor", muni: "hilversum", sector: "retail", size: "small", impact: 80, readiness: 30, topics: []string{}}
	bs := repeat(10, b)
	b.muni, b.topics = "huizen", []string{"ai"}
	bs = append(bs, repeat(6, b)...)
	db := openStore(t)
	var rs []*scan.Result
	for i, x := range bs {
		rs = append(rs, result(t, i, x))
	}
	if _, err := db.SaveScans(context.Background(), slices.Values(rs)); err != nil {
		t.Fatal(err)
	}
	rep, err := Compute(context.Background(), db, Options{By: []string{ByMunicipality}})
	if err != nil {
		t.Fatal(err)
	}
	d := rep.Demand
	published(t, "answered", d.Answered, 6, false)
	var cells []Cell
	for _, c := range d.Topics {
		cells = append(cells, c.Cell)
	}
	cells = append(cells, d.Planning.ColTotals...)
	for _, tb := range d.TopicsBy {
		cells = append(cells, tb.Table.RowTotals...)
		for _, row := range tb.Table.Cells {
			cells = append(cells, row...)
		}
	}
	for _, row := range d.Planning.Cells {
		cells = append(cells, row...)
	}
	if len(d.TopicsBy) != 1 || len(d.Planning.Rows) == 0 {
		t.Fatalf("demand %+v", d)
	}
	for i, c := range cells {
		if !c.Suppressed && c.N != 0 {
			t.Errorf("cell %d of the split of 6 published: %+v", i, c)
		}
	}
}
