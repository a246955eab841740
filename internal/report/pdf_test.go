package report

import (
	"errors"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestFindBrowser(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		onPath  []string // programs lookPath finds
		files   []string // files that exist
		want    string
		wantErr string
	}{
		{name: "chromium first", onPath: []string{"google-chrome", "chromium"}, want: "/usr/bin/chromium"},
		{name: "chrome when no chromium", onPath: []string{"google-chrome", "msedge"}, want: "/usr/bin/google-chrome"},
		{name: "edge", onPath: []string{"microsoft-edge"}, want: "/usr/bin/microsoft-edge"},
		{name: "the environment wins", env: map[string]string{BrowserEnv: "msedge"}, onPath: []string{"chromium", "msedge"}, want: "/usr/bin/msedge"},
		{name: "the environment names nothing runnable", env: map[string]string{BrowserEnv: "/opt/nothing"}, onPath: []string{"chromium"}, wantErr: "DIGISCAN_BROWSER=/opt/nothing is not a program"},
		{name: "none at all", wantErr: ErrNoBrowser.Error()},
		{name: "not a browser", onPath: []string{"firefox", "lynx"}, wantErr: ErrNoBrowser.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			lookPath := func(name string) (string, error) {
				if slices.Contains(tt.onPath, name) {
					return "/usr/bin/" + name, nil
				}
				return "", exec.ErrNotFound
			}
			exists := func(p string) bool { return slices.Contains(tt.files, p) }
			got, err := FindBrowser(getenv, lookPath, exists)
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, ErrNoBrowser) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("FindBrowser = %q, %v; want an ErrNoBrowser saying %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("FindBrowser = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// The browser prints headless, tagged, with an outline, without its own
// header and footer, from a throw-away profile; the sandbox is dropped
// only for root (where Chromium will not start with it).
func TestPrintArgs(t *testing.T) {
	for _, root := range []bool{false, true} {
		args := PrintArgs("/tmp/x/report.html", "/tmp/x/report.pdf", "/tmp/x/profile", root)
		for _, want := range []string{"--headless", "--export-tagged-pdf", "--generate-pdf-document-outline",
			"--no-pdf-header-footer", "--print-to-pdf=/tmp/x/report.pdf", "--user-data-dir=/tmp/x/profile"} {
			if !slices.Contains(args, want) {
				t.Errorf("root=%v: %s missing from %q", root, want, args)
			}
		}
		if got := slices.Contains(args, "--no-sandbox"); got != root {
			t.Errorf("root=%v: --no-sandbox given: %v", root, got)
		}
		if last := args[len(args)-1]; last != "file:///tmp/x/report.html" {
			t.Errorf("the page is %q, want file:///tmp/x/report.html", last)
		}
	}
}
