package i18n

import (
	"fmt"
	"strings"

	"github.com/gooivechtstreek/digiscan/date"
)

// Lang is a language digiscan speaks.
type Lang string

// The supported languages. Dutch is the default: the tool serves a Dutch region.
const (
	NL Lang = "nl"
	EN Lang = "en"
)

// Langs lists the supported languages in display order.
var Langs = []Lang{NL, EN}

// ParseLang accepts "nl" or "en" (case-insensitive, surrounding space ignored).
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "nl":
		return NL, nil
	case "en":
		return EN, nil
	}
	return "", &UnknownLangError{Value: s}
}

// UnknownLangError is a language digiscan does not speak; the program
// says it in the person's language.
type UnknownLangError struct{ Value string }

func (e *UnknownLangError) Error() string {
	return fmt.Sprintf("unknown language %q: use nl or en", e.Value)
}

// FromLocale derives a language from a POSIX locale such as LANG=en_GB.UTF-8.
// It reports false when the locale does not name a supported language
// (for example "C" or "POSIX"), so the caller can fall back to its default.
func FromLocale(locale string) (Lang, bool) {
	l := strings.ToLower(locale)
	if i := strings.IndexAny(l, "_.@-"); i >= 0 {
		l = l[:i]
	}
	switch l {
	case "nl":
		return NL, true
	case "en":
		return EN, true
	}
	return "", false
}

// Resolve applies digiscan's language precedence: the first non-empty of
// flag, file (an answers file's lang:) and config, then the locale
// environment (LC_ALL, LC_MESSAGES, LANG in POSIX order), else Dutch.
// Invalid explicit values are errors; an unsupported locale is ignored.
func Resolve(flag, file, config string, getenv func(string) string) (Lang, error) {
	for _, v := range []string{flag, file, config} {
		if v != "" {
			return ParseLang(v)
		}
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if l, ok := FromLocale(v); ok {
				return l, nil
			}
			break // the first set variable wins, even when it names another language
		}
	}
	return NL, nil
}

// Day writes a date as people of l write it: 27-11-2026 in Dutch,
// 2026-11-27 in English.
func Day(l Lang, d date.Date) string {
	if l == NL {
		return d.Dutch()
	}
	return d.String()
}
