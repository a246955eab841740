package iostreams

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ErrTooLarge is the error of a LimitInput reader past its limit.
var ErrTooLarge = errors.New("too large")

// LimitInput reads r, failing with ErrTooLarge once it has given more than
// total bytes or a line (up to '\n') longer than line bytes: a device
// (/dev/zero), a pipe that never ends or a file of the wrong kind ends at
// once with a clear error instead of growing memory (0: no such limit).
// The caller names the input in the error.
func LimitInput(r io.Reader, total, line int64) io.Reader {
	return &limited{r: r, total: total, line: line}
}

type limited struct {
	r           io.Reader
	total, line int64
	read, cur   int64 // bytes given; bytes of the current line
	err         error
}

func (l *limited) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	if l.total > 0 && l.read > l.total {
		l.err = fmt.Errorf("input is %w (more than %s): is this the right file?", ErrTooLarge, sizeText(l.total))
		return 0, l.err
	}
	if l.line > 0 {
		b := p[:n]
		long := false
		for {
			i := bytes.IndexByte(b, '\n')
			if i < 0 {
				l.cur += int64(len(b))
				long = long || l.cur > l.line
				break
			}
			long = long || l.cur+int64(i) > l.line
			l.cur, b = 0, b[i+1:]
		}
		if long {
			l.err = fmt.Errorf("input is %w: a line is longer than %s: is this the right file?", ErrTooLarge, sizeText(l.line))
			return 0, l.err
		}
	}
	return n, err
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}
