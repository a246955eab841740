package referral

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

func minimalYAML(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The embedded catalogue loads, validates against the embedded intake and
// is named after its file.
func TestBuiltinValidates(t *testing.T) {
	names := BuiltinNames()
	if !slices.Contains(names, DefaultName) {
		t.Fatalf("built-in catalogues %v lack %q", names, DefaultName)
	}
	for _, name := range names {
		c, err := Builtin(name)
		if err != nil {
			t.Fatalf("built-in %s does not load:\n%v", name, err)
		}
		if c.ID != name {
			t.Errorf("built-in %s has id %q; the id must match the file name", name, c.ID)
		}
		if err := c.Validate(intake(t)); err != nil {
			t.Errorf("built-in %s does not fit the intake questionnaire:\n%v", name, err)
		}
	}
}

func TestMinimalValidates(t *testing.T) {
	if _, err := Load("minimal.yaml", []byte(minimalYAML(t)), intake(t)); err != nil {
		t.Fatal(err)
	}
}

// Every programme of REFERENCE.md is in the embedded catalogue, the ended and
// out-of-region ones marked so, and the unverified ones flagged.
func TestBuiltinHasReferenceProgrammes(t *testing.T) {
	c := builtin(t)
	tests := []struct {
		id       string
		status   string
		verified bool
	}{
		{"edih-noordwest", StatusOpen, false}, // price per service unverified
		{"smart-industry-noordwest", StatusOpen, false},
		{"basisscan-cyberweerbaarheid", StatusOpen, true},
		{"mijn-digitale-zaak", StatusClosed, true},
		{"mkb-werkplaats", StatusOpen, false}, // one in the region unverified
		{"spot035-workshops", StatusOpen, false},
		{"ondernemersvereniging", StatusOpen, true},
		{"slim", StatusOpen, false},
		{"mit-noord-holland", StatusOpen, false},
		{"mit-utrecht", StatusOpen, false},
		{"wbso", StatusOpen, true},
		{"inwest", StatusOpen, false},
		{"rom-utrecht-region", StatusOpen, false},
		{"mkb-idee", StatusEnded, true},
		{"via", StatusClosed, false},
		{"spot035-2023", StatusEnded, true},
	}
	for _, tc := range tests {
		p := c.Programme(tc.id)
		if p == nil {
			t.Errorf("programme %s is missing", tc.id)
			continue
		}
		if p.Availability.Status != tc.status || p.Verified != tc.verified {
			t.Errorf("%s: status %s, verified %v; want %s, %v", tc.id, p.Availability.Status, p.Verified, tc.status, tc.verified)
		}
		if p.Reviewed.String() != "2026-11-27" {
			t.Errorf("%s: reviewed %s", tc.id, p.Reviewed)
		}
	}
	if len(c.Programmes) != len(tests) {
		t.Errorf("%d programmes, want %d: update this test with the new ones", len(c.Programmes), len(tests))
	}
	if s := c.Programme("spot035-2023").Availability.Successor; s != "spot035-workshops" {
		t.Errorf("spot035-2023 successor %q", s)
	}
	// No workshop is published: no invented dates or places; the contact
	// says how to hear about the next one, and a non-member is not sent to
	// an association.
	evs := c.EventsOf("spot035-workshops")
	if len(evs) != 0 || len(c.Events) != 0 {
		t.Errorf("%d workshops with dates nobody published", len(evs))
	}
	spot := c.Programme("spot035-workshops")
	if !strings.Contains(spot.Contact.NL, "nog niet gepland") || len(spot.Variants) != 1 ||
		strings.Contains(spot.Variants[0].Contact.NL, "vereniging hoort") || !strings.Contains(spot.Variants[0].Contact.EN, "join an association") {
		t.Errorf("SPOT035 workshops contact: %q / %+v", spot.Contact, spot.Variants)
	}
	// Every URL is the programme's own page, not a front page of the
	// operator or a portal. (The Basisscan is a service of the Digital Trust
	// Center's own site; the sources give no deeper page.)
	for _, p := range c.Programmes {
		if u := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(p.URL, "https://"), "http://"), "/"); u != "" && !strings.Contains(u, "/") && p.ID != "basisscan-cyberweerbaarheid" {
			t.Errorf("%s links to the front page %s, not its own page", p.ID, p.URL)
		}
	}
}

// Advice exists for every dimension × tier, every insight of the intake and
// every quadrant, in both languages (validation demands it; this documents it).
func TestBuiltinAdviceComplete(t *testing.T) {
	c := builtin(t)
	qn := intake(t)
	check := func(what string, a *AdviceText) {
		if a == nil {
			t.Errorf("%s: no advice", what)
			return
		}
		for _, l := range i18n.Langs {
			if a.Title.In(l) == "" || len(a.Text.In(l)) < 60 {
				t.Errorf("%s (%s): title %q, text %q: too short to be a concrete step", what, l, a.Title.In(l), a.Text.In(l))
			}
		}
	}
	for _, d := range questionnaires.DimensionIDs {
		ta := c.Advice.Dimensions.Items[d]
		check(d+".critical", ta.Critical)
		check(d+".moderate", ta.Moderate)
		check(d+".minor", ta.Minor)
	}
	for _, in := range qn.Insights {
		check("insight "+in.ID, c.Advice.Insights.Items[in.ID])
	}
	for _, qd := range questionnaires.QuadrantIDs {
		check("quadrant "+qd, c.Advice.Quadrants.Items[qd])
	}
}

func TestOpen(t *testing.T) {
	qn := intake(t)
	c, err := Open("", "", nil, qn)
	if err != nil || c.ID != DefaultName {
		t.Fatalf("Open(\"\") = %v, %v", c, err)
	}
	if c2, _ := Open(DefaultName, "", nil, nil); c2 != c {
		t.Error("Open of a built-in name does not return the cached catalogue")
	}
	_, err = Open("gooi-vechtstrek", "", nil, nil)
	if err == nil || !strings.Contains(err.Error(), `did you mean "gooi-vechtstreek"?`) {
		t.Errorf("unknown built-in: %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(path, []byte(minimalYAML(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = Open("mine.yaml", dir, nil, qn)
	if err != nil || c.ID != "minimal" || c.Source != path {
		t.Fatalf("Open(path relative to base) = %+v, %v", c, err)
	}
	c, err = Open("-", "", strings.NewReader(minimalYAML(t)), qn)
	if err != nil || c.Source != "stdin" {
		t.Fatalf("Open(-) = %v, %v", c, err)
	}
	_, err = Open(filepath.Join(dir, "missing.yaml"), "", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	// A catalogue that does not fit the questionnaire is refused with positions.
	mini := miniQuestionnaire(t)
	_, err = Open(DefaultName, "", nil, mini)
	if err == nil || !strings.Contains(err.Error(), "builtin:gooi-vechtstreek:") || !strings.Contains(err.Error(), "not known to questionnaire mini") {
		t.Errorf("built-in against mini: %v", err)
	}
}

func miniQuestionnaire(t testing.TB) *questionnaires.Questionnaire {
	t.Helper()
	path := filepath.Join("..", "internal", "fixture", "mini.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	qn, err := questionnaires.Load(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return qn
}

// lineOf returns the 1-based line of the first occurrence of needle.
func lineOf(t *testing.T, doc, needle string) int {
	t.Helper()
	i := strings.Index(doc, needle)
	if i < 0 {
		t.Fatalf("%q not in the document", needle)
	}
	return strings.Count(doc[:i], "\n") + 1
}

// Each kind of bad input is reported as bad.yaml:LINE: with a message that
// says what is wrong (and, where it can, what was meant).
func TestBadInput(t *testing.T) {
	base := minimalYAML(t)
	const alpha = "  - id: alpha\n"
	tests := []struct {
		name     string
		old, new string // replace old by new (old "" appends new)
		at       string // the line the error must point at ("" = line 1, "?" any line)
		want     string
		noQN     bool // checked without a questionnaire
	}{
		{name: "syntax", old: "    offers: [scan]\n", new: "    offers: [scan\n", at: "?", want: "YAML syntax error: did not find expected ',' or ']'"},
		{name: "tab indentation", old: "    offers: [scan]\n", new: "\toffers: [scan]\n", at: "\toffers", want: "YAML syntax error"},
		{name: "unknown key", old: "      successor: alpha\n", new: "      sucessor: alpha\n", at: "sucessor", want: `unknown key "sucessor" (did you mean "successor"?)`},
		{name: "duplicate key", old: "    offers: [scan]\n", new: "    offers: [scan]\n    offers: [scan] \n", at: "[scan] \n", want: `duplicate key "offers"`},
		{name: "duplicate programme id", old: "  - id: beta\n", new: "  - id: alpha\n", at: "  - id: alpha\n    name: {nl: Beta", want: `duplicate programme id "alpha" (first at line`},
		{name: "unknown sector", old: "      sectors: [retail]\n", new: "      sectors: [retial]\n", at: "[retial]", want: `unknown id "retial" (did you mean "retail"?)`},
		{name: "unknown size", old: "      sectors: [retail]\n", new: "      sizes: [zpp]\n", at: "[zpp]", want: `sizes: unknown id "zpp" (did you mean "zzp"?)`},
		{name: "unknown municipality", old: "      sectors: [retail]\n", new: "      municipalities: [hilversun]\n", at: "[hilversun]", want: `unknown id "hilversun" (did you mean "hilversum"?)`},
		{name: "unknown province", old: "      sectors: [retail]\n", new: "      provinces: [noord-hollnd]\n", at: "[noord-hollnd]", want: `"noord-hollnd" is not known to questionnaire intake (did you mean "noord-holland"?)`},
		{name: "unknown quadrant", old: "      dimensions: [data]\n      topics", new: "      quadrants: [vulnerabel]\n      topics", at: "[vulnerabel]", want: `unknown id "vulnerabel" (did you mean "vulnerable"?)`},
		{name: "unknown dimension", old: "      dimensions: [data]\n      topics", new: "      dimensions: [dta]\n      topics", at: "[dta]", want: `unknown id "dta" (did you mean "data"?)`},
		{name: "unknown topic", old: "      topics: [cybersecurity]\n", new: "      topics: [cybersecurty]\n", at: "[cybersecurty]", want: `"cybersecurty" is not known to questionnaire intake (did you mean "cybersecurity"?)`},
		{name: "window ends before it starts", old: "{opens: 2021-07-06, closes: 2021-09-07}", new: "{opens: 2021-09-07, closes: 2021-07-06}", at: "{opens: 2021-09-07", want: "window closes 2021-07-06 before it opens 2021-09-07"},
		{name: "programme ends before it starts", old: "    availability:\n      status: open\n", new: "    availability:\n      status: open\n      starts: 2027-01-01\n      ends: 2026-12-31\n", at: "ends: 2026-12-31", want: "ends 2026-12-31 before it starts 2027-01-01"},
		{name: "bad date", old: "reviewed: 2026-11-27\n    verified: true", new: "reviewed: 2026-02-30\n    verified: true", at: "2026-02-30", want: `invalid date "2026-02-30": use YYYY-MM-DD`},
		{name: "bad yearly day", old: "    availability:\n      status: open\n", new: "    availability:\n      status: open\n      yearly:\n        - {opens: \"02-29\", closes: \"03-31\"}\n", at: `"02-29"`, want: "29 February does not occur every year"},
		{name: "dangling successor", old: "      successor: alpha\n", new: "      successor: alph\n", at: "successor: alph", want: `successor "alph" is not a programme in this catalogue (did you mean "alpha"?)`},
		{name: "successor of an open programme", old: "    availability:\n      status: open\n", new: "    availability:\n      status: open\n      successor: beta\n", at: "successor: beta", want: "a successor is for a closed or ended programme"},
		{name: "successor cycle", old: "    availability:\n      status: open\n", new: "    availability:\n      status: closed\n      successor: beta\n", at: "successor: beta", want: `programme "alpha": its successors lead back to it`},
		{name: "unknown status", old: "      status: open\n", new: "      status: opne\n", at: "status: opne", want: `unknown status "opne" (did you mean "open"?)`},
		{name: "status upcoming", old: "      status: open\n", new: "      status: upcoming\n", at: "status: upcoming", want: "status upcoming is worked out from the windows"},
		{name: "closed with a later window", old: "{opens: 2021-07-06, closes: 2021-09-07}", new: "{opens: 2027-07-06, closes: 2027-09-07}", at: "{opens: 2027-07-06", want: "set status: open or remove the window"},
		{name: "missing translation", old: "name: {nl: Alfa, en: Alpha}", new: "name: {nl: Alfa}", at: "name: {nl: Alfa}", want: `programme "alpha" name: missing en translation`},
		{name: "missing text", old: "    cost: {nl: Gratis, en: Free}\n", new: "", at: alpha, want: `programme "alpha" cost: missing text`},
		{name: "missing source", old: "    sources: [https://example.org/alpha]\n", new: "", at: alpha, want: `programme "alpha": missing sources`},
		{name: "bad source address", old: "    sources: [https://example.org/alpha]\n", new: "    sources: [\"https:/example.org\"]\n", at: "https:/example.org", want: "is not a web address"},
		{name: "missing reviewed", old: "    reviewed: 2026-11-27\n    verified: true\n", new: "    verified: true\n", at: alpha, want: `programme "alpha": missing reviewed`},
		{name: "missing verified", old: "    reviewed: 2026-11-27\n    verified: true\n", new: "    reviewed: 2026-11-27\n", at: alpha, want: `programme "alpha": missing verified`},
		{name: "unknown offer kind", old: "    offers: [scan]\n", new: "    offers: [scna]\n", at: "[scna]", want: `unknown kind of offer "scna" (did you mean "scan"?)`},
		{name: "bad funding", old: "    offers: [subsidy]\n", new: "    offers: [subsidy]\n    funding:\n      - {kind: subsidy, percent: 150, min: 10, max: 5}\n", at: "percent: 150", want: "percent must be above 0 and at most 100"},
		{name: "event of an unknown series", old: "    series: alpha\n", new: "    series: alpah\n", at: "series: alpah", want: `series "alpah" is not a programme in this catalogue (did you mean "alpha"?)`},
		{name: "event without a date", old: "    date: 2027-02-11\n", new: "", at: "  - id: ev1", want: `event "ev1": missing date`},
		{name: "unknown reason kind", old: "  general: {", new: "  generall: {", at: "generall", want: `unknown reason kind "generall" (did you mean "general"?)`},
		{name: "missing reason", old: `  general: {nl: "staat open", en: "is open"}` + "\n", new: "", at: "  location:", want: `reasons: missing the template for "general" (placeholders: none)`},
		{name: "unknown placeholder", old: `"in {municipality}", en: "in {municipality}"`, new: `"in {gemeente}", en: "in {municipality}"`, at: "{gemeente}", want: "reason location (nl): unknown placeholder {gemeente} (one of municipality)"},
		{name: "condition on an unknown question", old: "      sectors: [retail]\n", new: "      answers: {question: asociation, in: [none]}\n", at: "asociation", want: `has no question "asociation" (did you mean "association"?)`},
		{name: "condition on an unknown answer", old: "      sectors: [retail]\n", new: "      answers: {question: association, in: [nobody]}\n", at: "[nobody]", want: `"nobody" is not an answer of question "association"`},
		{name: "condition with two forms", old: "      sectors: [retail]\n", new: "      answers: {question: association, in: [none], not: {question: size, in: [zzp]}}\n", at: "answers:", want: "a condition has exactly one of question, all, any, not"},
		{name: "advice for an unknown insight", old: "    ambition-without-preparedness: {", new: "    ambition-without-preparation: {", at: "ambition-without-preparation", want: `has no insight "ambition-without-preparation" (did you mean "ambition-without-preparedness"?)`},
		{name: "advice tier missing", old: `      minor: {title: {nl: "green minor"`, new: `      minr: {title: {nl: "green minor"`, at: "minr", want: `unknown key "minr" (did you mean "minor"?)`},
		{name: "advice for an unknown quadrant", old: "    prepared: {", new: "    prepard: {", at: "prepard", want: `unknown quadrant "prepard" (did you mean "prepared"?)`},
		{name: "wrong type", old: "    verified: true\n  - id: beta", new: "    verified: yes please\n  - id: beta", at: "yes please", want: "expected true or false"},
		{name: "empty file", old: "*", new: "", at: "", want: "file is empty"},
		{name: "binary file", old: "*", new: "\x00\x01\x02", at: "", want: "not a text file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := base
			switch {
			case tc.old == "*":
				doc = tc.new
			case strings.Count(doc, tc.old) != 1:
				t.Fatalf("%q occurs %d times in minimal.yaml", tc.old, strings.Count(doc, tc.old))
			default:
				doc = strings.Replace(doc, tc.old, tc.new, 1)
			}
			var qn *questionnaires.Questionnaire
			if !tc.noQN {
				qn = intake(t)
			}
			_, err := Load("bad.yaml", []byte(doc), qn)
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			line := 1
			if tc.at != "" && tc.at != "?" {
				line = lineOf(t, doc, tc.at)
			}
			prefix := fmt.Sprintf("bad.yaml:%d:", line)
			if tc.at == "?" { // the YAML parser decides the line
				prefix = "bad.yaml:"
			}
			var found bool
			for _, e := range strictyaml.List(err) {
				if strings.HasPrefix(e.Error(), prefix) && strings.Contains(e.Error(), tc.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("want an error at %s containing %q; got:\n%v", prefix, tc.want, err)
			}
			var list strictyaml.Errors
			var one *strictyaml.Error
			if !errors.As(err, &list) && !errors.As(err, &one) {
				t.Errorf("error is a %T, not strictyaml errors", err)
			}
		})
	}
}

// All problems of a file are reported together, in file order.
func TestBadInputReportsAll(t *testing.T) {
	doc := strings.Replace(minimalYAML(t), "sectors: [retail]", "sectors: [retial]", 1)
	doc = strings.Replace(doc, "successor: alpha", "successor: gamma", 1)
	_, err := Load("bad.yaml", []byte(doc), nil)
	es := strictyaml.List(err)
	if len(es) != 2 || es[0].Line >= es[1].Line {
		t.Errorf("want two errors in line order, got:\n%v", err)
	}
}

func TestParseMonthDay(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want MonthDay
		err  bool
	}{
		{"09-01", MonthDay{9, 1}, false},
		{"12-31", MonthDay{12, 31}, false},
		{"02-28", MonthDay{2, 28}, false},
		{"02-29", MonthDay{}, true},
		{"04-31", MonthDay{}, true},
		{"13-01", MonthDay{}, true},
		{"9-1", MonthDay{}, true},
		{"2026-09-01", MonthDay{}, true},
	} {
		got, err := ParseMonthDay(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseMonthDay(%q) = %v, %v", tc.in, got, err)
		}
	}
}

// dayNumber agrees with the calendar, including leap years and month ends.
func TestDayNumber(t *testing.T) {
	for _, s := range []string{"1970-01-01", "2000-02-29", "2024-12-31", "2026-11-27", "2027-03-01", "2100-03-01"} {
		d := date.MustParse(s)
		if got, want := dayNumber(d.Year(), int(d.Month()), d.Day()), int32(d.Time().Unix()/86400); got != want {
			t.Errorf("dayNumber(%s) = %d, want %d", s, got, want)
		}
		if back := fromDayNumber(dayOf(d)); !back.Equal(d) {
			t.Errorf("fromDayNumber(dayOf(%s)) = %s", s, back)
		}
	}
}

// The precomputed year starts agree with the calendar, leap years included.
func TestDayIn(t *testing.T) {
	for _, s := range []string{"2027-06-15", "2028-01-10", "2099-12-31", "2100-02-01", "2000-03-01"} {
		d := newDay(date.MustParse(s))
		for y := d.year - 1; y <= d.year+3; y++ {
			for _, md := range []MonthDay{{1, 1}, {2, 28}, {3, 1}, {9, 1}, {12, 31}} {
				if got, want := d.in(md, y), md.in(y); got != want {
					t.Errorf("%s: %s in %d = %d, want %d", s, md, y, got, want)
				}
			}
		}
	}
}
