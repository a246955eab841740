package referral

import (
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gooivechtstreek/digiscan/date"
)

// The reasons of a referral depend on a few small facts (a municipality, a
// sector, a dimension and its whole-number score, an event, a set of
// topics, a date). They are rendered once and kept with the prepared
// catalogue, so matching builds no strings once it has warmed up.

// whoTexts are the reasons about who the business is, per language,
// rendered when the catalogue is prepared.
type whoTexts struct {
	location       []string   // by municipality
	province       [][]string // by municipality (the last: none), province
	sector         []string   // by sector
	locationSector [][]string // by municipality, sector
	size           []string   // by size
}

// scoreKinds are the reason kinds with {dimension} and {score}: the three
// gap tiers and the two score ranges, consecutive from rGapCritical.
const scoreKinds = rScoreHigh - rGapCritical + 1

// textCache holds the lazily rendered reasons. The maps are copied on
// write and read without a lock: they are written only while a catalogue
// warms up.
type textCache struct {
	scores []atomic.Pointer[string] // by language, kind, dimension, score 0..100

	mu     sync.Mutex                           // serialises writers
	topics [2]atomic.Pointer[map[uint64]string] // by language, topic mask
	dates  [2]atomic.Pointer[map[uint64]string] // by language, kind<<32 | day
}

// maxCached bounds each map: beyond it texts are rendered every time.
const maxCached = 4096

func cached(m *atomic.Pointer[map[uint64]string], key uint64) (string, bool) {
	if mp := m.Load(); mp != nil {
		s, ok := (*mp)[key]
		return s, ok
	}
	return "", false
}

func (tc *textCache) store(m *atomic.Pointer[map[uint64]string], key uint64, s string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	var old map[uint64]string
	if mp := m.Load(); mp != nil {
		old = *mp
	}
	if len(old) >= maxCached {
		return
	}
	next := make(map[uint64]string, 1+len(old))
	for k, v := range old {
		next[k] = v
	}
	next[key] = s
	m.Store(&next)
}

func (p *prepared) buildWho(c *Catalogue) {
	ix := c.index
	for li := range langs {
		w := &p.who[li]
		render := func(kind int, muni, prov, sector, size int) string {
			var a args
			if muni >= 0 {
				a[phMunicipality] = p.muni[li][muni]
			}
			if prov >= 0 {
				a[phProvince] = p.prov[li][prov]
			}
			if sector >= 0 {
				a[phSector] = p.sector[li][sector]
			}
			if size >= 0 {
				a[phSize] = p.size[li][size]
			}
			return ix.reasons[kind][li].render(&a)
		}
		nm, np, ns := len(p.muni[li]), len(p.prov[li]), len(p.sector[li])
		w.location = make([]string, nm)
		w.province = make([][]string, nm+1)
		w.locationSector = make([][]string, nm)
		for m := range nm {
			w.location[m] = render(rLocation, m, -1, -1, -1)
			w.province[m] = make([]string, np)
			for pr := range np {
				w.province[m][pr] = render(rProvince, m, pr, -1, -1)
			}
			w.locationSector[m] = make([]string, ns)
			for s := range ns {
				w.locationSector[m][s] = render(rLocationSector, m, -1, s, -1)
			}
		}
		w.province[nm] = make([]string, np)
		for pr := range np {
			w.province[nm][pr] = render(rProvinceOnly, -1, pr, -1, -1)
		}
		w.sector = make([]string, ns)
		for s := range ns {
			w.sector[s] = render(rSector, -1, -1, s, -1)
		}
		w.size = make([]string, len(p.size[li]))
		for s := range w.size {
			w.size[s] = render(rSize, -1, -1, -1, s)
		}
	}
	p.cache.scores = make([]atomic.Pointer[string], 2*scoreKinds*6*101)
	for li := range langs {
		empty, empty2 := map[uint64]string{}, map[uint64]string{}
		p.cache.topics[li].Store(&empty)
		p.cache.dates[li].Store(&empty2)
	}
}

// scoreText renders a reason with {dimension} and {score}.
func (p *prepared) scoreText(c *Catalogue, li, kind, d int, score float64) string {
	v := int(score)
	cached := float64(v) == score && v >= 0 && v <= 100
	var slot *atomic.Pointer[string]
	if cached {
		slot = &p.cache.scores[((li*scoreKinds+kind-rGapCritical)*6+d)*101+v]
		if s := slot.Load(); s != nil {
			return *s
		}
	}
	var a args
	a[phDimension] = p.dim[li][d]
	a[phScore] = strconv.FormatFloat(score, 'f', -1, 64)
	s := c.index.reasons[kind][li].render(&a)
	if cached {
		slot.Store(&s)
	}
	return s
}

// topicsText renders "you want help with a, b and c" for a topic mask.
func (p *prepared) topicsText(c *Catalogue, li int, mask uint64) string {
	if s, ok := cached(&p.cache.topics[li], mask); ok {
		return s
	}
	labels := p.topic[li]
	var list []string
	for m := mask; m != 0; {
		i := bits.TrailingZeros64(m)
		m &^= 1 << i
		list = append(list, labels[i])
	}
	var a args
	if len(list) == 1 {
		a[phTopics] = list[0]
	} else {
		var j args
		j[phList] = strings.Join(list[:len(list)-1], ", ")
		j[phLast] = list[len(list)-1]
		a[phTopics] = c.index.reasons[rAnd][li].render(&j)
	}
	s := c.index.reasons[rTopics][li].render(&a)
	p.cache.store(&p.cache.topics[li], mask, s)
	return s
}

// dateText renders a reason with {date} (upcoming, closes).
func (p *prepared) dateText(c *Catalogue, li, kind int, day int32) string {
	key := uint64(kind)<<32 | uint64(uint32(day))
	if s, ok := cached(&p.cache.dates[li], key); ok {
		return s
	}
	var a args
	a[phDate] = formatDate(fromDayNumber(day), li)
	s := c.index.reasons[kind][li].render(&a)
	p.cache.store(&p.cache.dates[li], key, s)
	return s
}

// eventTexts are an event's reasons, by what {dimension} names: one of its
// dimensions (0..5) or, for events without dimensions, a topic (6+index).
type eventTexts struct {
	key []int
	s   []string
}

func (p *prepared) buildEvents(c *Catalogue) {
	for li := range langs {
		p.events[li] = make([]eventTexts, len(c.Events))
		for i, e := range c.Events {
			kind := rEvent
			if e.Planned {
				kind = rEventPlanned
			}
			et := &p.events[li][i]
			add := func(key int, label string) {
				var a args
				a[phEvent] = e.Title.In(langs[li])
				a[phDate] = formatDate(e.Date, li)
				a[phPlace] = e.Place.In(langs[li])
				a[phDimension] = label
				et.key = append(et.key, key)
				et.s = append(et.s, c.index.reasons[kind][li].render(&a))
			}
			for d := range 6 {
				if e.dims&(1<<d) != 0 {
					add(d, p.dim[li][d])
				}
			}
			for t := e.topics; t != 0; {
				i := bits.TrailingZeros64(t)
				t &^= 1 << i
				add(6+i, p.topic[li][i])
			}
		}
	}
}

func (t *eventTexts) get(key int) string {
	for i, k := range t.key {
		if k == key {
			return t.s[i]
		}
	}
	return ""
}

// formatDate writes a date the way each language reads it: 11-03-2027 in
// Dutch, 11 March 2027 in English.
func formatDate(d date.Date, li int) string {
	if li == 1 {
		return d.Time().Format("2 January 2006")
	}
	return d.Dutch()
}
