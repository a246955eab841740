package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// JSONL writes the scans as JSON Lines, one stored result a line: the
// format import reads (store.ExportJSONL). Anonymised, each result is
// rewritten on the way out and stays importable: the id becomes a
// pseudonym, created_at and as_of the first day of their quarter
// (2026-10-01 for any day of 2026-Q4), and company, advisor, organisation
// and the answers to free-text questions (and to questions of no known
// questionnaire, which cannot be checked) are left out.
func JSONL(ctx context.Context, db *store.DB, w io.Writer, opt Options) (Summary, error) {
	var sum Summary
	if err := opt.defaults(); err != nil {
		return sum, err
	}
	if err := opt.notKAnonymous(FormatJSON); err != nil {
		return sum, err
	}
	if !opt.Anonymize {
		// store.ExportJSONL's lines, read without Each's copies.
		bw := bufio.NewWriterSize(w, 64<<10)
		err := db.EachRaw(ctx, opt.Filter, store.RawOptions{}, func(raw *store.Raw) error {
			sum.Scans++
			opt.progress(sum.Scans)
			if _, err := bw.Write(raw.JSON); err != nil {
				return err
			}
			return bw.WriteByte('\n')
		})
		if err == nil {
			err = bw.Flush()
		}
		if err != nil {
			return sum, fmt.Errorf("export: %w", err)
		}
		return sum, nil
	}
	qns, err := questionnaires(ctx, db, opt.Filter, opt.Questionnaires, &sum)
	if err != nil {
		return sum, err
	}
	keep := map[string]bool{} // answers that may stay: questions known, and not free text
	for _, qn := range qns {
		for _, qu := range qn.Questions() {
			if _, seen := keep[qu.ID]; !seen {
				keep[qu.ID] = true
			}
			if qu.Type == q.Text || anonymizedOut[qu.ID] && qu.ID != q.QSector && qu.ID != q.QSize && qu.ID != q.QMunicipality && qu.ID != q.QProvince {
				keep[qu.ID] = false // free text, the village, the association
			}
		}
	}
	a := &anonymizer{pids: NewPseudonyms(opt.Key), keep: keep}
	bw := bufio.NewWriterSize(w, 64<<10)
	err = db.EachRaw(ctx, opt.Filter, store.RawOptions{}, func(raw *store.Raw) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := a.rewrite(raw.JSON)
		if err != nil {
			return fmt.Errorf("scan %d of the export: %w", sum.Scans+1, err)
		}
		sum.Scans++
		opt.progress(sum.Scans)
		if _, err := bw.Write(line); err != nil {
			return err
		}
		return bw.WriteByte('\n')
	})
	if err == nil {
		err = bw.Flush()
	}
	if a.dropped > 0 {
		sum.DroppedAnswers = a.dropped
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%d answers to questions of no known questionnaire were left out (they cannot be checked for free text)", a.dropped))
	}
	if err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	return sum, nil
}

type anonymizer struct {
	pids    *Pseudonyms
	keep    map[string]bool
	s       jsonScanner
	out     []byte
	dropped int
}

// quarterStart returns the first day of the quarter of a date or time
// text: "2026-10-01" for "2026-11-27"; "" when it is not one.
func quarterStart(s []byte) string {
	qt := Quarter(string(s))
	if qt == "" {
		return ""
	}
	n, _ := strconv.Atoi(qt[6:])
	return fmt.Sprintf("%s-%02d-01", qt[:4], 3*n-2)
}

// rewrite returns the anonymised JSON of a stored result.
func (a *anonymizer) rewrite(data []byte) ([]byte, error) {
	s := &a.s
	s.reset(data)
	out := append(a.out[:0], '{')
	first := true
	member := func(key []byte) {
		if !first {
			out = append(out, ',')
		}
		first = false
		out = appendJSONString(out, string(key))
		out = append(out, ':')
	}
	s.object(func(key []byte) {
		start := s.i
		switch string(key) {
		case "company", "advisor", "organisation", "heard_via":
			s.skip()
		case "profile":
			member(key)
			out = append(out, '{')
			firstField := true
			s.object(func(field []byte) {
				vs := s.i
				s.skip()
				if string(field) == "place" || string(field) == "association" {
					return
				}
				if !firstField {
					out = append(out, ',')
				}
				firstField = false
				out = appendJSONString(out, string(field))
				out = append(out, ':')
				out = append(out, trimSpace(s.b[vs:s.i])...)
			})
			out = append(out, '}')
		case "id":
			id := s.str()
			member(key)
			out = appendJSONString(out, a.pids.Of("scan", id))
		case "created_at":
			d := quarterStart(s.str())
			member(key)
			if d == "" {
				out = append(out, "null"...)
			} else {
				out = appendJSONString(out, d+"T00:00:00Z")
			}
		case "as_of":
			d := quarterStart(s.str())
			member(key)
			out = appendJSONString(out, d)
		case "answers":
			member(key)
			out = append(out, '{')
			firstAnswer := true
			s.object(func(qid []byte) {
				vs := s.i
				s.skip()
				keep, known := a.keep[string(qid)]
				if !keep {
					if !known {
						a.dropped++
					}
					return
				}
				if !firstAnswer {
					out = append(out, ',')
				}
				firstAnswer = false
				out = appendJSONString(out, string(qid))
				out = append(out, ':')
				out = append(out, trimSpace(s.b[vs:s.i])...)
			})
			out = append(out, '}')
		default:
			s.skip()
			member(key)
			out = append(out, trimSpace(s.b[start:s.i])...)
		}
	})
	out = append(out, '}')
	a.out = out
	if s.err != nil {
		return nil, fmt.Errorf("stored result: %w", s.err)
	}
	return out, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\n' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}
