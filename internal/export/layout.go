package export

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Kind is the type of a column's values.
type Kind uint8

// Column kinds.
const (
	KindText   Kind = iota
	KindNumber      // a number: decimal comma in the Excel dialect, a numeric cell in XLSX
	KindBool        // 1 or 0
	KindDate        // YYYY-MM-DD (or a quarter, 2026-Q4, in anonymised exports)
)

func (k Kind) String() string {
	switch k {
	case KindNumber:
		return "number"
	case KindBool:
		return "boolean"
	case KindDate:
		return "date"
	}
	return "text"
}

// Column is one column of a CSV or XLSX export.
type Column struct {
	Name    string
	Kind    Kind
	Meaning i18n.Text
}

//go:embed columns.yaml
var columnsYAML []byte

var (
	meaningsOnce sync.Once
	meanings     map[string]i18n.Text
)

// meaning returns the text of a column key from columns.yaml, filled in
// with args per language.
func meaning(key string, args ...func(i18n.Lang) any) i18n.Text {
	meaningsOnce.Do(func() {
		if err := yaml.Unmarshal(columnsYAML, &meanings); err != nil {
			panic("export: columns.yaml: " + err.Error()) // embedded; caught by the tests
		}
	})
	t := meanings[key]
	if len(args) == 0 {
		return t
	}
	fill := func(l i18n.Lang, format string) string {
		vals := make([]any, len(args))
		for i, a := range args {
			vals[i] = a(l)
		}
		return fmt.Sprintf(format, vals...)
	}
	return i18n.Text{NL: fill(i18n.NL, t.NL), EN: fill(i18n.EN, t.EN)}
}

func same(v any) func(i18n.Lang) any { return func(i18n.Lang) any { return v } }

func textArg(t i18n.Text) func(i18n.Lang) any { return func(l i18n.Lang) any { return t.In(l) } }

// field says what fills a column.
type field uint8

const (
	fID field = iota
	fPID
	fCompanyID
	fCompanyPID
	fCreatedAt
	fScanDate
	fQuarter
	fQID
	fQVersion
	fCatID
	fCatVersion
	fLang
	fMode
	fAdvisor
	fOrganisation
	fHeardVia
	fConsent // arg: index in consentKeys
	fCompanyName
	fKVK
	fEstablishment
	fSector
	fSize
	fMunicipality
	fProvince
	fImpact
	fReadiness
	fQuadrant
	fThImpact
	fThReadiness
	fMaturity
	fMaturityBand
	fDim // arg: index in questionnaires.DimensionIDs
	fDIIVersion
	fDIICount
	fDIILevel
	fDIIBasic
	fIndicator // filled by the indicator hook
	fTech      // arg: cloud, ai, data_analytics, any
	fAnswer    // filled by the answer hook
	fReferral  // arg: index
	fFollowUpProgramme
	fFollowUpOutcome
	fFollowUpDate
	fFollowUpQuarter
)

type colSpec struct {
	f   field
	arg int
}

// answerCols are the columns of one question: its own, and one per matrix item.
type answerCols struct {
	col   int            // -1 when the question has no column of its own
	items map[string]int // matrix item → column
}

// layout is the columns of a CSV or XLSX export.
type layout struct {
	cols       []Column
	specs      []colSpec
	answers    map[string]*answerCols
	excluded   map[string]bool // questions left out (free text of an anonymised export)
	indicators map[string]int  // DII indicator id → column
	referrals  int
	k          *kPlan // the k-anonymity of an anonymised export
}

// newLayout builds the columns for scans of the given questionnaires
// (the union of their questions, in a stable order: the order of the
// first questionnaire that has a question, questionnaires by id and newest
// version first).
func newLayout(qns []*q.Questionnaire, anonymize bool, referrals int) *layout {
	l := &layout{answers: map[string]*answerCols{}, excluded: map[string]bool{}, indicators: map[string]int{}, referrals: referrals}
	add := func(name string, k Kind, m i18n.Text, f field, arg int) int {
		l.cols = append(l.cols, Column{Name: name, Kind: k, Meaning: m})
		l.specs = append(l.specs, colSpec{f, arg})
		return len(l.cols) - 1
	}
	fixed := func(name string, k Kind, f field) { add(name, k, meaning(name), f, 0) }
	if anonymize {
		fixed("pid", KindText, fPID)
		fixed("company_pid", KindText, fCompanyPID)
		fixed("quarter", KindDate, fQuarter)
	} else {
		fixed("id", KindText, fID)
		fixed("company_id", KindNumber, fCompanyID)
		fixed("created_at", KindText, fCreatedAt)
		fixed("scan_date", KindDate, fScanDate)
	}
	fixed("questionnaire_id", KindText, fQID)
	fixed("questionnaire_version", KindText, fQVersion)
	fixed("catalogue_id", KindText, fCatID)
	fixed("catalogue_version", KindText, fCatVersion)
	fixed("lang", KindText, fLang)
	fixed("mode", KindText, fMode)
	if !anonymize {
		fixed("advisor", KindText, fAdvisor)
		fixed("organisation", KindText, fOrganisation)
	}
	if !anonymize { // free text: a name, an address came through
		fixed("heard_via", KindText, fHeardVia)
	}
	for i, c := range consentKeys {
		add("consent_"+c, KindBool, meaning("consent_"+c), fConsent, i)
	}
	if !anonymize {
		fixed("company_name", KindText, fCompanyName)
		fixed("kvk", KindText, fKVK)
		fixed("establishment", KindText, fEstablishment)
	}
	fixed("sector", KindText, fSector)
	fixed("size", KindText, fSize)
	fixed("municipality", KindText, fMunicipality)
	fixed("province", KindText, fProvince)
	fixed("impact", KindNumber, fImpact)
	fixed("readiness", KindNumber, fReadiness)
	fixed("quadrant", KindText, fQuadrant)
	fixed("threshold_impact", KindNumber, fThImpact)
	fixed("threshold_readiness", KindNumber, fThReadiness)
	fixed("maturity", KindNumber, fMaturity)
	fixed("maturity_band", KindText, fMaturityBand)
	for i, d := range q.DimensionIDs {
		label := i18n.Text{NL: d, EN: d}
		for _, qn := range qns {
			if dim := qn.Dimension(d); dim != nil {
				label = dim.Label
				break
			}
		}
		add("dim_"+d, KindNumber, meaning("{dim}", textArg(label)), fDim, i)
	}
	fixed("dii_version", KindText, fDIIVersion)
	fixed("dii_count", KindNumber, fDIICount)
	fixed("dii_level", KindText, fDIILevel)
	fixed("dii_basic", KindBool, fDIIBasic)
	for _, qn := range qns {
		for _, in := range qn.DII.Indicators {
			if _, ok := l.indicators[in.ID]; !ok {
				l.indicators[in.ID] = add("dii."+in.ID, KindBool, meaning("{dii}", textArg(in.Label)), fIndicator, 0)
			}
		}
	}
	for i, t := range []string{"cloud", "ai", "data_analytics", "any"} {
		add("tech_"+t, KindBool, meaning("tech_"+t), fTech, i)
	}
	l.addAnswers(qns, anonymize, add)
	for i := range referrals {
		add("referral_"+strconv.Itoa(i+1), KindText, meaning("{referral}", same(i+1)), fReferral, i)
	}
	fixed("followup_programme", KindText, fFollowUpProgramme)
	fixed("followup_outcome", KindText, fFollowUpOutcome)
	if anonymize {
		fixed("followup_quarter", KindDate, fFollowUpQuarter)
	} else {
		fixed("followup_date", KindDate, fFollowUpDate)
	}
	return l
}

func (l *layout) addAnswers(qns []*q.Questionnaire, anonymize bool, add func(string, Kind, i18n.Text, field, int) int) {
	// Questions in order of first appearance, with the union of their items.
	type question struct {
		id    string
		title i18n.Text
		kind  Kind
		own   bool // has a column of its own (not only matrix items)
		// numeric: one choice among options whose ids are numbers (the
		// 0–5 adoption scale) in every version: a number in XLSX.
		numeric bool
		items   []*q.Item
	}
	var order []*question
	byID := map[string]*question{}
	for _, qn := range qns {
		for _, qu := range qn.Questions() {
			if anonymize && (qu.Type == q.Text || anonymizedOut[qu.ID]) {
				l.excluded[qu.ID] = true
				continue
			}
			x := byID[qu.ID]
			if x == nil {
				x = &question{id: qu.ID, title: qu.Title, kind: KindText, numeric: true}
				if qu.Type == q.Number {
					x.kind = KindNumber
				}
				byID[qu.ID] = x
				order = append(order, x)
			}
			x.numeric = x.numeric && numericOptions(qu)
			if !qu.IsMatrix() {
				x.own = true
				continue
			}
			for _, it := range qu.Items {
				if !slices.ContainsFunc(x.items, func(o *q.Item) bool { return o.ID == it.ID }) {
					x.items = append(x.items, it)
				}
			}
		}
	}
	for _, x := range order {
		if l.excluded[x.id] {
			continue // free text in one version, asked otherwise in another: still free text
		}
		ac := &answerCols{col: -1}
		itemKind := KindText
		if x.numeric {
			itemKind = KindNumber
			if x.kind == KindText {
				x.kind = KindNumber
			}
		}
		if x.own {
			ac.col = add("q."+x.id, x.kind, meaning("{answer}", textArg(x.title)), fAnswer, 0)
		}
		for _, it := range x.items {
			if ac.items == nil {
				ac.items = map[string]int{}
			}
			title := i18n.Text{NL: x.title.NL + " — " + it.Label.NL, EN: x.title.EN + " — " + it.Label.EN}
			ac.items[it.ID] = add("q."+x.id+"."+it.ID, itemKind, meaning("{answer}", textArg(title)), fAnswer, 0)
		}
		l.answers[x.id] = ac
	}
}

// anonymizedOut are the profile questions an anonymised export leaves
// out: the village and the business association identify, and the others
// are in the columns that k-anonymity generalises.
var anonymizedOut = map[string]bool{q.QPlace: true, q.QAssociation: true, q.QMunicipality: true, q.QProvince: true, q.QSector: true, q.QSize: true}

// numericOptions reports whether qu is one choice among options whose ids
// are all numbers.
func numericOptions(qu *q.Question) bool {
	if (qu.Type != q.Single && qu.Type != q.Scale) || len(qu.Options) == 0 {
		return false
	}
	for _, o := range qu.Options {
		if _, err := strconv.ParseFloat(o.ID, 64); err != nil {
			return false
		}
	}
	return true
}

// names returns the column names.
func (l *layout) names() []string {
	out := make([]string, len(l.cols))
	for i, c := range l.cols {
		out[i] = c.Name
	}
	return out
}

// questionnaireOrder sorts questionnaires by id, newest version first.
func questionnaireOrder(a, b *q.Questionnaire) int {
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return -compareVersions(a.Version, b.Version)
}

// compareVersions compares dotted versions number by number ("2026.11.0"
// after "2026.9.2"); parts that are not numbers compare as text.
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		var c int
		if ea == nil && eb == nil {
			c = na - nb
		} else {
			c = strings.Compare(pa[i], pb[i])
		}
		if c != 0 {
			return c
		}
	}
	return len(pa) - len(pb)
}
