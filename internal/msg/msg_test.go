package msg

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every message has both languages with the same printf verbs.
func TestMessagesComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for k, v := range parseYAML(t) {
		if v.NL == "" || v.EN == "" {
			t.Errorf("%s: missing a translation (%+v)", k, v)
		}
		if a, b := verbs.FindAllString(v.NL, -1), verbs.FindAllString(v.EN, -1); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: verbs differ: nl %v, en %v", k, a, b)
		}
	}
}

// Every key the Go code asks for exists: a missing one would show as [key].
func TestMessageKeysUsed(t *testing.T) {
	// msg.T(lang, "key"), msg.Tf(...), the helpers x.t("key"), x.tf(...),
	// and cmd/digiscan's errors errT("key"), usageT("key"), wrapT(err, "key").
	call := regexp.MustCompile(`(?:\bmsg\.(?:T|Tf)\(\s*[a-zA-Z.]+,\s*|\bwrapT\(\s*[a-zA-Z.]+,\s*|\.(?:t|tf)\(\s*|\b(?:errT|usageT)\(\s*)"([a-z][a-z0-9-]*\.[a-z0-9.-]+)"`)
	root, _ := filepath.Abs("../..") // the repository
	found := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		// stats and export keep their labels in their own YAML (labels.yaml,
		// columns.yaml), looked up by their own t().
		if rel, _ := filepath.Rel(root, p); strings.HasPrefix(rel, filepath.Join("internal", "stats")+string(filepath.Separator)) || strings.HasPrefix(rel, filepath.Join("internal", "export")+string(filepath.Separator)) {
			return nil
		}
		src, _ := os.ReadFile(p)
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			found++
			if !Has(m[1]) && !strings.HasSuffix(m[1], ".") {
				t.Errorf("%s: message %q is not in messages.yaml", p, m[1])
			}
		}
		return nil
	})
	if found < 100 {
		t.Fatalf("found only %d message keys in the code; the pattern is broken", found)
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		f    string
		args []any
		want string
	}{
		{"%d {scan|scans}", []any{1}, "1 scan"},
		{"%d {scan|scans}", []any{0}, "0 scans"},
		{"%d {scan|scans}", []any{2}, "2 scans"},
		{"%d {scan|scans} en %d {concept|concepten}", []any{1, 3}, "1 scan en 3 concepten"},
		{"%s: %d {fout|fouten}, 100%% klaar", []any{"x", 1}, "x: 1 fout, 100% klaar"},
		{"%d van %d {rij|rijen}", []any{1, 1}, "1 van 1 rij"},
		{"%d van %d {rij|rijen}", []any{1, 4}, "1 van 4 rijen"},
		{"geen {accolade", []any{}, "geen {accolade"},
		{"%q {a|b}", []any{"x"}, `"x" b`},
	} {
		if got := fmt.Sprintf(plural(tc.f, tc.args), tc.args...); got != tc.want {
			t.Errorf("%q %v: %q, want %q", tc.f, tc.args, got, tc.want)
		}
	}
}

// TestNoParenthesisedPlurals: "1 scan(s)" is how a program speaks, not a
// person; counts choose their noun with {one|other}.
func TestNoParenthesisedPlurals(t *testing.T) {
	choice := regexp.MustCompile(`\{[^{}|]*\|[^{}]*\}`)
	re := regexp.MustCompile(`%d[^"]*?\p{L}\((s|en|es|men|e|n)\)|/bedrijven|/problemen|/resultaten`)
	for _, m := range generated {
		for _, s := range []string{m.nl, m.en} {
			if re.MatchString(s) {
				t.Errorf("%s: %q: write the plural as {one|other}", m.key, s)
			}
			if loc := choice.FindStringIndex(s); loc != nil && !strings.Contains(s[:loc[0]], "%d") {
				t.Errorf("%s: %q: a {one|other} needs a %%d before it", m.key, s)
			}
		}
	}
}
