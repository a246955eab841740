package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A full disk at open says "disk full", not "disk I/O error (4874)"
// (issue 12). It needs a tiny file system: a tmpfs, which only root can
// mount; skipped otherwise.
func TestOpenOnFullDisk(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k"); err != nil {
		t.Skip("cannot mount a small tmpfs:", err)
	}
	defer syscall.Unmount(dir, 0)
	// An existing database, copied in, then the disk filled up.
	src := filepath.Join(t.TempDir(), "digiscan.db")
	db, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "digiscan.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	fill, err := os.Create(filepath.Join(dir, "fill"))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1024)
	for {
		if _, err := fill.Write(buf); err != nil {
			break
		}
	}
	fill.Close()
	db, err = Open(path)
	if err == nil {
		db.Close()
		t.Fatal("Open on a full disk succeeded")
	}
	if !errors.Is(err, ErrFull) || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error %v, want disk full", err)
	}
	// Nothing left beside it that was not there before: no empty -wal, no
	// half-made -shm (sqlite3 and other tools stumble over those).
	for _, sfx := range []string{"-wal", "-shm"} {
		if fi, err := os.Stat(path + sfx); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the failed open left %s (%v, %v)", sfx, sizeOf(fi), err)
		}
	}
	// What the failed open left does not break the database: with room
	// again it opens, whole, and its -wal and -shm go when it closes.
	if err := os.Remove(filepath.Join(dir, "fill")); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatalf("with room again: %v", err)
	}
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
	db.Close()
	for _, sfx := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + sfx); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left after a clean close: %v", sfx, err)
		}
	}
	// Full again, for a new database.
	fill, err = os.Create(filepath.Join(dir, "fill"))
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := fill.Write(buf); err != nil {
			break
		}
	}
	fill.Close()
	// A new database on the full disk too.
	if db, err := Open(filepath.Join(dir, "new.db")); err == nil {
		db.Close()
		t.Error("creating a database on a full disk succeeded")
	} else if !errors.Is(err, ErrFull) {
		t.Errorf("new database: %v, want disk full", err)
	}
	for _, name := range []string{"new.db", "new.db-wal", "new.db-shm"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the failed creation left %s (%v, %v)", name, sizeOf(fi), err)
		}
	}
}

func sizeOf(fi os.FileInfo) any {
	if fi == nil {
		return nil
	}
	return fi.Size()
}
