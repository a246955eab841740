package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/fixture"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// FuzzImport: any bytes as an import file are imported whole or refused
// whole with line numbers, never a panic, and the database stays sound
// (issue 12). Seeds: testdata/fuzz/FuzzImport.
func FuzzImport(f *testing.F) {
	qn, err := fixture.LoadMini()
	if err != nil {
		f.Fatal(err)
	}
	resolve := func(id, version string) (*q.Questionnaire, bool, error) {
		if id != qn.ID {
			return nil, false, errors.New("unknown")
		}
		return qn, version == qn.Version, nil
	}
	db, err := Open(filepath.Join(f.TempDir(), "digiscan.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		before, err := db.Count(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		st, err := db.Import(ctx, bytes.NewReader(data), ImportOptions{Name: "fuzz.jsonl", Questionnaires: resolve})
		var inv *InvalidLinesError
		if errors.As(err, &inv) {
			if after, _ := db.Count(ctx, Filter{}); after != before {
				t.Fatalf("a refused file imported %d scans", after-before)
			}
			for _, l := range inv.Lines {
				if l.Line < 1 {
					t.Fatalf("line number %d", l.Line)
				}
			}
			return
		}
		if err == nil && st.Added+st.Identical+st.Erased+st.Replaced+len(st.Conflicts) != st.Lines {
			t.Fatalf("%+v: the lines do not add up", st)
		}
	})
}

// FuzzOpen: any bytes as the database file open as a digiscan database or
// give a clear error, never a panic (issue 12). Seeds: testdata/fuzz/FuzzOpen
// (an empty database, one of each schema, damaged headers).
func FuzzOpen(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "digiscan.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := Open(path)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		defer db.Close()
		ctx := context.Background()
		_, _ = db.List(ctx, Filter{})
		_ = db.IntegrityCheck(ctx)
	})
}
