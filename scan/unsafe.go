package scan

import (
	"unicode"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// UnsafeRune reports whether r must never be stored in a text: a control
// character (C0, DEL, C1: they move the cursor, clear the screen, set the
// terminal's title, fake a new line) or a bidirectional formatting
// character (it reorders what a terminal or a spreadsheet shows).
func UnsafeRune(r rune) bool {
	if unicode.IsControl(r) {
		return true
	}
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F, // ALM, LRM, RLM
		r >= 0x202A && r <= 0x202E, // LRE, RLE, PDF, LRO, RLO
		r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

// CheckPrintable is "" when s holds no UnsafeRune, else a message (in
// English) naming the first one and where it is.
func CheckPrintable(s string) string { return checkPrintable(s).EN }

// CheckPrintableIn is CheckPrintable in lang.
func CheckPrintableIn(s string, lang i18n.Lang) string { return checkPrintable(s).In(lang) }

// checkPrintable is CheckPrintable in both languages; zero when fine.
func checkPrintable(s string) i18n.Text {
	n := 0
	for _, r := range s {
		n++
		if UnsafeRune(r) {
			return tf("text.unsafe", n, r)
		}
	}
	return i18n.Text{}
}
