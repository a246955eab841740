package referral_test

import (
	"fmt"
	"log"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
)

// A bicycle shop in Hilversum with four people scores its scan and is
// referred to the programmes of the region, with reasons and first steps.
func ExampleMatch() {
	qn, err := questionnaires.Builtin(questionnaires.DefaultName)
	if err != nil {
		log.Fatal(err)
	}
	cat, err := referral.Builtin(referral.DefaultName)
	if err != nil {
		log.Fatal(err)
	}
	f, err := scan.ParseFile("fietsenwinkel.yaml", []byte(`
answers:
  sector: retail
  size: micro
  place: hilversum
  association: [none]
  impact-sector: clearly
  impact-customers: a-lot
  impact-work: a-little
  strategy-areas: {product-design: none, planning: none, collaboration: none, inbound-logistics: invested,
    marketing-sales: planned, delivery: none, administration: invested, purchasing: none, cybersecurity: none}
  strategy-readiness: [needs-known]
  tools: [fast-internet, cloud-office, website, social-one]
  advanced-tech: {vr-ar: "0", iot: "0", blockchain: "0"}
  staff-internet: true
  staff-skills: [learning-by-doing]
  staff-engagement: [awareness]
  data-use: [stored-digitally]
  security: [none]
  ai-use: {language: "1", vision: "0", audio: "0", robotics: "0", decision-support: "0"}
  green-uses: [paperless]
  green-practices: {green-in-plans: "no", environmental-management: "no", green-purchasing: "no", energy-monitoring: partly, recycling: "yes"}
  topics: [cybersecurity]
  consent-statistics: true
  consent-follow-up: false
  consent-handover: false
`))
	if err != nil {
		log.Fatal(err)
	}
	answers, err := f.Answers(qn)
	if err != nil {
		log.Fatal(err)
	}
	asOf := date.MustParse("2026-11-27")
	r, err := scan.Score(qn, answers, scan.Options{AsOf: asOf, Lang: i18n.EN})
	if err != nil {
		log.Fatal(err)
	}
	if err := referral.Match(cat, qn, r, referral.Options{AsOf: asOf, Lang: i18n.EN}); err != nil {
		log.Fatal(err)
	}
	fmt.Println("First steps:")
	for i, a := range r.Advice {
		fmt.Printf("%d. %s\n", i+1, a.Title)
	}
	fmt.Println("Where to get help:")
	for _, ref := range r.Referrals[:referral.Headline] {
		fmt.Printf("- %s: %s\n", ref.Name, ref.Reasons[0])
	}
	fmt.Println(len(r.Referrals)-referral.Headline, "more options")
	// Output:
	// First steps:
	// 1. Set up backups and two-step login
	// 2. Be found where your customers look
	// 3. Put your digital plan on one page
	// Where to get help:
	// - Basisscan Cyberweerbaarheid (basic cyber resilience scan): your score for data and security is low (7 out of 100)
	// - MKB-werkplaats (digital student lab): your score for data and security is low (7 out of 100)
	// - SPOT035 themed workshops: you have a lot to gain from digitalisation, and here you get guidance
	// 1 more options
}
