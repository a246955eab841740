package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/scan"
)

func exportAll(t *testing.T, db *DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := db.ExportJSONL(context.Background(), Filter{}, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := openTest(t)
	for i := range 20 {
		mustSave(t, a, result(t, fmt.Sprintf("20261127-rt%06d", i), &scan.Company{Name: fmt.Sprintf("Zaak %d", i%7), KVK: fmt.Sprintf("%08d", 30000000+i%7)}))
	}
	mustSave(t, a, result(t, "20261127-nocomp01", nil))
	data := exportAll(t, a)
	if n := bytes.Count(data, []byte("\n")); n != 21 {
		t.Fatalf("exported %d lines", n)
	}

	b := openTest(t)
	st, err := b.Import(ctx, bytes.NewReader(data), ImportOptions{Name: "a.jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Lines != 21 || st.Added != 21 || st.Identical != 0 || len(st.Conflicts) != 0 {
		t.Errorf("first import: %+v", st)
	}
	if got := exportAll(t, b); !bytes.Equal(got, data) {
		t.Errorf("export after import differs from the original export")
	}
	cs, err := b.FindCompanies(ctx, CompanyRef{KVK: "30000003"})
	if err != nil || len(cs) != 1 || cs[0].Scans != 3 {
		t.Errorf("companies after import: %+v %v", cs, err)
	}
	// Again: nothing new.
	st, err = b.Import(ctx, bytes.NewReader(data), ImportOptions{})
	if err != nil || st.Added != 0 || st.Identical != 21 {
		t.Errorf("second import: %+v, %v", st, err)
	}
	if n := count(t, b, Filter{}); n != 21 {
		t.Errorf("%d scans after importing twice", n)
	}
}

func TestImportLines(t *testing.T) {
	ctx := context.Background()
	line := func(r *scan.Result) string {
		b, err := encodeResult(fromResult(r))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	stored := result(t, "20261127-stored01", &scan.Company{Name: "Bestaand", KVK: "40000001"})
	good := line(result(t, "20261127-new00001", nil))
	good2 := line(result(t, "20261127-new00002", nil))
	changed := line(result(t, stored.ID, stored.Company, func(r *scan.Result) { r.Impact = 12; r.Advisor = "Piet" }))
	withdrawn := line(result(t, stored.ID, stored.Company, func(r *scan.Result) {
		r.Consents["statistics"] = scan.Consent{Given: false, TextVersion: "1"}
	}))
	reformatted := strings.Replace(line(stored), `"impact":88`, `"impact": 88.0`, 1)
	if reformatted == line(stored) {
		t.Fatal("test setup: no impact 88 in the line")
	}

	tests := []struct {
		name    string
		input   string
		opt     ImportOptions
		want    ImportStats // Conflicts compared by line and fields
		errIs   error
		errText []string // in the error message
		scans   int      // stored afterwards
	}{
		{name: "new and identical, blank lines, CRLF and BOM",
			input: "\uFEFF" + good + "\r\n\r\n" + line(stored) + "\r\n" + good2 + "\n",
			want:  ImportStats{Lines: 3, Added: 2, Identical: 1}, scans: 3},
		{name: "same content written differently is identical",
			input: reformatted + "\n", want: ImportStats{Lines: 1, Identical: 1}, scans: 1},
		{name: "conflict keeps the stored scan",
			input: good + "\n" + changed + "\n",
			want:  ImportStats{Lines: 2, Added: 1, Conflicts: []Conflict{{Line: 2, ID: stored.ID, Fields: []string{"advisor", "impact"}}}},
			errIs: &ConflictError{}, errText: []string{"line 2: scan 20261127-stored01 differs in advisor, impact", "kept the stored one"}, scans: 2},
		{name: "prefer incoming replaces",
			input: changed + "\n", opt: ImportOptions{PreferIncoming: true},
			want: ImportStats{Lines: 1, Replaced: 1, Conflicts: []Conflict{{Line: 1, ID: stored.ID, Fields: []string{"advisor", "impact"}, Replace: true}}}, scans: 1},
		{name: "duplicate id within the file",
			input: good + "\n" + good + "\n" + strings.Replace(good, `"impact":88`, `"impact":1`, 1) + "\n",
			want:  ImportStats{Lines: 3, Added: 1, Identical: 1, Conflicts: []Conflict{{Line: 3, ID: "20261127-new00001", Fields: []string{"impact"}}}},
			errIs: &ConflictError{}, scans: 2},
		{name: "a withdrawal travels",
			input: withdrawn + "\n", want: ImportStats{Lines: 1, Withdrawals: 1}, scans: 1},
		{name: "malformed lines: nothing imported",
			input: good + "\n{not json\n" + good2 + "\n" + `{"id":"x"` + "\n" + `{"id":"20261127-zz","bogus":1}` + "\n" +
				strings.Replace(good2, `"mode":"advisor"`, `"mode":"robot"`, 1) + "\n[1,2]\n",
			want:  ImportStats{Lines: 7},
			errIs: ErrInvalid,
			errText: []string{"x.jsonl: 5 invalid line(s), nothing imported", "x.jsonl:2: invalid: not valid JSON", "x.jsonl:4:", "truncated",
				`x.jsonl:5: invalid: json: unknown field "bogus" (exported by a newer digiscan? upgrade)`, `x.jsonl:6: invalid: scan 20261127-new00002: mode "robot"`, "x.jsonl:7:"},
			opt: ImportOptions{Name: "x.jsonl"}, scans: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			mustSave(t, db, stored)
			st, err := db.Import(ctx, strings.NewReader(tt.input), tt.opt)
			switch want := tt.errIs.(type) {
			case nil:
				if err != nil {
					t.Fatalf("error %v", err)
				}
			case *ConflictError:
				var ce *ConflictError
				if !errors.As(err, &ce) {
					t.Fatalf("error %v, want a *ConflictError", err)
				}
			default:
				if !errors.Is(err, want) {
					t.Fatalf("error %v, want %v", err, want)
				}
			}
			for _, s := range tt.errText {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error message lacks %q:\n%v", s, err)
				}
			}
			if !slices.EqualFunc(st.Conflicts, tt.want.Conflicts, func(a, b Conflict) bool {
				return a.Line == b.Line && a.ID == b.ID && slices.Equal(a.Fields, b.Fields) && a.Replace == b.Replace
			}) {
				t.Errorf("conflicts %+v, want %+v", st.Conflicts, tt.want.Conflicts)
			}
			st.Conflicts, tt.want.Conflicts = nil, nil
			if fmt.Sprint(st) != fmt.Sprint(tt.want) {
				t.Errorf("stats %+v, want %+v", st, tt.want)
			}
			if n := count(t, db, Filter{}); n != tt.scans {
				t.Errorf("%d scans stored, want %d", n, tt.scans)
			}
		})
	}
}

func TestImportKeepsWithdrawal(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	r := result(t, "20261127-wd000001", nil)
	mustSave(t, db, r)
	old := exportAll(t, db) // consent given
	if ok, err := db.WithdrawConsent(ctx, r.ID, ConsentStatistics); err != nil || !ok {
		t.Fatal(ok, err)
	}
	for _, prefer := range []bool{false, true} {
		st, err := db.Import(ctx, bytes.NewReader(old), ImportOptions{PreferIncoming: prefer})
		if err != nil || st.Identical != 1 {
			t.Errorf("prefer %v: %+v, %v", prefer, st, err)
		}
	}
	// Even a real conflict replaced by the incoming scan keeps the withdrawal.
	changed, _ := encodeResult(fromResult(result(t, r.ID, nil, func(r *scan.Result) { r.Impact = 1 })))
	st, err := db.Import(ctx, bytes.NewReader(changed), ImportOptions{PreferIncoming: true})
	if err != nil || st.Replaced != 1 {
		t.Fatalf("%+v %v", st, err)
	}
	rec, err := db.Scan(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := rec.Result(nil)
	if rec.Impact != 1 || rec.Consents.Statistics || res.Consents["statistics"].Given {
		t.Errorf("after replace: impact %v, statistics consent %v / %v", rec.Impact, rec.Consents.Statistics, res.Consents["statistics"].Given)
	}
}

func TestImportManyMalformed(t *testing.T) {
	db := openTest(t)
	var b strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&b, "{\"id\": %d,\n", i)
	}
	_, err := db.Import(context.Background(), strings.NewReader(b.String()), ImportOptions{})
	var ie *InvalidLinesError
	if !errors.As(err, &ie) || ie.Total != 10000 || len(ie.Lines) != maxLineErrors || ie.Lines[99].Line != 100 {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(err.Error(), "and 9900 more") {
		t.Errorf("message: %.300s", err)
	}
}

func TestImportCarriesWithdrawal(t *testing.T) {
	ctx := context.Background()
	here, there := openTest(t), openTest(t)
	r := result(t, "20261127-wd000002", nil)
	mustSave(t, here, r)
	mustSave(t, there, r)
	if _, err := there.WithdrawConsent(ctx, r.ID, ConsentFollowUp); err != nil {
		t.Fatal(err)
	}
	st, err := here.Import(ctx, bytes.NewReader(exportAll(t, there)), ImportOptions{})
	if err != nil || st.Withdrawals != 1 {
		t.Fatalf("%+v %v", st, err)
	}
	rec, _ := here.Scan(ctx, r.ID)
	ws, _ := here.Withdrawals(ctx, r.ID)
	if rec.Consents.FollowUp || !rec.Consents.Statistics || len(ws) != 1 || ws[0].Consent != ConsentFollowUp {
		t.Errorf("after import: %+v, withdrawals %+v", rec.Consents, ws)
	}
	if !bytes.Equal(exportAll(t, here), exportAll(t, there)) {
		t.Errorf("the two databases differ after the import")
	}
}
