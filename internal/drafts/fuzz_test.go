package drafts

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad: any bytes as a legacy draft file load as a draft or are
// reported damaged — and then removed — never a panic (issue 12). Seeds:
// testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	qn := load(f, miniSrc(nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := FileStore{Dir: t.TempDir()}
		const id = "20261127-aaaaaaaa"
		if err := os.WriteFile(filepath.Join(s.Dir, id+".json"), data, 0o600); err != nil {
			t.Fatal(err)
		}
		d, err := s.Load(id)
		if err == nil {
			d.Restore(qn)
			return
		}
		removed, err := s.RemoveDamaged()
		if err != nil || len(removed) != 1 {
			t.Fatalf("a damaged draft was not removed: %v %v", removed, err)
		}
	})
}
