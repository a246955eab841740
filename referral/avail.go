package referral

import (
	"math"

	"github.com/gooivechtstreek/digiscan/date"
)

// State is a programme's availability on a date.
type State struct {
	// Status is open, upcoming (the next window opens within
	// UpcomingHorizon months), closed, budget-exhausted or ended.
	Status string `json:"status"`
	// Opens is the next opening when the programme is not open now (upcoming,
	// or closed between rounds), if known.
	Opens date.Date `json:"opens,omitzero"`
	// Closes is the last day of the current window, or of the programme.
	Closes date.Date `json:"closes,omitzero"`
}

// StateOn works out the programme's state on asOf.
func (p *Programme) StateOn(asOf date.Date) State {
	d := newDay(asOf)
	return p.stateAt(&d)
}

// stateAt is StateOn for a day worked out.
func (p *Programme) stateAt(d *day) State {
	st, opens, closes := p.c.avail.at(d)
	s := State{Status: statusNames[st]}
	if opens != noDay {
		s.Opens = fromDayNumber(opens)
	}
	if closes != noDay {
		s.Closes = fromDayNumber(closes)
	}
	return s
}

const noDay = math.MaxInt32

// day is the as-of date in the forms availability needs.
type day struct {
	n       int32 // day number
	year    int
	md      int   // month*100 + day
	horizon int32 // day number UpcomingHorizon months later
	// jan1 and leap describe the years year-1 .. year+2, so yearly windows
	// need no calendar arithmetic.
	jan1 [4]int32
	leap [4]bool
}

// cumDays is the number of days before each month in a common year.
var cumDays = [13]int32{0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// in returns the day number of md in year y (year-1 .. year+2 of d).
func (d *day) in(md MonthDay, y int) int32 {
	k := y - d.year + 1
	if k < 0 || k >= len(d.jan1) {
		return md.in(y)
	}
	n := d.jan1[k] + cumDays[md.Month] + int32(md.Day) - 1
	if md.Month > 2 && d.leap[k] {
		n++
	}
	return n
}

func newDay(d date.Date) day {
	y, mo, dd := d.Time().Date()
	m := int(mo)
	hy, hm := y, m+UpcomingHorizon
	for hm > 12 {
		hy, hm = hy+1, hm-12
	}
	// dayNumber is linear in the day, so a day past the end of the month
	// rolls over as time.AddDate does (30 November + 3 months = 2 March).
	out := day{n: dayNumber(y, m, dd), year: y, md: m*100 + dd, horizon: dayNumber(hy, hm, dd)}
	for k := range out.jan1 {
		yy := y - 1 + k
		out.jan1[k] = dayNumber(yy, 1, 1)
		out.leap[k] = yy%4 == 0 && (yy%100 != 0 || yy%400 == 0)
	}
	return out
}

func fromDayNumber(n int32) date.Date { return date.New(1970, 1, 1+int(n)) }

// at returns the state on d, the next opening (noDay if none) and the last
// day of the current window or programme (noDay if none).
//
// The windows decide, whatever the status: a closed or ended programme is
// open inside its past windows (or before its end date), so a scan as of a
// past date sees it as it was. One that is closed or ended without a dated
// window or end date was never open as far as the catalogue knows. A
// closed or ended programme has no window after its review date.
func (a *availC) at(d *day) (st uint8, opens, closes int32) {
	ends := a.ends
	if a.over() {
		if !a.dated() {
			return a.status, noDay, noDay
		}
		ends = min(ends, a.reviewed)
		if a.reviewed == math.MinInt32 {
			ends = a.ends
		}
	}
	if d.n > ends {
		if a.over() {
			return a.status, noDay, noDay
		}
		return stClosed, noDay, noDay
	}
	end := int32(noDay)
	if ends != math.MaxInt32 {
		end = ends
	}
	if !a.hasWindows {
		switch {
		case d.n < a.starts:
			return a.notOpen(d, a.starts)
		case a.status == stBudget:
			return stBudget, noDay, noDay
		}
		return stOpen, noDay, end
	}
	// Inside a dated or yearly window?
	for _, w := range a.windows {
		if w[0] <= d.n && d.n <= w[1] && a.usable(w[0], w[1]) {
			return stOpen, noDay, min(w[1], end)
		}
	}
	for _, w := range a.yearly {
		o, c, ok := occurrence(w, d)
		if ok && a.usable(o, c) {
			return stOpen, noDay, min(c, end)
		}
	}
	// The next opening.
	next := int32(noDay)
	for _, w := range a.windows {
		if w[0] > d.n && a.usable(w[0], w[1]) {
			next = min(next, w[0])
			break // sorted by opening
		}
	}
	for _, w := range a.yearly {
		for y := d.year; y <= d.year+2; y++ {
			o := d.in(w[0], y)
			c := d.in(w[1], y)
			if c < o {
				c = d.in(w[1], y+1)
			}
			if o > d.n && a.usable(o, c) {
				next = min(next, o)
				break
			}
		}
	}
	if next > ends {
		next = noDay
	}
	return a.notOpen(d, next)
}

// over: the status says closed or ended.
func (a *availC) over() bool { return a.status == stClosed || a.status == stEnded }

// dated: the programme has windows or an end date, so the dates decide
// when it was open.
func (a *availC) dated() bool { return a.hasWindows || a.ends != math.MaxInt32 }

// never: closed or ended with no dates at all; never open.
func (a *availC) never() bool { return a.over() && !a.dated() }

// lastDay is the programme's last open day: its end date, else the close
// of its last dated window when it has no yearly ones; noDay if none.
func (a *availC) lastDay() int32 {
	switch {
	case a.ends != math.MaxInt32:
		return a.ends
	case len(a.windows) > 0 && len(a.yearly) == 0:
		last := int32(math.MinInt32)
		for _, w := range a.windows {
			last = max(last, w[1])
		}
		return last
	}
	return noDay
}

func (a *availC) notOpen(d *day, next int32) (uint8, int32, int32) {
	st := stClosed
	switch {
	case a.status == stBudget:
		st = stBudget
	case a.over() && next == noDay: // after its last window
		st = a.status
	}
	if next != noDay && next <= d.horizon {
		st = stUpcoming
	}
	return st, next, noDay
}

// usable: a window from o to c lies inside the programme's period and, for
// a programme whose budget is exhausted, is not the round that was running
// on the review date.
func (a *availC) usable(o, c int32) bool {
	if o < a.starts || o > a.ends {
		return false
	}
	if a.status == stBudget && o <= a.reviewed && a.reviewed <= c {
		return false
	}
	return true
}

// occurrence returns the occurrence of a yearly window that contains d.
func occurrence(w [2]MonthDay, d *day) (opens, closes int32, ok bool) {
	o, c := w[0].key(), w[1].key()
	switch {
	case o <= c && o <= d.md && d.md <= c:
		return d.in(w[0], d.year), d.in(w[1], d.year), true
	case o > c && d.md >= o: // runs over the new year, from this year
		return d.in(w[0], d.year), d.in(w[1], d.year+1), true
	case o > c && d.md <= c: // runs over the new year, from last year
		return d.in(w[0], d.year-1), d.in(w[1], d.year), true
	}
	return 0, 0, false
}

// roundRule is the rule narrowing who may apply in the dated window that
// contains day n, or nil.
func (a *availC) roundRule(n int32) *rule {
	if !a.hasRoundRules {
		return nil
	}
	for i, w := range a.windows {
		if w[0] <= n && n <= w[1] {
			return a.roundRules[i]
		}
	}
	return nil
}
