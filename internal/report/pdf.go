package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// ErrNoBrowser: no Chromium-family browser was found to print a PDF.
var ErrNoBrowser = errors.New("no Chromium, Chrome or Edge found to print the PDF")

// BrowserEnv names the browser to print PDFs with (a path or a program
// name), ahead of the search.
const BrowserEnv = "DIGISCAN_BROWSER"

// browserNames are the Chromium-family programs looked for on PATH, in order.
var browserNames = []string{
	"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
	"microsoft-edge", "microsoft-edge-stable", "msedge", "chrome",
}

// browserPaths are where the browsers install themselves outside PATH.
func browserPaths(getenv func(string) string) []string {
	switch runtime.GOOS {
	case "darwin":
		return []string{
			"/Applications/Chromium.app/Contents/MacOS/Chromium",
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
			"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
		}
	case "windows":
		var out []string
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			if dir := getenv(env); dir != "" {
				out = append(out,
					filepath.Join(dir, "Google", "Chrome", "Application", "chrome.exe"),
					filepath.Join(dir, "Microsoft", "Edge", "Application", "msedge.exe"),
					filepath.Join(dir, "Chromium", "Application", "chrome.exe"))
			}
		}
		return out
	}
	return nil
}

// FindBrowser finds a Chromium-family browser: $DIGISCAN_BROWSER, else the
// first of chromium, chromium-browser, google-chrome, microsoft-edge,
// msedge on PATH, else the usual install places on macOS and Windows.
// lookPath is exec.LookPath (a test gives its own); exists tells whether
// a file is there.
func FindBrowser(getenv func(string) string, lookPath func(string) (string, error), exists func(string) bool) (string, error) {
	if b := getenv(BrowserEnv); b != "" {
		p, err := lookPath(b)
		if err != nil {
			return "", fmt.Errorf("%w: %s=%s is not a program that can be run", ErrNoBrowser, BrowserEnv, b)
		}
		return p, nil
	}
	for _, name := range browserNames {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
	}
	for _, p := range browserPaths(getenv) {
		if exists(p) {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// FileExists is the exists of FindBrowser for the real file system.
func FileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// PrintArgs are the browser's arguments to print page (a file) to pdf:
// headless, tagged for screen readers, with the headings as the PDF's
// outline and without the browser's own header and footer; a fresh
// profile so the user's browser is neither read nor changed.
func PrintArgs(page, pdf, profile string, root bool) []string {
	args := []string{
		"--headless",
		"--disable-gpu",
		"--no-first-run",
		"--no-default-browser-check",
		"--disable-extensions",
		"--user-data-dir=" + profile,
		"--export-tagged-pdf",
		"--generate-pdf-document-outline",
		"--no-pdf-header-footer",
		"--print-to-pdf=" + pdf,
	}
	if root {
		// Chromium refuses to run as root with its sandbox (containers, CI).
		args = append(args, "--no-sandbox")
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(page)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // C:/... on Windows
	}
	return append(args, u.String())
}

// PrintPDF prints the HTML page with the browser and writes the PDF to w.
func PrintPDF(ctx context.Context, browser string, html []byte, w io.Writer) error {
	dir, err := os.MkdirTemp("", "digiscan-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	page, pdf := filepath.Join(dir, "report.html"), filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(page, html, 0o600); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, PrintArgs(page, pdf, filepath.Join(dir, "profile"), os.Geteuid() == 0)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	data, err := os.ReadFile(pdf)
	if err != nil || len(data) == 0 {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 600 {
			msg = msg[len(msg)-600:]
		}
		if runErr == nil {
			runErr = errors.New("it wrote no PDF")
		}
		return fmt.Errorf("printing the PDF with %s failed: %w\n%s", browser, runErr, msg)
	}
	_, err = w.Write(data)
	return err
}
