package csvout

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriter(t *testing.T) {
	tests := []struct {
		d    Dialect
		cell func(c *Writer)
		want string
	}{
		{Excel, func(c *Writer) { c.Text("plain") }, "plain"},
		{Excel, func(c *Writer) { c.Text("a;b") }, `"a;b"`},
		{RFC4180, func(c *Writer) { c.Text("a;b") }, `a;b`},
		{RFC4180, func(c *Writer) { c.Text("a,b") }, `"a,b"`},
		{Excel, func(c *Writer) { c.Text(`say "hi"`) }, `"say ""hi"""`},
		{Excel, func(c *Writer) { c.Text("two\nlines") }, "\"two\nlines\""},
		{Excel, func(c *Writer) { c.Text(" padded ") }, `" padded "`},
		{Excel, func(c *Writer) { c.Text("=1+2") }, `'=1+2`},
		{Excel, func(c *Writer) { c.Text("+31 6 1234") }, `'+31 6 1234`},
		{Excel, func(c *Writer) { c.Text("-2") }, `'-2`},
		{Excel, func(c *Writer) { c.Text("@SUM(A1)") }, `'@SUM(A1)`},
		{Excel, func(c *Writer) { c.Text("\tcmd") }, "'\tcmd"},
		{Excel, func(c *Writer) { c.Text("\rcmd") }, "\"'\rcmd\""},
		{Excel, func(c *Writer) { c.Text("=a;b") }, `"'=a;b"`},
		{Excel, func(c *Writer) { c.Text("a=b") }, `a=b`},
		{Excel, func(c *Writer) { c.Text("bad \xff byte") }, "bad \uFFFD byte"},
		{Excel, func(c *Writer) { c.Number(-2.5) }, `-2,5`},
		{RFC4180, func(c *Writer) { c.Number(-2.5) }, `-2.5`},
		{Excel, func(c *Writer) { c.Number(100) }, `100`},
		{Excel, func(c *Writer) { third := 1.0; c.Number(third / 3) }, `0,3333333333333333`},
		{Excel, func(c *Writer) { c.Bool(true); c.Bool(false) }, `1;0`},
		{RFC4180, func(c *Writer) { c.Int(-3); c.Empty(); c.Raw("x") }, `-3,,x`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		c := NewWriter(&buf, tt.d)
		tt.cell(c)
		c.End()
		if err := c.Flush(); err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSuffix(strings.TrimPrefix(buf.String(), "\uFEFF"), "\r\n")
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.d.Name, got, tt.want)
		}
	}
	if _, err := ParseDialect("tsv"); err == nil {
		t.Error("unknown dialect accepted")
	}
	for _, s := range []string{"", "excel", " EXCEL "} {
		if d, err := ParseDialect(s); err != nil || d != Excel {
			t.Errorf("ParseDialect(%q) = %v %v", s, d, err)
		}
	}
}
