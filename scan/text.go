package scan

import (
	_ "embed"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// The messages of checking answers are in messages.yaml, in Dutch and
// English: a Problem (and the errors of File.Answers) carries both, and
// the command shows the one of the language it runs in.

//go:embed messages.yaml
var messagesYAML []byte

// tf is message key formatted with args in both languages; an argument
// that is an i18n.Text is put in the same language. An unknown key comes
// back as "[key]" (the tests catch it). The table is read on the first
// message: a run without one pays nothing.
var tf = i18n.Messages("scan/messages.yaml", messagesYAML)

// plain is a text that reads the same in both languages (ids, quoted cells).
func plain(s string) i18n.Text { return i18n.Text{NL: s, EN: s} }

// concat joins texts language by language.
func concat(ts ...i18n.Text) i18n.Text {
	var r i18n.Text
	for _, t := range ts {
		r.NL += t.In(i18n.NL)
		r.EN += t.In(i18n.EN)
	}
	return r
}

// prefixed is "prefix: t".
func prefixed(prefix string, t i18n.Text) i18n.Text {
	return i18n.Text{NL: prefix + ": " + t.In(i18n.NL), EN: prefix + ": " + t.In(i18n.EN)}
}
