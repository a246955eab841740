package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Outcomes of a referral.
const (
	OutcomeContacted  = "contacted"   // the business contacted the programme (or was put in touch)
	OutcomeApplied    = "applied"     // applied or signed up
	OutcomeStarted    = "started"     // the programme started
	OutcomeNotPursued = "not-pursued" // not pursued; Reason says why
)

// Outcomes lists the outcome ids in their natural order.
var Outcomes = []string{OutcomeContacted, OutcomeApplied, OutcomeStarted, OutcomeNotPursued}

// FollowUp is one recorded follow-up of a referral: what came of it by
// Date, and when to look again (Next). The follow-ups of a scan form a
// log; the latest per programme (by Date, then ID) is its current state.
type FollowUp struct {
	ID        int64
	ScanID    string
	Programme string    // the referred programme's id
	Outcome   string    // one of Outcomes, or "" for a note or a plan only
	Reason    string    // why not pursued (required for OutcomeNotPursued, else empty)
	Date      date.Date // when this was learned or done (required)
	Note      string
	Next      date.Date // next follow-up date; zero: none planned
	// HandoverNote is a warm-handover note for the programme; it may be
	// recorded only while the scan's consent-handover stands.
	HandoverNote string
	CreatedAt    time.Time
}

func (f *FollowUp) check() error {
	switch {
	case strings.TrimSpace(f.ScanID) == "":
		return fmt.Errorf("%w: follow-up without a scan id", ErrInvalid)
	case strings.TrimSpace(f.Programme) == "":
		return fmt.Errorf("%w: follow-up without a programme", ErrInvalid)
	case f.Outcome != "" && !slices.Contains(Outcomes, f.Outcome):
		return fmt.Errorf("%w: outcome %q is not one of %s", ErrInvalid, f.Outcome, strings.Join(Outcomes, ", "))
	case f.Outcome == OutcomeNotPursued && strings.TrimSpace(f.Reason) == "":
		return fmt.Errorf("%w: outcome not-pursued needs a reason", ErrInvalid)
	case f.Outcome != OutcomeNotPursued && f.Reason != "":
		return fmt.Errorf("%w: a reason goes with outcome not-pursued only", ErrInvalid)
	case f.Date.IsZero():
		return fmt.Errorf("%w: follow-up without a date", ErrInvalid)
	case !f.Next.IsZero() && f.Next.Before(f.Date):
		return fmt.Errorf("%w: next follow-up %s is before the follow-up date %s", ErrInvalid, f.Next, f.Date)
	}
	for _, t := range [][2]string{{"programme", f.Programme}, {"reason", f.Reason}, {"note", f.Note}, {"handover note", f.HandoverNote}} {
		if msg := scan.CheckPrintable(t[1]); msg != "" {
			return fmt.Errorf("%w: %s: %s", ErrInvalid, t[0], msg)
		}
	}
	return nil
}

// checkConsent refuses a next date without consent-follow-up and a
// handover note without consent-handover.
func checkConsent(ctx context.Context, tx *txn, f *FollowUp) error {
	var followUp, handover bool
	err := tx.QueryRowContext(ctx, "SELECT consent_follow_up, consent_handover FROM scans WHERE id = ?", f.ScanID).Scan(&followUp, &handover)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("scan %s: %w", f.ScanID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if !f.Next.IsZero() && !followUp {
		return fmt.Errorf("%w: scan %s has no consent to be contacted again (consent-follow-up), so no next follow-up can be planned", ErrNoConsent, f.ScanID)
	}
	if f.HandoverNote != "" && !handover {
		return fmt.Errorf("%w: scan %s has no consent-handover, so no warm-handover note can be recorded", ErrNoConsent, f.ScanID)
	}
	return nil
}

func nullDate(d date.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// AddFollowUp records a follow-up and sets f.ID and f.CreatedAt.
func (db *DB) AddFollowUp(ctx context.Context, f *FollowUp) error {
	if err := f.check(); err != nil {
		return fmt.Errorf("add follow-up: %w", err)
	}
	created := db.now()
	return db.write(ctx, "add follow-up to scan "+f.ScanID, func(tx *txn) error {
		if err := checkConsent(ctx, tx, f); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (scan_id, programme, outcome, reason, date, note, next_date, handover_note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.ScanID, f.Programme, f.Outcome, f.Reason, f.Date.String(), f.Note, nullDate(f.Next), f.HandoverNote, fmtTime(created))
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		f.ID, f.CreatedAt = id, created.UTC()
		return nil
	})
}

// UpdateFollowUp changes a recorded follow-up (by f.ID; its scan cannot change).
func (db *DB) UpdateFollowUp(ctx context.Context, f *FollowUp) error {
	if err := f.check(); err != nil {
		return fmt.Errorf("update follow-up: %w", err)
	}
	return db.write(ctx, fmt.Sprintf("update follow-up %d", f.ID), func(tx *txn) error {
		var scanID string
		err := tx.QueryRowContext(ctx, "SELECT scan_id FROM follow_ups WHERE id = ?", f.ID).Scan(&scanID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if scanID != f.ScanID {
			return fmt.Errorf("%w: follow-up %d belongs to scan %s, not %s", ErrInvalid, f.ID, scanID, f.ScanID)
		}
		if err := checkConsent(ctx, tx, f); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE follow_ups SET programme = ?, outcome = ?, reason = ?, date = ?, note = ?, next_date = ?, handover_note = ? WHERE id = ?`,
			f.Programme, f.Outcome, f.Reason, f.Date.String(), f.Note, nullDate(f.Next), f.HandoverNote, f.ID)
		return err
	})
}

// DeleteFollowUp removes a recorded follow-up (call Scrub when its text
// must be gone from the files at once).
func (db *DB) DeleteFollowUp(ctx context.Context, id int64) error {
	return db.write(ctx, fmt.Sprintf("delete follow-up %d", id), func(tx *txn) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM follow_ups WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// FollowUpFilter selects follow-ups. The zero value selects all.
type FollowUpFilter struct {
	ScanID string
	// Latest keeps only the latest follow-up per scan and programme (its
	// current state), for outcome statistics.
	Latest bool
	// DueBy keeps, like DB.Due, the latest follow-up per scan and programme
	// whose next date is on or before DueBy, of scans whose
	// consent-follow-up stands.
	DueBy date.Date
}

const followUpColumns = "f.id, f.scan_id, f.programme, f.outcome, f.reason, f.date, f.note, coalesce(f.next_date, ''), f.handover_note, f.created_at"

// EachFollowUp calls fn for every follow-up ff selects, ordered by scan id,
// programme, date and id. Memory stays flat.
func (db *DB) EachFollowUp(ctx context.Context, ff FollowUpFilter, fn func(*FollowUp) error) error {
	var where []string
	var args []any
	if ff.ScanID != "" {
		where = append(where, "f.scan_id = ?")
		args = append(args, ff.ScanID)
	}
	if ff.Latest || !ff.DueBy.IsZero() {
		where = append(where, `NOT EXISTS (SELECT 1 FROM follow_ups g WHERE g.scan_id = f.scan_id AND g.programme = f.programme
			AND (g.date, g.id) > (f.date, f.id))`)
	}
	if !ff.DueBy.IsZero() {
		where = append(where, "f.next_date <= ? AND (SELECT consent_follow_up FROM scans s WHERE s.id = f.scan_id) = 1")
		args = append(args, ff.DueBy.String())
	}
	query := "SELECT " + followUpColumns + " FROM follow_ups f"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	if !ff.DueBy.IsZero() {
		query += " ORDER BY f.next_date, f.scan_id, f.programme"
	} else {
		query += " ORDER BY f.scan_id, f.programme, f.date, f.id"
	}
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read follow-ups: %w", classify(err))
	}
	defer rows.Close()
	for rows.Next() {
		var f FollowUp
		var day, next, created string
		if err := rows.Scan(&f.ID, &f.ScanID, &f.Programme, &f.Outcome, &f.Reason, &day, &f.Note, &next, &f.HandoverNote, &created); err != nil {
			return fmt.Errorf("read follow-ups: %w", classify(err))
		}
		f.Date, _ = date.Parse(day)
		if next != "" {
			f.Next, _ = date.Parse(next)
		}
		f.CreatedAt = parseTime(created)
		if err := fn(&f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read follow-ups: %w", classify(err))
	}
	return nil
}

// FollowUps returns the follow-ups ff selects.
func (db *DB) FollowUps(ctx context.Context, ff FollowUpFilter) ([]FollowUp, error) {
	var out []FollowUp
	err := db.EachFollowUp(ctx, ff, func(f *FollowUp) error { out = append(out, *f); return nil })
	return out, err
}

// Due returns what is due on asOf: per scan and programme the latest
// follow-up, when its next date is on or before asOf, for scans whose
// consent-follow-up stands; soonest first. Recording a newer follow-up
// (with a later next date, or none) takes an item off the list.
func (db *DB) Due(ctx context.Context, asOf date.Date) ([]FollowUp, error) {
	if asOf.IsZero() {
		return nil, fmt.Errorf("due follow-ups: %w: no date", ErrInvalid)
	}
	return db.FollowUps(ctx, FollowUpFilter{DueBy: asOf})
}
