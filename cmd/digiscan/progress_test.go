package main

import (
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
