package referral

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// prog writes a programme entry for a test catalogue: the common fields
// plus extra YAML lines (indented four spaces), an open status unless
// extra gives an availability.
func prog(id string, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  - id: %s\n    name: {nl: %s, en: %s}\n    description: {nl: Test., en: Test.}\n", id, id, id)
	b.WriteString("    operator: {nl: Iemand, en: Someone}\n    cost: {nl: Gratis, en: Free}\n")
	fmt.Fprintf(&b, "    url: https://example.org/%s\n    sources: [https://example.org]\n    reviewed: 2026-11-27\n    verified: true\n", id)
	offers, avail, focus := false, false, false
	for _, e := range extra {
		offers = offers || strings.HasPrefix(e, "offers:")
		avail = avail || strings.HasPrefix(e, "availability:")
		focus = focus || strings.HasPrefix(e, "focus:")
		for _, l := range strings.Split(e, "\n") {
			b.WriteString("    " + l + "\n")
		}
	}
	if !offers {
		b.WriteString("    offers: [advice]\n")
	}
	if !avail {
		b.WriteString("    availability: {status: open}\n")
	}
	if !focus {
		// Hands-on help for the test business (vulnerable, or low-urgency):
		// the need that lets it in when a test is about something else.
		b.WriteString("    focus: {quadrants: [vulnerable, low-urgency]}\n")
	}
	return b.String()
}

// withProgrammes builds a catalogue from the embedded one's shared sections
// (kinds, reasons, labels, advice) and the given programmes and events.
func withProgrammes(t testing.TB, programmes []string, events string) *Catalogue {
	t.Helper()
	data, err := builtinFS.ReadFile(DefaultName + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	doc := src[:strings.Index(src, "\nprogrammes:")] + "\nprogrammes:\n" + strings.Join(programmes, "")
	if events != "" {
		doc += "events:\n" + events
	}
	doc += src[strings.Index(src, "\nadvice:"):]
	c, err := Load("test.yaml", []byte(doc), intake(t))
	if err != nil {
		t.Fatalf("test catalogue does not load:\n%v\n%s", err, doc)
	}
	return c
}

// result is a scored business made by hand: a vulnerable retail shop in
// Hilversum with 2-9 people, not a member, every dimension at 40.
func result(edits ...func(*scan.Result)) *scan.Result {
	r := &scan.Result{
		AsOf: today, Lang: "nl", Quadrant: q.Vulnerable, Impact: 70, Readiness: 30,
		Profile: scan.Profile{
			Sector: "retail", Size: "micro", Place: "hilversum", Municipality: "hilversum",
			Province: "noord-holland", Association: []string{"none"}, Topics: []string{},
		},
		Answers: scan.Answers{},
	}
	for _, d := range q.DimensionIDs {
		v := 40.0
		r.Dimensions = append(r.Dimensions, scan.DimensionScore{ID: d, Score: &v, Target: 60})
	}
	for _, e := range edits {
		e(r)
	}
	r.Answers["sector"] = scan.Answer{Choice: r.Profile.Sector}
	r.Answers["size"] = scan.Answer{Choice: r.Profile.Size}
	if len(r.Profile.Association) > 0 {
		r.Answers["association"] = scan.Answer{Choices: r.Profile.Association}
	}
	return r
}

func in(muni, prov string) func(*scan.Result) {
	return func(r *scan.Result) {
		r.Profile.Municipality, r.Profile.Province, r.Profile.Place = muni, prov, ""
		if muni == q.OutsideRegion {
			r.Answers["province"] = scan.Answer{Choice: prov}
			r.Profile.Association = nil
		}
	}
}

func sized(size string) func(*scan.Result) {
	return func(r *scan.Result) { r.Profile.Size = size }
}

func sector(s string) func(*scan.Result) {
	return func(r *scan.Result) { r.Profile.Sector = s }
}

func member(r *scan.Result) { r.Profile.Association = []string{"local"} }

func topics(ts ...string) func(*scan.Result) {
	return func(r *scan.Result) {
		r.Profile.Topics = ts
		if r.Answers == nil {
			r.Answers = scan.Answers{}
		}
		r.Answers["topics"] = scan.Answer{Choices: ts}
	}
}

func quadrant(qd string) func(*scan.Result) { return func(r *scan.Result) { r.Quadrant = qd } }

// gap sets a dimension's score and gap (target 60).
func gap(dim string, score float64) func(*scan.Result) {
	return func(r *scan.Result) {
		for i := range r.Dimensions {
			if r.Dimensions[i].ID == dim {
				v := score
				r.Dimensions[i].Score = &v
			}
		}
		g := 60 - score
		tier := scan.TierMinor
		switch {
		case g >= 40:
			tier = scan.TierCritical
		case g >= 20:
			tier = scan.TierModerate
		}
		r.Gaps = append(r.Gaps, scan.Gap{Dimension: dim, Score: score, Target: 60, Gap: g, Tier: tier})
		slices.SortStableFunc(r.Gaps, func(a, b scan.Gap) int {
			switch {
			case a.Gap > b.Gap:
				return -1
			case a.Gap < b.Gap:
				return 1
			}
			return 0
		})
	}
}

func match(t *testing.T, c *Catalogue, r *scan.Result, asOf string) *scan.Result {
	t.Helper()
	if err := Match(c, intake(t), r, Options{AsOf: date.MustParse(asOf)}); err != nil {
		t.Fatal(err)
	}
	return r
}

func find(r *scan.Result, id string) *scan.Referral {
	for i := range r.Referrals {
		if r.Referrals[i].Programme == id {
			return &r.Referrals[i]
		}
	}
	return nil
}

func rulesCatalogue(t *testing.T) *Catalogue {
	return withProgrammes(t, []string{
		prog("anyone"),
		prog("retail-only", "eligibility: {sectors: [retail]}"),
		prog("staff-only", "eligibility:\n  sizes: [micro, small, medium]\n  reason: {nl: u heeft personeel, en: you have staff}"),
		prog("laren-only", "eligibility: {municipalities: [laren]}"),
		prog("hilversum-only", "eligibility: {municipalities: [hilversum]}"),
		prog("utrecht-only", "eligibility: {provinces: [utrecht]}"),
		prog("nh-only", "eligibility: {provinces: [noord-holland]}"),
		prog("eemnes-or-nh", "eligibility: {municipalities: [eemnes], provinces: [noord-holland]}"),
		prog("groningen-only", "eligibility: {provinces: [groningen]}"),
		prog("non-members", "eligibility: {answers: {question: association, in: [none]}}"),
		prog("not-abroad", "eligibility: {answers: {not: {question: province, in: [abroad]}}}"),
		prog("march-2027", "availability:\n  status: open\n  windows: [{opens: 2027-03-01, closes: 2027-03-31}]"),
		prog("every-september", "availability:\n  status: open\n  yearly: [{opens: \"09-01\", closes: \"09-30\"}]"),
		prog("over-new-year", "availability:\n  status: open\n  yearly: [{opens: \"12-01\", closes: \"01-31\"}]"),
		prog("budget-gone", "availability:\n  status: budget-exhausted\n  windows:\n    - {opens: 2026-10-01, closes: 2026-12-31}\n    - {opens: 2027-02-01, closes: 2027-03-31}"),
		prog("budget-gone-open-ended", "availability: {status: budget-exhausted}"),
		prog("first-half-2027", "availability: {status: open, starts: 2027-01-01, ends: 2027-06-30}"),
		prog("closed-one", "availability: {status: closed}"),
		prog("old-one", "eligibility: {sectors: [retail]}", "availability: {status: closed, successor: new-one}"),
		prog("new-one"),
		prog("gone-first", "availability: {status: ended, successor: gone-middle}"),
		prog("gone-middle", "availability: {status: closed, successor: final-one}"),
		prog("final-one"),
		prog("dead-end", "availability: {status: ended, successor: closed-one}"),
		prog("with-variant", "variants:\n  - id: solo\n    when: {sizes: [zzp], reason: {nl: zonder personeel, en: without staff}}\n    name: {nl: Solo, en: Solo}"),
	}, "")
}

// Eligibility rules and their edges; each row names the programmes that
// must and must not be referred, with their status.
func TestEligibility(t *testing.T) {
	c := rulesCatalogue(t)
	tests := []struct {
		name   string
		asOf   string
		edits  []func(*scan.Result)
		open   []string
		absent []string
	}{
		{"a shop in Hilversum", "2026-11-27", nil,
			[]string{"anyone", "retail-only", "staff-only", "hilversum-only", "nh-only", "eemnes-or-nh", "non-members", "not-abroad"},
			[]string{"laren-only", "utrecht-only", "groningen-only"}},
		{"another sector", "2026-11-27", []func(*scan.Result){sector("media")},
			[]string{"anyone"}, []string{"retail-only"}},
		{"a freelancer has no staff", "2026-11-27", []func(*scan.Result){sized("zzp")},
			[]string{"anyone"}, []string{"staff-only"}},
		{"a 20-person firm has staff", "2026-11-27", []func(*scan.Result){sized("small")},
			[]string{"staff-only"}, nil},
		{"a large firm is no SME", "2026-11-27", []func(*scan.Result){sized("large")},
			nil, []string{"staff-only"}},
		{"Laren", "2026-11-27", []func(*scan.Result){in("laren", "noord-holland")},
			[]string{"laren-only", "nh-only"}, []string{"hilversum-only", "utrecht-only"}},
		// Eemnes lies in the province of Utrecht.
		{"Eemnes", "2026-11-27", []func(*scan.Result){in("eemnes", "utrecht")},
			[]string{"utrecht-only", "eemnes-or-nh"}, []string{"nh-only", "hilversum-only"}},
		{"outside the region, in Groningen", "2026-11-27", []func(*scan.Result){in(q.OutsideRegion, "groningen")},
			[]string{"groningen-only", "not-abroad", "anyone"}, []string{"nh-only", "eemnes-or-nh", "non-members"}},
		{"abroad", "2026-11-27", []func(*scan.Result){in(q.OutsideRegion, "abroad")},
			[]string{"anyone"}, []string{"not-abroad", "groningen-only"}},
		{"a member of an association", "2026-11-27", []func(*scan.Result){member},
			nil, []string{"non-members"}},
		{"closed is never referred", "2026-11-27", nil, nil, []string{"closed-one", "old-one", "gone-first", "gone-middle", "dead-end"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := match(t, c, result(tc.edits...), tc.asOf)
			for _, id := range tc.open {
				if ref := find(r, id); ref == nil || ref.Status != StatusOpen {
					t.Errorf("%s: want open, got %+v (referrals %v)", id, ref, ids(r.Referrals))
				}
			}
			for _, id := range tc.absent {
				if ref := find(r, id); ref != nil {
					t.Errorf("%s: referred (%s), want absent", id, ref.Status)
				}
			}
		})
	}
}

// Windows include their first and last day; a window opening within three
// months makes the programme upcoming (never open) with its date.
func TestAvailability(t *testing.T) {
	c := rulesCatalogue(t)
	tests := []struct {
		id, asOf string
		status   string // "" = not referred
		opens    string
		closes   string
	}{
		{"march-2027", "2026-11-28", "", "", ""},                       // opens more than 3 months later (horizon 28 Feb)
		{"march-2027", "2026-12-01", StatusUpcoming, "2027-03-01", ""}, // within 3 months
		{"march-2027", "2027-02-28", StatusUpcoming, "2027-03-01", ""}, // the day before
		{"march-2027", "2027-03-01", StatusOpen, "", "2027-03-31"},     // first day
		{"march-2027", "2027-03-31", StatusOpen, "", "2027-03-31"},     // last day
		{"march-2027", "2027-04-01", "", "", ""},                       // the day after
		{"every-september", "2026-11-27", "", "", ""},                  // next September is too far
		{"every-september", "2027-06-15", StatusUpcoming, "2027-09-01", ""},
		{"every-september", "2027-09-01", StatusOpen, "", "2027-09-30"},
		{"every-september", "2027-09-30", StatusOpen, "", "2027-09-30"},
		{"every-september", "2027-10-01", "", "", ""},
		{"over-new-year", "2026-12-01", StatusOpen, "", "2027-01-31"},
		{"over-new-year", "2027-01-31", StatusOpen, "", "2027-01-31"},
		{"over-new-year", "2027-02-01", "", "", ""},
		{"over-new-year", "2027-09-15", StatusUpcoming, "2027-12-01", ""},
		{"budget-gone", "2026-11-27", StatusUpcoming, "2027-02-01", ""}, // this round's money is gone
		{"budget-gone", "2027-02-01", StatusOpen, "", "2027-03-31"},     // a later round counts
		{"budget-gone-open-ended", "2026-11-27", "", "", ""},            // no next round known
		{"first-half-2027", "2026-09-30", "", "", ""},                   // starts more than 3 months later
		{"first-half-2027", "2026-11-27", StatusUpcoming, "2027-01-01", ""},
		{"first-half-2027", "2027-01-01", StatusOpen, "", "2027-06-30"},
		{"first-half-2027", "2027-06-30", StatusOpen, "", "2027-06-30"},
		{"first-half-2027", "2027-07-01", "", "", ""},
		{"anyone", "2030-01-01", StatusOpen, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.id+"@"+tc.asOf, func(t *testing.T) {
			r := match(t, c, result(), tc.asOf)
			ref := find(r, tc.id)
			switch {
			case tc.status == "" && ref != nil:
				t.Fatalf("referred as %s, want absent", ref.Status)
			case tc.status == "":
				return
			case ref == nil:
				t.Fatalf("absent, want %s", tc.status)
			}
			if ref.Status != tc.status || ref.Opens.String() != tc.opens || ref.Closes.String() != tc.closes {
				t.Errorf("status %s opens %s closes %s; want %s, %s, %s", ref.Status, ref.Opens, ref.Closes, tc.status, tc.opens, tc.closes)
			}
			if tc.status == StatusUpcoming && !strings.Contains(strings.Join(ref.Reasons, "; "), date.MustParse(tc.opens).Dutch()) {
				t.Errorf("an upcoming referral says when it opens: %q", ref.Reasons)
			}
			// StateOn agrees with Match.
			if st := c.Programme(tc.id).StateOn(date.MustParse(tc.asOf)); st.Status != tc.status {
				t.Errorf("StateOn = %+v", st)
			}
		})
	}
}

// A closed programme hands over to its open successor, for businesses that
// fitted the closed one; a chain of closed programmes is followed.
func TestSuccessor(t *testing.T) {
	c := rulesCatalogue(t)
	r := match(t, c, result(), "2026-11-27")
	ref := find(r, "new-one")
	if ref == nil || ref.Replaces != "old-one" {
		t.Fatalf("new-one = %+v, want it to replace old-one", ref)
	}
	if !slices.Contains(ref.Reasons, "old-one is gestopt; new-one neemt het over") {
		t.Errorf("no successor reason in %q", ref.Reasons)
	}
	if f := find(r, "final-one"); f == nil || f.Replaces != "gone-first" {
		t.Errorf("final-one = %+v, want it to replace gone-first (through gone-middle)", f)
	}
	// A media business never fitted old-one (retail only): no hand-over.
	r = match(t, c, result(sector("media")), "2026-11-27")
	if ref := find(r, "new-one"); ref == nil || ref.Replaces != "" {
		t.Errorf("new-one for a media business = %+v", ref)
	}
	// dead-end's successor is closed: nothing to refer.
	for _, ref := range r.Referrals {
		if ref.Replaces == "dead-end" {
			t.Errorf("%s replaces dead-end", ref.Programme)
		}
	}
	// The English reason.
	r = result()
	if err := Match(c, intake(t), r, Options{AsOf: today, Lang: i18n.EN}); err != nil {
		t.Fatal(err)
	}
	if ref := find(r, "new-one"); !slices.Contains(ref.Reasons, "old-one has ended; new-one took its place") {
		t.Errorf("English successor reason missing: %q", ref.Reasons)
	}
}

// A successor starts where its predecessor ends: before that day the
// predecessor is referred (inside its window), after it the successor,
// with the hand-over reason; a successor that says it starts earlier is a
// catalogue error.
func TestSuccessorStartsWherePredecessorEnds(t *testing.T) {
	c := withProgrammes(t, []string{
		prog("deal", "availability: {status: ended, ends: 2023-12-31, successor: workshops}"),
		prog("workshops"),
		prog("round", "availability:\n  status: closed\n  windows: [{opens: 2023-05-17, closes: 2023-07-14}]\n  successor: next-round"),
		prog("next-round"),
	}, "")
	for _, tc := range []struct {
		asOf       string
		has, never []string
	}{
		{"2023-06-01", []string{"deal", "round"}, []string{"workshops"}}, // next-round: upcoming from 15 July
		{"2023-12-31", []string{"deal", "workshops"}, []string{"round"}}, // the workshops open tomorrow: upcoming
		{"2024-01-01", []string{"workshops", "next-round"}, []string{"deal", "round"}},
	} {
		r := match(t, c, result(), tc.asOf)
		for _, id := range tc.has {
			if find(r, id) == nil {
				t.Errorf("%s: %s not referred: %v", tc.asOf, id, ids(r.Referrals))
			}
		}
		for _, id := range tc.never {
			if find(r, id) != nil {
				t.Errorf("%s: %s referred: %v", tc.asOf, id, ids(r.Referrals))
			}
		}
	}
	if w := find(match(t, c, result(), "2023-06-01"), "next-round"); w == nil || w.Status != StatusUpcoming || w.Opens.String() != "2023-07-15" {
		t.Errorf("the round's successor: %+v", w)
	}
	if w := find(match(t, c, result(), "2023-12-31"), "workshops"); w == nil || w.Status != StatusUpcoming || w.Opens.String() != "2024-01-01" {
		t.Errorf("the day before: %+v", w)
	}
	if w := find(match(t, c, result(), "2024-01-01"), "workshops"); w == nil || w.Replaces != "deal" {
		t.Errorf("hand-over: %+v", w)
	}
	// A successor that claims to start earlier.
	doc := strings.Replace(prog("workshops"), "availability: {status: open}", "availability: {status: open, starts: 2023-06-01}", 1)
	data, _ := builtinFS.ReadFile(DefaultName + ".yaml")
	src := string(data)
	cat := src[:strings.Index(src, "\nprogrammes:")] + "\nprogrammes:\n" + prog("deal", "availability: {status: ended, ends: 2023-12-31, successor: workshops}") + doc + src[strings.Index(src, "\nadvice:"):]
	if _, err := Load("test.yaml", []byte(cat), intake(t)); err == nil || !strings.Contains(err.Error(), `successor "workshops" starts on 2023-06-01, but this programme runs until 2023-12-31`) {
		t.Errorf("an early successor: %v", err)
	}
}

func TestVariant(t *testing.T) {
	c := rulesCatalogue(t)
	r := match(t, c, result(sized("zzp")), "2026-11-27")
	ref := find(r, "with-variant")
	if ref == nil || ref.Variant != "solo" || ref.Name != "Solo" || !slices.Contains(ref.Reasons, "zonder personeel") {
		t.Errorf("freelancer: %+v", ref)
	}
	r = match(t, c, result(), "2026-11-27")
	if ref := find(r, "with-variant"); ref.Variant != "" || ref.Name != "with-variant" {
		t.Errorf("micro firm: %+v", ref)
	}
}

// Focus ranks without excluding: a programme focused on a sector is still
// referred to other sectors, lower.
func TestFocusIsNotEligibility(t *testing.T) {
	c := withProgrammes(t, []string{
		prog("media-focus", "focus: {sectors: [media, health], quadrants: [vulnerable]}"),
		prog("plain"),
	}, "")
	media := match(t, c, result(sector("media")), "2026-11-27")
	retail := match(t, c, result(sector("retail")), "2026-11-27")
	m, r := find(media, "media-focus"), find(retail, "media-focus")
	if m == nil || r == nil {
		t.Fatalf("focus excluded a business: media %v, retail %v", m, r)
	}
	if m.Score <= r.Score {
		t.Errorf("media scores %v, retail %v: the focus sector should rank higher", m.Score, r.Score)
	}
	if ids(media.Referrals)[0] != "media-focus" {
		t.Errorf("order for media: %v", ids(media.Referrals))
	}
	if !slices.Contains(m.Reasons, "u werkt in de media") {
		t.Errorf("media reasons %q", m.Reasons)
	}
}

// The ranking: the biggest gaps (by impact), focus, quadrant priority and
// topics; ties by id.
func TestRanking(t *testing.T) {
	c := withProgrammes(t, []string{
		prog("b-twin"),
		prog("a-twin"),
		prog("guidance", "offers: [scan, advice]", "focus: {dimensions: [data]}"),
		prog("money", "offers: [subsidy]", "focus: {dimensions: [data]}"),
		prog("data-help", "offers: [subsidy]", "focus: {dimensions: [data]}"),
		prog("green-help", "offers: [subsidy]", "focus: {dimensions: [green]}"),
		prog("ai-topic", "offers: [subsidy]", "focus: {topics: [ai]}"),
		prog("for-frontrunners", "offers: [subsidy]", "focus: {quadrants: [frontrunner]}"),
		prog("for-outsiders", "offers: [subsidy]", "focus: {not_member: true}"),
	}, "")
	rank := func(r *scan.Result, id string) int { return slices.Index(ids(r.Referrals), id) }
	before := func(t *testing.T, r *scan.Result, a, b string) {
		t.Helper()
		if ra, rb := rank(r, a), rank(r, b); ra < 0 || rb < 0 || ra >= rb {
			t.Errorf("%s (%d) should rank above %s (%d): %v", a, ra, b, rb, ids(r.Referrals))
		}
	}

	r := match(t, c, result(gap("data", 10), gap("green", 45)), "2026-11-27")
	before(t, r, "a-twin", "b-twin")        // equal scores: by id
	before(t, r, "guidance", "money")       // most to gain: guidance first
	before(t, r, "data-help", "green-help") // the bigger gap
	if ref := find(r, "for-outsiders"); ref == nil || !slices.Contains(ref.Reasons, "u bent nog geen lid van een ondernemersvereniging") {
		t.Errorf("not a member: %+v", ref)
	}
	if ref := find(r, "data-help"); !slices.Contains(ref.Reasons, "uw score voor gegevens en beveiliging is laag (10 van 100)") {
		t.Errorf("gap reason: %q", ref.Reasons)
	}
	if ref := find(r, "guidance"); !slices.Contains(ref.Reasons, "er valt voor u veel te winnen met digitalisering, en hier krijgt u begeleiding") {
		t.Errorf("quadrant reason: %q", ref.Reasons)
	}

	// A frontrunner: the guidance bonus goes, innovation offers gain. Being
	// a frontrunner is no need in itself; not being a member is one only
	// for those who are not.
	fr := match(t, c, result(quadrant(q.Frontrunner), member, gap("data", 30)), "2026-11-27")
	before(t, fr, "money", "guidance")
	for _, id := range []string{"for-frontrunners", "for-outsiders", "green-help"} {
		if find(fr, id) != nil {
			t.Errorf("%s answers no need of the frontrunner: %v", id, ids(fr.Referrals))
		}
	}

	// Topics asked for.
	ai := match(t, c, result(topics("ai")), "2026-11-27")
	before(t, ai, "ai-topic", "for-outsiders")
	if find(ai, "money") != nil || find(ai, "data-help") != nil {
		t.Errorf("no gaps, no topic: no data help: %v", ids(ai.Referrals))
	}
	if ref := find(ai, "ai-topic"); !slices.Contains(ref.Reasons, "u wilt hulp bij AI") {
		t.Errorf("topic reason: %q", ref.Reasons)
	}

	// Impact weighs the gaps: the same gap counts more with high impact.
	low := match(t, c, result(gap("data", 10), func(r *scan.Result) { r.Impact = 10 }), "2026-11-27")
	high := match(t, c, result(gap("data", 10), func(r *scan.Result) { r.Impact = 95 }), "2026-11-27")
	if find(low, "data-help").Score >= find(high, "data-help").Score {
		t.Errorf("impact does not weigh the gap: low %v, high %v", find(low, "data-help").Score, find(high, "data-help").Score)
	}

	// Headline and more options.
	for i, ref := range r.Referrals {
		if ref.More != (i >= Headline) {
			t.Errorf("%d %s: More = %v", i, ref.Programme, ref.More)
		}
		if i > 0 && ref.Score > r.Referrals[i-1].Score {
			t.Errorf("not ranked by score at %d", i)
		}
	}
}

// Matching is deterministic: the same input gives the same output.
func TestDeterministic(t *testing.T) {
	c := builtin(t)
	first := matched(t, "shop-hilversum", today, i18n.NL)
	for range 5 {
		again := scored(t, "shop-hilversum", today, i18n.NL)
		if err := Match(c, intake(t), again, Options{}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first.Referrals, again.Referrals) || !reflect.DeepEqual(first.Advice, again.Advice) {
			t.Fatal("two matches of the same result differ")
		}
	}
}

// Events: upcoming ones that fit the weakest dimensions, at most two, in
// date order; past ones never.
func TestEvents(t *testing.T) {
	events := `  - {id: e-data-1, series: series, date: 2027-02-11, place: {nl: Hilversum, en: Hilversum}, title: {nl: Data een, en: Data one}, dimensions: [data], planned: true}
  - {id: e-data-old, series: series, date: 2026-10-01, place: {nl: Huizen, en: Huizen}, title: {nl: Data oud, en: Data old}, dimensions: [data]}
  - {id: e-green, series: series, date: 2027-01-14, place: {nl: Laren, en: Laren}, title: {nl: Groen, en: Green}, dimensions: [green]}
  - {id: e-people, series: series, date: 2027-03-11, place: {nl: Blaricum, en: Blaricum}, title: {nl: Mensen, en: People}, dimensions: [people], url: "https://example.org/people"}
  - {id: e-ai, series: series, date: 2027-04-08, place: {nl: Bussum, en: Bussum}, title: {nl: AI, en: AI}, topics: [ai]}
`
	c := withProgrammes(t, []string{prog("series", "offers: [workshop]")}, events)
	r := match(t, c, result(gap("data", 15), gap("people", 30), gap("green", 50)), "2026-11-27")
	ref := find(r, "series")
	var got []string
	for _, e := range ref.Events {
		got = append(got, e.ID)
	}
	if !reflect.DeepEqual(got, []string{"e-data-1", "e-people"}) {
		t.Errorf("events %v, want the two biggest gaps in date order", got)
	}
	if !ref.Events[0].Planned || ref.Events[1].URL != "https://example.org/people" || ref.Events[0].Place != "Hilversum" {
		t.Errorf("event fields: %+v", ref.Events)
	}
	want := "de workshop ‘Data een’ gaat over gegevens en beveiliging, gepland op 11-02-2027 in Hilversum (nog niet bevestigd)"
	if !slices.Contains(ref.Reasons, want) {
		t.Errorf("reasons %q lack %q", ref.Reasons, want)
	}
	// Topics asked for count too.
	r = match(t, c, result(topics("ai"), gap("green", 50)), "2026-11-27")
	got = nil
	for _, e := range find(r, "series").Events {
		got = append(got, e.ID)
	}
	if !reflect.DeepEqual(got, []string{"e-green", "e-ai"}) {
		t.Errorf("events %v", got)
	}
	// After the last one: no events, the series is still referred.
	r = match(t, c, result(gap("data", 15)), "2027-05-01")
	if ref := find(r, "series"); ref == nil || len(ref.Events) != 0 {
		t.Errorf("after the events: %+v", ref)
	}
}

// Every referral has reasons in the result's language, without
// placeholders, at most MaxReasons.
func TestReasonsEveryReferral(t *testing.T) {
	for _, lang := range i18n.Langs {
		for _, name := range []string{"photographer-laren", "shop-hilversum", "manufacturer-huizen", "media-hilversum", "wholesaler-eemnes"} {
			r := matched(t, name, today, lang)
			for _, ref := range r.Referrals {
				if len(ref.Reasons) == 0 || len(ref.Reasons) > MaxReasons {
					t.Errorf("%s %s: %d reasons", name, ref.Programme, len(ref.Reasons))
				}
				for _, s := range ref.Reasons {
					if s == "" || strings.ContainsAny(s, "{}") {
						t.Errorf("%s %s: bad reason %q", name, ref.Programme, s)
					}
				}
				if ref.Name == "" || ref.Cost == "" || ref.Operator == "" || (ref.URL == "" && ref.Contact == "") {
					t.Errorf("%s %s: missing texts %+v", name, ref.Programme, ref)
				}
			}
		}
	}
	nl := matched(t, "media-hilversum", today, i18n.NL)
	en := matched(t, "media-hilversum", today, i18n.EN)
	if nl.Referrals[0].Reasons[0] != "u bent gevestigd in Hilversum en werkt in de media" ||
		en.Referrals[0].Reasons[0] != "you are based in Hilversum and work in media" {
		t.Errorf("reasons: nl %q, en %q", nl.Referrals[0].Reasons, en.Referrals[0].Reasons)
	}
}

// The JSON keeps the keys of the design and adds snake_case ones.
func TestReferralJSON(t *testing.T) {
	r := matched(t, "shop-hilversum", today, i18n.NL)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Catalogue map[string]string `json:"catalogue"`
		Referrals []map[string]any  `json:"referrals"`
		Advice    []map[string]any  `json:"advice"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Catalogue["id"] != DefaultName || doc.Catalogue["version"] == "" {
		t.Errorf("catalogue %v", doc.Catalogue)
	}
	for _, k := range []string{"programme", "name", "url", "score", "reasons", "status", "offers", "cost"} {
		if _, ok := doc.Referrals[0][k]; !ok {
			t.Errorf("referral JSON lacks %q: %v", k, doc.Referrals[0])
		}
	}
	for _, k := range []string{"id", "title", "text", "kind"} {
		if _, ok := doc.Advice[0][k]; !ok {
			t.Errorf("advice JSON lacks %q", k)
		}
	}
}

func TestMatchErrors(t *testing.T) {
	qn := intake(t)
	if err := Match(nil, qn, result(), Options{}); err == nil {
		t.Error("nil catalogue")
	}
	if err := Match(builtin(t), qn, nil, Options{}); err == nil {
		t.Error("nil result")
	}
	r := result()
	r.AsOf = date.Date{}
	if err := Match(builtin(t), qn, r, Options{}); err == nil || !strings.Contains(err.Error(), "as-of") {
		t.Errorf("no as-of date: %v", err)
	}
	// Another questionnaire without some of the catalogue's topics,
	// provinces and insights: a scan still runs (those entries never
	// match), while Validate reports every mismatch for the maintainer.
	if err := Match(builtin(t), miniQuestionnaire(t), result(), Options{}); err != nil {
		t.Errorf("a questionnaire lacking topics and insights must still match: %v", err)
	}
	if err := builtin(t).Validate(miniQuestionnaire(t)); err == nil || !strings.Contains(err.Error(), `has no insight "ai-held-back-by-data"`) {
		t.Errorf("Validate against mini: %v", err)
	}
	// The options default to the result's as-of date and language.
	r = result(gap("data", 10))
	r.Lang = "en"
	if err := Match(builtin(t), qn, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if r.Catalogue == nil || r.Catalogue.ID != DefaultName || !strings.HasPrefix(find(r, "basisscan-cyberweerbaarheid").Cost, "Free") {
		t.Errorf("defaults: %+v", r.Catalogue)
	}
}

// The municipality merger: Loosdrecht is in Wijdemeren until 2026-12-31 and
// in Hilversum from 2027-01-01 (resolved by scan, honoured by the rules).
func TestMergerFollowsAsOf(t *testing.T) {
	c := rulesCatalogue(t)
	doc := strings.Replace(mustRead(t, "testdata/businesses/shop-hilversum.yaml"), "place: hilversum", "place: loosdrecht", 1)
	before := scoreAnswers(t, "loosdrecht.yaml", []byte(doc), date.MustParse("2026-12-31"), i18n.NL)
	after := scoreAnswers(t, "loosdrecht.yaml", []byte(doc), date.MustParse("2027-01-01"), i18n.NL)
	if find(match(t, c, before, "2026-12-31"), "hilversum-only") != nil {
		t.Error("Loosdrecht counts as Hilversum before the merger")
	}
	if find(match(t, c, after, "2027-01-01"), "hilversum-only") == nil {
		t.Error("Loosdrecht does not count as Hilversum after the merger")
	}
}

// Matching is safe from many goroutines at once, the first ones preparing
// the catalogue and warming its caches.
func TestMatchConcurrent(t *testing.T) {
	data, err := builtinFS.ReadFile(DefaultName + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load("fresh.yaml", data, nil) // not yet prepared
	if err != nil {
		t.Fatal(err)
	}
	qn := intake(t)
	want := matched(t, "media-hilversum", today, i18n.EN)
	done := make(chan *scan.Result)
	for i := range 8 {
		go func() {
			r := scored(t, "media-hilversum", today, i18n.EN)
			if i%2 == 1 {
				r.Lang = "nl"
			}
			if err := Match(c, qn, r, Options{Lang: i18n.EN}); err != nil {
				t.Error(err)
			}
			done <- r
		}()
	}
	for range 8 {
		r := <-done
		if !reflect.DeepEqual(r.Referrals, want.Referrals) {
			t.Error("concurrent matches differ")
		}
	}
}

// The model marshals to JSON for `programmes show --format json`.
func TestProgrammeJSON(t *testing.T) {
	c := builtin(t)
	b, err := json.Marshal(c.Programme("wbso"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"id":"wbso"`, `"variants":[{"id":"so-deduction"`, `"status":"open"`, `"reviewed":"2026-11-27"`, `"verified":true`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
	if _, err := json.Marshal(c); err != nil {
		t.Errorf("catalogue JSON: %v", err)
	}
	b, _ = json.Marshal(c.Programme("slim").Availability)
	if !strings.Contains(string(b), `"yearly":[{"opens":"09-01","closes":"09-30"`) {
		t.Errorf("yearly windows JSON: %s", b)
	}
}

// TestTop: Top gives the first programmes of the full ranking, with their
// score, status and variant, and nothing else (no advice either); Reuse
// changes nothing but where the referrals are.
func TestTop(t *testing.T) {
	c := builtin(t)
	for _, name := range []string{"shop-hilversum", "manufacturer-huizen", "photographer-laren"} {
		full := matched(t, name, today, i18n.EN)
		if len(full.Referrals) < 3 {
			t.Fatalf("%s: %d referrals: too few to limit", name, len(full.Referrals))
		}
		for _, top := range []int{1, 2, len(full.Referrals), len(full.Referrals) + 5} {
			r := scored(t, name, today, i18n.EN)
			if err := Match(c, intake(t), r, Options{Top: top}); err != nil {
				t.Fatal(err)
			}
			var want []scan.Referral
			for _, f := range full.Referrals[:min(top, len(full.Referrals))] {
				want = append(want, scan.Referral{Programme: f.Programme, Variant: f.Variant, Score: f.Score, Status: f.Status, More: f.More})
			}
			if !reflect.DeepEqual(r.Referrals, want) {
				t.Errorf("%s, top %d:\n got %+v\nwant %+v", name, top, r.Referrals, want)
			}
			if len(r.Advice) != 0 {
				t.Errorf("%s, top %d: %d steps of advice", name, top, len(r.Advice))
			}
		}
		// Reuse writes over the array of another business's referrals.
		r := scored(t, name, today, i18n.EN)
		other := matched(t, "media-hilversum", today, i18n.NL).Referrals
		r.Referrals = append(other, other...)[:0]
		if err := Match(c, intake(t), r, Options{Reuse: true}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Referrals, full.Referrals) {
			t.Errorf("%s, reused:\n got %+v\nwant %+v", name, r.Referrals, full.Referrals)
		}
	}
}

// TestAnswersRead: the questions the built-in catalogue's conditions read.
func TestAnswersRead(t *testing.T) {
	got := builtin(t).AnswersRead()
	if want := []string{"association", "province", "topics"}; !slices.Equal(got, want) {
		t.Errorf("AnswersRead() = %q, want %q", got, want)
	}
}
