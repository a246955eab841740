package report

import (
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
)

func TestFundingText(t *testing.T) {
	pct, lo, hi := 60.0, 2500.0, 25000.0
	tests := []struct {
		fu   referral.Funding
		lang i18n.Lang
		want string
	}{
		{referral.Funding{Percent: &pct, Max: &hi}, i18n.NL, "60% van de kosten, tot €25.000"},
		{referral.Funding{Percent: &pct, Max: &hi}, i18n.EN, "60% of the costs, up to €25,000"},
		{referral.Funding{Min: &lo, Max: &hi}, i18n.NL, "€2.500 – €25.000"},
		{referral.Funding{Min: &lo}, i18n.EN, "from €2,500"},
		{referral.Funding{Text: i18n.Text{NL: "fiscaal", EN: "tax"}}, i18n.EN, "tax"},
		{referral.Funding{Max: &hi, Text: i18n.Text{NL: "per jaar", EN: "a year"}}, i18n.NL, "tot €25.000 (per jaar)"},
	}
	for _, tt := range tests {
		if got := FundingText(tt.lang, tt.fu); got != tt.want {
			t.Errorf("FundingText(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestStateText(t *testing.T) {
	tests := []struct {
		st   referral.State
		lang i18n.Lang
		want string
	}{
		{referral.State{Status: referral.StatusOpen, Closes: date.New(2027, 9, 30)}, i18n.NL, "open tot en met 30-09-2027"},
		{referral.State{Status: referral.StatusOpen}, i18n.EN, "open"},
		{referral.State{Status: "upcoming", Opens: date.New(2027, 3, 1)}, i18n.EN, "upcoming (opens 2027-03-01)"},
		{referral.State{Status: "ended"}, i18n.NL, "gestopt"},
	}
	for _, tt := range tests {
		if got := StateText(tt.lang, tt.st); got != tt.want {
			t.Errorf("StateText(%s, %+v) = %q, want %q", tt.lang, tt.st, got, tt.want)
		}
	}
}

// Rules and conditions are said with the questionnaire's labels.
func TestRuleText(t *testing.T) {
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	rule := &referral.Rule{
		Sizes:     []string{"micro", "small"},
		Provinces: []string{"utrecht"},
		Answers:   &q.Condition{Not: &q.Condition{Question: q.QSector, In: []string{"agri"}}},
	}
	got := RuleText(qn, i18n.EN, rule, "anyone")
	want := qn.OptionName(q.QSize, "micro", i18n.EN) + ", " + qn.OptionName(q.QSize, "small", i18n.EN) + "; " +
		qn.OptionName(q.QProvince, "utrecht", i18n.EN) + "; not for: " + qn.OptionName(q.QSector, "agri", i18n.EN)
	if got != want {
		t.Errorf("RuleText = %q, want %q", got, want)
	}
	if got := RuleText(qn, i18n.NL, nil, "iedereen"); got != "iedereen" {
		t.Errorf("no rule: %q", got)
	}
	if got := RuleText(qn, i18n.NL, &referral.Rule{}, "iedereen"); got != "iedereen" {
		t.Errorf("empty rule: %q", got)
	}
	any := &q.Condition{Any: []*q.Condition{{Question: q.QSize, In: []string{"zzp"}}, {Question: q.QKVK, Answered: new(bool(true))}}}
	if got, want := ConditionText(qn, i18n.NL, any), qn.OptionName(q.QSize, "zzp", i18n.NL)+" of kvk-number ingevuld"; got != want {
		t.Errorf("ConditionText = %q, want %q", got, want)
	}
}
