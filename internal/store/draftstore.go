package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/gooivechtstreek/digiscan/internal/drafts"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// DraftStore keeps drafts in the database; it implements drafts.Store.
// Get one with DB.Drafts.
type DraftStore struct{ db *DB }

var _ drafts.Store = DraftStore{}

// Drafts returns the database's draft store.
func (db *DB) Drafts() DraftStore { return DraftStore{db} }

func checkDraftID(id string) error {
	if !validScanID(id) {
		return fmt.Errorf("%w: draft id %q", ErrInvalid, id)
	}
	return nil
}

// draftCompany returns the company name and KVK number a draft's answers
// hold, so erasure finds the draft.
func draftCompany(d *drafts.Draft) (name, kvk string) {
	_ = json.Unmarshal(d.Answers[q.QCompanyName], &name)
	_ = json.Unmarshal(d.Answers[q.QKVK], &kvk)
	return strings.TrimSpace(name), strings.TrimSpace(kvk)
}

func encodeDraft(d *drafts.Draft) ([]byte, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode draft %s: %w", d.ID, err)
	}
	return b, nil
}

func saveDraft(ctx context.Context, tx *txn, d *drafts.Draft, data []byte) error {
	name, kvk := draftCompany(d)
	_, err := tx.ExecContext(ctx, `INSERT INTO drafts (id, created_at, updated_at, company_name, kvk, json) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, company_name = excluded.company_name,
			kvk = excluded.kvk, json = excluded.json`,
		d.ID, fmtTime(d.CreatedAt), fmtTime(d.UpdatedAt), name, kvk, data)
	return err
}

// Save stores a draft, replacing the one with the same id.
func (s DraftStore) Save(d *drafts.Draft) error {
	if d == nil {
		return fmt.Errorf("save draft: %w: no draft", ErrInvalid)
	}
	if err := checkDraftID(d.ID); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	data, err := encodeDraft(d)
	if err != nil {
		return err
	}
	ctx := context.Background()
	return s.db.write(ctx, "save draft "+d.ID, func(tx *txn) error { return saveDraft(ctx, tx, d, data) })
}

// Load reads one draft; an unknown id is drafts.ErrNotFound.
func (s DraftStore) Load(id string) (*drafts.Draft, error) {
	var data []byte
	err := s.db.sql.QueryRowContext(context.Background(), "SELECT json FROM drafts WHERE id = ?", id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %s", drafts.ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("load draft %s: %w", id, classify(err))
	}
	var d drafts.Draft
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("load draft %s: %w: %v", id, ErrCorrupt, err)
	}
	return &d, nil
}

// List returns every draft, most recently updated first.
func (s DraftStore) List() ([]*drafts.Draft, error) {
	rows, err := s.db.sql.QueryContext(context.Background(), "SELECT id, json FROM drafts ORDER BY updated_at DESC, id")
	if err != nil {
		return nil, fmt.Errorf("list drafts: %w", classify(err))
	}
	defer rows.Close()
	var out []*drafts.Draft
	for rows.Next() {
		var id string
		var data []byte
		if err := rows.Scan(&id, &data); err != nil {
			return nil, fmt.Errorf("list drafts: %w", classify(err))
		}
		var d drafts.Draft
		if err := json.Unmarshal(data, &d); err != nil {
			continue // as FileStore: a damaged draft is reported when it is loaded
		}
		out = append(out, &d)
	}
	return out, classify(rows.Err())
}

// Delete removes a draft (a finished scan's draft, whose answers are now
// in the scan). Erasure of a business removes its drafts with
// DB.DeleteCompany, which also scrubs the files.
func (s DraftStore) Delete(id string) error {
	ctx := context.Background()
	return s.db.write(ctx, "delete draft "+id, func(tx *txn) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: %s", drafts.ErrNotFound, id)
		}
		return nil
	})
}

// MigrateDrafts moves the drafts of a FileStore into the database: all in
// one transaction, and the files are removed only after it committed. A
// draft already in the database is kept when it was updated later than
// the file. It returns how many drafts moved. Files FileStore cannot read
// (damaged) are left where they are.
func (db *DB) MigrateDrafts(ctx context.Context, from drafts.FileStore) (int, error) {
	list, err := from.List()
	if err != nil {
		return 0, fmt.Errorf("migrate drafts from %s: %w", from.Dir, err)
	}
	if len(list) == 0 {
		return 0, nil
	}
	err = db.write(ctx, "migrate drafts from "+from.Dir, func(tx *txn) error {
		for _, d := range list {
			if err := checkDraftID(d.ID); err != nil {
				return err
			}
			var updated string
			err := tx.QueryRowContext(ctx, "SELECT updated_at FROM drafts WHERE id = ?", d.ID).Scan(&updated)
			if err == nil && updated >= fmtTime(d.UpdatedAt) {
				continue
			}
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			data, err := encodeDraft(d)
			if err != nil {
				return err
			}
			if err := saveDraft(ctx, tx, d, data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, d := range list {
		if err := from.Delete(d.ID); err != nil && !errors.Is(err, drafts.ErrNotFound) {
			return 0, fmt.Errorf("migrate drafts: moved into the database, but cannot remove %s: %w", d.ID, err)
		}
	}
	return len(list), nil
}
