package synth

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Gen makes scored results: random answers, scored with Qn and referred
// with Cat, dated over the two years before AsOf in the order they are
// made (a database fills in time order); in the second year one scan in
// five is the re-scan of a business scanned a year before (the same KVK
// number, so the store links the scans to one company).
type Gen struct {
	Qn   *q.Questionnaire
	Cat  *referral.Catalogue
	AsOf date.Date // the latest scan date
	Seed uint64
	// N is how many scans will be made (spreads the dates); default 100,000.
	N int
	// Pool, when set, makes results from this many distinct answer sets,
	// varied by business (a million random answer sets take long to make).
	Pool int

	pool []scan.Answers
}

// New returns a generator for the built-in questionnaire and catalogue.
func New(seed uint64) (*Gen, error) {
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		return nil, err
	}
	cat, err := referral.Builtin(referral.DefaultName)
	if err != nil {
		return nil, err
	}
	return &Gen{Qn: qn, Cat: cat, AsOf: date.MustParse("2026-11-27"), Seed: seed}, nil
}

var modes = []string{scan.ModeAdvisor, scan.ModeAdvisor, scan.ModeSelf, scan.ModeSurvey}

// AnswersOf returns the answers of business i.
func (g *Gen) AnswersOf(i int) scan.Answers {
	if g.Pool > 0 {
		if g.pool == nil {
			g.pool = make([]scan.Answers, g.Pool)
			for k := range g.pool {
				g.pool[k] = Answers(g.Qn, rand.New(rand.NewPCG(g.Seed, uint64(k))), k)
			}
		}
		a := g.pool[i%g.Pool].Clone()
		if c, ok := a[q.QCompanyName]; ok && c.Text != "" {
			a[q.QCompanyName] = scan.Answer{Text: fmt.Sprintf("Bedrijf %d", i)}
		}
		if c, ok := a[q.QKVK]; ok && c.Text != "" {
			a[q.QKVK] = scan.Answer{Text: fmt.Sprintf("%08d", 10000000+i%90000000)}
		}
		return a
	}
	return Answers(g.Qn, rand.New(rand.NewPCG(g.Seed, uint64(i))), i)
}

// Result returns scan i: its answers scored and referred. In the second
// half, scan i with i%5 == 4 re-scans business i−N/2 a year later.
func (g *Gen) Result(i int) (*scan.Result, error) {
	n := g.N
	if n <= 0 {
		n = 100000
	}
	business := i
	if i%5 == 4 && i >= n/2 {
		business = i - n/2
	}
	a := g.AnswersOf(business)
	rnd := rand.New(rand.NewPCG(g.Seed^0x5eed, uint64(i)))
	days := 730 * (n - 1 - i%n) / n
	if business != i {
		// A year on, the business changed a little: new answers, the same profile and identity.
		prev := a
		a = g.AnswersOf(i)
		for _, id := range []string{q.QSector, q.QSize, q.QPlace, q.QMunicipality, q.QProvince, q.QCompanyName, q.QKVK, q.QEstablishment,
			q.QConsentStatistics, q.QConsentFollowUp, q.QConsentHandover} {
			if x, ok := prev[id]; ok {
				a[id] = x
			} else {
				delete(a, id)
			}
		}
		a = scan.Prune(g.Qn, a)
		if ps := scan.Check(g.Qn, a); len(ps) > 0 {
			a = prev // the new answers do not fit the old profile: the same answers again
		}
	}
	asOf := g.AsOf.AddDays(-days)
	res, err := scan.Score(g.Qn, a, scan.Options{AsOf: asOf, Mode: modes[rnd.IntN(len(modes))]})
	if err != nil {
		return nil, fmt.Errorf("synthetic scan %d: %w", i, err)
	}
	created := asOf.Time().Add(9*time.Hour + time.Duration(rnd.IntN(8*3600))*time.Second)
	res.ID = created.Format("20060102") + fmt.Sprintf("-s%07d", i)
	res.CreatedAt = created.UTC()
	if res.Mode == scan.ModeAdvisor {
		res.Advisor, res.Organisation = "Adviseur "+string(rune('A'+rnd.IntN(5))), "Regio Gooi en Vechtstreek"
		res.HeardVia = "association"
	}
	if err := referral.Match(g.Cat, g.Qn, res, referral.Options{AsOf: asOf}); err != nil {
		return nil, err
	}
	return res, nil
}

// Results yields results 0..n-1; an error stops the sequence and is kept in *err.
func (g *Gen) Results(n int, errp *error) iter.Seq[*scan.Result] {
	return func(yield func(*scan.Result) bool) {
		for i := range n {
			r, err := g.Result(i)
			if err != nil {
				*errp = err
				return
			}
			if !yield(r) {
				return
			}
		}
	}
}

// Fill saves results 0..n-1 in db.
func (g *Gen) Fill(ctx context.Context, db *store.DB, n int) error {
	if g.N == 0 {
		g.N = n
	}
	var gerr error
	saved, err := db.SaveScans(ctx, g.Results(n, &gerr))
	if gerr != nil {
		return gerr
	}
	if err != nil {
		return err
	}
	if saved != n {
		return fmt.Errorf("synth: saved %d of %d scans", saved, n)
	}
	return nil
}
