package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gooivechtstreek/digiscan/scan"
)

// Company is a business behind one or more scans. ID is internal to this
// database: it links re-scans even when the KVK number changes. Name, KVK
// and Establishment are those of its latest scan that recorded them.
type Company struct {
	ID            int64
	Name          string
	KVK           string
	Establishment string
	Scans         int       // number of stored scans
	LastScan      time.Time // creation time of its latest scan
}

// CompanyRef names a company: by internal id, KVK number or name (case
// insensitive). ParseCompanyRef reads the form people type.
type CompanyRef struct {
	ID   int64
	KVK  string
	Name string
}

// ParseCompanyRef reads "#12" as company id 12, eight digits as a KVK
// number and anything else as a name.
func ParseCompanyRef(s string) CompanyRef {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutPrefix(s, "#"); ok && n != "" && digits(n, len(n)) {
		if id, err := strconv.ParseInt(n, 10, 64); err == nil {
			return CompanyRef{ID: id}
		}
	}
	if digits(s, 8) {
		return CompanyRef{KVK: s}
	}
	return CompanyRef{Name: s}
}

func (r CompanyRef) String() string {
	switch {
	case r.ID != 0:
		return fmt.Sprintf("#%d", r.ID)
	case r.KVK != "":
		return "KVK " + r.KVK
	}
	return fmt.Sprintf("%q", r.Name)
}

const companySelect = `SELECT c.id, c.name, c.kvk, c.establishment,
	(SELECT count(*) FROM scans s WHERE s.company_id = c.id),
	coalesce((SELECT max(s.created_at) FROM scans s WHERE s.company_id = c.id), '')
	FROM companies c`

// FindCompanies returns the companies ref names: by id, by KVK number
// (current, or recorded with any of its scans), or by name (current, or
// recorded with any of its scans; case insensitive).
func (db *DB) FindCompanies(ctx context.Context, ref CompanyRef) ([]Company, error) {
	return findCompanies(ctx, db.sql, ref)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func findCompanies(ctx context.Context, qr querier, ref CompanyRef) ([]Company, error) {
	var where string
	var args []any
	switch {
	case ref.ID != 0:
		where, args = "c.id = ?", []any{ref.ID}
	case ref.KVK != "":
		where, args = "c.kvk = ? OR c.id IN (SELECT company_id FROM scans WHERE kvk = ?)", []any{ref.KVK, ref.KVK}
	case strings.TrimSpace(ref.Name) != "":
		n := strings.TrimSpace(ref.Name)
		where, args = "c.name = ? COLLATE NOCASE OR c.id IN (SELECT company_id FROM scans WHERE company_name = ? COLLATE NOCASE)", []any{n, n}
	default:
		return nil, fmt.Errorf("find company: %w: empty reference", ErrInvalid)
	}
	rows, err := qr.QueryContext(ctx, companySelect+" WHERE "+where+" ORDER BY c.id", args...)
	if err != nil {
		return nil, fmt.Errorf("find company %s: %w", ref, classify(err))
	}
	defer rows.Close()
	var out []Company
	for rows.Next() {
		var c Company
		var last string
		if err := rows.Scan(&c.ID, &c.Name, &c.KVK, &c.Establishment, &c.Scans, &last); err != nil {
			return nil, fmt.Errorf("find company %s: %w", ref, classify(err))
		}
		c.LastScan = parseTime(last)
		out = append(out, c)
	}
	return out, classify(rows.Err())
}

// Company returns the one company ref names: ErrNotFound when none,
// *AmbiguousError when a name matches several.
func (db *DB) Company(ctx context.Context, ref CompanyRef) (Company, error) {
	return oneCompany(ctx, db.sql, ref)
}

func oneCompany(ctx context.Context, qr querier, ref CompanyRef) (Company, error) {
	cs, err := findCompanies(ctx, qr, ref)
	if err != nil {
		return Company{}, err
	}
	switch len(cs) {
	case 0:
		return Company{}, fmt.Errorf("company %s: %w", ref, ErrNotFound)
	case 1:
		return cs[0], nil
	}
	return Company{}, &AmbiguousError{Ref: ref.String(), Candidates: cs}
}

// linkCompany finds or creates the company of a scan created at createdAt
// and brings its name and numbers up to date when this is its latest scan.
func linkCompany(ctx context.Context, tx *txn, c *scan.Company, createdAt, now string) (int64, error) {
	if c == nil || *c == (scan.Company{}) {
		return 0, nil
	}
	var id int64
	if c.KVK != "" {
		err := tx.QueryRowContext(ctx, qCompanyByKVK, c.KVK, c.KVK).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	if id == 0 {
		res, err := tx.ExecContext(ctx, qInsertCompany, c.Name, c.KVK, c.Establishment, now, now)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	_, err := tx.ExecContext(ctx, qUpdateCompany, c.Name, c.KVK, c.Establishment, now, id, createdAt)
	return id, err
}

// refreshCompany sets a company's name and numbers from its latest scan.
func refreshCompany(ctx context.Context, tx *txn, id int64, now string) error {
	_, err := tx.ExecContext(ctx, `UPDATE companies SET
		name = coalesce((SELECT company_name FROM scans WHERE company_id = ?1 AND company_name <> '' ORDER BY created_at DESC LIMIT 1), name),
		kvk = coalesce((SELECT kvk FROM scans WHERE company_id = ?1 AND kvk <> '' ORDER BY created_at DESC LIMIT 1), kvk),
		establishment = coalesce((SELECT establishment FROM scans WHERE company_id = ?1 AND establishment <> '' ORDER BY created_at DESC LIMIT 1), establishment),
		updated_at = ?2
		WHERE id = ?1`, id, now)
	return err
}

// dropOrphanCompany deletes a company no scan refers to any more.
func dropOrphanCompany(ctx context.Context, tx *txn, id int64) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM companies WHERE id = ? AND NOT EXISTS (SELECT 1 FROM scans WHERE company_id = ?)", id, id)
	return err
}

// LinkScan links a stored scan to a company, for a re-scan that recorded
// no (or a changed) KVK number. The scan's previous company is deleted when
// no scan refers to it any more.
func (db *DB) LinkScan(ctx context.Context, scanID string, companyID int64) error {
	return db.write(ctx, "link scan "+scanID, func(tx *txn) error {
		var old sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT company_id FROM scans WHERE id = ?", scanID).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := oneCompany(ctx, tx, CompanyRef{ID: companyID}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE scans SET company_id = ? WHERE id = ?", companyID, scanID); err != nil {
			return err
		}
		if err := refreshCompany(ctx, tx, companyID, fmtTime(db.now())); err != nil {
			return err
		}
		if old.Valid && old.Int64 != companyID {
			return dropOrphanCompany(ctx, tx, old.Int64)
		}
		return nil
	})
}

// MergeCompanies moves every scan of company from to company into and
// deletes from: for a business recorded twice (a new KVK number, a scan
// without one).
func (db *DB) MergeCompanies(ctx context.Context, into, from int64) error {
	if into == from {
		return fmt.Errorf("merge companies: %w: #%d into itself", ErrInvalid, into)
	}
	return db.write(ctx, fmt.Sprintf("merge company #%d into #%d", from, into), func(tx *txn) error {
		for _, id := range []int64{into, from} {
			if _, err := oneCompany(ctx, tx, CompanyRef{ID: id}); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE scans SET company_id = ? WHERE company_id = ?", into, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM companies WHERE id = ?", from); err != nil {
			return err
		}
		return refreshCompany(ctx, tx, into, fmtTime(db.now()))
	})
}

// Erasure tells what DeleteCompany removed.
type Erasure struct {
	Companies []int64 // the ids of the erased companies
	Scans     int     // scans erased, with their follow-ups and consent records
	Drafts    int     // drafts that named the company (by name or KVK number)
	// StillMentioned lists stored scans and drafts (ids) that still
	// contain one of the erased names or KVK numbers: another company with
	// the same name, or free text that mentions it. They are not erased;
	// the advisor decides.
	StillMentioned []string
}

// DeleteCompany erases a company (right to erasure): every scan linked to
// it with follow-ups and consent records, every draft that names it (by a
// name or KVK number any of its scans recorded), and the company itself.
// A name matching several companies is an *AmbiguousError: nothing is
// erased. Then the files are scrubbed (see Scrub), so the erased name is no
// longer in the database file, its WAL or its shared-memory file.
func (db *DB) DeleteCompany(ctx context.Context, ref CompanyRef) (Erasure, error) {
	var e Erasure
	var needles []string
	err := db.write(ctx, "erase company "+ref.String(), func(tx *txn) error {
		c, err := oneCompany(ctx, tx, ref)
		if err != nil {
			return err
		}
		e.Companies = []int64{c.ID}
		needles, err = companyNeedles(ctx, tx, c)
		if err != nil {
			return err
		}
		at := fmtTime(db.now())
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM scans WHERE company_id = ?", c.ID).Scan(&n); err != nil {
			return err
		}
		e.Scans = n
		if err := eraseScans(ctx, tx, "company_id = ?", []any{c.ID}, "erased", at); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM companies WHERE id = ?", c.ID); err != nil {
			return err
		}
		e.Drafts, err = eraseDrafts(ctx, tx, needles)
		if err != nil {
			return err
		}
		e.StillMentioned, err = mentions(ctx, tx, needles)
		return err
	})
	if err != nil {
		return Erasure{}, err
	}
	if err := errors.Join(db.Scrub(ctx), db.sweep()); err != nil {
		return e, err
	}
	var gone []string // needles no remaining record holds: they must be nowhere in the file
	for _, n := range needles {
		if ids, err := db.mentionsOf(ctx, n); err != nil {
			return e, err
		} else if len(ids) == 0 {
			gone = append(gone, n)
		}
	}
	return e, db.ensureGone(ctx, gone)
}

// ensureGone checks the raw pages of the database for texts that must be
// gone (secure_delete overwrote them on delete; this is the safety net)
// and rewrites the whole database with VACUUM if one is still there.
func (db *DB) ensureGone(ctx context.Context, texts []string) error {
	found, err := db.inPages(ctx, texts)
	if err != nil || !found {
		return err
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("scrub: vacuum: %w", classify(err))
	}
	if err := db.Scrub(ctx); err != nil {
		return err
	}
	if found, err := db.inPages(ctx, texts); err != nil {
		return err
	} else if found {
		return fmt.Errorf("scrub: %w: erased text is still in the database file after VACUUM", ErrCorrupt)
	}
	return nil
}

// inPages reports whether any database page holds one of texts (as
// stored, or as escaped inside JSON).
func (db *DB) inPages(ctx context.Context, texts []string) (bool, error) {
	for _, t := range texts {
		for _, needle := range []string{t, jsonText(t)} {
			var n int
			err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_dbpage WHERE instr(data, ?) > 0", []byte(needle)).Scan(&n)
			if err != nil {
				return false, fmt.Errorf("scrub: check pages: %w", classify(err))
			}
			if n > 0 {
				return true, nil
			}
		}
	}
	return false, nil
}

func (db *DB) mentionsOf(ctx context.Context, needle string) ([]string, error) {
	ids, err := mentions(ctx, db.sql, []string{needle})
	if err != nil {
		return nil, fmt.Errorf("scrub: %w", classify(err))
	}
	return ids, nil
}

// companyNeedles are the texts erasure looks for: every name and KVK
// number the company or its scans recorded.
func companyNeedles(ctx context.Context, tx *txn, c Company) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[strings.ToLower(s)] {
			seen[strings.ToLower(s)] = true
			out = append(out, s)
		}
	}
	add(c.Name)
	add(c.KVK)
	add(c.Establishment)
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT company_name, kvk, establishment FROM scans WHERE company_id = ?", c.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n, k, e string
		if err := rows.Scan(&n, &k, &e); err != nil {
			return nil, err
		}
		add(n)
		add(k)
		add(e)
	}
	return out, rows.Err()
}

// jsonText is s as it appears inside a JSON string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// minMention is the shortest name searched for in free text: a shorter one
// ("Bo") would match unrelated text.
const minMention = 6

// inText is the SQL condition that column (JSON text) contains needle,
// case insensitive; false for a needle shorter than minMention.
func inText(column, needle string) (string, []any) {
	if len([]rune(needle)) < minMention {
		return "0", nil
	}
	return "instr(lower(" + column + "), lower(?)) > 0", []any{jsonText(needle)}
}

// eraseDrafts deletes the drafts whose company name or KVK number is one
// of needles, or whose answers contain one (case insensitive).
func eraseDrafts(ctx context.Context, tx *txn, needles []string) (int, error) {
	total := 0
	for _, n := range needles {
		cond, args := inText("json", n)
		res, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE company_name = ? COLLATE NOCASE OR kvk = ? OR "+cond,
			append([]any{n, n}, args...)...)
		if err != nil {
			return 0, err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		total += int(k)
	}
	return total, nil
}

// mentions lists the remaining scans and drafts whose data contains one of needles.
func mentions(ctx context.Context, qr querier, needles []string) ([]string, error) {
	var out []string
	for _, n := range needles {
		scanCond, scanArgs := inText("r.json", n)
		draftCond, draftArgs := inText("json", n)
		args := append(append([]any{n, n}, scanArgs...), n, n)
		rows, err := qr.QueryContext(ctx, `SELECT s.id FROM scans s JOIN scan_results r ON r.scan_pk = s.pk
			WHERE s.company_name = ? COLLATE NOCASE OR s.kvk = ? OR `+scanCond+`
			UNION SELECT 'draft ' || id FROM drafts WHERE company_name = ? COLLATE NOCASE OR kvk = ? OR `+draftCond,
			append(args, draftArgs...)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Scrub makes deleted data unrecoverable from the files: it checkpoints
// the WAL into the database file and truncates it to zero bytes (with
// secure_delete on, deleted content in the database file was already
// overwritten with zeros). It retries while another process is reading;
// if that reader stays, it returns ErrBusy: the data is deleted but may
// linger in the WAL until the next Scrub (every erasure runs one; so does
// closing the last connection).
func (db *DB) Scrub(ctx context.Context) error {
	deadline := time.Now().Add(scrubTimeout)
	// One connection whose busy handler waits a short while per attempt
	// (a TRUNCATE checkpoint waits for readers in it): the deadline above
	// bounds the whole.
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("scrub: %w", classify(err))
	}
	defer func() {
		_, _ = conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA busy_timeout = %d", BusyTimeout.Milliseconds()))
		conn.Close()
	}()
	wait := min(scrubTimeout/4, time.Second)
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", wait.Milliseconds())); err != nil {
		return fmt.Errorf("scrub: %w", classify(err))
	}
	for {
		var busy, logFrames, done int
		err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done)
		if err != nil && !errors.Is(classify(err), ErrBusy) {
			return fmt.Errorf("scrub: %w", classify(err))
		}
		if err == nil && busy == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("scrub: deleted, but the WAL could not be truncated while another process reads the database: %w", ErrBusy)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("scrub: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// PurgePlan tells what Purge with a cutoff would erase, so the caller can
// say it (and ask) first.
type PurgePlan struct {
	Scans  int // scans created before the cutoff
	Total  int // all stored scans
	Recent int // of Scans, those created at or after recent (younger than the retention period by the real date)
	Drafts int // drafts last updated before the cutoff
	// Oldest and Newest are the creation times of the first and last scan
	// Purge would erase (zero when none).
	Oldest, Newest time.Time
}

// PlanPurge counts what Purge(ctx, cutoff) would erase; Recent counts the
// scans among them created at or after recent.
func (db *DB) PlanPurge(ctx context.Context, cutoff, recent time.Time) (PurgePlan, error) {
	var p PurgePlan
	var oldest, newest sql.NullString
	err := db.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM scans WHERE created_at < ?1),
		(SELECT count(*) FROM scans),
		(SELECT count(*) FROM scans WHERE created_at < ?1 AND created_at >= ?2),
		(SELECT count(*) FROM drafts WHERE updated_at < ?1),
		(SELECT min(created_at) FROM scans WHERE created_at < ?1),
		(SELECT max(created_at) FROM scans WHERE created_at < ?1)`,
		fmtTime(cutoff), fmtTime(recent)).Scan(&p.Scans, &p.Total, &p.Recent, &p.Drafts, &oldest, &newest)
	if err != nil {
		return p, fmt.Errorf("plan purge: %w", classify(err))
	}
	p.Oldest = parseTime(oldest.String)
	p.Newest = parseTime(newest.String)
	return p, nil
}

// scrubTimeout is how long Scrub waits for readers (tests shorten it).
var scrubTimeout = BusyTimeout

// Purged tells what Purge removed.
type Purged struct {
	Scans, Companies, Drafts int
}

// Purge erases scans created before cutoff (the retention period), with
// their follow-ups and consent records, companies left without scans, and
// drafts last updated before cutoff; then scrubs the files. It deletes in
// batches, so other processes can write meanwhile.
func (db *DB) Purge(ctx context.Context, cutoff time.Time) (Purged, error) {
	var p Purged
	c := fmtTime(cutoff)
	for {
		var n int
		err := db.write(ctx, "purge", func(tx *txn) error {
			sel := "pk IN (SELECT pk FROM scans WHERE created_at < ? ORDER BY created_at LIMIT 1000)"
			var companies []int64
			rows, err := tx.QueryContext(ctx, "SELECT DISTINCT company_id FROM scans WHERE company_id IS NOT NULL AND "+sel, c)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				companies = append(companies, id)
			}
			rows.Close()
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM scans WHERE "+sel, c).Scan(&n); err != nil {
				return err
			}
			if err := eraseScans(ctx, tx, sel, []any{c}, "purged", fmtTime(db.now())); err != nil {
				return err
			}
			for _, id := range companies {
				res, err := tx.ExecContext(ctx, "DELETE FROM companies WHERE id = ? AND NOT EXISTS (SELECT 1 FROM scans WHERE company_id = ?)", id, id)
				if err != nil {
					return err
				}
				k, _ := res.RowsAffected()
				p.Companies += int(k)
			}
			return nil
		})
		if err != nil {
			return p, err
		}
		p.Scans += n
		if n == 0 {
			break
		}
	}
	err := db.write(ctx, "purge drafts", func(tx *txn) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE updated_at < ?", c)
		if err != nil {
			return err
		}
		k, _ := res.RowsAffected()
		p.Drafts = int(k)
		return nil
	})
	if err != nil {
		return p, err
	}
	return p, errors.Join(db.Scrub(ctx), db.sweep())
}
