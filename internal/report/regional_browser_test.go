//go:build browser

package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/stats"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// regionalPages are the regional page (digiscan stats --format html) of a
// synthetic store (synth.Regional, invented weights; the pages say their
// numbers are synthetic), for the region and for one municipality, in
// both languages, with the report each was made from.
func regionalPages(t *testing.T) map[string]struct {
	rep  *stats.Report
	page []byte
} {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "regional.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	g, err := synth.New(9)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := (synth.Regional{Scans: 600}).Fill(ctx, g, db); err != nil {
		t.Fatal(err)
	}
	qn, _ := q.Builtin(q.DefaultName)
	out := map[string]struct {
		rep  *stats.Report
		page []byte
	}{}
	for name, f := range map[string]store.Filter{"region": {}, "hilversum": {Municipality: []string{"hilversum"}}} {
		rep, err := stats.Compute(ctx, db, stats.Options{Filter: f})
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Langs {
			var b bytes.Buffer
			if err := rep.WriteHTML(&b, stats.HTMLOptions{RenderOptions: stats.RenderOptions{Lang: lang, Questionnaire: qn}, Date: "2026-12-01", Synthetic: true}); err != nil {
				t.Fatal(err)
			}
			out["regional-"+name+"."+string(lang)] = struct {
				rep  *stats.Report
				page []byte
			}{rep, b.Bytes()}
		}
	}
	return out
}

// The regional page prints to tagged A4 pages holding its key numbers;
// the one for a municipality to one page.
func TestRegionalPDFInBrowser(t *testing.T) {
	browser := needBrowser(t)
	dir := t.TempDir()
	for name, p := range regionalPages(t) {
		t.Run(name, func(t *testing.T) {
			var pdf bytes.Buffer
			if err := PrintPDF(context.Background(), browser, p.page, &pdf); err != nil {
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
			if !regexp.MustCompile(`(?m)^Page size:.*\(A4\)$`).Match(info) {
				t.Errorf("the PDF is not A4:\n%s", info)
			}
			pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(info)
			if strings.Contains(name, "hilversum") && (pages == nil || string(pages[1]) != "1") {
				t.Errorf("the page for one municipality takes more than one page:\n%s", info)
			}
			t.Logf("%s: %s pages", name, pages[1])
			txt, err := exec.Command("pdftotext", "-layout", file, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			text := space.ReplaceAllString(string(txt), " ")
			rep := p.rep
			lang := i18n.Lang(name[strings.LastIndexByte(name, '.')+1:])
			among := map[i18n.Lang]string{i18n.NL: "onder de gescande bedrijven (n = ", i18n.EN: "among scanned businesses (n = "}[lang]
			want := []string{among + itoa(rep.N) + ")", map[i18n.Lang]string{i18n.NL: "synthetisch", i18n.EN: "synthetic"}[lang]}
			// The quadrant counts of all modes, as in the table.
			for _, c := range rep.Quadrants.RowTotals {
				if !c.Suppressed {
					want = append(want, itoa(c.N)+" (")
				}
			}
			// The 10+ group's n and the re-scanned businesses' n.
			for _, tr := range rep.Targets.Rows {
				if tr.Group == stats.Group10 && tr.Mode == "all" && !tr.N.Suppressed {
					want = append(want, "n = "+itoa(tr.N.N))
				}
			}
			if rep.Change.N > 0 {
				want = append(want, "n = "+itoa(rep.Change.N))
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the PDF text lacks %q", w)
				}
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// axe-core finds no violations in the regional pages, in either language,
// at 1280 and 375 px.
func TestRegionalAxeInBrowser(t *testing.T) {
	browser := needBrowser(t)
	modules := *axeModules
	if modules == "" {
		t.Fatal("-axe-modules must name a node_modules directory holding axe-core and puppeteer-core (see .ci/run)")
	}
	dir := t.TempDir()
	var files []string
	for name, p := range regionalPages(t) {
		f := filepath.Join(dir, name+".html")
		if err := os.WriteFile(f, p.page, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
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
