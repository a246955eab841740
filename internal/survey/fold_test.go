package survey

import (
	"math/rand/v2"
	"strings"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// The folder (no garbage) folds every text as fold does: random texts of
// ASCII letters, spaces, control characters, accented letters, combining
// marks, non-breaking spaces and invalid bytes, reusing one folder.
func TestFolderIsFold(t *testing.T) {
	pieces := []string{"a", "Z", "m", " ", "  ", "\t", "\x01", ",", "|", ";", "é", "É", "ë", "e\u0301", "\u00a0", "ß", "İ", "\xff", "ø", "Ø", "日", "-", "(", "1"}
	rnd := rand.New(rand.NewPCG(3, 4))
	var f folder
	for i := 0; i < 20000; i++ {
		s := ""
		for range rnd.IntN(12) {
			s += pieces[rnd.IntN(len(pieces))]
		}
		if got, want := string(f.fold(s)), fold(s); got != want {
			t.Fatalf("folder.fold(%q) = %q, fold = %q", s, got, want)
		}
	}
}

// choices.cell with a worker's folder and memo (the fast path) reads every
// cell as without them (the plain one): random cells of option ids,
// labels in both languages, changed case, accents and spaces, joined by
// the separators a survey tool uses, over every question with options.
func TestChoicesCellFastIsPlain(t *testing.T) {
	qn := generator(t).Qn
	rnd := rand.New(rand.NewPCG(5, 6))
	seps := []string{"|", ";", ",", ", ", " ; ", "||", ""}
	for _, qu := range qn.Questions() {
		if len(qu.Options) == 0 {
			continue
		}
		c := newChoices(qu)
		var f folder
		memo, sepMemo := map[string]string{}, map[string]string{}
		texts := func(o int) string {
			op := qu.Options[o]
			switch rnd.IntN(5) {
			case 0:
				return op.ID
			case 1:
				return op.Label.NL
			case 2:
				return strings.ToUpper(op.Label.EN)
			case 3:
				return "  " + strings.ReplaceAll(op.Label.NL, "e", "é") + " "
			}
			return "x" + op.ID
		}
		for range 300 {
			var parts []string
			for range 1 + rnd.IntN(4) {
				parts = append(parts, texts(rnd.IntN(len(qu.Options))))
			}
			cell := strings.Join(parts, seps[rnd.IntN(len(seps))])
			multi := qu.Type == q.Multi
			got, gotChanged := c.cell(cell, multi, "", memo, &f)
			want, wantChanged := c.cell(cell, multi, "", nil, nil)
			if got != want || gotChanged != wantChanged {
				t.Fatalf("%s: cell(%q) = %q, %v; plain %q, %v", qu.ID, cell, got, gotChanged, want, wantChanged)
			}
			cell = strings.Join(parts, ", ")
			got, gotChanged = c.cell(cell, multi, ", ", sepMemo, &f)
			want, wantChanged = c.cell(cell, multi, ", ", nil, nil)
			if got != want || gotChanged != wantChanged {
				t.Fatalf("%s: cell(%q, sep \", \") = %q, %v; plain %q, %v", qu.ID, cell, got, gotChanged, want, wantChanged)
			}
		}
	}
}

// foldsAtLeast never says more than fold gives.
func TestFoldsAtLeast(t *testing.T) {
	pieces := []string{"a", "Z", " ", "\t", "é", "e\u0301", "\u212a", "İ", "\u00a0", "|", "\xff", "ß"}
	rnd := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 20000; i++ {
		s := ""
		for range rnd.IntN(10) {
			s += pieces[rnd.IntN(len(pieces))]
		}
		if n, m := foldsAtLeast(s), len(fold(s)); n > m {
			t.Fatalf("foldsAtLeast(%q) = %d > len(fold) = %d", s, n, m)
		}
	}
}

// The scorer's remembered response date is responseDate's: random cells
// of a few days, with and without a time, Dutch and ISO, bad ones between.
func TestResponseDateRemembered(t *testing.T) {
	cells := []string{"2026-11-27", "2026-11-27 10:11:12", "2026-11-27T08:00:00Z", "27-11-2026", "27-11-2026 09:00", "2026-11-28 00:00:01", "03/04/2026", "2026-02-30", "", "gisteren", "2026-11-27 x"}
	for _, dl := range []string{"", "2-1-2006"} {
		s := &scorer{lay: &layout{dateLayout: dl}, opt: &Options{}}
		rnd := rand.New(rand.NewPCG(11, 12))
		for range 5000 {
			c := cells[rnd.IntN(len(cells))]
			gd, gm := s.responseDate(c)
			wd, wm := responseDate(c, dl, "")
			if gd != wd || gm != wm {
				t.Fatalf("layout %q: %q: remembered %v %q, read %v %q", dl, c, gd, gm, wd, wm)
			}
		}
	}
}
