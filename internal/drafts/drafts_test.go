package drafts

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/internal/fixture"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

func load(t testing.TB, src string) *q.Questionnaire {
	t.Helper()
	qn, err := q.Load("mini.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return qn
}

func miniSrc(testing.TB) string { return fixture.MiniYAML() }

func TestFileStoreRoundTrip(t *testing.T) {
	qn := load(t, miniSrc(t))
	s := FileStore{Dir: filepath.Join(t.TempDir(), "drafts")}
	base := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for i, id := range []string{"20261127-aaaaaaaa", "20261127-bbbbbbbb"} {
		d := &Draft{ID: id, CreatedAt: base, UpdatedAt: base.Add(time.Duration(i) * time.Minute), QuestionnaireRef: "mini", Lang: "nl", Page: 2}
		d.SetAnswers(qn, scan.Answers{"sector": {Choice: "retail"}, "tools": {Choices: []string{"website"}}, "areas": {Items: map[string]string{"admin": "planned"}}})
		if err := s.Save(d); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(filepath.Join(s.Dir, "20261127-aaaaaaaa.json"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("draft file mode = %v, %v; want 0600", fi.Mode(), err)
	}
	list, err := s.List()
	if err != nil || len(list) != 2 || list[0].ID != "20261127-bbbbbbbb" {
		t.Fatalf("List = %v, %v; want newest first", list, err)
	}
	d, err := s.Load("20261127-aaaaaaaa")
	if err != nil {
		t.Fatal(err)
	}
	answers, changed := d.Restore(qn)
	if len(changed) != 0 || answers["sector"].Choice != "retail" || answers["tools"].Choices[0] != "website" || answers["areas"].Items["admin"] != "planned" || d.Page != 2 {
		t.Errorf("restored %+v, changed %v", answers, changed)
	}
	if err := s.Delete("20261127-aaaaaaaa"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load("20261127-aaaaaaaa"); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	if err := s.Delete("20261127-aaaaaaaa"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
	if _, err := s.Load("../etc/passwd"); err == nil {
		t.Error("an id with a path must be refused")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(s.Dir, ".*.tmp")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// When the questionnaire changed since the draft was saved, only the
// answers to changed (or removed) questions are dropped and asked again.
func TestRestoreAfterQuestionnaireChange(t *testing.T) {
	src := miniSrc(t)
	old := load(t, src)
	d := &Draft{ID: "x"}
	d.SetAnswers(old, scan.Answers{
		"sector": {Choice: "retail"}, "size": {Choice: "micro"}, "tools": {Choices: []string{"webshop"}},
		"internet-use": {Choice: "yes"},
	})
	// New version: the size question is reworded, the webshop option is
	// gone from tools, the internet-use question is removed.
	changedSrc := strings.Replace(src, `title: {nl: "Grootte?", en: "Size?"}`, `title: {nl: "Hoe groot?", en: "How big?"}`, 1)
	changedSrc = strings.Replace(changedSrc, "          - {id: webshop, label: {nl: webshop, en: webshop}, dma: e_commerce_sales, feeds: [dii.ecommerce]}\n", "", 1)
	changedSrc = strings.Replace(changedSrc, "      - id: internet-use\n        type: yesno\n        dont_know: true\n        when: {question: size, not_in: [zzp]}\n        feeds: [dii.internet-use]\n        title: {nl: \"Internet?\", en: \"Internet?\"}\n", "", 1)
	neu := load(t, changedSrc)
	if neu.Hash == old.Hash {
		t.Fatal("the edit did not change the questionnaire")
	}
	answers, changed := d.Restore(neu)
	if strings.Join(changed, ",") != "internet-use,size,tools" {
		t.Errorf("changed = %v, want internet-use, size, tools", changed)
	}
	if answers["sector"].Choice != "retail" {
		t.Errorf("an unchanged answer was lost: %+v", answers)
	}
	if _, ok := answers["size"]; ok {
		t.Error("the reworded size question must be asked again")
	}
}
