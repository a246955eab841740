package store

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors to map to exit codes and messages. They are wrapped with context
// (the operation, the path, the id); test with errors.Is.
var (
	// ErrNotFound: no scan, company, draft or follow-up with that id or reference.
	ErrNotFound = errors.New("not found")
	// ErrNotDatabase: the file is not an SQLite database, or one of another program.
	ErrNotDatabase = errors.New("not a digiscan database")
	// ErrNewerSchema: the database was created by a newer digiscan.
	ErrNewerSchema = errors.New("created by a newer digiscan")
	// ErrNetworkFS: the database is on a network file system, where WAL does not work.
	ErrNetworkFS = errors.New("database on a network file system")
	// ErrReadOnly: the location or the file cannot be written.
	ErrReadOnly = errors.New("database location is read-only")
	// ErrFull: the disk (or the database's size limit) is full.
	ErrFull = errors.New("disk full")
	// ErrBusy: another process held the database longer than the busy timeout.
	ErrBusy = errors.New("database is busy (another digiscan is writing); try again")
	// ErrCorrupt: SQLite reports the file as damaged.
	ErrCorrupt = errors.New("database file is damaged")
	// ErrInvalid: a value to store is not valid (a result without id, an unknown outcome, …).
	ErrInvalid = errors.New("invalid")
	// ErrExists: a scan with this id is stored with different content.
	ErrExists = errors.New("a different scan with this id is already stored")
	// ErrErased: the scan with this id was erased and is not stored again.
	ErrErased = errors.New("scan was erased")
	// ErrNoConsent: the action needs a consent that was not given or was withdrawn.
	ErrNoConsent = errors.New("consent not given")
)

// AmbiguousError is returned when a company reference (a name) matches
// several companies: the caller lets the person choose by id or KVK number.
type AmbiguousError struct {
	Ref        string
	Candidates []Company
}

func (e *AmbiguousError) Error() string {
	ids := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		ids[i] = fmt.Sprintf("#%d", c.ID)
		if c.KVK != "" {
			ids[i] += " (KVK " + c.KVK + ")"
		}
	}
	return fmt.Sprintf("%q matches %d companies: %s; name one by #id or KVK number", e.Ref, len(e.Candidates), strings.Join(ids, ", "))
}

// Conflict is an imported line whose scan id is stored with different content.
type Conflict struct {
	Line    int      // 1-based line number in the import file
	ID      string   // scan id
	Fields  []string // the top-level result keys that differ
	Replace bool     // the stored scan was replaced (ImportOptions.PreferIncoming)
}

// ConflictError reports the conflicts of an import that kept the stored
// scans (the default). The other lines were imported.
type ConflictError struct{ Conflicts []Conflict }

func (e *ConflictError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d imported scan(s) differ from the stored scan with the same id; kept the stored one", len(e.Conflicts))
	for i, c := range e.Conflicts {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Conflicts)-10)
			break
		}
		fmt.Fprintf(&b, "\n  line %d: scan %s differs in %s", c.Line, c.ID, strings.Join(c.Fields, ", "))
	}
	return b.String()
}

// LineError is one invalid line of an import file.
type LineError struct {
	Line int
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// InvalidLinesError reports the invalid lines of an import file; nothing of
// the file was imported. Lines holds the first maxLineErrors; Total counts all.
type InvalidLinesError struct {
	Name  string // the file name given in ImportOptions, if any
	Lines []LineError
	Total int
}

func (e *InvalidLinesError) Error() string {
	var b strings.Builder
	name := e.Name
	if name == "" {
		name = "import"
	}
	fmt.Fprintf(&b, "%s: %d invalid line(s), nothing imported", name, e.Total)
	for _, l := range e.Lines {
		fmt.Fprintf(&b, "\n  %s:%d: %v", name, l.Line, l.Err)
	}
	if more := e.Total - len(e.Lines); more > 0 {
		fmt.Fprintf(&b, "\n  … and %d more", more)
	}
	return b.String()
}

func (e *InvalidLinesError) Unwrap() error { return ErrInvalid }

// sqliteCode returns the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// extendedCode returns the extended SQLite result code of err, or 0.
func extendedCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// classify wraps err with the typed error it stands for, so callers can
// test with errors.Is while the SQLite message stays in the text.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var kind error
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB:
		kind = ErrNotDatabase
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		kind = ErrBusy
	case sqlite3.SQLITE_FULL:
		kind = ErrFull
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
		kind = ErrReadOnly
	case sqlite3.SQLITE_CORRUPT:
		kind = ErrCorrupt
	case sqlite3.SQLITE_IOERR:
		// The shared-memory file (-shm) could not grow: on a full disk
		// opening a database says "disk I/O error (4874)".
		if extendedCode(err) == sqlite3.SQLITE_IOERR_SHMSIZE || errors.Is(err, syscall.ENOSPC) {
			kind = ErrFull
		}
	default:
		switch {
		case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
			kind = ErrReadOnly
		case errors.Is(err, syscall.ENOSPC):
			kind = ErrFull
		}
	}
	if kind == nil || errors.Is(err, kind) {
		return err
	}
	return fmt.Errorf("%w: %w", kind, err)
}
