package safefile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// entries lists a directory's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func TestAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want the writer's", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Errorf("a failed write changed the target: %q", data)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("left behind: %v", names)
	}
	func() {
		defer func() { recover() }()
		Write(path, func(io.Writer) error { panic("crash") })
	}()
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("a panic left behind: %v", names)
	}
	if err := Write(path, writeString("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if data, _ := os.ReadFile(path); err != nil || string(data) != "new" {
		t.Errorf("after success: %q %v", data, err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 (business data)", fi.Mode().Perm())
	}
}

func TestBadTargets(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, path, want string
	}{
		{"a directory", dir, "is a directory; give a file name"},
		{"a missing directory", filepath.Join(dir, "missing", "x.csv"), "the directory " + filepath.Join(dir, "missing") + " does not exist"},
		{"a file as directory", filepath.Join(dir, "file.txt", "x.csv"), "cannot write"},
	} {
		if tt.name == "a file as directory" {
			os.WriteFile(filepath.Join(dir, "file.txt"), nil, 0o644)
		}
		err := Write(tt.path, writeString("x"))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("%s: error %v, want %q and no temporary file name", tt.name, err, tt.want)
		}
	}
}

// A symbolic link is written through: the link stays, its file changes.
func TestSymlinkWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.csv")
	link := filepath.Join(dir, "link.csv")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip("symlink:", err)
	}
	if err := Write(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if data, _ := os.ReadFile(real); string(data) != "new" {
		t.Errorf("the linked file holds %q", data)
	}
}
