package survey

import (
	"slices"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// IDColumn is the optional column of respondent ids: copied to the result
// rows so they join back to the survey.
const IDColumn = "id"

// ColumnsError reports a header that does not fit the questionnaire:
// columns that name no question or item (with a suggestion), questions
// that have no column, columns given twice. Nothing was scored.
type ColumnsError struct {
	Name      string
	Unknown   []string // "col (did you mean …?)"
	Missing   []string
	Duplicate []string
	TooMany   int       // the header's column count, when over maxColumns (nothing else is checked)
	Lang      i18n.Lang // of the message (Options.Lang)
}

// maxColumns is the widest header read: the built-in questionnaire has
// about 50 columns; a header far wider is another kind of file, and
// checking each of its columns would only make a huge message.
const maxColumns = 2000

// maxListed is how many unknown columns the error names one by one.
const maxListed = 20

func (e *ColumnsError) Error() string {
	var parts []string
	l := e.Lang
	if e.TooMany > 0 {
		return msg.Tf(l, "score.header.too-many", e.Name, e.TooMany, maxColumns)
	}
	if len(e.Unknown) > 0 {
		list := e.Unknown
		more := ""
		if len(list) > maxListed {
			list, more = list[:maxListed], msg.Tf(l, "score.header.more", len(list)-maxListed)
		}
		parts = append(parts, msg.Tf(l, "score.header.unknown", len(e.Unknown), strings.Join(list, "; "), more))
	}
	if len(e.Missing) > 0 {
		parts = append(parts, msg.Tf(l, "score.header.missing", strings.Join(e.Missing, ", ")))
	}
	if len(e.Duplicate) > 0 {
		parts = append(parts, msg.Tf(l, "score.header.twice", strings.Join(e.Duplicate, ", ")))
	}
	return msg.Tf(l, "score.header", e.Name, strings.Join(parts, "; "), IDColumn)
}

// Template is the header of a survey export for qn: the respondent id
// column, then SurveyColumns. Survey tools that export with question ids
// as column names can be set up from it.
func Template(qn *q.Questionnaire) []string {
	return append([]string{IDColumn}, qn.SurveyColumns()...)
}

// Metadata columns survey tools add (LimeSurvey's response export among
// them): read for the response date (ResponseDateColumns) or ignored
// without a warning.
var metadataColumns = []string{"submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl", "token"}

// ResponseDateColumns are the columns, first found first, whose date is a
// row's as-of date: the day the respondent answered. LimeSurvey calls it
// submitdate.
var ResponseDateColumns = []string{"submitdate"}

// layout is how the cells of a row are read.
type layout struct {
	cols    []scan.Column // by cell: the question (and item) it answers
	idCol   int           // the respondent id's column, or -1
	dateCol int           // the response date's column, or -1
	kvkCol  int           // the KVK number's column, or -1
	choices []*choices    // by cell: its question's options, for answer texts
	multi   []bool        // by cell: a multiple choice
	ignored []string      // unknown columns, ignored
	// groups are multiple choices given one column per option (Y when
	// ticked, as LimeSurvey exports them): each is read into a cell of
	// its own after the row's, as if it listed the options ticked.
	groups []group
	// always: cells are answer codes, not option ids: read them as texts
	// from the start.
	always     bool
	sep        string // the separator of multiple choices, if only one
	dateLayout string // the response date's format, if only one
}

// group is a multiple choice given one column per option.
type group struct {
	cols []int    // the columns
	ids  []string // the option each stands for
}

// appendJoin appends the cell of options ticked in cells to buf.
func (g *group) appendJoin(cells []string, buf []byte) []byte {
	start := len(buf)
	for i, c := range g.cols {
		if ticked(cells[c]) {
			if len(buf) > start {
				buf = append(buf, '|')
			}
			buf = append(buf, g.ids[i]...)
		}
	}
	return buf
}

// ticked reports whether a Y-per-option cell says the option is ticked:
// Y (LimeSurvey), or yes, ja, 1, x, true.
func ticked(c string) bool {
	switch len(c) {
	case 0:
		return false
	case 1:
		return strings.IndexByte("YyJj1Xx", c[0]) >= 0
	}
	switch strings.ToLower(strings.TrimSpace(c)) {
	case "y", "yes", "ja", "j", "1", "true", "x":
		return true
	}
	return false
}

// mapColumns reads the header.
func mapColumns(name string, qn *q.Questionnaire, header []string, opt *Options) (*layout, error) {
	var known []string // every valid column name, for suggestions
	for _, qu := range qn.Questions() {
		if qu.IsMatrix() {
			for _, it := range qu.Items {
				known = append(known, qu.ID+"."+it.ID)
			}
		} else {
			known = append(known, qu.ID)
		}
	}
	e := &ColumnsError{Name: name, Lang: opt.Lang}
	if len(header) > maxColumns {
		e.TooMany = len(header)
		return nil, e
	}
	seen := map[string]bool{}
	lay := &layout{cols: make([]scan.Column, len(header)), idCol: -1, dateCol: -1, kvkCol: -1,
		choices: make([]*choices, len(header)), multi: make([]bool, len(header))}
	tables := map[*q.Question]*choices{}
	var lc *limeCodes // LimeSurvey's codes, when the header has them
	groups := map[*q.Question]*group{}
	var groupOrder []*q.Question
	dateRank := len(ResponseDateColumns)
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		if m := opt.Map; m != nil {
			k := fold(h)
			switch {
			case m.ignore[k]:
				continue
			case k == m.dateColumn:
				lay.dateCol, dateRank = i, -1
				continue
			case k == m.idColumn:
				lay.idCol = i
				continue
			case m.columns[k] != "":
				h = m.columns[k]
			}
		}
		if seen[h] && h != "" {
			e.Duplicate = append(e.Duplicate, h)
			continue
		}
		seen[h] = true
		if h == IDColumn {
			lay.idCol = i
			continue
		}
		if k := slices.Index(ResponseDateColumns, h); k >= 0 && k < dateRank {
			lay.dateCol, dateRank = i, k
			continue
		}
		if slices.Contains(metadataColumns, h) {
			continue
		}
		qid, item, isItem := strings.Cut(h, ".")
		qu := qn.Question(qid)
		if lc == nil && (qu == nil || qu.Derived) {
			lc = newLimeCodes(qn)
		}
		var lqu *q.Question
		var lit *q.Item
		var lopt *q.Option
		if qu == nil && lc != nil {
			lqu, lit, lopt = lc.column(h)
		}
		switch {
		case qu != nil && !isItem && !qu.IsMatrix():
			lay.cols[i].Question = qu
		case qu != nil && isItem && qu.IsMatrix() && qn.Item(qid, item) != nil:
			lay.cols[i] = scan.Column{Question: qu, Item: qn.Item(qid, item)}
		case lopt != nil: // LimeSurvey: a multiple choice, Y per option
			g := groups[lqu]
			if g == nil {
				g = &group{}
				groups[lqu] = g
				groupOrder = append(groupOrder, lqu)
			}
			g.cols, g.ids = append(g.cols, i), append(g.ids, lopt.ID)
			seen[lqu.ID] = true
			lay.always = true
			continue
		case lqu != nil: // LimeSurvey: a question or matrix item by code
			qu = lqu
			lay.cols[i] = scan.Column{Question: qu, Item: lit}
			if lit != nil {
				seen[qu.ID+"."+lit.ID] = true
			} else {
				seen[qu.ID] = true
			}
			lay.always = true
		default:
			hint := ""
			switch {
			case h == "":
				h = msg.Tf(opt.Lang, "score.header.empty", i+1)
			case qu != nil && qu.IsMatrix() && !isItem:
				hint = msg.Tf(opt.Lang, "score.header.matrix", qid, qu.Items[0].ID)
			default:
				if best := strictyaml.Closest(h, known); best != "" {
					hint = msg.Tf(opt.Lang, "score.header.did-you-mean", best)
				}
			}
			e.Unknown = append(e.Unknown, strictyaml.Echo(h)+hint)
			continue
		}
		if qu.ID == "kvk-number" {
			lay.kvkCol = i
		}
		if len(qu.Options) > 0 || qu.Type == q.YesNo && qu.DontKnow {
			if tables[qu] == nil {
				// LimeSurvey's answer codes too: its question codes and
				// our ids are one where an id has no hyphen (sector).
				if lc == nil {
					lc = newLimeCodes(qn)
				}
				tables[qu] = newChoices(qu)
				lc.addAnswerCodes(tables[qu], qu)
				if opt.Map != nil {
					for text, id := range opt.Map.answers[qu.ID] {
						tables[qu].set(text, id)
					}
				}
			}
			lay.choices[i] = tables[qu]
			lay.multi[i] = qu.Type == q.Multi
		}
	}
	for _, qu := range groupOrder {
		lay.groups = append(lay.groups, *groups[qu])
		lay.cols = append(lay.cols, scan.Column{Question: qu})
		lay.choices = append(lay.choices, nil)
		lay.multi = append(lay.multi, true)
	}
	// Every required question needs its column(s); a place column stands
	// in for municipality and the other way round.
	for _, qu := range qn.Questions() {
		if qu.Optional || qu.Derived {
			continue
		}
		if qu.IsMatrix() {
			for _, it := range qu.Items {
				if !seen[qu.ID+"."+it.ID] {
					e.Missing = append(e.Missing, qu.ID+"."+it.ID)
				}
			}
			continue
		}
		if seen[qu.ID] || slices.ContainsFunc(qu.Options, func(o *q.Option) bool {
			for target := range o.Sets {
				if seen[target] {
					return true
				}
			}
			return false
		}) {
			continue
		}
		e.Missing = append(e.Missing, qu.ID)
	}
	if len(e.Missing)+len(e.Duplicate) > 0 || opt.StrictColumns && len(e.Unknown) > 0 {
		return nil, e
	}
	lay.ignored = e.Unknown
	if m := opt.Map; m != nil {
		lay.sep, lay.dateLayout, lay.always = m.separator, m.dateLayout, true
	}
	return lay, nil
}
