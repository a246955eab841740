package export

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// The EDIH Digital Maturity Assessment (DMA, SME version, module 2) export
// follows the column names of an open EDIH implementation (REFERENCE.md):
// metadata first, then one column per DMA item the questionnaire maps
// (`dma:` on questions, options and items), named
// <prefix><stem>_m2_<dimension>_<question>, then digiscan's dimension
// scores. Values:
//
//   - checklist items (multiple choice): 1 ticked, 0 not ticked (options
//     sharing a stem count once);
//   - the investment grid (Q1): "planned|invested", each 1 or 0 ("1|0");
//   - 0–5 adoption scales (Q4, Q9): the level × 2 (0–10);
//   - no / partly / yes (Q11): 0 / 5 / 10;
//   - empty: the question was not asked of this business (hidden by a
//     condition) or not answered.
//
// A question without `dma:` whose options name stems (the freelancer's own
// skills, asked instead of the staff measures) fills the columns of the
// DMA question those stems belong to.

// DMAMetadata are the first columns of a DMA export.
var DMAMetadata = []string{"time_point", "maturity_assessment_date", "enterprise_name_edih", "fiscal_registration_number_vat"}

// dmaDimension maps a DMA question number to its dimension number.
func dmaDimension(n int) int {
	switch {
	case n <= 2:
		return 1
	case n <= 4:
		return 2
	case n <= 6:
		return 3
	case n <= 8:
		return 4
	case n == 9:
		return 5
	}
	return 6
}

// dmaPrefix is the prefix of the likert questions' columns.
var dmaPrefix = map[int]string{
	4:  "following_advanced_digital_technologies_m2_2_4__",
	9:  "automation_and_artificial_intelligence_likert__",
	11: "green_digitalisation_2_likert__",
}

// DMAColumn names the column of a DMA item: the stem of question number n.
func DMAColumn(stem string, n int) string {
	return fmt.Sprintf("%s%s_m2_%d_%d", dmaPrefix[n], stem, dmaDimension(n), n)
}

// dmaScores are digiscan's scores after the items, named after the DMA
// dimensions; digiscan_scan links a row back to its scan (a pseudonym
// when anonymised) and kvk_number identifies the business when
// consent-handover was given (the DMA's VAT number is not asked).
var dmaScores = []string{
	"digital_business_strategy", "digital_readiness", "human_centric_digitalisation",
	"data_management_and_connectedness", "automation_and_artificial_intelligence", "green_digitalisation",
	"overall_maturity",
}

// dmaQuestion is how one questionnaire question fills DMA columns.
type dmaQuestion struct {
	options map[string]int    // checklist option → column
	cols    []int             // the columns an answered checklist sets to 0 first
	items   map[string]int    // matrix item → column
	values  map[string][]byte // matrix option → value
}

type dmaMap struct {
	names     []string
	questions map[string]*dmaQuestion
}

// parseDMAQuestion reads "m2_3" as 3.
func parseDMAQuestion(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(s, "m2_"))
	if !strings.HasPrefix(s, "m2_") || err != nil || n < 1 || n > 11 {
		return 0, false
	}
	return n, true
}

func newDMAMap(qns []*q.Questionnaire) *dmaMap {
	type col struct {
		name  string
		n     int
		order int
	}
	var cols []col
	index := map[string]int{}
	colOf := func(stem string, n int) int {
		name := DMAColumn(stem, n)
		if i, ok := index[name]; ok {
			return i
		}
		index[name] = len(cols)
		cols = append(cols, col{name, n, len(cols)})
		return len(cols) - 1
	}
	m := &dmaMap{questions: map[string]*dmaQuestion{}}
	for _, qn := range qns {
		// Stems of the questions that name their DMA question, for the
		// questions that do not.
		stemQ := map[string]int{}
		for _, qu := range qn.Questions() {
			if n, ok := parseDMAQuestion(qu.DMA); ok {
				for _, o := range qu.Options {
					if o.DMA != "" {
						stemQ[o.DMA] = n
					}
				}
			}
		}
		for _, qu := range qn.Questions() {
			n, ok := parseDMAQuestion(qu.DMA)
			switch {
			case qu.IsMatrix() && ok:
				dq := m.questions[qu.ID]
				if dq == nil {
					dq = &dmaQuestion{items: map[string]int{}, values: dmaValues(qu)}
					m.questions[qu.ID] = dq
				}
				for _, it := range qu.Items {
					if it.DMA != "" {
						dq.items[it.ID] = colOf(it.DMA, n)
					}
				}
			case qu.Type == q.Multi:
				dq := m.questions[qu.ID]
				for _, o := range qu.Options {
					qn := n
					if !ok {
						qn = stemQ[o.DMA]
					}
					if o.DMA == "" || qn == 0 {
						continue
					}
					if dq == nil {
						dq = &dmaQuestion{options: map[string]int{}}
						m.questions[qu.ID] = dq
					}
					c := colOf(o.DMA, qn)
					dq.options[o.ID] = c
					if !slices.Contains(dq.cols, c) {
						dq.cols = append(dq.cols, c)
					}
				}
			}
		}
	}
	// Item columns in DMA question order, then as the questionnaire asks.
	order := make([]col, len(cols))
	copy(order, cols)
	slices.SortStableFunc(order, func(a, b col) int { return a.n - b.n })
	pos := make([]int, len(cols))
	for i, c := range order {
		pos[c.order] = i
		m.names = append(m.names, c.name)
	}
	for _, dq := range m.questions {
		for k, c := range dq.options {
			dq.options[k] = pos[c]
		}
		for i, c := range dq.cols {
			dq.cols[i] = pos[c]
		}
		for k, c := range dq.items {
			dq.items[k] = pos[c]
		}
	}
	return m
}

// dmaValues are the export values of a matrix question's options: the
// investment grid as planned|invested, anything else as value/max × 10.
func dmaValues(qu *q.Question) map[string][]byte {
	grid := slices.ContainsFunc(qu.Options, func(o *q.Option) bool { return o.Plan > 0 })
	maxV := 0.0
	for _, o := range qu.Options {
		if o.Value != nil {
			maxV = math.Max(maxV, *o.Value)
		}
	}
	out := map[string][]byte{}
	for _, o := range qu.Options {
		switch {
		case o.DontKnow:
		case grid:
			planned, invested := 0, 0
			if o.Plan > 0 {
				planned = 1
			}
			if o.Value != nil && *o.Value > 0 {
				invested = 1
			}
			out[o.ID] = fmt.Appendf(nil, "%d|%d", planned, invested)
		case o.Value != nil && maxV > 0:
			out[o.ID] = csvout.RFC4180.AppendNumber(nil, math.Round(*o.Value/maxV*10*100)/100)
		}
	}
	return out
}

// DMA writes the scans in the shape of the EDIH DMA export, one row per
// scan, in opt.Dialect: time_point (T0 for a company's first stored scan,
// T1 for the next, …; T0 for a scan without company),
// maturity_assessment_date (the scan date, YYYY-MM-DD; the quarter when
// anonymised), enterprise_name_edih (only with consent-handover, never when
// anonymised), fiscal_registration_number_vat (empty: digiscan records no
// VAT number), the DMA items, the dimension scores (0–100), then
// digiscan_scan and kvk_number (with consent-handover).
func DMA(ctx context.Context, db *store.DB, w io.Writer, opt Options) (Summary, error) {
	var sum Summary
	if err := opt.defaults(); err != nil {
		return sum, err
	}
	if err := opt.notKAnonymous(FormatDMA); err != nil {
		return sum, err
	}
	qns, err := questionnaires(ctx, db, opt.Filter, opt.Questionnaires, &sum)
	if err != nil {
		return sum, err
	}
	m := newDMAMap(qns)
	header := slices.Concat(DMAMetadata, m.names, dmaScores, []string{"digiscan_scan", "kvk_number"})
	sum.Columns = len(header)
	cw := csvout.NewWriter(w, opt.Dialect)
	if err := cw.Record(header...); err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	var (
		s     jsonScanner
		row   scanRow
		items = make([][]byte, len(m.names))
		pids  *Pseudonyms
	)
	if opt.Anonymize {
		pids = NewPseudonyms(opt.Key)
	}
	one, zero := []byte("1"), []byte("0")
	hooks := resultHooks{answer: func(qid []byte, s *jsonScanner) {
		dq := m.questions[string(qid)]
		if dq == nil {
			s.skip()
			return
		}
		switch s.peek() {
		case '[':
			for _, c := range dq.cols {
				items[c] = zero
			}
			s.array(func(int) {
				if c, ok := dq.options[string(s.str())]; ok {
					items[c] = one
				}
			})
		case '{':
			s.object(func(item []byte) {
				v := s.str()
				if c, ok := dq.items[string(item)]; ok {
					if val, ok := dq.values[string(v)]; ok {
						items[c] = val
					}
				}
			})
		default:
			s.skip()
		}
	}}
	err = readAhead(ctx, db, opt.Filter, store.RawOptions{CompanySeq: true}, func(raw *store.Raw) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		clear(items)
		if err := parseResult(&s, raw.JSON, &row, &hooks); err != nil {
			return fmt.Errorf("scan %d of the export: %w", sum.Scans+1, err)
		}
		sum.Scans++
		identifiable := !opt.Anonymize && row.consent[2] == 1
		cw.Raw("T" + strconv.Itoa(raw.Seq))
		if opt.Anonymize {
			cw.Raw(Quarter(string(row.asOf)))
		} else {
			cw.TextBytes(row.asOf)
		}
		if identifiable {
			cw.TextBytes(row.companyName)
		} else {
			cw.Empty()
		}
		cw.Empty() // VAT number: not recorded
		for _, v := range items {
			if v == nil {
				cw.Empty()
			} else {
				cw.TextBytes(v)
			}
		}
		for _, x := range row.dims {
			cw.Number(x)
		}
		cw.Number(row.maturity)
		if opt.Anonymize {
			cw.Raw(pids.Of("scan", row.id))
		} else {
			cw.TextBytes(row.id)
		}
		if identifiable {
			cw.TextBytes(row.kvk)
		} else {
			cw.Empty()
		}
		return cw.End()
	})
	if err == nil {
		err = cw.Flush()
	}
	if err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	return sum, nil
}
