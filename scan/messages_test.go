package scan

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Every message has both languages with the same printf verbs, and every
// key the code uses is in messages.yaml.
func TestMessagesBothLanguages(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for k, v := range messages() {
		if v.NL == "" || v.EN == "" {
			t.Errorf("%s: missing a language: %+v", k, v)
		}
		if a, b := verbs.FindAllString(v.NL, -1), verbs.FindAllString(v.EN, -1); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: verbs differ: nl %v, en %v", k, a, b)
		}
	}
	call := regexp.MustCompile(`\btf\("([a-z0-9.-]+)"`)
	files, _ := os.ReadDir(".")
	found := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f.Name())
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			found++
			if _, ok := messages()[m[1]]; !ok {
				t.Errorf("%s: message %q is not in messages.yaml", f.Name(), m[1])
			}
		}
	}
	if found < 40 {
		t.Fatalf("found only %d message keys in the code; the pattern is broken", found)
	}
}

// Conditions read in the language of the message.
func TestDescribeBothLanguages(t *testing.T) {
	// Conditions read in the language of the message.
	c := &q.Condition{Any: []*q.Condition{{Question: "size", In: []string{"zzp", "micro"}}, {Not: &q.Condition{Question: "sector", Answered: new(true)}}}}
	if got, want := describe(c), (i18n.Text{NL: "(alleen als size zzp of micro is of niet alleen als sector beantwoord is)", EN: "(only when size is zzp or micro or not only when sector is answered)"}); got != want {
		t.Errorf("describe = %+v, want %+v", got, want)
	}
	if Describe(c) != describe(c).EN {
		t.Error("Describe is not the English")
	}
}
