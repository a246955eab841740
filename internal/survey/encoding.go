package survey

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
)

// cp1252 names Windows-1252, the "ANSI" code page Excel on a Dutch or
// English Windows saves "CSV (comma delimited)" in.
const cp1252 = "windows-1252"

// sniff tells the encoding of a file from its start b: "" for UTF-8 (or
// plain ASCII), cp1252 when it is certainly Windows-1252, else a
// description of what it seems to be, for the message.
//
// Certain means: not UTF-8, and every byte above ASCII is one that Dutch
// or English text in Windows-1252 uses: an accented letter (é, ë, ï, ü,
// ç, ñ, …) or common punctuation (€, curly quotes, dashes, …). Other
// 8-bit encodings (Mac Roman, code page 850) put their accented letters
// on bytes that are rare symbols in Windows-1252 (Ž, ‰, ¬, …), so such a
// file is named, not guessed.
func sniff(b []byte) string {
	// The peek may end inside a character.
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				b = b[:len(b)-i]
			}
			break
		}
	}
	if utf8.Valid(b) {
		return ""
	}
	nul := 0
	for _, c := range b {
		if c == 0 {
			nul++
		}
	}
	if nul > len(b)/4 {
		return "UTF-16 without a byte order mark"
	}
	for _, c := range b {
		if c >= 0x80 && !cp1252Text(c) {
			return fmt.Sprintf("an 8-bit encoding other than Windows-1252 (byte 0x%02X; Mac Roman or code page 850?)", c)
		}
	}
	return cp1252
}

// cp1252Text reports whether byte c (≥ 0x80) is a letter or common
// punctuation in Windows-1252.
func cp1252Text(c byte) bool {
	switch {
	case c >= 0xC0:
		return c != 0xD7 && c != 0xF7 // × ÷
	case c >= 0xA0:
		// NBSP, ©, «, °, ², ³, ´, ·, », ½
		return strings.IndexByte("\xA0\xA9\xAB\xB0\xB2\xB3\xB4\xB7\xBB\xBD", c) >= 0
	}
	// €, …, ‘ ’ “ ”, •, – —, ™
	return strings.IndexByte("\x80\x85\x91\x92\x93\x94\x95\x96\x97\x99", c) >= 0
}

// responseDate reads the date a survey tool recorded a response on: ISO
// (2026-11-27, LimeSurvey's 2026-11-27 14:03:22, 2026-11-27T14:03:22Z) or
// Dutch (27-11-2026, 27-11-2026 14:03:22). Slashes are refused: 03/04/2026
// is April in Dutch and March in American English.
//
// layout, when not empty, is the one format of the day part (a map's
// date_format).
func responseDate(cell, layout string, l i18n.Lang) (date.Date, string) {
	day := cell
	if i := strings.IndexAny(day, " T"); i >= 0 {
		day = day[:i]
	}
	if layout != "" {
		t, err := time.Parse(layout, day)
		if err != nil {
			return date.Date{}, msg.Tf(l, "score.row.date-like", time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC).Format(layout), cell)
		}
		return date.Of(t), ""
	}
	if d, err := date.Parse(day); err == nil {
		return d, ""
	}
	if t, err := time.Parse("2-1-2006", day); err == nil {
		return date.Of(t), ""
	}
	if strings.Contains(day, "/") {
		return date.Date{}, msg.Tf(l, "score.row.date-ambiguous", cell)
	}
	return date.Date{}, msg.Tf(l, "score.row.date", cell)
}
