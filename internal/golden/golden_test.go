package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what would fail the test.
type recorder struct {
	testing.TB
	failed []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "want.txt")
	if err := os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		got  string
		fail string // part of the failure; "" when none
	}{
		{"one\ntwo\nthree\n", ""},
		{"one\ntwo\nthreE\n", "first difference on line 3"},
		{"one\ntwo\n", "first difference on line 3"},
	} {
		r := &recorder{TB: t}
		Check(r, path, []byte(tt.got))
		switch {
		case tt.fail == "" && len(r.failed) > 0:
			t.Errorf("%q: failed: %s", tt.got, r.failed)
		case tt.fail != "" && (len(r.failed) != 1 || !strings.Contains(r.failed[0], tt.fail)):
			t.Errorf("%q: failures %q, want one with %q", tt.got, r.failed, tt.fail)
		}
	}
	r := &recorder{TB: t}
	Check(r, filepath.Join(t.TempDir(), "missing.txt"), nil)
	if len(r.failed) != 1 || !strings.Contains(r.failed[0], "-update to create it") {
		t.Errorf("a missing file: %q", r.failed)
	}
}
