package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Withdrawal records that a consent of a scan was withdrawn.
type Withdrawal struct {
	ScanID      string
	Consent     string // statistics, follow_up or handover
	WithdrawnAt time.Time
}

// WithdrawConsent withdraws one consent (ConsentStatistics,
// ConsentFollowUp or ConsentHandover) for one scan. It returns whether the
// consent was given (and so is withdrawn now). Withdrawal is recorded with
// its time, and the stored result reads "given": false from then on, in
// the columns, the JSON and exports (so an import elsewhere carries it).
// What else it does:
//
//   - statistics: the scan leaves statistics and anonymised exports
//     (Filter.StatisticsConsent); the scan itself stays, as the advisor's record.
//   - follow_up: every planned next follow-up date of the scan is cleared,
//     Due no longer lists it and new next dates are refused (ErrNoConsent);
//     recorded outcomes stay.
//   - handover: the warm-handover notes recorded with its follow-ups are
//     erased (and the files scrubbed); new ones are refused.
//
// A consent is never given again by the store: a re-scan asks anew. An
// import never undoes a withdrawal.
func (db *DB) WithdrawConsent(ctx context.Context, scanID, consent string) (bool, error) {
	n, err := db.withdraw(ctx, "scan "+scanID, consent, "id = ?", scanID)
	if err == nil && n == 0 {
		var exists int
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM scans WHERE id = ?", scanID).Scan(&exists); err != nil {
			return false, fmt.Errorf("withdraw consent: %w", classify(err))
		}
		if exists == 0 {
			return false, fmt.Errorf("withdraw consent: scan %s: %w", scanID, ErrNotFound)
		}
	}
	return n > 0, err
}

// WithdrawCompanyConsent withdraws a consent for every stored scan of a
// company, as WithdrawConsent does for one; it returns how many scans had
// given it.
func (db *DB) WithdrawCompanyConsent(ctx context.Context, ref CompanyRef, consent string) (int, error) {
	c, err := db.Company(ctx, ref)
	if err != nil {
		return 0, fmt.Errorf("withdraw consent: %w", err)
	}
	return db.withdraw(ctx, ref.String(), consent, "company_id = ?", c.ID)
}

func (db *DB) withdraw(ctx context.Context, what, consent, where string, arg any) (int, error) {
	if !slices.Contains(ConsentKeys, consent) {
		return 0, fmt.Errorf("withdraw consent: %w: unknown consent %q (statistics, follow_up or handover)", ErrInvalid, consent)
	}
	n := 0
	err := db.write(ctx, "withdraw "+consent+" consent of "+what, func(tx *txn) error {
		rows, err := tx.QueryContext(ctx, "SELECT id FROM scans WHERE "+where+" AND consent_"+consent+" = 1", arg)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		at := fmtTime(db.now())
		for _, id := range ids {
			if err := withdrawTx(ctx, tx, id, consent, at, true); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		return 0, err
	}
	if consent == ConsentHandover && n > 0 {
		return n, db.Scrub(ctx)
	}
	return n, nil
}

// withdrawTx withdraws consent for scan id inside tx, and records the
// withdrawal when record is set.
func withdrawTx(ctx context.Context, tx *txn, id, consent, at string, record bool) error {
	var pk int64
	var data []byte
	err := tx.QueryRowContext(ctx, "SELECT s.pk, r.json FROM scans s JOIN scan_results r ON r.scan_pk = s.pk WHERE s.id = ?", id).Scan(&pk, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("scan %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return err
	}
	s, err := decodeResult(data)
	if err != nil {
		return fmt.Errorf("scan %s: stored result: %w", id, err)
	}
	if c, ok := s.Consents[consent]; ok && c.Given {
		c.Given = false
		s.Consents[consent] = c
		if data, err = encodeResult(s); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE scan_results SET json = ? WHERE scan_pk = ?", data, pk); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE scans SET consent_"+consent+" = 0 WHERE pk = ?", pk); err != nil {
		return err
	}
	if record {
		if _, err := tx.ExecContext(ctx, "INSERT INTO consent_withdrawals (scan_id, consent, withdrawn_at) VALUES (?, ?, ?)", id, consent, at); err != nil {
			return err
		}
	}
	switch consent {
	case ConsentFollowUp:
		_, err = tx.ExecContext(ctx, "UPDATE follow_ups SET next_date = NULL WHERE scan_id = ?", id)
	case ConsentHandover:
		_, err = tx.ExecContext(ctx, "UPDATE follow_ups SET handover_note = '' WHERE scan_id = ?", id)
	}
	return err
}

// Withdrawals lists the recorded consent withdrawals of a scan, oldest first.
func (db *DB) Withdrawals(ctx context.Context, scanID string) ([]Withdrawal, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT scan_id, consent, withdrawn_at FROM consent_withdrawals WHERE scan_id = ? ORDER BY id", scanID)
	if err != nil {
		return nil, fmt.Errorf("read withdrawals: %w", classify(err))
	}
	defer rows.Close()
	var out []Withdrawal
	for rows.Next() {
		var w Withdrawal
		var at string
		if err := rows.Scan(&w.ScanID, &w.Consent, &at); err != nil {
			return nil, fmt.Errorf("read withdrawals: %w", classify(err))
		}
		w.WithdrawnAt = parseTime(at)
		out = append(out, w)
	}
	return out, classify(rows.Err())
}
