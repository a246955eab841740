package referral

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
)

// No next step repeats an action of an earlier one (issue 11: the
// hairdresser's third step "Begin bij de basis" told her again to set up
// back-ups and two-step login, her second step). Checked on every realistic
// business and example, in both languages, by the concrete actions the
// advice texts name.
func TestStepsDoNotRepeat(t *testing.T) {
	actions := map[i18n.Lang][]string{
		i18n.NL: {"back-up", "inloggen in twee stappen", "google bedrijfsprofiel", "basisscan", "clouddienst"},
		i18n.EN: {"backup", "two-step login", "google business profile", "basisscan", "cloud service"},
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "businesses", "*.yaml"))
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "answers", "*.yaml"))
	c, qn := builtin(t), intake(t)
	day := date.MustParse("2026-11-27")
	for _, path := range append(files, examples...) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Langs {
			r := scoreAnswers(t, path, data, day, lang)
			if err := Match(c, qn, r, Options{AsOf: day, Lang: lang}); err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			for i, a := range r.Advice {
				text := strings.ToLower(a.Title + " " + a.Text)
				for _, act := range actions[lang] {
					if !strings.Contains(text, act) {
						continue
					}
					if j, ok := seen[act]; ok {
						t.Errorf("%s (%s): step %d (%s) repeats %q of step %d", filepath.Base(path), lang, i+1, a.ID, act, j+1)
					} else {
						seen[act] = i
					}
				}
			}
		}
	}
}
