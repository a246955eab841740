package survey

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// maxKey is the longest key: a text that folds longer names no option.
	maxKey int
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
	c.maxSep, c.maxKey = 0, 0
	for k := range c.byKey {
		c.maxSep = max(c.maxSep, strings.Count(k, "|")+strings.Count(k, ";")+strings.Count(k, ","))
		c.maxKey = max(c.maxKey, len(k))
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
func (c *choices) one(cell string, f *folder) string {
	if f == nil {
		return c.byKey[fold(cell)]
	}
	// A long multiple-choice cell is no option's text: told without
	// folding it (its ASCII letters alone fold to more than any key).
	if foldsAtLeast(cell) > c.maxKey {
		return ""
	}
	return c.byKey[string(f.fold(cell))] // no string is made for the lookup
}

// foldsAtLeast is a lower bound of len(fold(s)): every ASCII byte but
// space and control characters stays one byte.
func foldsAtLeast(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c > ' ' && c < 0x80 {
			n++
		}
	}
	return n
}

// oneMemo is one, remembering its answers in memo (when not nil) for
// texts of at most memoText bytes, up to memoCells of them.
func (c *choices) oneMemo(text string, memo map[string]string, f *folder) string {
	if memo == nil {
		return c.one(text, f)
	}
	if id, ok := memo[text]; ok {
		return id
	}
	id := c.one(text, f)
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
//
// f, when not nil, is the worker's own space for folding texts.
func (c *choices) cell(cell string, multi bool, sep string, memo map[string]string, f *folder) (string, bool) {
	if id := c.one(cell, f); id != "" {
		return id, id != cell
	}
	if !multi {
		return cell, false
	}
	var out []byte // the cell in ids, in f's buffer when there is one
	if f != nil {
		out = f.cell[:0]
		defer func() { f.cell = out[:0] }()
	}
	if sep != "" {
		for i, rest := 0, cell; ; i++ {
			p, more, found := strings.Cut(rest, sep)
			p = strings.TrimSpace(p)
			if id := c.oneMemo(p, memo, f); id != "" {
				p = id
			}
			if i > 0 {
				out = append(out, '|')
			}
			out = append(out, p...)
			if !found {
				break
			}
			rest = more
		}
		return string(out), string(out) != cell
	}
	if !strings.ContainsAny(cell, "|;,") {
		return cell, false
	}
	// The parts, longest first: a label may hold a comma itself ("E-mail,
	// bestanden of agenda in de cloud").
	var cuts []int // the separators' positions, then the end
	if f != nil {
		cuts = f.cuts[:0]
		defer func() { f.cuts = cuts[:0] }()
	}
	for i := 0; i < len(cell); i++ {
		if c := cell[i]; c == '|' || c == ';' || c == ',' {
			cuts = append(cuts, i)
		}
	}
	cuts = append(cuts, len(cell))
	for start, k := 0, 0; k < len(cuts); {
		j := min(len(cuts)-1, k+c.maxSep)
		for ; j > k; j-- {
			if c.oneMemo(cell[start:cuts[j]], memo, f) != "" {
				break
			}
		}
		part := strings.TrimSpace(cell[start:cuts[j]])
		if id := c.oneMemo(part, memo, f); id != "" {
			part = id
		}
		if start > 0 {
			out = append(out, '|')
		}
		out = append(out, part...)
		start, k = cuts[j]+1, j+1
	}
	return string(out), string(out) != cell
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

// folder folds texts into its own buffers, so looking a text up in a map
// of folded texts makes no garbage: a worker's own.
type folder struct {
	out, nfd []byte
	cell     []byte // a cell being rewritten (choices.cell)
	cuts     []int  // its separators
}

// fold is fold(s) as bytes, valid until the next call.
func (f *folder) fold(s string) []byte {
	b := f.out[:0]
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			f.out = b[:0]
			return f.foldUnicode(s)
		}
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
	f.out = b
	return b
}

// foldUnicode is foldUnicode(s) as bytes.
func (f *folder) foldUnicode(s string) []byte {
	f.nfd = norm.NFD.AppendString(f.nfd[:0], s)
	b := f.out[:0]
	space := false
	for _, r := range string(f.nfd) { // a range over a conversion copies nothing
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	f.out = b
	return b
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
