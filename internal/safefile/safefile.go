// Package safefile writes output files all or nothing, the way every -o
// of digiscan writes: into a temporary file beside the target (mode 0600:
// exports and results hold business data), synced and renamed into place
// only when the writer succeeds. An error, a cancelled run or a panic
// leaves nothing behind and an existing file untouched.
//
// A target that is not a regular file — /dev/null, /dev/stdout, a named
// pipe, NUL on Windows — is written to directly: renaming over it would
// replace the device with a file. A symbolic link is written through: the
// file it points to is replaced, the link stays.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes path through fn, all or nothing. Errors name path (never
// the temporary file) and say what to do.
func Write(path string, fn func(w io.Writer) error) error {
	return Writer{}.Write(path, fn)
}

// Writer writes files all or nothing; Ledger, when set, is the ledger
// folder its temporary files are recorded in (see Sweep).
type Writer struct{ Ledger string }

// WriteError is a file that cannot be written: Path as given, and why:
// it is a directory (IsDir), its directory NoDir does not exist, or the
// system's reason Err. The command says it in the person's language.
type WriteError struct {
	Path  string
	IsDir bool
	NoDir string
	Err   error
}

func (e *WriteError) Error() string {
	switch {
	case e.IsDir:
		return fmt.Sprintf("%s is a directory; give a file name", e.Path)
	case e.NoDir != "":
		return fmt.Sprintf("cannot write %s: the directory %s does not exist", e.Path, e.NoDir)
	}
	return fmt.Sprintf("cannot write %s: %v", e.Path, e.Err)
}

func (e *WriteError) Unwrap() error { return e.Err }

// Write is the package's Write, recording the temporary file in the
// ledger while it exists.
func (wr Writer) Write(path string, fn func(w io.Writer) error) (err error) {
	target, special, err := resolve(path)
	if err != nil {
		return err
	}
	if special {
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return &WriteError{Path: path, Err: unwrapPath(err)}
		}
		if err := fn(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return &WriteError{Path: path, Err: unwrapPath(err)}
		}
		return nil
	}
	sweepBeside(target)
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return &WriteError{Path: path, Err: unwrapPath(err)}
	}
	// Locked while this process lives: a killed run's file is an orphan.
	_, _ = tryLock(tmp)
	dropEntry := addEntry(wr.Ledger, tmp.Name())
	defer dropEntry()
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return &WriteError{Path: path, Err: unwrapPath(err)}
	}
	if err := fn(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return &WriteError{Path: path, Err: unwrapPath(err)}
	}
	if err := tmp.Close(); err != nil {
		return &WriteError{Path: path, Err: unwrapPath(err)}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return &WriteError{Path: path, Err: unwrapPath(err)}
	}
	done = true
	return nil
}

// resolve finds the file to write: path itself, or what a symbolic link
// at path points to; special when that exists and is not a regular file.
func resolve(path string) (target string, special bool, err error) {
	target = path
	if real, err := filepath.EvalSymlinks(path); err == nil {
		target = real
	}
	fi, statErr := os.Stat(target)
	switch {
	case statErr == nil && fi.IsDir():
		return "", false, &WriteError{Path: path, IsDir: true}
	case statErr == nil && !fi.Mode().IsRegular():
		return target, true, nil
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return "", false, &WriteError{Path: path, Err: unwrapPath(statErr)}
	}
	if dir := filepath.Dir(target); dir != "." {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return "", false, &WriteError{Path: path, NoDir: filepath.Dir(path)}
		}
	}
	return target, false, nil
}

// unwrapPath drops the *PathError around err: its path would be the
// temporary file's, which means nothing to the user.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
