package export

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gooivechtstreek/digiscan/scan"
)

var requireSoffice = flag.Bool("require-soffice", false, "fail, not skip, when LibreOffice is missing (CI)")

// TestLibreOfficeRoundTrip opens the XLSX export in LibreOffice (headless)
// and saves it again, as an analyst who opens and saves the file does:
// the KVK and establishment numbers keep their leading zeros as text, the
// scan date stays a date, the 0–5 answers stay numbers. It needs
// LibreOffice (soffice) and skips without it, unless -require-soffice is
// given: .ci/run installs LibreOffice and gives it, so there the test
// cannot skip. Without LibreOffice the file's structure is still checked
// by TestXLSXReadBack.
func TestLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if *requireSoffice {
			t.Fatal("-require-soffice: LibreOffice (soffice) is not on PATH")
		}
		t.Skip("LibreOffice (soffice) is not installed")
	}
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	db := openStore(t)
	r := example(t, "maakbedrijf-huizen", "20261101-maak0001", "2026-11-01", func(a scan.Answers) {
		a["kvk-number"] = scan.Answer{Text: "01234567"}
		a["establishment-number"] = scan.Answer{Text: "000012345678"}
	})
	if err := db.SaveScan(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	data, _ := exportBytes(t, db, FormatXLSX, Options{})
	dir := t.TempDir()
	in, out := filepath.Join(dir, "scans.xlsx"), filepath.Join(dir, "out")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")} // none of the user's settings
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "scans.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetScans)
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows %v", len(rows), err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	cell := func(name string) string {
		c, _ := excelize.CoordinatesToCellName(col[name]+1, 2)
		return c
	}
	for name, want := range map[string]string{"kvk": "01234567", "establishment": "000012345678"} {
		v, _ := f.GetCellValue(SheetScans, cell(name))
		typ, _ := f.GetCellType(SheetScans, cell(name))
		if v != want || typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
			t.Errorf("%s after LibreOffice: %q (type %v), want text %q", name, v, typ, want)
		}
	}
	raw, _ := f.GetCellValue(SheetScans, cell("scan_date"), excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue(SheetScans, cell("scan_date"))
	if raw != "46327" || shown != "2026-11-01" {
		t.Errorf("scan_date after LibreOffice: %q shown as %q, want the date 46327 shown as 2026-11-01", raw, shown)
	}
	if typ, _ := f.GetCellType(SheetScans, cell("impact")); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("impact after LibreOffice: type %v", typ)
	}
}
