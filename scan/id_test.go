package scan

import (
	"bytes"
	"io"
	"math/rand/v2"
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
	// A ChaCha8 is read as any reader is.
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	var seed [32]byte
	direct, wrapped := rand.NewChaCha8(seed), rand.NewChaCha8(seed)
	for range 3 {
		if got, want := NewID(day, direct), NewID(day, struct{ io.Reader }{wrapped}); got != want {
			t.Errorf("NewID from a ChaCha8 = %s, through io.Reader %s", got, want)
		}
	}
	a, b := NewID(time.Now(), nil), NewID(time.Now(), nil)
	if a == b || !strings.HasPrefix(a, time.Now().Format("20060102")+"-") {
		t.Errorf("two ids from crypto/rand: %s, %s", a, b)
	}
}
