package store

import (
	"bytes"
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
)

// analystFilters are filters of every kind, for checking that the analyst
// readers select exactly what Each selects.
var analystFilters = []Filter{
	{},
	{NewestFirst: true, Limit: 2},
	{Since: date.MustParse("2026-02-01"), Until: date.MustParse("2026-03-01")},
	{Municipality: []string{"hilversum", "eemnes"}},
	{Sector: []string{"retail"}, Size: []string{"micro"}},
	{Quadrant: []string{"frontrunner"}, Mode: []string{"survey", "self"}},
	{QuestionnaireID: "mini", QuestionnaireVersion: "2"},
	{StatisticsConsent: true},
	{LatestPerCompany: true},
	{LatestPerCompany: true, StatisticsConsent: true, Municipality: []string{"hilversum", "huizen"}},
	{Due: date.MustParse("2027-01-01")},
}

func TestEachRaw(t *testing.T) {
	ctx := context.Background()
	db := filterFixture(t)
	if err := db.AddFollowUp(ctx, &FollowUp{ScanID: "20260301-c1b", Programme: "a", Outcome: OutcomeContacted, Date: date.MustParse("2026-03-10")}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddFollowUp(ctx, &FollowUp{ScanID: "20260301-c1b", Programme: "b", Outcome: OutcomeStarted, Date: date.MustParse("2026-04-01")}); err != nil {
		t.Fatal(err)
	}
	for _, f := range analystFilters {
		want, err := db.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []Raw
		err = db.EachRaw(ctx, f, RawOptions{CompanySeq: true, LatestFollowUp: true}, func(r *Raw) error {
			c := *r
			c.JSON = bytes.Clone(r.JSON)
			got = append(got, c)
			return nil
		})
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%+v: %d scans, want %d", f, len(got), len(want))
		}
		for i, r := range got {
			if !bytes.Equal(r.JSON, want[i].JSON) || r.CompanyID != want[i].CompanyID {
				t.Errorf("%+v: scan %d differs from Each (%s)", f, i, want[i].ID)
			}
			wantSeq := 0
			if want[i].ID == "20260301-c1b" {
				wantSeq = 1
			}
			if r.Seq != wantSeq {
				t.Errorf("%s: seq %d, want %d", want[i].ID, r.Seq, wantSeq)
			}
			if want[i].ID == "20260301-c1b" {
				if r.FollowUp == nil || r.FollowUp.Programme != "b" || r.FollowUp.Outcome != OutcomeStarted || r.FollowUp.Date.String() != "2026-04-01" {
					t.Errorf("latest follow-up %+v", r.FollowUp)
				}
			} else if r.FollowUp != nil {
				t.Errorf("%s: follow-up %+v", want[i].ID, r.FollowUp)
			}
		}
	}
	stop := errors.New("stop")
	if err := db.EachRaw(ctx, Filter{}, RawOptions{}, func(*Raw) error { return stop }); err != stop {
		t.Errorf("callback error: %v", err)
	}
}

func TestEachBrief(t *testing.T) {
	ctx := context.Background()
	db := filterFixture(t)
	for _, f := range analystFilters {
		f.Limit, f.NewestFirst = 0, false
		want, err := db.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]*Record{}
		for _, r := range want {
			byID[r.Date.String()+r.Mode+r.Municipality] = r
		}
		n := 0
		err = db.EachBrief(ctx, f, BriefAnyOrder, func(b *Brief) error {
			n++
			r := byID[b.Date+b.Mode+b.Municipality]
			if r == nil {
				t.Errorf("%+v: unexpected scan %+v", f, b)
				return nil
			}
			if b.CompanyID != r.CompanyID || b.QuestionnaireID != r.Questionnaire.ID || b.QuestionnaireVersion != r.Questionnaire.Version ||
				b.Sector != r.Sector || b.Size != r.Size || b.Quadrant != r.Quadrant || b.Impact != r.Impact || b.Readiness != r.Readiness ||
				b.Maturity != r.Maturity.Score || b.DII != r.DII || b.DIIBasic != r.DIIBasic || b.DIIVersion != r.DIIVersion || b.AdvancedTech != r.AdvancedTech {
				t.Errorf("brief %+v\nrecord %+v", b, r)
			}
			for i, id := range dimensionIDs {
				v, ok := r.Dimensions[id]
				if ok != !math.IsNaN(b.Dimensions[i]) || ok && v != b.Dimensions[i] {
					t.Errorf("%s: dimension %s %v, want %v %v", r.ID, id, b.Dimensions[i], v, ok)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if n != len(want) {
			t.Errorf("%+v: %d briefs, want %d", f, n, len(want))
		}
	}
	// By company: scans without one first, then a company's first scan first.
	var seen []int64
	var dates []string
	err := db.EachBrief(ctx, Filter{}, BriefByCompany, func(b *Brief) error {
		seen = append(seen, b.CompanyID)
		dates = append(dates, b.Date)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 5 || !slices.IsSorted(seen) || seen[0] != 0 || seen[1] != seen[2] || dates[1] != "2025-03-01" || dates[2] != "2026-03-01" {
		t.Errorf("by company: %v %v", seen, dates)
	}
}

func TestParseNum(t *testing.T) {
	for in, want := range map[string]float64{"0": 0, "50.0": 50, "12.5": 12.5, "-3.25": -3.25, "100": 100, "1e3": 1000, "": math.NaN(), "x": math.NaN()} {
		got := parseNum([]byte(in))
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("parseNum(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestQuestionnairesAndOutcomes(t *testing.T) {
	ctx := context.Background()
	db := filterFixture(t)
	qs, err := db.Questionnaires(ctx, Filter{})
	if err != nil || len(qs) != 2 || qs[0] != (QuestionnaireUse{"mini", "1", 4}) || qs[1] != (QuestionnaireUse{"mini", "2", 1}) {
		t.Errorf("questionnaires %+v %v", qs, err)
	}
	if qs, err := db.Questionnaires(ctx, Filter{LatestPerCompany: true, StatisticsConsent: true}); err != nil || len(qs) != 2 || qs[0].Scans != 2 {
		t.Errorf("latest, consented: %+v %v", qs, err)
	}
	d := date.MustParse
	for _, f := range []FollowUp{
		{ScanID: "20260301-c1b", Programme: "a", Outcome: OutcomeContacted, Date: d("2026-03-10")},
		{ScanID: "20260301-c1b", Programme: "a", Outcome: OutcomeApplied, Date: d("2026-04-10")}, // replaces the one above
		{ScanID: "20260301-c1b", Programme: "b", Outcome: OutcomeNotPursued, Reason: "geen tijd", Date: d("2026-03-10")},
		{ScanID: "20260201-c3", Programme: "a", Outcome: OutcomeStarted, Date: d("2026-03-10")},
		{ScanID: "20260110-c2", Programme: "a", Outcome: OutcomeStarted, Date: d("2026-03-10")}, // no statistics consent
		{ScanID: "20260215-none", Programme: "b", Date: d("2026-03-10"), Note: "plan"},
	} {
		if err := db.AddFollowUp(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Outcomes(ctx, Filter{StatisticsConsent: true})
	want := []OutcomeCount{{"a", "applied", 1}, {"a", "started", 1}, {"b", "", 1}, {"b", "not-pursued", 1}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("outcomes %+v %v, want %+v", got, err, want)
	}
}

// BenchmarkAnalystReaders: EachRaw and EachBrief over 100,000 scans
// (compare BenchmarkEach).
func BenchmarkAnalystReaders(b *testing.B) {
	db := benchDB(b, 100000)
	ctx := context.Background()
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			if err := db.EachRaw(ctx, Filter{}, RawOptions{}, func(*Raw) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw-seq-followup", func(b *testing.B) {
		for b.Loop() {
			if err := db.EachRaw(ctx, Filter{}, RawOptions{CompanySeq: true, LatestFollowUp: true}, func(*Raw) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("brief-latest-consented", func(b *testing.B) {
		for b.Loop() {
			if err := db.EachBrief(ctx, Filter{LatestPerCompany: true, StatisticsConsent: true}, BriefAnyOrder, func(*Brief) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("brief-by-company", func(b *testing.B) {
		for b.Loop() {
			if err := db.EachBrief(ctx, Filter{StatisticsConsent: true}, BriefByCompany, func(*Brief) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
}
