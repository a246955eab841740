package survey

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// A Map tells score how the export of any survey tool answers the
// questionnaire (score --map FILE): which column answers which question,
// which answer texts mean which option, how multiple choice is
// separated, which columns to skip and which one holds the date of the
// response. A YAML file:
//
//	columns:                      # column heading → question id (question.item in a matrix)
//	  "In welke branche werkt uw bedrijf?": sector
//	  "Strategie [Planning]": strategy-areas.planning
//	answers:                      # answer texts the labels do not cover, per question
//	  sector: {"Winkel": retail}
//	separator: ", "               # between the options of a multiple choice
//	ignore: ["E-mailadres"]       # skipped without a note
//	date_column: Tijdstempel      # the row's as-of date
//	date_format: dd-mm-yyyy       # yyyy-mm-dd, dd-mm-yyyy, dd/mm/yyyy or mm/dd/yyyy
//	id_column: Respondent         # copied to the output's id column
//
// Headings compare without regard to case, accents and runs of spaces;
// answer texts too, and the options' own ids and labels (Dutch and
// English) need no entry.
type Map struct {
	Name       string
	columns    map[string]string            // fold(heading) → question id or question.item
	answers    map[string]map[string]string // question id → answer text → option id
	ignore     map[string]bool              // fold(heading)
	separator  string
	dateColumn string // fold(heading)
	dateLayout string // a time layout for the day part
	idColumn   string // fold(heading)
}

// MapDateFormats are the date formats a map may name, and their layouts.
var MapDateFormats = map[string]string{
	"yyyy-mm-dd": "2006-1-2",
	"dd-mm-yyyy": "2-1-2006",
	"dd/mm/yyyy": "2/1/2006",
	"mm/dd/yyyy": "1/2/2006",
}

// mapDoc is the file's shape.
type mapDoc struct {
	Columns    yaml.Node       `yaml:"columns"`
	Answers    yaml.Node       `yaml:"answers"`
	Ignore     []string        `yaml:"ignore"`
	Separator  string          `yaml:"separator"`
	DateColumn string          `yaml:"date_column"`
	DateFormat string          `yaml:"date_format"`
	IDColumn   string          `yaml:"id_column"`
	Keys       strictyaml.Keys `yaml:"-"`
}

// LoadMap reads and checks a map for qn: every problem with its file,
// line and column.
func LoadMap(name string, data []byte, qn *q.Questionnaire) (*Map, error) {
	root, err := strictyaml.Parse(name, data)
	if err != nil {
		return nil, err
	}
	var doc mapDoc
	// The shape's problems and the content's, all at once.
	errs := strictyaml.List(strictyaml.Decode(name, root, &doc))
	fail := func(n *yaml.Node, key string, args ...any) {
		errs = append(errs, strictyaml.Pos{Line: n.Line, Col: n.Column}.AtText(name, both(key, args...)))
	}
	didYouMean := func(got string, known []string) i18n.Text {
		if best := strictyaml.Closest(got, known); best != "" {
			return both("map.did-you-mean", best)
		}
		return i18n.Text{}
	}
	at := func(key string) *yaml.Node {
		p := doc.Keys[key]
		return &yaml.Node{Line: p.Line, Column: p.Col}
	}
	m := &Map{Name: name, columns: map[string]string{}, answers: map[string]map[string]string{}, ignore: map[string]bool{},
		separator: doc.Separator, dateColumn: fold(doc.DateColumn), idColumn: fold(doc.IDColumn)}
	var known []string
	for _, qu := range qn.Questions() {
		switch {
		case qu.Derived:
		case qu.IsMatrix():
			for _, it := range qu.Items {
				known = append(known, qu.ID+"."+it.ID)
			}
		default:
			known = append(known, qu.ID)
		}
	}
	if doc.Columns.Kind != yaml.MappingNode {
		n := &doc.Columns
		if n.Kind == 0 {
			n = root
		}
		fail(n, "map.columns")
	}
	for i := 0; i+1 < len(doc.Columns.Content); i += 2 {
		k, v := doc.Columns.Content[i], doc.Columns.Content[i+1]
		target := strings.TrimSpace(v.Value)
		switch {
		case v.Kind != yaml.ScalarNode || target == "":
			fail(v, "map.column-id", k.Value)
		case !slices.Contains(known, target):
			hint := didYouMean(target, known)
			if qu := qn.Question(target); qu != nil && qu.IsMatrix() {
				hint = both("map.matrix", target, qu.Items[0].ID)
			}
			fail(v, "map.column-unknown", k.Value, target, qn.ID, hint)
		case m.columns[fold(k.Value)] != "":
			fail(k, "map.column-twice", k.Value)
		default:
			m.columns[fold(k.Value)] = target
		}
	}
	if doc.Answers.Kind != 0 && doc.Answers.Kind != yaml.MappingNode {
		fail(&doc.Answers, "map.answers")
	}
	for i := 0; i+1 < len(doc.Answers.Content); i += 2 {
		k, v := doc.Answers.Content[i], doc.Answers.Content[i+1]
		qu := qn.Question(k.Value)
		if qu == nil || len(qu.Options) == 0 {
			fail(k, "map.answers-question", k.Value, didYouMean(k.Value, known))
			continue
		}
		if v.Kind != yaml.MappingNode {
			fail(v, "map.answers-texts", k.Value)
			continue
		}
		texts := map[string]string{}
		for j := 0; j+1 < len(v.Content); j += 2 {
			t, id := v.Content[j], v.Content[j+1]
			if qu.Option(id.Value) == nil {
				fail(id, "map.answers-option", k.Value, id.Value, didYouMean(id.Value, qu.OptionIDs()), strings.Join(qu.OptionIDs(), ", "))
				continue
			}
			texts[fold(t.Value)] = id.Value
		}
		m.answers[qu.ID] = texts
	}
	for _, h := range doc.Ignore {
		m.ignore[fold(h)] = true
	}
	if doc.Keys["separator"].Line > 0 && doc.Separator == "" {
		fail(at("separator"), "map.separator")
	}
	if doc.DateFormat != "" {
		layout, ok := MapDateFormats[doc.DateFormat]
		if !ok {
			fail(at("date_format"), "map.date-format", doc.DateFormat)
		}
		m.dateLayout = layout
		if doc.DateColumn == "" {
			fail(at("date_format"), "map.date-column")
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return m, nil
}

// Columns is how many columns the map names.
func (m *Map) Columns() int { return len(m.columns) }

// Texts is how many answer texts the map names.
func (m *Map) Texts() int {
	n := 0
	for _, t := range m.answers {
		n += len(t)
	}
	return n
}

// both is message key in Dutch and English; an argument that is an
// i18n.Text is put in the same language.
func both(key string, args ...any) i18n.Text {
	in := func(l i18n.Lang) string {
		a := make([]any, len(args))
		for i, x := range args {
			if t, ok := x.(i18n.Text); ok {
				x = t.In(l)
			}
			a[i] = x
		}
		return msg.Tf(l, key, a...)
	}
	return i18n.Text{NL: in(i18n.NL), EN: in(i18n.EN)}
}
