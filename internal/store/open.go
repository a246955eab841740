package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/gooivechtstreek/digiscan/internal/safefile"
)

// appID marks a digiscan database in the SQLite header (PRAGMA application_id): "DGSC".
const appID = 0x44475343

// BusyTimeout is how long a statement waits for another process's write
// transaction before failing with ErrBusy.
const BusyTimeout = 10 * time.Second

// DB is an open digiscan database. It is safe for concurrent use.
type DB struct {
	sql  *sql.DB
	path string
	now  func() time.Time // the clock for saved_at, withdrawals and erasures (tests fix it)

	stmts map[string]*sql.Stmt // prepared statements of the hot paths; read-only after open
}

// DSN returns the database/sql data source name Open uses for path with
// the "sqlite" driver: per-connection pragmas and BEGIN IMMEDIATE for
// every transaction. journal_mode=WAL is persistent and set once by Open.
func DSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "secure_delete(1)")
	q.Add("_pragma", "synchronous(FULL)")
	// Read a large database through a memory map, without a system call
	// and a copy into the page cache a page: 2 GB, the most SQLite maps
	// (about 170,000 scans). An export of 100,000 runs a tenth faster in
	// half the memory than with 1 GB.
	q.Add("_pragma", "mmap_size(2147418112)")
	q.Add("_pragma", "cache_size(-20000)") // 20 MB a connection: 100,000 scans' indexes stay cached
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", OmitHost: true, Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	return u.String()
}

// Open opens the database at path, creating it (and its directory) when
// missing, and brings its schema up to date.
func Open(path string) (*DB, error) {
	return open(context.Background(), path)
}

func open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	before := existing(abs)
	if err := prepareFile(abs); err != nil {
		undoFailedOpen(abs, before)
		return nil, err
	}
	if fsName, ok := networkFS(filepath.Dir(abs)); ok {
		return nil, fmt.Errorf("open database %s: %w (%s): SQLite's WAL needs a local disk; keep one database per advisor on a local disk and merge with export and import", abs, ErrNetworkFS, fsName)
	}
	sdb, err := sql.Open("sqlite", DSN(abs))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", abs, err)
	}
	sdb.SetMaxOpenConns(8)
	sdb.SetMaxIdleConns(4)
	db := &DB{sql: sdb, path: abs, now: time.Now}
	if err := db.init(ctx); err != nil {
		sdb.Close()
		undoFailedOpen(abs, before)
		return nil, fmt.Errorf("open database %s: %w", abs, err)
	}
	if err := db.prepare(ctx); err != nil {
		db.Close()
		undoFailedOpen(abs, before)
		return nil, fmt.Errorf("open database %s: %w", abs, classify(err))
	}
	_ = sweepOrphans(filepath.Dir(abs)) // an erasure reports what stays
	return db, nil
}

// prepareFile creates the directory (0700) and an empty database file
// (0600) so SQLite's own files inherit that mode; it never opens an
// existing file (closing a descriptor of a file this process has locked
// would drop SQLite's POSIX locks on it).
func prepareFile(abs string) error {
	dir := filepath.Dir(abs)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create database directory %s: %w", dir, classify(err))
	}
	fi, err := os.Stat(abs)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("open database %s: %w: it is a directory", abs, ErrNotDatabase)
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("open database %s: %w", abs, classify(err))
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil // created by another process meanwhile
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", abs, classify(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create database %s: %w", abs, classify(err))
	}
	return nil
}

// openFiles tells which of a database's files existed before an open.
type openFiles struct{ db, wal, shm bool }

func existing(abs string) openFiles {
	there := func(p string) bool { _, err := os.Lstat(p); return err == nil }
	return openFiles{db: there(abs), wal: there(abs + "-wal"), shm: there(abs + "-shm")}
}

// shmReady is the size of a -shm file SQLite has set up: the first 32 KiB
// region of the WAL index. A live connection in WAL mode always has it.
const shmReady = 32 << 10

// undoFailedOpen removes what a failed open made that was not there before
// (before): the -wal and -shm SQLite creates on the way to WAL mode — on a
// full disk an empty -wal and a -shm of 3 bytes, which made other tools
// (sqlite3, a backup) fail on a database that was whole — and a database
// file prepareFile created and nothing wrote. It removes them only while
// no connection can be using them: the -shm (if any) is smaller than a
// set-up WAL index, the -wal empty and the database file empty; a file
// that was there before stays whatever it holds. Removing never opens a
// file, so it cannot drop another connection's locks in this process.
func undoFailedOpen(abs string, before openFiles) {
	size := func(p string) int64 {
		fi, err := os.Lstat(p)
		if err != nil {
			return -1 // not there
		}
		if !fi.Mode().IsRegular() {
			return 1 << 62 // not ours to remove
		}
		return fi.Size()
	}
	shm := size(abs + "-shm")
	if shm >= shmReady || before.shm && shm >= 0 {
		return // a WAL index that is or may be in use
	}
	if !before.shm && shm >= 0 {
		if os.Remove(abs+"-shm") != nil {
			return
		}
	}
	if !before.wal && size(abs+"-wal") == 0 {
		if os.Remove(abs+"-wal") != nil {
			return
		}
	}
	if !before.db && size(abs) == 0 && size(abs+"-wal") < 0 && size(abs+"-shm") < 0 {
		_ = os.Remove(abs)
	}
}

// sweepOrphans removes what killed processes left beside the database,
// whatever its age: import staging files (they hold the scans of the file
// being imported) and, through the ledger, the temporary files of outputs
// that were being written (full copies of exports). A file still in use
// (locked by a living process) stays. Run when the database opens and
// after every erasure; an error means a leftover could not be removed.
func sweepOrphans(dir string) error {
	var errs []error
	names, _ := filepath.Glob(filepath.Join(dir, ".digiscan-import-*.db"))
	for _, n := range names {
		if _, err := safefile.RemoveOrphan(n, n+"-journal"); err != nil {
			errs = append(errs, err)
		}
	}
	if _, err := safefile.Sweep(filepath.Join(dir, safefile.LedgerName)); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// sweep is sweepOrphans beside this database, for the end of an erasure.
func (db *DB) sweep() error {
	if err := sweepOrphans(filepath.Dir(db.path)); err != nil {
		return fmt.Errorf("erasure: %w", err)
	}
	return nil
}

// init checks what the file is, switches it to WAL and migrates it.
func (db *DB) init(ctx context.Context) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return db.openErr(err)
	}
	defer conn.Close()
	if _, err := identify(ctx, conn); err != nil {
		return db.openErr(err)
	}
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return db.openErr(err)
	}
	if mode != "wal" {
		return fmt.Errorf("%w: cannot switch to WAL (journal mode stays %q)", ErrNetworkFS, mode)
	}
	return migrate(ctx, conn)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// identify refuses a file that is not an empty or digiscan database, or
// one of a newer schema. One statement, so one snapshot: another process
// may be creating the database meanwhile.
func identify(ctx context.Context, q queryRower) (version int64, err error) {
	var app, objects int64
	err = q.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).Scan(&app, &version, &objects)
	if err != nil {
		return 0, err
	}
	if app != appID && (app != 0 || objects != 0) {
		return 0, fmt.Errorf("%w: an SQLite database of another program (application id %#x)", ErrNotDatabase, app)
	}
	if version > int64(len(migrations)) {
		return 0, newerSchema(version)
	}
	if version < 0 || version == 0 && app == appID && objects > 0 {
		return 0, fmt.Errorf("%w: its schema version (user_version %d) is not one digiscan ever wrote; the file was changed by another tool: restore it from a backup", ErrCorrupt, version)
	}
	return version, nil
}

func newerSchema(version int64) error {
	return fmt.Errorf("%w (schema %d, this one knows %d): upgrade digiscan", ErrNewerSchema, version, len(migrations))
}

// openErr explains the errors SQLite gives while opening.
func (db *DB) openErr(err error) error {
	notADB := sqliteCode(err) == sqlite3.SQLITE_NOTADB
	err = classify(err)
	switch {
	case notADB:
		return fmt.Errorf("%w: the file is not an SQLite database", ErrNotDatabase)
	case errors.Is(err, ErrReadOnly):
		return fmt.Errorf("cannot write the database or create its -wal and -shm files beside it: %w", err)
	}
	return err
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close runs PRAGMA optimize and closes the database. The last connection
// to close checkpoints the WAL and removes the -wal and -shm files.
func (db *DB) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _ = db.sql.ExecContext(ctx, "PRAGMA optimize")
	for _, st := range db.stmts {
		st.Close()
	}
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, classify(err))
	}
	return nil
}

// SchemaVersion is the schema version of the open database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, classify(err)
}

// txn is a write transaction whose statements are prepared once per
// connection and reused (parsing SQL is a good part of a small write).
type txn struct {
	*sql.Tx
	db *DB
}

func (t *txn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.db.stmts[query]; st != nil {
		return t.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t *txn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.db.stmts[query]; st != nil {
		return t.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t *txn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.db.stmts[query]; st != nil {
		return t.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// prepare prepares the statements of the hot paths, once, while no
// connection is busy (preparing inside a transaction could wait for a
// connection forever). A transaction re-prepares one on its own
// connection the first time it uses it there.
func (db *DB) prepare(ctx context.Context) error {
	db.stmts = make(map[string]*sql.Stmt, len(hotStatements))
	for _, q := range hotStatements {
		st, err := db.sql.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		db.stmts[q] = st
	}
	return nil
}

// begin starts a BEGIN IMMEDIATE transaction on conn (or the pool).
func (db *DB) begin(ctx context.Context, conn *sql.Conn) (*txn, error) {
	var tx *sql.Tx
	var err error
	if conn != nil {
		tx, err = conn.BeginTx(ctx, nil)
	} else {
		tx, err = db.sql.BeginTx(ctx, nil)
	}
	if err != nil {
		return nil, err
	}
	return &txn{Tx: tx, db: db}, nil
}

// write runs fn in a BEGIN IMMEDIATE transaction and commits it.
func (db *DB) write(ctx context.Context, op string, fn func(tx *txn) error) error {
	tx, err := db.begin(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", op, classify(err))
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("%s: %w", op, classify(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", op, classify(err))
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and foreign_key_check.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.sql.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", classify(err))
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", classify(err))
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", classify(err))
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check").Scan(&n); err != nil {
		return fmt.Errorf("integrity check: %w", classify(err))
	}
	if n > 0 {
		problems = append(problems, fmt.Sprintf("%d foreign key violation(s)", n))
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %w: %v", ErrCorrupt, problems)
	}
	return nil
}
