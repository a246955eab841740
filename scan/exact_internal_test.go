package scan

import (
	"math"
	"math/rand/v2"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// The fast floating-point value of a question and the exact one agree for
// random answers to every question of the built-in intake and the test
// questionnaire (including "don't know" on impact and readiness), so
// rounding from either gives the same score away from a half.
func TestFloatAndExactValuesAgree(t *testing.T) {
	intake, err := q.Builtin("intake")
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, qn := range []*q.Questionnaire{intake, mini(t)} {
		for range 2000 {
			answers := Answers{}
			for _, qu := range qn.Questions() {
				if len(qu.Options) == 0 && qu.Type != q.YesNo {
					continue
				}
				switch {
				case qu.Type == q.YesNo:
					answers[qu.ID] = Answer{Choice: []string{Yes, No, q.DontKnowID}[rnd.IntN(3)]}
				case qu.IsMatrix():
					items := map[string]string{}
					for _, it := range qu.Items {
						items[it.ID] = qu.Options[rnd.IntN(len(qu.Options))].ID
					}
					answers[qu.ID] = Answer{Items: items}
				case qu.Type == q.Multi:
					var ids []string
					for _, o := range qu.Options {
						if rnd.IntN(3) == 0 {
							ids = append(ids, o.ID)
						}
					}
					answers[qu.ID] = Answer{Choices: ids}
				default:
					answers[qu.ID] = Answer{Choice: qu.Options[rnd.IntN(len(qu.Options))].ID}
				}
			}
			sc := new(scratch)
			sc.vis.reset(qn, answers)
			s := scorer{qn: qn, vis: &sc.vis, pwF: qn.PlanWeightOrDefault(), pw: dec(qn.PlanWeightOrDefault()), slotBuf: &sc.slots}
			for _, qu := range qn.Questions() {
				v := &sc.vis.vals[qu.Order]
				if qu.Target == q.TargetNone || !sc.vis.Question(qu) || !v.set {
					continue
				}
				xf, okf := s.valueF(qu, v)
				xr, okr := s.value(qu, v)
				if okf != okr {
					t.Fatalf("%s %s: float ok %v, exact ok %v (%+v)", qn.ID, qu.ID, okf, okr, answers[qu.ID])
				}
				if !okr {
					continue
				}
				if f, _ := xr.Float64(); math.Abs(f-xf) > 1e-12 {
					t.Fatalf("%s %s: float %v, exact %v (%+v)", qn.ID, qu.ID, xf, xr, answers[qu.ID])
				}
			}
		}
	}
}
