package main

import (
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gooivechtstreek/digiscan/internal/config"
)

// The output guard: -o never replaces the database, one of SQLite's files
// beside it, or a file the same run reads (score f.csv -o f.csv would
// overwrite its own input).

// noteInputs records the files a command may read: the values of its
// flags (other than -o) and its arguments that name a file, the config
// file and the questionnaire and catalogue the config names.
func (f *factory) noteInputs(cmd *cobra.Command, args []string) {
	add := func(p string) {
		if p != "" && p != "-" {
			f.inputs = append(f.inputs, p)
		}
	}
	cmd.Flags().Visit(func(fl *pflag.Flag) {
		if fl.Name == "output" || fl.Name == "db" || fl.Name == "lang" {
			return
		}
		if v, ok := fl.Value.(pflag.SliceValue); ok {
			for _, s := range v.GetSlice() {
				add(s)
			}
			return
		}
		add(fl.Value.String())
	})
	for _, a := range args {
		add(a)
	}
	add(config.Path(f.io.Getenv))
	if cfg, err := f.config(); err == nil {
		add(cfg.Questionnaire)
		add(cfg.Catalogue)
	}
}

// checkOutput refuses an output path that is the database (or its -wal,
// -shm or -journal file) or one of the run's inputs, after symbolic
// links, as the same file.
func (f *factory) checkOutput(path string) error {
	if path == "" || path == "-" {
		return nil
	}
	if db, err := f.dbPath(); err == nil && db != "" {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if samePath(path, db+suffix) {
				return usageT("err.output-is-database", path, db, suffix)
			}
		}
	}
	for _, in := range f.inputs {
		if sameFile(path, in) {
			return usageT("err.output-is-input", path, in)
		}
	}
	return nil
}

// sameFile tells whether a and b both exist and are one file (after
// links: os.SameFile).
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// samePath is sameFile, or, when neither exists yet (a database about to
// be created, its -wal file), the same absolute path after resolving the
// links of the folders that exist.
func samePath(a, b string) bool {
	if sameFile(a, b) {
		return true
	}
	_, errA := os.Stat(a)
	_, errB := os.Stat(b)
	return errA != nil && errB != nil && canonical(a) == canonical(b)
}

// canonical is path made absolute with the links of its nearest existing
// folder resolved.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(real, base)
	}
	return filepath.Clean(abs)
}
