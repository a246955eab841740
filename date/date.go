// Package date provides Date, a calendar day without a time or zone, as
// used for --as-of, programme windows, review dates and municipality
// validity. It reads and writes YYYY-MM-DD in YAML, JSON and flags.
package date

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Layout is the one textual form of a Date.
const Layout = "2006-01-02"

// Date is a calendar day. The zero Date means "not set".
type Date struct{ t time.Time }

// Of returns the calendar day of t in t's location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return New(y, m, d)
}

// New returns the date y-m-d (normalised like time.Date).
func New(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// Parse reads YYYY-MM-DD.
func Parse(s string) (Date, error) {
	t, err := time.Parse(Layout, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("invalid date %q: use YYYY-MM-DD, for example 2026-11-27", s)
	}
	return Date{t}, nil
}

// MustParse is Parse for constants in tests and examples.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Date) IsZero() bool          { return d.t.IsZero() }
func (d Date) Before(o Date) bool    { return d.t.Before(o.t) }
func (d Date) After(o Date) bool     { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool     { return d.t.Equal(o.t) }
func (d Date) Time() time.Time       { return d.t }
func (d Date) AddDays(n int) Date    { return Date{d.t.AddDate(0, 0, n)} }
func (d Date) AddMonths(n int) Date  { return Date{d.t.AddDate(0, n, 0)} }
func (d Date) Year() int             { return d.t.Year() }
func (d Date) Month() time.Month     { return d.t.Month() }
func (d Date) Day() int              { return d.t.Day() }
func (d Date) Sub(o Date) (days int) { return int(d.t.Sub(o.t).Hours() / 24) }
func (d Date) Compare(o Date) int    { return d.t.Compare(o.t) }
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(Layout)
}

// GoString is d as Go source (generated code, fmt's %#v).
func (d Date) GoString() string {
	if d.IsZero() {
		return "date.Date{}"
	}
	return "date.New(" + strconv.Itoa(d.Year()) + ", " + strconv.Itoa(int(d.Month())) + ", " + strconv.Itoa(d.Day()) + ")"
}

// Dutch formats the date as 27-11-2026.
func (d Date) Dutch() string { return d.t.Format("02-01-2006") }

func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Set and Type make *Date a pflag.Value, for --as-of.
func (d *Date) Set(s string) error { return d.UnmarshalText([]byte(s)) }
func (d *Date) Type() string       { return "YYYY-MM-DD" }
