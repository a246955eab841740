package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/date"
)

// ListRow is what a listing of scans (`scans list`) shows of one scan.
type ListRow struct {
	ID           string
	Date         date.Date
	CompanyID    int64
	Company      string
	Sector       string
	Size         string
	Municipality string
	Quadrant     string
	Mode         string
	Advisor      string
	Impact       float64
	Readiness    float64
}

// listColumns are the columns of a ListRow, packed into one text value
// (one column to move through the driver, not twelve).
const listColumns = `concat_ws(char(31), s.id, s.scan_date, coalesce(s.company_id, 0), s.company_name,
	s.sector, s.size, s.municipality, s.quadrant, s.mode, s.advisor, s.impact, s.readiness)`

const listFields = 12

// EachListRow calls fn for every scan f selects, in f's order, with only
// what a listing shows: several times faster than Each over many scans.
// The *ListRow is reused: copy it to keep it.
func (db *DB) EachListRow(ctx context.Context, f Filter, fn func(*ListRow) error) error {
	f.NoJSON = true
	query, args := f.queryOf(listColumns)
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read scans: %w", classify(err))
	}
	defer rows.Close()
	var (
		r      ListRow
		packed sql.RawBytes
	)
	for rows.Next() {
		if err := rows.Scan(&packed); err != nil {
			return fmt.Errorf("read scans: %w", classify(err))
		}
		v := strings.SplitN(string(packed), "\x1f", listFields+1)
		if len(v) != listFields {
			return fmt.Errorf("read scans: %w: %d packed columns, want %d", ErrCorrupt, len(v), listFields)
		}
		r = ListRow{ID: v[0], Company: v[3], Sector: v[4], Size: v[5], Municipality: v[6], Quadrant: v[7], Mode: v[8], Advisor: v[9]}
		r.Date, _ = date.Parse(v[1])
		r.CompanyID, _ = strconv.ParseInt(v[2], 10, 64)
		r.Impact, _ = strconv.ParseFloat(v[10], 64)
		r.Readiness, _ = strconv.ParseFloat(v[11], 64)
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read scans: %w", classify(err))
	}
	return nil
}
