package referral

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Keyed is a YAML mapping from ids to values that remembers where each key
// was written, so validation can point at the key of a bad entry.
type Keyed[T any] struct {
	Items map[string]T
	Order []string                  // keys in file order
	At    map[string]strictyaml.Pos // position of each key
}

// Pos is the position of key, or fallback when it is absent.
func (k Keyed[T]) Pos(key string, fallback strictyaml.Pos) strictyaml.Pos {
	if p, ok := k.At[key]; ok {
		return p
	}
	return fallback
}

// IsZero reports whether the mapping is empty (for omitzero).
func (k Keyed[T]) IsZero() bool { return len(k.Items) == 0 }

// MarshalJSON writes the mapping as a JSON object, in file order.
func (k Keyed[T]) MarshalJSON() ([]byte, error) {
	if k.Items == nil {
		return []byte("{}"), nil
	}
	order := k.Order
	if len(order) != len(k.Items) { // built in code rather than decoded
		order = order[:0:0]
		for key := range k.Items {
			order = append(order, key)
		}
		slices.Sort(order)
	}
	b := []byte{'{'}
	for i, key := range order {
		if i > 0 {
			b = append(b, ',')
		}
		kb, _ := json.Marshal(key)
		vb, err := json.Marshal(k.Items[key])
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, kb...), ':'), vb...)
	}
	return append(b, '}'), nil
}

// UnmarshalStrictYAML decodes a mapping strictly, value by value.
func (k *Keyed[T]) UnmarshalStrictYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return &strictyaml.Error{Line: n.Line, Col: n.Column, Msg: "expected a mapping (key: value lines), found " + strictyaml.Describe(n)}
	}
	k.Items = make(map[string]T, len(n.Content)/2)
	k.At = make(map[string]strictyaml.Pos, len(n.Content)/2)
	var errs strictyaml.Errors
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode || key.Tag == "!!merge" {
			errs = append(errs, &strictyaml.Error{Line: key.Line, Col: key.Column, Msg: "keys must be plain text, found " + strictyaml.Describe(key)})
			continue
		}
		if p, dup := k.At[key.Value]; dup {
			errs = append(errs, &strictyaml.Error{Line: key.Line, Col: key.Column, Msg: fmt.Sprintf("duplicate key %q (first at line %d); remove one of them", key.Value, p.Line)})
			continue
		}
		var v T
		if err := strictyaml.Decode("", val, &v); err != nil {
			errs = append(errs, strictyaml.List(err)...)
		}
		k.Items[key.Value] = v
		k.Order = append(k.Order, key.Value)
		k.At[key.Value] = strictyaml.Pos{Line: key.Line, Col: key.Column}
	}
	return errs.Err()
}

// MonthDay is a day of the year without a year, written MM-DD ("09-01"),
// for windows that recur every year.
type MonthDay struct {
	Month, Day int
}

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// ParseMonthDay reads MM-DD. 29 February is refused: it does not occur
// every year.
func ParseMonthDay(s string) (MonthDay, error) {
	bad := fmt.Errorf("invalid day of the year %q: use MM-DD, for example 09-01 (in quotes)", s)
	m, d, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok || len(m) != 2 || len(d) != 2 {
		return MonthDay{}, bad
	}
	mi, err1 := strconv.Atoi(m)
	di, err2 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || mi < 1 || mi > 12 || di < 1 {
		return MonthDay{}, bad
	}
	if di > monthDays[mi] {
		if mi == 2 && di == 29 {
			return MonthDay{}, fmt.Errorf("invalid day of the year %q: 29 February does not occur every year; use 02-28 or 03-01", s)
		}
		return MonthDay{}, bad
	}
	return MonthDay{mi, di}, nil
}

func (md MonthDay) String() string               { return fmt.Sprintf("%02d-%02d", md.Month, md.Day) }
func (md MonthDay) IsZero() bool                 { return md.Month == 0 }
func (md MonthDay) key() int                     { return md.Month*100 + md.Day }
func (md MonthDay) in(year int) int32            { return dayNumber(year, md.Month, md.Day) }
func (md MonthDay) MarshalText() ([]byte, error) { return []byte(md.String()), nil }

// UnmarshalText reads MM-DD.
func (md *MonthDay) UnmarshalText(b []byte) error {
	v, err := ParseMonthDay(string(b))
	if err != nil {
		return err
	}
	*md = v
	return nil
}

// dayNumber is the number of days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar (Howard Hinnant's days_from_civil): dates compare as
// integers, without time.Time, on the matching path.
func dayNumber(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// dayOf converts a Date to its day number; 0 for the zero Date is never
// used because callers test IsZero first.
func dayOf(d date.Date) int32 { return dayNumber(d.Year(), int(d.Month()), d.Day()) }
