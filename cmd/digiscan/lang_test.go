package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/store"
)

// englishAllowed are the error literals of cmd/digiscan that may stay as
// they are, each with its reason: they never reach the person as text.
// Keyed by file and literal.
var englishAllowed = map[[2]string]string{
	{"progress.go", "not seekable"}: "io.Seeker's error to survey.Score, which reads the file once instead",
	{"score.go", "no row scored"}:   "a sentinel that stops writing the output file; cleared before any message",
}

// literalErrors finds the calls usagef, fmt.Errorf and errors.New whose
// format is a string literal with words in it: messages for the person,
// which belong in internal/msg/messages.yaml (errT, usageT, wrapT). A
// format of verbs and punctuation only ("%s: %w") wraps and is allowed.
func literalErrors(file *ast.File) (found []string) {
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		name := ""
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			name = fn.Name
		case *ast.SelectorExpr:
			if x, ok := fn.X.(*ast.Ident); ok {
				name = x.Name + "." + fn.Sel.Name
			}
		}
		if name != "usagef" && name != "fmt.Errorf" && name != "errors.New" {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		text, err := strconv.Unquote(lit.Value)
		if err != nil || !hasWords(text) {
			return true
		}
		found = append(found, text)
		return true
	})
	return found
}

// hasWords reports whether a format has letters outside its verbs.
func hasWords(format string) bool {
	for i := 0; i < len(format); i++ {
		if format[i] == '%' {
			i++
			for i < len(format) && strings.ContainsRune("+-# 0123456789.[]", rune(format[i])) {
				i++
			}
			continue
		}
		if unicode.IsLetter(rune(format[i])) {
			return true
		}
	}
	return false
}

// No English message reaches the person from a literal in cmd/digiscan:
// every message of a command is a key of internal/msg, shown in the
// language of the run.
func TestNoEnglishLiterals(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, p, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, text := range literalErrors(f) {
			if _, ok := englishAllowed[[2]string{p, text}]; !ok {
				t.Errorf("%s: %q is a message in English only: give it a key in internal/msg/messages.yaml and use errT/usageT/wrapT (or allow it in englishAllowed with the reason it never reaches the person)", p, text)
			}
		}
	}
	if checked < 10 {
		t.Fatalf("checked only %d files; the glob is broken", checked)
	}
}

// The checker itself: it finds English literals and lets wrapping through.
func TestLiteralErrorsFinds(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`usagef("--x must be y")`, []string{"--x must be y"}},
		{`fmt.Errorf("no scan %q", id)`, []string{"no scan %q"}},
		{`errors.New("busy")`, []string{"busy"}},
		{`fmt.Errorf("%s: %w", name, err)`, nil},
		{`fmt.Errorf("%w: %s", err, f.t("x"))`, nil},
		{`fmt.Errorf(format, args...)`, nil},
		{`usageT("err.prefer")`, nil},
		{`fmt.Sprintf("no scan %q", id)`, nil},
	}
	for _, tc := range tests {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "x.go", "package x\nfunc _() { _ = "+tc.src+" }", 0)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		got := literalErrors(f)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: found %q, want %q", tc.src, got, tc.want)
		}
	}
}

// The store's errors reach the person as a sentence in the run's language,
// naming the database for an error of the file itself, whatever English
// context they were wrapped in.
func TestStoreErrorsInLanguage(t *testing.T) {
	for _, s := range storeErrors {
		wrapped := fmt.Errorf("read scans: %w", s.err)
		err := withDB(wrapped, "/data/digiscan.db")
		for _, l := range []i18n.Lang{i18n.NL, i18n.EN} {
			got := errText(err, l)
			want := msg.T(l, s.key)
			if s.db {
				want = msg.Tf(l, s.key, "/data/digiscan.db")
			}
			if got != want {
				t.Errorf("%v in %s: %q, want %q", s.err, l, got, want)
			}
			if l == i18n.NL && strings.Contains(got, s.err.Error()) {
				t.Errorf("%v in Dutch has the English: %q", s.err, got)
			}
		}
	}
	// Inside a command's message too: "the scan was not saved: …".
	err := withDB(errT("err.scan-not-saved", fmt.Errorf("save: %w", store.ErrFull)), "/data/digiscan.db")
	if got, want := errText(err, i18n.NL), "de scan is niet bewaard: "+msg.Tf(i18n.NL, "err.store.full", "/data/digiscan.db"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
