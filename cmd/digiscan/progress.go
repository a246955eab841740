package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// progress is the line long work (score, import, export) keeps up to date
// on stderr: how many rows or scans so far and, when the whole is known,
// the share done and the time left. Only when stderr is a terminal;
// otherwise it writes nothing, so logs and pipes stay clean.
type progress struct {
	w     io.Writer
	on    bool
	label string
	now   func() time.Time
	start time.Time
	next  time.Time // the line is not redrawn before
	shown bool
	f     *factory
}

// progressDelay is how long work runs before the line appears (short
// work shows none), and progressEvery how often it is redrawn.
const (
	progressDelay = 500 * time.Millisecond
	progressEvery = 200 * time.Millisecond
)

// newProgress starts a progress line; label is a message key
// ("progress.scored").
func (f *factory) newProgress(label string) *progress {
	now := f.now
	if now == nil {
		now = time.Now
	}
	t := now()
	return &progress{w: f.io.ErrOut, on: f.io.ErrTTY, label: f.t(label), now: now, start: t, next: t.Add(progressDelay), f: f}
}

// update shows count, and with frac (0–1; negative: unknown) the share
// done and the time left.
func (p *progress) update(count int64, frac float64) {
	if p == nil || !p.on {
		return
	}
	t := p.now()
	if t.Before(p.next) {
		return
	}
	p.next = t.Add(progressEvery)
	line := fmt.Sprintf("%s %d", p.label, count)
	if frac > 0 && frac <= 1 {
		elapsed := t.Sub(p.start)
		left := time.Duration(float64(elapsed) * (1 - frac) / frac)
		line = p.f.tf("progress.line", p.label, count, int(frac*100), clock(left))
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	p.shown = true
}

// done clears the line.
func (p *progress) done() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// clock is a duration as m:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// countingReader counts what is read through it: bytes, and lines (a
// JSON Lines file has a scan a line).
type countingReader struct {
	r      io.Reader
	n      atomic.Int64 // bytes (read by the progress line from another goroutine)
	lines  int64
	total  int64 // the size, when known (else 0)
	report func(c *countingReader)
}

func (c *countingReader) Read(b []byte) (int, error) {
	k, err := c.r.Read(b)
	c.n.Add(int64(k))
	c.lines += int64(bytes.Count(b[:k], []byte{'\n'}))
	if c.report != nil {
		c.report(c)
	}
	return k, err
}

// Seek seeks the reader beneath (score --strict reads a file twice), or
// fails when it cannot.
func (c *countingReader) Seek(offset int64, whence int) (int64, error) {
	s, ok := c.r.(io.Seeker)
	if !ok {
		return 0, errors.New("not seekable")
	}
	n, err := s.Seek(offset, whence)
	if err == nil {
		c.n.Store(n)
	}
	return n, err
}

// frac is the share read, or -1 when the size is not known.
func (c *countingReader) frac() float64 {
	if c.total <= 0 {
		return -1
	}
	return float64(c.n.Load()) / float64(c.total)
}
