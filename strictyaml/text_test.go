package strictyaml

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
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
	call := regexp.MustCompile(`\b(?:tf|fail)\((?:[a-z]+, )?"([a-z0-9.-]+)"`)
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
	if found < 30 {
		t.Fatalf("found only %d message keys in the code; the pattern is broken", found)
	}
}

// The generic messages come in both languages; Error() stays the English.
func TestErrorsBothLanguages(t *testing.T) {
	type doc struct {
		Name string `yaml:"name"`
		Age  int    `yaml:"age"`
	}
	tests := []struct {
		name   string
		data   string
		nl, en string
	}{
		{"empty", "", "f.yaml:1:1: het bestand is leeg", "f.yaml:1:1: file is empty"},
		{"binary", "a\x00b", "f.yaml:1:1: dit is geen tekstbestand (binaire gegevens); verwacht is YAML of JSON", "f.yaml:1:1: not a text file (binary data); expected YAML or JSON"},
		{"unknown key", "nmae: x\n", `f.yaml:1:1: onbekende sleutel "nmae" (bedoelde u "name"?)`, `f.yaml:1:1: unknown key "nmae" (did you mean "name"?)`},
		{"known keys", "colour: x\n", `f.yaml:1:1: onbekende sleutel "colour"; bekende sleutels: name, age`, `f.yaml:1:1: unknown key "colour"; known keys: name, age`},
		{"duplicate", "name: a\nname: b\n", `f.yaml:2:1: sleutel "name" staat er twee keer (eerst op regel 1); haal er een weg`, `f.yaml:2:1: duplicate key "name" (first at line 1); remove one of them`},
		{"expected", "age: [1]\n", "f.yaml:1:6: verwacht is een geheel getal, gevonden: een lijst", "f.yaml:1:6: expected a whole number, found a list"},
		{"syntax", "name: [a\n", "f.yaml:1: fout in de YAML-opbouw: ", "f.yaml:1: YAML syntax error: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			err := Unmarshal("f.yaml", []byte(tc.data), &d)
			list := List(err)
			if len(list) != 1 {
				t.Fatalf("got %d errors (%v), want 1", len(list), err)
			}
			e := list[0]
			if got := e.In(i18n.NL); !strings.HasPrefix(got, tc.nl) {
				t.Errorf("nl: %q, want %q", got, tc.nl)
			}
			if got := e.In(i18n.EN); !strings.HasPrefix(got, tc.en) {
				t.Errorf("en: %q, want %q", got, tc.en)
			}
			if e.Error() != e.In(i18n.EN) {
				t.Errorf("Error() = %q, not the English", e.Error())
			}
		})
	}
}
