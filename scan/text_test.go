package scan

import (
	"strings"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

func TestCheckText(t *testing.T) {
	free := &q.Question{ID: "name", Type: q.Text}
	kvk := &q.Question{ID: "kvk-number", Type: q.Text, Format: q.FormatKVK}
	est := &q.Question{ID: "establishment", Type: q.Text, Format: q.FormatEstablishment}
	for _, tt := range []struct {
		qu   *q.Question
		text string
		want string // part of the message; "" for none
	}{
		{free, "Bakkerij de Vries", ""},
		{free, strings.Repeat("é", MaxText), ""}, // characters, not bytes
		{free, strings.Repeat("é", MaxText+1), "text is too long (1001 characters; at most 1000)"},
		{free, "12 34", ""},
		{kvk, "12345678", ""},
		{kvk, "1234 5678", ""},
		{kvk, "1234.5678", ""},
		{kvk, "1234abcd", `"1234abcd" is not a number: a KVK number has 8 digits`},
		{kvk, "1234567", `a KVK number has 8 digits, "1234567" has 7`},
		{est, "000012345678", ""},
		{est, "12345678", "has 12 digits"},
	} {
		got := CheckText(tt.qu, tt.text)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("CheckText(%s, %.20q) = %q, want %q", tt.qu.ID, tt.text, got, tt.want)
		}
	}
}
