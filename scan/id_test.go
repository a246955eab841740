package scan

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestNewID(t *testing.T) {
	for _, tt := range []struct {
		day  time.Time
		rnd  []byte
		want string
	}{
		{time.Date(2026, 11, 27, 23, 59, 0, 0, time.UTC), []byte{0, 0, 0, 0, 0}, "20261127-00000000"},
		{time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), []byte{0xff, 0xff, 0xff, 0xff, 0xff}, "20270105-zzzzzzzz"},
		{time.Date(999, 10, 31, 0, 0, 0, 0, time.UTC), []byte{0x08, 0x86, 0x42, 0x98, 0xe8}, "09991031-12345678"},
	} {
		if got := NewID(tt.day, bytes.NewReader(tt.rnd)); got != tt.want {
			t.Errorf("NewID(%s, % x) = %s, want %s", tt.day.Format(time.DateOnly), tt.rnd, got, tt.want)
		}
	}
	a, b := NewID(time.Now(), nil), NewID(time.Now(), nil)
	if a == b || !strings.HasPrefix(a, time.Now().Format("20060102")+"-") {
		t.Errorf("two ids from crypto/rand: %s, %s", a, b)
	}
}
