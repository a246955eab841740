package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/iostreams"
)

// TestExitCodes runs the program in-process and checks the exact exit codes
// of docs/design.md (0 ok, 1 error, 2 usage, 130 aborted), which the scripts in
// testdata/script can only see as "non-zero", together with the message that
// goes with each.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("answers:\n  sector: retial\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	example := "../../examples/answers/winkel-hilversum.yaml"

	tests := []struct {
		name   string
		args   []string
		stdin  string
		env    map[string]string
		code   int
		stderr string // a part of stderr; "" means stderr is empty
	}{
		{name: "ok", args: []string{"scan", "--answers", example, "--as-of", "2026-11-27", "--format", "json", "--no-save"}, code: exitOK},
		{name: "version", args: []string{"version"}, code: exitOK},
		{name: "valid file", args: []string{"validate", example}, code: exitOK},
		{name: "bad answers file", args: []string{"scan", "--answers", bad}, code: exitError,
			stderr: bad + `:2:11: sector: onbekende keuze "retial" (bedoelt u "retail"?)`},
		{name: "bad file in validate", args: []string{"validate", bad}, code: exitError,
			stderr: "2 problemen in 1 van 1 bestand\n"},
		{name: "no such file", args: []string{"scan", "--answers", filepath.Join(dir, "nope.yaml")}, code: exitError,
			stderr: "nope.yaml: dit bestand bestaat niet"},
		{name: "unknown flag", args: []string{"scan", "--frob"}, code: exitUsage,
			stderr: "digiscan: onbekende optie: --frob\nHulp bij het gebruik: digiscan --help"},
		{name: "unknown command", args: []string{"frobnicate"}, code: exitUsage,
			stderr: `digiscan: onbekende opdracht "frobnicate" voor "digiscan"`},
		{name: "no terminal", args: []string{"scan", "--lang", "en"}, code: exitUsage,
			stderr: "digiscan: there is no terminal to ask questions on"},
		{name: "no terminal, TERM set", args: []string{"scan"}, env: map[string]string{"TERM": "xterm-256color"}, code: exitUsage,
			stderr: "digiscan: er is geen terminal om vragen te stellen"},
		{name: "format xml", args: []string{"scan", "--answers", example, "--format", "xml"}, code: exitUsage,
			stderr: `digiscan: onbekende --format "xml": gebruik text of json`},
		{name: "bad as-of", args: []string{"scan", "--answers", example, "--as-of", "2026-02-30"}, code: exitUsage,
			stderr: `ongeldige waarde "2026-02-30" voor --as-of`},
		{name: "bad lang", args: []string{"scan", "--answers", example, "--lang", "de"}, code: exitUsage,
			stderr: `digiscan: onbekende taal "de": gebruik nl of en`},
		{name: "accessible, end of input", args: []string{"scan", "--accessible"}, stdin: "retail\nmicro\n", code: exitAborted,
			stderr: "De scan is onderbroken. Uw antwoorden zijn bewaard als concept "},
		{name: "TERM=dumb, end of input", args: []string{"scan"}, env: map[string]string{"TERM": "dumb"}, code: exitAborted,
			stderr: "De scan is gestopt voordat er iets was beantwoord; er is niets bewaard."},
		{name: "resume without drafts", args: []string{"scan", "--accessible", "--resume"}, code: exitError,
			stderr: "digiscan: er zijn geen concepten om mee verder te gaan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			env := map[string]string{
				"HOME":            home,
				"XDG_CONFIG_HOME": filepath.Join(home, "config"),
				"XDG_DATA_HOME":   filepath.Join(home, "data"),
			}
			for k, v := range tt.env {
				env[k] = v
			}
			io, in, _, errOut := iostreams.Test()
			io.Getenv = func(k string) string { return env[k] }
			in.WriteString(tt.stdin)

			code := run(tt.args, io)
			if code != tt.code {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tt.args, code, tt.code, errOut)
			}
			switch {
			case tt.stderr == "" && errOut.Len() > 0:
				t.Errorf("stderr = %q, want nothing", errOut)
			case !strings.Contains(errOut.String(), tt.stderr):
				t.Errorf("stderr = %q, want it to contain %q", errOut, tt.stderr)
			}
			if s := errOut.String(); strings.Contains(s, "panic") || strings.Contains(s, "goroutine") {
				t.Errorf("stderr has a stack trace:\n%s", s)
			}
		})
	}
}
