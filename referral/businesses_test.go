package referral

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/scan"
)

// What a knowledgeable advisor in the region would refer these businesses
// to (testdata/businesses), scored with the real intake and matched against
// the embedded catalogue. Top is a set: each must be in the first three.
func TestRealisticBusinesses(t *testing.T) {
	innovation := []string{"mit-noord-holland", "mit-utrecht", "wbso", "inwest", "rom-utrecht-region"}
	tests := []struct {
		name   string
		asOf   string
		first  string   // the first referral, if it matters
		top    []string // among the first three
		has    []string // somewhere in the list
		never  []string
		advice []string // advice ids, in order
		// before: each pair [a, b] says a ranks above b (when both are referred).
		before [][2]string
	}{
		{
			name:   "photographer-laren", // freelance photographer, weak security, wants website help
			asOf:   "2026-11-27",
			first:  "basisscan-cyberweerbaarheid",
			top:    []string{"basisscan-cyberweerbaarheid", "mkb-werkplaats", "spot035-workshops"},
			has:    []string{"ondernemersvereniging"},
			never:  append([]string{"slim", "smart-industry-noordwest", "mijn-digitale-zaak"}, innovation...),
			advice: []string{"gap.strategy.critical", "gap.data.critical", "quadrant.vulnerable"},
		},
		{
			name:   "shop-hilversum", // 6 people, customers online, the shop hardly
			asOf:   "2026-11-27",
			top:    []string{"basisscan-cyberweerbaarheid", "mkb-werkplaats", "spot035-workshops"},
			has:    []string{"ondernemersvereniging"},
			never:  append([]string{"mijn-digitale-zaak", "smart-industry-noordwest", "slim"}, innovation...), // SLIM's window is September
			advice: []string{"gap.strategy.critical", "insight.customers-online-business-not", "gap.data.critical"},
		},
		{
			// The 40-person metal works that wants automation, without an
			// innovation plan: Smart Industry first, never a generic workshop
			// above it, no innovation grants.
			name:   "manufacturer-huizen",
			asOf:   "2026-11-27",
			first:  "smart-industry-noordwest",
			has:    []string{"edih-noordwest", "basisscan-cyberweerbaarheid"},
			never:  append([]string{"ondernemersvereniging", "mkb-idee", "spot035-workshops"}, innovation...),
			before: [][2]string{{"smart-industry-noordwest", "spot035-workshops"}, {"smart-industry-noordwest", "edih-noordwest"}},
		},
		{
			name:  "media-hilversum", // wants AI, plans a new product
			asOf:  "2026-11-27",
			first: "edih-noordwest",
			has:   []string{"mit-noord-holland"},
			never: []string{"smart-industry-noordwest", "ondernemersvereniging", "mit-utrecht", "wbso", "inwest"},
		},
		{
			name:  "wholesaler-eemnes", // province of Utrecht, no innovation plan
			asOf:  "2026-11-27",
			has:   []string{"spot035-workshops", "ondernemersvereniging", "mkb-werkplaats"},
			never: innovation,
		},
		// New realistic businesses (testdata/businesses, invented for the tests).
		{
			// A freelance hairdresser without website or backups who asks
			// about funding: free help first, no innovation grants or loans.
			name:   "hairdresser-bussum",
			asOf:   "2026-11-27",
			first:  "basisscan-cyberweerbaarheid",
			top:    []string{"mkb-werkplaats"},
			never:  append([]string{"edih-noordwest", "smart-industry-noordwest", "slim"}, innovation...),
			before: [][2]string{{"basisscan-cyberweerbaarheid", "spot035-workshops"}},
		},
		{
			name:  "bakery-huizen", // six people, member of the local association, wants to sell online
			asOf:  "2026-11-27",
			first: "mkb-werkplaats",
			has:   []string{"basisscan-cyberweerbaarheid"},
			never: append([]string{"ondernemersvereniging", "edih-noordwest", "smart-industry-noordwest"}, innovation...),
		},
		{
			// 300 people with its own R&D: no SME-only programmes, the WBSO.
			name:  "factory-hilversum",
			asOf:  "2026-11-27",
			has:   []string{"wbso", "edih-noordwest"},
			never: []string{"smart-industry-noordwest", "mkb-werkplaats", "mit-noord-holland", "inwest", "slim", "spot035-workshops", "ondernemersvereniging"},
		},
		{
			// Outside the region: nothing regional.
			name:  "webshop-amsterdam",
			asOf:  "2026-11-27",
			first: "basisscan-cyberweerbaarheid",
			has:   []string{"mkb-werkplaats"},
			never: append([]string{"spot035-workshops", "ondernemersvereniging", "mit-utrecht", "rom-utrecht-region"}, innovation...),
		},
		{
			// Eemnes is in Utrecht: Utrecht's innovation schemes for its
			// innovation plan, never Noord-Holland's.
			name:  "consultancy-eemnes",
			asOf:  "2026-11-27",
			has:   []string{"mit-utrecht", "rom-utrecht-region", "mkb-werkplaats"},
			never: []string{"mit-noord-holland", "inwest", "wbso", "smart-industry-noordwest"},
		},
		// In September the SLIM window is open for firms with staff, never
		// for a freelancer.
		{name: "manufacturer-huizen", asOf: "2027-09-15", has: []string{"slim"}},
		{name: "shop-hilversum", asOf: "2027-09-15", has: []string{"slim"}},
		{name: "photographer-laren", asOf: "2027-09-15", never: []string{"slim"}},
		{name: "shop-hilversum", asOf: "2027-12-01", has: []string{"spot035-workshops"}},
		// History as it was: Mijn Digitale Zaak inside its 2023 window, the
		// SPOT035 deal until the end of 2023 and not its successor.
		{name: "shop-hilversum", asOf: "2023-06-01", has: []string{"mijn-digitale-zaak", "spot035-2023"}, never: []string{"spot035-workshops"}},
		{name: "shop-hilversum", asOf: "2022-09-01", has: []string{"mijn-digitale-zaak", "spot035-2023"}},
		{name: "shop-hilversum", asOf: "2024-01-01", has: []string{"spot035-workshops"}, never: []string{"mijn-digitale-zaak", "spot035-2023"}},
		{name: "shop-hilversum", asOf: "2021-08-01", has: []string{"mkb-idee"}},
		// Sole traders could apply to Mijn Digitale Zaak only from 2023.
		{name: "photographer-laren", asOf: "2022-09-01", never: []string{"mijn-digitale-zaak"}},
		{name: "photographer-laren", asOf: "2023-06-01", has: []string{"mijn-digitale-zaak"}},
	}
	for _, tc := range tests {
		t.Run(tc.name+"@"+tc.asOf, func(t *testing.T) {
			r := matched(t, tc.name, date.MustParse(tc.asOf), i18n.NL)
			got := ids(r.Referrals)
			top := got[:min(Headline, len(got))]
			if tc.first != "" && got[0] != tc.first {
				t.Errorf("first %s, want %s (%v)", got[0], tc.first, got)
			}
			for _, id := range tc.top {
				if !slices.Contains(top, id) {
					t.Errorf("%s is not in the headline %v (all: %v)", id, top, got)
				}
			}
			for _, id := range tc.has {
				if !slices.Contains(got, id) {
					t.Errorf("%s is not referred: %v", id, got)
				}
			}
			for _, id := range tc.never {
				if slices.Contains(got, id) {
					t.Errorf("%s is referred: %v", id, got)
				}
			}
			for _, pair := range tc.before {
				a, b := slices.Index(got, pair[0]), slices.Index(got, pair[1])
				if a >= 0 && b >= 0 && a > b {
					t.Errorf("%s ranks below %s: %v", pair[0], pair[1], got)
				}
				if a < 0 {
					t.Errorf("%s is not referred: %v", pair[0], got)
				}
			}
			for _, ref := range r.Referrals {
				if ref.Status != StatusOpen && ref.Status != StatusUpcoming {
					t.Errorf("%s has status %s", ref.Programme, ref.Status)
				}
			}
			if tc.advice != nil {
				var adv []string
				for _, a := range r.Advice {
					adv = append(adv, a.ID)
				}
				if !slices.Equal(adv, tc.advice) {
					t.Errorf("advice %v, want %v", adv, tc.advice)
				}
			}
		})
	}
}

// Business-specific details a regional advisor would point out.
func TestRealisticDetails(t *testing.T) {
	// A firm with staff and its own R&D gets the wage-cost credit.
	if w := find(matched(t, "factory-hilversum", today, i18n.NL), "wbso"); w == nil || w.Variant != "" || strings.Contains(w.Name, "S&O-aftrek") {
		t.Errorf("a firm with staff gets the wage-cost credit: %+v", w)
	}
	// The Eemnes firm hears about its province, and the intent is the reason.
	r := matched(t, "consultancy-eemnes", today, i18n.NL)
	if mit := find(r, "mit-utrecht"); !slices.Contains(mit.Reasons, "uw bedrijf zit in Eemnes, in de provincie Utrecht") ||
		!slices.Contains(mit.Reasons, "u wilt iets nieuws ontwikkelen, en de MIT-regeling van Utrecht geeft subsidie voor haalbaarheids- en R&D-projecten") {
		t.Errorf("MIT Utrecht reasons %q", mit.Reasons)
	}
	// The regional workshops replace SPOT035; no invented dates, and a
	// non-member is not sent to an association.
	r = matched(t, "shop-hilversum", today, i18n.NL)
	spot := find(r, "spot035-workshops")
	if spot.Replaces != "spot035-2023" || len(spot.Events) != 0 || spot.Variant != "not-member" ||
		strings.Contains(spot.Contact, "uw vereniging") || !strings.Contains(spot.Contact, "wordt u lid van een vereniging") {
		t.Errorf("SPOT035 workshops for a non-member: %+v", spot)
	}
	r = matched(t, "bakery-huizen", today, i18n.NL)
	if spot := find(r, "spot035-workshops"); spot != nil && !strings.Contains(spot.Contact, "uw vereniging hoort het") {
		t.Errorf("SPOT035 workshops for a member: %+v", spot)
	}
	// SLIM in September: open until the end of the month, with staff, and
	// de-minimis noted; in June it is upcoming with its date.
	r = matched(t, "manufacturer-huizen", date.MustParse("2027-09-15"), i18n.NL)
	slim := find(r, "slim")
	if slim.Status != StatusOpen || slim.Closes.String() != "2027-09-30" ||
		!slices.Contains(slim.Reasons, "aanvragen kan tot en met 30-09-2027") ||
		!slices.Contains(slim.Reasons, "u heeft personeel, en SLIM is er voor het leren van medewerkers") ||
		!strings.Contains(strings.Join(slim.Notes, " "), "de-minimissteun") {
		t.Errorf("SLIM in September: %+v", slim)
	}
	r = matched(t, "manufacturer-huizen", date.MustParse("2027-06-15"), i18n.EN)
	slim = find(r, "slim")
	if slim == nil || slim.Status != StatusUpcoming || slim.Opens.String() != "2027-09-01" ||
		!slices.Contains(slim.Reasons, "the next round opens on 1 September 2027; you cannot apply yet") {
		t.Errorf("SLIM in June: %+v", slim)
	}
	// Unverified facts are flagged for the reader.
	if !find(r, "edih-noordwest").Unverified || !find(r, "smart-industry-noordwest").Unverified {
		t.Error("the unverified flag does not follow the catalogue")
	}
	if find(r, "basisscan-cyberweerbaarheid") != nil && find(r, "basisscan-cyberweerbaarheid").Unverified {
		t.Error("the unverified flag does not follow the catalogue")
	}
}

// Fit before eligibility: no referral rests on where the business is or
// its size alone, and every one gives a reason of need; checked on every
// business on several dates, in both languages.
func TestEveryReferralAnswersANeed(t *testing.T) {
	names := []string{"photographer-laren", "shop-hilversum", "manufacturer-huizen", "media-hilversum", "wholesaler-eemnes",
		"hairdresser-bussum", "bakery-huizen", "factory-hilversum", "webshop-amsterdam", "consultancy-eemnes"}
	for _, asOf := range []string{"2022-09-01", "2023-06-01", "2026-11-27", "2027-09-15"} {
		for _, name := range names {
			for _, lang := range []i18n.Lang{i18n.NL, i18n.EN} {
				r := matched(t, name, date.MustParse(asOf), lang)
				for _, ref := range r.Referrals {
					need := 0
					for _, reason := range ref.Reasons {
						if !strings.HasPrefix(reason, "u bent gevestigd in") && !strings.HasPrefix(reason, "uw bedrijf zit in") &&
							!strings.HasPrefix(reason, "you are based in") && !strings.HasPrefix(reason, "your business is in") &&
							!strings.HasPrefix(reason, "u werkt in") && !strings.HasPrefix(reason, "you work in") &&
							!strings.Contains(reason, "omvang") && !strings.Contains(reason, "your size") &&
							!strings.Contains(reason, "bedrijven zoals het uwe") && !strings.Contains(reason, "businesses like yours") {
							need++
						}
					}
					if need == 0 {
						t.Errorf("%s@%s %s: %s has no reason of need: %q", name, asOf, lang, ref.Programme, ref.Reasons)
					}
				}
			}
		}
	}
}

// Programmes with no dates are never offered; dated ones only inside their
// windows: never after them.
func TestClosedNeverReferred(t *testing.T) {
	for _, asOf := range []string{"2024-06-01", "2026-11-27", "2027-09-15", "2029-06-01"} {
		for _, name := range []string{"photographer-laren", "shop-hilversum", "manufacturer-huizen", "media-hilversum", "wholesaler-eemnes"} {
			r := matched(t, name, date.MustParse(asOf), i18n.NL)
			for _, id := range []string{"mijn-digitale-zaak", "mkb-idee", "via", "spot035-2023"} {
				if find(r, id) != nil {
					t.Errorf("%s@%s: %s is referred", name, asOf, id)
				}
			}
		}
	}
	for _, asOf := range []string{"2021-08-01", "2022-09-01", "2023-06-01"} {
		if find(matched(t, "shop-hilversum", date.MustParse(asOf), i18n.NL), "via") != nil {
			t.Errorf("VIA (no dates, outside the region) referred on %s", asOf)
		}
	}
}

// Advice: at most three next steps, biggest gap first, an insight taking
// the place of its dimension's gap advice, the freelancer's own texts.
func TestAdvice(t *testing.T) {
	c := builtin(t)
	ids := func(as []scan.Advice) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	tests := []struct {
		name     string
		edits    []func(*scan.Result)
		insights []string
		want     []string
	}{
		{"gaps then quadrant", []func(*scan.Result){gap("data", 10), gap("people", 35)}, nil,
			[]string{"gap.data.critical", "gap.people.moderate", "quadrant.vulnerable"}},
		{"an insight takes the place of its dimension's gap", []func(*scan.Result){gap("data", 10), gap("people", 35)}, []string{"data-without-security"},
			[]string{"insight.data-without-security", "gap.people.moderate", "quadrant.vulnerable"}},
		{"an insight of another dimension comes second", []func(*scan.Result){gap("data", 10), gap("people", 35)}, []string{"customers-online-business-not"},
			[]string{"gap.data.critical", "insight.customers-online-business-not", "gap.people.moderate"}},
		{"asking for help moves a gap up", []func(*scan.Result){gap("data", 35), gap("automation", 40), topics("automation")}, nil,
			[]string{"gap.automation.moderate", "gap.data.moderate", "quadrant.vulnerable"}},
		{"no gaps: the quadrant", []func(*scan.Result){quadrant("frontrunner")}, nil, []string{"quadrant.frontrunner"}},
		{"many gaps: three", []func(*scan.Result){gap("data", 10), gap("people", 12), gap("green", 14), gap("strategy", 16)}, []string{"technology-without-people"},
			[]string{"gap.data.critical", "insight.technology-without-people", "gap.green.critical"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := result(tc.edits...)
			for _, in := range tc.insights {
				r.Insights = append(r.Insights, scan.Insight{ID: in})
			}
			if err := Match(c, intake(t), r, Options{}); err != nil {
				t.Fatal(err)
			}
			if got := ids(r.Advice); !slices.Equal(got, tc.want) {
				t.Errorf("advice %v, want %v", got, tc.want)
			}
			for _, a := range r.Advice {
				if a.Title == "" || a.Text == "" || a.Kind == "" {
					t.Errorf("incomplete advice %+v", a)
				}
			}
		})
	}
	// A freelancer gets the freelancer text where there is one.
	r := result(sized("zzp"), gap("people", 10))
	if err := Match(c, intake(t), r, Options{Lang: i18n.EN}); err != nil {
		t.Fatal(err)
	}
	if r.Advice[0].ID != "gap.people.critical" || r.Advice[0].Title != "Book a fixed hour for learning" {
		t.Errorf("freelancer advice %+v", r.Advice[0])
	}
}

// The five example businesses of the README (examples/answers): the ranking
// rules as an advisor would read them.
func TestExampleBusinesses(t *testing.T) {
	innovation := []string{"mit-noord-holland", "mit-utrecht", "wbso", "inwest", "rom-utrecht-region"}
	tests := []struct {
		file  string
		first string
		top   []string
		never []string
	}{
		// Freelance photographer, weak security: the free scan first.
		{"fotograaf-laren", "basisscan-cyberweerbaarheid", []string{"mkb-werkplaats", "spot035-workshops"}, append([]string{"slim", "smart-industry-noordwest"}, innovation...)},
		// Installer in Eemnes (Utrecht), no innovation plan.
		{"installateur-eemnes", "mkb-werkplaats", []string{"basisscan-cyberweerbaarheid"}, innovation},
		// Metal works: made for manufacturers first; no generic workshop.
		{"maakbedrijf-huizen", "smart-industry-noordwest", []string{"edih-noordwest"}, append([]string{"spot035-workshops"}, innovation...)},
		// Media company that wants AI: the hub for AI in media first.
		{"mediabedrijf-hilversum", "edih-noordwest", []string{"basisscan-cyberweerbaarheid"}, append([]string{"smart-industry-noordwest"}, innovation...)},
		// Bike shop: hands-on help for selling online, the free scan.
		{"winkel-hilversum", "mkb-werkplaats", []string{"basisscan-cyberweerbaarheid"}, append([]string{"mijn-digitale-zaak", "ondernemersvereniging"}, innovation...)},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("..", "examples", "answers", tc.file+".yaml")
			r := scoreAnswers(t, path, []byte(mustRead(t, path)), today, i18n.NL)
			if err := Match(builtin(t), intake(t), r, Options{AsOf: today, Lang: i18n.NL}); err != nil {
				t.Fatal(err)
			}
			got := ids(r.Referrals)
			if len(got) == 0 || got[0] != tc.first {
				t.Errorf("first %v, want %s", got, tc.first)
			}
			for _, id := range tc.top {
				if i := slices.Index(got, id); i < 0 || i >= Headline {
					t.Errorf("%s not in the headline: %v", id, got)
				}
			}
			for _, id := range tc.never {
				if slices.Contains(got, id) {
					t.Errorf("%s referred: %v", id, got)
				}
			}
		})
	}
}
