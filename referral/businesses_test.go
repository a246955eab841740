package referral

import (
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
	tests := []struct {
		name   string
		asOf   string
		first  string   // the first referral, if it matters
		top    []string // among the first three
		has    []string // somewhere in the list
		never  []string
		advice []string // advice ids, in order
	}{
		{
			name:   "photographer-laren", // freelance photographer, weak security, wants website help
			asOf:   "2026-11-27",
			top:    []string{"basisscan-cyberweerbaarheid", "spot035-workshops"},
			has:    []string{"mkb-werkplaats", "ondernemersvereniging", "wbso", "mit-noord-holland"},
			never:  []string{"slim", "mit-utrecht", "rom-utrecht-region", "smart-industry-noordwest", "mijn-digitale-zaak"},
			advice: []string{"gap.strategy.critical", "gap.data.critical", "quadrant.vulnerable"},
		},
		{
			name:   "shop-hilversum", // 6 people, customers online, the shop hardly
			asOf:   "2026-11-27",
			top:    []string{"basisscan-cyberweerbaarheid", "mkb-werkplaats", "spot035-workshops"},
			has:    []string{"ondernemersvereniging", "edih-noordwest", "mit-noord-holland"},
			never:  []string{"mijn-digitale-zaak", "smart-industry-noordwest", "mit-utrecht", "slim"}, // SLIM's window is September
			advice: []string{"gap.strategy.critical", "insight.customers-online-business-not", "gap.data.critical"},
		},
		{
			name:  "manufacturer-huizen", // 40 people, member of a branch organisation
			asOf:  "2026-11-27",
			top:   []string{"smart-industry-noordwest", "edih-noordwest"},
			has:   []string{"mit-noord-holland", "wbso", "inwest"},
			never: []string{"ondernemersvereniging", "mit-utrecht", "rom-utrecht-region", "mkb-idee"},
		},
		{
			name:  "media-hilversum", // wants AI
			asOf:  "2026-11-27",
			first: "edih-noordwest",
			has:   []string{"mit-noord-holland", "wbso", "spot035-workshops"},
			never: []string{"smart-industry-noordwest", "ondernemersvereniging", "mit-utrecht"},
		},
		{
			name:  "wholesaler-eemnes", // province of Utrecht
			asOf:  "2026-11-27",
			has:   []string{"mit-utrecht", "rom-utrecht-region", "spot035-workshops", "ondernemersvereniging"},
			never: []string{"mit-noord-holland", "inwest"},
		},
		// In September the SLIM window is open for firms with staff, never
		// for a freelancer.
		{name: "manufacturer-huizen", asOf: "2027-09-15", has: []string{"slim"}},
		{name: "shop-hilversum", asOf: "2027-09-15", has: []string{"slim"}},
		{name: "photographer-laren", asOf: "2027-09-15", never: []string{"slim"}},
		// After the regional workshops of 2027 the series is still referred,
		// without events.
		{name: "shop-hilversum", asOf: "2027-12-01", has: []string{"spot035-workshops"}},
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
	// The freelancer gets the S&O deduction, not the wage-cost credit.
	r := matched(t, "photographer-laren", today, i18n.NL)
	wbso := find(r, "wbso")
	if wbso.Variant != "so-deduction" || !strings.Contains(wbso.Name, "S&O-aftrek") || !strings.Contains(strings.Join(wbso.Notes, " "), "500 uur") {
		t.Errorf("freelancer WBSO: %+v", wbso)
	}
	if w := find(matched(t, "manufacturer-huizen", today, i18n.NL), "wbso"); w.Variant != "" || strings.Contains(w.Name, "S&O-aftrek") {
		t.Errorf("a firm with staff gets the wage-cost credit: %+v", w)
	}
	// The Eemnes firm hears about its province.
	r = matched(t, "wholesaler-eemnes", today, i18n.NL)
	if mit := find(r, "mit-utrecht"); !slices.Contains(mit.Reasons, "uw bedrijf zit in Eemnes, in de provincie Utrecht") {
		t.Errorf("MIT Utrecht reasons %q", mit.Reasons)
	}
	// The regional workshops replace SPOT035 and suggest fitting dates.
	r = matched(t, "shop-hilversum", today, i18n.NL)
	spot := find(r, "spot035-workshops")
	if spot.Replaces != "spot035-2023" || len(spot.Events) == 0 || !spot.Events[0].Planned {
		t.Errorf("SPOT035 workshops: %+v", spot)
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
	if !find(r, "edih-noordwest").Unverified || find(r, "wbso").Unverified {
		t.Error("the unverified flag does not follow the catalogue")
	}
}

// Ended and closed programmes never appear as open, whatever the date.
func TestClosedNeverReferred(t *testing.T) {
	for _, asOf := range []string{"2022-06-01", "2023-06-01", "2026-11-27", "2027-09-15", "2029-06-01"} {
		for _, name := range []string{"photographer-laren", "shop-hilversum", "manufacturer-huizen", "media-hilversum", "wholesaler-eemnes"} {
			r := matched(t, name, date.MustParse(asOf), i18n.NL)
			for _, id := range []string{"mijn-digitale-zaak", "mkb-idee", "via", "spot035-2023"} {
				if find(r, id) != nil {
					t.Errorf("%s@%s: %s is referred", name, asOf, id)
				}
			}
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
