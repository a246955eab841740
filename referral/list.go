package referral

import (
	"fmt"
	"slices"

	"github.com/gooivechtstreek/digiscan/date"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Filter selects programmes for a listing. Empty fields do not filter.
type Filter struct {
	// AsOf: only programmes open or upcoming on this date (unless All).
	// The zero date lists every programme whatever its state.
	AsOf date.Date
	// All also lists programmes that are closed or ended on AsOf.
	All bool
	// Sector, Size, Municipality and Province leave out programmes whose
	// eligibility excludes them. A municipality brings its province (from
	// Questionnaire) unless Province is given.
	Sector, Size, Municipality, Province string
	// Questionnaire maps a municipality to its province; may be nil.
	Questionnaire *q.Questionnaire
}

// Listed is one programme of a listing with its state on the as-of date.
type Listed struct {
	Programme *Programme `json:"programme"`
	State     State      `json:"state"`
	// Events are the programme's events on or after the as-of date.
	Events []*Event `json:"events,omitempty"`
}

// UnknownValueError is a filter value that is not one of the known ones:
// What is sector, size or municipality. The command says it in the
// person's language.
type UnknownValueError struct {
	What, Value string
	Known       []string
}

func (e *UnknownValueError) Error() string {
	return fmt.Sprintf("unknown %s %q%s", e.What, e.Value, didYouMean(e.Value, e.Known))
}

// List returns the programmes that pass the filter, in catalogue order.
// Conditions on answers cannot be decided without a scan, so they do not
// filter.
func (c *Catalogue) List(f Filter) ([]Listed, error) {
	if f.Sector != "" && !slices.Contains(q.Sectors, f.Sector) {
		return nil, &UnknownValueError{What: "sector", Value: f.Sector, Known: q.Sectors}
	}
	if f.Size != "" && !slices.Contains(q.Sizes, f.Size) {
		return nil, &UnknownValueError{What: "size", Value: f.Size, Known: q.Sizes}
	}
	if f.Municipality != "" && !slices.Contains(q.Municipalities, f.Municipality) {
		return nil, &UnknownValueError{What: "municipality", Value: f.Municipality, Known: q.Municipalities}
	}
	prov := f.Province
	if prov == "" && f.Municipality != "" && f.Questionnaire != nil {
		if o := f.Questionnaire.Option(q.QMunicipality, f.Municipality); o != nil {
			prov = o.Province
		}
	}
	sector, size, muni := bitIn(q.Sectors, f.Sector), bitIn(q.Sizes, f.Size), bitIn(q.Municipalities, f.Municipality)
	provBit := c.index.provBit[prov]
	var out []Listed
	var asOf day // worked out once for every programme
	if !f.AsOf.IsZero() {
		asOf = newDay(f.AsOf)
	}
	for _, p := range c.Programmes {
		r := &p.c.elig
		if f.Sector != "" && r.sectors != 0 && r.sectors&sector == 0 {
			continue
		}
		if f.Size != "" && r.sizes != 0 && r.sizes&size == 0 {
			continue
		}
		if (f.Municipality != "" || prov != "") && r.location() {
			inMuni := f.Municipality != "" && r.munis&muni != 0
			inProv := prov != "" && r.provs&provBit != 0
			if !inMuni && !inProv {
				continue
			}
		}
		l := Listed{Programme: p}
		if !f.AsOf.IsZero() {
			l.State = p.stateAt(&asOf)
			if !f.All && l.State.Status != StatusOpen && l.State.Status != StatusUpcoming {
				continue
			}
			// A round that leaves out the sector or size asked for.
			n := asOf.n
			if l.State.Status == StatusUpcoming {
				n = dayOf(l.State.Opens)
			}
			if rr := p.c.avail.roundRule(n); !f.All && rr != nil &&
				(f.Size != "" && rr.sizes != 0 && rr.sizes&size == 0 || f.Sector != "" && rr.sectors != 0 && rr.sectors&sector == 0) {
				continue
			}
			for _, ei := range p.c.events {
				if c.Events[ei].day >= asOf.n {
					l.Events = append(l.Events, c.Events[ei])
				}
			}
		} else {
			l.State = State{Status: p.Availability.Status}
			l.Events = c.EventsOf(p.ID)
		}
		out = append(out, l)
	}
	return out, nil
}
