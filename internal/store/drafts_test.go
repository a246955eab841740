package store

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	"github.com/gooivechtstreek/digiscan/scan"
)

func draft(id string, updated time.Time) *drafts.Draft {
	return &drafts.Draft{
		ID: id, CreatedAt: updated.Add(-time.Hour), UpdatedAt: updated,
		QuestionnaireRef: "intake", Questionnaire: scan.QuestionRef{ID: "intake", Version: "1", Hash: "sha256:x"},
		Lang: "nl", Mode: scan.ModeAdvisor, AsOf: date.MustParse("2026-11-27"), Advisor: "Anna", Page: 3,
		Answers: map[string]json.RawMessage{"sector": json.RawMessage(`"retail"`), "company-name": json.RawMessage(`"Kapsalon Knip"`)},
		Hashes:  map[string]string{"sector": "h1"},
	}
}

func TestDraftStore(t *testing.T) {
	db := openTest(t)
	var s drafts.Store = db.Drafts()
	t0 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	a, b := draft("20261127-draft0a", t0), draft("20261127-draft0b", t0.Add(time.Minute))
	for _, d := range []*drafts.Draft{a, b} {
		if err := s.Save(d); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Load(a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("load: %+v, %v\nwant %+v", got, err, a)
	}
	a.UpdatedAt, a.Page = t0.Add(time.Hour), 4
	if err := s.Save(a); err != nil {
		t.Fatal(err)
	}
	list, err := s.List()
	if err != nil || len(list) != 2 || list[0].ID != a.ID || list[0].Page != 4 {
		t.Errorf("list: %+v %v", list, err)
	}
	if err := s.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{s.Delete(a.ID), func() error { _, err := s.Load(a.ID); return err }()} {
		if !errors.Is(err, drafts.ErrNotFound) {
			t.Errorf("after delete: %v, want drafts.ErrNotFound", err)
		}
	}
	if err := s.Save(&drafts.Draft{ID: "../evil"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad id: %v", err)
	}
}

func TestMigrateDrafts(t *testing.T) {
	db := openTest(t)
	fs := drafts.FileStore{Dir: filepath.Join(t.TempDir(), "drafts")}
	t0 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for i, id := range []string{"20261127-file000a", "20261127-file000b", "20261127-both0000"} {
		if err := fs.Save(draft(id, t0.Add(time.Duration(i)*time.Minute))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(fs.Dir, "damaged.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	newer := draft("20261127-both0000", t0.Add(time.Hour))
	newer.Page = 9
	if err := db.Drafts().Save(newer); err != nil {
		t.Fatal(err)
	}
	n, err := db.MigrateDrafts(t.Context(), fs)
	if err != nil || n != 3 {
		t.Fatalf("migrated %d, %v", n, err)
	}
	left, _ := os.ReadDir(fs.Dir)
	if len(left) != 1 || left[0].Name() != "damaged.json" {
		t.Errorf("left in the directory: %v", left)
	}
	list, err := db.Drafts().List()
	if err != nil || len(list) != 3 {
		t.Fatalf("%+v %v", list, err)
	}
	if d, _ := db.Drafts().Load("20261127-both0000"); d.Page != 9 {
		t.Errorf("the newer draft in the database was replaced by the older file")
	}
	if d, _ := db.Drafts().Load("20261127-file000a"); !reflect.DeepEqual(d, draft("20261127-file000a", t0)) {
		t.Errorf("migrated draft differs: %+v", d)
	}
	// Nothing left to move.
	if n, err := db.MigrateDrafts(t.Context(), fs); n != 0 || err != nil {
		t.Errorf("second migration: %d %v", n, err)
	}
}

func TestMigrateDraftsAllOrNothing(t *testing.T) {
	db := openTest(t)
	fs := drafts.FileStore{Dir: filepath.Join(t.TempDir(), "drafts")}
	t0 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for _, id := range []string{"20261127-good0000", "bad id"} { // FileStore takes a space, the database does not
		if err := fs.Save(draft(id, t0)); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := db.MigrateDrafts(t.Context(), fs); err == nil || n != 0 {
		t.Fatalf("migrated %d, %v; want an error", n, err)
	}
	if left, _ := os.ReadDir(fs.Dir); len(left) != 2 {
		t.Errorf("files removed although the migration failed: %v", left)
	}
	if list, _ := db.Drafts().List(); len(list) != 0 {
		t.Errorf("half a migration in the database: %d drafts", len(list))
	}
}
