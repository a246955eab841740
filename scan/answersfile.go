package scan

import (
	"math"
	"math/bits"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// File is a parsed answers file (YAML or JSON):
//
//	questionnaire: intake        # optional; built-in name or path (relative to this file)
//	lang: nl                     # optional
//	answers:
//	  sector: retail
//	  some-multi-choice: [a, c]
//	  some-matrix: {item-a: "3", item-b: "0"}
type File struct {
	Name          string // as given on the command line; "stdin" for -
	Questionnaire string
	Lang          string

	pos     strictyaml.Pos
	keys    strictyaml.Keys
	answers yaml.Node
}

type fileDoc struct {
	Pos           strictyaml.Pos  `yaml:"-"`
	Keys          strictyaml.Keys `yaml:"-"`
	Questionnaire string          `yaml:"questionnaire"`
	Lang          string          `yaml:"lang"`
	Answers       yaml.Node       `yaml:"answers"`
}

// ParseFile reads the envelope of an answers file; Answers decodes the
// answers once the questionnaire is known.
func ParseFile(name string, data []byte) (*File, error) {
	var doc fileDoc
	if err := strictyaml.Unmarshal(name, data, &doc); err != nil {
		return nil, err
	}
	f := &File{Name: name, Questionnaire: doc.Questionnaire, Lang: doc.Lang, pos: doc.Pos, keys: doc.Keys, answers: doc.Answers}
	if _, ok := doc.Keys["answers"]; !ok {
		return nil, doc.Pos.AtText(name, tf("file.missing-answers"))
	}
	if doc.Answers.Kind != yaml.MappingNode {
		return nil, doc.Keys.Of("answers", doc.Pos).AtText(name, tf("file.answers-not-mapping", strictyaml.DescribeText(&doc.Answers)))
	}
	if doc.Lang != "" && doc.Lang != "nl" && doc.Lang != "en" {
		return nil, doc.Keys.Of("lang", doc.Pos).AtText(name, tf("file.lang", doc.Lang))
	}
	return f, nil
}

// Dir is the directory a relative questionnaire path is resolved against.
func (f *File) Dir() string {
	if f.Name == "stdin" || f.Name == "-" {
		return ""
	}
	return filepath.Dir(f.Name)
}

// Answers decodes and checks the answers against qn: unknown questions,
// unknown options, wrong types, answers to hidden questions and missing
// required answers are reported with their line and column.
func (f *File) Answers(qn *q.Questionnaire) (Answers, error) {
	answers := Answers{}
	pos := map[string]strictyaml.Pos{}
	var errs strictyaml.Errors
	fail := func(n *yaml.Node, t i18n.Text) {
		errs = append(errs, strictyaml.Pos{Line: n.Line, Col: n.Column}.AtText(f.Name, t))
	}
	var ids []string
	for _, qu := range qn.Questions() {
		ids = append(ids, qu.ID)
	}
	seen := map[string]int{}
	failed := map[string]bool{} // reported already; not "missing" as well
	for i := 0; i+1 < len(f.answers.Content); i += 2 {
		k, v := f.answers.Content[i], f.answers.Content[i+1]
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		if line, dup := seen[k.Value]; dup {
			fail(k, tf("file.duplicate", k.Value, line))
			continue
		}
		seen[k.Value] = k.Line
		qu := qn.Question(k.Value)
		if qu == nil {
			fail(k, tf("file.unknown-question", strictyaml.Echo(k.Value), didYouMean(k.Value, ids, tf("file.see-questionnaire", qn.ID))))
			continue
		}
		pos[qu.ID] = strictyaml.Pos{Line: v.Line, Col: v.Column}
		a, msg := decodeAnswer(qu, v)
		if !msg.IsZero() {
			fail(v, prefixed(qu.ID, msg))
			failed[qu.ID] = true
			continue
		}
		answers[qu.ID] = a
	}
	at := func(id string) strictyaml.Pos {
		if p, ok := pos[id]; ok {
			return p
		}
		return f.keys.Of("answers", f.pos)
	}
	var missing []Problem
	for _, p := range Check(qn, answers) {
		switch {
		case failed[p.Question], dependsOnFailed(qn, p.Question, failed):
		case p.Missing:
			missing = append(missing, p)
		default:
			errs = append(errs, at(p.Question).AtText(f.Name, p.Text))
		}
	}
	// A few missing answers are named one by one; many in one line.
	if len(missing) > 3 {
		ids := make([]string, len(missing))
		for i, p := range missing {
			ids[i] = p.Question
		}
		errs = append(errs, at("").AtText(f.Name, tf("file.missing-many", len(ids), strings.Join(ids, ", "), qn.ID)))
	} else {
		for _, p := range missing {
			errs = append(errs, at(p.Question).AtText(f.Name, p.Text))
		}
	}
	errs.Sort()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return answers, nil
}

// dependsOnFailed: a problem with a question whose conditions look at an
// answer that could not be read follows from that answer; it is not reported
// on top of it.
func dependsOnFailed(qn *q.Questionnaire, id string, failed map[string]bool) bool {
	qu := qn.Question(id)
	if qu == nil || len(failed) == 0 {
		return false
	}
	is := func(id string) bool { return failed[id] }
	return qu.Refers(is) || qu.Section.When.Refers(is)
}

func didYouMean(got string, known []string, otherwise i18n.Text) i18n.Text {
	if best := strictyaml.Closest(got, known); best != "" {
		return tf("did-you-mean", best)
	}
	if !otherwise.IsZero() {
		return concat(plain("; "), otherwise)
	}
	return i18n.Text{}
}

// yesNo reads word as a yes/no answer to qu: Yes, No or q.DontKnowID.
// known is false when word is none of those; msg says why don't-know is
// not an answer to qu. Cells also take the digits 1 and 0.
func yesNo(qu *q.Question, word string, digits bool) (id string, known bool, msg i18n.Text) {
	// Lower-cased on the stack: "Ja" and "Y" (LimeSurvey) are usual
	// cells, and strings.ToLower would make a string of each.
	var buf [8]byte
	lower := word
	if len(word) <= len(buf) {
		for i := 0; i < len(word); i++ {
			c := word[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		lower = string(buf[:len(word)]) // does not escape: no allocation
	} else {
		lower = strings.ToLower(word)
	}
	switch lower {
	case "true", "yes", "ja", "y", "j":
		return Yes, true, i18n.Text{}
	case "false", "no", "nee", "n":
		return No, true, i18n.Text{}
	case "1":
		if digits {
			return Yes, true, i18n.Text{}
		}
	case "0":
		if digits {
			return No, true, i18n.Text{}
		}
	case q.DontKnowID:
		if !qu.DontKnow {
			return "", true, tf("answer.no-dont-know")
		}
		return q.DontKnowID, true, i18n.Text{}
	}
	return "", false, i18n.Text{}
}

// orDontKnow completes "expected true or false" for a question that has a
// don't-know answer.
func orDontKnow(qu *q.Question) i18n.Text {
	if qu.DontKnow {
		return tf("answer.or-dont-know")
	}
	return i18n.Text{}
}

func listOf(ids []string) string {
	if len(ids) > 16 {
		return strings.Join(ids[:16], ", ") + ", ..."
	}
	return strings.Join(ids, ", ")
}

// decodeAnswer converts one YAML value for qu; msg is non-zero on error.
func decodeAnswer(qu *q.Question, n *yaml.Node) (a Answer, msg i18n.Text) {
	scalar := func(n *yaml.Node) (string, bool) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			return "", false
		}
		return n.Value, true
	}
	option := func(val string) i18n.Text {
		if qu.Option(val) != nil {
			return i18n.Text{}
		}
		return unknownOption(qu, val)
	}
	switch {
	case qu.IsMatrix():
		if n.Kind != yaml.MappingNode {
			return a, tf("answer.expect-matrix", qu.Items[0].ID, qu.Options[len(qu.Options)-1].ID, strictyaml.DescribeText(n))
		}
		a.Items = map[string]string{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if qu.Item(k.Value) == nil {
				return a, unknownItem(qu, k.Value)
			}
			if _, dup := a.Items[k.Value]; dup {
				return a, tf("answer.item-twice", k.Value)
			}
			val, ok := scalar(v)
			if !ok {
				return a, tf("answer.item-expected", k.Value, listOf(qu.OptionIDs()), strictyaml.DescribeText(v))
			}
			if m := option(val); !m.IsZero() {
				return a, tf("answer.item", k.Value, m)
			}
			a.Items[k.Value] = val
		}
		return a, i18n.Text{}
	case qu.Type == q.Single || qu.Type == q.Scale:
		val, ok := scalar(n)
		if !ok {
			return a, tf("answer.expect-option", listOf(qu.OptionIDs()), strictyaml.DescribeText(n))
		}
		if m := option(val); !m.IsZero() {
			return a, m
		}
		a.Choice = val
	case qu.Type == q.Multi:
		var vals []*yaml.Node
		switch n.Kind {
		case yaml.SequenceNode:
			vals = n.Content
		case yaml.ScalarNode:
			if n.Tag != "!!null" {
				vals = []*yaml.Node{n}
			}
		default:
			return a, tf("answer.expect-list", strictyaml.DescribeText(n))
		}
		a.Choices = []string{}
		for _, v := range vals {
			val, ok := scalar(v)
			if !ok {
				return a, tf("answer.expect-list-ids", strictyaml.DescribeText(v))
			}
			if m := option(val); !m.IsZero() {
				return a, m
			}
			if slices.Contains(a.Choices, val) {
				return a, tf("answer.option-twice", val)
			}
			a.Choices = append(a.Choices, val)
		}
	case qu.Type == q.YesNo:
		val, ok := scalar(n)
		if !ok {
			return a, tf("answer.expect-yesno", i18n.Text{}, strictyaml.DescribeText(n))
		}
		id, known, msg := yesNo(qu, val, false)
		switch {
		case !msg.IsZero():
			return a, msg
		case !known:
			return a, tf("answer.expect-yesno", orDontKnow(qu), strictyaml.DescribeText(n))
		}
		a.Choice = id
	case qu.Type == q.Number:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			return a, tf("answer.expect-number", strictyaml.DescribeText(n))
		}
		x, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return a, tf("answer.expect-number", strictyaml.DescribeText(n))
		}
		a.Number = &x
	case qu.Type == q.Text:
		val, ok := scalar(n)
		if !ok || n.Tag == "!!bool" {
			return a, tf("answer.expect-text", strictyaml.DescribeText(n))
		}
		a.Text = val
	}
	return a, i18n.Text{}
}

// unknownOption says val is none of qu's options.
func unknownOption(qu *q.Question, val string) i18n.Text {
	ids := qu.OptionIDs()
	return tf("answer.unknown-option", strictyaml.Echo(val), didYouMean(val, ids, tf("options-list", listOf(ids))))
}

// unknownItem says item is none of qu's items.
func unknownItem(qu *q.Question, item string) i18n.Text {
	items := qu.ItemIDs()
	return tf("answer.unknown-item", strictyaml.Echo(item), didYouMean(item, items, tf("items-list", listOf(items))))
}

// Problem is one thing wrong with a set of answers.
type Problem struct {
	Question string // the question concerned ("" for the whole)
	Msg      string // in English: Text.EN
	Text     i18n.Text
	Missing  bool // a required answer is missing
}

// In is the problem in l.
func (p Problem) In(l i18n.Lang) string { return p.Text.In(l) }

func problem(id string, t i18n.Text) Problem { return Problem{Question: id, Msg: t.EN, Text: t} }

// MaxText is the longest free-text answer accepted.
const MaxText = 1000

// Check reports answers to hidden questions, options and items, exclusive
// options combined with others, invalid numbers and texts, and missing
// required answers — everything about answers that is not their syntax.
func Check(qn *q.Questionnaire, answers Answers) []Problem {
	return check(qn, Visible(qn, answers))
}

// CheckScore checks answers and, when they check out, scores them: Check
// then Score, working out which questions apply only once (batch scoring
// does this for every row).
func CheckScore(qn *q.Questionnaire, answers Answers, opt Options) (*Result, []Problem, error) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.vis.reset(qn, answers)
	if ps := check(qn, &sc.vis); len(ps) > 0 {
		return nil, ps, nil
	}
	r, err := scoreWith(qn, answers, opt, sc, nil)
	return r, nil, err
}

func check(qn *q.Questionnaire, v *Visibility) []Problem {
	var ps []Problem
	add := func(id string, t i18n.Text) {
		ps = append(ps, problem(id, t))
	}
	for _, qu := range qn.Questions() {
		a := &v.vals[qu.Order]
		has := a.set && !a.implied
		if qu.Derived {
			if !has {
				continue
			}
			for _, setter := range qn.SetBy(qu.ID) {
				if v.vals[setter.Order].set {
					add(qu.ID, tf("check.either", qu.ID, setter.ID, qu.ID, qu.ID, setter.ID))
				}
			}
			if a.choice >= 0 {
				if o := qu.Options[a.choice]; !v.Option(o) {
					add(qu.ID, tf("check.option-not-apply", qu.ID, o.ID, describe(o.When)))
				}
			}
			continue
		}
		if !v.Question(qu) {
			if has {
				cond := qu.When
				if cond == nil {
					cond = qu.Section.When
				}
				add(qu.ID, tf("check.not-asked", qu.ID, describe(cond)))
			}
			continue
		}
		if !has {
			if !qu.Optional && !answeredThroughDerived(qn, v.vals, qu) {
				add(qu.ID, tf("check.missing", qu.ID, qu.Title))
				ps[len(ps)-1].Missing = true
			}
			continue
		}
		for _, msg := range checkAnswer(v, qu, a) {
			add(qu.ID, prefixed(qu.ID, msg))
		}
	}
	return ps
}

// answeredThroughDerived: a setter (place) need not be answered when the
// question it sets (municipality) was answered directly.
func answeredThroughDerived(qn *q.Questionnaire, vals []val, qu *q.Question) bool {
	for _, o := range qu.Options {
		for id := range o.Sets {
			if t := qn.Question(id); t != nil && vals[t.Order].set && !vals[t.Order].implied {
				return true
			}
		}
	}
	return false
}

// checkAnswer checks one answer (in index form) to a question that is asked.
func checkAnswer(v *Visibility, qu *q.Question, a *val) []i18n.Text {
	var msgs []i18n.Text
	hiddenOpt := func(o *q.Option) {
		if !v.Option(o) {
			msgs = append(msgs, tf("check.option-not-offered", o.ID, describe(o.When)))
		}
	}
	switch {
	case qu.IsMatrix():
		for _, it := range qu.Items {
			o := a.items[it.Index]
			switch {
			case o >= 0 && !v.Item(it):
				msgs = append(msgs, tf("check.item-not-asked", it.ID, describe(it.When)))
			case o >= 0:
				hiddenOpt(qu.Options[o])
			case v.Item(it) && !qu.Optional:
				msgs = append(msgs, tf("check.item-missing", it.ID))
			}
		}
	case qu.Type == q.Multi:
		for m := a.mask; m != 0; m &= m - 1 {
			o := qu.Options[bits.TrailingZeros64(m)]
			hiddenOpt(o)
			if (o.Exclusive || o.DontKnow) && bits.OnesCount64(a.mask) > 1 {
				msgs = append(msgs, tf("check.stands-alone", o.ID))
			}
		}
		// An empty list means "none of these"; where the question has an
		// explicit "none" option, that option must be chosen instead.
		if a.mask != 0 {
			break
		}
		if hint := noneHint(qu); !hint.IsZero() {
			msgs = append(msgs, tf("check.choose-one", hint))
		}
	case qu.Type == q.Single || qu.Type == q.Scale:
		if a.choice >= 0 {
			hiddenOpt(qu.Options[a.choice])
		}
	case qu.Type == q.Number:
		if qu.Min != nil && a.num < *qu.Min || qu.Max != nil && a.num > *qu.Max {
			msgs = append(msgs, tf("check.out-of-range", a.num, rangeText(qu)))
		}
	case qu.Type == q.Text:
		if msg := checkText(qu, a.text); !msg.IsZero() {
			msgs = append(msgs, msg)
		}
	}
	return msgs
}

func noneHint(qu *q.Question) i18n.Text {
	for _, o := range qu.Options {
		if o.Exclusive {
			return tf("check.or-none", o.ID)
		}
	}
	return i18n.Text{}
}

func rangeText(qu *q.Question) i18n.Text {
	switch {
	case qu.Min != nil && qu.Max != nil:
		return tf("range.both", *qu.Min, *qu.Max)
	case qu.Min != nil:
		return tf("range.min", *qu.Min)
	}
	return tf("range.max", *qu.Max)
}

// digitSeparators are what people type between the digits of a KVK number.
// Built once: a Replacer builds its tables on first use, which cost most of
// Check when it was made per call (a Replacer is safe for concurrent use).
var digitSeparators = strings.NewReplacer(" ", "", ".", "")

// CheckText validates a free-text answer (length and format); "" when
// fine, else the problem in English (CheckTextIn: in both languages).
func CheckText(qu *q.Question, s string) string { return checkText(qu, s).EN }

// CheckTextIn is CheckText in both languages; zero when fine.
func CheckTextIn(qu *q.Question, s string) i18n.Text { return checkText(qu, s) }

func checkText(qu *q.Question, s string) i18n.Text {
	if n := utf8.RuneCountInString(s); n > MaxText {
		return tf("text.too-long", n, MaxText)
	}
	if msg := checkPrintable(s); !msg.IsZero() {
		return msg
	}
	want := 0
	switch qu.Format {
	case q.FormatKVK:
		want = 8
	case q.FormatEstablishment:
		want = 12
	default:
		return i18n.Text{}
	}
	digits := digitSeparators.Replace(s)
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return tf("text.not-number", strictyaml.Echo(s), formatName(qu.Format), want)
		}
	}
	if len(digits) != want {
		return tf("text.digits", formatName(qu.Format), want, strictyaml.Echo(s), len(digits))
	}
	return i18n.Text{}
}

func formatName(f string) i18n.Text {
	if f == q.FormatKVK {
		return tf("text.kvk")
	}
	return tf("text.establishment")
}

// NormalizeText returns the stored form of a text answer: KVK numbers
// without spaces or dots.
func NormalizeText(qu *q.Question, s string) string {
	s = strings.TrimSpace(s)
	if qu.Format != "" {
		return digitSeparators.Replace(s)
	}
	return s
}

// Describe renders a condition compactly for messages, in English:
// "only when size is zzp".
func Describe(c *q.Condition) string { return describe(c).EN }

// describe is Describe in both languages.
func describe(c *q.Condition) i18n.Text {
	if c == nil {
		return tf("when.always")
	}
	join := func(cs []*q.Condition, sep i18n.Text) i18n.Text {
		parts := []i18n.Text{plain("(")}
		for i, s := range cs {
			if i > 0 {
				parts = append(parts, sep)
			}
			parts = append(parts, describe(s))
		}
		return concat(append(parts, plain(")"))...)
	}
	switch {
	case len(c.All) > 0:
		return join(c.All, tf("when.and"))
	case len(c.Any) > 0:
		return join(c.Any, tf("when.or"))
	case c.Not != nil:
		return tf("when.not", describe(c.Not))
	}
	subject := c.Question
	if c.Item != "" {
		subject += "." + c.Item
	}
	values := func(ids []string) i18n.Text {
		parts := make([]i18n.Text, 0, 2*len(ids))
		for i, id := range ids {
			if i > 0 {
				parts = append(parts, tf("when.or"))
			}
			parts = append(parts, plain(id))
		}
		return concat(parts...)
	}
	switch {
	case c.Answered != nil && *c.Answered:
		return tf("when.answered", subject)
	case c.Answered != nil:
		return tf("when.not-answered", subject)
	case len(c.In) > 0:
		return tf("when.in", subject, values(c.In))
	}
	return tf("when.not-in", subject, values(c.NotIn))
}

// Municipality resolves the business's municipality on asOf, following
// mergers (a place in Wijdemeren becomes Hilversum from 1 January 2027),
// and its province. It returns empty strings when neither place nor
// municipality was answered.
func Municipality(qn *q.Questionnaire, answers Answers, asOf date.Date) (municipality, province string) {
	return (&scorer{qn: qn, vis: Visible(qn, answers)}).municipality(asOf)
}
