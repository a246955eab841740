package survey

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Survey tools export what the respondent saw: answer texts ("Retail",
// "Détailhandel") instead of option ids, multiple choice separated by ", "
// or ";". A choices table turns such a cell into the option ids the
// scorer reads; a cell that already is one is left alone, so the
// template's own files pay nothing for it.

// choices finds the option of one question by id, by label (Dutch or
// English) or by a survey tool's answer code, ignoring case, accents and
// runs of spaces.
type choices struct {
	qu    *q.Question
	byKey map[string]string // fold(id | label | code) → option id
	// maxSep is the most separators (| ; ,) any key holds: how many parts
	// of a multiple-choice cell one option's text may span.
	maxSep int
}

func newChoices(qu *q.Question) *choices {
	c := &choices{qu: qu, byKey: make(map[string]string, 3*len(qu.Options))}
	// Labels first, ids last: an id always wins over another option's
	// label that folds the same. A label's part before " (" counts when
	// it names one option only.
	short := map[string][]string{}
	for _, o := range qu.Options {
		for _, l := range []string{o.Label.NL, o.Label.EN} {
			if l == "" {
				continue
			}
			c.byKey[fold(l)] = o.ID
			// "Detailhandel (winkel, webwinkel, autobedrijf)" is
			// "Detailhandel" too.
			if i := strings.Index(l, " ("); i > 0 {
				short[fold(l[:i])] = append(short[fold(l[:i])], o.ID)
			}
		}
	}
	for k, ids := range short {
		if _, taken := c.byKey[k]; !taken && len(slices.Compact(ids)) == 1 {
			c.byKey[k] = ids[0]
		}
	}
	for _, o := range qu.Options {
		c.byKey[fold(o.ID)] = o.ID
	}
	c.count()
	return c
}

// count sets maxSep.
func (c *choices) count() {
	c.maxSep = 0
	for k := range c.byKey {
		c.maxSep = max(c.maxSep, strings.Count(k, "|")+strings.Count(k, ";")+strings.Count(k, ","))
	}
}

// set makes text stand for option id, over any label (a map's answers).
func (c *choices) set(text, id string) {
	c.byKey[fold(text)] = id
	c.count()
}

// add makes code (a survey tool's answer code) stand for option id.
func (c *choices) add(code, id string) {
	if _, taken := c.byKey[fold(code)]; !taken {
		c.byKey[fold(code)] = id
		c.count()
	}
}

// one is the option id for a cell naming one option, or "".
func (c *choices) one(cell string) string { return c.byKey[fold(cell)] }

// oneMemo is one, remembering its answers in memo (when not nil) for
// texts of at most memoText bytes, up to memoCells of them.
func (c *choices) oneMemo(text string, memo map[string]string) string {
	if memo == nil {
		return c.one(text)
	}
	if id, ok := memo[text]; ok {
		return id
	}
	id := c.one(text)
	if len(memo) < memoCells && len(text) <= memoText {
		memo[text] = id
	}
	return id
}

// cell rewrites a cell in option ids: for a multiple choice each part
// (separated by |, ; or ,); parts it does not know stay as they are, for
// the scorer to report. changed is false when the cell stays.
//
// sep, when not empty, is the only separator (a map's).
//
// memo, when not nil, remembers what the parts of multiple-choice cells
// read as (see oneMemo): a worker's own.
func (c *choices) cell(cell string, multi bool, sep string, memo map[string]string) (string, bool) {
	if id := c.one(cell); id != "" {
		return id, id != cell
	}
	if !multi {
		return cell, false
	}
	if sep != "" {
		parts := strings.Split(cell, sep)
		for i, p := range parts {
			p = strings.TrimSpace(p)
			if id := c.oneMemo(p, memo); id != "" {
				p = id
			}
			parts[i] = p
		}
		out := strings.Join(parts, "|")
		return out, out != cell
	}
	if !strings.ContainsAny(cell, "|;,") {
		return cell, false
	}
	// The parts, longest first: a label may hold a comma itself ("E-mail,
	// bestanden of agenda in de cloud").
	var cuts []int // the separators' positions, then the end
	for i := 0; i < len(cell); i++ {
		if c := cell[i]; c == '|' || c == ';' || c == ',' {
			cuts = append(cuts, i)
		}
	}
	cuts = append(cuts, len(cell))
	var ids []string
	for start, k := 0, 0; k < len(cuts); {
		j := min(len(cuts)-1, k+c.maxSep)
		for ; j > k; j-- {
			if c.oneMemo(cell[start:cuts[j]], memo) != "" {
				break
			}
		}
		part := strings.TrimSpace(cell[start:cuts[j]])
		if id := c.oneMemo(part, memo); id != "" {
			part = id
		}
		ids = append(ids, part)
		start, k = cuts[j]+1, j+1
	}
	out := strings.Join(ids, "|")
	return out, out != cell
}

// fold is s for comparing answer texts: lower case, without accents, its
// spaces trimmed and single. ASCII text (answer codes, most labels) is
// folded without Unicode normalisation.
func fold(s string) string {
	same := true // s is folded already
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return foldUnicode(s)
		case 'A' <= c && c <= 'Z', c < ' ':
			same = false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			same = false
		}
	}
	if same {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// foldUnicode is fold for text beyond ASCII.
func foldUnicode(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// kvkDigits is the KVK number in a cell whose leading zero a spreadsheet
// dropped (7 digits, spaces allowed), with the zero back; ok false for
// any other cell.
func kvkDigits(cell string) (string, bool) {
	var b [8]byte
	n := 0
	for i := 0; i < len(cell); i++ {
		switch c := cell[i]; {
		case c >= '0' && c <= '9':
			if n == 7 {
				return "", false
			}
			b[1+n] = c
			n++
		case c == ' ' || c == '.':
		default:
			return "", false
		}
	}
	if n != 7 {
		return "", false
	}
	b[0] = '0'
	return string(b[:]), true
}
