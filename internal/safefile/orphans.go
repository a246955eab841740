package safefile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Orphans. A process killed while writing (kill -9, a power cut) leaves
// its temporary file behind: a full copy of an export. Every temporary
// file is locked (flock) while its writer lives, so a file nobody locks is
// an orphan, whatever its age. Orphans are removed
//   - beside the target, by the next Write to the same name;
//   - through the ledger: a folder (LedgerName, beside the database) with
//     one small entry per temporary file being written, naming it; Sweep
//     (run when the store opens and on every erasure) removes the orphans
//     it lists, wherever they are.

// LedgerName is the ledger folder's name, beside the database.
const LedgerName = ".digiscan-pending"

// Lock takes the lock that marks f (a temporary or staging file) as in
// use; it lasts until f is closed. false: another process holds it.
func Lock(f *os.File) (bool, error) { return tryLock(f) }

// RemoveOrphan removes path (and the files in also, e.g. its -journal) if
// no process holds its lock. removed is false for a file in use or one
// that does not exist; err says why a file could not be removed.
func RemoveOrphan(path string, also ...string) (removed bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot remove the leftover file %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return false, nil // never a device, a pipe, a folder
	}
	free, err := tryLock(f)
	if err != nil || !free {
		return false, err
	}
	for _, p := range append([]string{path}, also...) {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, fmt.Errorf("cannot remove the leftover file %s: %w", p, unwrapPath(err))
		}
	}
	return true, nil
}

// isTemp tells whether name is a temporary file's name as Write makes
// them: .NAME.NNN.tmp.
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp") && len(name) > len("..tmp")
}

// sweepBeside removes the orphaned temporary files of earlier writes to
// target.
func sweepBeside(target string) {
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(target), "."+globEscape(filepath.Base(target))+".*.tmp"))
	for _, n := range names {
		_, _ = RemoveOrphan(n)
	}
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`)
	return r.Replace(s)
}

// Sweep removes the orphaned temporary files the ledger folder lists and
// their entries; removed counts the files. A file that cannot be removed
// is an error (erasure must not pretend to be complete).
func Sweep(ledger string) (removed int, err error) {
	des, err := os.ReadDir(ledger)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cannot read %s: %w", ledger, unwrapPath(err))
	}
	var errs []error
	for _, de := range des {
		entry := filepath.Join(ledger, de.Name())
		if !strings.HasSuffix(de.Name(), ".entry") || !de.Type().IsRegular() {
			continue
		}
		tmp, ok := readEntry(entry)
		if !ok {
			_ = os.Remove(entry)
			continue
		}
		gone, err := RemoveOrphan(tmp)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if gone {
			removed++
		}
		if _, err := os.Lstat(tmp); errors.Is(err, fs.ErrNotExist) {
			_ = os.Remove(entry)
		}
	}
	return removed, errors.Join(errs...)
}

// readEntry reads a ledger entry: the absolute path of a temporary file
// (only such a name is ever removed through the ledger).
func readEntry(entry string) (string, bool) {
	f, err := os.Open(entry)
	if err != nil {
		return "", false
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 4097))
	if err != nil || len(b) > 4096 {
		return "", false
	}
	p := string(b)
	if !filepath.IsAbs(p) || !isTemp(filepath.Base(p)) || filepath.Clean(p) != p {
		return "", false
	}
	return p, true
}

// addEntry records tmp in the ledger; the returned function removes the
// entry. Without a ledger, or when it cannot be written, there is none
// (the file is still swept beside its target).
func addEntry(ledger, tmp string) func() {
	if ledger == "" {
		return func() {}
	}
	abs, err := filepath.Abs(tmp)
	if err != nil {
		return func() {}
	}
	if err := os.MkdirAll(ledger, 0o700); err != nil {
		return func() {}
	}
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	entry := filepath.Join(ledger, hex.EncodeToString(rnd[:])+".entry")
	if err := os.WriteFile(entry, []byte(abs), 0o600); err != nil {
		return func() {}
	}
	return func() { _ = os.Remove(entry) }
}
