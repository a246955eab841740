package survey_test

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/survey"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
)

// A survey export with a column the questionnaire does not have: an
// error naming it, before any row is scored.
func ExampleScore() {
	qn, _ := q.Builtin(q.DefaultName)
	cat, _ := referral.Builtin(referral.DefaultName)
	in := "sector;sise;place\r\nretail;micro;laren\r\n"
	_, err := survey.Score(context.Background(), strings.NewReader(in), qn, cat,
		survey.Options{Name: "enquete.csv", AsOf: date.MustParse("2026-11-27"), Lang: i18n.EN}, io.Discard)
	fmt.Println(strings.SplitN(err.Error(), "; missing", 2)[0])
	// Output:
	// enquete.csv: header: 1 unknown column: "sise" (did you mean "size"?)
}
