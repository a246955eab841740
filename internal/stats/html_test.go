package stats

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/golden"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// The regional page's test data: a synthetic store (synth.Regional, its
// weights invented), so every number in the golden pages is synthetic —
// and the pages say so (HTMLOptions.Synthetic).

// htmlRuns are the pages checked: the whole region and one municipality,
// in both languages.
var htmlRuns = []struct {
	name string
	lang i18n.Lang
	f    store.Filter
}{
	{"region-nl", i18n.NL, store.Filter{}},
	{"region-en", i18n.EN, store.Filter{}},
	{"hilversum-nl", i18n.NL, store.Filter{Municipality: []string{"hilversum"}}},
	{"hilversum-en", i18n.EN, store.Filter{Municipality: []string{"hilversum"}}},
}

const testDate = "2026-12-01"

func regionalPage(t *testing.T, db *store.DB, lang i18n.Lang, f store.Filter) (page, js []byte) {
	t.Helper()
	rep, err := Compute(context.Background(), db, Options{Filter: f})
	if err != nil {
		t.Fatal(err)
	}
	qn, _ := q.Builtin(q.DefaultName)
	var h, j bytes.Buffer
	if err := rep.WriteHTML(&h, HTMLOptions{RenderOptions: RenderOptions{Lang: lang, Questionnaire: qn}, Date: testDate, Synthetic: true}); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	return h.Bytes(), j.Bytes()
}

func TestHTMLGolden(t *testing.T) {
	db := regionalStore(t, 600)
	for _, run := range htmlRuns {
		t.Run(run.name, func(t *testing.T) {
			page, _ := regionalPage(t, db, run.lang, run.f)
			golden.Check(t, "testdata/regional-"+run.name+".html", page)
		})
	}
}

var (
	tagRE    = regexp.MustCompile(`(?s)<style.*?</style>|<[^>]*>`)
	numberRE = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
)

// pageNumbers are the numbers a person reads on the page: in its text,
// the charts' titles, descriptions and labels (not the drawing's
// coordinates), as written (Dutch decimal commas as points).
func pageNumbers(page []byte, lang i18n.Lang) []string {
	text := html.UnescapeString(tagRE.ReplaceAllString(string(page), " "))
	text = strings.ReplaceAll(text, testDate, "")
	var out []string
	for _, m := range numberRE.FindAllString(text, -1) {
		if lang == i18n.NL {
			m = strings.ReplaceAll(m, ".", "")
			m = strings.ReplaceAll(m, ",", ".")
		} else {
			m = strings.ReplaceAll(m, ",", "")
		}
		out = append(out, m)
	}
	return out
}

// jsonNumbers are the ways the numbers of the report's JSON may be
// written: as they are, a share as a whole percentage, a mean to one
// decimal, and the digits inside its strings (ids, quarters).
func jsonNumbers(t *testing.T, js []byte) map[string]bool {
	t.Helper()
	var v any
	d := json.NewDecoder(bytes.NewReader(js))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	ok := map[string]bool{}
	add := func(x float64) {
		ok[strconv.FormatFloat(x, 'f', -1, 64)] = true
		ok[strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)] = true
		ok[strconv.Itoa(int(math.Round(math.Abs(x)*100)))] = true
		ok[strconv.FormatFloat(math.Abs(x), 'f', -1, 64)] = true
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case json.Number:
			f, _ := x.Float64()
			add(f)
		case string:
			for _, m := range numberRE.FindAllString(x, -1) {
				ok[m] = true
			}
		}
	}
	walk(v)
	return ok
}

// fixedNumbers are the numbers of the page that are no statistic: the
// 2030 targets' year and levels (95%, 75%), the 10+ group, the 0–100
// scale and axis, the 95% interval and T0/T1. (The page's date is
// taken out before.)
var fixedNumbers = map[string]bool{"2030": true, "95": true, "75": true, "10": true, "0": true, "50": true, "100": true,
	"1": true}

// labelNumbers are the digits in the questionnaire's labels of sizes,
// sectors and municipalities ("50 to 249 people") and of the size groups.
func labelNumbers(lang i18n.Lang) map[string]bool {
	qn, _ := q.Builtin(q.DefaultName)
	out := map[string]bool{}
	for kind, ids := range map[string][]string{ByMunicipality: q.Municipalities, BySector: q.Sectors, BySize: q.Sizes} {
		for _, id := range ids {
			for _, m := range numberRE.FindAllString(qn.OptionName(kind, id, lang), -1) {
				out[m] = true
			}
		}
	}
	w := words{lang: lang, qn: qn}
	for _, g := range []string{GroupZZP, GroupMicro, Group10} {
		for _, m := range numberRE.FindAllString(w.label("group", g), -1) {
			out[m] = true
		}
	}
	return out
}

// TestHTMLNumbersInJSON: every number on the regional page is one of the
// numbers in the JSON of the same run (or a fixed one: a target, a
// scale, a digit in a label of the questionnaire such as "50 to 249
// people"): the page shows nothing the other outputs do not, so nothing
// unprotected.
func TestHTMLNumbersInJSON(t *testing.T) {
	db := regionalStore(t, 600)
	for _, run := range htmlRuns {
		t.Run(run.name, func(t *testing.T) {
			page, js := regionalPage(t, db, run.lang, run.f)
			ok := jsonNumbers(t, js)
			for n := range labelNumbers(run.lang) {
				ok[n] = true
			}
			nums := pageNumbers(page, run.lang)
			if len(nums) < 50 {
				t.Fatalf("only %d numbers on the page: %v", len(nums), nums)
			}
			for _, n := range nums {
				if !ok[n] && !fixedNumbers[n] {
					t.Errorf("%s is on the page but not in the JSON of the same run", n)
				}
			}
		})
	}
}

// TestHTMLNumbersCatchLeak: the check above finds a number that is not
// in the JSON (a test that cannot fail is no test).
func TestHTMLNumbersCatchLeak(t *testing.T) {
	db := regionalStore(t, 600)
	page, js := regionalPage(t, db, i18n.EN, store.Filter{})
	ok := jsonNumbers(t, js)
	leaked := bytes.Replace(page, []byte("</header>"), []byte("<p>n = 4321</p></header>"), 1)
	found := false
	for _, n := range pageNumbers(leaked, i18n.EN) {
		if !ok[n] && !fixedNumbers[n] {
			found = true
		}
	}
	if !found {
		t.Fatal("a number not in the JSON went unnoticed")
	}
}

// TestHTMLCharts: every chart is an image with a title and a description
// and has a table beside it; no script, nothing fetched.
func TestHTMLCharts(t *testing.T) {
	db := regionalStore(t, 600)
	for _, run := range htmlRuns {
		page, _ := regionalPage(t, db, run.lang, run.f)
		s := string(page)
		for _, bad := range []string{"<script", "src=", "href=", "url(", "@import"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s: the page has %q", run.name, bad)
			}
		}
		if !strings.Contains(s, `<html lang="`+string(run.lang)+`">`) {
			t.Errorf("%s: lang not set", run.name)
		}
		svgs := strings.Count(s, "<svg")
		if svgs < 4 {
			t.Errorf("%s: %d charts", run.name, svgs)
		}
		if n := strings.Count(s, `<svg role="img" aria-labelledby=`); n != svgs {
			t.Errorf("%s: %d of %d charts have role=img", run.name, n, svgs)
		}
		if n := strings.Count(s, "<title id="); n != svgs {
			t.Errorf("%s: %d titles for %d charts", run.name, n, svgs)
		}
		if n := strings.Count(s, "<desc id="); n != svgs {
			t.Errorf("%s: %d descriptions for %d charts", run.name, n, svgs)
		}
		for _, sec := range strings.Split(s, "<section")[1:] {
			if strings.Contains(sec, "<svg") && !strings.Contains(sec, "<table>") {
				t.Errorf("%s: a chart without a table: %.80s", run.name, sec)
			}
		}
		compact := strings.Contains(run.name, "hilversum")
		if compact == strings.Contains(s, `id="h-by-municipality"`) {
			t.Errorf("%s: the municipality breakdown should be there only for the region", run.name)
		}
		if !strings.Contains(s, map[i18n.Lang]string{i18n.NL: "synthetisch", i18n.EN: "synthetic"}[run.lang]) {
			t.Errorf("%s: the test page does not say its numbers are synthetic", run.name)
		}
	}
}

// TestHTMLTooFew: a selection too small shows its number only.
func TestHTMLTooFew(t *testing.T) {
	for _, rep := range []*Report{{N: 7, MinCell: 5, TooFew: true}, {N: 0, MinCell: 5, NSuppressed: true}, {N: 0, MinCell: 5}} {
		var b bytes.Buffer
		if err := rep.WriteHTML(&b, HTMLOptions{RenderOptions: RenderOptions{Lang: i18n.EN}}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "<svg") || strings.Contains(b.String(), "<table") {
			t.Errorf("%+v: a chart or table for too few", rep)
		}
		if !strings.Contains(b.String(), fmt.Sprint(rep.N)) {
			t.Errorf("%+v: the number is not shown", rep)
		}
	}
}

// TestHTMLNumbersInJSONEverySelection: the same over every municipality,
// every sector and a larger minimum cell, both languages.
func TestHTMLNumbersInJSONEverySelection(t *testing.T) {
	db := regionalStore(t, 600)
	qn, _ := q.Builtin(q.DefaultName)
	var opts []Options
	for _, m := range q.Municipalities {
		opts = append(opts, Options{Filter: store.Filter{Municipality: []string{m}}})
	}
	for _, s := range q.Sectors {
		opts = append(opts, Options{Filter: store.Filter{Sector: []string{s}}})
	}
	opts = append(opts, Options{MinCell: 10}, Options{By: []string{BySize}}, Options{Filter: store.Filter{Mode: []string{"self"}}})
	pages := 0
	for _, opt := range opts {
		rep, err := Compute(context.Background(), db, opt)
		if err != nil {
			t.Fatal(err)
		}
		var js bytes.Buffer
		if err := rep.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		ok := jsonNumbers(t, js.Bytes())
		for _, lang := range i18n.Langs {
			var h bytes.Buffer
			if err := rep.WriteHTML(&h, HTMLOptions{RenderOptions: RenderOptions{Lang: lang, Questionnaire: qn}}); err != nil {
				t.Fatal(err)
			}
			pages++
			for n := range labelNumbers(lang) {
				ok[n] = true
			}
			for _, n := range pageNumbers(h.Bytes(), lang) {
				if !ok[n] && !fixedNumbers[n] {
					t.Errorf("%+v (%s): %s is on the page but not in the JSON", opt.Filter, lang, n)
				}
			}
		}
	}
	t.Logf("%d pages checked", pages)
}
