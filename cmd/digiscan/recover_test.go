package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// A panic that escapes a command becomes one line on stderr with where to
// report it, and exit 1 — in a test binary it stays a panic (issue 12).
func TestRecoverPanic(t *testing.T) {
	if !repanic {
		t.Fatal("in a test binary a panic must fail the test")
	}
	repanic = false
	defer func() { repanic = true }()
	for _, lang := range i18n.Langs {
		var stderr bytes.Buffer
		code := func() (code int) {
			l := lang
			defer recoverPanic(&stderr, &l, &code)
			var xs []int
			return xs[len(lang)] // index out of range
		}()
		out := stderr.String()
		if code != exitError {
			t.Errorf("%s: exit %d, want %d", lang, code, exitError)
		}
		if strings.Count(out, "\n") != 1 || strings.Contains(out, "goroutine") || !strings.Contains(out, "index out of range") ||
			!strings.Contains(out, "https://github.com/gooivechtstreek/digiscan/issues") {
			t.Errorf("%s: %q", lang, out)
		}
	}
	// No panic: nothing written, the code kept.
	var stderr bytes.Buffer
	code := func() (code int) {
		l := i18n.EN
		defer recoverPanic(&stderr, &l, &code)
		return 2
	}()
	if code != 2 || stderr.Len() != 0 {
		t.Errorf("without a panic: %d %q", code, stderr.String())
	}
}

func TestRepanicInTests(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("the panic did not reach the test")
		}
	}()
	var stderr bytes.Buffer
	func() (code int) {
		l := i18n.EN
		defer recoverPanic(&stderr, &l, &code)
		panic("boom")
	}()
}
