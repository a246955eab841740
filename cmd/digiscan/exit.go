package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	"github.com/gooivechtstreek/digiscan/internal/interview"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Exit codes (docs/design.md, "Exit codes"): 0 ok, 1 error, 2 usage, 130 aborted.
const (
	exitOK      = 0
	exitError   = 1
	exitUsage   = 2
	exitAborted = 130
)

// usageError is a mistake in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// silentError has already been reported to the user; it only sets the exit code.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error to the process exit code and prints it once.
// This is the only place that decides exit codes.
func exitCode(err error, stderr io.Writer, lang i18n.Lang) int {
	var silent silentError
	var usage usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &silent):
		return silent.code
	case errors.Is(err, interview.ErrInterrupted), errors.Is(err, context.Canceled):
		return exitAborted
	case errors.As(err, &usage) || isCobraUsage(err):
		fmt.Fprintf(stderr, "digiscan: %s\n", localizeCobra(err.Error(), lang))
		fmt.Fprintln(stderr, msg.T(lang, "err.usage-hint"))
		return exitUsage
	}
	var list strictyaml.Errors
	var one *strictyaml.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintln(stderr, e.In(lang))
		}
	case errors.As(err, &one):
		fmt.Fprintln(stderr, one.In(lang))
	case errors.Is(err, drafts.ErrNotFound):
		// The stores' English "draft not found: ID" in the person's language.
		text := err.Error()
		if id := draftID.FindString(text); id != "" {
			text = msg.Tf(lang, "err.draft-not-found", id)
		} else if _, rest, ok := strings.Cut(text, drafts.ErrNotFound.Error()+": "); ok {
			text = rest
		}
		fmt.Fprintf(stderr, "digiscan: %s (%s)\n", text, msg.T(lang, "err.drafts-hint"))
	default:
		fmt.Fprintf(stderr, "digiscan: %v\n", err)
	}
	return exitError
}

// cobraErrors are cobra's and pflag's own messages, as patterns with the
// message key of their translation (the groups are its arguments).
var cobraErrors = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`(?s)^unknown command "(.*?)" for "(.*?)"(.*)$`), "err.cobra.unknown-command"},
	{regexp.MustCompile(`(?s)^\s*Did you mean this\?(.*)$`), "err.cobra.did-you-mean"},
	{regexp.MustCompile(`^unknown flag: (.*)$`), "err.cobra.unknown-flag"},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (.*)$`), "err.cobra.unknown-shorthand"},
	{regexp.MustCompile(`^flag needs an argument: (.*)$`), "err.cobra.needs-argument"},
	{regexp.MustCompile(`(?s)^invalid argument "(.*?)" for "(.*?)" flag: (.*)$`), "err.cobra.invalid-argument"},
	{regexp.MustCompile(`^invalid date "(.*)": use YYYY-MM-DD, for example (.*)$`), "err.invalid-date"},
}

// localizeCobra gives cobra's own usage errors in the person's language.
func localizeCobra(text string, lang i18n.Lang) string {
	if lang == i18n.EN {
		return text
	}
	for _, c := range cobraErrors {
		if m := c.re.FindStringSubmatch(text); m != nil {
			args := make([]any, len(m)-1)
			for i, g := range m[1:] {
				args[i] = localizeCobra(g, lang) // a flag's own error inside
			}
			return msg.Tf(lang, c.key, args...)
		}
	}
	return text
}

// draftID finds a draft id in an error message.
var draftID = regexp.MustCompile(`\b[0-9]{8}-[a-z0-9]{8}\b`)

// isCobraUsage recognises cobra's own errors for unknown commands and flags.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "bad flag syntax", "required flag"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}
