package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The tests run hermetically: none of the user's variables (DIGISCAN_*,
// XDG_*, HOME, LANG, NO_COLOR) changes a result or is written to. This test
// runs the suite's key tests again — the end-to-end scripts of the scan, the
// drafts, the stored scans and the languages, and the scans in a real
// terminal — in a child process whose environment points every one of those
// variables at a "user" directory with a config that would change results
// (English, another database), and checks that the child passes and that
// nothing in the user directory was created or changed.
func TestHermeticAgainstTheUsersEnvironment(t *testing.T) {
	if os.Getenv("DIGISCAN_HERMETIC_CHILD") != "" {
		t.Skip("already the child")
	}
	if testing.Short() || raceEnabled {
		t.Skip("runs part of the suite again (not with -short or -race: the plain run checks it)")
	}
	user := t.TempDir()
	cfgDir := filepath.Join(user, "config", "digiscan")
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := "lang: en\nadvisor: Hostile Advisor\nmode: advisor\ndb: " + filepath.Join(user, "config-db.sqlite") + "\n"
	for _, p := range []string{filepath.Join(cfgDir, "config.yaml"), filepath.Join(user, "digiscan.yaml")} {
		if err := os.WriteFile(p, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, user)
	cmd := exec.Command(os.Args[0], "-test.run",
		`^(TestScripts/(accessible|drafts_trust|scans|lang|scan_examples|output)|TestPTYInterruptAndResume|TestPTYWholeScan|ExampleRun)$`,
		"-test.count=1")
	cmd.Env = append(os.Environ(),
		"DIGISCAN_HERMETIC_CHILD=1",
		"DIGISCAN_DB="+filepath.Join(user, "env-db.sqlite"),
		"DIGISCAN_CONFIG="+filepath.Join(user, "digiscan.yaml"),
		"XDG_DATA_HOME="+filepath.Join(user, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(user, "config"),
		"XDG_CACHE_HOME="+filepath.Join(user, "cache"),
		"HOME="+filepath.Join(user, "home"),
		"LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8",
		"NO_COLOR=1", "ACCESSIBLE=1", "TERM=xterm-256color", "COLUMNS=40",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("with the user's variables set, the tests fail (%v):\n%s", err, tail(string(out), 4000))
	}
	if !strings.Contains(string(out), "PASS") || strings.Contains(string(out), "no tests to run") {
		t.Fatalf("the child ran no tests:\n%s", tail(string(out), 2000))
	}
	if after := snapshot(t, user); after != before {
		t.Errorf("the tests wrote to the user's directories:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// snapshot lists the files under dir with their sizes and times.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %s %d %s\n", rel, fi.Mode(), fi.Size(), fi.ModTime())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func tail(s string, n int) string { return s[max(0, len(s)-n):] }
