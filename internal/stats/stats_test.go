package stats

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/golden"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// biz describes a fixture scan.
type biz struct {
	day, mode, muni, sector, size string
	kvk                           string // "" for no company
	impact, readiness             float64
	noConsent                     bool
	basic, tech                   bool
	// topics replace the example's topics when set (an empty list: the
	// question not answered).
	topics []string
}

var base *scan.Result

// result builds a stored-scan result from the winkel example with the
// fixture's profile and scores.
func result(t *testing.T, i int, b biz) *scan.Result {
	t.Helper()
	if base == nil {
		qn, err := q.Builtin(q.DefaultName)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile("../../examples/answers/winkel-hilversum.yaml")
		if err != nil {
			t.Fatal(err)
		}
		f, err := scan.ParseFile("winkel", data)
		if err != nil {
			t.Fatal(err)
		}
		a, err := f.Answers(qn)
		if err != nil {
			t.Fatal(err)
		}
		if base, err = scan.Score(qn, a, scan.Options{AsOf: date.MustParse("2026-01-01"), Mode: scan.ModeAdvisor}); err != nil {
			t.Fatal(err)
		}
	}
	r := *base
	d := date.MustParse(b.day)
	r.ID = fmt.Sprintf("%s-fx%06d", d.Time().Format("20060102"), i)
	r.AsOf, r.CreatedAt = d, d.Time().Add(10*time.Hour+time.Duration(i)*time.Second)
	r.Mode = b.mode
	r.Profile.Municipality, r.Profile.Sector, r.Profile.Size = b.muni, b.sector, b.size
	r.Company = nil
	if b.kvk != "" {
		r.Company = &scan.Company{KVK: b.kvk}
	}
	r.Consents = map[string]scan.Consent{"statistics": {Given: !b.noConsent, TextVersion: "1"}, "follow_up": {Given: true, TextVersion: "1"}, "handover": {TextVersion: "1"}}
	r.Impact, r.Readiness = b.impact, b.readiness
	r.Quadrant = scan.Quadrant(b.impact, b.readiness, r.Thresholds)
	r.Dimensions = slices.Clone(base.Dimensions)
	for k := range r.Dimensions {
		v := b.readiness
		r.Dimensions[k].Score = &v
	}
	r.Maturity.Score = b.readiness
	r.DigitalIntensity.Basic = b.basic
	r.AdvancedTech = scan.AdvancedTech{Cloud: b.tech, Any: b.tech}
	if b.topics != nil {
		r.Profile.Topics = b.topics
	}
	return &r
}

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "digiscan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func repeat(n int, b biz) []biz {
	out := make([]biz, n)
	for i := range out {
		out[i] = b
	}
	return out
}

// group is a number of like businesses of the fixture.
type group struct {
	n int
	b biz
}

// fixtureGroups: dense enough that one small count (Huizen, advisor,
// prepared: 3) needs only a few complements; five businesses scanned
// twice (vulnerable micro firms in Eemnes in 2025, grown frontrunners in
// Hilversum in 2026); four scans without consent to statistics.
var fixtureGroups = func() []group {
	var gs []group
	type q4 struct{ v, f, l, p int }
	add := func(mode, muni string, c q4) {
		gs = append(gs,
			group{c.v, biz{day: "2026-02-01", mode: mode, muni: muni, sector: "retail", size: "small", impact: 70, readiness: 30, basic: true}},
			group{c.f, biz{day: "2026-02-02", mode: mode, muni: muni, sector: "ict", size: "zzp", impact: 60, readiness: 60, basic: true, tech: true}},
			group{c.l, biz{day: "2026-02-03", mode: mode, muni: muni, sector: "construction", size: "micro", impact: 30, readiness: 30}},
			group{c.p, biz{day: "2026-02-04", mode: mode, muni: muni, sector: "retail", size: "medium", impact: 20, readiness: 80, basic: true, tech: true}})
	}
	add("advisor", "hilversum", q4{12, 3, 6, 7})
	add("self", "hilversum", q4{6, 6, 5, 5})
	add("advisor", "huizen", q4{7, 6, 5, 3})
	add("self", "huizen", q4{5, 6, 7, 8})
	add("advisor", "laren", q4{6, 6, 6, 6})
	add("self", "laren", q4{5, 5, 5, 5})
	gs = append(gs, group{4, biz{day: "2026-06-01", mode: "self", muni: "blaricum", sector: "retail", size: "small", impact: 90, readiness: 10, noConsent: true}})
	return gs
}()

// rescans are the five businesses scanned twice (same KVK number).
func rescans() []biz {
	var out []biz
	for i := range 5 {
		kvk := fmt.Sprintf("9000000%d", i)
		out = append(out,
			biz{day: "2025-05-01", mode: "advisor", muni: "eemnes", sector: "retail", size: "micro", kvk: kvk, impact: 70, readiness: 30},
			biz{day: "2026-05-01", mode: "advisor", muni: "hilversum", sector: "retail", size: "medium", kvk: kvk, impact: 70, readiness: 70, basic: true, tech: true})
	}
	return out
}

// counted are the scans statistics count: the latest per company, with consent.
func counted() []biz {
	var out []biz
	for _, g := range fixtureGroups {
		if !g.b.noConsent {
			out = append(out, repeat(g.n, g.b)...)
		}
	}
	for i, b := range rescans() {
		if i%2 == 1 {
			out = append(out, b)
		}
	}
	return out
}

func countIf(f func(biz) bool) int {
	n := 0
	for _, b := range counted() {
		if f(b) {
			n++
		}
	}
	return n
}

func quadrantOf(b biz) string {
	return scan.Quadrant(b.impact, b.readiness, scan.Thresholds{Impact: 50, Readiness: 50})
}

func fixture(t *testing.T) *store.DB {
	var all []biz
	for _, g := range fixtureGroups {
		all = append(all, repeat(g.n, g.b)...)
	}
	all = append(all, rescans()...)
	db := openStore(t)
	for i, b := range all {
		if err := db.SaveScan(context.Background(), result(t, i, b)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func cellAt(t *testing.T, tb Table, row, col string) Cell {
	t.Helper()
	i, j := slices.Index(tb.Rows, row), slices.Index(tb.Cols, col)
	if i < 0 || j < 0 {
		t.Fatalf("no cell %s/%s in %v × %v", row, col, tb.Rows, tb.Cols)
	}
	return tb.Cells[i][j]
}

// published checks a cell against the true count: exactly without
// protection; with it, zero as zero (or hidden with the split of a small
// group), 1 to 4 never, others within the noise or hidden when near the
// minimum or in a small group (fewer than twice the minimum).
func published(t *testing.T, what string, c Cell, want int, exact bool) {
	t.Helper()
	switch {
	case c.Suppressed && (c.N != 0 || c.HasShare):
		t.Errorf("%s suppressed but carries %+v", what, c)
	case exact:
		if c.Suppressed || c.N != want {
			t.Errorf("%s = %+v, want %d", what, c, want)
		}
	case want == 0 && !c.Suppressed && c.N != 0:
		t.Errorf("%s = %+v, want 0", what, c)
	case want > 0 && want < DefaultMinCell && !c.Suppressed:
		t.Errorf("%s: a count of %d published as %d", what, want, c.N)
	case c.Suppressed && want >= 2*DefaultMinCell:
		t.Errorf("%s: a count of %d hidden", what, want)
	case !c.Suppressed && (c.N < want-MaxNoise || c.N > want+MaxNoise):
		t.Errorf("%s = %d, beyond the noise of %d", what, c.N, want)
	}
}

func TestComputeFixture(t *testing.T) {
	for _, exact := range []bool{true, false} {
		t.Run(fmt.Sprintf("exact=%v", exact), func(t *testing.T) { testComputeFixture(t, exact) })
	}
}

func testComputeFixture(t *testing.T, exact bool) {
	db := fixture(t)
	rep, err := Compute(context.Background(), db, Options{exact: exact})
	if err != nil {
		t.Fatal(err)
	}
	published := func(t *testing.T, what string, c Cell, want int) {
		t.Helper()
		published(t, what, c, want, exact)
	}
	// Latest scan per company, consent only.
	published(t, "n", Cell{N: rep.N}, len(counted()))
	if !slices.Equal(rep.Modes, []string{"advisor", "self"}) {
		t.Fatalf("modes %v", rep.Modes)
	}
	qt := rep.Quadrants
	for i, quad := range qt.Rows {
		for j, mode := range qt.Cols {
			published(t, "quadrants "+quad+"/"+mode, qt.Cells[i][j], countIf(func(b biz) bool { return quadrantOf(b) == quad && b.mode == mode }))
		}
	}
	if c := cellAt(t, qt, "vulnerable", "advisor"); exact && (c.Suppressed || c.N != 12+7+6 || c.Share != 25.0/float64(countIf(func(b biz) bool { return b.mode == "advisor" }))) {
		t.Errorf("vulnerable, advisor-led: %+v", c)
	}

	// By municipality: the re-scanned count where they are now (Hilversum,
	// not Eemnes); Blaricum's scans lack consent; Huizen's 3 prepared
	// (advisor-led) are suppressed, with complements, in every table.
	var muni Breakdown
	for _, b := range rep.Breakdowns {
		if b.By == ByMunicipality {
			muni = b
		}
	}
	if len(muni.Tables) != 3 || muni.Tables[0].Mode != "all" {
		t.Fatalf("municipality breakdown %+v", muni)
	}
	if rows := muni.Tables[0].Table.Rows; !slices.Equal(rows, []string{"hilversum", "huizen", "laren"}) {
		t.Errorf("municipalities %v", rows)
	}
	for _, mt := range muni.Tables {
		tb := mt.Table
		for i, m := range tb.Rows {
			for j, quad := range tb.Cols {
				published(t, mt.Mode+" "+m+"/"+quad, tb.Cells[i][j], countIf(func(b biz) bool {
					return b.muni == m && quadrantOf(b) == quad && (mt.Mode == "all" || b.mode == mt.Mode)
				}))
			}
		}
	}
	if c := cellAt(t, muni.Tables[1].Table, "huizen", "prepared"); muni.Tables[1].Mode != "advisor" || c.Suppressed == exact {
		t.Errorf("3 prepared in Huizen (advisor-led): %+v", c)
	}
	if (rep.Suppressed.Primary == 0) != exact || rep.Suppressed.Complementary != 0 {
		t.Errorf("suppressed %+v", rep.Suppressed)
	}

	// Targets: only 10+ (small, medium) compared; freelancers and micro apart.
	for _, r := range rep.Targets.Rows {
		if r.Compared != (r.Group == Group10) {
			t.Errorf("%s/%s compared %v", r.Group, r.Mode, r.Compared)
		}
		in := func(b biz) bool {
			ok := r.Mode == "all" || b.mode == r.Mode
			switch r.Group {
			case GroupZZP:
				return ok && b.size == "zzp"
			case GroupMicro:
				return ok && b.size == "micro"
			}
			return ok && (b.size == "small" || b.size == "medium" || b.size == "large")
		}
		n := countIf(in)
		published(t, "targets n "+r.Group+"/"+r.Mode, r.N, n)
		basic := r.Shares["dii_basic"]
		published(t, "targets basic "+r.Group+"/"+r.Mode, basic, countIf(func(b biz) bool { return in(b) && b.basic }))
		if basic.HasShare && basic.Share != min(1, float64(basic.N)/float64(r.N.N)) {
			t.Errorf("share %+v of %+v", basic, r.N)
		}
		if r.Group == Group10 && r.Mode == "all" && exact {
			if !basic.HasShare || basic.Share != 1 || r.Gap["dii_basic"] != round4(1-TargetDIIBasic) {
				t.Errorf("10+ basic %+v gap %v", basic, r.Gap)
			}
		}
	}

	// Means per mode and all.
	for _, dm := range rep.Dimensions {
		if dm.ID != "readiness" {
			continue
		}
		sum, n := 0.0, 0
		for _, b := range counted() {
			if b.mode == "advisor" {
				sum += b.readiness
				n++
			}
		}
		if dm.Means[0].Mode != "all" || dm.Means[0].N != rep.N || dm.Means[1].Mode != "advisor" || dm.Means[1].Mean != round1(sum/float64(n)) {
			t.Errorf("readiness means %+v", dm.Means)
		}
	}

	// Change among the 5 re-scanned: readiness 30 → 70, vulnerable → frontrunner.
	published(t, "change n", Cell{N: rep.Change.N, Suppressed: rep.Change.Suppressed}, 5)
	if !exact {
		return
	}
	if rep.Change.N != 5 {
		t.Fatalf("change n %d", rep.Change.N)
	}
	for _, d := range rep.Change.Deltas {
		if d.ID == "readiness" && (d.T0 != 30 || d.T1 != 70 || d.Change != 40 || d.N != 5) {
			t.Errorf("readiness change %+v", d)
		}
	}
	if c := cellAt(t, rep.Change.Transitions, "vulnerable", "frontrunner"); c.N != 5 || c.Share != 1 {
		t.Errorf("transition %+v", c)
	}

	// Sensitivity: both thresholds at 40 and at 60 (equal counts as high).
	for _, s := range rep.Sensitivity {
		th := 50 + s.Shift
		for i, quad := range s.Quadrants.Rows {
			want := countIf(func(b biz) bool {
				return scan.Quadrant(b.impact, b.readiness, scan.Thresholds{Impact: th, Readiness: th}) == quad
			})
			published(t, fmt.Sprintf("sensitivity %v %s", s.Shift, quad), s.Quadrants.RowTotals[i], want)
		}
	}
	if len(rep.Sensitivity) != 2 || rep.Sensitivity[0].Shift != -10 || rep.Sensitivity[1].Shift != 10 {
		t.Errorf("sensitivity shifts %+v", rep.Sensitivity)
	}

	// Nothing suppressed leaks through JSON.
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"method": "none"`) {
		t.Errorf("no method in the JSON")
	}
}

func TestReferralOutcomes(t *testing.T) {
	db := fixture(t)
	ctx := context.Background()
	recs, err := db.List(ctx, store.Filter{StatisticsConsent: true, NoJSON: true})
	if err != nil {
		t.Fatal(err)
	}
	add := func(i int, prog, outcome string) {
		f := &store.FollowUp{ScanID: recs[i].ID, Programme: prog, Outcome: outcome, Date: date.MustParse("2026-07-01")}
		if outcome == store.OutcomeNotPursued {
			f.Reason = "geen tijd"
		}
		if err := db.AddFollowUp(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	// edih: 5 contacted, 7 started; mkb-werkplaats: 6 contacted, 5
	// applied, 5 started, 2 not pursued; slim: 3 contacted.
	i := 0
	for _, x := range []struct {
		prog, outcome string
		n             int
	}{
		{"edih-noordwest", store.OutcomeContacted, 5}, {"edih-noordwest", store.OutcomeStarted, 7},
		{"mkb-werkplaats", store.OutcomeContacted, 6}, {"mkb-werkplaats", store.OutcomeApplied, 5},
		{"mkb-werkplaats", store.OutcomeStarted, 5}, {"mkb-werkplaats", store.OutcomeNotPursued, 2},
		{"slim", store.OutcomeContacted, 3},
	} {
		for range x.n {
			add(i, x.prog, x.outcome)
			i++
		}
	}
	for _, exact := range []bool{true, false} {
		rep, err := Compute(ctx, db, Options{exact: exact})
		if err != nil {
			t.Fatal(err)
		}
		checkReferrals(t, rep, exact)
	}
}

func checkReferrals(t *testing.T, rep *Report, exact bool) {
	t.Helper()
	ro := rep.Referrals.Outcomes
	published(t, "referrals", ro.Total, 33, exact)
	if !slices.Equal(ro.Rows, []string{"mkb-werkplaats", "edih-noordwest", "slim"}) {
		t.Fatalf("referrals %+v", ro)
	}
	want := map[string][]int{"edih-noordwest": {5, 0, 7, 0, 0}, "mkb-werkplaats": {6, 5, 5, 2, 0}, "slim": {3, 0, 0, 0, 0}}
	for i, prog := range ro.Rows {
		for j, o := range ro.Cols {
			published(t, prog+"/"+o, ro.Cells[i][j], want[prog][j], exact)
		}
	}
	if i := slices.Index(ro.Rows, "slim"); ro.RowTotals[i].Suppressed == exact || rep.Referrals.Action[i].Suppressed == exact {
		t.Errorf("slim's 3 referrals: %+v", ro.RowTotals[i])
	}
	published(t, "edih action", rep.Referrals.Action[slices.Index(ro.Rows, "edih-noordwest")], 12, exact)
	if a := rep.Referrals.Action[0]; exact && (a.N != 16 || a.Share != 16.0/18) {
		t.Errorf("mkb action %+v", a)
	}
}

func TestComputeOptions(t *testing.T) {
	db := fixture(t)
	ctx := context.Background()
	for _, opt := range []Options{{By: []string{"street"}}, {MinCell: -1}} {
		if _, err := Compute(ctx, db, opt); err == nil {
			t.Errorf("%+v accepted", opt)
		}
	}
	// Without protection nothing is hidden; a filter narrows.
	rep, err := Compute(ctx, db, Options{exact: true, By: []string{BySize}, Filter: store.Filter{Mode: []string{"self"}}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.N != countIf(func(b biz) bool { return b.mode == "self" }) || rep.Suppressed.Primary != 0 || len(rep.Breakdowns) != 1 {
		t.Errorf("self only: n %d, %+v", rep.N, rep.Suppressed)
	}
	rep, err = Compute(ctx, db, Options{MinCell: 3})
	if err != nil {
		t.Fatal(err)
	}
	if c := cellAt(t, rep.Breakdowns[0].Tables[1].Table, "huizen", "prepared"); c.Suppressed && noise(0) == 0 {
		t.Errorf("min cell 3: %+v", c)
	}
	// No scans: an empty report.
	rep, err = Compute(ctx, db, Options{Filter: store.Filter{Municipality: []string{"wijdemeren"}}})
	if err != nil || rep.N != 0 {
		t.Fatalf("%+v %v", rep, err)
	}
	var buf bytes.Buffer
	if err := rep.WriteText(&buf, RenderOptions{Lang: i18n.EN}); err != nil || !strings.Contains(buf.String(), "No scans") {
		t.Errorf("empty report: %q %v", buf.String(), err)
	}
}

func TestRender(t *testing.T) {
	db := fixture(t)
	rep, err := Compute(context.Background(), db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.NL, i18n.EN} {
		var plain, color bytes.Buffer
		if err := rep.WriteText(&plain, RenderOptions{Lang: lang, Questionnaire: qn}); err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteText(&color, RenderOptions{Lang: lang, Questionnaire: qn, Color: true}); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(plain.Bytes(), []byte("\x1b[")) || !bytes.Contains(color.Bytes(), []byte("\x1b[")) {
			t.Errorf("%s: escapes in plain or none in colour", lang)
		}
		for _, l := range strings.Split(plain.String(), "\n") {
			if lipgloss.Width(l) > 80 {
				t.Errorf("%s: wider than 80: %q", lang, l)
			}
			if strings.Contains(l, "[") && strings.Contains(l, "]") && !strings.Contains(l, "(") {
				t.Errorf("%s: missing translation in %q", lang, l)
			}
		}
		n := rep.N
		want := map[i18n.Lang][]string{
			i18n.NL: {fmt.Sprintf("onder de gescande bedrijven (n = %d)", n), "Veel te winnen", "met adviseur", "Hilversum", "doel 95%"},
			i18n.EN: {fmt.Sprintf("among scanned businesses (n = %d)", n), "Most to gain", "advisor-led", "Hilversum", "target 95%"},
		}[lang]
		for _, s := range want {
			if !strings.Contains(plain.String(), s) {
				t.Errorf("%s: no %q in\n%s", lang, s, plain.String())
			}
		}
		golden.Check(t, filepath.Join("testdata", "report-"+string(lang)+".txt"), plain.Bytes())
	}
	// CSV, read back in both dialects.
	for _, d := range []csvout.Dialect{csvout.Excel, csvout.RFC4180} {
		var buf bytes.Buffer
		if err := rep.WriteCSV(&buf, d); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
		r.Comma = rune(d.Comma)
		recs, err := r.ReadAll()
		if err != nil || len(recs) < 50 || recs[0][0] != "section" {
			t.Fatalf("%s: %d records %v", d.Name, len(recs), err)
		}
		for _, rec := range recs[1:] {
			if rec[8] == "1" && (rec[5] != "" || rec[6] != "") {
				t.Errorf("suppressed row with a value: %v", rec)
			}
			if rec[0] == "quadrants" && rec[3] == "vulnerable" && rec[4] == "advisor" && rec[5] != fmt.Sprint(cellAt(t, rep.Quadrants, "vulnerable", "advisor").N) {
				t.Errorf("vulnerable advisor %v", rec)
			}
		}
	}
}
