package export

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// TestXLSXReadBack reads an export back with excelize: two sheets, a
// frozen bold header, typed numbers and booleans, the columns described.
func TestXLSXReadBack(t *testing.T) {
	qn := loadQN(t, "mini.yaml", miniYAML(t))
	db := fixtureStore(t, qn)
	for _, lang := range []i18n.Lang{i18n.NL, i18n.EN} {
		data, sum := exportBytes(t, db, FormatXLSX, Options{Questionnaires: resolver(qn), Lang: lang})
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); len(got) != 2 || got[0] != SheetScans || got[1] != SheetColumns {
			t.Fatalf("sheets %v", got)
		}
		rows, err := f.GetRows(SheetScans)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 6 || len(rows[0]) != sum.Columns {
			t.Fatalf("%d rows, header of %d (summary %d columns)", len(rows), len(rows[0]), sum.Columns)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		cellName := func(name string, row int) string {
			c, err := excelize.CoordinatesToCellName(col[name]+1, row)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		typeOf := func(name string, row int) excelize.CellType {
			ct, err := f.GetCellType(SheetScans, cellName(name, row))
			if err != nil {
				t.Fatal(err)
			}
			return ct
		}
		value := func(name string, row int) string {
			v, err := f.GetCellValue(SheetScans, cellName(name, row), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		// Row 2 is the first scan (date order).
		checks := []struct {
			col  string
			typ  excelize.CellType
			want string
		}{
			{"id", excelize.CellTypeInlineString, "20250310-aaaa0001"},
			{"impact", excelize.CellTypeUnset, "88"}, // a number: no t attribute
			{"readiness", excelize.CellTypeUnset, "50"},
			{"consent_statistics", excelize.CellTypeBool, "1"},
			{"dii_basic", excelize.CellTypeBool, "1"},
			{"company_name", excelize.CellTypeInlineString, "Fietsenwinkel De Vries & Zn"},
			{"q.tools", excelize.CellTypeInlineString, "website|cloud-office"},
		}
		for _, c := range checks {
			if got := typeOf(c.col, 2); got != c.typ {
				t.Errorf("%s: cell type %v, want %v", c.col, got, c.typ)
			}
			if got := value(c.col, 2); got != c.want {
				t.Errorf("%s = %q, want %q", c.col, got, c.want)
			}
		}
		// Dates are date cells (a serial number shown as yyyy-mm-dd), the
		// 0–5 answers numbers; an autofilter covers the header and rows.
		if typeOf("scan_date", 2) != excelize.CellTypeUnset || value("scan_date", 2) != "45726" {
			t.Errorf("scan_date: %v %q, want a date cell 45726", typeOf("scan_date", 2), value("scan_date", 2))
		}
		if v, _ := f.GetCellValue(SheetScans, cellName("scan_date", 2)); v != "2025-03-10" {
			t.Errorf("scan_date shown as %q", v)
		}
		for r := 2; r <= 6; r++ {
			if v := value("q.ai.chatbots", r); v != "" && typeOf("q.ai.chatbots", r) != excelize.CellTypeUnset {
				t.Errorf("q.ai.chatbots row %d: %q is %v, not a number", r, v, typeOf("q.ai.chatbots", r))
			}
		}
		sheet := zipPart(t, data, "xl/worksheets/sheet1.xml")
		if want := `<autoFilter ref="A1:` + cellName(rows[0][len(rows[0])-1], 6) + `"/>`; !strings.Contains(sheet, want) {
			t.Errorf("no %s in the scans sheet", want)
		}
		// Numbers keep their fraction (no decimal comma in XLSX); formulas stay text.
		if got := value("q.employees", 4); got != "12.5" {
			t.Errorf("employees %q", got)
		}
		if got := value("company_name", 3); got != `=HYPERLINK("http://evil";"klik")` || typeOf("company_name", 3) != excelize.CellTypeInlineString {
			t.Errorf("formula-like name %q", got)
		}
		if v, _ := f.GetCellFormula(SheetScans, cellName("company_name", 3)); v != "" {
			t.Errorf("a formula: %q", v)
		}
		if got := value("q.company-name", 6); got != "+31 Tech, Twee regels" {
			t.Errorf("name %q", got)
		}
		// The header is frozen and bold.
		panes, err := f.GetPanes(SheetScans)
		if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("panes %+v %v", panes, err)
		}
		style, _ := f.GetCellStyle(SheetScans, "A1")
		if st, err := f.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("header not bold: %+v %v", st, err)
		}
		// The columns sheet describes every column.
		desc, err := f.GetRows(SheetColumns)
		if err != nil || len(desc) != sum.Columns+1 {
			t.Fatalf("columns sheet: %d rows %v", len(desc), err)
		}
		want := map[i18n.Lang][]string{
			i18n.NL: {"impact", "Digitale impact (0-100)", "getal"},
			i18n.EN: {"impact", "Digital impact (0-100)", "number"},
		}[lang]
		found := false
		for _, r := range desc[1:] {
			if len(r) < 3 || r[1] == "" || r[2] == "" {
				t.Errorf("column without description: %v", r)
			}
			if r[0] == "impact" {
				found = r[1] == want[1] && r[2] == want[2]
			}
		}
		if !found {
			t.Errorf("%s: impact not described as %v", lang, want)
		}
		f.Close()
	}
}

// zipPart is one part of a zip file.
func zipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestXLSXCells: what each kind of column becomes in XLSX. KVK and
// establishment numbers stay text with their leading zeros (Excel and
// LibreOffice never read an inline string as a number); dates become
// date cells; numbers written as text become numbers.
func TestXLSXCells(t *testing.T) {
	text := func(s string) cell { return cell{k: cText, s: []byte(s)} }
	for _, tt := range []struct {
		kind Kind
		in   cell
		want cell
	}{
		{KindText, text("01234567"), text("01234567")},
		{KindText, text("000012345678"), text("000012345678")},
		{KindDate, text("2026-11-27"), cell{k: cDate, f: 46353}},
		{KindDate, text("1900-03-01"), cell{k: cDate, f: 61}},
		{KindDate, text("2026-Q4"), text("2026-Q4")}, // a quarter stays text
		{KindNumber, text("3"), cell{k: cNumber, f: 3}},
		{KindNumber, text("dont-know"), text("dont-know")},
		{KindNumber, cell{k: cNumber, f: 2.5}, cell{k: cNumber, f: 2.5}},
		{KindBool, cell{k: cBool, f: 1}, cell{k: cBool, f: 1}},
	} {
		if got := xlsxCell(tt.kind, tt.in); got.k != tt.want.k || got.f != tt.want.f || string(got.s) != string(tt.want.s) {
			t.Errorf("%v %q: %+v, want %+v", tt.kind, tt.in.s, got, tt.want)
		}
	}
}

// TestXLSXFlatMemory writes many rows and checks the file stays a valid
// workbook (row numbers, cell references past Z).
func TestXLSXWriterRows(t *testing.T) {
	var buf bytes.Buffer
	x, err := NewXLSXWriter(&buf, "a")
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Sheet(false); err != nil {
		t.Fatal(err)
	}
	const cols = 60
	refs := make([]string, cols)
	cells := make([]cell, cols)
	for i := range refs {
		refs[i] = columnName(i)
	}
	for r := range 2000 {
		for i := range cells {
			cells[i] = cell{k: cNumber, f: float64(r*cols + i)}
		}
		cells[3] = cell{k: cText, s: []byte("<b>&\x01</b>")}
		if err := x.xlsxRow(cells, refs, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.HeaderRow("a", "b"); err != nil {
		t.Fatal(err)
	}
	if err := x.Row("text", 1.5, true, nil, 7); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, _ := f.GetCellValue("a", "BH2000")
	if v != strconv.Itoa(1999*cols+59) {
		t.Errorf("BH2000 = %q", v)
	}
	if v, _ := f.GetCellValue("a", "D1"); v != "<b>&\uFFFD</b>" {
		t.Errorf("escaped text %q", v)
	}
	if row, _ := f.GetRows("a"); len(row) != 2002 || len(row[2001]) != 5 || row[2001][1] != "1.5" || row[2001][2] != "TRUE" || row[2001][4] != "7" {
		t.Errorf("last row %v", row[2001])
	}
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := columnName(i); got != want {
			t.Errorf("columnName(%d) = %s, want %s", i, got, want)
		}
	}

}
