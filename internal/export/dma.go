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
// is laid out as the export of an open EDIH implementation
// (MarkusFrBoden/masterproject, createCSVdownload.ts; REFERENCE.md):
// its four metadata columns, then its 86 item columns in its order
// (DMAItems), named <prefix><stem>_m2_<dimension>_<question>; cells
// separated by ",", a UTF-8 byte order mark, the date as MM/DD/YYYY,
// whatever --dialect says. After them come the items the questionnaire
// maps that the tool does not have (none for the built-in intake), then
// digiscan's dimension scores, the scan id and the KVK number. Values:
//
//   - checklist items (multiple choice): 1 ticked, 0 not ticked (options
//     sharing a stem count once);
//   - the investment grid (Q1): "planned|invested", each 1 or 0 ("1|0");
//   - 0–5 adoption scales (Q4, Q9): the level × 2 (0–10);
//   - no / partly / yes (Q11): 0 / 5 / 10;
//   - 0 ("0|0" in the grid) for an item not ticked, not answered, not
//     asked of this business (hidden by a condition, as the staff
//     questions are for a freelancer) or not in the questionnaire at all.
//     The DMA tool asks every question of every firm and writes 0 for
//     whatever was not ticked or answered; its format has no "not
//     applicable", and the EDIH's scoring reads 0 as "not in place",
//     which is what an unasked staff measure is for a firm without
//     staff. digiscan's own dimension scores, after the items, keep
//     "not applicable" (an empty cell).
//
// A question without `dma:` whose options name stems (the freelancer's own
// skills, asked instead of the staff measures) fills the columns of the
// DMA question those stems belong to.

// DMAItems are the item columns of the DMA tool's SME export, in its
// order (see testdata/dma-sme-reference.csv).
var DMAItems = func() []string {
	stems := [][]string{
		1: {"product_service_design", "project_planning_and_management", "operations_production_of_physical_goods",
			"collaboration_with_other_companies", "inbound_logistics_warehousing", "marketing_sales_customer_management",
			"delivery_outbound_logistics", "administration_and_human_resources", "purchasing_and_procurement", "cyber_security"},
		2: {"digitalisation_needs_are_identified", "financial_resources", "it_infrastructures", "ict_specialists",
			"enterprise_s_management", "concerned_business_departments", "business_architecture", "manufactured_products",
			"clients_and_partners_satisfaction", "risks_of_digitalisation"},
		3: {"connectivity_infrastructure", "enterprise_s_website", "web_based_forms_and_blogs", "live_chats_social_networks",
			"e_commerce_sales", "e_marketing_promotion", "e_government_online_interaction", "remote_business_collaboration",
			"internal_web_portal_intranet", "information_management_systems"},
		4: {"simulation_and_digital_twins", "virtual_reality", "computer_aided_design", "manufacturing_execution",
			"internet_of_things", "blockchain_technology", "additive_manufacturing"},
		5: {"performs_staff_skill", "designs_a_training_plan", "organises_short_trainings", "facilitates_learning",
			"offers_traineeships", "sponsors_staff_participation", "makes_use_of_subsidised_training"},
		6: {"facilitates_staff_awareness", "communicates_digitalisation", "monitors_staff_acceptance", "involves_staff_including",
			"gives_staff_more_autonomy", "redesigns_adapts_jobs", "sets_up_more_flexible_working", "puts_at_staff_disposal"},
		7: {"the_organisation_has_in_place", "data_is_not_collected_digitally", "relevant_data", "data_is_properly_integrated",
			"data_is_accessible", "collected_data", "data_analytics_enriched", "data_analytics_accessible"},
		8: {"enterprise_data_security_policy", "all_client_related_data", "staff_is_regularly_informed",
			"cyber_threats_egularly_monitored", "full_backup_copy_of_critical_business_data", "business_continuity_plan"},
		9: {"natural_language_process", "computer_vision", "audio_processing", "robotics_and_autonomous_devices",
			"business_intelligence"},
		10: {"sustainable_business_model", "sustainable_service_provision", "sustainable_products", "sustainable_production",
			"emissions_pollution", "sustainable_energy_generation", "optimisation_of_raw_material_consumption",
			"reduction_of_transport_and_packaging_costs", "digital_applications", "paperless_administrative_processes"},
		11: {"environmental_concerns", "environmental_management", "environmental_aspects", "energy_consumption", "recycling_reuse"},
	}
	var cols []string
	for n, list := range stems {
		for _, stem := range list {
			cols = append(cols, DMAColumn(stem, n))
		}
	}
	return cols
}()

// dmaDialect is the DMA tool's CSV: "," and "." (its scores), a byte
// order mark, LF.
var dmaDialect = csvout.Dialect{Name: "dma", Comma: ',', BOM: true}

// dmaDate writes a YYYY-MM-DD date as the DMA tool does: MM/DD/YYYY.
func dmaDate(iso []byte) string {
	if len(iso) != 10 || iso[4] != '-' || iso[7] != '-' {
		return string(iso)
	}
	return string(iso[5:7]) + "/" + string(iso[8:10]) + "/" + string(iso[:4])
}

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
	// The DMA tool's items in its order, then any others in DMA question
	// order, then as the questionnaire asks.
	var order []col
	inTool := map[string]bool{}
	for _, name := range DMAItems {
		inTool[name] = true
		i, ok := index[name]
		if !ok {
			i = len(cols)
			index[name] = i
			cols = append(cols, col{name: name, order: i})
		}
		order = append(order, cols[i])
	}
	var extra []col
	for _, c := range cols {
		if !inTool[c.name] {
			extra = append(extra, c)
		}
	}
	slices.SortStableFunc(extra, func(a, b col) int { return a.n - b.n })
	order = append(order, extra...)
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
	cw := csvout.NewWriter(w, dmaDialect)
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
	one, zero, zeroGrid := []byte("1"), []byte("0"), []byte("0|0")
	// What an item says when nothing was ticked or answered (see above).
	none := make([][]byte, len(m.names))
	for i, name := range m.names {
		none[i] = zero
		if strings.HasSuffix(name, "_m2_1_1") {
			none[i] = zeroGrid
		}
	}
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
		opt.progress(sum.Scans)
		identifiable := !opt.Anonymize && row.consent[2] == 1
		cw.Raw("T" + strconv.Itoa(raw.Seq))
		if opt.Anonymize {
			cw.Raw(Quarter(string(row.asOf)))
		} else {
			cw.Raw(dmaDate(row.asOf))
		}
		if identifiable {
			cw.TextBytes(row.companyName)
		} else {
			cw.Empty()
		}
		cw.Empty() // VAT number: not recorded
		for i, v := range items {
			if v == nil {
				v = none[i]
			}
			cw.TextBytes(v)
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
