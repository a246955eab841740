package referral

import (
	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Programme statuses. The status says what the catalogue maintainer knew on
// the review date; the windows and the as-of date decide the rest.
const (
	// StatusOpen: available, inside its windows if it has any.
	StatusOpen = "open"
	// StatusBudgetExhausted: the round running on the review date has no
	// budget left; later windows count as usual.
	StatusBudgetExhausted = "budget-exhausted"
	// StatusClosed: not taking applications and no next round is known.
	StatusClosed = "closed"
	// StatusEnded: over for good (a successor may have replaced it).
	StatusEnded = "ended"
	// StatusUpcoming is never written in a catalogue: it is the state of an
	// open programme whose next window opens within UpcomingHorizon months.
	StatusUpcoming = "upcoming"
)

// Statuses are the values of availability.status.
var Statuses = []string{StatusOpen, StatusBudgetExhausted, StatusClosed, StatusEnded}

// UpcomingHorizon is how many months ahead a window may open for the
// programme to be referred as upcoming.
const UpcomingHorizon = 3

// FundingKinds are the kinds of money a programme may give.
var FundingKinds = []string{"subsidy", "voucher", "loan", "equity", "guarantee", "tax-credit", "tax-deduction"}

// Catalogue is a versioned list of support programmes for one region, with
// its events, advice texts and reason templates.
type Catalogue struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	ID          string    `yaml:"id" json:"id"`
	Version     string    `yaml:"version" json:"version"`
	Title       i18n.Text `yaml:"title" json:"title"`
	Description i18n.Text `yaml:"description" json:"description,omitzero"`

	// Kinds are the kinds of offer programmes make (scan, advice, subsidy,
	// ...); Guidance marks the hands-on ones that businesses with the most
	// to gain get first.
	Kinds []*Kind `yaml:"kinds" json:"kinds"`
	// Reasons are the templates of the reasons given with a referral, keyed
	// by reason kind (see ReasonKinds), with {placeholders}.
	Reasons Keyed[i18n.Text] `yaml:"reasons" json:"reasons"`
	// Labels optionally replace the questionnaire's option labels inside
	// reasons ("de media" rather than "Media en uitgeverij (film, tv, ...)").
	Labels     Labels       `yaml:"labels" json:"labels,omitzero"`
	Programmes []*Programme `yaml:"programmes" json:"programmes"`
	Events     []*Event     `yaml:"events" json:"events,omitempty"`
	Advice     AdviceSet    `yaml:"advice" json:"advice"`

	// Source is the file name or "builtin:NAME"; filled by Load.
	Source string `yaml:"-" json:"-"`
	index  *index
	prep   preparedCache
}

// Kind is a kind of offer.
type Kind struct {
	Pos      strictyaml.Pos `yaml:"-" json:"-"`
	ID       string         `yaml:"id" json:"id"`
	Label    i18n.Text      `yaml:"label" json:"label"`
	Guidance bool           `yaml:"guidance" json:"guidance,omitempty"`
}

// Labels are phrases for ids, used in reasons instead of the
// questionnaire's labels.
type Labels struct {
	Pos        strictyaml.Pos   `yaml:"-" json:"-"`
	Sectors    Keyed[i18n.Text] `yaml:"sectors" json:"sectors,omitzero"`
	Sizes      Keyed[i18n.Text] `yaml:"sizes" json:"sizes,omitzero"`
	Dimensions Keyed[i18n.Text] `yaml:"dimensions" json:"dimensions,omitzero"`
	Topics     Keyed[i18n.Text] `yaml:"topics" json:"topics,omitzero"`
}

// Programme is one support programme.
type Programme struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	ID          string    `yaml:"id" json:"id"`
	Name        i18n.Text `yaml:"name" json:"name"`
	Description i18n.Text `yaml:"description" json:"description"`
	Operator    i18n.Text `yaml:"operator" json:"operator"`
	Offers      []string  `yaml:"offers" json:"offers"`
	Funding     []Funding `yaml:"funding" json:"funding,omitempty"`
	// Cost is what the programme costs the entrepreneur, in words.
	Cost    i18n.Text `yaml:"cost" json:"cost"`
	URL     string    `yaml:"url" json:"url,omitempty"`
	Contact i18n.Text `yaml:"contact" json:"contact,omitzero"`

	// Eligibility holds the hard rules: who may use the programme at all.
	// Nil: anyone.
	Eligibility *Rule `yaml:"eligibility" json:"eligibility,omitempty"`
	// Focus is what makes it a better fit, without excluding anyone.
	Focus *Focus `yaml:"focus" json:"focus,omitempty"`
	// Variants adapt the programme to some businesses (the first whose
	// rule holds applies).
	Variants     []*Variant   `yaml:"variants" json:"variants,omitempty"`
	Availability Availability `yaml:"availability" json:"availability"`
	Notes        []i18n.Text  `yaml:"notes" json:"notes,omitempty"`

	Sources  []string  `yaml:"sources" json:"sources"`
	Reviewed date.Date `yaml:"reviewed" json:"reviewed"`
	// Verified is false when some facts could not be confirmed.
	Verified bool `yaml:"verified" json:"verified"`
	// Weight scales the ranking score (default 1).
	Weight *float64 `yaml:"weight" json:"weight,omitempty"`
	// LowThreshold: free, and usable at once without an application (a
	// free online self-scan). Businesses with the most to gain get such
	// help first.
	LowThreshold bool `yaml:"low_threshold" json:"low_threshold,omitempty"`

	c compiled
}

// Funding is money a programme gives: a subsidy, loan, tax credit, ...
// Amounts are in euros.
type Funding struct {
	Pos     strictyaml.Pos `yaml:"-" json:"-"`
	Kind    string         `yaml:"kind" json:"kind"`
	Percent *float64       `yaml:"percent" json:"percent,omitempty"` // share of the costs
	Min     *float64       `yaml:"min" json:"min,omitempty"`
	Max     *float64       `yaml:"max" json:"max,omitempty"`
	Text    i18n.Text      `yaml:"text" json:"text,omitzero"`
}

// Rule is a hard rule on who the business is. Every list that is given must
// contain the business's value; municipalities and provinces together form
// one location rule (the business's municipality or its province is listed).
// Answers is a condition on the answers, as in a questionnaire.
type Rule struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	Sectors        []string                  `yaml:"sectors" json:"sectors,omitempty"`
	Sizes          []string                  `yaml:"sizes" json:"sizes,omitempty"`
	Municipalities []string                  `yaml:"municipalities" json:"municipalities,omitempty"`
	Provinces      []string                  `yaml:"provinces" json:"provinces,omitempty"`
	Answers        *questionnaires.Condition `yaml:"answers" json:"answers,omitempty"`
	// Reason is said when the rule holds ("you have staff, and SLIM is for
	// staff training").
	Reason i18n.Text `yaml:"reason" json:"reason,omitzero"`
}

// Focus lists what makes a programme fit better. Nothing here excludes a
// business.
type Focus struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	Sectors        []string `yaml:"sectors" json:"sectors,omitempty"`
	Sizes          []string `yaml:"sizes" json:"sizes,omitempty"`
	Municipalities []string `yaml:"municipalities" json:"municipalities,omitempty"`
	Provinces      []string `yaml:"provinces" json:"provinces,omitempty"`
	Quadrants      []string `yaml:"quadrants" json:"quadrants,omitempty"`
	// Dimensions the programme helps with: a gap there makes it fit.
	Dimensions []string `yaml:"dimensions" json:"dimensions,omitempty"`
	// Topics (option ids of the topics question) the programme helps with.
	Topics []string     `yaml:"topics" json:"topics,omitempty"`
	Scores []ScoreRange `yaml:"scores" json:"scores,omitempty"`
	// NotMember: fits businesses that are not a member of a business association.
	NotMember bool `yaml:"not_member" json:"not_member,omitempty"`
	// Intent, when given, is the need the programme answers (an innovation
	// project, own R&D): it is referred only when the rule holds, and its
	// reason says why. Gaps, topics and the quadrant then only rank it.
	Intent *Rule `yaml:"intent" json:"intent,omitempty"`
}

// ScoreRange bounds a dimension's score: Min inclusive, Max exclusive.
type ScoreRange struct {
	Pos       strictyaml.Pos `yaml:"-" json:"-"`
	Dimension string         `yaml:"dimension" json:"dimension"`
	Min       *float64       `yaml:"min" json:"min,omitempty"`
	Max       *float64       `yaml:"max" json:"max,omitempty"`
}

// Variant is a form of the programme for some businesses: the texts it
// gives replace the programme's.
type Variant struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	ID          string      `yaml:"id" json:"id"`
	When        *Rule       `yaml:"when" json:"when"`
	Name        i18n.Text   `yaml:"name" json:"name,omitzero"`
	Description i18n.Text   `yaml:"description" json:"description,omitzero"`
	Cost        i18n.Text   `yaml:"cost" json:"cost,omitzero"`
	URL         string      `yaml:"url" json:"url,omitempty"`
	Contact     i18n.Text   `yaml:"contact" json:"contact,omitzero"`
	Funding     []Funding   `yaml:"funding" json:"funding,omitempty"`
	Notes       []i18n.Text `yaml:"notes" json:"notes,omitempty"`
}

// Availability says when a programme takes applications.
type Availability struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	Status string `yaml:"status" json:"status"`
	// Starts and Ends bound the whole programme (inclusive), when known.
	Starts date.Date `yaml:"starts" json:"starts,omitzero"`
	Ends   date.Date `yaml:"ends" json:"ends,omitzero"`
	// Windows are dated application rounds; Yearly ones recur every year.
	// A programme with neither is open all the time.
	Windows []Window       `yaml:"windows" json:"windows,omitempty"`
	Yearly  []YearlyWindow `yaml:"yearly" json:"yearly,omitempty"`
	// Successor replaced this (closed or ended) programme.
	Successor string `yaml:"successor" json:"successor,omitempty"`
	// Alternatives are worth a look instead (shown, not used in matching).
	Alternatives []string `yaml:"alternatives" json:"alternatives,omitempty"`
}

// Window is one application round, first and last day included.
// Eligibility, when given, narrows who may apply in this round (sole
// traders only from the second round, say), on top of the programme's.
type Window struct {
	Pos         strictyaml.Pos `yaml:"-" json:"-"`
	Opens       date.Date      `yaml:"opens" json:"opens"`
	Closes      date.Date      `yaml:"closes" json:"closes"`
	Note        i18n.Text      `yaml:"note" json:"note,omitzero"`
	Eligibility *Rule          `yaml:"eligibility" json:"eligibility,omitempty"`
}

// YearlyWindow is a round that recurs every year, first and last day
// included; it may run over the new year (opens 12-01, closes 01-31).
type YearlyWindow struct {
	Pos    strictyaml.Pos `yaml:"-" json:"-"`
	Opens  MonthDay       `yaml:"opens" json:"opens"`
	Closes MonthDay       `yaml:"closes" json:"closes"`
	Note   i18n.Text      `yaml:"note" json:"note,omitzero"`
}

// Event is one dated event of a series (a themed workshop).
type Event struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	ID string `yaml:"id" json:"id"`
	// Series is the id of the programme that runs the event.
	Series      string    `yaml:"series" json:"series"`
	Title       i18n.Text `yaml:"title" json:"title"`
	Description i18n.Text `yaml:"description" json:"description,omitzero"`
	Date        date.Date `yaml:"date" json:"date"`
	Place       i18n.Text `yaml:"place" json:"place"`
	// Dimensions and Topics the event addresses.
	Dimensions []string `yaml:"dimensions" json:"dimensions,omitempty"`
	Topics     []string `yaml:"topics" json:"topics,omitempty"`
	URL        string   `yaml:"url" json:"url,omitempty"` // registration
	// Planned: a plausible date, not yet confirmed.
	Planned bool `yaml:"planned" json:"planned,omitempty"`
	// Source is where the date and place are published (a web address or
	// a document); `digiscan programmes check` requires it.
	Source string `yaml:"source" json:"source,omitempty"`

	day    int32
	dims   uint8
	topics uint64
}

// AdviceSet holds the next-step texts: per dimension and gap tier, per
// insight id and per quadrant.
type AdviceSet struct {
	Pos  strictyaml.Pos  `yaml:"-" json:"-"`
	Keys strictyaml.Keys `yaml:"-" json:"-"`

	Dimensions Keyed[*TierAdvice] `yaml:"dimensions" json:"dimensions"`
	Insights   Keyed[*AdviceText] `yaml:"insights" json:"insights"`
	Quadrants  Keyed[*AdviceText] `yaml:"quadrants" json:"quadrants"`
}

// TierAdvice is a dimension's advice for each gap tier.
type TierAdvice struct {
	Pos      strictyaml.Pos `yaml:"-" json:"-"`
	Critical *AdviceText    `yaml:"critical" json:"critical"`
	Moderate *AdviceText    `yaml:"moderate" json:"moderate"`
	Minor    *AdviceText    `yaml:"minor" json:"minor"`
}

// AdviceText is one next step. Freelancer, when given, replaces it for a
// business without staff. Dimension (on insight advice) names the
// dimension whose gap advice it replaces when both would be given.
type AdviceText struct {
	Pos        strictyaml.Pos  `yaml:"-" json:"-"`
	Keys       strictyaml.Keys `yaml:"-" json:"-"`
	Title      i18n.Text       `yaml:"title" json:"title"`
	Text       i18n.Text       `yaml:"text" json:"text"`
	Dimension  string          `yaml:"dimension" json:"dimension,omitempty"`
	Freelancer *AdviceText     `yaml:"freelancer" json:"freelancer,omitempty"`

	id string // the Advice id, set by compile
}

// Programme returns the programme with this id, or nil.
func (c *Catalogue) Programme(id string) *Programme {
	if i, ok := c.index.programmes[id]; ok {
		return c.Programmes[i]
	}
	return nil
}

// Event returns the event with this id, or nil.
func (c *Catalogue) Event(id string) *Event {
	if i, ok := c.index.events[id]; ok {
		return c.Events[i]
	}
	return nil
}

// Kind returns the offer kind with this id, or nil.
func (c *Catalogue) Kind(id string) *Kind {
	for _, k := range c.Kinds {
		if k.ID == id {
			return k
		}
	}
	return nil
}

// IDs lists the programme ids in catalogue order (for shell completion).
func (c *Catalogue) IDs() []string {
	ids := make([]string, len(c.Programmes))
	for i, p := range c.Programmes {
		ids[i] = p.ID
	}
	return ids
}

// EventsOf lists the events of series id in date order.
func (c *Catalogue) EventsOf(id string) []*Event {
	var out []*Event
	if i, ok := c.index.programmes[id]; ok {
		for _, e := range c.Programmes[i].c.events {
			out = append(out, c.Events[e])
		}
	}
	return out
}

// WeightOrDefault is the programme's ranking weight, 1 when unset.
func (p *Programme) WeightOrDefault() float64 {
	if p.Weight == nil {
		return 1
	}
	return *p.Weight
}
