package store

import (
	"fmt"
	"math"
	"strings"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// verifyLine checks an imported result against the questionnaire it
// names: that questionnaire exists; for the version this digiscan has,
// the hash is that version's, every answer is one of its options and
// checks, and scoring the answers again gives the stored profile, scores
// and quadrant. exact is false for another version of the questionnaire
// (only its id could be checked).
func verifyLine(s *storedResult, resolve q.Resolver) (exact bool, err error) {
	ref := s.Questionnaire
	qn, exact, err := resolve(ref.ID, ref.Version)
	if err != nil || qn == nil {
		return false, fmt.Errorf("%w: scan %s names questionnaire %s, which this digiscan does not have", ErrInvalid, s.ID, strictyaml.Echo(ref.ID))
	}
	if !exact {
		return false, nil
	}
	if ref.Hash != qn.Hash {
		return true, fmt.Errorf("%w: scan %s: questionnaire %s %s has hash %s, not %s: the line was changed or made with a changed questionnaire", ErrInvalid, s.ID, ref.ID, ref.Version, qn.Hash, strictyaml.Echo(ref.Hash))
	}
	answers, dropped := scan.DecodeJSON(qn, s.Answers)
	if len(dropped) > 0 {
		return true, fmt.Errorf("%w: scan %s: answers that questionnaire %s %s does not have: %s", ErrInvalid, s.ID, ref.ID, ref.Version, echoList(dropped))
	}
	if ps := scan.Check(qn, answers); len(ps) > 0 {
		return true, fmt.Errorf("%w: scan %s: %s", ErrInvalid, s.ID, ps[0].Msg)
	}
	re, err := scan.Score(qn, answers, scan.Options{AsOf: s.AsOf, Mode: s.Mode})
	if err != nil {
		return true, fmt.Errorf("%w: scan %s: its answers cannot be scored: %v", ErrInvalid, s.ID, err)
	}
	if diff := scoreDiff(s.resultAlias, re); len(diff) > 0 {
		return true, fmt.Errorf("%w: scan %s: %s do(es) not agree with its answers (scored again: %s)", ErrInvalid, s.ID, strings.Join(diff, ", "), scoredText(re))
	}
	return true, nil
}

// scoreDiff names what the stored result says differently from re, the
// same answers scored again.
func scoreDiff(r *resultAlias, re *scan.Result) []string {
	var diff []string
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6 }
	if !near(r.Impact, re.Impact) {
		diff = append(diff, "impact")
	}
	if !near(r.Readiness, re.Readiness) {
		diff = append(diff, "readiness")
	}
	if r.Quadrant != re.Quadrant {
		diff = append(diff, "quadrant")
	}
	if !near(r.Maturity.Score, re.Maturity.Score) || r.Maturity.Band != re.Maturity.Band {
		diff = append(diff, "maturity")
	}
	if p, pe := r.Profile, re.Profile; p.Sector != pe.Sector || p.Size != pe.Size || p.Municipality != pe.Municipality {
		diff = append(diff, "profile")
	}
	if len(r.Dimensions) != len(re.Dimensions) {
		return append(diff, "dimensions")
	}
	for i, d := range r.Dimensions {
		e := re.Dimensions[i]
		if d.ID != e.ID || (d.Score == nil) != (e.Score == nil) || d.Score != nil && !near(*d.Score, *e.Score) {
			diff = append(diff, "dimension "+e.ID)
		}
	}
	return diff
}

func scoredText(re *scan.Result) string {
	return fmt.Sprintf("impact %.0f, readiness %.0f, quadrant %s", re.Impact, re.Readiness, re.Quadrant)
}

// echoList is at most five values, each cut (strictyaml.Echo).
func echoList(vals []string) string {
	var parts []string
	for i, v := range vals {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("… and %d more", len(vals)-5))
			break
		}
		parts = append(parts, strictyaml.Echo(v))
	}
	return strings.Join(parts, ", ")
}
