package questionnaires

import (
	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Question types.
const (
	Single = "single" // one option; with Items, one option per item (a matrix)
	Multi  = "multi"  // any number of options; an Exclusive option stands alone
	YesNo  = "yesno"  // yes or no, optionally with a don't-know option
	Scale  = "scale"  // the 0–5 adoption scale (option set "adoption" unless set); may have Items
	Number = "number" // a number between Min and Max
	Text   = "text"   // free text, optionally with a Format such as "kvk"
)

// Formats for text questions.
const (
	FormatKVK           = "kvk"           // a KVK (Chamber of Commerce) number: 8 digits
	FormatEstablishment = "establishment" // a KVK establishment number: 12 digits
)

// Scoring targets besides the dimensions.
const ScoreImpact = "impact"

// Questionnaire is one versioned questionnaire.
type Questionnaire struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	ID          string    `yaml:"id" json:"id"`
	Version     string    `yaml:"version" json:"version"`
	Title       i18n.Text `yaml:"title" json:"title"`
	Description i18n.Text `yaml:"description" json:"description,omitzero"`

	// PlanWeight is the weight of "planning to invest" against "invested"
	// (REFERENCE: implementations use 1 or 0.5). Default 1.
	PlanWeight *float64 `yaml:"plan_weight" json:"plan_weight,omitempty"`

	Thresholds Thresholds  `yaml:"thresholds" json:"thresholds"`
	Bands      []Band      `yaml:"bands" json:"bands"`
	GapTiers   GapTiers    `yaml:"gap_tiers" json:"gap_tiers"`
	Dimensions []Dimension `yaml:"dimensions" json:"dimensions"`
	Impact     Impact      `yaml:"impact" json:"impact"`
	// Readiness blends dimensions into the readiness axis (dimension id →
	// weight). Empty: readiness is the maturity score.
	Readiness  map[string]float64 `yaml:"readiness" json:"readiness,omitempty"`
	Quadrants  []Quadrant         `yaml:"quadrants" json:"quadrants"`
	DII        DII                `yaml:"dii" json:"dii"`
	Tech       []Indicator        `yaml:"advanced_tech" json:"advanced_tech"`
	Insights   []Insight          `yaml:"insights" json:"insights"`
	OptionSets []OptionSet        `yaml:"option_sets" json:"option_sets,omitempty"`
	Sections   []*Section         `yaml:"sections" json:"sections"`

	// Filled by Load/Compile, not part of the file.
	Source string `yaml:"-" json:"-"` // file name or "builtin:NAME"
	Hash   string `yaml:"-" json:"-"` // sha256 of the resolved questionnaire
	// DIIIDs are the DII indicator ids in order.
	DIIIDs []string `yaml:"-" json:"-"`
	// Fixed points at the fixed profile questions (nil when absent).
	Fixed FixedQuestions `yaml:"-" json:"-"`
	index *index
}

// FixedQuestions are the fixed profile questions (docs/design.md, "Fixed
// identifiers"), found once.
type FixedQuestions struct {
	Sector, Size, Place, Municipality, Province, Association, Topics *Question
	CompanyName, KVK, Establishment                                  *Question
	Consents                                                         [3]*Question // statistics, follow-up, handover
}

// Thresholds split the quadrant axes; a score equal to a threshold is high.
type Thresholds struct {
	Keys      strictyaml.Keys `yaml:"-" json:"-"`
	Impact    float64         `yaml:"impact" json:"impact"`
	Readiness float64         `yaml:"readiness" json:"readiness"`
}

// Band is a maturity band: scores from Min (inclusive) up to the next
// band's Min (exclusive); the last band runs to 100 inclusive.
type Band struct {
	Pos   strictyaml.Pos `yaml:"-" json:"-"`
	ID    string         `yaml:"id" json:"id"`
	Min   float64        `yaml:"min" json:"min"`
	Label i18n.Text      `yaml:"label" json:"label"`
}

// GapTiers are the lower bounds of the gap tiers; gaps below Minor are not shown.
type GapTiers struct {
	Pos      strictyaml.Pos `yaml:"-" json:"-"`
	Critical float64        `yaml:"critical" json:"critical"`
	Moderate float64        `yaml:"moderate" json:"moderate"`
	Minor    float64        `yaml:"minor" json:"minor"`
}

// Dimension is one of the six DMA dimensions (or another readiness dimension).
type Dimension struct {
	Pos         strictyaml.Pos `yaml:"-" json:"-"`
	ID          string         `yaml:"id" json:"id"`
	Label       i18n.Text      `yaml:"label" json:"label"`
	Short       i18n.Text      `yaml:"short" json:"short"` // at most 20 characters, for bars
	Description i18n.Text      `yaml:"description" json:"description"`
	Weight      *float64       `yaml:"weight" json:"weight,omitempty"` // in the maturity mean; default 1
	Target      float64        `yaml:"target" json:"target"`           // gap = max(0, target − score)
}

// Impact configures the impact axis: a prior per sector blended with the
// answers to the questions that score "impact".
type Impact struct {
	Pos          strictyaml.Pos     `yaml:"-" json:"-"`
	Keys         strictyaml.Keys    `yaml:"-" json:"-"`
	PriorWeight  float64            `yaml:"prior_weight" json:"prior_weight"`   // 0..1
	DefaultPrior float64            `yaml:"default_prior" json:"default_prior"` // 0..100
	SectorPrior  map[string]float64 `yaml:"sector_prior" json:"sector_prior"`   // sector option id → 0..100
}

// Quadrant labels one quadrant for people; ids are fixed (docs/design.md).
type Quadrant struct {
	Pos     strictyaml.Pos `yaml:"-" json:"-"`
	ID      string         `yaml:"id" json:"id"`
	Label   i18n.Text      `yaml:"label" json:"label"`     // short, respectful: "most to gain"
	Summary i18n.Text      `yaml:"summary" json:"summary"` // one or two sentences, with {impact} and {readiness}
}

// DII is the Eurostat Digital Intensity Index indicator set that was asked.
type DII struct {
	Pos        strictyaml.Pos `yaml:"-" json:"-"`
	Version    string         `yaml:"version" json:"version"`
	Basic      int            `yaml:"basic" json:"basic"` // count at or above which the level is basic
	Levels     []DIILevel     `yaml:"levels" json:"levels"`
	Indicators []Indicator    `yaml:"indicators" json:"indicators"`
	Note       i18n.Text      `yaml:"note" json:"note,omitzero"` // caveat shown with the result
}

// DIILevel names the DII levels from a minimum count.
type DIILevel struct {
	Pos   strictyaml.Pos `yaml:"-" json:"-"`
	ID    string         `yaml:"id" json:"id"`
	Min   int            `yaml:"min" json:"min"`
	Label i18n.Text      `yaml:"label" json:"label"`
}

// Indicator is a yes/no indicator fed by options (dii.ID or tech.ID).
type Indicator struct {
	Pos   strictyaml.Pos `yaml:"-" json:"-"`
	ID    string         `yaml:"id" json:"id"`
	Label i18n.Text      `yaml:"label" json:"label"`
}

// Insight is a cross-dimension rule: when every condition holds, its text is shown.
type Insight struct {
	Pos  strictyaml.Pos `yaml:"-" json:"-"`
	ID   string         `yaml:"id" json:"id"`
	When []ScoreRule    `yaml:"when" json:"when"`
	// Answers optionally adds a condition on answers (e.g. wants help with AI).
	Answers *Condition `yaml:"answers" json:"answers,omitempty"`
	Title   i18n.Text  `yaml:"title" json:"title"`
	Text    i18n.Text  `yaml:"text" json:"text"`
}

// ScoreRule bounds a score: a dimension id, "impact", "readiness", or the
// id of a scored question (its 0–100 value). Min is inclusive, Max exclusive.
type ScoreRule struct {
	Pos   strictyaml.Pos `yaml:"-" json:"-"`
	Score string         `yaml:"score" json:"score"`
	Min   *float64       `yaml:"min" json:"min,omitempty"`
	Max   *float64       `yaml:"max" json:"max,omitempty"`

	// Compiled: the dimension index or question the rule reads (Question
	// nil and Dimension -1 for impact, readiness and maturity).
	Dimension int       `yaml:"-" json:"-"`
	Question  *Question `yaml:"-" json:"-"`
}

// OptionSet is a named list of options that several questions share (the
// 0–5 adoption scale, no/partly/yes, ...).
type OptionSet struct {
	Pos     strictyaml.Pos `yaml:"-" json:"-"`
	ID      string         `yaml:"id" json:"id"`
	Options []*Option      `yaml:"options" json:"options"`
}

// Section is one screen of the interactive scan.
type Section struct {
	Pos         strictyaml.Pos `yaml:"-" json:"-"`
	ID          string         `yaml:"id" json:"id"`
	Title       i18n.Text      `yaml:"title" json:"title"`
	Description i18n.Text      `yaml:"description" json:"description,omitzero"`
	When        *Condition     `yaml:"when" json:"when,omitempty"`
	Questions   []*Question    `yaml:"questions" json:"questions"`
}

// Question is one question. See the type constants for the kinds.
type Question struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	ID    string    `yaml:"id" json:"id"`
	Type  string    `yaml:"type" json:"type"`
	Title i18n.Text `yaml:"title" json:"title"`
	// Help explains why the question is asked and the terms it uses.
	Help     i18n.Text  `yaml:"help" json:"help,omitzero"`
	Optional bool       `yaml:"optional" json:"optional,omitempty"`
	When     *Condition `yaml:"when" json:"when,omitempty"`

	Options   []*Option `yaml:"options" json:"options,omitempty"`
	OptionSet string    `yaml:"option_set" json:"option_set,omitempty"`
	Items     []*Item   `yaml:"items" json:"items,omitempty"`

	// DontKnow adds a "don't know" answer to a yes/no question (recorded as
	// unknown, scored as no).
	DontKnow bool `yaml:"dont_know" json:"dont_know,omitempty"`

	// Scores names what the question's value feeds: a dimension id or "impact".
	Scores string   `yaml:"scores" json:"scores,omitempty"`
	Weight *float64 `yaml:"weight" json:"weight,omitempty"` // within its dimension; default 1
	// Feeds on a yes/no question: indicators that a "yes" sets.
	Feeds []string `yaml:"feeds" json:"feeds,omitempty"`
	// FeedsFrom: in a matrix, an item's feeds apply when the chosen option's
	// value is at least this (default: any value above 0).
	FeedsFrom *float64 `yaml:"feeds_from" json:"feeds_from,omitempty"`

	// Derived: answered through another question's option (Sets), asked only
	// in an answers file, never in an interview.
	Derived bool `yaml:"derived" json:"derived,omitempty"`

	Min    *float64  `yaml:"min" json:"min,omitempty"`
	Max    *float64  `yaml:"max" json:"max,omitempty"`
	Unit   i18n.Text `yaml:"unit" json:"unit,omitzero"`
	Format string    `yaml:"format" json:"format,omitempty"`

	// TextVersion is the version of a consent text, recorded with the answer.
	TextVersion string `yaml:"text_version" json:"text_version,omitempty"`
	// SBIVersion names the SBI edition the sector options refer to.
	SBIVersion string `yaml:"sbi_version" json:"sbi_version,omitempty"`
	// DMA names the EDIH DMA question this maps to (e.g. "m2_3").
	DMA string `yaml:"dma" json:"dma,omitempty"`

	// Filled by Compile.
	Section  *Section `yaml:"-" json:"-"`
	Order    int      `yaml:"-" json:"-"` // position in the questionnaire, from 0
	Hash     string   `yaml:"-" json:"-"` // of this question's definition, for drafts
	FeedMask uint64   `yaml:"-" json:"-"` // Feeds as bits: the DII indicators in order, then the three technologies
	// Target is what the question scores: a dimension index, TargetImpact,
	// or TargetNone.
	Target int `yaml:"-" json:"-"`
	// KeySlots is the number of distinct option slots (see Option.KeySlot).
	KeySlots int `yaml:"-" json:"-"`
	// Static is set when no option has a condition: then MaxValue (the
	// highest option value, for single choices and scales) and Den (the sum
	// of the per-slot maxima, for checklists) hold for every business and
	// need not be worked out per result.
	Static   bool    `yaml:"-" json:"-"`
	StaticPW float64 `yaml:"-" json:"-"` // the plan weight they were worked out with
	MaxValue float64 `yaml:"-" json:"-"`
	Den      float64 `yaml:"-" json:"-"`
}

// Question.Target values besides dimension indexes.
const (
	TargetNone   = -1
	TargetImpact = -2
)

// Option is one answer to choose.
type Option struct {
	Pos   strictyaml.Pos `yaml:"-" json:"-"`
	ID    string         `yaml:"id" json:"id"`
	Label i18n.Text      `yaml:"label" json:"label"`
	Help  i18n.Text      `yaml:"help" json:"help,omitzero"`
	When  *Condition     `yaml:"when" json:"when,omitempty"`

	// Value is what choosing this option is worth when the question scores
	// (normalised by the highest value among the visible options); default 1
	// in a multiple choice, required in a scored single choice.
	Value *float64 `yaml:"value" json:"value,omitempty"`
	// Plan is the "planning to invest" part of the value, multiplied by the
	// questionnaire's plan_weight.
	Plan float64 `yaml:"plan" json:"plan,omitempty"`
	// Exclusive: "none of these" — stands alone and clears a multiple choice.
	Exclusive bool `yaml:"exclusive" json:"exclusive,omitempty"`
	// DontKnow: recorded as unknown, scored as no.
	DontKnow bool     `yaml:"dont_know" json:"dont_know,omitempty"`
	Feeds    []string `yaml:"feeds" json:"feeds,omitempty"`
	DMA      string   `yaml:"dma" json:"dma,omitempty"`

	// Sets answers other (derived) questions: place → municipality.
	Sets map[string]string `yaml:"sets" json:"sets,omitempty"`

	// Index is the option's position in its question, and FeedMask its
	// Feeds as bits: the DII indicators in order, then the three technologies; both set by Compile.
	Index    int    `yaml:"-" json:"-"`
	FeedMask uint64 `yaml:"-" json:"-"`
	// KeySlot numbers the distinct DMA items of a checklist: options that
	// map to the same item share a slot and count once (set by Compile).
	KeySlot int `yaml:"-" json:"-"`

	// Sector options: SBI divisions (2 digits).
	SBI []string `yaml:"sbi" json:"sbi,omitempty"`
	// Municipality options: the province, and validity for mergers.
	Province   string    `yaml:"province" json:"province,omitempty"`
	ValidUntil date.Date `yaml:"valid_until" json:"valid_until,omitzero"`
	MergedInto string    `yaml:"merged_into" json:"merged_into,omitempty"`
}

// Item is one row of a matrix question.
type Item struct {
	Pos   strictyaml.Pos `yaml:"-" json:"-"`
	ID    string         `yaml:"id" json:"id"`
	Label i18n.Text      `yaml:"label" json:"label"`
	Help  i18n.Text      `yaml:"help" json:"help,omitzero"`
	When  *Condition     `yaml:"when" json:"when,omitempty"`
	Feeds []string       `yaml:"feeds" json:"feeds,omitempty"`
	DMA   string         `yaml:"dma" json:"dma,omitempty"`

	// Index is the item's position in its question, and FeedMask its
	// Feeds as bits: the DII indicators in order, then the three technologies; both set by Compile.
	Index    int    `yaml:"-" json:"-"`
	FeedMask uint64 `yaml:"-" json:"-"`
}

// Condition is a test on earlier answers. Exactly one form is used:
//
//	{question: size, in: [micro, small]}     the answer is one of (multi: any ticked)
//	{question: size, not_in: [zzp]}          answered, and not one of (multi: none ticked)
//	{question: q, item: i, in: ["4", "5"]}   a matrix item's answer
//	{question: kvk-number, answered: true}    answered at all (any type)
//	{all: [...]}, {any: [...]}, {not: {...}}
//
// A yes/no answer is "yes" or "no" here. A question that is hidden or not
// answered satisfies neither in nor not_in.
type Condition struct {
	Pos      strictyaml.Pos `yaml:"-" json:"-"`
	Question string         `yaml:"question" json:"question,omitempty"`
	Item     string         `yaml:"item" json:"item,omitempty"`
	In       []string       `yaml:"in" json:"in,omitempty"`
	NotIn    []string       `yaml:"not_in" json:"not_in,omitempty"`
	Answered *bool          `yaml:"answered" json:"answered,omitempty"`
	All      []*Condition   `yaml:"all" json:"all,omitempty"`
	Any      []*Condition   `yaml:"any" json:"any,omitempty"`
	Not      *Condition     `yaml:"not" json:"not,omitempty"`

	// Compiled by Compile, for fast evaluation: the question referred to,
	// the item's index (-1 for none), and the answers of in/not_in as a
	// bit mask of option indexes (yes/no: 0 yes, 1 no, 2 don't know).
	Ref  *Question `yaml:"-" json:"-"`
	Slot int       `yaml:"-" json:"-"`
	Mask uint64    `yaml:"-" json:"-"`
}

// YesNoIndex maps a yes/no answer id to its index in condition masks.
func YesNoIndex(id string) int {
	switch id {
	case "yes":
		return 0
	case "no":
		return 1
	case DontKnowID:
		return 2
	}
	return -1
}
