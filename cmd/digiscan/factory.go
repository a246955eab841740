package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/config"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	"github.com/gooivechtstreek/digiscan/internal/iostreams"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/safefile"
	"github.com/gooivechtstreek/digiscan/internal/store"
)

// factory gives commands what they need from the outside world, so tests
// can replace the streams, the clock and the environment.
type factory struct {
	io  *iostreams.IOStreams
	now func() time.Time
	// lang is the language of help and messages, resolved before the
	// command tree is built: --lang in the arguments, config, LANG, else nl.
	lang i18n.Lang
	// dbUsed is the path of the database once db() opened (or tried) it.
	dbUsed string
	// langFlag is the --lang flag as given ("" when not).
	langFlag string

	configOnce sync.Once
	cfg        *config.Config
	cfgErr     error

	// dbFlag is --db; the database opens on first use (most commands and
	// the start of an interview never need it).
	dbFlag string
	dbOnce sync.Once
	store  *store.DB
	dbErr  error

	// interviewing is set while an interview runs: a signal then leaves
	// it to end itself (keeping a draft) instead of ending the process.
	interviewing atomic.Bool

	// inputs are the files the running command may read; -o refuses them
	// (noteInputs, checkOutput).
	inputs []string
}

// dbPath is where the database lives: --db, DIGISCAN_DB, the config's db,
// else digiscan.db in the data directory.
func (f *factory) dbPath() (string, error) {
	cfg, err := f.config()
	if err != nil {
		return "", err
	}
	if p := firstOf(f.dbFlag, f.io.Getenv("DIGISCAN_DB"), cfg.DB); p != "" {
		return p, nil
	}
	dir, err := config.DataDir(f.io.Getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "digiscan.db"), nil
}

// db opens the database once; drafts kept as files by an earlier version
// move into it.
func (f *factory) db() (*store.DB, error) {
	f.dbOnce.Do(func() {
		path, err := f.dbPath()
		if err != nil {
			f.dbErr = err
			return
		}
		f.dbUsed = path
		if f.store, f.dbErr = store.Open(path); f.dbErr != nil {
			return
		}
		if dir, err := config.DataDir(f.io.Getenv); err == nil {
			old := drafts.FileStore{Dir: filepath.Join(dir, "drafts")}
			if n, err := f.store.MigrateDrafts(context.Background(), old); err != nil {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.drafts-not-migrated", err))
			} else if n > 0 {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.drafts-migrated", n))
			}
			// What cannot be migrated cannot be opened either, but may hold
			// a business's answers: erase it, and say so.
			removed, err := old.RemoveDamaged()
			if len(removed) > 0 {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.drafts-damaged-erased", len(removed), old.Dir, strings.Join(removed, ", ")))
			}
			if err != nil {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.drafts-not-migrated", err))
			}
		}
	})
	return f.store, f.dbErr
}

func (f *factory) closeDB() {
	if f.store != nil {
		f.store.Close()
	}
}

func (f *factory) config() (*config.Config, error) {
	f.configOnce.Do(func() { f.cfg, f.cfgErr = config.Load(f.io.Getenv) })
	return f.cfg, f.cfgErr
}

// dayOr is d, or today when d is not given.
func (f *factory) dayOr(d date.Date) date.Date {
	if d.IsZero() {
		return date.Of(f.now())
	}
	return d
}

// drafts returns the draft store: the database, opened when first used.
func (f *factory) drafts() drafts.Store { return lazyDrafts{f} }

// lazyDrafts opens the database only when a draft is read or written, so
// an interview starts without waiting for it.
type lazyDrafts struct{ f *factory }

func (l lazyDrafts) store() (drafts.Store, error) {
	db, err := l.f.db()
	if err != nil {
		return nil, err
	}
	return db.Drafts(), nil
}

func (l lazyDrafts) Save(d *drafts.Draft) error {
	s, err := l.store()
	if err != nil {
		return err
	}
	return s.Save(d)
}

func (l lazyDrafts) Load(id string) (*drafts.Draft, error) {
	s, err := l.store()
	if err != nil {
		return nil, err
	}
	return s.Load(id)
}

func (l lazyDrafts) List() ([]*drafts.Draft, error) {
	s, err := l.store()
	if err != nil {
		return nil, err
	}
	return s.List()
}

func (l lazyDrafts) Delete(id string) error {
	s, err := l.store()
	if err != nil {
		return err
	}
	return s.Delete(id)
}

func (f *factory) t(key string) string { return msg.T(f.lang, key) }

func (f *factory) tf(key string, args ...any) string { return msg.Tf(f.lang, key, args...) }

func newFactory(io *iostreams.IOStreams, args []string) *factory {
	f := &factory{io: io, now: time.Now}
	// The language of the help is needed before cobra parses the flags.
	cfgLang := ""
	if c, err := f.config(); err == nil {
		cfgLang = c.Lang
	}
	l, err := i18n.Resolve(langArg(args), "", cfgLang, io.Getenv)
	if err != nil {
		l = i18n.NL // the flag's own validation reports it
	}
	f.lang = l
	return f
}

// langArg finds --lang in the arguments without parsing the rest.
func langArg(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// resolveLang applies the precedence: --lang, the answers file or draft,
// the config, LANG, else Dutch.
func resolveLang(f *factory, file string) (i18n.Lang, error) {
	cfg := ""
	if c, err := f.config(); err == nil {
		cfg = c.Lang
	}
	l, err := i18n.Resolve(f.langFlag, file, cfg, f.io.Getenv)
	if err != nil {
		return "", usageError{err}
	}
	return l, nil
}

// writeOut writes what write produces to the file of -o (all or nothing:
// safefile.Write) or, without one or with -, to standard output; tty says
// whether it goes to a terminal.
func (f *factory) writeOut(path string, write func(w io.Writer, tty bool) error) error {
	if err := f.checkOutput(path); err != nil {
		return err
	}
	if path != "" && path != "-" {
		// The temporary file is recorded in the ledger beside the database,
		// so the store sweeps it if this process is killed.
		var wr safefile.Writer
		if db, err := f.dbPath(); err == nil {
			if abs, err := filepath.Abs(db); err == nil {
				wr.Ledger = filepath.Join(filepath.Dir(abs), safefile.LedgerName)
			}
		}
		return wr.Write(path, func(w io.Writer) error { return write(w, false) })
	}
	return write(f.io.Out, f.io.OutTTY)
}
