package referral

import (
	"fmt"
	"slices"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// MaxQuestions is the most questions the intake may ask a freelancer: their
// scan must stay short. A business with staff may be asked up to
// MaxQuestionsStaff (the staff questions of the DMA).
const (
	MaxQuestions      = 20
	MaxQuestionsStaff = 35
)

// The budget holds on every sector × size × place × topics × consent
// combination (issue 11: a freelancer in manufacturing who agreed to
// follow-up was asked 21), with the intent the catalogue reads (an
// innovation plan, own R&D) among the topics and the contact question for
// follow-up: in Noord-Holland, in Utrecht and outside the region, with
// every topic (which asks the most) and with none.
func TestIntakeQuestionBudget(t *testing.T) {
	qn := intake(t)
	yn := []string{scan.Yes, scan.No}
	var allTopics []string
	for _, o := range qn.Question("topics").Options {
		if !o.Exclusive {
			allTopics = append(allTopics, o.ID)
		}
	}
	for _, want := range []string{"innovation", "rd"} {
		if !slices.Contains(allTopics, want) {
			t.Errorf("topics has no option %q: the catalogue's intent cannot be told", want)
		}
	}
	if qn.Question("innovation") != nil {
		t.Error("a separate innovation question is back: it takes a freelancer past the budget")
	}
	worst := map[bool]int{}
	worstAt := map[bool]string{}
	for _, sector := range q.Sectors {
		for _, size := range q.Sizes {
			for _, place := range []string{"laren", "eemnes", "elsewhere"} {
				for _, topics := range [][]string{allTopics, {"none"}} {
					for _, follow := range yn {
						for _, handover := range yn {
							a := scan.Answers{
								"sector":            {Choice: sector},
								"size":              {Choice: size},
								"place":             {Choice: place},
								"topics":            {Choices: topics},
								"consent-follow-up": {Choice: follow},
								"consent-handover":  {Choice: handover},
								"kvk-number":        {Text: "12345678"},
							}
							if place == "elsewhere" {
								a["province"] = scan.Answer{Choice: "noord-holland"}
							}
							n := scan.Count(qn, a)
							at := fmt.Sprintf("%s/%s/%s/topics=%d/follow-up=%s/handover=%s", sector, size, place, len(topics), follow, handover)
							zzp := size == "zzp"
							if n > worst[zzp] {
								worst[zzp], worstAt[zzp] = n, at
							}
							limit := MaxQuestionsStaff
							if zzp {
								limit = MaxQuestions
							}
							if n > limit {
								t.Errorf("%s: %d questions, at most %d", at, n, limit)
							}
							v := scan.Visible(qn, a)
							if asked := v.Question(qn.Question("contact")); asked != (follow == scan.Yes) {
								t.Errorf("%s: contact asked %v, want it exactly when follow-up is agreed", at, asked)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("most questions: freelancer %d (%s), with staff %d (%s)", worst[true], worstAt[true], worst[false], worstAt[false])
}
