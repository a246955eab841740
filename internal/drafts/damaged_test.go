package drafts

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Damaged legacy draft files (not JSON, too large, a half-written
// temporary file) are removed and named; good drafts stay (issue 12).
func TestRemoveDamaged(t *testing.T) {
	s := FileStore{Dir: t.TempDir()}
	good := &Draft{ID: "20261127-aaaaaaaa", CreatedAt: time.Now(), UpdatedAt: time.Now(), QuestionnaireRef: "mini", Lang: "nl"}
	if err := s.Save(good); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"20261127-bbbbbbbb.json":        `{"id": "20261127-bbbbbbbb", "answers": {"company-name": "Fietsenwinkel De Vr`,
		"20261127-cccccccc.json":        strings.Repeat(" ", maxDraftBytes+1),
		".20261127-dddddddd.json.1.tmp": `{"id": "20261127-dddddddd"`,
		"notes.txt":                     "not a draft file: left alone",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(s.Dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := s.RemoveDamaged()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	want := []string{".20261127-dddddddd.json.1.tmp", "20261127-bbbbbbbb.json", "20261127-cccccccc.json"}
	if !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	left, _ := os.ReadDir(s.Dir)
	var names []string
	for _, e := range left {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"20261127-aaaaaaaa.json", "notes.txt"}) {
		t.Errorf("left %v", names)
	}
	if _, err := s.Load(good.ID); err != nil {
		t.Errorf("the good draft: %v", err)
	}
	// A missing folder is nothing to remove.
	if r, err := (FileStore{Dir: filepath.Join(s.Dir, "none")}).RemoveDamaged(); err != nil || len(r) != 0 {
		t.Errorf("missing folder: %v %v", r, err)
	}
}
