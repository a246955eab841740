package referral

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

var allBusinesses = []string{"photographer-laren", "shop-hilversum", "manufacturer-huizen", "media-hilversum", "wholesaler-eemnes",
	"hairdresser-bussum", "bakery-huizen", "factory-hilversum", "webshop-amsterdam", "consultancy-eemnes"}

// The explanation agrees with Match for every business, programme and
// date: referred exactly when eligible, available and fitting, at the rank
// Match gives it.
func TestWhyAgreesWithMatch(t *testing.T) {
	c := builtin(t)
	for _, asOf := range []string{"2021-08-01", "2022-09-01", "2023-06-01", "2026-11-27", "2027-09-15"} {
		for _, name := range allBusinesses {
			day := date.MustParse(asOf)
			r := scored(t, name, day, i18n.NL)
			matched := matched(t, name, day, i18n.NL)
			for _, p := range c.Programmes {
				w, err := Explain(c, intake(t), r, p.ID, Options{AsOf: day, Lang: i18n.NL})
				if err != nil {
					t.Fatal(err)
				}
				at := slices.Index(ids(matched.Referrals), p.ID)
				if w.Referred != (at >= 0) || w.Referred != (w.Eligible && w.Available && w.Fits) || (at >= 0 && w.Rank != at+1) {
					t.Errorf("%s@%s %s: referred %v (rank %d), eligible %v, available %v, fits %v; Match: position %d\n%+v",
						name, asOf, p.ID, w.Referred, w.Rank, w.Eligible, w.Available, w.Fits, at, w.Steps)
				}
				if len(w.Steps) == 0 {
					t.Errorf("%s %s: no steps", name, p.ID)
				}
			}
			if len(r.Referrals) != 0 {
				t.Errorf("Explain changed the result")
			}
		}
	}
}

func step(w *Why, rule string) *WhyStep {
	for i := range w.Steps {
		if w.Steps[i].Rule == rule {
			return &w.Steps[i]
		}
	}
	return nil
}

// The questions an advisor gets: what about X?
func TestWhyCases(t *testing.T) {
	c := builtin(t)
	explain := func(name, asOf, id string, lang i18n.Lang) *Why {
		t.Helper()
		day := date.MustParse(asOf)
		w, err := Explain(c, intake(t), scored(t, name, day, lang), id, Options{AsOf: day, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	// The hairdresser and MIT: may apply and it is open, but she has no
	// innovation plan, and that is all MIT answers.
	w := explain("hairdresser-bussum", "2026-11-27", "mit-noord-holland", i18n.NL)
	if w.Referred || !w.Eligible || !w.Available || w.Fits {
		t.Errorf("hairdresser MIT: %+v", w)
	}
	if s := step(w, "intent"); s == nil || s.OK || !strings.Contains(s.Args[1], "Waar wilt u hulp bij? Een nieuwe of betere website, Subsidie en financiering") {
		t.Errorf("intent step %+v", s)
	}
	// A condition on a question the business was not asked (the province of
	// a business in the region) names the value its profile holds.
	w = explain("shop-hilversum", "2026-11-27", "wbso", i18n.NL)
	if s := step(w, "answers"); s == nil || !s.OK || !strings.Contains(s.Args[0], "Noord-Holland") {
		t.Errorf("shop WBSO province: %+v", s)
	}
	// The photographer and SLIM: no staff.
	w = explain("photographer-laren", "2027-09-15", "slim", i18n.EN)
	if s := step(w, "size"); w.Eligible || s == nil || s.OK || s.Args[0] != "self-employed without staff" {
		t.Errorf("photographer SLIM: %+v", w)
	}
	// The shop and Mijn Digitale Zaak on 1 June 2023: in its second round.
	w = explain("shop-hilversum", "2023-06-01", "mijn-digitale-zaak", i18n.NL)
	if s := step(w, "open-until"); !w.Referred || s == nil || s.Args[1] != "14-07-2023" {
		t.Errorf("MDZ in 2023: %+v", w)
	}
	if s := step(w, "windows"); s == nil || s.Args[0] != "22-06-2022 – 30-11-2022; 17-05-2023 – 14-07-2023" {
		t.Errorf("MDZ windows: %+v", s)
	}
	// A sole trader in the 2022 round: not yet.
	w = explain("photographer-laren", "2022-09-01", "mijn-digitale-zaak", i18n.EN)
	if s := step(w, "round"); w.Referred || w.Available || s == nil || s.OK || s.Args[0] != "sole traders could not take part in the 2022 round" {
		t.Errorf("MDZ 2022 for a sole trader: %+v", w)
	}
	// ... and today: closed after its last round.
	if w = explain("shop-hilversum", "2026-11-27", "mijn-digitale-zaak", i18n.NL); w.Available || step(w, "closed") == nil {
		t.Errorf("MDZ today: %+v", w)
	}
	// The Amsterdam webshop and the region's workshops: outside the region.
	w = explain("webshop-amsterdam", "2026-11-27", "spot035-workshops", i18n.NL)
	if s := step(w, "location"); w.Eligible || s == nil || s.OK {
		t.Errorf("webshop workshops: %+v", w)
	}
	// The metal works and EDIH: referred, with the topic it asked for.
	w = explain("manufacturer-huizen", "2026-11-27", "edih-noordwest", i18n.NL)
	if s := step(w, "topic"); !w.Referred || s == nil || s.Args[0] != "werk automatiseren" {
		t.Errorf("metal works EDIH: %+v", w)
	}
	// The factory and the workshops: no need of a 300-person firm.
	w = explain("factory-hilversum", "2026-11-27", "spot035-workshops", i18n.NL)
	if w.Fits || step(w, "no-need-other") == nil {
		t.Errorf("factory workshops: %+v", w)
	}
	// VIA: no period known.
	if w = explain("shop-hilversum", "2026-11-27", "via", i18n.NL); step(w, "never") == nil || step(w, "location") == nil {
		t.Errorf("VIA: %+v", w)
	}
	// An unknown programme.
	if _, err := Explain(c, intake(t), scored(t, "shop-hilversum", today, i18n.NL), "mit", Options{}); err == nil || !strings.Contains(err.Error(), "unknown programme") {
		t.Errorf("unknown programme: %v", err)
	}
}

// Property over random businesses: every referral is eligible, open or
// upcoming, answers a need, and has a reason that is not where the business
// is or its size; every gap named in a reason is a dimension of the
// programme's focus (no referral argues from a weakness it does not
// address); Explain agrees.
func TestReferralsAnswerNeedsRandom(t *testing.T) {
	c := builtin(t)
	qn := intake(t)
	rnd := rand.New(rand.NewPCG(10, 2026))
	pick := func(xs []string) string { return xs[rnd.IntN(len(xs))] }
	topicIDs := []string{"strategy", "technology", "people", "data", "automation", "green", "cybersecurity", "online-sales", "ai", "funding", "website"}
	dimLabel := map[string]string{}
	for _, d := range q.DimensionIDs {
		dimLabel[d] = c.Labels.Dimensions.Items[d].In(i18n.EN)
	}
	total := 0
	for i := range 400 {
		edits := []func(*scan.Result){
			sector(pick(q.Sectors)), sized(pick(q.Sizes)), quadrant(pick(q.QuadrantIDs)),
			func(r *scan.Result) { r.Impact = float64(rnd.IntN(101)) },
		}
		switch rnd.IntN(4) {
		case 0:
			edits = append(edits, in("eemnes", "utrecht"))
		case 1:
			edits = append(edits, in(q.OutsideRegion, pick([]string{"groningen", "noord-holland", "utrecht", "abroad"})))
		case 2:
			edits = append(edits, member)
		}
		var ts []string
		for _, tp := range topicIDs {
			if rnd.IntN(5) == 0 {
				ts = append(ts, tp)
			}
		}
		if rnd.IntN(3) == 0 { // an innovation plan or own R&D
			ts = append(ts, pick([]string{"innovation", "rd"}))
		}
		edits = append(edits, topics(ts...))
		for _, d := range q.DimensionIDs {
			if rnd.IntN(2) == 0 {
				edits = append(edits, gap(d, float64(rnd.IntN(60))))
			}
		}
		r := result(edits...)
		asOf := pick([]string{"2021-08-01", "2022-09-01", "2023-06-01", "2026-11-27", "2027-09-15"})
		orig := *r
		if err := Match(c, qn, r, Options{AsOf: date.MustParse(asOf), Lang: i18n.EN}); err != nil {
			t.Fatal(err)
		}
		total += len(r.Referrals)
		for _, ref := range r.Referrals {
			p := c.Programme(ref.Programme)
			w, err := Explain(c, qn, &orig, ref.Programme, Options{AsOf: date.MustParse(asOf), Lang: i18n.EN})
			if err != nil {
				t.Fatal(err)
			}
			if !w.Referred || !w.Eligible || !w.Available || !w.Fits {
				t.Fatalf("case %d@%s %s: %+v", i, asOf, ref.Programme, w)
			}
			need := false
			for _, reason := range ref.Reasons {
				if !strings.HasPrefix(reason, "you are based in") && !strings.HasPrefix(reason, "your business is in") &&
					!strings.HasPrefix(reason, "you work in") && !strings.Contains(reason, "your size") {
					need = true
				}
				if strings.Contains(reason, "score") || strings.Contains(reason, "to gain in") {
					for d, label := range dimLabel {
						if strings.Contains(reason, label) && (p.Focus == nil || !slices.Contains(p.Focus.Dimensions, d)) {
							t.Errorf("case %d %s argues from %s, which it does not address: %q", i, ref.Programme, d, reason)
						}
					}
				}
			}
			if !need {
				t.Errorf("case %d %s: no reason of need: %q", i, ref.Programme, ref.Reasons)
			}
		}
	}
	if total < 400 {
		t.Errorf("only %d referrals in 400 businesses: the property was hardly tested", total)
	}
	t.Logf("%d referrals checked", total)
}
