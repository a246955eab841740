package referral

import (
	"fmt"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// MaxQuestions is the most questions the intake may ask one business: a
// freelancer's scan must stay short.
const MaxQuestions = 20

// The innovation question (the catalogue's intent) never takes a freelancer
// past MaxQuestions: checked on every sector × size × consent combination,
// in Noord-Holland, in Utrecht and outside the region, with every topic
// (which asks the most) and with none. It is asked of businesses that want
// help with funding, automation or AI, and adds one question at most.
func TestIntakeQuestionBudget(t *testing.T) {
	qn := intake(t)
	yn := []string{scan.Yes, scan.No}
	var allTopics []string
	for _, o := range qn.Question("topics").Options {
		if !o.Exclusive {
			allTopics = append(allTopics, o.ID)
		}
	}
	innovation := qn.Question("innovation")
	if innovation == nil {
		t.Fatal("the intake has no innovation question")
	}
	worst, worstAt := 0, ""
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
							v := scan.Visible(qn, a)
							n := 0
							for _, qu := range qn.Questions() {
								if v.Question(qu) {
									n++
								}
							}
							at := fmt.Sprintf("%s/%s/%s/topics=%d/follow-up=%s/handover=%s", sector, size, place, len(topics), follow, handover)
							asked := v.Question(innovation)
							if size == "zzp" && n > worst {
								worst, worstAt = n, at
							}
							if asked && size == "zzp" && n > MaxQuestions {
								t.Errorf("%s: the innovation question makes %d questions for a freelancer, at most %d", at, n, MaxQuestions)
							}
							if wantAsked := len(topics) > 1 && size != "zzp"; asked != wantAsked {
								t.Errorf("%s: innovation asked %v, want %v", at, asked, wantAsked)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("most questions asked of a freelancer: %d (%s)", worst, worstAt)
}
