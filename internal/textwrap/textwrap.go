// Package textwrap fits text to a terminal's columns: wrapping at spaces
// (never inside a word, a date or a web address) and cutting with "…",
// counting the width people see (wide characters, escape codes).
package textwrap

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap breaks text into lines of at most width columns, at spaces only:
// words are never split, so hyphenated words, dates (27-11-2026) and web
// addresses stay whole. A single word longer than width gets a line of its
// own. Existing line breaks are kept.
func Wrap(text string, width int) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		var cur strings.Builder
		curW := 0
		for _, w := range strings.Fields(para) {
			ww := ansi.StringWidth(w)
			switch {
			case curW == 0:
				cur.WriteString(w)
				curW = ww
			case curW+1+ww <= width:
				cur.WriteByte(' ')
				cur.WriteString(w)
				curW += 1 + ww
			default:
				lines = append(lines, cur.String())
				cur.Reset()
				cur.WriteString(w)
				curW = ww
			}
		}
		lines = append(lines, cur.String())
	}
	return lines
}

// Truncate shortens s to n columns, ending in … when it cut.
func Truncate(s string, n int) string {
	if ansi.StringWidth(s) <= n {
		return s
	}
	return ansi.Truncate(s, n-1, "") + "…"
}
