package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"syscall"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/builtin"
	"github.com/gooivechtstreek/digiscan/internal/config"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	"github.com/gooivechtstreek/digiscan/internal/interview"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/safefile"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/referral"
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

// textError is a message for the person, kept as a message key and its
// arguments so exitCode shows it in the language of the run (which a
// resumed draft or an answers file may change after the error was made).
// An argument that is an error is shown in that language too (errText).
// err, when set, is the cause, for errors.Is; its text is not shown
// unless an argument holds it.
type textError struct {
	key  string
	args []any
	err  error
}

func (e textError) Error() string { return e.In(i18n.EN) }

func (e textError) Unwrap() error { return e.err }

// In is the message in l.
func (e textError) In(l i18n.Lang) string {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		switch a := a.(type) {
		case msgKey:
			args[i] = msg.T(l, string(a))
		case i18n.Text:
			args[i] = a.In(l)
		case error:
			args[i] = errText(a, l)
		default:
			args[i] = a
		}
	}
	return msg.Tf(l, e.key, args...)
}

// errT is an error with the message key (internal/msg) and args, shown in
// the language of the run; a cause among args is kept for errors.Is.
func errT(key string, args ...any) error {
	e := textError{key: key, args: args}
	for _, a := range args {
		if err, ok := a.(error); ok {
			e.err = err
		}
	}
	return e
}

// wrapT is errT with cause as the error it wraps (errors.Is), whether or
// not the message shows it.
func wrapT(cause error, key string, args ...any) error {
	return textError{key: key, args: args, err: cause}
}

// msgKey is an argument of a textError that is itself a message key,
// shown in the same language.
type msgKey string

// usageT is errT for a mistake in how the command was called (exit 2).
func usageT(key string, args ...any) error { return usageError{errT(key, args...)} }

// dbError is an error of the database at path: exitCode names the file.
type dbError struct {
	path string
	err  error
}

func (e dbError) Error() string { return e.err.Error() }

func (e dbError) Unwrap() error { return e.err }

// withDB adds the database's path to an error of the database itself
// (busy, full, damaged, …), so the message can name the file.
func withDB(err error, path string) error {
	if err == nil || path == "" {
		return err
	}
	if te, ok := err.(textError); ok { // its causes in the message: "the scan was not saved: …"
		args := make([]any, len(te.args))
		for i, a := range te.args {
			if e, ok := a.(error); ok {
				a = withDB(e, path)
			}
			args[i] = a
		}
		te.args = args
		return te
	}
	for _, s := range storeErrors {
		if s.db && errors.Is(err, s.err) {
			return dbError{path, err}
		}
	}
	return err
}

// storeErrors are the sentinel errors of the store with the message that
// says them in the person's language; db marks errors of the database file
// itself, whose message names the file.
var storeErrors = []struct {
	err error
	key string
	db  bool
}{
	{store.ErrBusy, "err.store.busy", true},
	{store.ErrFull, "err.store.full", true},
	{store.ErrReadOnly, "err.store.read-only", true},
	{store.ErrCorrupt, "err.store.corrupt", true},
	{store.ErrNotDatabase, "err.store.not-database", true},
	{store.ErrNewerSchema, "err.store.newer-schema", true},
	{store.ErrNetworkFS, "err.store.network-fs", true},
	{store.ErrNoConsent, "err.store.no-consent", false},
	{store.ErrErased, "err.store.erased", false},
	{store.ErrExists, "err.store.exists", false},
	{store.ErrNotFound, "err.store.not-found", false},
}

// errText is err as the person reads it in l: a textError or strictyaml
// error in l, a store error as a sentence in l, anything else as it is.
func errText(err error, l i18n.Lang) string {
	var te textError
	var list strictyaml.Errors
	var one *strictyaml.Error
	var dbe dbError
	var amb *store.AmbiguousError
	switch {
	case errors.As(err, &te):
		return te.In(l)
	case errors.As(err, &list):
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = e.In(l)
		}
		return strings.Join(lines, "\n")
	case errors.As(err, &one):
		return one.In(l)
	case errors.As(err, &amb):
		return ambiguousText(amb, l)
	}
	for _, s := range storeErrors {
		if !errors.Is(err, s.err) {
			continue
		}
		path := "?"
		if errors.As(err, &dbe) {
			path = dbe.path
		}
		if s.db {
			return msg.Tf(l, s.key, path)
		}
		return msg.T(l, s.key)
	}
	var we *safefile.WriteError
	var lang *i18n.UnknownLangError
	var cfg *config.MissingError
	var bi *builtin.UnknownError
	var prog *referral.UnknownProgrammeError
	var val *referral.UnknownValueError
	switch {
	case errors.As(err, &we):
		return writeErrText(we, l)
	case errors.As(err, &lang):
		return msg.Tf(l, "err.unknown-lang", lang.Value)
	case errors.As(err, &cfg):
		return msg.Tf(l, "err.config-missing", cfg.Path)
	case errors.As(err, &bi):
		return msg.Tf(l, "err.no-builtin."+bi.Kind, bi.Name, hintText(bi.Name, bi.Names, "err.builtin-list", l))
	case errors.As(err, &val):
		return msg.Tf(l, "err.unknown."+val.What, val.Value, hintText(val.Value, val.Known, "err.one-of", l))
	case errors.As(err, &prog):
		return msg.Tf(l, "err.unknown-programme", prog.ID, prog.Catalogue, hintText(prog.ID, prog.Known, "err.one-of", l))
	}
	if text, ok := osErrText(err, l); ok {
		return text
	}
	var lines *store.InvalidLinesError
	if errors.As(err, &lines) {
		return invalidLinesText(lines, l)
	}
	return err.Error()
}

// invalidLinesText is store.InvalidLinesError in l; the reason of each
// line (the JSON decoder's or the result check's) stays as it is.
func invalidLinesText(e *store.InvalidLinesError, l i18n.Lang) string {
	var b strings.Builder
	name := e.Name
	if name == "" {
		name = "import"
	}
	b.WriteString(msg.Tf(l, "err.import-invalid-lines", name, e.Total))
	for _, x := range e.Lines {
		fmt.Fprintf(&b, "\n  %s:%d: %v", name, x.Line, x.Err)
	}
	if more := e.Total - len(e.Lines); more > 0 {
		b.WriteString("\n  " + msg.Tf(l, "err.import-more", more))
	}
	return b.String()
}

// ambiguousText is store.AmbiguousError in l.
func ambiguousText(e *store.AmbiguousError, l i18n.Lang) string {
	ids := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		ids[i] = fmt.Sprintf("#%d", c.ID)
		if c.KVK != "" {
			ids[i] += " (KVK " + c.KVK + ")"
		}
	}
	return msg.Tf(l, "err.company-ambiguous", e.Ref, len(e.Candidates), strings.Join(ids, ", "))
}

// hintText is " (did you mean …?)" for a likely typo of one of known,
// else the message key listKey with the known ones, in l.
func hintText(got string, known []string, listKey string, l i18n.Lang) string {
	if h := strictyaml.DidYouMeanText(got, known); h != (i18n.Text{}) {
		return h.In(l)
	}
	if len(known) == 0 || len(known) > 16 {
		return ""
	}
	return msg.Tf(l, listKey, strings.Join(known, ", "))
}

// writeErrText is a file that cannot be written, in l.
func writeErrText(e *safefile.WriteError, l i18n.Lang) string {
	switch {
	case e.IsDir:
		return msg.Tf(l, "err.write.is-dir", e.Path)
	case e.NoDir != "":
		return msg.Tf(l, "err.write.no-dir", e.Path, e.NoDir)
	case errors.Is(e.Err, syscall.ENOSPC):
		return msg.Tf(l, "err.write.full", e.Path)
	case errors.Is(e.Err, fs.ErrPermission), errors.Is(e.Err, syscall.EROFS):
		return msg.Tf(l, "err.write.permission", e.Path)
	}
	return msg.Tf(l, "err.write.other", e.Path, e.Err)
}

// osErrText is a file error of the operating system (a *fs.PathError)
// as a sentence in l naming the file.
func osErrText(err error, l i18n.Lang) (string, bool) {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return "", false
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return msg.Tf(l, "err.file.not-exist", pe.Path), true
	case errors.Is(err, fs.ErrPermission):
		return msg.Tf(l, "err.file.permission", pe.Path), true
	case errors.Is(err, fs.ErrExist):
		return msg.Tf(l, "err.file.exists", pe.Path), true
	case errors.Is(err, syscall.ENOSPC):
		return msg.Tf(l, "err.file.full", pe.Path), true
	case errors.Is(err, syscall.EISDIR):
		return msg.Tf(l, "err.file.is-dir", pe.Path), true
	}
	return "", false
}

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
		fmt.Fprintf(stderr, "digiscan: %s\n", localizeCobra(errText(err, lang), lang))
		fmt.Fprintln(stderr, msg.T(lang, "err.usage-hint"))
		return exitUsage
	}
	var list strictyaml.Errors
	var one *strictyaml.Error
	var te textError
	switch {
	case errors.As(err, &te):
		fmt.Fprintf(stderr, "digiscan: %s\n", te.In(lang))
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
		fmt.Fprintf(stderr, "digiscan: %s\n", errText(err, lang))
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
	{regexp.MustCompile(`^invalid age "(.*)": use a number and d, w, m or y, for example 6m$`), "err.invalid-age-dwmy"},
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
