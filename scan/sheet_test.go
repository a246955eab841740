package scan_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/synth"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// TestSheetIsParseCellThenCheckScore: a Sheet gives, for every row, the
// problems and the result that reading its cells with ParseCell and
// ParseItemCell and then CheckScore give: for valid rows and for rows
// with one cell changed at random (hidden questions answered, options
// combined that stand alone, unknown ids, missing answers); also when it
// reuses its result.
func TestSheetIsParseCellThenCheckScore(t *testing.T) {
	g, err := synth.New(11)
	if err != nil {
		t.Fatal(err)
	}
	qn := g.Qn
	header := qn.SurveyColumns()
	cols := make([]scan.Column, len(header))
	for i, h := range header {
		qid, item, _ := strings.Cut(h, ".")
		cols[i] = scan.Column{Question: qn.Question(qid), Item: qn.Item(qid, item)}
	}
	all := scan.NewSheet(qn, cols, nil)
	none := scan.NewSheet(qn, cols, func(*q.Question) bool { return false })
	reused := scan.NewSheet(qn, cols, nil)
	reused.ReuseResult = true
	opt := scan.Options{AsOf: g.AsOf, Mode: scan.ModeSurvey}
	rnd := rand.New(rand.NewPCG(1, 2))
	valid, scored, rejected := 0, 0, 0
	for i := range 600 {
		cells := synth.SurveyRow(qn, header, g.AnswersOf(i))
		if i%5 == 2 { // no company and no topics: nothing of the row before may be left over
			fx := &qn.Fixed
			for c, col := range cols {
				if qu := col.Question; qu != nil && qu.Optional && (qu == fx.CompanyName || qu == fx.KVK || qu == fx.Establishment || qu == fx.Topics) {
					cells[c] = ""
				}
			}
		}
		if i%2 == 1 { // change one cell
			c := rnd.IntN(len(cols))
			qu := cols[c].Question
			switch rnd.IntN(4) {
			case 0:
				cells[c] = ""
			case 1:
				cells[c] = "no-such-option"
			default:
				if len(qu.Options) > 0 {
					cells[c] = qu.Options[rnd.IntN(len(qu.Options))].ID
					if qu.Type == q.Multi && rnd.IntN(2) == 0 {
						cells[c] += "|" + qu.Options[rnd.IntN(len(qu.Options))].ID
					}
				}
			}
		} else {
			valid++
		}
		// The answers as ParseCell reads them.
		answers := scan.Answers{}
		var want []string
		for c, col := range cols {
			qu := col.Question
			if col.Item != nil {
				v, ok, msg := scan.ParseItemCell(qu, col.Item.ID, cells[c])
				if msg != "" {
					want = append(want, qu.ID+"."+col.Item.ID+": "+strings.TrimPrefix(msg, "item \""+col.Item.ID+"\": "))
				} else if ok {
					a := answers[qu.ID]
					if a.Items == nil {
						a.Items = map[string]string{}
					}
					a.Items[col.Item.ID] = v
					answers[qu.ID] = a
				}
				continue
			}
			a, ok, msg := scan.ParseCell(qu, cells[c])
			if msg != "" {
				want = append(want, qu.ID+": "+msg)
			} else if ok {
				answers[qu.ID] = a
			}
		}
		var res *scan.Result
		if want == nil {
			var ps []scan.Problem
			res, ps, err = scan.CheckScore(qn, answers, opt)
			want = messages(ps)
		}
		if got := messages(all.Check(cells)); !slices.Equal(got, want) {
			t.Fatalf("row %d: Check:\n got %q\nwant %q", i, got, want)
		}
		got, ps, gotErr := all.Row(cells, opt)
		if m := messages(ps); !slices.Equal(m, want) || (gotErr == nil) != (err == nil) {
			t.Fatalf("row %d: Row: %q %v, want %q %v", i, m, gotErr, want, err)
		}
		if res == nil {
			if len(want) > 0 {
				rejected++
			}
			continue
		}
		if a, b := jsonOf(t, got), jsonOf(t, res); a != b {
			t.Fatalf("row %d:\n got %s\nwant %s", i, a, b)
		}
		// A reused result is the same as a new one, nothing left over.
		again, _, _ := reused.Row(cells, opt)
		if a, b := jsonOf(t, again), jsonOf(t, res); a != b {
			t.Fatalf("row %d, result reused:\n got %s\nwant %s", i, a, b)
		}
		// Without answers kept, everything else is the same.
		lean, _, _ := none.Row(cells, opt)
		if len(lean.Answers) != 0 {
			t.Fatalf("row %d: %d answers kept, want none", i, len(lean.Answers))
		}
		lean.Answers, res.Answers = nil, nil
		if a, b := jsonOf(t, lean), jsonOf(t, res); a != b {
			t.Fatalf("row %d, no answers kept:\n got %s\nwant %s", i, a, b)
		}
		scored++
	}
	if scored < valid || rejected < 100 {
		t.Fatalf("%d scored of %d valid, %d rejected: the rows do not exercise both paths", scored, valid, rejected)
	}
}

func messages(ps []scan.Problem) []string {
	var m []string
	for _, p := range ps {
		m = append(m, p.Msg)
	}
	return m
}

func jsonOf(t *testing.T, r *scan.Result) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
