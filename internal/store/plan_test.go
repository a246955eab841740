package store

import (
	"context"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
)

// The filters an export or statistics use walk an index in order: no
// temporary b-tree to sort (memory stays flat), no full scan for a
// selective filter.
func TestQueryPlans(t *testing.T) {
	db := openTest(t)
	d := date.MustParse("2026-01-01")
	tests := []struct {
		f    Filter
		want string // in the plan
	}{
		{Filter{}, "scans_by_date"},
		{Filter{Since: d}, "scans_by_date (scan_date>?)"},
		{Filter{Municipality: []string{"hilversum"}, Since: d}, "scans_by_municipality (municipality=? AND scan_date>?)"},
		{Filter{Sector: []string{"retail"}}, "scans_by_sector (sector=?)"},
		{Filter{Municipality: []string{"hilversum", "huizen"}, Sector: []string{"retail", "ict"}}, "scans_by_date"},
		{Filter{Municipality: []string{"hilversum", "huizen"}, Sector: []string{"ict"}, AnyOrder: true}, "scans_by_sector"},
		{Filter{Size: []string{"micro"}, Mode: []string{"self"}, StatisticsConsent: true}, "scans_by_date"},
		{Filter{LatestPerCompany: true, StatisticsConsent: true, NoJSON: true}, "scans_by_company"},
		{Filter{CompanyID: 3}, "scans_by_company (company_id=?)"},
		{Filter{NewestFirst: true, Limit: 20}, "scans_by_date"},
	}
	for _, tt := range tests {
		query, args := tt.f.query()
		rows, err := db.sql.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "; ")
		if strings.Contains(p, "TEMP B-TREE") || !strings.Contains(p, tt.want) {
			t.Errorf("%+v:\n%s\nwant %s and no temporary b-tree", tt.f, p, tt.want)
		}
	}
}
