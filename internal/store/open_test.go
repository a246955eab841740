package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/scan"
)

func TestOpenCreatesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "digiscan")
	path := filepath.Join(dir, "digiscan.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustSave(t, db, result(t, "20261127-perm0001", nil))
	for p, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode(), want)
		}
	}
	v, err := db.SchemaVersion(context.Background())
	if err != nil || v != SchemaVersion {
		t.Errorf("schema version %d, %v; want %d", v, err, SchemaVersion)
	}
	var mode string
	if err := db.sql.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q, %v", mode, err)
	}
	for pragma, want := range map[string]int{"foreign_keys": 1, "secure_delete": 1, "synchronous": 2, "busy_timeout": int(BusyTimeout.Milliseconds())} {
		var got int
		if err := db.sql.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %d, %v; want %d", pragma, got, err, want)
		}
	}
	// Reopening is fine; so are two handles at once.
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, db2, Filter{}); n != 1 {
		t.Errorf("second handle sees %d scans", n)
	}
	db2.Close()
}

func TestOpenBadFiles(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, path string)
		want    error
		message string
	}{
		{"text file", func(t *testing.T, path string) {
			writeFile(t, path, bytes.Repeat([]byte("these are my notes, not a database\n"), 100))
		}, ErrNotDatabase, "not an SQLite database"},
		{"short garbage", func(t *testing.T, path string) {
			writeFile(t, path, []byte("SQLite format 2\x00garbage"))
		}, ErrNotDatabase, "not an SQLite database"},
		{"another program's database", func(t *testing.T, path string) {
			rawSQL(t, path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello')")
		}, ErrNotDatabase, "another program"},
		{"newer schema", func(t *testing.T, path string) {
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			rawSQL(t, path, "PRAGMA user_version = 99")
		}, ErrNewerSchema, "created by a newer digiscan (schema 99, this one knows " + fmt.Sprint(SchemaVersion) + "): upgrade digiscan"},
		{"negative schema", func(t *testing.T, path string) { // panicked in the migration (issue 12)
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			rawSQL(t, path, "PRAGMA user_version = -1")
		}, ErrCorrupt, "schema version (user_version -1) is not one digiscan ever wrote"},
		{"schema zero with tables", func(t *testing.T, path string) {
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			rawSQL(t, path, "PRAGMA user_version = 0")
		}, ErrCorrupt, "user_version 0"},
		{"a directory", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, ErrNotDatabase, "directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "digiscan.db")
			tt.setup(t, path)
			before := readIfFile(t, path)
			db, err := Open(path)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			t.Log(err)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q should name %s and say %q", err, path, tt.message)
			}
			if after := readIfFile(t, path); !bytes.Equal(before, after) {
				t.Errorf("Open changed the file")
			}
		})
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func readIfFile(t *testing.T, path string) []byte {
	t.Helper()
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rawSQL runs statements on a database file without the store.
func rawSQL(t *testing.T, path, stmts string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmts); err != nil {
		t.Fatal(err)
	}
}

// readOnlyDir makes dir unwritable, also for root (with chattr +i).
func readOnlyDir(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, 0o700) })
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("running as root and cannot make %s immutable: %v %s", path, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

func TestOpenReadOnlyLocation(t *testing.T) {
	t.Run("new database", func(t *testing.T) {
		dir := t.TempDir()
		readOnlyDir(t, dir)
		for _, path := range []string{filepath.Join(dir, "digiscan.db"), filepath.Join(dir, "sub", "digiscan.db")} {
			_, err := Open(path)
			t.Log(err)
			if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), filepath.Dir(path)) {
				t.Errorf("Open(%s) = %v, want ErrReadOnly naming the location", path, err)
			}
		}
	})
	t.Run("existing database", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "digiscan.db")
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		mustSave(t, db, result(t, "20261127-ro000001", nil))
		db.Close()
		before := readIfFile(t, path)
		readOnlyDir(t, dir)
		db, err = Open(path)
		if err == nil {
			err = db.SaveScan(context.Background(), result(t, "20261127-ro000002", nil))
			db.Close()
		}
		t.Log(err)
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
			t.Errorf("got %v, want ErrReadOnly naming %s", err, path)
		}
		if after := readIfFile(t, path); !bytes.Equal(before, after) {
			t.Errorf("the database file changed")
		}
	})
}

func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "digiscan.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, db, result(t, "20261127-full0001", &scan.Company{Name: "Eerste", KVK: "10000001"}))
	// A full disk, as SQLite sees it: no page may be added.
	db.sql.SetMaxOpenConns(1)
	var pages int
	if err := db.sql.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.Exec("PRAGMA max_page_count = " + itoa(pages)); err != nil {
		t.Fatal(err)
	}
	var saveErr error
	for i := range 50 {
		if saveErr = db.SaveScan(ctx, result(t, "20261127-full1"+pad(i), &scan.Company{Name: "Bedrijf " + itoa(i), KVK: "2000" + pad4(i)})); saveErr != nil {
			break
		}
	}
	t.Log(saveErr)
	if !errors.Is(saveErr, ErrFull) {
		t.Fatalf("saving into a full database: %v, want ErrFull", saveErr)
	}
	n := count(t, db, Filter{})
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, Filter{}); got != n {
		t.Errorf("%d scans after reopening, %d before", got, n)
	}
	var orphans int
	if err := db.sql.QueryRow("SELECT count(*) FROM scans s WHERE NOT EXISTS (SELECT 1 FROM scan_results r WHERE r.scan_pk = s.pk)").Scan(&orphans); err != nil || orphans != 0 {
		t.Errorf("%d scans without their JSON (%v)", orphans, err)
	}
}

func TestMigrateFromSchema1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "digiscan.db")
	in := result(t, "20251127-old00001", nil)
	data, err := encodeResult(fromResult(in))
	if err != nil {
		t.Fatal(err)
	}
	// A database as the first release wrote it.
	rawSQL(t, path, migrations[0]+`
		INSERT INTO scans VALUES (1, '20251127-old00001', NULL, '2026-11-27T10:30:00.000000000Z', '2026-11-27', '2026-11-27T10:31:00.000000000Z',
			'mini', '1', 'sha256:x', '', '', 'nl', 'advisor', 'Anna', '', '', 'retail', 'micro', 'gooise-meren', 'noord-holland',
			'vulnerable', 88, 29, 29, 'average', '2023', 2, 1, 1, '1', 1, '1', 0, '1', '', '', '');
		INSERT INTO scan_results VALUES (1, '`+strings.ReplaceAll(string(data), "'", "''")+`');
		INSERT INTO drafts VALUES ('d1', '2026-11-27T10:00:00.000000000Z', '2026-11-27T10:00:00.000000000Z', '', '', '{"id":"d1"}');
		PRAGMA application_id = 1145525059; PRAGMA user_version = 1;`)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != SchemaVersion {
		t.Errorf("schema %d after migration, want %d", v, SchemaVersion)
	}
	rec, err := db.Scan(ctx, "20251127-old00001")
	if err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(t, rec.JSON, data) {
		t.Errorf("result JSON changed by the migration")
	}
	// Migration 3 filled the new columns from the JSON.
	for _, d := range in.Dimensions {
		if v, ok := rec.Dimensions[d.ID]; (d.Score != nil) != ok || (ok && v != *d.Score) {
			t.Errorf("dimension %s after migration: %v %v, want %v", d.ID, v, ok, d.Score)
		}
	}
	if rec.AdvancedTech != in.AdvancedTech {
		t.Errorf("advanced tech after migration %+v, want %+v", rec.AdvancedTech, in.AdvancedTech)
	}
	if _, err := db.Drafts().Load("d1"); err != nil {
		t.Errorf("draft after migration: %v", err)
	}
	// Tables of migration 2 work.
	if _, err := db.WithdrawConsent(ctx, "20251127-old00001", ConsentStatistics); err != nil {
		t.Fatal(err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestConnectionSettings: every connection has the settings DSN asks for,
// among them the largest memory map SQLite makes (exports read through it).
func TestConnectionSettings(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "digiscan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for pragma, want := range map[string]int64{
		"mmap_size":     2147418112,
		"cache_size":    -20000,
		"foreign_keys":  1,
		"secure_delete": 1,
		"synchronous":   2, // FULL
	} {
		var got int64
		if err := db.sql.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %d, want %d", pragma, got, want)
		}
	}
}

// briefTopics reads the topics column of every scan through EachBrief, by id.
func briefTopics(t *testing.T, db *DB) map[string]string {
	t.Helper()
	got := map[string]string{}
	if err := db.EachBrief(context.Background(), Filter{}, BriefAnyOrder, func(b *Brief) error {
		got[b.ID] = b.Topics
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestMigrateTopics: a database at schema 3 (before the topics column)
// migrates, and the topics of its scans come from the stored JSON's
// profile.topics in the answer's order; a scan without topics gets "".
func TestMigrateTopics(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digiscan.db")
	insert := ""
	for i, topics := range [][]string{{"online-sales", "ai", "funding"}, nil, {"none"}} {
		id := fmt.Sprintf("20251127-old0000%d", i+1)
		in := result(t, id, nil, func(r *scan.Result) { r.Profile.Topics = topics })
		data, err := encodeResult(fromResult(in))
		if err != nil {
			t.Fatal(err)
		}
		insert += fmt.Sprintf(`
		INSERT INTO scans VALUES (%d, '%s', NULL, '2026-11-27T10:30:00.000000000Z', '2026-11-27', '2026-11-27T10:31:00.000000000Z',
			'mini', '1', 'sha256:x', '', '', 'nl', 'advisor', 'Anna', '', '', 'retail', 'micro', 'gooise-meren', 'noord-holland',
			'vulnerable', 88, 29, 29, 'average', '2023', 2, 1, 1, '1', 1, '1', 0, '1', '', '', '',
			50, 50, 50, 50, 50, 50, 0, 0, 0, 0);
		INSERT INTO scan_results VALUES (%d, '%s');`, i+1, id, i+1, strings.ReplaceAll(string(data), "'", "''"))
	}
	// A database as schema 3 left it.
	rawSQL(t, path, migrations[0]+migrations[1]+migrations[2]+insert+`
		PRAGMA application_id = 1145525059; PRAGMA user_version = 3;`)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(context.Background()); v != SchemaVersion || v < 4 {
		t.Errorf("schema %d after migration, want %d", v, SchemaVersion)
	}
	want := map[string]string{"20251127-old00001": "online-sales,ai,funding", "20251127-old00002": "", "20251127-old00003": "none"}
	if got := briefTopics(t, db); !maps.Equal(got, want) {
		t.Errorf("topics after migration %v, want %v", got, want)
	}
}

// TestTopicsWritten: saving and importing write the topics column;
// a topic id with a comma (the column's separator) is refused.
func TestTopicsWritten(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustSave(t, db, result(t, "20261127-saved001", nil, func(r *scan.Result) { r.Profile.Topics = []string{"ai", "data"} }))
	line, err := encodeResult(fromResult(result(t, "20261127-import01", nil, func(r *scan.Result) { r.Profile.Topics = []string{"funding"} })))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, strings.NewReader(string(line)+"\n"), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"20261127-saved001": "ai,data", "20261127-import01": "funding"}
	if got := briefTopics(t, db); !maps.Equal(got, want) {
		t.Errorf("topics %v, want %v", got, want)
	}
	if err := db.SaveScan(ctx, result(t, "20261127-comma001", nil, func(r *scan.Result) { r.Profile.Topics = []string{"ai,data"} })); !errors.Is(err, ErrInvalid) {
		t.Errorf("a topic with a comma saved: %v", err)
	}
}
