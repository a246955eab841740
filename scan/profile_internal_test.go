package scan

import (
	"math/rand/v2"
	"slices"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// appendList lists what toAnswer holds, for every type of question: the
// options of a multiple choice in questionnaire order, the one chosen,
// else nothing; and it writes over what dst held.
func TestAppendListIsTheAnswer(t *testing.T) {
	intake, err := q.Builtin("intake")
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	checked := 0
	for _, qn := range []*q.Questionnaire{intake, mini(t)} {
		for range 300 {
			for _, qu := range qn.Questions() {
				v := val{set: true, choice: -1}
				switch {
				case qu.Type == q.YesNo:
					v.choice = rnd.IntN(3)
				case qu.Type == q.Multi:
					for _, o := range qu.Options {
						if rnd.IntN(3) == 0 {
							v.mask |= 1 << o.Index
						}
					}
				case len(qu.Options) > 0 && rnd.IntN(4) > 0:
					v.choice = rnd.IntN(len(qu.Options))
				}
				if qu.IsMatrix() {
					v.items = make([]int, len(qu.Items))
				}
				want := answerList(v.toAnswer(qu))
				got := v.appendList(qu, []string{"stale", "stale"}[:0:2])
				if !slices.Equal(got, want) {
					t.Fatalf("%s %s (%+v): %q, want %q", qn.ID, qu.ID, v, got, want)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no question checked")
	}
}

// answerList is an answer as a list: a multiple choice's options, or the one
// option chosen.
func answerList(a Answer) []string {
	if a.Choices != nil {
		return a.Choices
	}
	if a.Choice != "" {
		return []string{a.Choice}
	}
	return []string{}
}
