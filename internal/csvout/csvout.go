// Package csvout writes CSV the way spreadsheets and data tools read it:
// the Excel dialect for Dutch Excel (";", decimal comma, BOM, CRLF) and RFC
// 4180 for pandas and R, with formula neutralising (CSV injection) and
// always valid UTF-8. export, stats and survey write their CSV with it.
package csvout

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Dialect is a flavour of CSV.
type Dialect struct {
	Name         string
	Comma        byte // field separator
	DecimalComma bool // numbers as 12,5 instead of 12.5
	BOM          bool // start with a UTF-8 byte order mark
	CRLF         bool // end records with CR LF instead of LF
}

// The two dialects.
//
// Excel opens by double-click in Dutch Excel: ";" (the nl-NL list
// separator), decimal comma, a UTF-8 BOM (without it accents come out
// garbled) and CRLF. There is no "sep=" line: Excel ignores the BOM when
// one is present.
//
// RFC4180 is for pandas, R and databases: ",", decimal point, no BOM, and
// CRLF, the line break RFC 4180 prescribes (every CSV reader accepts it;
// quoted text keeps its own line breaks as they are).
var (
	Excel   = Dialect{Name: "excel", Comma: ';', DecimalComma: true, BOM: true, CRLF: true}
	RFC4180 = Dialect{Name: "rfc4180", Comma: ',', CRLF: true}
)

// Dialects lists the dialect names, the default first.
var Dialects = []string{Excel.Name, RFC4180.Name}

// ParseDialect returns the dialect named s ("" is Excel).
func ParseDialect(s string) (Dialect, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", Excel.Name:
		return Excel, nil
	case RFC4180.Name:
		return RFC4180, nil
	}
	return Dialect{}, fmt.Errorf("unknown CSV dialect %q: use %s", s, strings.Join(Dialects, " or "))
}

func (d Dialect) String() string { return d.Name }

// WithoutBOM is the dialect without its byte order mark: for writing
// records that follow a header written with it.
func (d Dialect) WithoutBOM() Dialect {
	d.BOM = false
	return d
}

// AppendNumber appends x the dialect's way: as short as exact, with a
// decimal comma for Excel; NaN and infinities as nothing (no value).
func (d Dialect) AppendNumber(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return b
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.AppendInt(b, int64(x), 10)
	}
	start := len(b)
	b = strconv.AppendFloat(b, x, 'f', -1, 64)
	if d.DecimalComma {
		for i := start; i < len(b); i++ {
			if b[i] == '.' {
				b[i] = ','
			}
		}
	}
	return b
}

// FormulaPrefix is put before a text cell that Excel (and LibreOffice,
// Google Sheets) would run as a formula: one starting with = + - @, a tab
// or a carriage return (CSV injection). The cell then shows as text with a
// leading apostrophe, in both dialects: a program that reads the file
// strips "'" from a cell that starts with "'" followed by one of those
// characters to get the text as typed. Number cells are never prefixed
// (-3 stays a number).
const FormulaPrefix = '\''

// IsFormula reports whether a text cell would be read as a formula.
func IsFormula(s string) bool {
	return isFormula(unsafe.Slice(unsafe.StringData(s), len(s)))
}

func isFormula(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// Writer writes CSV in a dialect, field by field, buffered. Text
// cells are neutralised (see FormulaPrefix) and quoted when they hold the
// separator, a quote, a line break or surrounding space. Invalid UTF-8 is
// replaced by U+FFFD, so the file always reads as UTF-8.
type Writer struct {
	d     Dialect
	w     *bufio.Writer
	buf   []byte // the current record
	first bool   // no field in the current record yet
	err   error
}

// NewWriter returns a writer in dialect d to w; it writes the BOM
// (if the dialect has one) with the first record.
func NewWriter(w io.Writer, d Dialect) *Writer {
	if d.Comma == 0 {
		d = Excel
	}
	c := &Writer{d: d, w: bufio.NewWriterSize(w, 64<<10), first: true}
	if d.BOM {
		c.buf = append(c.buf, 0xEF, 0xBB, 0xBF)
	}
	return c
}

func (c *Writer) sep() {
	if !c.first {
		c.buf = append(c.buf, c.d.Comma)
	}
	c.first = false
}

// Text writes a text cell.
func (c *Writer) Text(s string) {
	c.text(unsafe.Slice(unsafe.StringData(s), len(s))) // read only
}

// TextBytes writes a text cell.
func (c *Writer) TextBytes(b []byte) { c.text(b) }

func (c *Writer) text(s []byte) {
	c.sep()
	quote := c.needsQuotes(s)
	if quote {
		c.buf = append(c.buf, '"')
	}
	if isFormula(s) {
		c.buf = append(c.buf, FormulaPrefix)
	}
	if !utf8.Valid(s) {
		s = bytes.ToValidUTF8(s, []byte("\uFFFD"))
	}
	if !quote {
		c.buf = append(c.buf, s...)
		return
	}
	for {
		i := bytes.IndexByte(s, '"')
		if i < 0 {
			break
		}
		c.buf = append(c.buf, s[:i+1]...)
		c.buf = append(c.buf, '"')
		s = s[i+1:]
	}
	c.buf = append(c.buf, s...)
	c.buf = append(c.buf, '"')
}

func (c *Writer) needsQuotes(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || string(s) == `\.` {
		return true
	}
	for _, b := range s {
		switch b {
		case c.d.Comma, '"', '\n', '\r':
			return true
		}
	}
	return false
}

// Number writes a number cell (empty for NaN).
func (c *Writer) Number(x float64) {
	c.sep()
	c.buf = c.d.AppendNumber(c.buf, x)
}

// Int writes an integer cell.
func (c *Writer) Int(i int) {
	c.sep()
	c.buf = strconv.AppendInt(c.buf, int64(i), 10)
}

// Bool writes 1 or 0.
func (c *Writer) Bool(b bool) {
	c.sep()
	if b {
		c.buf = append(c.buf, '1')
	} else {
		c.buf = append(c.buf, '0')
	}
}

// Empty writes an empty cell.
func (c *Writer) Empty() { c.sep() }

// Raw writes a cell as given: for values known to need neither quoting
// nor neutralising (ids, dates, fixed words).
func (c *Writer) Raw(s string) {
	c.sep()
	c.buf = append(c.buf, s...)
}

// Record writes text cells as one record (a header, for example).
func (c *Writer) Record(cells ...string) error {
	for _, s := range cells {
		c.Text(s)
	}
	return c.End()
}

// End ends the record.
func (c *Writer) End() error {
	if c.d.CRLF {
		c.buf = append(c.buf, '\r', '\n')
	} else {
		c.buf = append(c.buf, '\n')
	}
	c.first = true
	if c.err == nil {
		_, c.err = c.w.Write(c.buf)
	}
	c.buf = c.buf[:0]
	return c.err
}

// Flush writes what is buffered.
func (c *Writer) Flush() error {
	if c.err != nil {
		return c.err
	}
	c.err = c.w.Flush()
	return c.err
}
