package scan_test

import (
	"bytes"
	"fmt"
	"os"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Score an answers file against the built-in intake questionnaire.
func ExampleScore() {
	qn, err := questionnaires.Builtin("intake")
	if err != nil {
		panic(err)
	}
	data, err := os.ReadFile("../examples/answers/winkel-hilversum.yaml")
	if err != nil {
		panic(err)
	}
	file, err := scan.ParseFile("winkel-hilversum.yaml", data)
	if err != nil {
		panic(err)
	}
	answers, err := file.Answers(qn) // checked: unknown ids, hidden questions, ...
	if err != nil {
		panic(err)
	}
	r, err := scan.Score(qn, answers, scan.Options{AsOf: date.MustParse("2026-11-27"), Mode: scan.ModeAdvisor})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Profile.Municipality, r.Profile.Sector, r.Profile.Size)
	fmt.Println("impact", r.Impact, "readiness", r.Readiness, "quadrant", r.Quadrant)
	fmt.Println("largest gap:", r.Gaps[0].Dimension, r.Gaps[0].Tier)
	fmt.Printf("DII %d of %d (%s), basic: %v\n", r.DigitalIntensity.Count, r.DigitalIntensity.Of, r.DigitalIntensity.Level, r.DigitalIntensity.Basic)
	// Output:
	// hilversum retail micro
	// impact 68 readiness 15 quadrant vulnerable
	// largest gap: strategy critical
	// DII 2 of 12 (very-low), basic: false
}

// An answers file with a mistake gets an error naming the file, line and
// column, with a suggestion.
func ExampleFile_Answers() {
	qn, _ := questionnaires.Builtin("intake")
	data, _ := os.ReadFile("../examples/answers/fotograaf-laren.yaml")
	file, _ := scan.ParseFile("fotograaf.yaml", bytes.Replace(data, []byte("sector: business-services"), []byte("sector: busines-services"), 1))
	_, err := file.Answers(qn)
	fmt.Println(err)
	// Output:
	// fotograaf.yaml:7:11: sector: unknown option "busines-services" (did you mean "business-services"?)
}
