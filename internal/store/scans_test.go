package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/gooivechtstreek/digiscan/scan"
)

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	qn, _ := mini(t)
	in := result(t, "20261127-k3f9x2ab", &scan.Company{Name: "Fietsenwinkel De Vries & Zn", KVK: "12345678"})
	mustSave(t, db, in)

	rec, err := db.Scan(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(in)
	out, err := rec.Result(qn)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(out)
	if !jsonEqual(t, got, want) {
		t.Errorf("result JSON differs after the round trip:\n got %s\nwant %s", got, want)
	}
	if !reflect.DeepEqual(out.Answers, in.Answers) {
		t.Errorf("answers differ:\n got %#v\nwant %#v", out.Answers, in.Answers)
	}
	if !jsonEqual(t, rec.JSON, want) {
		t.Errorf("stored JSON differs:\n got %s\nwant %s", rec.JSON, want)
	}
	if bytes.Contains(rec.JSON, []byte(`\u0026`)) {
		t.Errorf("stored JSON escapes &: %s", rec.JSON)
	}
	// The columns.
	if rec.Sector != "retail" || rec.Municipality != "gooise-meren" || rec.Quadrant != in.Quadrant ||
		rec.Impact != in.Impact || rec.Mode != scan.ModeAdvisor || !rec.Consents.Statistics || rec.Consents.Handover ||
		rec.Company.KVK != "12345678" || rec.CompanyID == 0 || rec.Date.String() != "2026-11-27" ||
		!rec.CreatedAt.Equal(in.CreatedAt) || rec.Catalogue.Version != "2026.3" || rec.DII != in.DigitalIntensity.Count {
		t.Errorf("columns: %+v", rec)
	}
	for _, d := range in.Dimensions {
		v, ok := rec.Dimensions[d.ID]
		if (d.Score != nil) != ok || (ok && v != *d.Score) {
			t.Errorf("dimension %s: column %v %v, result %v", d.ID, v, ok, d.Score)
		}
	}

	// Saving the same result again is a no-op; a different one under the id is refused.
	mustSave(t, db, in)
	changed := result(t, in.ID, in.Company, func(r *scan.Result) { r.Impact = 3 })
	if err := db.SaveScan(ctx, changed); !errors.Is(err, ErrExists) {
		t.Errorf("different result under a stored id: %v, want ErrExists", err)
	}
	if _, err := db.Scan(ctx, "20000101-nothere0"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

func jsonEqual(t testing.TB, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(va, vb)
}

func TestSaveScans(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustSave(t, db, genResult(t, "20261130", 0))
	n, err := db.SaveScans(ctx, func(yield func(*scan.Result) bool) {
		for i := range 3000 {
			if !yield(genResult(t, "20261130", i)) {
				return
			}
		}
	})
	if err != nil || n != 2999 {
		t.Fatalf("saved %d, %v", n, err)
	}
	if got := count(t, db, Filter{}); got != 3000 {
		t.Errorf("%d stored", got)
	}
	// An invalid result stops the batch; what came before stays.
	n, err = db.SaveScans(ctx, func(yield func(*scan.Result) bool) {
		_ = yield(genResult(t, "20261201", 1)) && yield(genResult(t, "20261201", 2)) &&
			yield(result(t, "20261201-bad", nil, func(r *scan.Result) { r.Mode = "robot" })) &&
			yield(genResult(t, "20261201", 3))
	})
	if !errors.Is(err, ErrInvalid) || n != 2 {
		t.Errorf("saved %d, %v; want ErrInvalid after saving the two before it", n, err)
	}
	if got := count(t, db, Filter{}); got != 3002 {
		t.Errorf("%d stored after the failed batch", got)
	}
}
