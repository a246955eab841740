package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// atomicFile writes to a temporary file beside the target and renames it
// into place on Commit, so an interrupted write never leaves half a file.
// The file is readable only by the user: results hold business data.
type atomicFile struct {
	*os.File
	target string
	done   bool
}

func createAtomic(path string) (*atomicFile, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory; give a file name", path)
	}
	if dir := filepath.Dir(path); dir != "." {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("cannot write %s: the directory %s does not exist", path, dir)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return &atomicFile{File: tmp, target: path}, nil
}

// Commit closes the file and moves it into place.
func (a *atomicFile) Commit() error {
	if err := a.File.Close(); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("cannot write %s: %w", a.target, err)
	}
	if err := os.Rename(a.Name(), a.target); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("cannot write %s: %w", a.target, err)
	}
	a.done = true
	return nil
}

// Abort removes the temporary file unless it was committed.
func (a *atomicFile) Abort() {
	if !a.done {
		a.File.Close()
		os.Remove(a.Name())
	}
}
