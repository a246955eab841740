package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
)

// miniYAML is the small test questionnaire (a copy of scan's, so the
// golden files do not change when that one does).
func miniYAML(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func loadQN(t testing.TB, name, yaml string) *q.Questionnaire {
	t.Helper()
	qn, err := q.Load(name, []byte(yaml))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return qn
}

// miniV2 is version 2 of mini: the green question is gone, a question
// about a web shop and an item of the areas matrix are new.
func miniV2(t testing.TB) *q.Questionnaire {
	y := miniYAML(t)
	y = strings.Replace(y, `version: "1"`, `version: "2"`, 1)
	y = strings.Replace(y, `          - {id: admin, label: {nl: administratie, en: admin}}`,
		`          - {id: admin, label: {nl: administratie, en: admin}}
          - {id: sales, label: {nl: verkoop, en: sales}}`, 1)
	i := strings.Index(y, "      - id: green\n")
	j := strings.Index(y, "      - id: employees\n")
	y = y[:i] + `      - id: webshop
        type: yesno
        title: {nl: "Webwinkel?", en: "Web shop?"}
` + y[j:]
	return loadQN(t, "mini-v2.yaml", y)
}

// resolver serves the given questionnaires by id and version.
func resolver(qns ...*q.Questionnaire) q.Resolver {
	return func(id, version string) (*q.Questionnaire, bool, error) {
		for _, qn := range qns {
			if qn.ID == id && qn.Version == version {
				return qn, true, nil
			}
		}
		return nil, false, fmt.Errorf("no questionnaire %s %s", id, version)
	}
}

func openStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "digiscan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// business describes one fixture scan of mini.
type business struct {
	id, day, mode                  string
	sector, size, place            string
	name, kvk                      string
	statistics, followUp, handover bool
	advisor                        string
	edit                           func(scan.Answers)
}

func miniAnswers(b business) scan.Answers {
	yn := func(v bool) scan.Answer {
		if v {
			return scan.Answer{Choice: "yes"}
		}
		return scan.Answer{Choice: "no"}
	}
	a := scan.Answers{
		"sector": {Choice: b.sector}, "size": {Choice: b.size}, "place": {Choice: b.place},
		"association":        {Choices: []string{"none"}},
		"impact-customers":   {Choice: "all"},
		"areas":              {Items: map[string]string{"marketing": "planned", "admin": "both"}},
		"tools":              {Choices: []string{"website", "cloud-office"}},
		"data-use":           {Choices: []string{"stored"}},
		"security":           {Choice: "no"},
		"ai":                 {Items: map[string]string{"chatbots": "4", "vision": "0"}},
		"green":              {Choice: "partly"},
		"topics":             {Choices: []string{"ai", "data"}},
		"consent-statistics": yn(b.statistics), "consent-follow-up": yn(b.followUp), "consent-handover": yn(b.handover),
	}
	if b.size != "zzp" {
		a["statements"] = scan.Answer{Choices: []string{"needs", "budget"}}
		a["staff"] = scan.Answer{Choices: []string{"training"}}
		a["internet-use"] = scan.Answer{Choice: "yes"}
	}
	if b.name != "" {
		a["company-name"] = scan.Answer{Text: b.name}
	}
	if b.kvk != "" {
		a["kvk-number"] = scan.Answer{Text: b.kvk}
	}
	if b.edit != nil {
		b.edit(a)
	}
	return a
}

// scoreMini scores a fixture business with qn (fixed clock, no referral
// matching: mini has no catalogue; the referrals are set by hand).
func scoreMini(t testing.TB, qn *q.Questionnaire, b business) *scan.Result {
	t.Helper()
	a := miniAnswers(b)
	if ps := scan.Check(qn, a); len(ps) > 0 {
		t.Fatalf("%s: %v", b.id, ps)
	}
	day := date.MustParse(b.day)
	r, err := scan.Score(qn, a, scan.Options{AsOf: day, Mode: b.mode})
	if err != nil {
		t.Fatal(err)
	}
	r.ID = b.id
	r.CreatedAt = day.Time().Add(10*time.Hour + 30*time.Minute)
	r.Catalogue = &scan.CatalogueRef{ID: "gooi-vechtstreek", Version: "2026.3"}
	r.Advisor = b.advisor
	if b.advisor != "" {
		r.Organisation = "Regio G&V"
	}
	r.HeardVia = "association"
	r.Referrals = []scan.Referral{
		{Programme: "basisscan-cyberweerbaarheid", Name: "Basisscan", URL: "https://example.org/cyber", Score: 61.5, Reasons: []string{"data"}},
		{Programme: "mkb-werkplaats", Name: "MKB-werkplaats", URL: "https://example.org/mkb", Score: 40.2},
	}
	return r
}

// fixture are five scans of mini: a re-scan, a freelancer without
// consents, names that look like formulas, text with separators, quotes
// and line breaks.
var fixture = []business{
	{id: "20250310-aaaa0001", day: "2025-03-10", mode: "advisor", sector: "retail", size: "micro", place: "bussum",
		name: "Fietsenwinkel De Vries & Zn", kvk: "12345678", statistics: true, followUp: true, handover: true, advisor: "Anna"},
	{id: "20260305-aaaa0002", day: "2026-03-05", mode: "advisor", sector: "retail", size: "small", place: "bussum",
		name: "Fietsenwinkel De Vries & Zn", kvk: "12345678", statistics: true, followUp: true, handover: true, advisor: "Anna",
		edit: func(a scan.Answers) {
			a["tools"] = scan.Answer{Choices: []string{"website", "cloud-office", "webshop"}}
		}},
	{id: "20260110-aaaa0003", day: "2026-01-10", mode: "self", sector: "manufacturing", size: "zzp", place: "eemnes",
		name: "=HYPERLINK(\"http://evil\";\"klik\")", kvk: "23456789", statistics: false, followUp: true, handover: false,
		edit: func(a scan.Answers) {
			a["areas"] = scan.Answer{Items: map[string]string{"marketing": "none", "admin": "none", "production": "invested"}}
		}},
	{id: "20260201-aaaa0004", day: "2026-02-01", mode: "survey", sector: "retail", size: "medium", place: "loosdrecht",
		name: "Bakkerij \"Het Oventje\"; Loosdrecht", statistics: true, followUp: true, handover: false,
		edit: func(a scan.Answers) { a["employees"] = scan.Answer{Number: ptr(12.5)} }},
	{id: "20261120-aaaa0005", day: "2026-11-20", mode: "self", sector: "manufacturing", size: "micro", place: "elsewhere",
		name: "+31 Tech, Twee regels", kvk: "34567890", statistics: true, followUp: true, handover: true,
		edit: func(a scan.Answers) {
			a["province"] = scan.Answer{Choice: "utrecht"}
			a["areas"] = scan.Answer{Items: map[string]string{"marketing": "invested", "admin": "none", "production": "planned"}}
		}},
}

func ptr[T any](v T) *T { return &v }

// fixtureStore stores the fixture scans with a follow-up on the re-scan.
func fixtureStore(t testing.TB, qn *q.Questionnaire) *store.DB {
	t.Helper()
	db := openStore(t)
	ctx := context.Background()
	for _, b := range fixture {
		if err := db.SaveScan(ctx, scoreMini(t, qn, b)); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []store.FollowUp{
		{ScanID: "20260305-aaaa0002", Programme: "basisscan-cyberweerbaarheid", Outcome: store.OutcomeContacted, Date: date.MustParse("2026-03-20")},
		{ScanID: "20260305-aaaa0002", Programme: "mkb-werkplaats", Outcome: store.OutcomeStarted, Date: date.MustParse("2026-04-15")},
	} {
		if err := db.AddFollowUp(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// intake returns the embedded questionnaire and catalogue.
func intake(t testing.TB) (*q.Questionnaire, *referral.Catalogue) {
	t.Helper()
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := referral.Builtin(referral.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	return qn, cat
}

// example scores one of examples/answers with the embedded questionnaire
// and catalogue.
func example(t testing.TB, name, id, day string, edit func(scan.Answers)) *scan.Result {
	t.Helper()
	qn, cat := intake(t)
	data, err := os.ReadFile("../../examples/answers/" + name + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := scan.ParseFile(name, data)
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.Answers(qn)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(a)
	}
	d := date.MustParse(day)
	r, err := scan.Score(qn, a, scan.Options{AsOf: d, Mode: scan.ModeAdvisor})
	if err != nil {
		t.Fatal(err)
	}
	r.ID, r.CreatedAt = id, d.Time().Add(9*time.Hour)
	if err := referral.Match(cat, qn, r, referral.Options{}); err != nil {
		t.Fatal(err)
	}
	return r
}
