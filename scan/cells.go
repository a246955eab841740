package scan

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Answers from table cells, for batch scoring of survey exports: one cell
// per question, one per matrix item. The cells read like answers files
// (option ids, yes/no words), in the forms a spreadsheet gives them:
// multiple choice separated by "|", numbers with a decimal point or comma.
// Messages are worded as for answers files; Check then checks the answers
// as a whole (hidden questions, missing answers, exclusive options).

// CellSeparator separates the options of a multiple-choice cell.
const CellSeparator = "|"

// ParseCell reads a cell as the answer to qu (not a matrix: see
// ParseItemCell). A cell of only spaces is no answer (ok false). msg is
// non-empty when the cell cannot be an answer to qu.
func ParseCell(qu *q.Question, cell string) (a Answer, ok bool, msg string) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return a, false, ""
	}
	var v val
	if msg := readCell(qu, nil, s, &v, &a, nil); !msg.IsZero() {
		return Answer{}, false, msg.EN
	}
	return a, true, ""
}

// ParseItemCell reads the cell of one item of a matrix question: an
// option id. A cell of only spaces is no answer (ok false).
func ParseItemCell(qu *q.Question, item, cell string) (option string, ok bool, msg string) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return "", false, ""
	}
	if qu.Item(item) == nil {
		return "", false, unknownItem(qu, item).EN
	}
	o, m := readOption(qu, nil, s)
	if !m.IsZero() {
		return "", false, tf("answer.item", item, m).EN
	}
	return o.ID, true, ""
}

// readOption finds option s of qu (through ids, when not
// nil), or says it is unknown.
func readOption(qu *q.Question, ids *optionTable, s string) (*q.Option, i18n.Text) {
	var o *q.Option
	if ids != nil {
		o = ids.find(s)
	} else {
		o = qu.Option(s)
	}
	if o != nil {
		return o, i18n.Text{}
	}
	if !utf8.ValidString(s) {
		return nil, tf("cell.not-utf8")
	}
	return nil, unknownOption(qu, s)
}

// optionTable finds the options of a question by id, a cell at a time: a
// small open-addressing table keyed on an id's length and three of its
// bytes, a few times faster than a map for the millions of cells of a
// large survey.
type optionTable struct {
	opts  []*q.Option
	ids   []string // the options' ids, side by side in memory
	slots []uint8  // option index + 1; 0 empty
	shift uint32   // a hash's top bits pick the slot
}

func newOptionTable(qu *q.Question) *optionTable {
	bits := uint32(2)
	for 1<<bits < 2*len(qu.Options) {
		bits++
	}
	t := &optionTable{opts: qu.Options, ids: qu.OptionIDs(), slots: make([]uint8, 1<<bits), shift: 32 - bits}
	for i, o := range qu.Options {
		h := t.slot(o.ID)
		for t.slots[h] != 0 {
			h = (h + 1) & uint32(len(t.slots)-1)
		}
		t.slots[h] = uint8(i + 1)
	}
	return t
}

func (t *optionTable) find(id string) *q.Option {
	mask := uint32(len(t.slots) - 1)
	for h := t.slot(id); t.slots[h] != 0; h = (h + 1) & mask {
		if k := t.slots[h] - 1; t.ids[k] == id {
			return t.opts[k]
		}
	}
	return nil
}

// slot is where id's search starts.
func (t *optionTable) slot(id string) uint32 {
	n := len(id)
	if n == 0 {
		return 0
	}
	h := uint32(n) | uint32(id[0])<<8 | uint32(id[n/2])<<16 | uint32(id[n-1])<<24
	return (h * 0x9E3779B1) >> t.shift
}

// readCell reads s, a trimmed non-empty cell, as the answer to qu (not a
// matrix) into v, in index form, and into a unless a is nil; ids finds
// qu's options (nil: a scan). msg is non-empty when s cannot be an answer
// to qu. pool, when not nil, is where a multiple choice's ids go, side by
// side with the other cells' of the row (a Sheet that reuses its result).
func readCell(qu *q.Question, ids *optionTable, s string, v *val, a *Answer, pool *[]string) (msg i18n.Text) {
	// Option ids are UTF-8: a cell that is an option id needs no check.
	if (qu.Type == q.Text || qu.Type == q.Number || qu.Type == q.YesNo) && !utf8.ValidString(s) {
		return tf("cell.not-utf8")
	}
	v.answer(qu)
	switch {
	case qu.IsMatrix():
		return tf("cell.matrix", qu.ID, qu.Items[0].ID)
	case qu.Type == q.Single || qu.Type == q.Scale:
		o, msg := readOption(qu, ids, s)
		if !msg.IsZero() {
			return msg
		}
		v.choice, v.mask = o.Index, 1<<o.Index
		if a != nil {
			a.Choice = o.ID
		}
	case qu.Type == q.Multi:
		start := 0
		switch {
		case a != nil && pool != nil:
			start = len(*pool)
		case a != nil:
			a.Choices = make([]string, 0, strings.Count(s, CellSeparator)+1)
		}
		for rest := s; ; {
			part, more, found := rest, "", false
			if i := strings.IndexByte(rest, CellSeparator[0]); i >= 0 {
				part, more, found = rest[:i], rest[i+1:], true
			}
			rest = more
			id := trim(part)
			if id == "" {
				return tf("cell.empty-option", strictyaml.Echo(s), CellSeparator)
			}
			o, msg := readOption(qu, ids, id)
			if !msg.IsZero() {
				return msg
			}
			if v.mask&(1<<o.Index) != 0 {
				return tf("answer.option-twice", id)
			}
			v.mask |= 1 << o.Index
			switch {
			case a != nil && pool != nil:
				*pool = append(*pool, o.ID)
			case a != nil:
				a.Choices = append(a.Choices, o.ID)
			}
			if !found {
				break
			}
		}
		if a != nil && pool != nil {
			a.Choices = (*pool)[start:len(*pool):len(*pool)] // full: an append copies
		}
	case qu.Type == q.YesNo:
		id, known, msg := yesNo(qu, s, true)
		switch {
		case !msg.IsZero():
			return msg
		case !known:
			return tf("cell.expect-yesno", orDontKnow(qu), strictyaml.Echo(s))
		}
		i := q.YesNoIndex(id)
		v.choice, v.mask = i, 1<<i
		if a != nil {
			a.Choice = id
		}
	case qu.Type == q.Number:
		x, err := strconv.ParseFloat(strings.Replace(strings.ReplaceAll(s, "_", ""), ",", ".", 1), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return tf("answer.expect-number", strictyaml.Echo(s))
		}
		v.num = x
		if a != nil {
			n := x // x itself stays on the stack
			a.Number = &n
		}
	case qu.Type == q.Text:
		// A quoted cell may span lines (survey tools write what was typed
		// in a box): the line breaks become spaces, never fake lines; any
		// other control character is refused by CheckText.
		if strings.ContainsAny(s, "\r\n\t") {
			s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\r' || r == '\n' || r == '\t' }), " ")
		}
		v.text = NormalizeText(qu, s)
		if a != nil {
			a.Text = v.text
		}
	default:
		return tf("cell.type", qu.Type)
	}
	return i18n.Text{}
}
