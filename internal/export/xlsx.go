package export

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gooivechtstreek/digiscan/internal/store"
)

// An XLSX file is a zip of a few XML parts. XLSXWriter writes one
// streaming, sheet after sheet, row after row, with inline strings (no
// shared-string table to hold in memory), so memory stays flat however many
// rows. It is written here rather than with excelize: linking excelize
// costs every digiscan command some 7 ms of package initialisation
// (measured with GODEBUG=inittrace=1), for every command, export or not.

// MaxXLSXRows is the most rows a worksheet holds (Excel's limit).
const MaxXLSXRows = 1 << 20

// ErrTooManyRows: more scans than an XLSX worksheet holds.
var ErrTooManyRows = errors.New("more rows than an XLSX worksheet holds (1,048,576): export as CSV")

// XLSXWriter writes an XLSX workbook.
type XLSXWriter struct {
	zw     *zip.Writer
	sheets []string
	cur    int // index of the open sheet, -1 before the first
	w      *bufio.Writer
	row    int
	buf    []byte
	err    error
	refs   []string // column names A, B, …
	cells  []cell
	// filter: the open sheet gets an autofilter over its columns and rows.
	filter     bool
	filterCols int
}

// NewXLSXWriter starts a workbook with the named sheets (written in that
// order with Sheet).
func NewXLSXWriter(w io.Writer, sheets ...string) (*XLSXWriter, error) {
	zw := zip.NewWriter(w)
	// Fast compression: a worksheet is repetitive XML; the default level
	// costs three times the time for a few percent.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	x := &XLSXWriter{zw: zw, sheets: sheets, cur: -1}
	if err := x.static(); err != nil {
		return nil, err
	}
	return x, nil
}

func (x *XLSXWriter) part(name, content string) error {
	f, err := x.zw.Create(name)
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, content)
	return err
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (x *XLSXWriter) static() error {
	ct := xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
	wb := xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`
	rels := xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	for i, name := range x.sheets {
		n := strconv.Itoa(i + 1)
		ct += `<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
		wb += `<sheet name="` + xmlEscape(name) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`
		rels += `<Relationship Id="rId` + n + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + n + `.xml"/>`
	}
	styles := strconv.Itoa(len(x.sheets) + 1)
	rels += `<Relationship Id="rId` + styles + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`
	ct += `</Types>`
	wb += `</sheets></workbook>`
	parts := []struct{ name, content string }{
		{"[Content_Types].xml", ct},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb},
		{"xl/_rels/workbook.xml.rels", rels},
		// Style 0 is the default, 1 the bold header, 2 a date (yyyy-mm-dd,
		// numFmt 164: the same in every locale).
		{"xl/styles.xml", xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>` +
			`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
			`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
			`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`},
	}
	for _, p := range parts {
		if err := x.part(p.name, p.content); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	return nil
}

// Sheet starts the next sheet; a frozen header keeps the first row in view.
// widths (in characters) set the first columns' widths.
func (x *XLSXWriter) Sheet(frozenHeader bool, widths ...float64) error {
	if err := x.endSheet(); err != nil {
		return err
	}
	x.cur++
	if x.cur >= len(x.sheets) {
		return fmt.Errorf("xlsx: more sheets than the %d named", len(x.sheets))
	}
	f, err := x.zw.Create("xl/worksheets/sheet" + strconv.Itoa(x.cur+1) + ".xml")
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	x.w = bufio.NewWriterSize(f, 64<<10)
	x.row = 0
	x.w.WriteString(xmlHeader + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	if frozenHeader {
		x.w.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`)
	} else {
		x.w.WriteString(`<sheetViews><sheetView workbookViewId="0"/></sheetViews>`)
	}
	x.w.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(widths) > 0 {
		x.w.WriteString(`<cols>`)
		for i, wd := range widths {
			n := strconv.Itoa(i + 1)
			fmt.Fprintf(x.w, `<col min="%s" max="%s" width="%g" customWidth="1"/>`, n, n, wd)
		}
		x.w.WriteString(`</cols>`)
	}
	_, err = x.w.WriteString(`<sheetData>`)
	return err
}

func (x *XLSXWriter) endSheet() error {
	if x.w == nil {
		return x.err
	}
	x.w.WriteString(`</sheetData>`)
	if x.filter && x.row > 0 && x.filterCols > 0 {
		x.w.WriteString(`<autoFilter ref="A1:` + columnName(x.filterCols-1) + strconv.Itoa(x.row) + `"/>`)
	}
	x.filter = false
	x.w.WriteString(`</worksheet>`)
	if err := x.w.Flush(); err != nil && x.err == nil {
		x.err = fmt.Errorf("xlsx: %w", err)
	}
	x.w = nil
	return x.err
}

// columnName is the spreadsheet name of column i (0 → A, 26 → AA).
func columnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// xlsxRow writes cells as the next row of the open sheet; style 1 is bold.
func (x *XLSXWriter) xlsxRow(cells []cell, refs []string, style int) error {
	if x.err != nil {
		return x.err
	}
	if x.w == nil {
		return errors.New("xlsx: no sheet started")
	}
	if x.row >= MaxXLSXRows {
		x.err = ErrTooManyRows
		return x.err
	}
	x.row++
	n := strconv.Itoa(x.row)
	b := x.buf[:0]
	b = append(b, `<row r="`...)
	b = append(b, n...)
	b = append(b, `">`...)
	for i, c := range cells {
		if c.k == cEmpty {
			continue
		}
		b = append(b, `<c r="`...)
		b = append(b, refs[i]...)
		b = append(b, n...)
		b = append(b, '"')
		if style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(style), 10)
			b = append(b, '"')
		}
		switch c.k {
		case cText:
			b = append(b, ` t="inlineStr"><is><t xml:space="preserve">`...)
			b = appendXMLText(b, c.s)
			b = append(b, `</t></is></c>`...)
		case cNumber:
			if math.IsNaN(c.f) || math.IsInf(c.f, 0) {
				b = append(b, `/>`...)
				continue
			}
			b = append(b, `><v>`...)
			b = strconv.AppendFloat(b, c.f, 'g', -1, 64)
			b = append(b, `</v></c>`...)
		case cDate:
			if style == 0 {
				b = append(b, ` s="2"`...)
			}
			b = append(b, `><v>`...)
			b = strconv.AppendFloat(b, c.f, 'f', -1, 64)
			b = append(b, `</v></c>`...)
		case cBool:
			b = append(b, ` t="b"><v>`...)
			if c.f != 0 {
				b = append(b, '1')
			} else {
				b = append(b, '0')
			}
			b = append(b, `</v></c>`...)
		}
	}
	b = append(b, `</row>`...)
	x.buf = b
	if _, err := x.w.Write(b); err != nil {
		x.err = fmt.Errorf("xlsx: %w", err)
	}
	return x.err
}

// Row writes the next row of the open sheet: string and []byte as text,
// numbers as numeric cells, bool as a boolean, nil as an empty cell.
func (x *XLSXWriter) Row(values ...any) error { return x.writeValues(0, values) }

// HeaderRow writes the next row in bold.
func (x *XLSXWriter) HeaderRow(names ...string) error {
	values := make([]any, len(names))
	for i, n := range names {
		values[i] = n
	}
	return x.writeValues(1, values)
}

func (x *XLSXWriter) writeValues(style int, values []any) error {
	for len(x.refs) < len(values) {
		x.refs = append(x.refs, columnName(len(x.refs)))
	}
	x.cells = x.cells[:0]
	for _, v := range values {
		var c cell
		switch v := v.(type) {
		case nil:
		case string:
			c = cell{k: cText, s: []byte(v)}
		case []byte:
			c = cell{k: cText, s: v}
		case bool:
			c = cell{k: cBool, f: boolNum(v)}
		case int:
			c = cell{k: cNumber, f: float64(v)}
		case int64:
			c = cell{k: cNumber, f: float64(v)}
		case float64:
			c = cell{k: cNumber, f: v}
		default:
			c = cell{k: cText, s: fmt.Append(nil, v)}
		}
		x.cells = append(x.cells, c)
	}
	return x.xlsxRow(x.cells, x.refs, style)
}

// maxCellText is the longest text an XLSX cell holds.
const maxCellText = 32767

// appendXMLText appends s escaped for XML character data: &, < and >
// escaped, characters XML 1.0 forbids (control characters but tab and line
// breaks, invalid UTF-8) replaced by U+FFFD, at most maxCellText characters.
func appendXMLText(b, s []byte) []byte {
	n := 0
	for len(s) > 0 && n < maxCellText {
		c := s[0]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			s = s[1:]
			n++
			continue
		}
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[:size]...)
		}
		s = s[size:]
		n++
	}
	return b
}

func xmlEscape(s string) string { return string(appendXMLText(nil, []byte(s))) }

// Close ends the open sheet and the workbook.
func (x *XLSXWriter) Close() error {
	if err := x.endSheet(); err != nil {
		return err
	}
	if x.cur+1 != len(x.sheets) {
		return fmt.Errorf("xlsx: %d of %d sheets written", x.cur+1, len(x.sheets))
	}
	if err := x.zw.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// xlsxCell is c as XLSX holds a value of kind k: a date (YYYY-MM-DD) as a
// date cell, a number written as text (an answer on the 0–5 scale) as a
// number. Text stays text, leading zeros and all (KVK and establishment
// numbers): an inline string is never read as a number.
func xlsxCell(k Kind, c cell) cell {
	if c.k != cText {
		return c
	}
	switch k {
	case KindDate:
		if serial, ok := excelDate(c.s); ok {
			return cell{k: cDate, f: serial}
		}
	case KindNumber:
		if f, err := strconv.ParseFloat(string(c.s), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return cell{k: cNumber, f: f}
		}
	}
	return c
}

// excelDate is the spreadsheet serial number of a YYYY-MM-DD date: days
// since 1899-12-30 (the 1900 date system as Excel and LibreOffice count
// it for dates from March 1900 on).
func excelDate(s []byte) (float64, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	t, err := time.Parse(time.DateOnly, string(s))
	if err != nil || t.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
		return 0, false
	}
	return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24), true
}

// Sheet names of an XLSX export.
const (
	SheetScans   = "scans"
	SheetColumns = "columns"
)

// XLSX writes a workbook with two sheets: "scans", one row per scan with
// the columns of CSV (numbers and yes/no as typed cells; the header row
// bold and frozen), and "columns", what each column means and its type,
// in opt.Lang. Text cells need no formula neutralisation here: an inline
// string is never a formula.
func XLSX(ctx context.Context, db *store.DB, w io.Writer, opt Options) (Summary, error) {
	l, sum, err := prepare(ctx, db, &opt)
	if err != nil {
		return sum, err
	}
	if n, err := db.Count(ctx, opt.Filter); err != nil {
		return sum, fmt.Errorf("export: %w", err)
	} else if n >= MaxXLSXRows {
		return sum, fmt.Errorf("export: %d scans: %w", n, ErrTooManyRows)
	}
	x, err := NewXLSXWriter(w, SheetScans, SheetColumns)
	if err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	refs := make([]string, len(l.cols))
	header := make([]cell, len(l.cols))
	for i, c := range l.cols {
		refs[i] = columnName(i)
		header[i] = cell{k: cText, s: []byte(c.Name)}
	}
	if err := x.Sheet(true); err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	x.filter, x.filterCols = true, len(l.cols)
	if err := x.xlsxRow(header, refs, 1); err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	kinds := make([]Kind, len(l.cols))
	for i, c := range l.cols {
		kinds[i] = c.Kind
	}
	err = eachRow(ctx, db, l, &opt, &sum, func(cells []cell) error {
		for i := range cells {
			cells[i] = xlsxCell(kinds[i], cells[i])
		}
		return x.xlsxRow(cells, refs, 0)
	})
	if err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	if err := x.Sheet(true, 28, 90, 16); err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	t := func(key string) cell { return cell{k: cText, s: []byte(meaning(key).In(opt.Lang))} }
	if err := x.xlsxRow([]cell{t("head.name"), t("head.meaning"), t("head.type")}, refs, 1); err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	for _, c := range l.cols {
		row := []cell{{k: cText, s: []byte(c.Name)}, {k: cText, s: []byte(c.Meaning.In(opt.Lang))}, t("type." + c.Kind.String())}
		if err := x.xlsxRow(row, refs, 0); err != nil {
			return sum, fmt.Errorf("export: %w", err)
		}
	}
	if err := x.Close(); err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	return sum, nil
}
