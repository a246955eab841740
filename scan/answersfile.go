package scan

import (
	"fmt"
	"math"
	"math/bits"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/date"
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
		return nil, doc.Pos.At(name, "missing answers: (a mapping of question id to answer)")
	}
	if doc.Answers.Kind != yaml.MappingNode {
		return nil, doc.Keys.Of("answers", doc.Pos).At(name, "answers must be a mapping of question id to answer, found %s", strictyaml.Describe(&doc.Answers))
	}
	if doc.Lang != "" && doc.Lang != "nl" && doc.Lang != "en" {
		return nil, doc.Keys.Of("lang", doc.Pos).At(name, "lang must be nl or en, got %q", doc.Lang)
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
	fail := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, &strictyaml.Error{File: f.Name, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
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
			fail(k, "duplicate answer for %q (first at line %d); keep one", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		qu := qn.Question(k.Value)
		if qu == nil {
			fail(k, "unknown question %s%s", strictyaml.Echo(k.Value), didYouMean(k.Value, ids, "see: digiscan questionnaire show "+qn.ID))
			continue
		}
		pos[qu.ID] = strictyaml.Pos{Line: v.Line, Col: v.Column}
		a, msg := decodeAnswer(qu, v)
		if msg != "" {
			fail(v, "%s: %s", qu.ID, msg)
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
			errs = append(errs, at(p.Question).At(f.Name, "%s", p.Msg))
		}
	}
	// A few missing answers are named one by one; many in one line.
	if len(missing) > 3 {
		ids := make([]string, len(missing))
		for i, p := range missing {
			ids[i] = p.Question
		}
		errs = append(errs, at("").At(f.Name, "missing answers to %d required questions: %s (see: digiscan questionnaire show %s --format text)", len(ids), strings.Join(ids, ", "), qn.ID))
	} else {
		for _, p := range missing {
			errs = append(errs, at(p.Question).At(f.Name, "%s", p.Msg))
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

func didYouMean(got string, known []string, otherwise string) string {
	if h := strictyaml.DidYouMean(got, known); h != "" {
		return h
	}
	if otherwise != "" {
		return "; " + otherwise
	}
	return ""
}

// yesNo reads word as a yes/no answer to qu: Yes, No or q.DontKnowID.
// known is false when word is none of those; msg says why don't-know is
// not an answer to qu. Cells also take the digits 1 and 0.
func yesNo(qu *q.Question, word string, digits bool) (id string, known bool, msg string) {
	switch strings.ToLower(word) {
	case "true", "yes", "ja", "y", "j":
		return Yes, true, ""
	case "false", "no", "nee", "n":
		return No, true, ""
	case "1":
		if digits {
			return Yes, true, ""
		}
	case "0":
		if digits {
			return No, true, ""
		}
	case q.DontKnowID:
		if !qu.DontKnow {
			return "", true, "this question has no don't-know answer; answer true or false"
		}
		return q.DontKnowID, true, ""
	}
	return "", false, ""
}

// orDontKnow completes "expected true or false" for a question that has a
// don't-know answer.
func orDontKnow(qu *q.Question) string {
	if qu.DontKnow {
		return " or dont-know"
	}
	return ""
}

func listOf(ids []string) string {
	if len(ids) > 16 {
		return strings.Join(ids[:16], ", ") + ", ..."
	}
	return strings.Join(ids, ", ")
}

// decodeAnswer converts one YAML value for qu; msg is non-empty on error.
func decodeAnswer(qu *q.Question, n *yaml.Node) (a Answer, msg string) {
	scalar := func(n *yaml.Node) (string, bool) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			return "", false
		}
		return n.Value, true
	}
	option := func(val string) string {
		if qu.Option(val) != nil {
			return ""
		}
		return fmt.Sprintf("unknown option %s%s", strictyaml.Echo(val), didYouMean(val, qu.OptionIDs(), "options: "+listOf(qu.OptionIDs())))
	}
	switch {
	case qu.IsMatrix():
		if n.Kind != yaml.MappingNode {
			return a, fmt.Sprintf("expected a mapping of item to answer (for example {%s: %s}), found %s", qu.Items[0].ID, qu.Options[len(qu.Options)-1].ID, strictyaml.Describe(n))
		}
		a.Items = map[string]string{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if qu.Item(k.Value) == nil {
				items := qu.ItemIDs()
				return a, fmt.Sprintf("unknown item %s%s", strictyaml.Echo(k.Value), didYouMean(k.Value, items, "items: "+listOf(items)))
			}
			if _, dup := a.Items[k.Value]; dup {
				return a, fmt.Sprintf("item %q is answered twice", k.Value)
			}
			val, ok := scalar(v)
			if !ok {
				return a, fmt.Sprintf("item %q: expected one of %s, found %s", k.Value, listOf(qu.OptionIDs()), strictyaml.Describe(v))
			}
			if m := option(val); m != "" {
				return a, fmt.Sprintf("item %q: %s", k.Value, m)
			}
			a.Items[k.Value] = val
		}
		return a, ""
	case qu.Type == q.Single || qu.Type == q.Scale:
		val, ok := scalar(n)
		if !ok {
			return a, fmt.Sprintf("expected one option id (%s), found %s", listOf(qu.OptionIDs()), strictyaml.Describe(n))
		}
		if m := option(val); m != "" {
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
			return a, fmt.Sprintf("expected a list of option ids, found %s", strictyaml.Describe(n))
		}
		a.Choices = []string{}
		for _, v := range vals {
			val, ok := scalar(v)
			if !ok {
				return a, fmt.Sprintf("expected option ids in the list, found %s", strictyaml.Describe(v))
			}
			if m := option(val); m != "" {
				return a, m
			}
			if slices.Contains(a.Choices, val) {
				return a, fmt.Sprintf("option %q is listed twice", val)
			}
			a.Choices = append(a.Choices, val)
		}
	case qu.Type == q.YesNo:
		val, ok := scalar(n)
		if !ok {
			return a, fmt.Sprintf("expected true or false, found %s", strictyaml.Describe(n))
		}
		id, known, msg := yesNo(qu, val, false)
		switch {
		case msg != "":
			return a, msg
		case !known:
			return a, fmt.Sprintf("expected true or false%s, found %s", orDontKnow(qu), strictyaml.Describe(n))
		}
		a.Choice = id
	case qu.Type == q.Number:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			return a, fmt.Sprintf("expected a number, found %s", strictyaml.Describe(n))
		}
		x, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return a, fmt.Sprintf("expected a number, found %s", strictyaml.Describe(n))
		}
		a.Number = &x
	case qu.Type == q.Text:
		val, ok := scalar(n)
		if !ok || n.Tag == "!!bool" {
			return a, fmt.Sprintf("expected text, found %s", strictyaml.Describe(n))
		}
		a.Text = val
	}
	return a, ""
}

// Problem is one thing wrong with a set of answers.
type Problem struct {
	Question string // the question concerned ("" for the whole)
	Msg      string
	Missing  bool // a required answer is missing
}

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
	add := func(id, format string, args ...any) {
		ps = append(ps, Problem{Question: id, Msg: fmt.Sprintf(format, args...)})
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
					add(qu.ID, "%s: give either %s or %s, not both (%s follows from %s)", qu.ID, setter.ID, qu.ID, qu.ID, setter.ID)
				}
			}
			if a.choice >= 0 {
				if o := qu.Options[a.choice]; !v.Option(o) {
					add(qu.ID, "%s: option %q does not apply here (%s)", qu.ID, o.ID, Describe(o.When))
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
				add(qu.ID, "%s: this question is not asked here (%s); remove the answer", qu.ID, Describe(cond))
			}
			continue
		}
		if !has {
			if !qu.Optional && !answeredThroughDerived(qn, v.vals, qu) {
				add(qu.ID, "missing answer to required question %s (%q)", qu.ID, qu.Title.EN)
				ps[len(ps)-1].Missing = true
			}
			continue
		}
		for _, msg := range checkAnswer(v, qu, a) {
			add(qu.ID, "%s: %s", qu.ID, msg)
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
func checkAnswer(v *Visibility, qu *q.Question, a *val) []string {
	var msgs []string
	hiddenOpt := func(o *q.Option) {
		if !v.Option(o) {
			msgs = append(msgs, fmt.Sprintf("option %q is not offered here (%s)", o.ID, Describe(o.When)))
		}
	}
	switch {
	case qu.IsMatrix():
		for _, it := range qu.Items {
			o := a.items[it.Index]
			switch {
			case o >= 0 && !v.Item(it):
				msgs = append(msgs, fmt.Sprintf("item %q is not asked here (%s); remove it", it.ID, Describe(it.When)))
			case o >= 0:
				hiddenOpt(qu.Options[o])
			case v.Item(it) && !qu.Optional:
				msgs = append(msgs, fmt.Sprintf("missing answer for item %q", it.ID))
			}
		}
	case qu.Type == q.Multi:
		for m := a.mask; m != 0; m &= m - 1 {
			o := qu.Options[bits.TrailingZeros64(m)]
			hiddenOpt(o)
			if (o.Exclusive || o.DontKnow) && bits.OnesCount64(a.mask) > 1 {
				msgs = append(msgs, fmt.Sprintf("%q stands alone: give it without other options", o.ID))
			}
		}
		// An empty list means "none of these"; where the question has an
		// explicit "none" option, that option must be chosen instead.
		if a.mask != 0 {
			break
		}
		if hint := noneHint(qu); hint != "" {
			msgs = append(msgs, "choose at least one option"+hint)
		}
	case qu.Type == q.Single || qu.Type == q.Scale:
		if a.choice >= 0 {
			hiddenOpt(qu.Options[a.choice])
		}
	case qu.Type == q.Number:
		if qu.Min != nil && a.num < *qu.Min || qu.Max != nil && a.num > *qu.Max {
			msgs = append(msgs, fmt.Sprintf("%g is out of range (%s)", a.num, rangeText(qu)))
		}
	case qu.Type == q.Text:
		if msg := CheckText(qu, a.text); msg != "" {
			msgs = append(msgs, msg)
		}
	}
	return msgs
}

func noneHint(qu *q.Question) string {
	for _, o := range qu.Options {
		if o.Exclusive {
			return fmt.Sprintf(", or %q", o.ID)
		}
	}
	return ""
}

func rangeText(qu *q.Question) string {
	switch {
	case qu.Min != nil && qu.Max != nil:
		return fmt.Sprintf("%g to %g", *qu.Min, *qu.Max)
	case qu.Min != nil:
		return fmt.Sprintf("at least %g", *qu.Min)
	}
	return fmt.Sprintf("at most %g", *qu.Max)
}

// digitSeparators are what people type between the digits of a KVK number.
// Built once: a Replacer builds its tables on first use, which cost most of
// Check when it was made per call (a Replacer is safe for concurrent use).
var digitSeparators = strings.NewReplacer(" ", "", ".", "")

// CheckText validates a free-text answer (length and format); "" when fine.
func CheckText(qu *q.Question, s string) string {
	if n := utf8.RuneCountInString(s); n > MaxText {
		return fmt.Sprintf("text is too long (%d characters; at most %d)", n, MaxText)
	}
	if msg := CheckPrintable(s); msg != "" {
		return msg
	}
	want := 0
	switch qu.Format {
	case q.FormatKVK:
		want = 8
	case q.FormatEstablishment:
		want = 12
	default:
		return ""
	}
	digits := digitSeparators.Replace(s)
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return fmt.Sprintf("%s is not a number: a %s has %d digits", strictyaml.Echo(s), formatName(qu.Format), want)
		}
	}
	if len(digits) != want {
		return fmt.Sprintf("a %s has %d digits, %s has %d", formatName(qu.Format), want, strictyaml.Echo(s), len(digits))
	}
	return ""
}

func formatName(f string) string {
	if f == q.FormatKVK {
		return "KVK number"
	}
	return "KVK establishment number"
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

// Describe renders a condition compactly for messages: "size not in [zzp]".
func Describe(c *q.Condition) string {
	if c == nil {
		return "always"
	}
	join := func(cs []*q.Condition, sep string) string {
		parts := make([]string, len(cs))
		for i, s := range cs {
			parts[i] = Describe(s)
		}
		return "(" + strings.Join(parts, sep) + ")"
	}
	switch {
	case len(c.All) > 0:
		return join(c.All, " and ")
	case len(c.Any) > 0:
		return join(c.Any, " or ")
	case c.Not != nil:
		return "not " + Describe(c.Not)
	}
	subject := c.Question
	if c.Item != "" {
		subject += "." + c.Item
	}
	switch {
	case c.Answered != nil && *c.Answered:
		return "only when " + subject + " is answered"
	case c.Answered != nil:
		return "only when " + subject + " is not answered"
	case len(c.In) > 0:
		return "only when " + subject + " is " + strings.Join(c.In, " or ")
	}
	return "not when " + subject + " is " + strings.Join(c.NotIn, " or ")
}

// Municipality resolves the business's municipality on asOf, following
// mergers (a place in Wijdemeren becomes Hilversum from 1 January 2027),
// and its province. It returns empty strings when neither place nor
// municipality was answered.
func Municipality(qn *q.Questionnaire, answers Answers, asOf date.Date) (municipality, province string) {
	return (&scorer{qn: qn, vis: Visible(qn, answers)}).municipality(asOf)
}
