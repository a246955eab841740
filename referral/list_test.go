package referral

import (
	"slices"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
)

func TestList(t *testing.T) {
	c := builtin(t)
	qn := intake(t)
	listed := func(f Filter) []string {
		t.Helper()
		ls, err := c.List(f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range ls {
			out = append(out, l.Programme.ID)
		}
		return out
	}
	all := listed(Filter{})
	if len(all) != len(c.Programmes) || !slices.Equal(all, c.IDs()) {
		t.Errorf("an empty filter lists %v", all)
	}
	open := listed(Filter{AsOf: today})
	for _, id := range []string{"mijn-digitale-zaak", "mkb-idee", "via", "spot035-2023", "slim"} {
		if slices.Contains(open, id) {
			t.Errorf("%s is listed as open today", id)
		}
	}
	if got := listed(Filter{AsOf: today, All: true}); len(got) != len(c.Programmes) {
		t.Errorf("All lists %d of %d", len(got), len(c.Programmes))
	}
	manufacturing := listed(Filter{AsOf: today, Sector: "manufacturing"})
	retail := listed(Filter{AsOf: today, Sector: "retail"})
	if !slices.Contains(manufacturing, "smart-industry-noordwest") || slices.Contains(retail, "smart-industry-noordwest") {
		t.Errorf("sector filter: manufacturing %v, retail %v", manufacturing, retail)
	}
	if slices.Contains(listed(Filter{All: true, Size: "zzp"}), "slim") {
		t.Error("SLIM listed for a freelancer")
	}
	eemnes := listed(Filter{AsOf: today, Municipality: "eemnes", Questionnaire: qn})
	if !slices.Contains(eemnes, "mit-utrecht") || !slices.Contains(eemnes, "rom-utrecht-region") ||
		slices.Contains(eemnes, "mit-noord-holland") || slices.Contains(eemnes, "inwest") || !slices.Contains(eemnes, "spot035-workshops") {
		t.Errorf("Eemnes lists %v", eemnes)
	}
	huizen := listed(Filter{AsOf: today, Municipality: "huizen", Questionnaire: qn})
	if !slices.Contains(huizen, "mit-noord-holland") || slices.Contains(huizen, "mit-utrecht") {
		t.Errorf("Huizen lists %v", huizen)
	}
	if got := listed(Filter{AsOf: today, Province: "groningen"}); slices.Contains(got, "spot035-workshops") || slices.Contains(got, "mit-noord-holland") {
		t.Errorf("Groningen lists %v", got)
	}

	// States and events.
	ls, _ := c.List(Filter{AsOf: date.MustParse("2027-06-15")})
	for _, l := range ls {
		switch l.Programme.ID {
		case "slim":
			if l.State.Status != StatusUpcoming || l.State.Opens.String() != "2027-09-01" {
				t.Errorf("SLIM in June: %+v", l.State)
			}
		case "spot035-workshops":
			if len(l.Events) != 0 {
				t.Errorf("workshops with dates nobody published: %d", len(l.Events))
			}
		}
	}

	for _, f := range []Filter{{Sector: "retial"}, {Size: "tiny"}, {Municipality: "bussum"}} {
		if _, err := c.List(f); err == nil {
			t.Errorf("List(%+v) accepts an unknown id", f)
		}
	}
}

func TestStateOnBuiltin(t *testing.T) {
	c := builtin(t)
	for _, tc := range []struct {
		id, asOf, status string
	}{
		// History as it was: the windows decide, the status summarises.
		{"mijn-digitale-zaak", "2022-06-21", StatusUpcoming},
		{"mijn-digitale-zaak", "2022-06-22", StatusOpen},
		{"mijn-digitale-zaak", "2022-11-30", StatusOpen},
		{"mijn-digitale-zaak", "2022-12-01", StatusClosed},
		{"mijn-digitale-zaak", "2023-05-17", StatusOpen},
		{"mijn-digitale-zaak", "2023-06-01", StatusOpen},
		{"mijn-digitale-zaak", "2023-07-14", StatusOpen},
		{"mijn-digitale-zaak", "2023-07-15", StatusClosed},
		{"mijn-digitale-zaak", "2026-11-27", StatusClosed},
		{"mkb-idee", "2021-08-01", StatusOpen},
		{"mkb-idee", "2021-09-08", StatusEnded},
		{"via", "2021-08-01", StatusClosed},
		{"spot035-2023", "2023-06-01", StatusOpen},
		{"spot035-2023", "2023-12-31", StatusOpen},
		{"spot035-2023", "2024-01-01", StatusEnded},
		{"spot035-2023", "2026-11-27", StatusEnded},
		// The successor starts where its predecessor ends.
		{"spot035-workshops", "2023-06-01", StatusClosed},
		{"spot035-workshops", "2023-12-31", StatusUpcoming},
		{"spot035-workshops", "2024-01-01", StatusOpen},
		{"slim", "2026-11-27", StatusClosed},
		{"slim", "2027-09-01", StatusOpen},
		{"slim", "2029-09-30", StatusOpen},
		{"slim", "2030-09-01", StatusClosed},
		{"edih-noordwest", "2022-09-30", StatusClosed},
		{"edih-noordwest", "2022-12-31", StatusUpcoming}, // starts within three months
		{"edih-noordwest", "2023-01-01", StatusOpen},
	} {
		if st := c.Programme(tc.id).StateOn(date.MustParse(tc.asOf)); st.Status != tc.status {
			t.Errorf("%s on %s: %+v, want %s", tc.id, tc.asOf, st, tc.status)
		}
	}
	// Closed between rounds, the state still says when the next one opens.
	if st := c.Programme("slim").StateOn(today); st.Opens.String() != "2027-09-01" {
		t.Errorf("SLIM next opening: %+v", st)
	}
}
