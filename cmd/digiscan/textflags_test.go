package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/iostreams"
)

// Free texts given on the command line — follow-up notes, reasons and
// handover notes, advisor, organisation, where the business heard of the
// scan, company names and the names `scans link` takes — refuse control and
// text-direction characters with the message a text answer gets, and
// nothing is stored (issue 12). Before, they went into the database and
// back onto the terminal.
func TestFreeTextFlagsRefuseControl(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{
		"HOME":            home,
		"XDG_CONFIG_HOME": filepath.Join(home, "config"),
		"XDG_DATA_HOME":   filepath.Join(home, "data"),
	}
	digiscan := func(args ...string) (int, string, string) {
		t.Helper()
		io, _, out, errOut := iostreams.Test()
		io.Getenv = func(k string) string { return env[k] }
		code := run(args, io)
		return code, out.String(), errOut.String()
	}
	answers, err := filepath.Abs("../../examples/answers/winkel-hilversum.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := digiscan("scan", "--answers", answers, "--as-of", "2026-11-27", "--format", "json", "-o", os.DevNull); code != 0 {
		t.Fatalf("scan: exit %d: %s", code, stderr)
	}
	_, stdout, _ := digiscan("scans", "list", "--format", "json")
	var list []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("scans list: %v %s", err, stdout)
	}
	id := list[0].ID
	_, stdout, _ = digiscan("scans", "show", id, "--format", "json")
	var res struct {
		Referrals []struct {
			Programme string `json:"programme"`
		} `json:"referrals"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || len(res.Referrals) == 0 {
		t.Fatalf("scans show: %v %s", err, stdout)
	}
	prog := res.Referrals[0].Programme

	const esc = "Bakkerij\x1b]0;pwned\a"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"scans", "follow-up", id, "--programme", prog, "--note", esc}, "--note: teken 9 is een stuur- of tekstrichtingteken (U+001B)"},
		{[]string{"scans", "follow-up", id, "--programme", prog, "--note", "belde\r\n" + id + "  fake"}, "--note: teken 6 is een stuur- of tekstrichtingteken (U+000D)"},
		{[]string{"scans", "follow-up", id, "--programme", prog, "--handover-note", "warm\u202Eeerd"}, "--handover-note: teken 5 is een stuur- of tekstrichtingteken (U+202E)"},
		{[]string{"scans", "follow-up", id, "--outcome", "not-pursued", "--programme", prog, "--reason", "geen\ttijd"}, "--reason: teken 5 is een stuur- of tekstrichtingteken (U+0009)"},
		{[]string{"scan", "--answers", answers, "--no-save", "--advisor", esc}, "--advisor: teken 9"},
		{[]string{"scan", "--answers", answers, "--no-save", "--organisation", "OV\u2066Gooi"}, "--organisation: teken 3 is een stuur- of tekstrichtingteken (U+2066)"},
		{[]string{"scan", "--answers", answers, "--no-save", "--heard-via", "krant\x07"}, "--heard-via: teken 6"},
		{[]string{"scans", "list", "--company", esc}, "--company: teken 9"},
		{[]string{"scans", "delete", "--company", esc, "--yes"}, "--company: teken 9"},
		{[]string{"scans", "withdraw", "--consent", "follow-up", "--company", esc}, "--company: teken 9"},
		{[]string{"scans", "link", id, esc}, "EARLIER: teken 9"},
		{[]string{"scans", "link", "x\x1b", id}, "ID: teken 2"},
	} {
		code, stdout, stderr := digiscan(tc.args...)
		name := tc.args[0] + " " + tc.args[1]
		if code != exitUsage || !strings.Contains(stderr, "digiscan: "+tc.want) || stdout != "" {
			t.Errorf("%s %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", name, tc.args[2:], code, stdout, stderr, tc.want)
		}
		if strings.ContainsAny(stderr, "\x1b\a\r\u202E\u2066") {
			t.Errorf("%s: the character reached the terminal: %q", name, stderr)
		}
	}
	// Nothing was recorded: no follow-up, the scan still there.
	if code, stdout, stderr := digiscan("scans", "follow-up", id, "--format", "json"); code != 0 || strings.TrimSpace(stdout) != "[]" {
		t.Errorf("follow-ups after the refusals: exit %d %s %s", code, stdout, stderr)
	}
}
