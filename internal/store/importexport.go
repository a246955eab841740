package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/gooivechtstreek/digiscan/internal/safefile"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// ExportJSONL writes the scans f selects as JSON Lines, one stored result
// a line, in Filter order: the format Import reads. It returns how many
// scans it wrote. Memory stays flat.
func (db *DB) ExportJSONL(ctx context.Context, f Filter, w io.Writer) (int, error) {
	f.NoJSON = false
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	err := db.Each(ctx, f, func(r *Record) error {
		if _, err := bw.Write(r.JSON); err != nil {
			return err
		}
		n++
		return bw.WriteByte('\n')
	})
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// ImportOptions tune Import.
type ImportOptions struct {
	// Name is the file name used in messages.
	Name string
	// PreferIncoming replaces a stored scan by an imported one with the
	// same id and different content. Default: keep the stored scan and
	// report the conflict. Withdrawn consents stay withdrawn either way.
	PreferIncoming bool
	// Questionnaires resolves the questionnaire a line names (q.Find for
	// the built-in ones). Each line is then checked against it: a
	// questionnaire this digiscan does not have, a hash that is not that
	// version's, an answer that is no option or does not check, or scores
	// that scoring the answers again does not give, refuse the line. A
	// line of another version of the questionnaire cannot be scored again
	// here: it is counted in ImportStats.Unverified. nil: no such check.
	Questionnaires q.Resolver
}

// ImportStats tells what Import did.
type ImportStats struct {
	Lines       int        // non-blank lines read
	Added       int        // new scans stored
	Identical   int        // same id and same content as a stored scan: skipped
	Withdrawals int        // consents withdrawn because the imported scan had them withdrawn
	Erased      int        // skipped: erased or purged in this database
	Replaced    int        // conflicts resolved by replacing the stored scan (PreferIncoming)
	Conflicts   []Conflict // same id, different content
	Unverified  int        // lines of a questionnaire version this digiscan does not have: not scored again
}

// Tuning of Import: the longest line, how many invalid lines are reported
// one by one, and the batches that leave other writers room.
var (
	maxLineBytes       = 16 << 20
	maxLineErrors      = 100
	importBatchRows    = 1000
	importBatchTime    = 50 * time.Millisecond
	importGapFraction  = 5 // pause 1/5 of a batch's time between batches
	importMinBatchTime = 2 * time.Millisecond
)

// Import merges JSON Lines of scan results (what ExportJSONL writes) into
// the database, without duplicates by scan id:
//
//   - a new id is stored (its company linked as by SaveScan);
//   - the same id with the same content (compared as JSON values) is skipped;
//   - the same id where the imported scan has a consent withdrawn that is
//     given here withdraws it here too; a withdrawal here is never undone;
//   - the same id with other differences is a conflict: by default the
//     stored scan is kept and the conflict reported with its line number and
//     the keys that differ (a *ConflictError, after the rest was imported);
//     with PreferIncoming the stored scan is replaced;
//   - an id erased or purged here is skipped (ImportStats.Erased).
//
// All or nothing per file for bad input: every line is read and checked
// (valid JSON, known keys only, a valid result) before anything is
// written; any invalid line makes Import return an *InvalidLinesError with
// the line numbers and import nothing. Blank lines are ignored. The valid
// file is then written in short transactions so a scan saved by another
// process meanwhile does not wait long; if the process dies half-way, the
// scans written so far stay, and importing the same file again completes it
// (every line already stored is skipped as identical).
func (db *DB) Import(ctx context.Context, r io.Reader, opt ImportOptions) (ImportStats, error) {
	var st ImportStats
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return st, fmt.Errorf("import: %w", classify(err))
	}
	defer conn.Close()
	cleanup, err := stageTable(ctx, conn, filepath.Dir(db.path))
	if err != nil {
		return st, fmt.Errorf("import: %w", classify(err))
	}
	defer cleanup()
	if err := stage(ctx, conn, r, opt, &st); err != nil {
		return st, err
	}
	if err := merge(ctx, db, conn, opt, &st); err != nil {
		return st, err
	}
	if len(st.Conflicts) > 0 && !opt.PreferIncoming {
		return st, &ConflictError{Conflicts: st.Conflicts}
	}
	return st, nil
}

// stageTable attaches a private staging database, a file beside the
// database (so staging takes no lock on the database and no memory), and
// creates the staging table: the scans columns plus the line number and
// the canonical JSON. cleanup detaches and removes it.
func stageTable(ctx context.Context, conn *sql.Conn, dir string) (cleanup func(), err error) {
	f, err := os.CreateTemp(dir, ".digiscan-import-*.db")
	if err != nil {
		return nil, fmt.Errorf("staging file: %w", err)
	}
	name := f.Name()
	// Locked while this import lives (the descriptor stays open: closing
	// one would drop SQLite's own locks on the file); a file nobody locks
	// is a killed import's, which sweepOrphans removes.
	if _, err := safefile.Lock(f); err != nil {
		f.Close()
		os.Remove(name)
		return nil, fmt.Errorf("staging file: %w", err)
	}
	cleanup = func() {
		bg := context.Background()
		_, _ = conn.ExecContext(bg, "DETACH DATABASE stage")
		_, _ = conn.ExecContext(bg, "PRAGMA temp_store = DEFAULT")
		os.Remove(name)
		os.Remove(name + "-journal")
		f.Close()
	}
	stmts := []string{
		"PRAGMA temp_store = MEMORY", // statement journals of the merge: small, and never a file
		"ATTACH DATABASE " + sqlQuote(name) + " AS stage",
		"PRAGMA stage.journal_mode = OFF",
		"PRAGMA stage.synchronous = OFF",
		"CREATE TABLE stage.import_stage AS SELECT * FROM main.scans WHERE 0",
		"ALTER TABLE stage.import_stage ADD COLUMN line INTEGER",
		"ALTER TABLE stage.import_stage ADD COLUMN json TEXT",
		"CREATE UNIQUE INDEX stage.import_stage_by_line ON import_stage(line)",
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			cleanup()
			return nil, err
		}
	}
	return cleanup, nil
}

func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// stage reads, checks and stages every line (pass one).
func stage(ctx context.Context, conn *sql.Conn, r io.Reader, opt ImportOptions, st *ImportStats) error {
	invalid := &InvalidLinesError{Name: opt.Name}
	bad := func(line int, err error) {
		invalid.Total++
		if len(invalid.Lines) < maxLineErrors {
			invalid.Lines = append(invalid.Lines, LineError{Line: line, Err: err})
		}
	}
	begun := false
	commit := func() error {
		if !begun {
			return nil
		}
		begun = false
		_, err := conn.ExecContext(ctx, "COMMIT")
		return err
	}
	defer func() {
		if begun {
			_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	insert, err := conn.PrepareContext(ctx, "INSERT INTO stage.import_stage (line, json, "+scanColumns+") VALUES (?, ?, "+scanPlaceholders+")")
	if err != nil {
		return fmt.Errorf("import: %w", classify(err))
	}
	defer insert.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	line := 0
	staged := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		}
		if len(b) == 0 {
			continue
		}
		st.Lines++
		s, err := decodeResult(b)
		if err != nil {
			bad(line, jsonLineError(err))
			continue
		}
		if err := validate(s.resultAlias); err != nil {
			bad(line, err)
			continue
		}
		if opt.Questionnaires != nil {
			exact, err := verifyLine(s, opt.Questionnaires)
			if err != nil {
				bad(line, err)
				continue
			}
			if !exact {
				st.Unverified++
			}
		}
		if r, found := unsafeJSONText(b); found {
			bad(line, fmt.Errorf("%w: a text holds a control or text-direction character (U+%04X), which could fake lines or take over the terminal; remove it", ErrInvalid, r))
			continue
		}
		if invalid.Total > 0 {
			continue // nothing will be written: only keep checking
		}
		data, err := encodeResult(s)
		if err != nil {
			bad(line, err)
			continue
		}
		if !begun {
			if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
				return fmt.Errorf("import: %w", classify(err))
			}
			begun = true
		}
		args := append([]any{line, data}, scanValues(s.resultAlias, 0, "")...)
		if _, err := insert.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("import: stage line %d: %w", line, classify(err))
		}
		if staged++; staged%importBatchRows == 0 {
			if err := commit(); err != nil {
				return fmt.Errorf("import: %w", classify(err))
			}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			bad(line+1, fmt.Errorf("line longer than %d MB", maxLineBytes>>20))
		} else {
			return fmt.Errorf("import: read: %w", err)
		}
	}
	if err := commit(); err != nil {
		return fmt.Errorf("import: %w", classify(err))
	}
	if invalid.Total > 0 {
		return invalid
	}
	return nil
}

// jsonKind names what a Go type holds in JSON, for messages (never the
// Go type's own name).
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "another value"
}

// jsonLineError makes a JSON decoding error short and about the line.
func jsonLineError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var pe *time.ParseError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%w: not valid JSON at column %d: %v", ErrInvalid, se.Offset, se)
	case errors.As(err, &te):
		field := te.Field
		for _, embedded := range []string{"resultAlias.", "storedResult."} {
			field = strings.ReplaceAll(field, embedded, "")
		}
		found := map[string]string{"string": "a text", "number": "a number", "array": "a list", "object": "an object", "bool": "true or false"}[te.Value]
		if found == "" {
			found = "another value"
		}
		return fmt.Errorf("%w: %s: expected %s, found %s", ErrInvalid, field, jsonKind(te.Type), found)
	case errors.As(err, &pe):
		return fmt.Errorf("%w: %s is not a date and time in the form 2026-11-27T10:30:00Z", ErrInvalid, strictyaml.Echo(pe.Value))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: the line ends in the middle of the JSON (truncated?)", ErrInvalid)
	case strings.Contains(err.Error(), "unknown field"):
		return fmt.Errorf("%w: %v (exported by a newer digiscan? upgrade)", ErrInvalid, err)
	}
	return fmt.Errorf("%w: %v", ErrInvalid, err)
}

type stagedLine struct {
	line      int
	id        string
	data      []byte
	company   [3]string // name, KVK, establishment
	createdAt string
}

// merge writes the staged lines into the database in short transactions (pass two).
func merge(ctx context.Context, db *DB, conn *sql.Conn, opt ImportOptions, st *ImportStats) error {
	cols := strings.Split(scanColumns, ",")
	sel := make([]string, len(cols))
	for i, c := range cols {
		switch c = strings.TrimSpace(c); c {
		case "company_id", "saved_at":
			sel[i] = "?"
		default:
			sel[i] = c
		}
	}
	insertSQL := "INSERT INTO main.scans (" + scanColumns + ") SELECT " + strings.Join(sel, ", ") + " FROM stage.import_stage WHERE line = ?"
	last := 0
	var pace pacer
	for {
		batch, err := nextBatch(ctx, conn, last)
		if err != nil {
			return fmt.Errorf("import: %w", classify(err))
		}
		if len(batch) == 0 {
			return nil
		}
		if err := pace.wait(ctx); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		start := time.Now()
		var delta ImportStats
		tx, err := db.begin(ctx, conn)
		if err != nil {
			return fmt.Errorf("import: %w", classify(err))
		}
		insert, err := tx.PrepareContext(ctx, insertSQL) // one per batch: closed with the transaction
		if err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("import: %w", classify(err))
		}
		savedAt := fmtTime(db.now())
		for i, l := range batch {
			if err := mergeLine(ctx, tx, l, insert, savedAt, opt, &delta); err != nil {
				_ = tx.Rollback()
				return fmt.Errorf("import: line %d (scan %s): %w", l.line, l.id, classify(err))
			}
			if time.Since(start) > importBatchTime {
				batch = batch[:i+1]
				break
			}
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("import: %w", classify(err))
		}
		st.Added += delta.Added
		st.Identical += delta.Identical
		st.Withdrawals += delta.Withdrawals
		st.Erased += delta.Erased
		st.Replaced += delta.Replaced
		st.Conflicts = append(st.Conflicts, delta.Conflicts...)
		last = batch[len(batch)-1].line
		pace.done(start)
	}
}

// pacer leaves other writers (a scan being saved) room between the
// batches of a long write: after a batch, a fifth of its time (at least
// importMinBatchTime) before the next begins; none after the last.
type pacer struct{ next time.Time }

// done records that a batch begun at start was committed.
func (p *pacer) done(start time.Time) {
	p.next = time.Now().Add(max(time.Since(start)/time.Duration(importGapFraction), importMinBatchTime))
}

// wait waits until the next batch may begin.
func (p *pacer) wait(ctx context.Context) error {
	d := time.Until(p.next)
	if d <= 0 {
		return nil
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

func nextBatch(ctx context.Context, conn *sql.Conn, after int) ([]stagedLine, error) {
	rows, err := conn.QueryContext(ctx, `SELECT line, id, json, company_name, kvk, establishment, created_at
		FROM stage.import_stage WHERE line > ? ORDER BY line LIMIT ?`, after, importBatchRows)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []stagedLine
	for rows.Next() {
		var l stagedLine
		if err := rows.Scan(&l.line, &l.id, &l.data, &l.company[0], &l.company[1], &l.company[2], &l.createdAt); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func mergeLine(ctx context.Context, tx *txn, l stagedLine, insert *sql.Stmt, savedAt string, opt ImportOptions, st *ImportStats) error {
	old, err := storedJSON(ctx, tx, l.id)
	if errors.Is(err, ErrNotFound) {
		if erased, err := isErased(ctx, tx, l.id); err != nil {
			return err
		} else if erased {
			st.Erased++
			return nil
		}
		return addStaged(ctx, tx, l, insert, savedAt, st)
	}
	if err != nil {
		return err
	}
	if bytes.Equal(old, l.data) {
		st.Identical++
		return nil
	}
	diff, err := diffResults(old, l.data)
	if err != nil {
		return err
	}
	if len(diff) == 0 {
		st.Identical++
		return nil
	}
	if slices.Equal(diff, []string{"consents"}) {
		here, err := withdrawnHere(ctx, tx, l.id)
		if err != nil {
			return err
		}
		if withdrawn, ok, err := narrowedConsents(old, l.data, here); err != nil {
			return err
		} else if ok {
			for _, c := range withdrawn {
				if err := withdrawTx(ctx, tx, l.id, c, savedAt, true); err != nil {
					return err
				}
			}
			st.Withdrawals += len(withdrawn)
			if len(withdrawn) == 0 {
				st.Identical++ // only consents withdrawn here differ: kept
			}
			return nil
		}
	}
	c := Conflict{Line: l.line, ID: l.id, Fields: diff, Replace: opt.PreferIncoming}
	st.Conflicts = append(st.Conflicts, c)
	if !opt.PreferIncoming {
		return nil
	}
	st.Replaced++
	s, err := decodeResult(l.data)
	if err != nil {
		return err
	}
	if err := replaceScan(ctx, tx, s.resultAlias, l.data, savedAt); err != nil {
		return err
	}
	return reapplyWithdrawals(ctx, tx, l.id, savedAt)
}

func addStaged(ctx context.Context, tx *txn, l stagedLine, insert *sql.Stmt, savedAt string, st *ImportStats) error {
	company := &scan.Company{Name: l.company[0], KVK: l.company[1], Establishment: l.company[2]}
	companyID, err := linkCompany(ctx, tx, company, l.createdAt, savedAt)
	if err != nil {
		return err
	}
	var cid any
	if companyID != 0 {
		cid = companyID
	}
	res, err := insert.ExecContext(ctx, cid, savedAt, l.line)
	if err != nil {
		return err
	}
	pk, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, qInsertResult, pk, l.data); err != nil {
		return err
	}
	st.Added++
	return nil
}

// withdrawnHere returns the consents withdrawn in this database for a scan.
func withdrawnHere(ctx context.Context, tx *txn, id string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT consent FROM consent_withdrawals WHERE scan_id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}

// reapplyWithdrawals withdraws again, after a replace, every consent
// withdrawn here before.
func reapplyWithdrawals(ctx context.Context, tx *txn, id, at string) error {
	here, err := withdrawnHere(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, c := range slices.Sorted(maps.Keys(here)) {
		if err := withdrawTx(ctx, tx, id, c, at, false); err != nil {
			return err
		}
	}
	return nil
}

// diffResults returns the top-level keys whose JSON values differ.
func diffResults(a, b []byte) ([]string, error) {
	var ma, mb map[string]any
	if err := json.Unmarshal(a, &ma); err != nil {
		return nil, fmt.Errorf("stored result: %w", err)
	}
	if err := json.Unmarshal(b, &mb); err != nil {
		return nil, err
	}
	var diff []string
	for k, va := range ma {
		if vb, ok := mb[k]; !ok || !reflect.DeepEqual(va, vb) {
			diff = append(diff, k)
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			diff = append(diff, k)
		}
	}
	slices.Sort(diff)
	return diff, nil
}

// narrowedConsents compares the consents of a stored and an imported
// result that differ in nothing else. ok is false when they differ in more
// than withdrawals (a consent given there but not here, another text
// version): a conflict. withdrawn lists the consents to withdraw here.
func narrowedConsents(stored, incoming []byte, withdrawnHere map[string]bool) (withdrawn []string, ok bool, err error) {
	var a, b struct {
		Consents map[string]struct {
			Given       bool   `json:"given"`
			TextVersion string `json:"text_version"`
		} `json:"consents"`
	}
	if err := json.Unmarshal(stored, &a); err != nil {
		return nil, false, err
	}
	if err := json.Unmarshal(incoming, &b); err != nil {
		return nil, false, err
	}
	if len(a.Consents) != len(b.Consents) {
		return nil, false, nil
	}
	for k, ca := range a.Consents {
		cb, found := b.Consents[k]
		if !found || ca.TextVersion != cb.TextVersion {
			return nil, false, nil
		}
		switch {
		case ca.Given && !cb.Given:
			withdrawn = append(withdrawn, k)
		case !ca.Given && cb.Given && !withdrawnHere[k]:
			return nil, false, nil // not given here at all: the scans differ
		}
	}
	slices.Sort(withdrawn)
	return withdrawn, true, nil
}
