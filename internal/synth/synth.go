// Package synth makes synthetic but valid businesses for tests, benchmarks
// and the performance script of the analyst packages (export, stats,
// survey): random answers that pass scan.Check for any questionnaire,
// scored results with referrals, stores full of them and survey CSV files.
// Everything is deterministic for a seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Answers returns random answers for qn that pass scan.Check: every
// visible required question answered, optional ones now and then, hidden
// ones never. n numbers the business (its name and KVK number).
func Answers(qn *q.Questionnaire, rnd *rand.Rand, n int) scan.Answers {
	a := scan.Answers{}
	for _, qu := range qn.Questions() {
		if qu.Derived {
			continue
		}
		v := scan.Visible(qn, a) // conditions look back only
		if !v.Question(qu) {
			continue
		}
		if qu.Optional && qu.Type != q.Text && rnd.IntN(3) == 0 {
			continue
		}
		if ans, ok := answer(qn, qu, v, rnd, n); ok {
			a[qu.ID] = ans
		}
	}
	return a
}

func visibleOptions(qu *q.Question, v *scan.Visibility) []*q.Option {
	var out []*q.Option
	for _, o := range qu.Options {
		if v.Option(o) {
			out = append(out, o)
		}
	}
	return out
}

func answer(qn *q.Questionnaire, qu *q.Question, v *scan.Visibility, rnd *rand.Rand, n int) (scan.Answer, bool) {
	opts := visibleOptions(qu, v)
	pick := func() string {
		// "don't know" rarely, like people answer.
		for range 4 {
			o := opts[rnd.IntN(len(opts))]
			if !o.DontKnow {
				return o.ID
			}
		}
		return opts[rnd.IntN(len(opts))].ID
	}
	switch {
	case qu.IsMatrix():
		items := map[string]string{}
		for _, it := range qu.Items {
			if v.Item(it) {
				items[it.ID] = pick()
			}
		}
		if len(items) == 0 {
			return scan.Answer{}, false
		}
		return scan.Answer{Items: items}, true
	case qu.Type == q.Single || qu.Type == q.Scale:
		if qu.ID == q.QPlace || qu.ID == q.QMunicipality {
			// Most businesses are in the region.
			for range 3 {
				if id := pick(); id != "elsewhere" && id != q.OutsideRegion {
					return scan.Answer{Choice: id}, true
				}
			}
		}
		return scan.Answer{Choice: pick()}, true
	case qu.Type == q.Multi:
		var plain []string
		var alone []string
		for _, o := range opts {
			if o.Exclusive || o.DontKnow {
				alone = append(alone, o.ID)
			} else {
				plain = append(plain, o.ID)
			}
		}
		if len(alone) > 0 && (len(plain) == 0 || rnd.IntN(8) == 0) {
			return scan.Answer{Choices: []string{alone[rnd.IntN(len(alone))]}}, true
		}
		k := rnd.IntN(len(plain) + 1)
		if k == 0 && len(alone) > 0 {
			k = 1 // an empty list is not allowed where "none" exists
		}
		perm := rnd.Perm(len(plain))[:k]
		slices.Sort(perm) // in questionnaire order, as people tick them
		choices := make([]string, 0, k)
		for _, i := range perm {
			choices = append(choices, plain[i])
		}
		return scan.Answer{Choices: choices}, true
	case qu.Type == q.YesNo:
		switch {
		case slices.Contains(q.Consents, qu.ID):
			if rnd.IntN(10) == 0 {
				return scan.Answer{Choice: scan.No}, true
			}
			return scan.Answer{Choice: scan.Yes}, true
		case qu.DontKnow && rnd.IntN(10) == 0:
			return scan.Answer{Choice: q.DontKnowID}, true
		case rnd.IntN(2) == 0:
			return scan.Answer{Choice: scan.Yes}, true
		}
		return scan.Answer{Choice: scan.No}, true
	case qu.Type == q.Number:
		lo, hi := 0.0, 100.0
		if qu.Min != nil {
			lo = *qu.Min
		}
		if qu.Max != nil {
			hi = min(*qu.Max, lo+1000)
		}
		x := float64(int(lo) + rnd.IntN(int(hi-lo)+1))
		return scan.Answer{Number: &x}, true
	case qu.Type == q.Text:
		switch qu.Format {
		case q.FormatKVK:
			return scan.Answer{Text: fmt.Sprintf("%08d", 10000000+n%90000000)}, true
		case q.FormatEstablishment:
			if rnd.IntN(3) != 0 {
				return scan.Answer{}, false
			}
			return scan.Answer{Text: fmt.Sprintf("%012d", 100000000000+n)}, true
		}
		if qu.ID == q.QCompanyName {
			return scan.Answer{Text: "Bedrijf " + strconv.Itoa(n)}, true
		}
		if rnd.IntN(2) == 0 {
			return scan.Answer{}, false
		}
		return scan.Answer{Text: "Opmerking " + strconv.Itoa(n)}, true
	}
	return scan.Answer{}, false
}
