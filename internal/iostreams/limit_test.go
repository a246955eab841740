package iostreams

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// zeros is an endless input, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestLimitInput(t *testing.T) {
	for _, tc := range []struct {
		name        string
		r           io.Reader
		total, line int64
		ok          bool
	}{
		{"small file", strings.NewReader("a,b\n1,2\n"), 100, 10, true},
		{"exactly the total", strings.NewReader("abcd\n"), 5, 0, true},
		{"past the total", strings.NewReader("abcdef\n"), 5, 0, false},
		{"endless zeros, line limit", zeros{}, 0, 1 << 10, false},
		{"endless zeros, total limit", zeros{}, 1 << 20, 0, false},
		{"long line", strings.NewReader(strings.Repeat("x", 11) + "\n"), 0, 10, false},
		{"many short lines", strings.NewReader(strings.Repeat("0123456789\n", 1000)), 0, 10, true},
		{"one byte at a time", iotest.OneByteReader(strings.NewReader(strings.Repeat("123456789\n", 50))), 0, 10, true},
	} {
		_, err := io.ReadAll(LimitInput(tc.r, tc.total, tc.line))
		if tc.ok != (err == nil) || err != nil && !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
