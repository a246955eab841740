package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	"github.com/gooivechtstreek/digiscan/scan"
)

// fileBytes reads the database, -wal and -shm files (missing ones are empty).
func fileBytes(t *testing.T, path string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		out[path+suffix] = b
	}
	return out
}

func foundIn(files map[string][]byte, needle string) []string {
	var where []string
	for name, b := range files {
		if bytes.Contains(b, []byte(needle)) {
			where = append(where, name)
		}
	}
	return where
}

func TestDeleteCompanyErasesFromFiles(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	const name, kvk = "Rijwielhandel Zonnebloem", "87654321"
	victim := &scan.Company{Name: name, KVK: kvk}
	other := &scan.Company{Name: "Bakkerij Jansen", KVK: "11223344"}
	// Many scans so the victim's rows share pages with others; a re-scan a
	// year later under a changed name links by KVK number.
	for i := range 200 {
		mustSave(t, db, result(t, fmt.Sprintf("20250101-o%07d", i), &scan.Company{Name: fmt.Sprintf("Other %d", i), KVK: fmt.Sprintf("%08d", 20000000+i)}))
		if i == 50 {
			mustSave(t, db, result(t, "20251127-victim01", victim))
		}
	}
	mustSave(t, db,
		result(t, "20261127-victim02", &scan.Company{Name: name + " BV", KVK: kvk}, func(r *scan.Result) {
			r.CreatedAt = r.CreatedAt.AddDate(1, 0, 0)
			r.Consents["handover"] = scan.Consent{Given: true, TextVersion: "1"}
		}),
		result(t, "20261127-other001", other))
	if err := db.AddFollowUp(ctx, &FollowUp{ScanID: "20261127-victim02", Programme: "cyber-basis", Outcome: OutcomeContacted,
		Date: date.MustParse("2026-12-10"), Note: "called " + name, HandoverNote: "warm handover for " + name}); err != nil {
		t.Fatal(err)
	}
	ds := db.Drafts()
	for i, d := range []*drafts.Draft{
		{ID: "draft-victim", Answers: map[string]json.RawMessage{"company-name": []byte(`"` + name + `"`)}},
		{ID: "draft-victim-kvk", Answers: map[string]json.RawMessage{"kvk-number": []byte(`"` + kvk + `"`)}},
		{ID: "draft-other", Answers: map[string]json.RawMessage{"company-name": []byte(`"Bakkerij Jansen"`)}},
	} {
		d.CreatedAt = time.Date(2026, 11, 27, 9, i, 0, 0, time.UTC)
		d.UpdatedAt = d.CreatedAt
		if err := ds.Save(d); err != nil {
			t.Fatal(err)
		}
	}

	before := fileBytes(t, db.Path())
	if len(foundIn(before, name)) == 0 || len(foundIn(before, kvk)) == 0 {
		t.Fatalf("the test does not see the name in the files before erasure")
	}

	e, err := db.DeleteCompany(ctx, CompanyRef{Name: "rijwielhandel zonnebloem"})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Companies) != 1 || e.Scans != 2 || e.Drafts != 2 || len(e.StillMentioned) != 0 {
		t.Errorf("erasure = %+v", e)
	}
	after := fileBytes(t, db.Path())
	for _, needle := range []string{name, kvk, "warm handover"} {
		if where := foundIn(after, needle); len(where) > 0 {
			t.Errorf("%q still in %v after DeleteCompany", needle, where)
		}
	}
	if len(foundIn(after, "Bakkerij Jansen")) == 0 {
		t.Errorf("the other company is gone too")
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, Filter{}); n != 201 {
		t.Errorf("%d scans left, want 201", n)
	}
	if _, err := ds.Load("draft-other"); err != nil {
		t.Errorf("draft of another company: %v", err)
	}
	if _, err := db.Company(ctx, CompanyRef{KVK: kvk}); !errors.Is(err, ErrNotFound) {
		t.Errorf("company by KVK after erasure: %v", err)
	}
	// An import of an old export does not bring the scan back.
	db2 := openTest(t)
	mustSave(t, db2, result(t, "20261127-victim02", victim))
	var buf bytes.Buffer
	if _, err := db2.ExportJSONL(ctx, Filter{}, &buf); err != nil {
		t.Fatal(err)
	}
	st, err := db.Import(ctx, &buf, ImportOptions{})
	if err != nil || st.Erased != 1 || st.Added != 0 {
		t.Errorf("import of an erased scan: %+v, %v", st, err)
	}
	db.Close()
	closed := fileBytes(t, db.Path())
	if where := foundIn(closed, name); len(where) > 0 {
		t.Errorf("name in %v after close", where)
	}
}

// The safety net: text that a connection without secure_delete left in
// free space is found in the raw pages and vacuumed away.
func TestEnsureGoneVacuums(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	const needle = "Onvindbare Kapsalon Schaar"
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"PRAGMA secure_delete = 0",
		"INSERT INTO drafts VALUES ('d', '', '', '" + needle + "', '', '{}')",
		"DELETE FROM drafts WHERE id = 'd'",
		"PRAGMA secure_delete = 1"} {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()
	if err := db.Scrub(ctx); err != nil {
		t.Fatal(err)
	}
	if found, err := db.inPages(ctx, []string{needle}); err != nil || !found {
		t.Fatalf("test setup: the deleted text is not in the pages (%v, %v)", found, err)
	}
	if err := db.ensureGone(ctx, []string{needle}); err != nil {
		t.Fatal(err)
	}
	if where := foundIn(fileBytes(t, db.Path()), needle); len(where) > 0 {
		t.Errorf("still in %v", where)
	}
}
