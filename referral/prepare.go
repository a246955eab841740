package referral

import (
	"sync/atomic"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// preparedCache remembers the catalogue prepared for the last
// questionnaire it was matched against.
type preparedCache struct {
	p atomic.Pointer[prepared]
}

// prepared is what matching needs from a questionnaire: the outcome of
// validating the catalogue against it, and the labels used in reasons,
// already turned into phrases, per language.
type prepared struct {
	qn     *q.Questionnaire
	err    error       // references that make matching wrong: Match refuses
	soft   error       // topics and insights the questionnaire lacks: reported by Validate
	sector [2][]string // by position in questionnaires.Sectors
	size   [2][]string
	muni   [2][]string
	dim    [2][]string
	prov   [2][]string // by the catalogue's province index
	topic  [2][]string // by the catalogue's topic index

	who    [2]whoTexts
	events [2][]eventTexts // by event index
	cache  textCache
}

func (c *Catalogue) prepare(qn *q.Questionnaire) *prepared {
	if p := c.prep.p.Load(); p != nil && p.qn == qn {
		return p
	}
	p := &prepared{qn: qn}
	p.err, p.soft = c.validateAgainst(qn)
	label := func(qid, id string, override Keyed[i18n.Text], lower bool, li int) string {
		if t, ok := override.Items[id]; ok {
			return t.In(langs[li])
		}
		if o := qn.Option(qid, id); o != nil {
			return phrase(o.Label.In(langs[li]), lower)
		}
		return id
	}
	for li := range langs {
		for _, id := range q.Sectors {
			p.sector[li] = append(p.sector[li], label(q.QSector, id, c.Labels.Sectors, true, li))
		}
		for _, id := range q.Sizes {
			p.size[li] = append(p.size[li], label(q.QSize, id, c.Labels.Sizes, true, li))
		}
		for _, id := range q.Municipalities {
			p.muni[li] = append(p.muni[li], label(q.QMunicipality, id, Keyed[i18n.Text]{}, false, li))
		}
		for _, id := range q.DimensionIDs {
			s := id
			if t, ok := c.Labels.Dimensions.Items[id]; ok {
				s = t.In(langs[li])
			} else if d := qn.Dimension(id); d != nil {
				s = phrase(d.Label.In(langs[li]), true)
			}
			p.dim[li] = append(p.dim[li], s)
		}
		for _, id := range c.index.provinces {
			s := label(q.QProvince, id, Keyed[i18n.Text]{}, false, li)
			if s == id {
				// A province only named by municipality options: no label of
				// its own in the questionnaire; use the id, capitalised.
				s = phrase(capitalise(id), false)
			}
			p.prov[li] = append(p.prov[li], s)
		}
		for _, id := range c.index.topics {
			p.topic[li] = append(p.topic[li], label(q.QTopics, id, c.Labels.Topics, true, li))
		}
	}
	p.buildWho(c)
	p.buildEvents(c)
	c.prep.p.Store(p)
	return p
}

func capitalise(id string) string {
	b := []byte(id)
	up := true
	for i, ch := range b {
		if up && ch >= 'a' && ch <= 'z' {
			b[i] = ch - 'a' + 'A'
		}
		up = ch == '-'
	}
	return string(b)
}
