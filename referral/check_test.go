package referral

import (
	"errors"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
)

func findings(fs []Finding, kind string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

func TestCheckBuiltin(t *testing.T) {
	c := builtinSource(t)
	sixMonths := Age{Months: 6}

	// Today: nothing to fix, unverified entries are warnings.
	fs := c.Check(today, sixMonths, false)
	if HasErrors(fs) {
		t.Errorf("the embedded catalogue has errors today:\n%v", fs)
	}
	unverified := findings(fs, FindingUnverified)
	if len(unverified) == 0 {
		t.Fatal("no unverified findings")
	}
	for _, f := range unverified {
		if f.Severity != SeverityWarning || f.File != "builtin:gooi-vechtstreek" || f.Line == 0 {
			t.Errorf("unverified finding %+v", f)
		}
		if p := c.Programme(f.ID); p == nil || p.Verified {
			t.Errorf("%s is flagged but verified", f.ID)
		}
	}
	// --strict makes them errors.
	if fs := c.Check(today, sixMonths, true); !HasErrors(fs) || findings(fs, FindingUnverified)[0].Severity != SeverityError {
		t.Error("strict does not make unverified entries errors")
	}

	// No event lacks a source.
	if ef := findings(fs, FindingEventSource); len(ef) != 0 {
		t.Errorf("event source findings %v", ef)
	}

	// Seven months on: every review is stale.
	later := date.MustParse("2027-06-28")
	fs = c.Check(later, sixMonths, false)
	if n := len(findings(fs, FindingStale)); n != len(c.Programmes) {
		t.Errorf("%d stale findings, want %d", n, len(c.Programmes))
	}
	if !HasErrors(fs) {
		t.Error("stale reviews are not errors")
	}
	// On the edge: exactly six months is not stale yet.
	if n := len(findings(c.Check(date.MustParse("2027-05-27"), sixMonths, false), FindingStale)); n != 0 {
		t.Errorf("%d stale findings at exactly six months", n)
	}

	// SLIM runs until the end of 2029.
	fs = c.Check(date.MustParse("2030-01-02"), Age{}, false)
	if ef := findings(fs, FindingEnded); len(ef) != 1 || ef[0].ID != "slim" || ef[0].Severity != SeverityError {
		t.Errorf("ended findings %v", ef)
	}
}

func TestCheckWindows(t *testing.T) {
	c := withProgrammes(t, []string{
		prog("past-only", "availability:\n  status: open\n  windows: [{opens: 2026-03-01, closes: 2026-03-31}]"),
		prog("has-next", "availability:\n  status: open\n  windows:\n    - {opens: 2026-03-01, closes: 2026-03-31}\n    - {opens: 2027-03-01, closes: 2027-03-31}"),
		prog("yearly", "availability:\n  status: open\n  yearly: [{opens: \"09-01\", closes: \"09-30\"}]"),
		prog("budget", "availability:\n  status: budget-exhausted"),
		prog("fine"),
	}, "")
	fs := c.Check(today, Age{Months: 6}, false)
	wp := findings(fs, FindingWindowsPassed)
	if len(wp) != 1 || wp[0].ID != "past-only" || wp[0].Severity != SeverityError {
		t.Errorf("windows-passed findings %v", wp)
	}
	if b := findings(fs, FindingBudgetNoWindow); len(b) != 1 || b[0].ID != "budget" || b[0].Severity != SeverityWarning {
		t.Errorf("budget findings %v", b)
	}
	s := wp[0].String()
	if !strings.HasPrefix(s, "test.yaml:") || !strings.Contains(s, ": error: past-only: every window has passed") {
		t.Errorf("finding text %q", s)
	}
	for i := 1; i < len(fs); i++ {
		if fs[i].Line < fs[i-1].Line {
			t.Errorf("findings not in file order: %v", fs)
		}
	}
}

func TestParseAge(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   Age
		before string // from 2026-11-27
		err    bool
	}{
		{"6m", Age{Months: 6}, "2026-05-27", false},
		{"180d", Age{Days: 180}, "2026-05-31", false},
		{"2w", Age{Days: 14}, "2026-11-13", false},
		{"1y", Age{Years: 1}, "2025-11-27", false},
		{" 6M ", Age{Months: 6}, "2026-05-27", false},
		{"6", Age{}, "", true},
		{"m", Age{}, "", true},
		{"-1m", Age{}, "", true},
		{"6 months", Age{}, "", true},
	} {
		got, err := ParseAge(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseAge(%q) = %v, %v", tc.in, got, err)
			continue
		}
		if !tc.err && got.Before(today).String() != tc.before {
			t.Errorf("%s before %s = %s, want %s", tc.in, today, got.Before(today), tc.before)
		}
	}
	var a Age
	if err := a.Set("3m"); err != nil || a.String() != "3m" || a.Type() == "" {
		t.Errorf("Set: %v %v", a, err)
	}
}

func TestFind(t *testing.T) {
	c := builtin(t)
	if p, err := c.Find("slim"); err != nil || p.ID != "slim" {
		t.Fatalf("Find(slim) = %v, %v", p, err)
	}
	_, err := c.Find("edih-nordwest")
	if !errors.Is(err, ErrUnknownProgramme) || !strings.Contains(err.Error(), `did you mean "edih-noordwest"?`) {
		t.Errorf("Find(unknown) = %v", err)
	}
}

func builtinSource(t testing.TB) *Catalogue {
	t.Helper()
	c, err := BuiltinSource(DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Events: passed ones, series without upcoming ones, planned dates that are
// close, and events without a source (the catalogue holds no date or place
// that nobody published). The events are invented for the test.
func TestCheckEvents(t *testing.T) {
	events := `  - {id: e-old, series: series, date: 2026-10-01, place: {nl: Huizen, en: Huizen}, title: {nl: Oud, en: Old}, dimensions: [data], source: "https://example.org/old"}
  - {id: e-planned, series: series, date: 2027-02-11, place: {nl: Hilversum, en: Hilversum}, title: {nl: Data, en: Data}, dimensions: [data], planned: true, source: "https://example.org/plan"}
  - {id: e-nosource, series: series, date: 2027-03-11, place: {nl: Laren, en: Laren}, title: {nl: Geen bron, en: No source}, dimensions: [people]}
`
	c := withProgrammes(t, []string{prog("series", "offers: [workshop]")}, events)
	fs := c.Check(date.MustParse("2027-01-15"), Age{}, false)
	if ef := findings(fs, FindingEventSource); len(ef) != 1 || ef[0].ID != "e-nosource" || ef[0].Severity != SeverityError {
		t.Errorf("event source findings %v", ef)
	}
	if pf := findings(fs, FindingEventPassed); len(pf) != 1 || pf[0].ID != "e-old" {
		t.Errorf("passed findings %v", pf)
	}
	if pf := findings(fs, FindingEventPlanned); len(pf) != 1 || pf[0].ID != "e-planned" {
		t.Errorf("planned findings %v", pf)
	}
	fs = c.Check(date.MustParse("2027-12-01"), Age{}, false)
	if nf := findings(fs, FindingNoEvents); len(nf) != 1 || nf[0].ID != "series" {
		t.Errorf("no-events findings %v", nf)
	}
}
