package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/gooivechtstreek/digiscan"

// packages maps every package directory of the module (relative to its
// root, with /) to the module packages and third-party paths its non-test
// files import.
func packages(t *testing.T, root string) map[string][]string {
	t.Helper()
	pkgs := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		dir := filepath.ToSlash(rel)
		if _, ok := pkgs[dir]; !ok {
			pkgs[dir] = nil
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			pkgs[dir] = append(pkgs[dir], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("found only %d packages under %s", len(pkgs), root)
	}
	return pkgs
}

// The README's architecture table lists every package that exists, and
// nothing that does not.
func TestREADMEArchitectureTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Architecture\n")
	if !ok {
		t.Fatal(`README.md has no "## Architecture" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)/` \\|").FindAllStringSubmatch(section, -1) {
		listed = append(listed, m[1])
	}
	exist := packages(t, "../..")
	for _, p := range listed {
		if _, ok := exist[p]; !ok {
			t.Errorf("README.md's architecture table lists %s/, which is not a package", p)
		}
	}
	for p := range exist {
		if !slices.Contains(listed, p) {
			t.Errorf("package %s/ is missing from README.md's architecture table", p)
		}
	}
}

// Public are only what another Go program would import: the trio that
// turns answers into a referral and the vocabulary their types use; the
// rest is internal, a command or a script. The trio imports nothing
// internal but the embedded-set helper, and only the interview imports huh.
func TestPackageBoundaries(t *testing.T) {
	public := []string{"questionnaires", "scan", "referral", "date", "i18n", "strictyaml"}
	for dir, imports := range packages(t, "../..") {
		top, _, _ := strings.Cut(dir, "/")
		switch {
		case slices.Contains(public, dir):
			for _, imp := range imports {
				if strings.HasPrefix(imp, module+"/internal/") && imp != module+"/internal/builtin" {
					t.Errorf("public package %s imports %s", dir, imp)
				}
			}
		case top != "internal" && top != "cmd" && top != "scripts":
			t.Errorf("package %s/ is public: move it under internal/ (or make it part of the public API in README.md and this test)", dir)
		}
		for _, imp := range imports {
			if strings.HasPrefix(imp, "github.com/charmbracelet/huh") && dir != "internal/interview" {
				t.Errorf("%s imports huh; only internal/interview asks questions", dir)
			}
		}
	}
}
