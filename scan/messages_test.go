package scan

import (
	"math/rand/v2"
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
	table, err := i18n.MessageTable(messagesYAML)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range table {
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
			if _, ok := table[m[1]]; !ok {
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

// yesNo lower-cases on the stack; it reads every word as a switch on
// strings.ToLower does: random words of the letters of the yes/no words,
// in both cases, with accents and the Kelvin sign (which lower-cases to k).
func TestYesNoIsToLower(t *testing.T) {
	plain := func(word string) string {
		switch strings.ToLower(word) {
		case "true", "yes", "ja", "y", "j", "false", "no", "nee", "n", "1", "0", q.DontKnowID:
			return strings.ToLower(word)
		}
		return ""
	}
	qu := &q.Question{ID: "x", Type: q.YesNo, DontKnow: true}
	letters := []string{"t", "r", "u", "e", "y", "s", "j", "a", "f", "l", "n", "o", "d", "k", "w", "-", "1", "0", "T", "Y", "J", "N", "E", "S", "K", "\u212a", "é", " "}
	rnd := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 200000; i++ {
		w := ""
		for range 1 + rnd.IntN(9) {
			w += letters[rnd.IntN(len(letters))]
		}
		if i%7 == 0 { // the words themselves, in random case
			w = []string{"Yes", "JA", "nEe", "True", "FALSE", "Y", "j", "Dont-Know", "dont-\u212anow"}[rnd.IntN(9)]
		}
		id, known, _ := yesNo(qu, w, true)
		if want := plain(w); known != (want != "") || known && id != map[string]string{"true": Yes, "yes": Yes, "ja": Yes, "y": Yes, "j": Yes, "1": Yes, "false": No, "no": No, "nee": No, "n": No, "0": No, q.DontKnowID: q.DontKnowID}[want] {
			t.Fatalf("yesNo(%q) = %q, %v; strings.ToLower reads %q", w, id, known, want)
		}
	}
}
