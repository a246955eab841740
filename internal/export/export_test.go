package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/golden"
	"github.com/gooivechtstreek/digiscan/internal/safefile"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/scan"
)

// readCSV reads an export back with encoding/csv.
func readCSV(t *testing.T, data []byte, comma rune) (header []string, rows []map[string]string) {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	header = recs[0]
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range header {
			m[h] = rec[i]
		}
		rows = append(rows, m)
	}
	return header, rows
}

func exportBytes(t *testing.T, db *store.DB, format string, opt Options) ([]byte, Summary) {
	t.Helper()
	var buf bytes.Buffer
	sum, err := Write(context.Background(), db, format, &buf, opt)
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes(), sum
}

func TestCSVDialectsGolden(t *testing.T) {
	qn := loadQN(t, "mini.yaml", miniYAML(t))
	db := fixtureStore(t, qn)
	for _, tt := range []struct {
		d     csvout.Dialect
		comma rune
	}{{csvout.Excel, ';'}, {csvout.RFC4180, ','}} {
		t.Run(tt.d.Name, func(t *testing.T) {
			data, sum := exportBytes(t, db, FormatCSV, Options{Dialect: tt.d, Questionnaires: resolver(qn)})
			golden.Check(t, filepath.Join("testdata", "scans-"+tt.d.Name+".csv"), data)
			if sum.Scans != 5 || len(sum.Warnings) != 0 {
				t.Errorf("summary %+v", sum)
			}
			if got := bytes.HasPrefix(data, []byte("\uFEFF")); got != tt.d.BOM {
				t.Errorf("BOM %v", got)
			}
			if bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) { // stored texts hold no line breaks (issue 12)
				t.Errorf("a record ends without CRLF")
			}
			header, rows := readCSV(t, data, tt.comma)
			if len(rows) != 5 || len(header) != sum.Columns {
				t.Fatalf("%d rows, %d columns (summary %d)", len(rows), len(header), sum.Columns)
			}
			byID := map[string]map[string]string{}
			for _, r := range rows {
				byID[r["id"]] = r
			}
			if rows[0]["id"] != "20250310-aaaa0001" || rows[4]["id"] != "20261120-aaaa0005" {
				t.Errorf("not in date order: %s … %s", rows[0]["id"], rows[4]["id"])
			}
			first := byID["20250310-aaaa0001"]
			want := map[string]string{
				"id": "20250310-aaaa0001", "scan_date": "2025-03-10", "created_at": "2025-03-10T10:30:00Z",
				"questionnaire_id": "mini", "questionnaire_version": "1", "mode": "advisor", "advisor": "Anna",
				"company_name": "Fietsenwinkel De Vries & Zn", "kvk": "12345678", "consent_statistics": "1",
				"sector": "retail", "size": "micro", "municipality": "gooise-meren", "province": "noord-holland",
				"threshold_impact": "50", "q.areas.marketing": "planned", "q.areas.admin": "both", "q.tools": "website|cloud-office",
				"q.company-name": "Fietsenwinkel De Vries & Zn", "referral_1": "basisscan-cyberweerbaarheid", "referral_2": "mkb-werkplaats",
				"referral_3": "", "q.areas.production": "", "followup_outcome": "",
			}
			for k, v := range want {
				if first[k] != v {
					t.Errorf("%s = %q, want %q", k, first[k], v)
				}
			}
			// The re-scan's latest follow-up; the freelancer's formula neutralised.
			if r := byID["20260305-aaaa0002"]; r["followup_programme"] != "mkb-werkplaats" || r["followup_outcome"] != "started" || r["followup_date"] != "2026-04-15" {
				t.Errorf("follow-up columns %q %q %q", r["followup_programme"], r["followup_outcome"], r["followup_date"])
			}
			if got := byID["20260110-aaaa0003"]["company_name"]; got != `'=HYPERLINK("http://evil";"klik")` {
				t.Errorf("formula not neutralised: %q", got)
			}
			if got := byID["20261120-aaaa0005"]["company_name"]; got != "'+31 Tech, Twee regels" {
				t.Errorf("name with a line break: %q", got)
			}
			if got := byID["20260201-aaaa0004"]["q.employees"]; got != map[bool]string{true: "12,5", false: "12.5"}[tt.d.DecimalComma] {
				t.Errorf("decimal: %q", got)
			}
			if got := byID["20260110-aaaa0003"]["dim_people"]; got != "" {
				t.Errorf("not applicable dimension: %q", got)
			}
		})
	}
}

// TestFormulaNeutralisation: every text cell of an export that starts
// with a formula character carries the prefix, in both dialects; numbers
// (negative ones too) do not.
func TestFormulaNeutralisation(t *testing.T) {
	qn := loadQN(t, "mini.yaml", miniYAML(t))
	db := fixtureStore(t, qn)
	for _, d := range []csvout.Dialect{csvout.Excel, csvout.RFC4180} {
		data, _ := exportBytes(t, db, FormatCSV, Options{Dialect: d, Questionnaires: resolver(qn)})
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
		r.Comma = rune(d.Comma)
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, rec := range recs {
			for _, cell := range rec {
				if csvout.IsFormula(cell) {
					t.Errorf("%s: formula cell %q", d.Name, cell)
				}
				if strings.HasPrefix(cell, "'") {
					found++
				}
			}
		}
		if found < 4 { // company name and its answer, twice
			t.Errorf("%s: %d neutralised cells", d.Name, found)
		}
	}
}

func TestUnionOfQuestionnaireVersions(t *testing.T) {
	v1 := loadQN(t, "mini.yaml", miniYAML(t))
	v2 := miniV2(t)
	db := openStore(t)
	ctx := context.Background()
	r1 := scoreMini(t, v1, fixture[0])
	b := fixture[1]
	b.edit = func(a scan.Answers) {
		delete(a, "green")
		a["webshop"] = scan.Answer{Choice: "yes"}
		a["areas"] = scan.Answer{Items: map[string]string{"marketing": "none", "admin": "none", "sales": "invested"}}
	}
	r2 := scoreMini(t, v2, b)
	for _, r := range []*scan.Result{r1, r2} {
		if err := db.SaveScan(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	data, sum := exportBytes(t, db, FormatCSV, Options{Dialect: csvout.RFC4180, Questionnaires: resolver(v1, v2)})
	header, rows := readCSV(t, data, ',')
	var answers []string
	for _, h := range header {
		if strings.HasPrefix(h, "q.") {
			answers = append(answers, h)
		}
	}
	// Version 2's order, then what only version 1 asked (green).
	want := []string{"q.sector", "q.size", "q.place", "q.municipality", "q.province", "q.association", "q.impact-customers",
		"q.areas.marketing", "q.areas.admin", "q.areas.sales", "q.areas.production", "q.statements", "q.tools", "q.staff",
		"q.internet-use", "q.data-use", "q.security", "q.ai.chatbots", "q.ai.vision", "q.webshop", "q.employees", "q.topics",
		"q.consent-statistics", "q.consent-follow-up", "q.consent-handover", "q.company-name", "q.kvk-number", "q.green"}
	if !slices.Equal(answers, want) {
		t.Errorf("answer columns\n%v\nwant\n%v", answers, want)
	}
	if sum.Scans != 2 || rows[0]["q.green"] != "partly" || rows[0]["q.webshop"] != "" || rows[1]["q.webshop"] != "yes" || rows[1]["q.areas.sales"] != "invested" {
		t.Errorf("values: %+v %v %v", sum, rows[0]["q.green"], rows[1]["q.webshop"])
	}
	// Filtered by version: only that version's columns.
	data, _ = exportBytes(t, db, FormatCSV, Options{Dialect: csvout.RFC4180, Questionnaires: resolver(v1, v2),
		Filter: store.Filter{QuestionnaireVersion: "1"}})
	header, rows = readCSV(t, data, ',')
	if len(rows) != 1 || slices.Contains(header, "q.webshop") || !slices.Contains(header, "q.green") {
		t.Errorf("version 1 only: %d rows, %v", len(rows), header)
	}
	// A version the resolver does not know: the other's columns, with a warning.
	_, sum = exportBytes(t, db, FormatCSV, Options{Questionnaires: resolver(v2)})
	if len(sum.Warnings) == 0 || sum.DroppedAnswers == 0 {
		t.Errorf("unknown version: %+v", sum)
	}
}

func TestJSONLPlainIsTheStoreExport(t *testing.T) {
	qn := loadQN(t, "mini.yaml", miniYAML(t))
	db := fixtureStore(t, qn)
	got, sum := exportBytes(t, db, FormatJSON, Options{})
	var want bytes.Buffer
	if _, err := db.ExportJSONL(context.Background(), store.Filter{}, &want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) || sum.Scans != 5 {
		t.Errorf("JSON export differs from store.ExportJSONL (%d scans)", sum.Scans)
	}
}

func TestUnknownFormat(t *testing.T) {
	qn := loadQN(t, "mini.yaml", miniYAML(t))
	db := fixtureStore(t, qn)
	if _, err := Write(context.Background(), db, "pdf", io.Discard, Options{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("%v", err)
	}
}

func TestCancelledExport(t *testing.T) {
	qn := loadQN(t, "mini.yaml", miniYAML(t))
	db := fixtureStore(t, qn)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "out.csv")
	for _, f := range Formats {
		err := safefile.Write(path, func(w io.Writer) error {
			_, err := Write(ctx, db, f, w, Options{Questionnaires: resolver(qn)})
			return err
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v", f, err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s: a file was left: %v", f, err)
		}
	}
}
