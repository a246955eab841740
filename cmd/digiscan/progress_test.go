package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/iostreams"
)

// TestProgress: on a terminal the line shows the count, the share done
// and the time left, redrawn in place and cleared at the end; it waits
// before appearing (short work shows none); not on a terminal, nothing.
func TestProgress(t *testing.T) {
	for _, tt := range []struct {
		name string
		tty  bool
		lang i18n.Lang
		want string
	}{
		{"terminal nl", true, i18n.NL, "\rrijen gelezen: 50000 · 25% · nog ongeveer 0:03\x1b[K\rrijen gelezen: 100000 · 50% · nog ongeveer 0:02\x1b[K\rrijen gelezen: 150000\x1b[K\r\x1b[K"},
		{"terminal en", true, i18n.EN, "\rrows read: 50000 · 25% · about 0:03 left\x1b[K\rrows read: 100000 · 50% · about 0:02 left\x1b[K\rrows read: 150000\x1b[K\r\x1b[K"},
		{"not a terminal", false, i18n.NL, ""},
	} {
		io, _, _, errOut := iostreams.Test()
		io.ErrTTY = tt.tty
		clock := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
		f := &factory{io: io, lang: tt.lang, now: func() time.Time { return clock }}
		p := f.newProgress("progress.scored")
		p.update(10, 0.01) // before the delay: nothing yet
		clock = clock.Add(time.Second)
		p.update(50000, 0.25)
		clock = clock.Add(50 * time.Millisecond)
		p.update(60000, 0.3) // too soon after the last: not redrawn
		clock = clock.Add(time.Second)
		p.update(100000, 0.5)
		clock = clock.Add(time.Second)
		p.update(150000, -1) // the whole unknown (standard input)
		p.done()
		if got := errOut.String(); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	for d, want := range map[time.Duration]string{61 * time.Second: "1:01", 3*time.Minute + 29*time.Second + 600*time.Millisecond: "3:30", 0: "0:00"} {
		if got := clock(d); got != want {
			t.Errorf("clock(%v) = %s, want %s", d, got, want)
		}
	}
}

// TestCountingReader: bytes and lines (the scans of a JSON Lines file)
// counted, the share read known only with a size, seeking passed on.
func TestCountingReader(t *testing.T) {
	data := "{}\n{}\n{}\n"
	c := &countingReader{r: strings.NewReader(data), total: int64(len(data))}
	b := make([]byte, 4)
	c.Read(b)
	if c.n.Load() != 4 || c.lines != 1 || c.frac() != 4.0/9 {
		t.Errorf("after 4 bytes: %d bytes, %d lines, %v", c.n.Load(), c.lines, c.frac())
	}
	if _, err := c.Seek(0, 0); err != nil || c.n.Load() != 0 {
		t.Errorf("seek: %v, %d", err, c.n.Load())
	}
	if (&countingReader{r: strings.NewReader("")}).frac() != -1 {
		t.Error("no size: the share should be unknown")
	}
	if _, err := (&countingReader{r: struct{ io.Reader }{strings.NewReader("")}}).Seek(0, 0); err == nil {
		t.Error("seeking a reader that cannot")
	}
}
