package store

import (
	"context"
	"errors"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/scan"
)

func TestFollowUps(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	d := date.MustParse
	withHandover := func(r *scan.Result) { r.Consents["handover"] = scan.Consent{Given: true, TextVersion: "1"} }
	noFollowUp := func(r *scan.Result) { r.Consents["follow_up"] = scan.Consent{Given: false, TextVersion: "1"} }
	mustSave(t, db,
		result(t, "20261101-fu000001", nil, withHandover),
		result(t, "20261101-fu000002", nil),
		result(t, "20261101-fu000003", nil, noFollowUp))

	invalid := []struct {
		name string
		f    FollowUp
		want error
	}{
		{"no programme", FollowUp{ScanID: "20261101-fu000001", Date: d("2026-11-10")}, ErrInvalid},
		{"no date", FollowUp{ScanID: "20261101-fu000001", Programme: "p"}, ErrInvalid},
		{"unknown outcome", FollowUp{ScanID: "20261101-fu000001", Programme: "p", Outcome: "won", Date: d("2026-11-10")}, ErrInvalid},
		{"not pursued without reason", FollowUp{ScanID: "20261101-fu000001", Programme: "p", Outcome: OutcomeNotPursued, Date: d("2026-11-10")}, ErrInvalid},
		{"reason without not pursued", FollowUp{ScanID: "20261101-fu000001", Programme: "p", Outcome: OutcomeApplied, Reason: "x", Date: d("2026-11-10")}, ErrInvalid},
		{"next before date", FollowUp{ScanID: "20261101-fu000001", Programme: "p", Date: d("2026-11-10"), Next: d("2026-11-01")}, ErrInvalid},
		{"unknown scan", FollowUp{ScanID: "20261101-nothere0", Programme: "p", Date: d("2026-11-10")}, ErrNotFound},
		{"handover note without consent", FollowUp{ScanID: "20261101-fu000002", Programme: "p", Date: d("2026-11-10"), HandoverNote: "x"}, ErrNoConsent},
		{"next date without follow-up consent", FollowUp{ScanID: "20261101-fu000003", Programme: "p", Date: d("2026-11-10"), Next: d("2027-01-01")}, ErrNoConsent},
		// Control and text-direction characters, as in text answers (issue 12).
		{"escape in note", FollowUp{ScanID: "20261101-fu000001", Programme: "p", Date: d("2026-11-10"), Note: "belde\x1b]0;pwned\a"}, ErrInvalid},
		{"line feed in reason", FollowUp{ScanID: "20261101-fu000001", Programme: "p", Outcome: OutcomeNotPursued, Reason: "geen\ntijd", Date: d("2026-11-10")}, ErrInvalid},
		{"bidi in handover note", FollowUp{ScanID: "20261101-fu000001", Programme: "p", Date: d("2026-11-10"), HandoverNote: "warm\u202Eeerd"}, ErrInvalid},
		{"escape in programme", FollowUp{ScanID: "20261101-fu000001", Programme: "p\x1b[2J", Date: d("2026-11-10")}, ErrInvalid},
	}
	for _, tt := range invalid {
		f := tt.f
		if err := db.AddFollowUp(ctx, &f); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}

	add := func(f FollowUp) *FollowUp {
		t.Helper()
		if err := db.AddFollowUp(ctx, &f); err != nil {
			t.Fatal(err)
		}
		return &f
	}
	a1 := add(FollowUp{ScanID: "20261101-fu000001", Programme: "cyber-basis", Outcome: OutcomeContacted, Date: d("2026-11-10"),
		Note: "belde", Next: d("2026-12-01"), HandoverNote: "warme overdracht"})
	add(FollowUp{ScanID: "20261101-fu000001", Programme: "mkb-deal", Date: d("2026-11-10"), Next: d("2027-02-01")})
	b1 := add(FollowUp{ScanID: "20261101-fu000002", Programme: "cyber-basis", Outcome: OutcomeNotPursued, Reason: "geen tijd", Date: d("2026-11-12"), Next: d("2026-11-30")})
	add(FollowUp{ScanID: "20261101-fu000003", Programme: "cyber-basis", Outcome: OutcomeApplied, Date: d("2026-11-12")}) // no consent to contact, but an outcome may be recorded

	due := func(asOf string) []string {
		t.Helper()
		fs, err := db.Due(ctx, d(asOf))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range fs {
			out = append(out, f.ScanID+"/"+f.Programme)
		}
		return out
	}
	for asOf, want := range map[string]string{
		"2026-11-29": "[]",
		"2026-11-30": "[20261101-fu000002/cyber-basis]",
		"2026-12-01": "[20261101-fu000002/cyber-basis 20261101-fu000001/cyber-basis]",
		"2027-02-01": "[20261101-fu000002/cyber-basis 20261101-fu000001/cyber-basis 20261101-fu000001/mkb-deal]",
	} {
		if got := fmtList(due(asOf)); got != want {
			t.Errorf("due %s: %s, want %s", asOf, got, want)
		}
	}
	if n := count(t, db, Filter{Due: d("2026-12-01")}); n != 2 {
		t.Errorf("scans with follow-ups due: %d, want 2", n)
	}

	// A newer follow-up takes an item off the list; an update moves it.
	add(FollowUp{ScanID: "20261101-fu000001", Programme: "cyber-basis", Outcome: OutcomeApplied, Date: d("2026-12-01"), Next: d("2027-03-01")})
	b1.Next = d("2027-01-15")
	if err := db.UpdateFollowUp(ctx, b1); err != nil {
		t.Fatal(err)
	}
	if got := fmtList(due("2027-02-01")); got != "[20261101-fu000002/cyber-basis 20261101-fu000001/mkb-deal]" {
		t.Errorf("due after updates: %s", got)
	}
	latest, err := db.FollowUps(ctx, FollowUpFilter{ScanID: "20261101-fu000001", Latest: true})
	if err != nil || len(latest) != 2 || latest[0].Outcome != OutcomeApplied {
		t.Errorf("latest: %+v %v", latest, err)
	}

	// Withdrawing consent-follow-up clears the plans; handover clears the notes.
	if ok, err := db.WithdrawConsent(ctx, "20261101-fu000001", ConsentFollowUp); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if got := fmtList(due("2030-01-01")); got != "[20261101-fu000002/cyber-basis]" {
		t.Errorf("due after withdrawal: %s", got)
	}
	if ok, err := db.WithdrawConsent(ctx, "20261101-fu000001", ConsentHandover); err != nil || !ok {
		t.Fatal(ok, err)
	}
	all, _ := db.FollowUps(ctx, FollowUpFilter{ScanID: "20261101-fu000001"})
	for _, f := range all {
		if f.HandoverNote != "" || !f.Next.IsZero() {
			t.Errorf("after withdrawals: %+v", f)
		}
	}
	a1.HandoverNote = "nieuw"
	if err := db.UpdateFollowUp(ctx, a1); !errors.Is(err, ErrNoConsent) {
		t.Errorf("handover note after withdrawal: %v", err)
	}
	if err := db.DeleteFollowUp(ctx, b1.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteFollowUp(ctx, b1.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	// Follow-ups go with their scan.
	if err := db.DeleteScan(ctx, "20261101-fu000001"); err != nil {
		t.Fatal(err)
	}
	if fs, _ := db.FollowUps(ctx, FollowUpFilter{ScanID: "20261101-fu000001"}); len(fs) != 0 {
		t.Errorf("follow-ups of a deleted scan: %+v", fs)
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
