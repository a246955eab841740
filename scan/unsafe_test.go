package scan

import (
	"strings"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Text answers with control or bidi characters are refused (issue 12): an
// imported or typed company name must not set the terminal's title, clear
// the screen, fake a line or reverse what is shown.
func TestCheckTextRefusesControlAndBidi(t *testing.T) {
	qu := &q.Question{ID: "company-name", Type: q.Text}
	for _, tc := range []struct {
		in   string
		want string // substring of the message; "" = accepted
	}{
		{"Fietsenwinkel De Vries", ""},
		{"Café ’t Hoekje – 😀 👩‍👩‍👧", ""}, // accents, quotes, dashes, emoji with joiners
		{"Bakkerij \x1b]0;pwned\x07", "U+001B"},
		{"A\x1b[2JB", "character 2 is a control"},
		{"Line\r\nFake line", "U+000D"},
		{"Tab\there", "U+0009"},
		{"C1 \u009b31m", "U+009B"},
		{"evil\u202Etxt.exe", "U+202E"},
		{"iso\u2066late\u2069", "U+2066"},
		{"mark\u200F", "U+200F"},
		{"nul\x00", "U+0000"},
		{"del\x7f", "U+007F"},
	} {
		got := CheckText(qu, tc.in)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("CheckText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A survey cell that spans lines becomes one line; the control characters
// CheckText refuses stay for it to refuse.
func TestParseCellFoldsLineBreaks(t *testing.T) {
	qu := &q.Question{ID: "company-name", Type: q.Text}
	for in, want := range map[string]string{
		"Bakkerij\n\"De Korenaar\"\r\nLaren": `Bakkerij "De Korenaar" Laren`,
		"a\tb":                               "a b",
		"evil\x1b[2J":                        "evil\x1b[2J",
	} {
		a, _, msg := ParseCell(qu, in)
		if a.Text != want || msg != "" {
			t.Errorf("ParseCell(%q) = %q, %q; want %q", in, a.Text, msg, want)
		}
		if got := CheckText(qu, a.Text); (got != "") != strings.ContainsRune(want, 0x1b) {
			t.Errorf("CheckText(%q) = %q", a.Text, got)
		}
	}
}
