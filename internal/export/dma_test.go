package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/scan"
)

// TestDMAKnownBusinesses exports a metalworking firm (scanned twice) and a
// freelance photographer and checks the DMA columns item by item.
func TestDMAKnownBusinesses(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	for _, r := range []*scan.Result{
		example(t, "maakbedrijf-huizen", "20251101-maak0001", "2025-11-01", nil),
		example(t, "maakbedrijf-huizen", "20261101-maak0002", "2026-11-01", func(a scan.Answers) {
			a["strategy-areas"].Items["collaboration"] = "planned"
		}),
		example(t, "fotograaf-laren", "20261102-foto0001", "2026-11-02", nil),
	} {
		if err := db.SaveScan(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	// The DMA tool's layout whatever the dialect asked: ",", a byte order
	// mark, LF.
	data, sum := exportBytes(t, db, FormatDMA, Options{Dialect: csvout.Excel})
	if !bytes.HasPrefix(data, []byte("\uFEFFtime_point,maturity_assessment_date,")) || bytes.Contains(data, []byte("\r\n")) {
		t.Errorf("not the DMA tool's CSV: %q", data[:min(len(data), 60)])
	}
	header, rows := readCSV(t, data, ',')
	// Column by column as the reference: the tool's metadata and items, in
	// its order; then digiscan's own columns.
	refData, err := os.ReadFile(filepath.Join("testdata", "dma-sme-reference.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ref := strings.Split(strings.TrimSpace(string(refData)), ",")
	if len(ref) != 4+86 || !slices.Equal(ref[4:], DMAItems) {
		t.Errorf("DMAItems differ from the reference file (%d columns)", len(ref))
	}
	for i, name := range ref {
		if i >= len(header) || header[i] != name {
			t.Fatalf("column %d: %q, the DMA tool has %q", i+1, header[min(i, len(header)-1)], name)
		}
	}
	if extra := header[len(ref):]; !slices.Equal(extra, []string{"digital_business_strategy", "digital_readiness", "human_centric_digitalisation",
		"data_management_and_connectedness", "automation_and_artificial_intelligence", "green_digitalisation", "overall_maturity",
		"digiscan_scan", "kvk_number"}) {
		t.Errorf("after the tool's columns: %v", extra)
	}
	if !slices.Equal(header[:4], DMAMetadata) || sum.Scans != 3 || len(rows) != 3 {
		t.Fatalf("header %v…, %d rows", header[:4], len(rows))
	}
	if header[4] != "product_service_design_m2_1_1" || header[len(header)-1] != "kvk_number" {
		t.Errorf("item columns start with %s, end with %s", header[4], header[len(header)-1])
	}
	t0, t1, photo := rows[0], rows[1], rows[2]
	want := map[string]string{
		"time_point": "T0", "maturity_assessment_date": "11/01/2025", // MM/DD/YYYY as the tool writes
		"enterprise_name_edih": "Metaalbewerking Gooi B.V.", "fiscal_registration_number_vat": "", "kvk_number": "87654321",
		// Q1, the investment grid: planned|invested.
		"product_service_design_m2_1_1":                  "0|1",
		"project_planning_and_management_m2_1_1":         "1|0",
		"operations_production_of_physical_goods_m2_1_1": "1|1",
		"collaboration_with_other_companies_m2_1_1":      "0|0",
		// Q2, Q3 checklists; options sharing a stem count once.
		"digitalisation_needs_are_identified_m2_1_2": "1",
		"financial_resources_m2_1_2":                 "0",
		"connectivity_infrastructure_m2_2_3":         "1",
		"enterprise_s_website_m2_2_3":                "1",
		"e_commerce_sales_m2_2_3":                    "0",
		"information_management_systems_m2_2_3":      "1",
		// Q4 and Q9: level × 2.
		"following_advanced_digital_technologies_m2_2_4__computer_aided_design_m2_2_4":          "10",
		"following_advanced_digital_technologies_m2_2_4__manufacturing_execution_m2_2_4":        "4",
		"automation_and_artificial_intelligence_likert__robotics_and_autonomous_devices_m2_5_9": "8",
		// Q5, Q7: checklists; "not collected digitally" is an item too.
		"organises_short_trainings_m2_3_5":       "1",
		"performs_staff_skill_m2_3_5":            "0",
		"the_organisation_has_in_place_m2_4_7":   "1",
		"data_is_not_collected_digitally_m2_4_7": "0",
		// Q11: no / partly / yes as 0 / 5 / 10.
		"green_digitalisation_2_likert__environmental_concerns_m2_6_11": "5",
		"green_digitalisation_2_likert__energy_consumption_m2_6_11":     "10",
	}
	for k, v := range want {
		if _, ok := t0[k]; !ok {
			t.Errorf("no column %s", k)
		} else if t0[k] != v {
			t.Errorf("%s = %q, want %q", k, t0[k], v)
		}
	}
	for _, k := range []string{"digital_business_strategy", "digital_readiness", "human_centric_digitalisation",
		"data_management_and_connectedness", "automation_and_artificial_intelligence", "green_digitalisation", "overall_maturity"} {
		if t0[k] == "" {
			t.Errorf("score %s empty", k)
		}
	}
	if t1["time_point"] != "T1" || t1["collaboration_with_other_companies_m2_1_1"] != "1|0" || t1["digiscan_scan"] != "20261101-maak0002" {
		t.Errorf("re-scan: %s %s %s", t1["time_point"], t1["collaboration_with_other_companies_m2_1_1"], t1["digiscan_scan"])
	}
	// The freelancer: no consent-handover, so nothing identifiable; her own
	// skills fill the staff-skill items she was asked; what she was not
	// asked is 0 ("0|0" in the grid), as the DMA tool writes an item not
	// ticked.
	wantPhoto := map[string]string{
		"time_point": "T0", "enterprise_name_edih": "", "kvk_number": "",
		"facilitates_learning_m2_3_5":                                                  "1",
		"organises_short_trainings_m2_3_5":                                             "1",
		"performs_staff_skill_m2_3_5":                                                  "0",
		"designs_a_training_plan_m2_3_5":                                               "0",
		"digitalisation_needs_are_identified_m2_1_2":                                   "0",
		"following_advanced_digital_technologies_m2_2_4__computer_aided_design_m2_2_4": "0",
		"operations_production_of_physical_goods_m2_1_1":                               "0|0",
		"marketing_sales_customer_management_m2_1_1":                                   "1|1",
	}
	for k, v := range wantPhoto {
		if photo[k] != v {
			t.Errorf("photographer %s = %q, want %q", k, photo[k], v)
		}
	}
	// Anonymised: nothing identifiable, quarters, pseudonyms.
	data, _ = exportBytes(t, db, FormatDMA, Options{Dialect: csvout.RFC4180, Anonymize: true, K: 1, Key: []byte("k")})
	_, rows = readCSV(t, data, ',')
	for _, r := range rows {
		if r["enterprise_name_edih"] != "" || r["kvk_number"] != "" || len(r["digiscan_scan"]) != 16 {
			t.Errorf("anonymised DMA row: %s %s %s", r["enterprise_name_edih"], r["kvk_number"], r["digiscan_scan"])
		}
	}
	if rows[0]["maturity_assessment_date"] != "2025-Q4" || rows[1]["time_point"] != "T1" {
		t.Errorf("anonymised: %s %s", rows[0]["maturity_assessment_date"], rows[1]["time_point"])
	}
}

func TestDMAColumnNames(t *testing.T) {
	for _, tt := range []struct {
		stem string
		n    int
		want string
	}{
		{"product_service_design", 1, "product_service_design_m2_1_1"},
		{"enterprise_s_website", 3, "enterprise_s_website_m2_2_3"},
		{"internet_of_things", 4, "following_advanced_digital_technologies_m2_2_4__internet_of_things_m2_2_4"},
		{"performs_staff_skill", 5, "performs_staff_skill_m2_3_5"},
		{"business_continuity_plan", 8, "business_continuity_plan_m2_4_8"},
		{"business_intelligence", 9, "automation_and_artificial_intelligence_likert__business_intelligence_m2_5_9"},
		{"paperless_administrative_processes", 10, "paperless_administrative_processes_m2_6_10"},
		{"recycling_reuse", 11, "green_digitalisation_2_likert__recycling_reuse_m2_6_11"},
	} {
		if got := DMAColumn(tt.stem, tt.n); got != tt.want {
			t.Errorf("DMAColumn(%s, %d) = %s, want %s", tt.stem, tt.n, got, tt.want)
		}
	}
}
