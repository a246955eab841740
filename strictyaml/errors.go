package strictyaml

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// Error is one problem in one file. Line and Col are 1-based; 0 means unknown.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
	// Text, when set, is Msg in Dutch and English (Msg is its English):
	// In shows the error in the language the command runs in.
	Text i18n.Text
}

func (e *Error) Error() string { return e.In(i18n.EN) }

// In is Error with the message in l, where the error has it in l (Text);
// otherwise Msg.
func (e *Error) In(l i18n.Lang) string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, "%d:", e.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	if e.Text != (i18n.Text{}) {
		b.WriteString(e.Text.In(l))
	} else {
		b.WriteString(e.Msg)
	}
	return b.String()
}

// Errors is a list of problems, reported one per line.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the errors by file, line and column (stable for equal positions).
func (es Errors) Sort() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns nil for an empty list and the list otherwise, so that a nil
// Errors never turns into a non-nil error interface.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// List flattens err into its individual problems: an Errors list, a single
// *Error, or any other error (as an Error with only a message).
func List(err error) Errors {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok { // errors.Join
		var all Errors
		for _, e := range joined.Unwrap() {
			all = append(all, List(e)...)
		}
		all.Sort()
		return all
	}
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var e *Error
	if errors.As(err, &e) {
		return Errors{e}
	}
	return Errors{{Msg: err.Error()}}
}

// Pos is a source position. A struct field of this type is filled by Decode
// with the position of the mapping the struct was decoded from.
type Pos struct {
	Line int `json:"-" yaml:"-"`
	Col  int `json:"-" yaml:"-"`
}

// AtText makes an Error at this position with a message in both languages.
func (p Pos) AtText(file string, t i18n.Text) *Error {
	return &Error{File: file, Line: p.Line, Col: p.Col, Msg: t.EN, Text: t}
}

// At makes an Error at this position.
func (p Pos) At(file, format string, args ...any) *Error {
	return &Error{File: file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)}
}

// Keys records the position of every key of a mapping. A struct field of
// this type is filled by Decode, so validation can point at the exact key
// that holds a bad value.
type Keys map[string]Pos

// Of returns the position of key's value, or fallback when the key was absent.
func (k Keys) Of(key string, fallback Pos) Pos {
	if p, ok := k[key]; ok {
		return p
	}
	return fallback
}
