package referral

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Severities of a finding.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Kinds of finding.
const (
	FindingWindowsPassed  = "windows-passed"   // no current or later window is left
	FindingEnded          = "ended"            // open, but its end date has passed
	FindingBudgetNoWindow = "budget-no-window" // budget exhausted and no later window
	FindingStale          = "stale"            // reviewed longer ago than the limit
	FindingUnverified     = "unverified"       // verified: false
	FindingEventPassed    = "event-passed"     // an event's date has passed
	FindingEventPlanned   = "event-planned"    // a planned date is close and still not confirmed
	FindingNoEvents       = "no-events"        // a series without upcoming events
	FindingEventSource    = "event-source"     // an event without a source
)

// Finding is one item on the maintainer's to-do list.
type Finding struct {
	Severity string `json:"severity"`
	Kind     string `json:"kind"`
	ID       string `json:"id"` // programme or event id
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Msg      string `json:"message"`
}

// String writes the finding as file:line:col: severity: id: message.
func (f Finding) String() string {
	e := strictyaml.Error{File: f.File, Line: f.Line, Col: f.Col, Msg: f.Severity + ": " + f.ID + ": " + f.Msg}
	return e.Error()
}

// HasErrors reports whether any finding is an error (the check fails).
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// PlannedNotice is how many days before a planned (unconfirmed) event the
// check asks to confirm its date.
const PlannedNotice = 42

// Check is the catalogue maintainer's to-do list on asOf: programmes whose
// windows have all passed or whose end date has passed, and review dates
// older than maxAge, are errors; unverified programmes are warnings (errors
// when strict); events that have passed, series without upcoming events and
// planned dates that are close are warnings. Findings come in file order.
func (c *Catalogue) Check(asOf date.Date, maxAge Age, strict bool) []Finding {
	var out []Finding
	add := func(sev, kind, id string, p strictyaml.Pos, format string, args ...any) {
		out = append(out, Finding{Severity: sev, Kind: kind, ID: id, File: c.Source, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
	}
	d := newDay(asOf)
	oldest := maxAge.Before(asOf)
	for _, p := range c.Programmes {
		a := &p.Availability
		ap := p.Keys.Of("availability", p.Pos)
		st, next, _ := p.c.avail.at(&d)
		switch {
		case a.Status != StatusOpen && a.Status != StatusBudgetExhausted:
		case !a.Ends.IsZero() && a.Ends.Before(asOf):
			add(SeverityError, FindingEnded, p.ID, a.Keys.Of("ends", ap), "ended on %s but the status is still %s; set status: ended (and a successor, if there is one)", a.Ends, a.Status)
		case p.c.avail.hasWindows && st != stOpen && next == noDay:
			add(SeverityError, FindingWindowsPassed, p.ID, ap, "every window has passed; add the next round, or set status: closed")
		case a.Status == StatusBudgetExhausted && next == noDay && st != stOpen:
			add(SeverityWarning, FindingBudgetNoWindow, p.ID, a.Keys.Of("status", ap), "the budget is exhausted and no later window is known; check for a new round")
		}
		if !maxAge.IsZero() && !p.Reviewed.IsZero() && p.Reviewed.Before(oldest) {
			add(SeverityError, FindingStale, p.ID, p.Keys.Of("reviewed", p.Pos), "reviewed on %s, more than %s before %s; check the facts at the source and update reviewed", p.Reviewed, maxAge, asOf)
		}
		if !p.Verified {
			sev := SeverityWarning
			if strict {
				sev = SeverityError
			}
			add(sev, FindingUnverified, p.ID, p.Keys.Of("verified", p.Pos), "not every fact is confirmed (verified: false); confirm them at the source")
		}
		if len(p.c.events) > 0 && (a.Status == StatusOpen || a.Status == StatusBudgetExhausted) {
			upcoming := false
			for _, ei := range p.c.events {
				if c.Events[ei].day >= d.n {
					upcoming = true
				}
			}
			if !upcoming {
				add(SeverityWarning, FindingNoEvents, p.ID, p.Pos, "no upcoming events; add the next dates (planned: true while unconfirmed)")
			}
		}
	}
	for _, e := range c.Events {
		if strings.TrimSpace(e.Source) == "" {
			add(SeverityError, FindingEventSource, e.ID, e.Pos, "no source; name where its date and place are published (source: a web address or document), or remove it")
		}
		switch {
		case e.day < d.n:
			add(SeverityWarning, FindingEventPassed, e.ID, e.Keys.Of("date", e.Pos), "took place on %s; remove it or move it to the next date", e.Date)
		case e.Planned && e.day-d.n <= PlannedNotice:
			add(SeverityWarning, FindingEventPlanned, e.ID, e.Keys.Of("planned", e.Pos), "planned for %s and still not confirmed; confirm the date and place, then remove planned", e.Date)
		}
	}
	sortFindings(out)
	return out
}

func sortFindings(fs []Finding) {
	// Insertion sort by line: the lists are short and mostly sorted.
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && (fs[j].Line < fs[j-1].Line || (fs[j].Line == fs[j-1].Line && fs[j].Col < fs[j-1].Col)); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// Age is a length of time in calendar units, as in --max-age 6m.
type Age struct {
	Years, Months, Days int
}

// ParseAge reads a number with a unit: d (days), w (weeks), m (months) or
// y (years), for example 6m, 180d or 1y.
func ParseAge(s string) (Age, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	bad := fmt.Errorf("invalid age %q: use a number and d, w, m or y, for example 6m", s)
	if len(s) < 2 {
		return Age{}, bad
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 {
		return Age{}, bad
	}
	switch s[len(s)-1] {
	case 'd':
		return Age{Days: n}, nil
	case 'w':
		return Age{Days: 7 * n}, nil
	case 'm':
		return Age{Months: n}, nil
	case 'y':
		return Age{Years: n}, nil
	}
	return Age{}, bad
}

// Before returns the date this long before d.
func (a Age) Before(d date.Date) date.Date {
	return date.Of(d.Time().AddDate(-a.Years, -a.Months, -a.Days))
}

// IsZero reports whether the age is empty (no limit).
func (a Age) IsZero() bool { return a == Age{} }

// String writes the age as ParseAge reads it (6m, 1y2m, 0d).
func (a Age) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		unit string
	}{{a.Years, "y"}, {a.Months, "m"}, {a.Days, "d"}} {
		if p.n != 0 {
			parts = append(parts, strconv.Itoa(p.n)+p.unit)
		}
	}
	if len(parts) == 0 {
		return "0d"
	}
	return strings.Join(parts, "")
}

// Set and Type make *Age a pflag.Value, for --max-age.
func (a *Age) Set(s string) error {
	v, err := ParseAge(s)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Type names the flag's value in help.
func (a *Age) Type() string { return "AGE" }

// ErrUnknownProgramme is returned (wrapped) by Find for an id that is not
// in the catalogue.
var ErrUnknownProgramme = errors.New("unknown programme")

// Find returns the programme with this id, or an error that suggests the
// nearest id.
func (c *Catalogue) Find(id string) (*Programme, error) {
	if p := c.Programme(id); p != nil {
		return p, nil
	}
	return nil, &UnknownProgrammeError{ID: id, Catalogue: c.ID, Known: c.IDs()}
}

// UnknownProgrammeError is an id that is not in the catalogue (errors.Is
// ErrUnknownProgramme); Known are the catalogue's ids. The command says it
// in the person's language.
type UnknownProgrammeError struct {
	ID, Catalogue string
	Known         []string
}

func (e *UnknownProgrammeError) Error() string {
	return fmt.Sprintf("%v %q in catalogue %s%s", ErrUnknownProgramme, e.ID, e.Catalogue, didYouMean(e.ID, e.Known))
}

func (e *UnknownProgrammeError) Unwrap() error { return ErrUnknownProgramme }
