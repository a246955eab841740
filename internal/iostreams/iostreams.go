// Package iostreams provides the standard streams of a command together
// with what is known about them (is it a terminal, how wide, may it have
// colour), so commands never touch os.Stdin/os.Stdout directly and tests
// can run them against buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"
	"strconv"

	"github.com/charmbracelet/x/term"
)

// IOStreams are a command's input and outputs.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool

	// Getenv reads the environment (os.Getenv, or a map in tests).
	Getenv func(string) string

	width func() int
}

// System returns the process's streams.
func System() *IOStreams {
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(os.Stdin.Fd()),
		OutTTY: term.IsTerminal(os.Stdout.Fd()),
		ErrTTY: term.IsTerminal(os.Stderr.Fd()),
		Getenv: os.Getenv,
	}
	s.width = func() int {
		for _, f := range []*os.File{os.Stdout, os.Stderr} {
			if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
				return w
			}
		}
		return 0
	}
	return s
}

// Test returns streams backed by buffers; none is a terminal.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	env := map[string]string{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, Getenv: func(k string) string { return env[k] }}, in, out, errOut
}

// Width is the terminal width for layout: COLUMNS when set, else the
// terminal's, else 80. Layout never uses more than 80 columns.
func (s *IOStreams) Width() int {
	w := 0
	if c, err := strconv.Atoi(s.Getenv("COLUMNS")); err == nil && c > 0 {
		w = c
	} else if s.width != nil {
		w = s.width()
	}
	if w <= 0 || w > 80 {
		return 80
	}
	return max(w, 40)
}

// ColorFor reports whether output to a stream that is (or is not) a
// terminal may be coloured: never with NO_COLOR or TERM=dumb, always with
// CLICOLOR_FORCE, else only on a terminal.
func (s *IOStreams) ColorFor(tty bool) bool {
	if s.Getenv("NO_COLOR") != "" || s.Getenv("TERM") == "dumb" {
		return false
	}
	if f := s.Getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return true
	}
	return tty
}

// Accessible reports whether the environment asks for plain line-by-line
// interaction: TERM=dumb or ACCESSIBLE set.
func (s *IOStreams) Accessible() bool {
	return s.Getenv("TERM") == "dumb" || s.Getenv("ACCESSIBLE") != ""
}
