package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/scan"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"Fietsenwinkel De Vries": "Fietsenwinkel De Vries",
		"Café 😀":                 "Café 😀",
		"A\x1b]0;pwned\x07B":     `A\x1b]0;pwned\x07B`,
		"line\r\nfake":           `line\x0d\x0afake`,
		"C1\u009b2J":             `C1\x9b2J`,
		"evil\u202Eexe.txt":      `evil\u202eexe.txt`,
		"":                       "",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// What a stored result holds (written before refusing it, or by another
// tool) is shown, never obeyed, in the result, the line-mode result and
// the scans list (issue 12).
func TestTerminalEscapesStoredText(t *testing.T) {
	r, qn := miniResult(t, nil)
	const evil = "Bakkerij\x1b]0;pwned\x07\x1b[2J\r\nfake\u202E"
	r.Company = &scan.Company{Name: evil}
	r.Answers["company-name"] = scan.Answer{Text: evil}
	r.Advisor = evil
	check := func(what, out string) {
		t.Helper()
		if strings.ContainsFunc(out, func(r rune) bool { return scan.UnsafeRune(r) && r != '\n' }) {
			t.Errorf("%s lets a control character through:\n%q", what, out)
		}
		if !strings.Contains(out, `Bakkerij\x1b]0;pwned\x07`) {
			t.Errorf("%s does not show the name escaped:\n%s", what, out)
		}
	}
	for _, lang := range i18n.Langs {
		var b bytes.Buffer
		if err := Terminal(&b, r, qn, lang, Style{Width: 80}); err != nil {
			t.Fatal(err)
		}
		check("Terminal", b.String())
		b.Reset()
		if err := Accessible(&b, r, qn, lang); err != nil {
			t.Fatal(err)
		}
		check("Accessible", b.String())
		b.Reset()
		if err := ScanList(&b, []ScanRow{{ID: "x", Company: evil}}, qn, lang, false); err != nil {
			t.Fatal(err)
		}
		check("ScanList", b.String())
	}
	if r.Company.Name != evil {
		t.Error("rendering changed the result")
	}
}

func TestFollowUpsEscapeNotes(t *testing.T) {
	r, _ := miniResult(t, nil)
	var b bytes.Buffer
	evil := "call back\x1b[2J\r\nfake"
	if err := FollowUps(&b, r, []store.FollowUp{{Note: evil, Reason: evil, HandoverNote: evil}}, i18n.EN); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(b.String(), 0x1b) || strings.ContainsRune(b.String(), '\r') || !strings.Contains(b.String(), `call back\x1b[2J`) {
		t.Errorf("%q", b.String())
	}
}
