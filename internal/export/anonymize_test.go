package export

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/store"
)

// identifying are texts of the fixture that an anonymised export must not
// contain: names, KVK numbers, advisor, organisation, scan ids, dates.
var identifying = []string{"Fietsenwinkel", "12345678", "23456789", "34567890", "Anna", "Regio G&V", "Oventje", "Twee regels",
	"HYPERLINK", "aaaa000", "2025-03-10", "2026-03-05", "2026-11-20", "2026-02-01", "2026-03-20", "2026-04-15"}

var dateRE = regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`)

func TestAnonymizedExports(t *testing.T) {
	qn := loadQN(t, "mini.yaml", miniYAML(t))
	db := fixtureStore(t, qn)
	key := []byte("test key")
	// k = 1: four scans are no crowd; TestKAnonymity measures k.
	opt := Options{Anonymize: true, K: 1, Key: key, Questionnaires: resolver(qn), Dialect: csvout.RFC4180}
	for _, format := range Formats {
		data, sum := exportBytes(t, db, format, opt)
		if sum.Scans != 4 {
			t.Errorf("%s: %d scans, want the 4 with consent-statistics", format, sum.Scans)
		}
		if format == FormatXLSX {
			continue // zipped; read back below
		}
		for _, s := range identifying {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s: contains %q", format, s)
			}
		}
		if format != FormatJSON {
			if m := dateRE.Find(data); m != nil {
				t.Errorf("%s: contains a date %s", format, m)
			}
		}
	}

	data, sum := exportBytes(t, db, FormatCSV, opt)
	header, rows := readCSV(t, data, ',')
	for _, h := range header {
		switch h {
		case "id", "company_id", "created_at", "scan_date", "advisor", "organisation", "company_name", "kvk", "establishment",
			"q.company-name", "q.kvk-number", "followup_date", "heard_via", "q.place", "q.association":
			t.Errorf("column %s in an anonymised export", h)
		}
	}
	if len(header) != sum.Columns || len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	pids := map[string]bool{}
	for _, r := range rows {
		if len(r["pid"]) != 16 || pids[r["pid"]] {
			t.Errorf("pseudonym %q", r["pid"])
		}
		pids[r["pid"]] = true
		if !regexp.MustCompile(`^20\d\d-Q[1-4]$`).MatchString(r["quarter"]) || r["consent_statistics"] != "1" {
			t.Errorf("quarter %q, consent %q", r["quarter"], r["consent_statistics"])
		}
	}
	// The two scans of the bicycle shop share a company pseudonym; the
	// follow-up keeps its quarter.
	if rows[0]["company_pid"] == "" || rows[0]["company_pid"] != rows[2]["company_pid"] || rows[0]["quarter"] != "2025-Q1" {
		t.Errorf("company pseudonyms %q %q", rows[0]["company_pid"], rows[2]["company_pid"])
	}
	if rows[2]["followup_quarter"] != "2026-Q2" || rows[2]["followup_outcome"] != "started" {
		t.Errorf("follow-up %q %q", rows[2]["followup_quarter"], rows[2]["followup_outcome"])
	}
	// The same key gives the same pseudonyms; another key others.
	again, _ := exportBytes(t, db, FormatCSV, opt)
	if !bytes.Equal(again, data) {
		t.Error("same key, different export")
	}
	other, _ := exportBytes(t, db, FormatCSV, Options{Anonymize: true, K: 1, Questionnaires: resolver(qn), Dialect: csvout.RFC4180})
	_, otherRows := readCSV(t, other, ',')
	if otherRows[0]["pid"] == rows[0]["pid"] {
		t.Error("a random key gave the test key's pseudonym")
	}

	// The anonymised JSON Lines import into another database.
	data, _ = exportBytes(t, db, FormatJSON, opt)
	for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		for _, k := range []string{"company", "advisor", "organisation"} {
			if _, ok := m[k]; ok {
				t.Errorf("line %d has %s", i+1, k)
			}
		}
		answers := m["answers"].(map[string]any)
		if _, ok := answers["company-name"]; ok {
			t.Errorf("line %d keeps a free-text answer", i+1)
		}
		if !strings.HasSuffix(m["created_at"].(string), "-01T00:00:00Z") || !strings.HasSuffix(m["as_of"].(string), "-01") {
			t.Errorf("line %d dates %v %v", i+1, m["created_at"], m["as_of"])
		}
	}
	other2 := openStore(t)
	st, err := other2.Import(context.Background(), bytes.NewReader(data), store.ImportOptions{Name: "anon.jsonl"})
	if err != nil || st.Added != 4 {
		t.Errorf("import of the anonymised export: %+v %v", st, err)
	}
	var again2 bytes.Buffer
	if _, err := other2.ExportJSONL(context.Background(), store.Filter{}, &again2); err != nil {
		t.Fatal(err)
	}
	for _, s := range identifying[:8] {
		if strings.Contains(again2.String(), s) {
			t.Errorf("imported anonymised scans contain %q", s)
		}
	}
}

func TestQuarterAndPseudonyms(t *testing.T) {
	for in, want := range map[string]string{"2026-01-01": "2026-Q1", "2026-03-31": "2026-Q1", "2026-04-01": "2026-Q2",
		"2026-11-27T10:30:00Z": "2026-Q4", "2026-13-01": "", "": "", "nonsense": ""} {
		if got := Quarter(in); got != want {
			t.Errorf("Quarter(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"2026-11-27": "2026-10-01", "2026-02-03": "2026-01-01", "x": ""} {
		if got := quarterStart([]byte(in)); got != want {
			t.Errorf("quarterStart(%q) = %q, want %q", in, got, want)
		}
	}
	p, p2 := NewPseudonyms([]byte("a")), NewPseudonyms([]byte("b"))
	x, y := p.Of("scan", []byte("20261127-abc")), p.Of("company", []byte("20261127-abc"))
	if x == y || x != p.Of("scan", []byte("20261127-abc")) || x == p2.Of("scan", []byte("20261127-abc")) || len(x) != 16 {
		t.Errorf("pseudonyms %s %s", x, y)
	}
}

func TestAnonymizedXLSX(t *testing.T) {
	qn := loadQN(t, "mini.yaml", miniYAML(t))
	db := fixtureStore(t, qn)
	data, _ := exportBytes(t, db, FormatXLSX, Options{Anonymize: true, K: 1, Questionnaires: resolver(qn)})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetScans)
	if err != nil || len(rows) != 5 {
		t.Fatalf("%d rows %v", len(rows), err)
	}
	for _, r := range rows {
		for _, c := range r {
			for _, s := range identifying {
				if strings.Contains(c, s) {
					t.Errorf("cell %q contains %q", c, s)
				}
			}
			if dateRE.MatchString(c) {
				t.Errorf("cell %q holds a date", c)
			}
		}
	}
}
