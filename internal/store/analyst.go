package store

// Reading for the analyst side (exports, statistics): the same Filter as
// Each, but only what an export or a count needs, read without the
// per-column and per-copy costs of Each. Each pays about 0.2 µs a column
// and copies the result JSON twice (driver, then database/sql); a result
// with referrals and advice is about 10 KB, so Each with JSON costs some
// 30 µs a scan where EachRaw costs about 7, and EachBrief reads the
// columns statistics need as one packed text in 2–4 µs instead of 9–13.

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/scan"
)

// selectList is the query f makes with another select list (the FROM,
// WHERE and ORDER BY stay). withJSON joins the result JSON in and selects
// it last, after cols.
func (f Filter) selectList(cols string, withJSON bool) (string, []any) {
	f.NoJSON = !withJSON
	return f.queryOf(cols)
}

// RawOptions choose what EachRaw reads besides the JSON.
type RawOptions struct {
	// CompanySeq sets Raw.Seq: the scan's place among all stored scans of
	// its company (not only those f selects).
	CompanySeq bool
	// LatestFollowUp sets Raw.FollowUp: the scan's latest follow-up.
	LatestFollowUp bool
}

// Raw is a stored scan as EachRaw reads it.
type Raw struct {
	CompanyID int64 // 0 when no company was recorded
	// Seq numbers the stored scans of a company from 0 (its first, by scan
	// date, then creation time, then id); 0 for a scan without company.
	// Set with RawOptions.CompanySeq.
	Seq int
	// FollowUp is the scan's latest follow-up (by date, then id) with
	// Programme, Outcome and Date set, or nil. Set with RawOptions.LatestFollowUp.
	FollowUp *FollowUp
	// JSON is the stored result (what ExportJSONL writes). It is valid
	// only until the callback returns: copy it to keep it.
	JSON []byte
}

// EachRaw calls fn for every scan f selects, in Filter order, with the
// stored result JSON (see Raw: valid during the call only). Memory stays
// flat. It is Each for exports that take everything from the JSON.
func (db *DB) EachRaw(ctx context.Context, f Filter, opt RawOptions, fn func(*Raw) error) error {
	cols := "coalesce(s.company_id, 0)"
	if opt.CompanySeq {
		cols += `, CASE WHEN s.company_id IS NULL THEN 0 ELSE (SELECT count(*) FROM scans t
			WHERE t.company_id = s.company_id AND (t.scan_date, t.created_at, t.id) < (s.scan_date, s.created_at, s.id)) END`
	}
	if opt.LatestFollowUp {
		cols += `, coalesce((SELECT concat_ws(char(31), f.programme, f.outcome, f.date) FROM follow_ups f
			WHERE f.scan_id = s.id ORDER BY f.date DESC, f.id DESC LIMIT 1), '')`
	}
	query, args := f.selectList(cols, true)
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read scans: %w", classify(err))
	}
	defer rows.Close()
	var (
		r    Raw
		seq  int64
		fu   sql.RawBytes
		js   sql.RawBytes
		dest = []any{&r.CompanyID}
	)
	if opt.CompanySeq {
		dest = append(dest, &seq)
	}
	if opt.LatestFollowUp {
		dest = append(dest, &fu)
	}
	dest = append(dest, &js)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("read scans: %w", classify(err))
		}
		r.Seq, r.JSON, r.FollowUp = int(seq), js, nil
		if len(fu) > 0 {
			parts := strings.Split(string(fu), "\x1f")
			if len(parts) == 3 {
				r.FollowUp = &FollowUp{Programme: parts[0], Outcome: parts[1]}
				r.FollowUp.Date, _ = date.Parse(parts[2])
			}
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read scans: %w", classify(err))
	}
	return nil
}

// Brief is a stored scan reduced to what statistics count. Text fields
// are interned: the same value is the same string for every scan.
type Brief struct {
	// ID is the scan's id: statistics derive a business's record key
	// (disclosure control) from the id of its counted scan.
	ID                   string
	CompanyID            int64 // 0 when no company was recorded
	Date                 string
	QuestionnaireID      string
	QuestionnaireVersion string
	Mode                 string
	Sector               string
	Size                 string
	Municipality         string
	Quadrant             string
	Impact               float64
	Readiness            float64
	Maturity             float64
	// Dimensions are the scores in the order of questionnaires.DimensionIDs;
	// NaN when not applicable.
	Dimensions   [6]float64
	DII          int
	DIIVersion   string
	DIIBasic     bool
	AdvancedTech scan.AdvancedTech
	// Topics are the topics the business asked help with (profile.topics):
	// option ids joined by commas, in the answer's order; "" when none was
	// chosen or the question was not asked.
	Topics string
}

// briefColumns is one text per scan: the columns of Brief joined by unit
// separators (NULL scores as empty). validate keeps control characters
// out of the text columns.
//
// Scores go as hundredths in integers: SQLite prints a REAL through its
// floating-point formatter, which was a quarter of the read.
var briefColumns = `concat_ws(char(31), coalesce(s.company_id, 0), s.scan_date,
	s.questionnaire_id, s.questionnaire_version, s.mode, s.sector, s.size, s.municipality, s.quadrant,
	` + cents("s.impact") + `, ` + cents("s.readiness") + `, ` + cents("s.maturity") + `,
	coalesce(` + cents("s.dim_strategy") + `, ''), coalesce(` + cents("s.dim_technology") + `, ''), coalesce(` + cents("s.dim_people") + `, ''),
	coalesce(` + cents("s.dim_data") + `, ''), coalesce(` + cents("s.dim_automation") + `, ''), coalesce(` + cents("s.dim_green") + `, ''),
	s.dii_count, s.dii_version,
	s.dii_basic | (s.tech_cloud << 1) | (s.tech_ai << 2) | (s.tech_data_analytics << 3) | (s.tech_any << 4), s.topics, s.id)`

// cents is the SQL of a score in hundredths as an integer (NULL stays NULL).
func cents(col string) string { return "CAST(round(" + col + " * 100) AS INTEGER)" }

const briefFields = 23

// BriefOrder is the order EachBrief streams in.
type BriefOrder int

const (
	// BriefAnyOrder: whatever order the chosen index gives (fastest).
	BriefAnyOrder BriefOrder = iota
	// BriefByCompany: by company, then scan date, creation time and id
	// (a company's first scan first, its latest last); the scans without a
	// company (CompanyID 0) come first. One pass gives the latest scan per
	// company and the first and latest of the re-scanned.
	BriefByCompany
)

// EachBrief calls fn for every scan f selects with the columns statistics
// need. The *Brief is reused: copy it to keep it. Memory stays flat.
func (db *DB) EachBrief(ctx context.Context, f Filter, order BriefOrder, fn func(*Brief) error) error {
	f.AnyOrder, f.NewestFirst, f.Limit = true, false, 0
	query, args := f.selectList(briefColumns, false)
	if order == BriefByCompany {
		// AnyOrder left the query without ORDER BY; the company index gives this one.
		query += " ORDER BY s.company_id, s.scan_date, s.created_at, s.id"
	}
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read scans: %w", classify(err))
	}
	defer rows.Close()
	var (
		b      Brief
		packed sql.RawBytes
		fields [briefFields][]byte
		in     = interner{}
	)
	for rows.Next() {
		if err := rows.Scan(&packed); err != nil {
			return fmt.Errorf("read scans: %w", classify(err))
		}
		rest := []byte(packed)
		for i := range fields {
			j := bytes.IndexByte(rest, 0x1f)
			if i == briefFields-1 {
				if j >= 0 {
					return fmt.Errorf("read scans: %w: %d packed columns, want %d", ErrCorrupt, i+2, briefFields)
				}
				fields[i] = rest
				break
			}
			if j < 0 {
				return fmt.Errorf("read scans: %w: %d packed columns, want %d", ErrCorrupt, i+1, briefFields)
			}
			fields[i], rest = rest[:j], rest[j+1:]
		}
		b.CompanyID = int64(parseNum(fields[0]))
		b.Date = in.get(fields[1])
		b.QuestionnaireID, b.QuestionnaireVersion = in.get(fields[2]), in.get(fields[3])
		b.Mode, b.Sector, b.Size, b.Municipality, b.Quadrant = in.get(fields[4]), in.get(fields[5]), in.get(fields[6]), in.get(fields[7]), in.get(fields[8])
		b.Impact, b.Readiness, b.Maturity = parseNum(fields[9])/100, parseNum(fields[10])/100, parseNum(fields[11])/100
		for i := range b.Dimensions {
			if len(fields[12+i]) == 0 {
				b.Dimensions[i] = math.NaN()
			} else {
				b.Dimensions[i] = parseNum(fields[12+i]) / 100
			}
		}
		b.DII = int(parseNum(fields[18]))
		b.DIIVersion = in.get(fields[19])
		flags := int(parseNum(fields[20]))
		b.DIIBasic = flags&1 != 0
		b.AdvancedTech.Cloud, b.AdvancedTech.AI = flags&2 != 0, flags&4 != 0
		b.AdvancedTech.DataAnalytics, b.AdvancedTech.Any = flags&8 != 0, flags&16 != 0
		b.Topics = in.get(fields[21])
		b.ID = string(fields[22])
		if err := fn(&b); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read scans: %w", classify(err))
	}
	return nil
}

// interner maps bytes to one string per distinct value (the few values
// of ids and dates), so reading a scan allocates nothing once seen.
type interner map[string]string

func (in interner) get(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	if len(in) > 100000 { // not a vocabulary after all: stop remembering
		return string(b)
	}
	s := string(b)
	in[s] = s
	return s
}

// parseNum reads a number SQLite printed: digits with an optional sign
// and fraction on the fast path, anything else through strconv.
func parseNum(b []byte) float64 {
	neg := len(b) > 0 && b[0] == '-'
	i := 0
	if neg {
		i = 1
	}
	var ip, fp, scale float64 = 0, 0, 1
	digits := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		ip = ip*10 + float64(b[i]-'0')
		digits++
	}
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			fp = fp*10 + float64(b[i]-'0')
			scale *= 10
		}
	}
	if i != len(b) || digits == 0 || digits > 15 || scale > 1e15 {
		x, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return math.NaN()
		}
		return x
	}
	x := ip + fp/scale
	if neg {
		x = -x
	}
	return x
}

// QuestionnaireUse counts the scans f selects per questionnaire version.
type QuestionnaireUse struct {
	ID, Version string
	Scans       int
}

// Questionnaires lists the questionnaire versions of the scans f selects,
// by id and version, with how many scans used each: an export's columns
// are known before its first row.
func (db *DB) Questionnaires(ctx context.Context, f Filter) ([]QuestionnaireUse, error) {
	f.AnyOrder, f.NewestFirst = true, false
	inner, args := f.selectList("s.questionnaire_id AS qid, s.questionnaire_version AS qv", false)
	rows, err := db.sql.QueryContext(ctx, "SELECT qid, qv, count(*) FROM ("+inner+") GROUP BY qid, qv ORDER BY qid, qv", args...)
	if err != nil {
		return nil, fmt.Errorf("list questionnaires: %w", classify(err))
	}
	defer rows.Close()
	var out []QuestionnaireUse
	for rows.Next() {
		var u QuestionnaireUse
		if err := rows.Scan(&u.ID, &u.Version, &u.Scans); err != nil {
			return nil, fmt.Errorf("list questionnaires: %w", classify(err))
		}
		out = append(out, u)
	}
	return out, classify(rows.Err())
}

// OutcomeCount counts referrals followed up: per programme and outcome
// ("" for a follow-up that recorded only a note or a plan), the latest
// follow-up of each scan and programme.
type OutcomeCount struct {
	Programme string
	Outcome   string
	Referrals int
}

// Outcomes counts the latest follow-up per scan and programme of the
// scans f selects, by programme and outcome.
func (db *DB) Outcomes(ctx context.Context, f Filter) ([]OutcomeCount, error) {
	f.AnyOrder, f.NewestFirst, f.Limit = true, false, 0
	inner, args := f.selectList("s.id", false)
	query := `SELECT f.programme, f.outcome, count(*) FROM follow_ups f
		WHERE f.scan_id IN (` + inner + `)
		AND NOT EXISTS (SELECT 1 FROM follow_ups g WHERE g.scan_id = f.scan_id AND g.programme = f.programme
			AND (g.date, g.id) > (f.date, f.id))
		GROUP BY f.programme, f.outcome ORDER BY f.programme, f.outcome`
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("count outcomes: %w", classify(err))
	}
	defer rows.Close()
	var out []OutcomeCount
	for rows.Next() {
		var c OutcomeCount
		if err := rows.Scan(&c.Programme, &c.Outcome, &c.Referrals); err != nil {
			return nil, fmt.Errorf("count outcomes: %w", classify(err))
		}
		out = append(out, c)
	}
	return out, classify(rows.Err())
}
