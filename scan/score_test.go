package scan

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// base is a 5-person shop in Bussum; the expected scores below are worked
// out by hand in TestScoreHandWorked.
const base = `
answers:
  sector: retail
  size: micro
  place: bussum
  association: [none]
  impact-customers: much
  areas: {marketing: both, admin: planned}
  statements: [needs, budget]
  tools: [website, cloud-office, cloud-software]
  staff: [training]
  internet-use: true
  data-use: [stored, analysed]
  security: false
  ai: {chatbots: 4, vision: 0}
  green: partly
  topics: [ai]
  consent-statistics: true
  consent-follow-up: false
  consent-handover: false
`

// answersOf parses an answers file text against qn; edits replace or add
// top-level answer lines ("key: value"), or remove them ("-key").
func answersOf(t testing.TB, qn *q.Questionnaire, doc string, edits ...string) Answers {
	t.Helper()
	doc = edit(doc, edits...)
	f, err := ParseFile("test.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.Answers(qn)
	if err != nil {
		t.Fatalf("answers do not check:\n%v\n%s", err, doc)
	}
	return a
}

func edit(doc string, edits ...string) string {
	lines := strings.Split(doc, "\n")
	for _, e := range edits {
		if k, ok := strings.CutPrefix(e, "-"); ok {
			lines = slices.DeleteFunc(lines, func(l string) bool { return strings.HasPrefix(l, "  "+k+":") })
			continue
		}
		k, _, _ := strings.Cut(e, ":")
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "  "+k+":") })
		if i >= 0 {
			lines[i] = "  " + e
		} else {
			lines = append(lines, "  "+e)
		}
	}
	return strings.Join(lines, "\n")
}

func score(t testing.TB, qn *q.Questionnaire, a Answers) *Result {
	t.Helper()
	r, err := Score(qn, a, Options{AsOf: date.MustParse("2026-11-27"), Mode: ModeAdvisor})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func dim(t testing.TB, r *Result, id string) *float64 {
	t.Helper()
	for _, d := range r.Dimensions {
		if d.ID == id {
			return d.Score
		}
	}
	t.Fatalf("no dimension %s", id)
	return nil
}

func TestScoreHandWorked(t *testing.T) {
	qn := mini(t)
	r := score(t, qn, answersOf(t, qn, base))
	// strategy: areas (weight 2) = mean(both 2/2, planned 1/2) = 0.75;
	// statements = 2/4; (2·0.75 + 0.5)/3 = 66.7 → 67
	// technology: DMA keys website, connectivity (two options, counted once),
	// e-commerce: 2/3 → 67; people: 1/2 → 50; data: (1 + 0)/2 → 50;
	// automation: mean(4/5, 0) → 40; green: partly → 50.
	want := map[string]float64{"strategy": 67, "technology": 67, "people": 50, "data": 50, "automation": 40, "green": 50}
	for id, w := range want {
		if got := dim(t, r, id); got == nil || *got != w {
			t.Errorf("%s = %v, want %v", id, got, w)
		}
	}
	// maturity = (66.67 + 66.67 + 50 + 50 + 40 + 50)/6 = 53.9 → 54
	if r.Maturity.Score != 54 || r.Maturity.Band != "moderately-advanced" {
		t.Errorf("maturity = %+v, want 54 moderately-advanced", r.Maturity)
	}
	if r.Readiness != 54 {
		t.Errorf("readiness = %v, want 54 (the maturity score)", r.Readiness)
	}
	// impact = 0.4 · 70 (retail prior) + 0.6 · 100 · 2/3 = 68
	if r.Impact != 68 {
		t.Errorf("impact = %v, want 68", r.Impact)
	}
	if r.Quadrant != q.Frontrunner {
		t.Errorf("quadrant = %s, want frontrunner", r.Quadrant)
	}
	di := r.DigitalIntensity
	if di.Count != 3 || di.Level != "high" || !di.Basic || di.Of != 4 || di.Version != "2023" {
		t.Errorf("DII = %+v, want 3 of 4, high, basic", di)
	}
	if !di.Indicators.Get("internet-use") || !di.Indicators.Get("cloud") || !di.Indicators.Get("ai") || di.Indicators.Get("ecommerce") {
		t.Errorf("DII indicators = %v", di.Indicators)
	}
	if r.AdvancedTech != (AdvancedTech{Cloud: true, AI: true, DataAnalytics: true, Any: true}) {
		t.Errorf("advanced tech = %+v", r.AdvancedTech)
	}
	wantGaps := []Gap{
		{Dimension: "data", Score: 50, Target: 60, Gap: 10, Tier: TierMinor},
		{Dimension: "automation", Score: 40, Target: 50, Gap: 10, Tier: TierMinor},
	}
	if !slices.Equal(r.Gaps, wantGaps) {
		t.Errorf("gaps = %+v\nwant %+v", r.Gaps, wantGaps)
	}
	if len(r.Insights) != 1 || r.Insights[0].ID != "data-without-security" || r.Insights[0].Text != "Beveilig uw data." {
		t.Errorf("insights = %+v, want data-without-security in Dutch", r.Insights)
	}
	p := r.Profile
	if p.Sector != "retail" || p.Size != "micro" || p.Municipality != "gooise-meren" || p.Province != "noord-holland" || !slices.Equal(p.Association, []string{"none"}) {
		t.Errorf("profile = %+v", p)
	}
	if !r.Consents["statistics"].Given || r.Consents["follow_up"].Given || r.Consents["handover"].TextVersion != "1" {
		t.Errorf("consents = %+v", r.Consents)
	}
	if r.Questionnaire.ID != "mini" || r.Questionnaire.Version != "1" || !strings.HasPrefix(r.Questionnaire.Hash, "sha256:") {
		t.Errorf("questionnaire ref = %+v", r.Questionnaire)
	}
	if r.Thresholds != (Thresholds{50, 50}) || r.Mode != ModeAdvisor || r.AsOf.String() != "2026-11-27" {
		t.Errorf("thresholds/mode/as_of = %+v %s %s", r.Thresholds, r.Mode, r.AsOf)
	}
	if !slices.Equal(r.Unanswered, []string{"employees", "company-name", "kvk-number"}) {
		t.Errorf("unanswered = %v", r.Unanswered)
	}
}

func TestScoreCases(t *testing.T) {
	qn := mini(t)
	tests := []struct {
		name  string
		edits []string
		check func(t *testing.T, r *Result)
	}{
		{"freelancer: staff questions hidden, people not applicable",
			[]string{"size: zzp", "-statements", "-staff", "-internet-use"},
			func(t *testing.T, r *Result) {
				if s := dim(t, r, "people"); s != nil {
					t.Errorf("people = %v, want null", *s)
				}
				if r.Dimensions[2].Status != "not-applicable" {
					t.Errorf("people status = %q", r.Dimensions[2].Status)
				}
				// strategy now from the areas only: 0.75 → 75
				if s := dim(t, r, "strategy"); *s != 75 {
					t.Errorf("strategy = %v, want 75", *s)
				}
				// maturity = mean of the five applicable: (75+66.67+50+40+50)/5 = 56.3 → 56
				if r.Maturity.Score != 56 {
					t.Errorf("maturity = %v, want 56", r.Maturity.Score)
				}
				if !r.DigitalIntensity.Indicators.Get("internet-use") {
					t.Error("a freelancer meets the internet-use indicator through size: zzp")
				}
			}},
		{"none of these clears the checklist",
			[]string{"tools: [none]"},
			func(t *testing.T, r *Result) {
				if s := dim(t, r, "technology"); *s != 0 {
					t.Errorf("technology = %v, want 0", *s)
				}
				if r.DigitalIntensity.Indicators.Get("cloud") {
					t.Error("cloud set although no tool was ticked")
				}
			}},
		{"data not collected digitally scores 0",
			[]string{"data-use: [not-digital]", "security: true"},
			func(t *testing.T, r *Result) {
				if s := dim(t, r, "data"); *s != 50 {
					t.Errorf("data = %v, want (0 + 1)/2 = 50", *s)
				}
				if r.AdvancedTech.DataAnalytics {
					t.Error("data analytics set without the analysed option")
				}
			}},
		{"don't know leaves the impact mean, counts as no on readiness, and is recorded",
			[]string{"impact-customers: dont-know", "internet-use: dont-know"},
			func(t *testing.T, r *Result) {
				// The only impact answer is "don't know": the retail prior
				// 70 carries impact (not 0.4 · 70 + 0.6 · 0 = 28).
				if r.Impact != 70 {
					t.Errorf("impact = %v, want 70 (the sector prior)", r.Impact)
				}
				if !slices.Equal(r.Unknown, []string{"impact-customers", "internet-use"}) {
					t.Errorf("unknown = %v", r.Unknown)
				}
				if r.DigitalIntensity.Indicators.Get("internet-use") || !slices.Contains(r.DigitalIntensity.Unknown, "internet-use") {
					t.Errorf("internet-use should be no and unknown: %+v", r.DigitalIntensity)
				}
			}},
		{"manufacturing adds the production item to the denominator",
			[]string{"sector: manufacturing", "areas: {marketing: both, admin: planned, production: none}"},
			func(t *testing.T, r *Result) {
				// areas = (1 + 0.5 + 0)/3 = 0.5; strategy = (2·0.5 + 0.5)/3 = 50
				if s := dim(t, r, "strategy"); *s != 50 {
					t.Errorf("strategy = %v, want 50", *s)
				}
			}},
		{"optional dimension left open is not an accidental zero",
			[]string{"-green"},
			func(t *testing.T, r *Result) {
				if s := dim(t, r, "green"); s != nil {
					t.Errorf("green = %v, want null", *s)
				}
				if r.Dimensions[5].Status != "not-answered" {
					t.Errorf("green status = %q, want not-answered", r.Dimensions[5].Status)
				}
				if !slices.Contains(r.Unanswered, "green") {
					t.Errorf("unanswered = %v", r.Unanswered)
				}
				// maturity = (66.67+66.67+50+50+40)/5 = 54.7 → 55
				if r.Maturity.Score != 55 {
					t.Errorf("maturity = %v, want 55", r.Maturity.Score)
				}
			}},
		{"low everything is most to gain when impact is high",
			[]string{"areas: {marketing: none, admin: none}", "statements: [none]", "tools: [none]", "staff: []", "data-use: [not-digital]", "ai: {chatbots: 0, vision: 0}", "green: \"no\"", "impact-customers: all"},
			func(t *testing.T, r *Result) {
				if r.Readiness != 0 || r.Impact != 88 || r.Quadrant != q.Vulnerable {
					t.Errorf("readiness %v impact %v quadrant %s, want 0 / 88 / vulnerable", r.Readiness, r.Impact, r.Quadrant)
				}
				if len(r.Gaps) != 6 || r.Gaps[0].Tier != TierCritical || r.Gaps[0].Dimension != "strategy" {
					t.Errorf("gaps = %+v", r.Gaps)
				}
			}},
		{"AI wanted with weak data gives the answers-conditioned insight",
			[]string{"data-use: [not-digital]"},
			func(t *testing.T, r *Result) {
				if !slices.ContainsFunc(r.Insights, func(i Insight) bool { return i.ID == "ai-held-back" }) {
					t.Errorf("insights = %+v", r.Insights)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, score(t, qn, answersOf(t, qn, base, tc.edits...)))
		})
	}
}

func TestPlanWeight(t *testing.T) {
	qn := mini(t)
	half := 0.5
	qn.PlanWeight = &half
	defer func() { qn.PlanWeight = nil }()
	r := score(t, qn, answersOf(t, qn, base))
	// max = 1 + 0.5; areas = mean(1.5/1.5, 0.5/1.5) = 0.667; strategy = (2·0.667 + 0.5)/3 = 61.1 → 61
	if s := dim(t, r, "strategy"); *s != 61 {
		t.Errorf("strategy = %v, want 61", *s)
	}
}

func TestQuadrantBoundaries(t *testing.T) {
	th := Thresholds{Impact: 50, Readiness: 50}
	tests := []struct {
		impact, readiness float64
		want              string
	}{
		{50, 50, q.Frontrunner},
		{50, 49, q.Vulnerable},
		{49, 50, q.Prepared},
		{49, 49, q.LowUrgency},
		{100, 0, q.Vulnerable},
		{0, 100, q.Prepared},
	}
	for _, tc := range tests {
		if got := Quadrant(tc.impact, tc.readiness, th); got != tc.want {
			t.Errorf("Quadrant(%v, %v) = %s, want %s", tc.impact, tc.readiness, got, tc.want)
		}
	}
}

func TestBandBoundaries(t *testing.T) {
	qn := mini(t)
	tests := []struct {
		score float64
		want  string
	}{
		{0, "basic"}, {25, "basic"}, {26, "average"}, {50, "average"},
		{51, "moderately-advanced"}, {75, "moderately-advanced"}, {76, "advanced"}, {100, "advanced"},
	}
	for _, tc := range tests {
		if got := band(qn, tc.score); got != tc.want {
			t.Errorf("band(%v) = %s, want %s", tc.score, got, tc.want)
		}
	}
}

func TestGapTiers(t *testing.T) {
	qn := mini(t)
	tests := []struct {
		target, score float64
		tier          string // "" = not shown
	}{
		{60, 20, TierCritical}, // 40
		{60, 21, TierModerate}, // 39
		{60, 40, TierModerate}, // 20
		{60, 41, TierMinor},    // 19
		{60, 50, TierMinor},    // 10
		{60, 51, ""},           // 9
		{60, 90, ""},           // above target: gap 0
	}
	for _, tc := range tests {
		s := &scorer{qn: qn}
		v := tc.score
		r := &Result{Dimensions: []DimensionScore{{ID: "data", Score: &v, Target: tc.target}}}
		s.gaps(r)
		got := ""
		if len(r.Gaps) > 0 {
			got = r.Gaps[0].Tier
		}
		if got != tc.tier {
			t.Errorf("target %v score %v: tier %q, want %q", tc.target, tc.score, got, tc.tier)
		}
	}
}

func TestMunicipalityMerger(t *testing.T) {
	qn := mini(t)
	tests := []struct {
		place, asOf, municipality, province string
	}{
		{"loosdrecht", "2026-12-31", "wijdemeren", "noord-holland"},
		{"loosdrecht", "2027-01-01", "hilversum", "noord-holland"},
		{"eemnes", "2027-01-01", "eemnes", "utrecht"},
		{"bussum", "2026-11-27", "gooise-meren", "noord-holland"},
	}
	for _, tc := range tests {
		a := Answers{"place": {Choice: tc.place}}
		m, p := Municipality(qn, a, date.MustParse(tc.asOf))
		if m != tc.municipality || p != tc.province {
			t.Errorf("%s on %s: %s/%s, want %s/%s", tc.place, tc.asOf, m, p, tc.municipality, tc.province)
		}
	}
	// Given directly, a pre-merger municipality also maps on.
	m, _ := Municipality(qn, Answers{"municipality": {Choice: "wijdemeren"}}, date.MustParse("2027-03-01"))
	if m != "hilversum" {
		t.Errorf("wijdemeren in 2027 = %s, want hilversum", m)
	}
	// Outside the region the province comes from the province question.
	m, p := Municipality(qn, Answers{"place": {Choice: "elsewhere"}, "province": {Choice: "utrecht"}}, date.MustParse("2026-11-27"))
	if m != q.OutsideRegion || p != "utrecht" {
		t.Errorf("elsewhere = %s/%s", m, p)
	}
}

func TestNoReadiness(t *testing.T) {
	qn := mini(t)
	_, err := Score(qn, Answers{"sector": {Choice: "retail"}}, Options{})
	if !errors.Is(err, ErrNoReadiness) {
		t.Errorf("err = %v, want ErrNoReadiness", err)
	}
}

func TestAnswersFileErrors(t *testing.T) {
	qn := mini(t)
	tests := []struct {
		name  string
		edits []string
		want  string // substring of the error, which must also carry a line
	}{
		{"unknown question", []string{"secotr: retail"}, `unknown question "secotr" (did you mean "sector"?)`},
		{"unknown option", []string{"sector: retial"}, `sector: unknown option "retial" (did you mean "retail"?)`},
		{"wrong type for multi", []string{"tools: {a: b}"}, "tools: expected a list of option ids, found a mapping"},
		{"wrong type for yes/no", []string{"security: maybe"}, `security: expected true or false, found "maybe"`},
		{"no don't know here", []string{"security: dont-know"}, "no don't-know answer"},
		{"unknown matrix item", []string{"ai: {chatbot: 4}"}, `unknown item "chatbot" (did you mean "chatbots"?)`},
		{"missing matrix item", []string{"ai: {chatbots: 4}"}, `missing answer for item "vision"`},
		{"hidden question answered", []string{"size: zzp", "-staff", "-internet-use"}, "statements: this question is not asked here (not when size is zzp); remove the answer"},
		{"hidden item answered", []string{"areas: {marketing: none, admin: none, production: none}"}, `item "production" is not asked here (only when sector is manufacturing)`},
		{"missing required", []string{"-size"}, `missing answer to required question size`},
		{"exclusive with others", []string{"tools: [none, website]"}, `"none" stands alone`},
		{"option twice", []string{"tools: [website, website]"}, `option "website" is listed twice`},
		{"kvk of 7 digits", []string{"company-name: De Vries", "kvk-number: \"1234567\""}, `a KVK number has 8 digits, "1234567" has 7`},
		{"kvk not a number", []string{"kvk-number: 1234abcd"}, "is not a number"},
		{"place and municipality both", []string{"municipality: hilversum"}, "give either place or municipality, not both"},
		{"number out of range", []string{"employees: -3"}, "-3 is out of range (0 to 100000)"},
		{"number wrong type", []string{"employees: many"}, `employees: expected a number, found "many"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := edit(base, tc.edits...)
			f, err := ParseFile("a.yaml", []byte(doc))
			if err == nil {
				_, err = f.Answers(qn)
			}
			if err == nil {
				t.Fatalf("no error for\n%s", doc)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, tc.want)
			}
			for _, e := range strictyaml.List(err) {
				if e.File != "a.yaml" || e.Line == 0 {
					t.Errorf("error without file:line: %v", e)
				}
			}
		})
	}
}

func TestMunicipalityInsteadOfPlace(t *testing.T) {
	qn := mini(t)
	a := answersOf(t, qn, base, "-place", "municipality: huizen")
	r := score(t, qn, a)
	if r.Profile.Municipality != "huizen" || r.Profile.Province != "noord-holland" {
		t.Errorf("profile = %+v", r.Profile)
	}
}

func TestAnswersEnvelopeErrors(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"", "file is empty"},
		{"answers: [a, b]", "answers must be a mapping"},
		{"questionnaire: intake\n", "missing answers:"},
		{"answers: {}\nlang: de\n", "lang must be nl or en"},
		{"answers: {}\nanswers: {}\n", `duplicate key "answers"`},
		{"answer: {}\n", `unknown key "answer" (did you mean "answers"?)`},
		{"answers: {a: [}\n", "YAML syntax error"},
		{"\x00\x01\x02binary", "not a text file"},
	}
	for _, tc := range tests {
		_, err := ParseFile("x.yaml", []byte(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "x.yaml:") {
			t.Errorf("ParseFile(%q) = %v, want x.yaml:… %q", tc.doc, err, tc.want)
		}
	}
}

func TestIndicatorSetJSON(t *testing.T) {
	in := IndicatorSet{IDs: []string{"b", "a", "c"}, Yes: 0b101}
	data, err := json.Marshal(in)
	if err != nil || string(data) != `{"b":true,"a":false,"c":true}` {
		t.Fatalf("marshal = %s, %v (order must follow the questionnaire)", data, err)
	}
	var out IndicatorSet
	if err := json.Unmarshal(data, &out); err != nil || !slices.Equal(out.IDs, in.IDs) || out.Yes != in.Yes {
		t.Fatalf("round trip = %+v, %v", out, err)
	}
	if !out.Get("b") || out.Get("a") || out.Get("zz") {
		t.Error("Get")
	}
	if err := json.Unmarshal([]byte(`[1]`), &out); err == nil {
		t.Error("a list must be refused")
	}
}
