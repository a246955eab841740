// Package golden compares what a test produces with expected output kept
// in the repository's testdata, and rewrites the file when the tests run
// with -update. (Generated Go source is made by go generate, never by a
// test: see internal/generate.)
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with what the tests produce")

// Check fails t when got differs from the file at path, showing where;
// with -update it writes got to path first.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the test produces (check the change, then run the test with -update):\n%s", path, Diff(got, want))
	}
}

// Diff shows where got and want first differ: the line number and the
// text around it in each.
func Diff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	line := 1 + bytes.Count(got[:i], []byte("\n"))
	lo := max(0, i-80)
	show := func(b []byte) string {
		return strings.ToValidUTF8(string(b[min(lo, len(b)):min(len(b), i+80)]), "?")
	}
	return fmt.Sprintf("first difference on line %d:\n--- got\n%s\n--- want\n%s", line, show(got), show(want))
}
