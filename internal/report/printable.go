package report

import (
	"fmt"
	"maps"
	"strings"

	"github.com/gooivechtstreek/digiscan/scan"
)

// Printable is s with every control or text-direction character
// (scan.UnsafeRune) shown as an escape (\x1b, \u202e) instead of obeyed:
// text that reaches a terminal never moves the cursor, clears the screen,
// sets the title, fakes a line or reverses what follows. Storing such
// text is refused; this guards what older databases may hold.
func Printable(s string) string {
	if !strings.ContainsFunc(s, scan.UnsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !scan.UnsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// printableResult is r, or a copy with its free texts made Printable.
func printableResult(r *scan.Result) *scan.Result {
	unsafe := func(s string) bool { return strings.ContainsFunc(s, scan.UnsafeRune) }
	dirty := unsafe(r.Advisor) || unsafe(r.Organisation) || unsafe(r.HeardVia)
	if c := r.Company; c != nil {
		dirty = dirty || unsafe(c.Name) || unsafe(c.KVK) || unsafe(c.Establishment)
	}
	for _, a := range r.Answers {
		dirty = dirty || unsafe(a.Text)
	}
	if !dirty {
		return r
	}
	c := *r
	c.Advisor, c.Organisation, c.HeardVia = Printable(r.Advisor), Printable(r.Organisation), Printable(r.HeardVia)
	if r.Company != nil {
		co := *r.Company
		co.Name, co.KVK, co.Establishment = Printable(co.Name), Printable(co.KVK), Printable(co.Establishment)
		c.Company = &co
	}
	c.Answers = maps.Clone(r.Answers)
	for id, a := range c.Answers {
		a.Text = Printable(a.Text)
		c.Answers[id] = a
	}
	return &c
}
