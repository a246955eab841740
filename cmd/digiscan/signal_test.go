//go:build linux || darwin

package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// SIGTERM and SIGINT end a command that is not in an interview, also one
// blocked reading a pipe that never ends (issue 12: only SIGKILL ended it).
// The 60 s bound only tells a hang from an end; it measures nothing.
func TestSignalEndsCommand(t *testing.T) {
	bin, err := exec.LookPath("digiscan") // put on $PATH by testscript.Main
	if err != nil {
		t.Skip("digiscan not on PATH:", err)
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		args []string
	}{
		{syscall.SIGTERM, []string{"score", "-"}},
		{syscall.SIGINT, []string{"score", "-"}},
		{syscall.SIGTERM, []string{"import", "-"}},
		{syscall.SIGHUP, []string{"validate", "-"}},
	} {
		dir := t.TempDir()
		pr, pw, err := os.Pipe() // never written to, never closed: the read blocks
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, tc.args...)
		cmd.Env = []string{"HOME=" + dir, "XDG_DATA_HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "PATH=" + os.Getenv("PATH")}
		cmd.Stdin = pr
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		pr.Close()
		time.Sleep(300 * time.Millisecond) // let it reach the read
		cmd.Process.Signal(tc.sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != exitAborted {
				t.Errorf("%v %v: %v, want exit %d\n%s", tc.sig, tc.args, err, exitAborted, stderr.String())
			}
			if strings.Contains(stderr.String(), "goroutine") {
				t.Errorf("%v %v: a stack trace:\n%s", tc.sig, tc.args, stderr.String())
			}
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			t.Errorf("%v %v: still running 60 s after the signal", tc.sig, tc.args)
		}
		pw.Close()
	}
}
