package scan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
)

// Modes of a scan.
const (
	ModeAdvisor = "advisor" // run by an advisor with the entrepreneur
	ModeSelf    = "self"    // the entrepreneur on their own
	ModeSurvey  = "survey"  // scored in bulk from a survey export
)

// Result is a scored scan. The JSON keys are a contract (docs/design.md,
// "Result JSON").
type Result struct {
	ID            string        `json:"id"`
	CreatedAt     time.Time     `json:"created_at"`
	AsOf          date.Date     `json:"as_of"`
	Questionnaire QuestionRef   `json:"questionnaire"`
	Catalogue     *CatalogueRef `json:"catalogue"`
	Lang          string        `json:"lang"`
	Mode          string        `json:"mode"`
	Advisor       string        `json:"advisor,omitempty"`
	Organisation  string        `json:"organisation,omitempty"`
	// HeardVia records how the business heard of the scan (association,
	// municipality, event, website, ...), for the region's outreach.
	HeardVia string `json:"heard_via,omitempty"`

	Profile  Profile            `json:"profile"`
	Company  *Company           `json:"company,omitempty"`
	Consents map[string]Consent `json:"consents"`

	Impact     float64    `json:"impact"`
	Readiness  float64    `json:"readiness"`
	Quadrant   string     `json:"quadrant"`
	Thresholds Thresholds `json:"thresholds"`

	Dimensions       []DimensionScore `json:"dimensions"`
	Maturity         Maturity         `json:"maturity"`
	DigitalIntensity DigitalIntensity `json:"digital_intensity"`
	AdvancedTech     AdvancedTech     `json:"advanced_tech"`

	Gaps      []Gap      `json:"gaps"`
	Insights  []Insight  `json:"insights"`
	Referrals []Referral `json:"referrals"`
	Advice    []Advice   `json:"advice"`

	Answers    Answers  `json:"answers"`
	Unknown    []string `json:"unknown"`    // questions answered "don't know"
	Unanswered []string `json:"unanswered"` // optional questions left open
}

// QuestionRef identifies the questionnaire a result was scored with.
type QuestionRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// CatalogueRef identifies the programme catalogue referrals came from.
type CatalogueRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// Profile is who the business is: the fixed profile answers.
type Profile struct {
	Sector       string   `json:"sector"`
	Size         string   `json:"size"`
	Place        string   `json:"place,omitempty"`
	Municipality string   `json:"municipality"`
	Province     string   `json:"province"`
	Association  []string `json:"association"`
	Topics       []string `json:"topics"`
}

// Company is the optional identity of the business.
type Company struct {
	Name          string `json:"name,omitempty"`
	KVK           string `json:"kvk,omitempty"`
	Establishment string `json:"establishment,omitempty"`
}

// Consent is one consent answer with the version of the text shown.
type Consent struct {
	Given       bool   `json:"given"`
	TextVersion string `json:"text_version"`
}

// Thresholds are the quadrant thresholds the result was placed with.
type Thresholds struct {
	Impact    float64 `json:"impact"`
	Readiness float64 `json:"readiness"`
}

// DimensionScore is one dimension's score; Score is nil when no question of
// the dimension applies to (or was answered by) this business.
type DimensionScore struct {
	ID     string   `json:"id"`
	Score  *float64 `json:"score"`
	Band   string   `json:"band,omitempty"`
	Target float64  `json:"target"`
	// Status says why Score is nil: "not-applicable" or "not-answered".
	Status string `json:"status,omitempty"`
}

// Maturity is the mean of the applicable dimensions and its band.
type Maturity struct {
	Score float64 `json:"score"`
	Band  string  `json:"band"`
}

// DigitalIntensity is the Eurostat DII of the recorded indicator-set version.
type DigitalIntensity struct {
	Version    string       `json:"version"`
	Count      int          `json:"count"`
	Of         int          `json:"of"`
	Level      string       `json:"level"`
	Basic      bool         `json:"basic"`
	Indicators IndicatorSet `json:"indicators"`
	Unknown    []string     `json:"unknown"` // indicators answered "don't know" (counted as no)
}

// AdvancedTech are the three technologies of the 75% target; Any counts a
// business that uses at least one.
type AdvancedTech struct {
	Cloud         bool `json:"cloud"`
	AI            bool `json:"ai"`
	DataAnalytics bool `json:"data_analytics"`
	Any           bool `json:"any"`
}

// Gap is how far a dimension is below its target.
type Gap struct {
	Dimension string  `json:"dimension"`
	Score     float64 `json:"score"`
	Target    float64 `json:"target"`
	Gap       float64 `json:"gap"`
	Tier      string  `json:"tier"` // critical, moderate or minor
}

// Gap tiers.
const (
	TierCritical = "critical"
	TierModerate = "moderate"
	TierMinor    = "minor"
)

// Insight is a cross-dimension observation, in the result's language.
type Insight struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Referral is a programme the business is referred to (filled by package
// referral), in the result's language. Referrals are ranked; the first three
// are the headline, the rest have More set ("more options").
type Referral struct {
	Programme string   `json:"programme"`
	Name      string   `json:"name"`
	URL       string   `json:"url"`
	Score     float64  `json:"score"`
	Reasons   []string `json:"reasons"`

	// Status is "open" (may apply on the as-of date) or "upcoming" (the next
	// round opens on Opens, within three months).
	Status string    `json:"status"`
	Opens  date.Date `json:"opens,omitzero"`
	// Closes is the last day of the current round or of the programme, if known.
	Closes   date.Date `json:"closes,omitzero"`
	Offers   []string  `json:"offers,omitempty"` // kinds of offer: scan, advice, subsidy, ...
	Operator string    `json:"operator,omitempty"`
	Cost     string    `json:"cost,omitempty"` // what it costs the entrepreneur
	Contact  string    `json:"contact,omitempty"`
	Notes    []string  `json:"notes,omitempty"` // e.g. de-minimis aid
	// Variant names the variant of the programme that applies (e.g. the S&O
	// deduction for a freelancer instead of the WBSO wage-cost credit).
	Variant string `json:"variant,omitempty"`
	// Replaces is the id of a closed programme this one succeeds, when the
	// business was referred here because of it.
	Replaces string `json:"replaces,omitempty"`
	// Unverified: some facts of this programme could not be confirmed; check
	// them before relying on them.
	Unverified bool            `json:"unverified,omitempty"`
	Events     []ReferralEvent `json:"events,omitempty"` // upcoming events of a series that fit
	More       bool            `json:"more,omitempty"`   // beyond the headline three
}

// ReferralEvent is an upcoming event (a themed workshop) of a referred series.
type ReferralEvent struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Date  date.Date `json:"date"`
	Place string    `json:"place"`
	URL   string    `json:"url,omitempty"`
	// Planned: a plausible date, not yet confirmed by the organiser.
	Planned    bool     `json:"planned,omitempty"`
	Dimensions []string `json:"dimensions,omitempty"`
}

// Advice is a concrete next step (filled by package referral).
type Advice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
	// Kind says what the step answers: "gap" (a dimension's gap), "insight"
	// or "quadrant".
	Kind      string `json:"kind,omitempty"`
	Dimension string `json:"dimension,omitempty"`
	Tier      string `json:"tier,omitempty"`
	Insight   string `json:"insight,omitempty"`
}

// DimensionScore returns the score of dimension id, if it has one.
func (r *Result) DimensionScore(id string) (float64, bool) {
	for _, d := range r.Dimensions {
		if d.ID == id && d.Score != nil {
			return *d.Score, true
		}
	}
	return 0, false
}

// IndicatorSet is which DII indicators a business meets, in the
// questionnaire's order; in JSON an object {"internet-use": true, ...}.
// It is two words (no map), so scoring allocates nothing for it.
type IndicatorSet struct {
	IDs []string // the indicator ids (shared, not to be changed)
	Yes uint64   // bit i: IDs[i] is met
}

// Get reports whether indicator id is met.
func (s IndicatorSet) Get(id string) bool {
	for i, x := range s.IDs {
		if x == id {
			return s.Yes&(1<<i) != 0
		}
	}
	return false
}

func (s IndicatorSet) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, id := range s.IDs {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(id)
		b = append(b, k...)
		if s.Yes&(1<<i) != 0 {
			b = append(b, ":true"...)
		} else {
			b = append(b, ":false"...)
		}
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads the object in its order.
func (s *IndicatorSet) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		if err == nil && t == nil { // null
			*s = IndicatorSet{}
			return nil
		}
		return fmt.Errorf("indicators: expected an object")
	}
	*s = IndicatorSet{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		id, _ := t.(string)
		var yes bool
		if err := dec.Decode(&yes); err != nil {
			return fmt.Errorf("indicators: %s: %w", id, err)
		}
		if len(s.IDs) == 64 {
			return fmt.Errorf("indicators: more than 64")
		}
		if yes {
			s.Yes |= 1 << len(s.IDs)
		}
		s.IDs = append(s.IDs, id)
	}
	_, err := dec.Token()
	return err
}
