package scan

import (
	"os"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

func benchAnswers(b *testing.B, file string) (*q.Questionnaire, Answers) {
	qn, err := q.Builtin("intake")
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	f, err := ParseFile(file, data)
	if err != nil {
		b.Fatal(err)
	}
	a, err := f.Answers(qn)
	if err != nil {
		b.Fatal(err)
	}
	return qn, a
}

// BenchmarkScore: scoring one result (goal: under 5 µs; batch scoring of
// survey exports builds on it).
func BenchmarkScore(b *testing.B) {
	for _, file := range []string{"winkel-hilversum", "maakbedrijf-huizen"} {
		b.Run(file, func(b *testing.B) {
			qn, a := benchAnswers(b, "../examples/answers/"+file+".yaml")
			opt := Options{AsOf: date.MustParse("2026-11-27"), Mode: ModeSurvey}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Score(qn, a, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheck: checking one set of answers (done before scoring).
func BenchmarkCheck(b *testing.B) {
	qn, a := benchAnswers(b, "../examples/answers/maakbedrijf-huizen.yaml")
	b.ReportAllocs()
	for b.Loop() {
		if ps := Check(qn, a); len(ps) > 0 {
			b.Fatal(ps)
		}
	}
}

// BenchmarkLoadIntake: loading and validating the embedded questionnaire,
// paid once by every scan.
func BenchmarkLoadIntake(b *testing.B) {
	data, err := os.ReadFile("../questionnaires/intake.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Load("intake.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
