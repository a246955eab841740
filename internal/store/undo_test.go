package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What a failed open made and nobody can be using goes; what was there
// before, or may be in use (a set-up WAL index, a -wal with frames, a
// database with pages) stays (issue 12). TestOpenOnFullDisk shows it on a
// real full disk where it can mount one (root); this runs everywhere.
func TestUndoFailedOpen(t *testing.T) {
	type files map[string]int // suffix ("", "-wal", "-shm") → size
	for _, tc := range []struct {
		name          string
		before, after files // after: what the failed open left, before included
		want          string
	}{
		{"new database on a full disk", files{}, files{"": 0, "-wal": 0, "-shm": 3}, ""},
		{"whole database on a full disk", files{"": 8192}, files{"": 8192, "-wal": 0, "-shm": 3}, "db"},
		{"only an empty -wal", files{"": 8192}, files{"": 8192, "-wal": 0}, "db"},
		{"files of a running digiscan", files{"": 8192, "-wal": 0, "-shm": shmReady}, files{"": 8192, "-wal": 0, "-shm": shmReady}, "db -shm -wal"},
		{"an earlier -shm stays", files{"": 8192, "-shm": 3}, files{"": 8192, "-wal": 0, "-shm": 3}, "db -shm -wal"},
		{"a WAL index set up meanwhile", files{"": 8192}, files{"": 8192, "-wal": 0, "-shm": shmReady}, "db -shm -wal"},
		{"a -wal with frames", files{"": 8192}, files{"": 8192, "-wal": 4152, "-shm": 3}, "db -wal"},
		{"an earlier -wal stays", files{"": 8192, "-wal": 0}, files{"": 8192, "-wal": 0, "-shm": 3}, "db -wal"},
		{"a new database with pages", files{}, files{"": 4096, "-wal": 0, "-shm": 3}, "db"},
		{"a new empty database without -wal", files{}, files{"": 0}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			abs := filepath.Join(t.TempDir(), "digiscan.db")
			write := func(fs files) {
				for sfx, n := range fs {
					if err := os.WriteFile(abs+sfx, make([]byte, n), 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
			write(tc.before)
			before := existing(abs)
			write(tc.after)
			undoFailedOpen(abs, before)
			var left []string
			for _, sfx := range []string{"", "-shm", "-wal"} {
				if _, err := os.Stat(abs + sfx); err == nil {
					left = append(left, "db"+sfx)
				} else if !errors.Is(err, os.ErrNotExist) {
					t.Fatal(err)
				}
			}
			got := strings.ReplaceAll(strings.Join(left, " "), "db-", "-")
			if got != tc.want {
				t.Errorf("left %q, want %q", got, tc.want)
			}
		})
	}
}
