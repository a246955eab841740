package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/scan"
)

// filterFixture stores scans of three companies and one without:
//
//	c1 (KVK 10000001): 2025-03-01 hilversum micro advisor; 2026-03-01 huizen small advisor (moved, grew)
//	c2 (KVK 10000002): 2026-01-10 laren retail self, no statistics consent
//	c3 (KVK 10000003): 2026-02-01 hilversum survey, frontrunner
//	none:               2026-02-15 eemnes self
func filterFixture(t *testing.T) *DB {
	db := openTest(t)
	at := func(day string, edit func(*scan.Result)) func(*scan.Result) {
		return func(r *scan.Result) {
			d := date.MustParse(day)
			r.AsOf = d
			r.CreatedAt = d.Time().Add(10 * time.Hour)
			if edit != nil {
				edit(r)
			}
		}
	}
	c := func(n int) *scan.Company {
		return &scan.Company{Name: fmt.Sprintf("Bedrijf %d", n), KVK: fmt.Sprintf("1000000%d", n)}
	}
	mustSave(t, db,
		result(t, "20250301-c1a", c(1), at("2025-03-01", func(r *scan.Result) { r.Profile.Municipality = "hilversum" })),
		result(t, "20260301-c1b", c(1), at("2026-03-01", func(r *scan.Result) { r.Profile.Municipality = "huizen"; r.Profile.Size = "small" })),
		result(t, "20260110-c2", c(2), at("2026-01-10", func(r *scan.Result) {
			r.Profile.Municipality = "laren"
			r.Mode = scan.ModeSelf
			r.Consents["statistics"] = scan.Consent{Given: false, TextVersion: "1"}
		})),
		result(t, "20260201-c3", c(3), at("2026-02-01", func(r *scan.Result) {
			r.Profile.Municipality = "hilversum"
			r.Mode = scan.ModeSurvey
			r.Quadrant = "frontrunner"
			r.Questionnaire.Version = "2"
		})),
		result(t, "20260215-none", nil, at("2026-02-15", func(r *scan.Result) { r.Profile.Municipality = "eemnes"; r.Mode = scan.ModeSelf })),
	)
	return db
}

func ids(t *testing.T, db *DB, f Filter) string {
	t.Helper()
	rs, err := db.List(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
		if f.NoJSON != (r.JSON == nil) {
			t.Errorf("NoJSON %v but JSON %d bytes", f.NoJSON, len(r.JSON))
		}
	}
	return fmtList(out)
}

func TestFilters(t *testing.T) {
	db := filterFixture(t)
	d := date.MustParse
	c1, err := db.Company(context.Background(), CompanyRef{KVK: "10000001"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    Filter
		want string
	}{
		{"all, by date", Filter{}, "[20250301-c1a 20260110-c2 20260201-c3 20260215-none 20260301-c1b]"},
		{"newest first, limit", Filter{NewestFirst: true, Limit: 2}, "[20260301-c1b 20260215-none]"},
		{"since", Filter{Since: d("2026-02-01")}, "[20260201-c3 20260215-none 20260301-c1b]"},
		{"until", Filter{Until: d("2026-02-01")}, "[20250301-c1a 20260110-c2 20260201-c3]"},
		{"municipality", Filter{Municipality: []string{"hilversum"}}, "[20250301-c1a 20260201-c3]"},
		{"municipalities", Filter{Municipality: []string{"hilversum", "eemnes"}}, "[20250301-c1a 20260201-c3 20260215-none]"},
		{"size", Filter{Size: []string{"small"}}, "[20260301-c1b]"},
		{"sector", Filter{Sector: []string{"retail"}}, "[20250301-c1a 20260110-c2 20260201-c3 20260215-none 20260301-c1b]"},
		{"quadrant", Filter{Quadrant: []string{"frontrunner"}}, "[20260201-c3]"},
		{"mode", Filter{Mode: []string{"self"}}, "[20260110-c2 20260215-none]"},
		{"questionnaire version", Filter{QuestionnaireID: "mini", QuestionnaireVersion: "2"}, "[20260201-c3]"},
		{"statistics consent", Filter{StatisticsConsent: true}, "[20250301-c1a 20260201-c3 20260215-none 20260301-c1b]"},
		{"company", Filter{CompanyID: c1.ID}, "[20250301-c1a 20260301-c1b]"},
		{"latest per company", Filter{LatestPerCompany: true}, "[20260110-c2 20260201-c3 20260215-none 20260301-c1b]"},
		{"latest per company counts a business where it is now", Filter{LatestPerCompany: true, Municipality: []string{"hilversum"}}, "[20260201-c3]"},
		{"latest within a period", Filter{LatestPerCompany: true, Until: d("2026-02-28")}, "[20250301-c1a 20260110-c2 20260201-c3 20260215-none]"},
		{"latest with consent, no JSON", Filter{LatestPerCompany: true, StatisticsConsent: true, NoJSON: true}, "[20260201-c3 20260215-none 20260301-c1b]"},
		{"nothing", Filter{Municipality: []string{"blaricum"}}, "[]"},
	}
	for _, tt := range tests {
		if got := ids(t, db, tt.f); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestWithdrawStatisticsConsent(t *testing.T) {
	ctx := context.Background()
	db := filterFixture(t)
	n, err := db.WithdrawCompanyConsent(ctx, CompanyRef{KVK: "10000001"}, ConsentStatistics)
	if err != nil || n != 2 {
		t.Fatalf("withdrew %d, %v", n, err)
	}
	if got := ids(t, db, Filter{StatisticsConsent: true}); got != "[20260201-c3 20260215-none]" {
		t.Errorf("statistics after withdrawal: %s", got)
	}
	rec, err := db.Scan(ctx, "20260301-c1b")
	if err != nil {
		t.Fatal(err)
	}
	res, _ := rec.Result(nil)
	if rec.Consents.Statistics || res.Consents["statistics"].Given || !res.Consents["follow_up"].Given {
		t.Errorf("consents after withdrawal: %+v / %+v", rec.Consents, res.Consents)
	}
	ws, err := db.Withdrawals(ctx, "20260301-c1b")
	if err != nil || len(ws) != 1 || ws[0].Consent != ConsentStatistics {
		t.Errorf("withdrawals %+v %v", ws, err)
	}
	// Withdrawing again changes nothing; unknown consent and scan are errors.
	if ok, err := db.WithdrawConsent(ctx, "20260301-c1b", ConsentStatistics); ok || err != nil {
		t.Errorf("second withdrawal: %v %v", ok, err)
	}
	if _, err := db.WithdrawConsent(ctx, "20260301-c1b", "marketing"); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown consent: %v", err)
	}
	if _, err := db.WithdrawConsent(ctx, "20990101-nope", ConsentStatistics); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown scan: %v", err)
	}
}

func TestCompanies(t *testing.T) {
	ctx := context.Background()
	db := filterFixture(t)
	for in, want := range map[string]CompanyRef{"#12": {ID: 12}, "12345678": {KVK: "12345678"}, " Bakker ": {Name: "Bakker"}, "1234": {Name: "1234"}} {
		if got := ParseCompanyRef(in); got != want {
			t.Errorf("ParseCompanyRef(%q) = %+v, want %+v", in, got, want)
		}
	}
	c1, err := db.Company(ctx, CompanyRef{Name: "bedrijf 1"})
	if err != nil || c1.Scans != 2 || c1.KVK != "10000001" || !c1.LastScan.Equal(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("company 1: %+v %v", c1, err)
	}
	// A re-scan with a new KVK number and a new name is a new company until linked.
	mustSave(t, db, result(t, "20270301-c1c", &scan.Company{Name: "Bedrijf 1 BV", KVK: "19999999"}))
	c1bv, err := db.Company(ctx, CompanyRef{KVK: "19999999"})
	if err != nil || c1bv.ID == c1.ID {
		t.Fatalf("%+v %v", c1bv, err)
	}
	if err := db.MergeCompanies(ctx, c1.ID, c1bv.ID); err != nil {
		t.Fatal(err)
	}
	merged, err := db.Company(ctx, CompanyRef{ID: c1.ID})
	if err != nil || merged.Scans != 3 || merged.KVK != "19999999" || merged.Name != "Bedrijf 1 BV" {
		t.Errorf("after merge: %+v %v", merged, err)
	}
	// Both KVK numbers and both names find it now; later scans under the old number link to it.
	for _, ref := range []CompanyRef{{KVK: "10000001"}, {KVK: "19999999"}, {Name: "Bedrijf 1"}, {Name: "BEDRIJF 1 BV"}} {
		if c, err := db.Company(ctx, ref); err != nil || c.ID != c1.ID {
			t.Errorf("%v: %+v %v", ref, c, err)
		}
	}
	mustSave(t, db, result(t, "20270401-c1d", &scan.Company{KVK: "10000001"}))
	if c, _ := db.Company(ctx, CompanyRef{ID: c1.ID}); c.Scans != 4 || c.Name != "Bedrijf 1 BV" {
		t.Errorf("re-scan under the old KVK number: %+v", c)
	}
	// A scan without KVK links explicitly.
	mustSave(t, db, result(t, "20270501-c1e", &scan.Company{Name: "Bedrijf Eén"}))
	if err := db.LinkScan(ctx, "20270501-c1e", c1.ID); err != nil {
		t.Fatal(err)
	}
	if cs, _ := db.FindCompanies(ctx, CompanyRef{Name: "Bedrijf Eén"}); len(cs) != 1 || cs[0].ID != c1.ID {
		t.Errorf("after link: %+v", cs)
	}
	// Two companies with one name: ambiguous, nothing erased.
	mustSave(t, db, result(t, "20270601-dup", &scan.Company{Name: "Bedrijf 2"}))
	_, err = db.DeleteCompany(ctx, CompanyRef{Name: "Bedrijf 2"})
	var ae *AmbiguousError
	if !errors.As(err, &ae) || len(ae.Candidates) != 2 {
		t.Errorf("ambiguous name: %v", err)
	}
	if n := count(t, db, Filter{}); n != 9 {
		t.Errorf("%d scans", n)
	}
	if _, err := db.DeleteCompany(ctx, CompanyRef{ID: 9999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown company: %v", err)
	}
	ids, err := db.ScanIDs(ctx, "2027", 0)
	if err != nil || fmtList(ids) != "[20270601-dup 20270501-c1e 20270401-c1d 20270301-c1c]" {
		t.Errorf("ScanIDs: %v %v", ids, err)
	}
}

func TestDeleteScanAndPurge(t *testing.T) {
	ctx := context.Background()
	db := filterFixture(t)
	if err := db.DeleteScan(ctx, "20260110-c2"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Company(ctx, CompanyRef{KVK: "10000002"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("company of its only scan survives: %v", err)
	}
	if err := db.DeleteScan(ctx, "20260110-c2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	if err := db.SaveScan(ctx, result(t, "20260110-c2", nil)); !errors.Is(err, ErrErased) {
		t.Errorf("saving an erased id: %v", err)
	}
	// Retention: everything created before 2026-02-10.
	p, err := db.Purge(ctx, time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if p.Scans != 2 || p.Companies != 1 {
		t.Errorf("purged %+v", p)
	}
	if got := ids(t, db, Filter{}); got != "[20260215-none 20260301-c1b]" {
		t.Errorf("after purge: %s", got)
	}
	if c, err := db.Company(ctx, CompanyRef{KVK: "10000001"}); err != nil || c.Scans != 1 {
		t.Errorf("company with a remaining scan: %+v %v", c, err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
