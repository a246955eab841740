package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
		fmt.Fprintf(stderr, "digiscan: %v\n", err)
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
		fmt.Fprintf(stderr, "digiscan: %v (%s)\n", err, msg.T(lang, "err.drafts-hint"))
	default:
		fmt.Fprintf(stderr, "digiscan: %v\n", err)
	}
	return exitError
}

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
