//go:build browser

package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/stats"
)

// The browser tests print every example report to PDF with the real
// browser and run axe-core in the page. They need Chromium, poppler-utils
// and node, so they build only with the tag browser (CI: .ci/run):
//
//	go test -tags browser -run InBrowser ./internal/report -args -axe-modules DIR/node_modules
//
// Plain `go test ./...` stays hermetic and fast. The browser is the first
// Chromium-family one on PATH (not the user's DIGISCAN_BROWSER).
var axeModules = flag.String("axe-modules", "", "a node_modules directory holding axe-core and puppeteer-core")

func needBrowser(t *testing.T) string {
	t.Helper()
	b, err := FindBrowser(func(string) string { return "" }, exec.LookPath, FileExists)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// longestReports are the example reports in both languages with a
// "since your last scan" section and follow-up outcomes: the longest a
// report gets.
func longestReports(t *testing.T) map[string]*Handover {
	out := map[string]*Handover{}
	for _, name := range exampleNames {
		r, qn, _ := exampleResult(t, name)
		prev := *r
		prev.AsOf = r.AsOf.AddMonths(-12)
		prev.Impact, prev.Readiness = max(0, r.Impact-6), max(0, r.Readiness-9)
		prev.Dimensions = nil
		for _, d := range r.Dimensions {
			if d.Score != nil {
				s := max(0, *d.Score-7)
				d.Score = &s
			}
			prev.Dimensions = append(prev.Dimensions, d)
		}
		var fus []FollowUpOutcome
		for i, ref := range headline(r.Referrals) {
			fu := FollowUpOutcome{Programme: ref.Programme, Name: ref.Name, Outcome: []string{"applied", "not-pursued", "started"}[i%3], Date: prev.AsOf.AddMonths(2)}
			if fu.Outcome == "not-pursued" {
				fu.Reason = "geen tijd / no time"
			}
			fus = append(fus, fu)
		}
		for _, lang := range i18n.Langs {
			// Businesses like yours, with the shared quadrant: the longest
			// the section gets (the numbers are made up for the layout).
			g := &stats.PeerGroup{Sector: r.Profile.Sector, SizeBand: stats.GroupMicro, Date: r.AsOf, N: 23, Maturity: 48, Impact: 55, Readiness: 47,
				SameQuadrant: stats.Cell{N: 9, Share: 9.0 / 23, HasShare: true}, Protection: stats.Protection{Method: stats.Method, MinCell: 5, MaxNoise: 2}}
			h, err := NewHandover(HandoverInput{Result: r, Qn: qn, Lang: lang, Privacy: examplePrivacy, Previous: &prev, FollowUps: fus,
				Peers: PeersOf(g, r, qn, lang)})
			if err != nil {
				t.Fatal(err)
			}
			out[name+"."+string(lang)] = h
		}
	}
	return out
}

func writeHTML(t *testing.T, dir, name string, h *Handover) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := HandoverHTML(&b, h); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".html")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p, b.Bytes()
}

var space = regexp.MustCompile(`\s+`)

// Every report prints to at most two tagged A4 pages that hold its key
// numbers and sentences.
func TestHandoverPDFInBrowser(t *testing.T) {
	browser := needBrowser(t)
	dir := t.TempDir()
	for name, h := range longestReports(t) {
		t.Run(name, func(t *testing.T) {
			_, page := writeHTML(t, dir, name, h)
			var pdf bytes.Buffer
			if err := PrintPDF(context.Background(), browser, page, &pdf); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+".pdf")
			if err := os.WriteFile(file, pdf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			info, err := exec.Command("pdfinfo", file).Output()
			if err != nil {
				t.Fatalf("pdfinfo: %v", err)
			}
			if !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(info) {
				t.Errorf("the PDF is not tagged:\n%s", info)
			}
			if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(info); m == nil || (string(m[1]) != "1" && string(m[1]) != "2") {
				t.Errorf("the report takes more than 2 pages:\n%s", info)
			}
			if !regexp.MustCompile(`(?m)^Page size:.*\(A4\)$`).Match(info) {
				t.Errorf("the PDF is not A4:\n%s", info)
			}
			txt, err := exec.Command("pdftotext", "-layout", file, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			text := space.ReplaceAllString(string(txt), " ")
			want := []string{h.Title, h.Business, h.Quadrant.Label, h.DII, h.NextScan, h.Footer,
				h.T("handover.since"), h.Since.Intro}
			for _, d := range h.Dimensions {
				want = append(want, d.Name)
			}
			for _, p := range h.Programmes {
				want = append(want, p.Name)
			}
			for _, s := range h.Steps {
				want = append(want, s.Title)
			}
			want = append(want, h.Since.FollowUps...)
			want = append(want, h.Peers.Title)
			want = append(want, h.Peers.Lines...)
			for _, w := range want {
				// A line may break after the hyphen of a date (2026-11-⏎27).
				w = space.ReplaceAllString(w, " ")
				if !strings.Contains(text, w) && !strings.Contains(strings.ReplaceAll(text, "- ", "-"), w) {
					t.Errorf("the PDF text lacks %q", w)
				}
			}
			// The numbers of the quadrant table: impact and readiness with their thresholds.
			for _, row := range []string{
				h.T("result.impact-axis") + " " + h.Quadrant.Impact + " " + h.Quadrant.ThImpact,
				h.T("result.readiness-axis") + " " + h.Quadrant.Readiness + " " + h.Quadrant.ThReadiness,
			} {
				if !strings.Contains(text, row) {
					t.Errorf("the PDF text lacks the row %q", row)
				}
			}
		})
	}
}

// axe-core finds no violations in any report, in either language, at
// 1280 and 375 px.
func TestHandoverAxeInBrowser(t *testing.T) {
	browser := needBrowser(t)
	modules := *axeModules
	if modules == "" {
		t.Fatal("-axe-modules must name a node_modules directory holding axe-core and puppeteer-core (see .ci/run)")
	}
	dir := t.TempDir()
	var files []string
	for name, h := range longestReports(t) {
		p, _ := writeHTML(t, dir, name, h)
		files = append(files, p)
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "axe.cjs"))
	cmd := exec.Command("node", append([]string{script, browser}, files...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
}
