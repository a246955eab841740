package store

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/fixture"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

var (
	miniOnce sync.Once
	miniQN   *q.Questionnaire
	miniRes  *scan.Result
	miniErr  error
)

// mini returns the small test questionnaire and a result scored with it
// (fixture.Shop, with a KVK number).
func mini(t testing.TB) (*q.Questionnaire, *scan.Result) {
	t.Helper()
	miniOnce.Do(func() {
		if miniQN, miniErr = fixture.LoadMini(); miniErr != nil {
			return
		}
		a := fixture.Shop()
		a["company-name"] = scan.Answer{Text: "Fietsenwinkel De Vries & Zn"}
		a["kvk-number"] = scan.Answer{Text: "12345678"}
		if ps := scan.Check(miniQN, a); len(ps) > 0 {
			miniErr = fmt.Errorf("answers do not check: %v", ps)
			return
		}
		miniRes, miniErr = scan.Score(miniQN, a, scan.Options{AsOf: date.MustParse("2026-11-27"), Mode: scan.ModeAdvisor})
		if miniErr != nil {
			return
		}
		miniRes.ID = "20261127-aaaaaaaa"
		miniRes.CreatedAt = time.Date(2026, 11, 27, 10, 30, 0, 0, time.UTC)
		miniRes.Catalogue = &scan.CatalogueRef{ID: "gooi-vechtstreek", Version: "2026.3"}
		miniRes.Advisor, miniRes.Organisation, miniRes.HeardVia = "Anna", "Regio G&V", "association"
		miniRes.Referrals = []scan.Referral{{Programme: "cyber-basis", Name: "Basisscan Cyberweerbaarheid", URL: "https://example.org/cyber", Score: 0.9, Reasons: []string{"data"}}}
	})
	if miniErr != nil {
		t.Fatal(miniErr)
	}
	return miniQN, miniRes
}

// result returns a copy of the mini result with id, company and edits.
func result(t testing.TB, id string, company *scan.Company, edit ...func(*scan.Result)) *scan.Result {
	t.Helper()
	_, base := mini(t)
	r := *base
	r.ID = id
	r.Company = company
	if company != nil {
		c := *company
		r.Company = &c
		r.Answers = maps.Clone(base.Answers)
		delete(r.Answers, "company-name")
		delete(r.Answers, "kvk-number")
		if c.Name != "" {
			r.Answers["company-name"] = scan.Answer{Text: c.Name}
		}
		if c.KVK != "" {
			r.Answers["kvk-number"] = scan.Answer{Text: c.KVK}
		}
	} else {
		r.Answers = maps.Clone(base.Answers)
		delete(r.Answers, "company-name")
		delete(r.Answers, "kvk-number")
	}
	r.Consents = maps.Clone(base.Consents)
	for _, e := range edit {
		e(&r)
	}
	return &r
}

func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "digiscan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustSave(t testing.TB, db *DB, rs ...*scan.Result) {
	t.Helper()
	for _, r := range rs {
		if err := db.SaveScan(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
}

func count(t testing.TB, db *DB, f Filter) int {
	t.Helper()
	n, err := db.Count(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func itoa(i int) string { return fmt.Sprint(i) }
func pad(i int) string  { return fmt.Sprintf("%07d", i) }
func pad4(i int) string { return fmt.Sprintf("%04d", i) }

// jsonl returns n results as JSON Lines, as ExportJSONL writes them.
func jsonl(t testing.TB, n int, gen func(i int) *scan.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	for i := range n {
		b, err := encodeResult(fromResult(gen(i)))
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func writeJSONL(t testing.TB, path string, n int, gen func(i int) *scan.Result) {
	t.Helper()
	if err := os.WriteFile(path, jsonl(t, n, gen), 0o600); err != nil {
		t.Fatal(err)
	}
}
