package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fuzzTargets lists every fuzz target of the module under root, as
// "FuzzName ./dir" (the form .ci/run lists them in).
func fuzzTargets(root string) ([]string, error) {
	decl := regexp.MustCompile(`(?m)^func (Fuzz\w*)\(\w+ \*testing\.F\)`)
	var targets []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		for _, m := range decl.FindAllStringSubmatch(string(src), -1) {
			targets = append(targets, m[1]+" ./"+filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(targets)
	return targets, err
}

// ciFuzzed lists the targets the fuzz step of a CI script runs: the quoted
// "FuzzName ./dir" words of its loop.
func ciFuzzed(script string) []string {
	var list []string
	for _, m := range regexp.MustCompile(`"(Fuzz\w*) (\./[\w./-]+)"`).FindAllStringSubmatch(script, -1) {
		list = append(list, m[1]+" "+strings.TrimSuffix(m[2], "/"))
	}
	slices.Sort(list)
	return list
}

// notFuzzed is what fuzzTargets finds under root that the CI script does
// not run, and what the script names that does not exist.
func notFuzzed(t *testing.T, root, script string) (missing, stale []string) {
	t.Helper()
	have, err := fuzzTargets(root)
	if err != nil {
		t.Fatal(err)
	}
	ci := ciFuzzed(script)
	for _, x := range have {
		if !slices.Contains(ci, x) {
			missing = append(missing, x)
		}
	}
	for _, x := range ci {
		if !slices.Contains(have, x) {
			stale = append(stale, x)
		}
	}
	return missing, stale
}

// .ci/run fuzzes every fuzz target of the repository (issue 12): a new
// Fuzz function that is not in its list fails here, as does a listed one
// that no longer exists.
func TestCIFuzzesEveryTarget(t *testing.T) {
	root := filepath.Join("..", "..")
	script, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	missing, stale := notFuzzed(t, root, string(script))
	for _, x := range missing {
		t.Errorf(".ci/run does not fuzz %s: add \"%s\" to the list of its fuzz step", x, x)
	}
	for _, x := range stale {
		t.Errorf(".ci/run fuzzes %s, which does not exist: remove it from the list", x)
	}
}

// The check itself finds a target the list lacks and a listed one that is gone.
func TestNotFuzzed(t *testing.T) {
	root := t.TempDir()
	for p, src := range map[string]string{
		"a/fuzz_test.go":          "package a\n\nfunc FuzzLoad(f *testing.F) {}\nfunc FuzzMore(f *testing.F) {}\n",
		"b/c/x_test.go":           "package c\n\nfunc FuzzParse(fz *testing.F) {}\nfunc TestFuzzNot(t *testing.T) {}\n",
		"b/c/x.go":                "package c\n\nfunc FuzzNotATest(f *testing.F) {}\n",
		"a/testdata/skip_test.go": "package skip\n\nfunc FuzzIgnored(f *testing.F) {}\n",
	} {
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := "for target in \\\n  \"FuzzLoad ./a\" \"FuzzGone ./a\" \\\n  \"FuzzParse ./b/c\"; do\n"
	missing, stale := notFuzzed(t, root, script)
	if got := strings.Join(missing, ","); got != "FuzzMore ./a" {
		t.Errorf("missing %q", got)
	}
	if got := strings.Join(stale, ","); got != "FuzzGone ./a" {
		t.Errorf("stale %q", got)
	}
}
