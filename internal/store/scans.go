package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Record is a stored scan: the indexed columns, enough for lists and
// statistics, and the full result JSON (nil when Filter.NoJSON is set).
type Record struct {
	ID        string
	CompanyID int64 // 0 when no company was recorded
	CreatedAt time.Time
	Date      date.Date // the scan date filters use: as_of, else the day of CreatedAt
	SavedAt   time.Time

	Questionnaire scan.QuestionRef
	Catalogue     scan.CatalogueRef
	Lang          string
	Mode          string
	Advisor       string
	Organisation  string
	HeardVia      string

	Sector       string
	Size         string
	Municipality string
	Province     string
	Quadrant     string
	Impact       float64
	Readiness    float64
	Maturity     scan.Maturity
	// Dimensions holds the scores of the six DMA dimensions that scored;
	// a dimension that was not applicable is absent.
	Dimensions   map[string]float64
	DII          int
	DIIBasic     bool
	DIIVersion   string
	AdvancedTech scan.AdvancedTech
	Consents     Consents
	Company      scan.Company // as recorded with this scan

	// JSON is the result as stored (and exported): scan.Result's keys with
	// the answers in their answers-file form.
	JSON []byte
}

// Consents are a scan's three consents as they stand now: a withdrawn
// consent reads false. Text versions are those shown at the scan.
type Consents struct {
	Statistics, FollowUp, Handover             bool
	StatisticsText, FollowUpText, HandoverText string
}

// Result decodes the stored result. With a questionnaire (the one named by
// Record.Questionnaire) its answers are decoded too; without, Answers is nil.
func (r *Record) Result(qn *q.Questionnaire) (*scan.Result, error) {
	if r.JSON == nil {
		return nil, fmt.Errorf("scan %s: %w: read without its JSON (Filter.NoJSON)", r.ID, ErrInvalid)
	}
	res, err := decodeStored(r.JSON, qn)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", r.ID, err)
	}
	return res, nil
}

// packed are the columns of controlled vocabulary (ids, versions, dates)
// that scanRecord reads as one text, separated by unit separators: a
// column costs the driver about 0.2 µs a row, and statistics read every
// row. validate keeps control characters out of them.
var packed = []string{"s.created_at", "s.scan_date", "s.saved_at",
	"s.questionnaire_id", "s.questionnaire_version", "s.questionnaire_hash", "s.catalogue_id", "s.catalogue_version",
	"s.lang", "s.mode", "s.sector", "s.size", "s.municipality", "s.province", "s.quadrant", "s.maturity_band", "s.dii_version",
	"s.consent_statistics_text", "s.consent_follow_up_text", "s.consent_handover_text"}

// recordColumns are read into a Record by scanRecord, in this order; the
// booleans come as bits of one integer.
var recordColumns = `s.id, coalesce(s.company_id, 0), concat_ws(char(31), ` + strings.Join(packed, ", ") + `),
	s.advisor, s.organisation, s.heard_via, s.company_name, s.kvk, s.establishment,
	s.impact, s.readiness, s.maturity, s.dii_count,
	s.dim_strategy, s.dim_technology, s.dim_people, s.dim_data, s.dim_automation, s.dim_green,
	s.dii_basic | (s.consent_statistics << 1) | (s.consent_follow_up << 2) | (s.consent_handover << 3) |
	(s.tech_cloud << 4) | (s.tech_ai << 5) | (s.tech_data_analytics << 6) | (s.tech_any << 7)`

func scanRecord(rows *sql.Rows, withJSON bool) (*Record, error) {
	var (
		r     Record
		strs  string
		dims  [len(dimensionIDs)]sql.NullFloat64
		flags int64
	)
	dest := []any{&r.ID, &r.CompanyID, &strs,
		&r.Advisor, &r.Organisation, &r.HeardVia, &r.Company.Name, &r.Company.KVK, &r.Company.Establishment,
		&r.Impact, &r.Readiness, &r.Maturity.Score, &r.DII,
		&dims[0], &dims[1], &dims[2], &dims[3], &dims[4], &dims[5], &flags}
	if withJSON {
		dest = append(dest, &r.JSON)
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	f := strings.Split(strs, "\x1f")
	if len(f) != len(packed) {
		return nil, fmt.Errorf("scan %s: %w: %d packed columns, want %d", r.ID, ErrCorrupt, len(f), len(packed))
	}
	r.CreatedAt, r.SavedAt = parseTime(f[0]), parseTime(f[2])
	r.Date, _ = date.Parse(f[1])
	r.Questionnaire = scan.QuestionRef{ID: f[3], Version: f[4], Hash: f[5]}
	r.Catalogue = scan.CatalogueRef{ID: f[6], Version: f[7]}
	r.Lang, r.Mode, r.Sector, r.Size, r.Municipality, r.Province, r.Quadrant = f[8], f[9], f[10], f[11], f[12], f[13], f[14]
	r.Maturity.Band, r.DIIVersion = f[15], f[16]
	bit := func(i uint) bool { return flags&(1<<i) != 0 }
	r.DIIBasic = bit(0)
	r.Consents = Consents{bit(1), bit(2), bit(3), f[17], f[18], f[19]}
	r.AdvancedTech = scan.AdvancedTech{Cloud: bit(4), AI: bit(5), DataAnalytics: bit(6), Any: bit(7)}
	r.Dimensions = make(map[string]float64, len(dimensionIDs))
	for i, d := range dims {
		if d.Valid {
			r.Dimensions[dimensionIDs[i]] = d.Float64
		}
	}
	return &r, nil
}

// Filter selects stored scans. The zero Filter selects all of them.
// Fields with a list match any of its values.
type Filter struct {
	Since, Until date.Date // scan date (as_of), inclusive; zero: open
	Municipality []string
	Sector       []string
	Size         []string
	Quadrant     []string
	Mode         []string

	QuestionnaireID      string
	QuestionnaireVersion string

	// StatisticsConsent keeps only scans whose consent-statistics was given
	// and not withdrawn: the scans statistics and anonymised exports may use.
	StatisticsConsent bool
	// LatestPerCompany keeps one scan per company: the latest (by scan date,
	// then creation time) among the scans that pass Since, Until, Mode,
	// QuestionnaireID/Version, StatisticsConsent and CompanyID. Municipality,
	// Sector, Size, Quadrant and Due then apply to that scan, so a business
	// that moved or grew counts where and what it is now. Scans without a
	// company each count as their own business.
	LatestPerCompany bool

	CompanyID int64     // only this company's scans
	Due       date.Date // only scans with a follow-up due on or before this date (see DB.Due)

	NewestFirst bool // order newest first (default: oldest first)
	// AnyOrder streams in whatever order the chosen index gives (storage
	// order without filters): some 10% faster, for statistics, which need
	// no order.
	AnyOrder bool
	Limit    int  // at most this many (0: all)
	NoJSON   bool // leave Record.JSON nil: much faster when only the columns are needed
}

// query builds the SELECT for f.
func (f Filter) query() (string, []any) { return f.queryOf(recordColumns) }

// queryOf is the query f makes, selecting cols; unless f.NoJSON the
// result JSON is joined in and selected last, after cols.
func (f Filter) queryOf(cols string) (string, []any) {
	var where []string
	var args []any
	scope := func(a string) {
		if !f.Since.IsZero() {
			where = append(where, a+".scan_date >= ?")
			args = append(args, f.Since.String())
		}
		if !f.Until.IsZero() {
			where = append(where, a+".scan_date <= ?")
			args = append(args, f.Until.String())
		}
		in(&where, &args, a+".mode", f.Mode)
		if f.QuestionnaireID != "" {
			where = append(where, a+".questionnaire_id = ?")
			args = append(args, f.QuestionnaireID)
		}
		if f.QuestionnaireVersion != "" {
			where = append(where, a+".questionnaire_version = ?")
			args = append(args, f.QuestionnaireVersion)
		}
		if f.StatisticsConsent {
			where = append(where, a+".consent_statistics = 1")
		}
		if f.CompanyID != 0 {
			where = append(where, a+".company_id = ?")
			args = append(args, f.CompanyID)
		}
	}
	scope("s")
	in(&where, &args, "s.municipality", f.Municipality)
	in(&where, &args, "s.sector", f.Sector)
	in(&where, &args, "s.size", f.Size)
	in(&where, &args, "s.quadrant", f.Quadrant)
	if !f.Due.IsZero() {
		where = append(where, `s.consent_follow_up = 1 AND EXISTS (SELECT 1 FROM follow_ups f
			WHERE f.scan_id = s.id AND f.next_date <= ? AND NOT EXISTS (SELECT 1 FROM follow_ups g
				WHERE g.scan_id = f.scan_id AND g.programme = f.programme AND (g.date, g.id) > (f.date, f.id)))`)
		args = append(args, f.Due.String())
	}
	if f.LatestPerCompany {
		outer := where
		where = nil
		scope("t")
		inner := where
		where = append(outer, `(s.company_id IS NULL OR NOT EXISTS (SELECT 1 FROM scans t
			WHERE t.company_id = s.company_id AND (t.scan_date, t.created_at, t.id) > (s.scan_date, s.created_at, s.id)`+
			andAll(inner)+`))`)
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(cols)
	if !f.NoJSON {
		b.WriteString(", r.json FROM scans s JOIN scan_results r ON r.scan_pk = s.pk")
	} else {
		b.WriteString(" FROM scans s")
	}
	if len(where) > 0 {
		b.WriteString(" WHERE ")
		b.WriteString(strings.Join(where, " AND "))
	}
	switch {
	case f.AnyOrder: // whatever order the chosen index gives: never a sort
	case f.NewestFirst:
		b.WriteString(" ORDER BY s.scan_date DESC, s.created_at DESC, s.id DESC")
	default:
		b.WriteString(" ORDER BY s.scan_date, s.created_at, s.id")
	}
	if f.Limit > 0 {
		fmt.Fprintf(&b, " LIMIT %d", f.Limit)
	}
	return b.String(), args
}

func andAll(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " AND " + strings.Join(conds, " AND ")
}

// in adds "col is one of vals". One value may use an index on col, which
// also gives date order; several are tested row by row while the date
// index gives the order ("+col" keeps SQLite from using the index on col
// and then sorting every row, JSON and all).
func in(where *[]string, args *[]any, col string, vals []string) {
	switch len(vals) {
	case 0:
		return
	case 1:
		*where = append(*where, col+" = ?")
	default:
		*where = append(*where, "+"+col+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ")+")")
	}
	for _, v := range vals {
		*args = append(*args, v)
	}
}

// Each calls fn for every scan f selects, in order, streaming: memory stays
// flat however many scans there are. fn may use the DB (another
// connection serves it); an error from fn stops the walk and is returned.
// The walk reads one snapshot: writes made meanwhile are not seen.
func (db *DB) Each(ctx context.Context, f Filter, fn func(*Record) error) error {
	query, args := f.query()
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read scans: %w", classify(err))
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRecord(rows, !f.NoJSON)
		if err != nil {
			return fmt.Errorf("read scans: %w", classify(err))
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read scans: %w", classify(err))
	}
	return nil
}

// List returns the scans f selects (set Filter.Limit for long lists).
func (db *DB) List(ctx context.Context, f Filter) ([]*Record, error) {
	var out []*Record
	err := db.Each(ctx, f, func(r *Record) error { out = append(out, r); return nil })
	return out, err
}

// Scan returns one stored scan with its JSON.
func (db *DB) Scan(ctx context.Context, id string) (*Record, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+recordColumns+", r.json FROM scans s JOIN scan_results r ON r.scan_pk = s.pk WHERE s.id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("read scan %s: %w", id, classify(err))
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read scan %s: %w", id, classify(err))
		}
		return nil, fmt.Errorf("scan %s: %w", id, ErrNotFound)
	}
	r, err := scanRecord(rows, true)
	if err != nil {
		return nil, fmt.Errorf("read scan %s: %w", id, classify(err))
	}
	return r, nil
}

// ScanIDs returns the ids of the stored scans that start with prefix,
// newest first, at most limit (for shell completion).
func (db *DB) ScanIDs(ctx context.Context, prefix string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT id FROM scans WHERE id >= ? AND id < ? ORDER BY id DESC LIMIT ?", prefix, prefix+"\U0010FFFF", limit)
	if err != nil {
		return nil, fmt.Errorf("list scan ids: %w", classify(err))
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list scan ids: %w", classify(err))
		}
		ids = append(ids, id)
	}
	return ids, classify(rows.Err())
}

// Count returns how many scans f selects (Limit and NoJSON aside).
func (db *DB) Count(ctx context.Context, f Filter) (int, error) {
	// Neither the columns nor the order count: SQLite then need not work
	// out every column of every row.
	f.NoJSON, f.Limit, f.AnyOrder, f.NewestFirst = true, 0, true, false
	query, args := f.queryOf("1")
	var n int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM ("+query+")", args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count scans: %w", classify(err))
	}
	return n, nil
}

// SaveScan stores a completed scan in one transaction, linking it to a
// company: by its KVK number (the company's current one or one recorded
// with an earlier scan), else a new company when the result names one.
// Scans without a KVK number are linked to an earlier company only
// explicitly, with LinkScan or MergeCompanies. Saving the same result again
// is a no-op; a different result under a stored id is ErrExists, an erased
// id ErrErased.
func (db *DB) SaveScan(ctx context.Context, r *scan.Result) error {
	if r == nil {
		return fmt.Errorf("save scan: %w: no result", ErrInvalid)
	}
	s := fromResult(r)
	if err := validate(s.resultAlias); err != nil {
		return fmt.Errorf("save scan: %w", err)
	}
	data, err := encodeResult(s)
	if err != nil {
		return fmt.Errorf("save scan %s: %w", r.ID, err)
	}
	return db.write(ctx, "save scan "+r.ID, func(tx *txn) error {
		_, err := saveInTx(ctx, tx, s.resultAlias, data, fmtTime(db.now()))
		return err
	})
}

// The statements of saving a scan, prepared once when the database opens
// (parsing them is a good part of a save).
const (
	qStoredJSON   = "SELECT r.json FROM scans s JOIN scan_results r ON r.scan_pk = s.pk WHERE s.id = ?"
	qIsErased     = "SELECT count(*) FROM erased_scans WHERE id = ?"
	qInsertScan   = "INSERT INTO scans (" + scanColumns + ") VALUES (" + scanPlaceholders + ")"
	qInsertResult = "INSERT INTO scan_results (scan_pk, json) VALUES (?, ?)"
	qCompanyByKVK = `SELECT id FROM companies WHERE kvk = ?
		UNION ALL SELECT company_id FROM (SELECT company_id FROM scans WHERE kvk = ? AND company_id IS NOT NULL ORDER BY created_at DESC LIMIT 1)
		LIMIT 1`
	qInsertCompany = "INSERT INTO companies (name, kvk, establishment, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
	qUpdateCompany = `UPDATE companies SET
		name = CASE WHEN ?1 <> '' THEN ?1 ELSE name END,
		kvk = CASE WHEN ?2 <> '' THEN ?2 ELSE kvk END,
		establishment = CASE WHEN ?3 <> '' THEN ?3 ELSE establishment END,
		updated_at = ?4
		WHERE id = ?5 AND NOT EXISTS (SELECT 1 FROM scans WHERE company_id = ?5 AND created_at > ?6)`
)

var hotStatements = []string{qStoredJSON, qIsErased, qInsertScan, qInsertResult, qCompanyByKVK, qInsertCompany, qUpdateCompany}

// storedJSON returns a stored scan's JSON.
func storedJSON(ctx context.Context, tx *txn, id string) ([]byte, error) {
	var data []byte
	err := tx.QueryRowContext(ctx, qStoredJSON, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return data, err
}

func isErased(ctx context.Context, tx *txn, id string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, qIsErased, id).Scan(&n)
	return n > 0, err
}

// insertScan links the company and inserts the scan and its JSON.
func insertScan(ctx context.Context, tx *txn, r *resultAlias, data []byte, savedAt string) (int64, error) {
	companyID, err := linkCompany(ctx, tx, r.Company, fmtTime(r.CreatedAt), savedAt)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, qInsertScan, scanValues(r, companyID, savedAt)...)
	if err != nil {
		return 0, err
	}
	pk, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, qInsertResult, pk, data); err != nil {
		return 0, err
	}
	return companyID, nil
}

// replaceScan overwrites a stored scan's columns and JSON (an import that
// prefers the incoming version). The company is linked again.
func replaceScan(ctx context.Context, tx *txn, r *resultAlias, data []byte, savedAt string) error {
	var pk int64
	var old sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT pk, company_id FROM scans WHERE id = ?", r.ID).Scan(&pk, &old); err != nil {
		return err
	}
	companyID, err := linkCompany(ctx, tx, r.Company, fmtTime(r.CreatedAt), savedAt)
	if err != nil {
		return err
	}
	vals := scanValues(r, companyID, savedAt)
	cols := strings.Split(scanColumns, ",")
	set := make([]string, 0, len(cols))
	for _, c := range cols[1:] { // not the id
		set = append(set, strings.TrimSpace(c)+" = ?")
	}
	args := append(vals[1:], pk)
	if _, err := tx.ExecContext(ctx, "UPDATE scans SET "+strings.Join(set, ", ")+" WHERE pk = ?", args...); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE scan_results SET json = ? WHERE scan_pk = ?", data, pk); err != nil {
		return err
	}
	if old.Valid && old.Int64 != companyID {
		return dropOrphanCompany(ctx, tx, old.Int64)
	}
	return nil
}

// DeleteScan erases one scan with its follow-ups and consent records, and
// its company when no other scan names it; then scrubs the files (see
// Scrub). The id is remembered so an import does not bring the scan back.
func (db *DB) DeleteScan(ctx context.Context, id string) error {
	err := db.write(ctx, "delete scan "+id, func(tx *txn) error {
		var company sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT company_id FROM scans WHERE id = ?", id).Scan(&company)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w", ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := eraseScans(ctx, tx, "id = ?", []any{id}, "deleted", fmtTime(db.now())); err != nil {
			return err
		}
		if company.Valid {
			return dropOrphanCompany(ctx, tx, company.Int64)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return errors.Join(db.Scrub(ctx), db.sweep())
}

// eraseScans deletes the scans matching where (on table scans) and
// remembers their ids. Follow-ups, withdrawals and JSON go by cascade.
func eraseScans(ctx context.Context, tx *txn, where string, args []any, reason, at string) error {
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO erased_scans (id, erased_at, reason) SELECT id, ?, ? FROM scans WHERE "+where,
		append([]any{at, reason}, args...)...); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM scans WHERE "+where, args...)
	return err
}

// SaveScans stores many results, as SaveScan does one by one, but in
// short transactions (at most 50 ms each, with a pause between them for
// other writers) instead of a commit per scan: for batch scoring with
// --save. Memory stays flat however many results the sequence yields. It
// stops at the first error (wrapped with the scan id). Before an invalid
// result every scan before it is saved; after a database error the open
// batch is rolled back. It returns how many it stored (identical ones
// already stored are not counted).
func (db *DB) SaveScans(ctx context.Context, results iter.Seq[*scan.Result]) (int, error) {
	saved, pending := 0, 0 // committed, and in the open transaction
	var tx *txn
	var start time.Time
	var pace pacer
	commit := func() error {
		if tx == nil {
			return nil
		}
		err := tx.Commit()
		tx = nil
		if err != nil {
			return fmt.Errorf("save scans: %w", classify(err))
		}
		saved, pending = saved+pending, 0
		pace.done(start)
		return nil
	}
	for r := range results {
		if r == nil {
			continue
		}
		s := fromResult(r)
		data, err := encodeResult(s)
		if err == nil {
			err = validate(s.resultAlias)
		}
		if err != nil {
			if cerr := commit(); cerr != nil {
				return saved, cerr
			}
			return saved, fmt.Errorf("save scans: %w", err)
		}
		if tx == nil {
			if err := pace.wait(ctx); err != nil {
				return saved, fmt.Errorf("save scans: %w", err)
			}
			if tx, err = db.begin(ctx, nil); err != nil {
				return saved, fmt.Errorf("save scans: %w", classify(err))
			}
			start = time.Now()
		}
		added, err := saveInTx(ctx, tx, s.resultAlias, data, fmtTime(db.now()))
		if err != nil {
			_ = tx.Rollback()
			return saved, fmt.Errorf("save scan %s: %w", r.ID, classify(err))
		}
		if added {
			pending++
		}
		if time.Since(start) > importBatchTime {
			if err := commit(); err != nil {
				return saved, err
			}
		}
	}
	if err := commit(); err != nil {
		return saved, err
	}
	return saved, nil
}

// saveInTx is SaveScan inside a transaction: false when an identical scan
// is already stored.
func saveInTx(ctx context.Context, tx *txn, r *resultAlias, data []byte, savedAt string) (bool, error) {
	old, err := storedJSON(ctx, tx, r.ID)
	switch {
	case err == nil && bytes.Equal(old, data):
		return false, nil
	case err == nil:
		return false, ErrExists
	case !errors.Is(err, ErrNotFound):
		return false, err
	}
	if erased, err := isErased(ctx, tx, r.ID); err != nil {
		return false, err
	} else if erased {
		return false, ErrErased
	}
	_, err = insertScan(ctx, tx, r, data, savedAt)
	return err == nil, err
}
