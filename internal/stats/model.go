package stats

import (
	"encoding/json"
	"math"
)

// Report is the regional picture: counts, shares and means among the
// scanned businesses (the latest scan per company, with
// consent-statistics), split by mode, with small counts suppressed.
// Suppressed values are zero in the report (never the true count), so
// no renderer can leak them.
type Report struct {
	Filter  FilterSummary `json:"filter"`
	MinCell int           `json:"min_cell"`
	// N is the number of scanned businesses counted (always published).
	N int `json:"n"`
	// Modes are the modes present, in the order advisor, self, survey.
	Modes []string `json:"modes"`

	// Quadrants: rows the four quadrants, columns the modes; shares are
	// of the column (the mode's businesses); the row totals are all modes.
	Quadrants Table `json:"quadrants"`
	// Breakdowns by municipality, sector or size (Options.By): per mode
	// and for all modes, rows the values, columns the quadrants; shares are
	// of the row (the businesses of that municipality, sector or size).
	Breakdowns []Breakdown `json:"breakdowns"`
	// Targets compares DII basic level and cloud/AI/data-analytics use
	// with the 2030 targets; only the 10+ group is compared.
	Targets Targets `json:"targets"`
	// Dimensions are the mean scores per dimension.
	Dimensions []DimensionMeans `json:"dimensions"`
	// Change among re-scanned businesses, first scan (T0) to latest (T1).
	Change Change `json:"change"`
	// Referrals: outcomes of followed-up referrals per programme.
	Referrals Referrals `json:"referrals"`
	// Sensitivity: the quadrant counts with both thresholds moved.
	Sensitivity []Sensitivity `json:"sensitivity"`
	// Trend: rows the quarters of the latest scans (2026-Q1, …), columns
	// the quadrants; shares of the row.
	Trend Table `json:"trend"`
	// Demand: the weakest dimension of the counted businesses.
	Demand Demand `json:"demand"`
	// Estimates for the whole population (--population), labelled as
	// estimates; absent without a population file.
	Estimates *Estimates `json:"estimates,omitempty"`

	// NSuppressed: N is too small to publish (N is then 0).
	NSuppressed bool `json:"n_suppressed,omitempty"`
	// TooFew: fewer than twice MinCell businesses were counted; the report
	// has N only (a group this small shows no split anywhere).
	TooFew bool `json:"too_few,omitempty"`
	// Protection says how the counts were protected.
	Protection Protection `json:"protection"`
	// Suppressed counts the counts not published because they are small
	// (primary; complementary is always 0: the cell key method needs none).
	Suppressed SuppressedCounts `json:"suppressed"`
	// Notes are remarks on the data (quadrants recomputed differently,
	// thresholds assumed, …), in English.
	Notes []string `json:"notes,omitempty"`
}

// FilterSummary restates what was counted.
type FilterSummary struct {
	Since         string   `json:"since,omitempty"`
	Until         string   `json:"until,omitempty"`
	Municipality  []string `json:"municipality,omitempty"`
	Sector        []string `json:"sector,omitempty"`
	Size          []string `json:"size,omitempty"`
	Quadrant      []string `json:"quadrant,omitempty"`
	Mode          []string `json:"mode,omitempty"`
	Questionnaire string   `json:"questionnaire_version,omitempty"`
}

// Protection describes the disclosure control: the method, the smallest
// count published and the largest perturbation of a count.
type Protection struct {
	Method   string `json:"method"`
	MinCell  int    `json:"min_cell"`
	MaxNoise int    `json:"max_noise"`
}

// SuppressedCounts tells how many counts were suppressed.
type SuppressedCounts struct {
	Primary       int `json:"primary"`
	Complementary int `json:"complementary"`
}

// Cell is one count with its share of a total. A suppressed cell has
// N and Share zero and Suppressed set; a share is absent (HasShare false)
// where its total is suppressed or zero.
type Cell struct {
	N        int
	Share    float64 // 0..1
	HasShare bool
	// Low and High are the Wilson 95 % interval of the share (with HasShare).
	Low, High  float64
	Suppressed bool
}

// MarshalJSON writes {"n": 12, "share": 0.25, "ci95": [0.14, 0.4]}, or
// {"suppressed": true}.
func (c Cell) MarshalJSON() ([]byte, error) {
	if c.Suppressed {
		return []byte(`{"suppressed":true}`), nil
	}
	v := struct {
		N     int         `json:"n"`
		Share *float64    `json:"share,omitempty"`
		CI95  *[2]float64 `json:"ci95,omitempty"`
	}{N: c.N}
	if c.HasShare {
		s := math.Round(c.Share*10000) / 10000
		v.Share = &s
		v.CI95 = &[2]float64{math.Round(c.Low*10000) / 10000, math.Round(c.High*10000) / 10000}
	}
	return json.Marshal(v)
}

// Table is a two-way table with totals.
type Table struct {
	Rows      []string `json:"rows"` // ids: quadrant, municipality, …
	Cols      []string `json:"cols"`
	Cells     [][]Cell `json:"cells"` // [row][col]
	RowTotals []Cell   `json:"row_totals"`
	ColTotals []Cell   `json:"col_totals"`
	Total     Cell     `json:"total"`
}

// Breakdown splits the quadrants by one dimension.
type Breakdown struct {
	By     string      `json:"by"` // municipality, sector or size
	Tables []ModeTable `json:"tables"`
}

// ModeTable is a table for one mode, or for all ("all").
type ModeTable struct {
	Mode  string `json:"mode"`
	Table Table  `json:"table"`
}

// The 2030 targets (REFERENCE.md): 95% of SMEs at least at the basic
// digital intensity, 75% using cloud, AI or big data; measured on firms of
// 10 or more people.
const (
	TargetDIIBasic = 0.95
	TargetAdvanced = 0.75
)

// Size groups of the targets.
const (
	GroupZZP   = "zzp"   // self-employed, no staff
	GroupMicro = "micro" // 2–9 people
	Group10    = "10+"   // small, medium and large: the targets' population
)

// Indicators of the targets, in order.
var Indicators = []string{"dii_basic", "cloud", "ai", "data_analytics", "any"}

// Targets are the shares per size group and mode.
type Targets struct {
	Groups []string    `json:"groups"` // zzp, micro, 10+
	Rows   []TargetRow `json:"rows"`
}

// TargetRow is one size group in one mode ("all" for all modes).
type TargetRow struct {
	Group string `json:"group"`
	Mode  string `json:"mode"`
	N     Cell   `json:"n"`
	// Shares of N by indicator (Indicators): DII basic, cloud, AI, data
	// analytics, any of the three.
	Shares map[string]Cell `json:"shares"`
	// Compared is set for the 10+ group: its shares may be set against the
	// targets (Gap: share − target, negative below it).
	Compared bool               `json:"compared"`
	Gap      map[string]float64 `json:"gap,omitempty"`
	// Versus says, for the compared shares, where the target lies against
	// the share's 95 % interval: "below" (the interval lies under the
	// target), "above", or "not-different" (the interval covers it).
	Versus map[string]string `json:"versus,omitempty"`
}

// DimensionMeans are the mean scores of one dimension (or maturity,
// impact, readiness) per mode and for all modes.
type DimensionMeans struct {
	ID    string `json:"id"`
	Means []Mean `json:"means"`
}

// Mean is a mean over N businesses; suppressed when N < MinCell (or when
// it would give away a suppressed group's mean).
type Mean struct {
	Mode       string  `json:"mode"`
	N          int     `json:"n"`
	Mean       float64 `json:"mean"`
	Suppressed bool    `json:"suppressed,omitempty"`
}

// Change is the change among re-scanned businesses: their first scan (T0)
// against their latest (T1).
type Change struct {
	// N is the number of re-scanned businesses (0 when suppressed).
	N          int  `json:"n"`
	Suppressed bool `json:"suppressed,omitempty"`
	// Means of T1 − T0 per dimension, maturity, impact, readiness and DII count.
	Deltas []Delta `json:"deltas"`
	// Transitions: rows the T0 quadrant, columns the T1 quadrant.
	Transitions Table `json:"transitions"`
	// ByReferral splits the re-scanned businesses by what happened with
	// the referrals of their earlier scans (ReferralGroups).
	ByReferral []ChangeGroup `json:"by_referral"`
}

// ReferralGroups: "acted" (a follow-up recorded contacted, applied or
// started), "not-pursued" (only not pursued), "no-follow-up" (nothing
// recorded).
var ReferralGroups = []string{"acted", "not-pursued", "no-follow-up"}

// ChangeGroup is the change of one group of re-scanned businesses.
type ChangeGroup struct {
	Group string `json:"group"`
	N     Cell   `json:"n"`
	// Months is the mean number of months between the first and the
	// latest scan; SameMode how many were scanned the same way both times.
	Months   float64 `json:"months"`
	SameMode Cell    `json:"same_mode"`
	// Deltas: maturity, impact and readiness, T1 − T0.
	Deltas []Delta `json:"deltas"`
}

// Demand is what the counted businesses need most, for planning themed
// workshops: the number whose weakest dimension each dimension is, and
// the number that asked help with each topic.
type Demand struct {
	Weakest []DemandCell `json:"weakest_dimension"`
	// Answered: the counted businesses that answered the topics question
	// (share of all counted). Not every scan asks it.
	Answered Cell `json:"answered"`
	// Topics: per topic (the questionnaire's order; "none" too) the
	// businesses that asked help with it, share of Answered. A business
	// may choose several topics: the counts add up to more than Answered.
	Topics []DemandCell `json:"topics"`
	// TopicsBy: per breakdown (Options.By) rows its values, columns the
	// topics; row totals the businesses of the row that answered, shares
	// of the row.
	TopicsBy []TopicBreakdown `json:"topics_by"`
	// Planning: the workshop planning view, rows the topics, columns the
	// dimensions: of the businesses that asked help with a topic, how many
	// score lowest on each dimension (shares of the row; row totals are
	// Topics, column totals those that answered by weakest dimension).
	Planning Table `json:"planning"`
}

// TopicBreakdown is the demand by topic split by municipality, sector or size.
type TopicBreakdown struct {
	By    string `json:"by"`
	Table Table  `json:"table"`
}

// DemandCell is a count for one dimension, share of all counted.
type DemandCell struct {
	ID   string `json:"id"`
	Cell Cell   `json:"count"`
}

// Delta is a mean change.
type Delta struct {
	ID         string  `json:"id"`
	N          int     `json:"n"`
	T0         float64 `json:"t0"`
	T1         float64 `json:"t1"`
	Change     float64 `json:"change"`
	Suppressed bool    `json:"suppressed,omitempty"`
}

// Referrals are the outcomes of followed-up referrals (the latest
// follow-up per scan and programme): rows programmes, columns outcomes.
type Referrals struct {
	Outcomes Table `json:"outcomes"`
	// Action per programme: referrals that led to action (contacted,
	// applied or started), share of the programme's followed-up referrals.
	Action []Cell `json:"action"`
}

// Outcome columns of Referrals; "none" is a follow-up without an outcome (a note, a plan).
var OutcomeColumns = []string{"contacted", "applied", "started", "not-pursued", "none"}

// Sensitivity is the quadrant table with both thresholds moved by Shift.
type Sensitivity struct {
	Shift     float64 `json:"shift"`
	Quadrants Table   `json:"quadrants"`
}
