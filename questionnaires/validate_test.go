package questionnaires

import (
	"os"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/strictyaml"
)

func miniYAML(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../internal/fixture/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMiniIsValid(t *testing.T) {
	if _, err := Load("mini.yaml", []byte(miniYAML(t))); err != nil {
		t.Fatal(err)
	}
}

// Each broken questionnaire gives a message naming the line (and column).
func TestValidationErrors(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string
		line           int
	}{
		{"duplicate question id", "      - id: staff\n", "      - id: tools\n", `duplicate question id "tools" (first at line`, 0},
		{"condition on unknown question", "when: {question: size, not_in: [zzp]}\n        title: {nl: \"Uitspraken?\"", "when: {question: sise, not_in: [zzp]}\n        title: {nl: \"Uitspraken?\"", `condition on unknown question "sise" (did you mean "size"?)`, 0},
		{"condition on a later question", "when: {question: size, not_in: [zzp]}\n        title: {nl: \"Uitspraken?\"", "when: {question: topics, in: [ai]}\n        title: {nl: \"Uitspraken?\"", `condition on question "topics", which is not asked before it`, 0},
		{"unknown option in condition", "when: {question: sector, in: [manufacturing]}", "when: {question: sector, in: [manufactoring]}", `"manufactoring" is not an answer of question "sector" (did you mean "manufacturing"?)`, 0},
		{"feeds unknown indicator", "feeds: [dii.ecommerce]", "feeds: [dii.e-commerce]", `feeds unknown indicator "dii.e-commerce"`, 0},
		{"missing translation", "title: {nl: Mini, en: Mini}", "title: {nl: Mini}", "questionnaire title: missing en translation", 6},
		{"empty section", "  - id: follow-up\n", "  - id: empty\n    title: {nl: Leeg, en: Empty}\n    questions: []\n  - id: follow-up\n", `section "empty" has no questions`, 0},
		{"threshold out of range", "thresholds: {impact: 50, readiness: 50}", "thresholds: {impact: 150, readiness: 50}", "thresholds.impact must be between 0 and 100, got 150", 8},
		{"missing fixed profile question", "      - id: size\n", "      - id: grootte\n", `missing the fixed profile question "size"`, 0},
		{"fixed option id changed", "{id: zzp, label:", "{id: zelfstandig, label:", `option "zelfstandig" is not one of the fixed ids`, 0},
		{"unknown key", "plan_weight: 1", "plan_wieght: 1", `unknown key "plan_wieght" (did you mean "plan_weight"?)`, 7},
		{"duplicate key", "plan_weight: 1\n", "plan_weight: 1\nplan_weight: 1\n", `duplicate key "plan_weight" (first at line 7)`, 8},
		{"wrong type", "plan_weight: 1", "plan_weight: lots", `expected a number, found "lots"`, 7},
		{"unknown type", "type: yesno\n        dont_know: true", "type: boolean\n        dont_know: true", `unknown type "boolean"`, 0},
		{"scored single without values", `{id: "no", value: 0, label: {nl: nee, en: no}}`, `{id: "no", label: {nl: nee, en: no}}`, "", 0},
		{"band order", "{id: average, min: 26,", "{id: average, min: 0,", `band "average": min 0 must be above the previous band's 0`, 0},
		{"merger without date", "valid_until: 2026-12-31, merged_into: hilversum", "merged_into: hilversum", "merged_into needs valid_until", 0},
		{"bad date", "valid_until: 2026-12-31", "valid_until: 2026-13-01", `invalid date "2026-13-01"`, 0},
		{"sets unknown option", "sets: {municipality: gooise-meren}", "sets: {municipality: goise-meren}", `sets municipality to "goise-meren", which is not one of its options`, 0},
		{"consent without text version", `{id: consent-handover, type: yesno, text_version: "1",`, `{id: consent-handover, type: yesno,`, "a consent needs text_version", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := miniYAML(t)
			if !strings.Contains(src, tc.old) {
				t.Fatalf("mini.yaml has no %q", tc.old)
			}
			src = strings.Replace(src, tc.old, tc.new, 1)
			_, err := Load("q.yaml", []byte(src))
			if tc.want == "" {
				// The option set is shared; a value-less option in a
				// scored question must be reported.
				if err == nil || !strings.Contains(err.Error(), "needs a value") {
					t.Fatalf("err = %v, want a 'needs a value' problem", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error:\n%v\nwant it to contain %q", err, tc.want)
			}
			for _, e := range strictyaml.List(err) {
				if e.File != "q.yaml" || e.Line == 0 {
					t.Errorf("problem without file:line: %v", e)
				}
				if strings.Contains(e.Msg, tc.want) && tc.line != 0 && e.Line != tc.line {
					t.Errorf("reported at line %d, want %d: %v", e.Line, tc.line, e)
				}
			}
		})
	}
}

func TestBuiltinLookup(t *testing.T) {
	if _, err := Open("intak", "", nil); err == nil || !strings.Contains(err.Error(), `did you mean "intake"?`) {
		t.Errorf("Open(intak) = %v, want a did-you-mean", err)
	}
	if !IsPath("./x.yaml") || !IsPath("x.yml") || IsPath("intake") {
		t.Error("IsPath")
	}
	a, _ := Builtin("intake")
	b, _ := Builtin("intake")
	if a != b {
		t.Error("a built-in is loaded once per process")
	}
}

// The content hash changes with the content, not with formatting.
func TestHashFollowsContent(t *testing.T) {
	src := miniYAML(t)
	a, err := Load("a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Load("b.yaml", []byte("# a comment\n"+src))
	c, _ := Load("c.yaml", []byte(strings.Replace(src, "{nl: \"Sector?\", en: \"Sector?\"}", "{nl: \"Branche?\", en: \"Sector?\"}", 1)))
	if a.Hash != b.Hash {
		t.Error("a comment changed the hash")
	}
	if a.Hash == c.Hash {
		t.Error("a changed question did not change the hash")
	}
	if a.Question("sector").Hash == c.Question("sector").Hash || a.Question("size").Hash != c.Question("size").Hash {
		t.Error("question hashes must change only for the changed question")
	}
}
