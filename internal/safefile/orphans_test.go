package safefile

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A temporary file a killed write left beside the target (nobody holds
// its lock) goes with the next write to that name; one a living writer
// holds stays, and so does another name's.
func TestWriteSweepsOrphansBeside(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "scans.csv")
	orphan := filepath.Join(dir, ".scans.csv.111.tmp")
	other := filepath.Join(dir, ".other.csv.222.tmp")
	live := filepath.Join(dir, ".scans.csv.333.tmp")
	for _, p := range []string{orphan, other, live} {
		if err := os.WriteFile(p, []byte("Fietsenwinkel De Vries"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ok, err := Lock(f); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	if err := Write(target, writeString("new")); err != nil {
		t.Fatal(err)
	}
	got := entries(t, dir)
	want := []string{".other.csv.222.tmp", ".scans.csv.333.tmp", "scans.csv"}
	if !slices.Equal(got, want) {
		t.Errorf("after the write: %v, want %v", got, want)
	}
}

// While a write runs its temporary file is in the ledger, and locked (Sweep
// keeps it); after it, the ledger is empty.
func TestLedgerDuringWrite(t *testing.T) {
	dir := t.TempDir()
	ledger := filepath.Join(dir, LedgerName)
	target := filepath.Join(dir, "out.json")
	err := Writer{Ledger: ledger}.Write(target, func(w io.Writer) error {
		names := entries(t, ledger)
		if len(names) != 1 {
			t.Fatalf("ledger during the write: %v", names)
		}
		b, _ := os.ReadFile(filepath.Join(ledger, names[0]))
		if !isTemp(filepath.Base(string(b))) {
			t.Errorf("ledger entry %q", b)
		}
		if n, err := Sweep(ledger); n != 0 || err != nil {
			t.Errorf("Sweep during the write removed %d: %v", n, err)
		}
		_, err := io.WriteString(w, "{}")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if names := entries(t, ledger); len(names) != 0 {
		t.Errorf("ledger after the write: %v", names)
	}
	if names := entries(t, dir); !slices.Equal(names, []string{LedgerName, "out.json"}) {
		t.Errorf("left: %v", names)
	}
}
