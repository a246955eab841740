// Command ttfq measures the time from starting `digiscan scan` in a
// pseudo-terminal to the first question on screen. It answers the
// terminal's colour and cursor queries the way a terminal emulator does,
// so the measurement includes that round trip.
//
//	go run ./scripts/ttfq -bin /tmp/digiscan -n 20
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/creack/pty"
)

func main() {
	bin := flag.String("bin", "digiscan", "the digiscan binary")
	n := flag.Int("n", 20, "runs")
	want := flag.String("want", "about your data", "text that marks the first screen (any case): the privacy notice, then the first question")
	then := flag.String("then", "", "with -then TEXT: press Enter on the first screen and time until TEXT (the first question) too")
	flag.Parse()
	var times, after []time.Duration
	for i := 0; i < *n; i++ {
		d, d2, err := once(*bin, *want, *then)
		if err != nil {
			fmt.Fprintln(os.Stderr, "ttfq:", err)
			os.Exit(1)
		}
		times = append(times, d)
		after = append(after, d2)
	}
	report := func(what string, ds []time.Duration) {
		slices.Sort(ds)
		r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond / 10) }
		fmt.Printf("%s over %d runs: min %v, median %v, max %v\n", what, *n, r(ds[0]), r(ds[len(ds)/2]), r(ds[len(ds)-1]))
	}
	report("time to first question", times)
	if *then != "" {
		report("time from Enter to "+*then, after)
	}
}

// once starts digiscan and returns when want is on screen; with then, it
// presses Enter there and also returns the time from Enter to then.
func once(bin, want, then string) (first, next time.Duration, err error) {
	dir, err := os.MkdirTemp("", "ttfq")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command(bin, "scan")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "XDG_DATA_HOME="+dir, "LANG=en_US.UTF-8")
	start := time.Now()
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 100})
	if err != nil {
		return 0, 0, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait(); tty.Close() }()
	chunks := make(chan []byte)
	go func() {
		for {
			buf := make([]byte, 4096)
			k, err := tty.Read(buf)
			if err != nil {
				close(chunks)
				return
			}
			chunks <- buf[:k]
		}
	}()
	var out bytes.Buffer
	deadline := time.After(10 * time.Second)
	answered := map[string]bool{}
	for {
		select {
		case chunk, ok := <-chunks:
			if !ok {
				return 0, 0, fmt.Errorf("digiscan ended before %q:\n%q", want, out.String())
			}
			out.Write(chunk)
			// Answer as a terminal: background colour (OSC 11) and cursor
			// position, once each (queries may arrive split over reads).
			if !answered["osc"] && bytes.Contains(out.Bytes(), []byte("\x1b]11;?")) {
				tty.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
				answered["osc"] = true
			}
			if !answered["cpr"] && bytes.Contains(out.Bytes(), []byte("\x1b[6n")) {
				tty.Write([]byte("\x1b[1;1R"))
				answered["cpr"] = true
			}
			if bytes.Contains(bytes.ToLower(out.Bytes()), []byte(strings.ToLower(want))) {
				if first == 0 {
					first = time.Since(start)
					if then == "" {
						return first, 0, nil
					}
					// The first question: press Enter on the notice.
					out.Reset()
					start = time.Now()
					tty.Write([]byte("\r"))
					want = then
					continue
				}
				return first, time.Since(start), nil
			}
		case <-deadline:
			return 0, 0, fmt.Errorf("no %q on screen after 10s:\n%q", want, out.String())
		}
	}
}
