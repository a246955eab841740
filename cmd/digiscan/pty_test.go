//go:build linux || darwin

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/gooivechtstreek/digiscan/internal/fixture"
)

// ptyRun is digiscan running in a pseudo-terminal.
type ptyRun struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // output before this offset has been matched already
	done chan error
}

func startPTY(t *testing.T, env []string, args ...string) *ptyRun {
	t.Helper()
	bin, err := exec.LookPath("digiscan") // put on $PATH by testscript.Main
	if err != nil {
		t.Skip("digiscan not on PATH:", err)
	}
	cmd := exec.Command(bin, args...)
	// TERM=screen: termenv does not query the background colour, which a
	// pseudo-terminal nobody answers would make wait 5 seconds.
	cmd.Env = append([]string{"TERM=screen", "PATH=" + os.Getenv("PATH")}, env...)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 100})
	if err != nil {
		t.Fatal(err)
	}
	r := &ptyRun{t: t, cmd: cmd, tty: tty, done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			r.mu.Lock()
			r.out.Write(buf[:n])
			r.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { r.done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill(); tty.Close() })
	return r
}

// waitFor waits until s appears in output not matched before. A question
// is waited for as "┃ Title?": huh draws the next question below the one
// in focus, so its title alone is on screen before it has the focus.
func (r *ptyRun) waitFor(s string) {
	r.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		r.mu.Lock()
		i := strings.Index(r.out.String()[r.seen:], s)
		if i >= 0 {
			r.seen += i + len(s)
		}
		r.mu.Unlock()
		if i >= 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.t.Fatalf("waiting for %q; screen output so far:\n%q", s, r.out.String()[max(0, r.out.Len()-2000):])
}

const (
	keyEnter    = "\r"
	keyDown     = "\x1b[B"
	keyRight    = "\x1b[C"
	keyShiftTab = "\x1b[Z"
	keyCtrlC    = "\x03"
)

// keys types ks one by one, each once the screen has settled after the
// one before: huh moves the focus to the next field in a command of its
// own, so a key typed ahead could land on the field just left. On a
// loaded machine (CI under the race detector) frames come late; waiting
// for the redraw instead of a fixed pause keeps the test deterministic.
func (r *ptyRun) keys(ks ...string) {
	for _, k := range ks {
		before := r.outLen()
		if _, err := r.tty.Write([]byte(k)); err != nil {
			r.t.Fatal(err)
		}
		r.settle(before)
	}
}

func (r *ptyRun) outLen() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.Len()
}

// settle waits for output after offset before (up to a second: a key may
// change nothing on screen), then until the screen has been quiet for
// 80 ms (at most 5 seconds).
func (r *ptyRun) settle(before int) {
	start := time.Now()
	for r.outLen() == before && time.Since(start) < time.Second {
		time.Sleep(5 * time.Millisecond)
	}
	last, quiet := r.outLen(), time.Now()
	for time.Since(quiet) < 80*time.Millisecond && time.Since(start) < 5*time.Second {
		time.Sleep(10 * time.Millisecond)
		if n := r.outLen(); n != last {
			last, quiet = n, time.Now()
		}
	}
}

func (r *ptyRun) wait() int {
	r.t.Helper()
	select {
	case err := <-r.done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			r.t.Fatal(err)
		}
		return 0
	case <-time.After(10 * time.Second):
		r.cmd.Process.Signal(syscall.SIGQUIT) // a goroutine dump, to see where it hangs
		time.Sleep(500 * time.Millisecond)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.t.Fatalf("digiscan did not exit:\n%s", r.out.String()[max(0, r.out.Len()-6000):])
		return -1
	}
}

func miniPath(t *testing.T) string { return fixture.MiniPath(t) }

// A whole scan in the TUI in a real terminal, in English.
func TestPTYWholeScan(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "result.json")
	start := time.Now()
	r := startPTY(t, []string{"XDG_DATA_HOME=" + dir, "LANG=en_US.UTF-8"},
		"scan", "--questionnaire", miniPath(t), "--as-of", "2026-11-27", "--format", "json", "-o", out)
	// The privacy notice comes first.
	r.waitFor("About your data")
	t.Logf("first screen after %v", time.Since(start))
	r.keys(keyEnter)
	r.waitFor("┃ Sector?")
	r.keys(keyDown, keyEnter) // retail
	r.waitFor("┃ Size?")
	r.keys(keyDown, keyEnter) // micro
	r.waitFor("┃ Place?")
	r.keys(keyEnter) // bussum
	r.waitFor("┃ Association?")
	r.keys("x", keyEnter)
	r.waitFor("┃ Customers online?")
	r.keys(keyDown, keyDown, keyEnter)
	r.waitFor("Areas?") // a matrix: a heading, then an item a field
	r.waitFor("┃ marketing")
	r.keys(keyRight, keyRight, keyEnter)
	r.waitFor("┃ admin")
	r.keys(keyRight, keyEnter)
	r.waitFor("┃ Statements?")
	r.keys("x", keyEnter) // a
	r.waitFor("┃ Tools?")
	r.keys("x", keyEnter) // website
	r.waitFor("┃ Staff?")
	r.keys(keyEnter) // none ticked
	r.waitFor("┃ Internet?")
	r.keys(keyEnter) // yes
	r.waitFor("┃ Data?")
	r.keys(keyDown, "x", keyEnter) // stored
	r.waitFor("┃ Backups?")
	r.keys("y")
	r.waitFor("AI?")
	r.waitFor("┃ chatbots")
	r.keys(keyEnter) // not used
	r.waitFor("┃ vision")
	r.keys(keyEnter)
	r.waitFor("┃ Green?")
	r.keys(keyDown, keyDown, keyEnter) // partly
	r.waitFor("┃ Employees?")
	r.keys(keyEnter) // skipped
	r.waitFor("┃ Topics?")
	r.keys("x", keyEnter) // strategy
	r.waitFor("┃ Statistics?")
	r.keys("y")
	r.waitFor("┃ Contact?")
	r.keys(keyEnter)
	r.waitFor("┃ Hand over?")
	r.keys(keyEnter)
	r.waitFor("┃ Name?")
	r.keys(keyEnter, keyEnter)
	if code := r.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var res struct {
		Quadrant string `json:"quadrant"`
		Profile  struct {
			Municipality string `json:"municipality"`
		} `json:"profile"`
		Lang string `json:"lang"`
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &res); err != nil || res.Profile.Municipality != "gooise-meren" || res.Lang != "en" || res.Quadrant == "" {
		t.Fatalf("result %+v (%v):\n%s", res, err, data)
	}
}

// Ctrl-C in the TUI and SIGTERM in the middle of a section both save a
// draft and exit 130; the draft resumes at the page it stopped on.
func TestPTYInterruptAndResume(t *testing.T) {
	for _, how := range []string{"ctrl+c", "sigterm", "sighup"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			env := []string{"XDG_DATA_HOME=" + dir, "LANG=nl_NL.UTF-8"}
			r := startPTY(t, env, "scan", "--questionnaire", miniPath(t), "--as-of", "2026-11-27")
			r.waitFor("Over uw gegevens")
			r.keys(keyEnter)
			r.waitFor("┃ Sector?")
			r.keys(keyDown, keyEnter) // detailhandel
			r.waitFor("┃ Grootte?")
			r.keys(keyDown, keyEnter) // micro
			r.waitFor("┃ Plaats?")
			r.keys(keyEnter) // bussum
			r.waitFor("┃ Vereniging?")
			r.keys("x", keyEnter)
			r.waitFor("┃ Klanten online?")
			switch how {
			case "ctrl+c":
				r.keys(keyCtrlC)
			case "sigterm":
				r.cmd.Process.Signal(syscall.SIGTERM)
			case "sighup":
				r.cmd.Process.Signal(syscall.SIGHUP)
			}
			if code := r.wait(); code != 130 {
				t.Fatalf("exit %d, want 130", code)
			}
			r.waitFor("digiscan scan --resume")
			// The draft is in the database: list it as a user would.
			list := exec.Command(r.cmd.Path, "scans", "drafts", "--format", "json")
			list.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...) // none of the user's variables
			data, err := list.Output()
			if err != nil {
				t.Fatalf("scans drafts: %v", err)
			}
			var ds []struct {
				ID       string `json:"id"`
				Answered int    `json:"answered"`
				Business string `json:"business"`
			}
			if err := json.Unmarshal(data, &ds); err != nil || len(ds) != 1 || ds[0].Answered != 4 || ds[0].Business != "detailhandel, Bussum" {
				t.Fatalf("drafts = %s (%v), want one with the 4 answers given", data, err)
			}
			// Resume: the interview continues at the impact question.
			r2 := startPTY(t, env, "scan", "--resume")
			r2.waitFor("Deel 2 van 4")
			r2.waitFor("┃ Klanten online?")
			r2.keys(keyCtrlC)
			if code := r2.wait(); code != 130 {
				t.Fatalf("resumed run: exit %d, want 130", code)
			}
		})
	}
}

// Ctrl-C in the middle of a matrix, in a real terminal, keeps the items
// answered so far (issue 11); the draft resumes at the matrix.
func TestPTYInterruptInMatrixKeepsItems(t *testing.T) {
	dir := t.TempDir()
	env := []string{"XDG_DATA_HOME=" + dir, "LANG=en_US.UTF-8", "HOME=" + dir}
	r := startPTY(t, env, "scan", "--questionnaire", miniPath(t), "--as-of", "2026-11-27")
	r.waitFor("About your data")
	r.keys(keyEnter)
	r.waitFor("┃ Sector?")
	r.keys(keyDown, keyEnter)
	r.waitFor("┃ Size?")
	r.keys(keyDown, keyEnter)
	r.waitFor("┃ Place?")
	r.keys(keyEnter)
	r.waitFor("┃ Association?")
	r.keys("x", keyEnter)
	r.waitFor("┃ Customers online?")
	r.keys(keyDown, keyDown, keyEnter)
	r.waitFor("┃ marketing")
	r.keys(keyRight, keyRight, keyEnter) // marketing: invested
	r.waitFor("┃ admin")
	r.keys(keyCtrlC)
	if code := r.wait(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}
	list := exec.Command(r.cmd.Path, "scans", "drafts", "--format", "json")
	list.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	data, err := list.Output()
	if err != nil {
		t.Fatalf("scans drafts: %v", err)
	}
	var ds []struct {
		Answered int `json:"answered"`
	}
	if err := json.Unmarshal(data, &ds); err != nil || len(ds) != 1 || ds[0].Answered != 6 {
		t.Fatalf("drafts = %s (%v), want one with 6 answers: the profile, impact and the matrix item given", data, err)
	}
	r2 := startPTY(t, env, "scan", "--resume")
	r2.waitFor("Areas?")
	r2.waitFor("invested") // the kept item is shown as answered
	r2.keys(keyCtrlC)
	r2.wait()
}
