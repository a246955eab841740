package questionnaires

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/builtin"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// The built-in questionnaires: NAME.yaml here, embedded as the source
// (`questionnaire show`, file positions), and the same compiled into the
// binary as Go values (builtins_gen.go), so that a scan decodes no YAML or
// JSON: reflection-based decoding would cost every scan milliseconds.
//
//go:generate go run -tags generate ../internal/generate questionnaires
//go:embed *.yaml
var builtinFS embed.FS

// DefaultName is the questionnaire a scan uses unless told otherwise.
const DefaultName = "intake"

var builtins = &builtin.Set[*Questionnaire]{FS: builtinFS, Kind: "questionnaire"}

// BuiltinNames lists the embedded questionnaires, sorted.
func BuiltinNames() []string { return builtins.Names() }

// Builtin returns an embedded questionnaire by name. It is loaded once per
// process; callers must not modify it.
func Builtin(name string) (*Questionnaire, error) {
	return builtins.Once(name, func() (*Questionnaire, error) {
		if qn, hash, questionHashes := compiledBuiltin(name); qn != nil {
			return loadCompiled("builtin:"+name, qn, hash, questionHashes)
		}
		data, err := builtins.Source(name)
		if err != nil {
			return nil, err
		}
		return Load("builtin:"+name, data)
	})
}

// Resolver finds the questionnaire a stored result was made with, by the
// id and version it recorded. It may return another version of that
// questionnaire (exact false) when the one recorded is not available: its
// questions then give the labels and columns.
type Resolver func(id, version string) (qn *Questionnaire, exact bool, err error)

// Find is the Resolver of the built-in questionnaires, and the one answer
// to "which questionnaire did this stored scan use": the built-in of the
// recorded id, whatever version was recorded (exact tells whether it is that
// version; results carry the questionnaire's hash to tell versions apart).
func Find(id, version string) (qn *Questionnaire, exact bool, err error) {
	qn, err = Builtin(id)
	if err != nil {
		return nil, false, err
	}
	return qn, qn.Version == version, nil
}

// IsPath reports whether ref names a file rather than a built-in: it has a
// directory separator or a .yaml/.yml/.json extension.
func IsPath(ref string) bool {
	ext := strings.ToLower(path.Ext(ref))
	return strings.ContainsAny(ref, `/\`) || ext == ".yaml" || ext == ".yml" || ext == ".json"
}

// Open loads a questionnaire by built-in name or path. A relative path is
// taken relative to baseDir (the answers file's directory) when set.
func Open(ref, baseDir string, stdin io.Reader) (*Questionnaire, error) {
	if ref == "" {
		ref = DefaultName
	}
	if !IsPath(ref) {
		return Builtin(ref)
	}
	p := ref
	if baseDir != "" && !filepath.IsAbs(p) {
		p = filepath.Join(baseDir, p)
	}
	data, err := strictyaml.ReadFile(p, stdin, strictyaml.DefaultLimit)
	if err != nil {
		return nil, err
	}
	return Load(p, data)
}

// loadCompiled finishes a precompiled built-in (its YAML as decoded, which
// was validated when it was generated): the lookups and compiled forms that
// Load builds after decoding, and the content hashes it was generated with,
// so that loading need not marshal it to hash it.
func loadCompiled(file string, q *Questionnaire, hash string, questionHashes map[string]string) (*Questionnaire, error) {
	if hash == "" {
		return nil, fmt.Errorf("%s: not a precompiled questionnaire", file)
	}
	q.Source = file
	if err := q.build(false); err != nil {
		return nil, err
	}
	q.Hash = hash
	for _, qu := range q.Questions() {
		if qu.Hash = questionHashes[qu.ID]; qu.Hash == "" {
			return nil, fmt.Errorf("%s: no hash for question %q", file, qu.ID)
		}
	}
	return q, nil
}

// Load decodes, compiles and validates a questionnaire from YAML.
func Load(file string, data []byte) (*Questionnaire, error) {
	var q Questionnaire
	if err := strictyaml.Unmarshal(file, data, &q); err != nil {
		return nil, err
	}
	q.Source = file
	if err := q.compile(); err != nil {
		return nil, err
	}
	return &q, nil
}

// compile resolves option sets, indexes the questions, validates the whole
// and computes the content hashes.
func (q *Questionnaire) compile() error {
	if err := q.build(true); err != nil {
		return err
	}
	q.hash()
	return nil
}

// build resolves option sets, indexes the questions, validates the whole
// when validate is set, and compiles conditions and scoring.
func (q *Questionnaire) build(validate bool) error {
	v := &validator{q: q, Checker: Checker{File: q.Source}}
	q.resolve(v)
	q.index = buildIndex(q, v)
	if validate {
		v.validate()
	}
	if err := v.Errs.Err(); err != nil {
		v.Errs.Sort()
		return v.Errs
	}
	q.compileConditions()
	q.compileScoring()
	return nil
}

// compileScoring turns feeds into bit masks and scoring targets into
// indexes, so scoring a result needs no map lookups.
func (q *Questionnaire) compileScoring() {
	// The bits of the feed masks: "dii.<id>" for the DII indicators in
	// order, then "tech.cloud", "tech.ai", "tech.data_analytics".
	var indicators []string
	q.DIIIDs = nil
	for _, in := range q.DII.Indicators {
		indicators = append(indicators, "dii."+in.ID)
		q.DIIIDs = append(q.DIIIDs, in.ID)
	}
	for _, t := range TechIDs {
		indicators = append(indicators, "tech."+t)
	}
	mask := func(feeds []string) uint64 {
		var m uint64
		for _, f := range feeds {
			if i := slices.Index(indicators, f); i >= 0 {
				m |= 1 << i
			}
		}
		return m
	}
	dim := func(id string) int {
		return slices.IndexFunc(q.Dimensions, func(d Dimension) bool { return d.ID == id })
	}
	fx := &q.Fixed
	fx.Sector, fx.Size, fx.Place = q.Question(QSector), q.Question(QSize), q.Question(QPlace)
	fx.Municipality, fx.Province = q.Question(QMunicipality), q.Question(QProvince)
	fx.Association, fx.Topics = q.Question(QAssociation), q.Question(QTopics)
	fx.CompanyName, fx.KVK, fx.Establishment = q.Question(QCompanyName), q.Question(QKVK), q.Question(QEstablishment)
	for i, id := range Consents {
		fx.Consents[i] = q.Question(id)
	}
	for _, qu := range q.Questions() {
		// Options sharing a DMA item share a slot.
		slots := map[string]int{}
		for _, o := range qu.Options {
			k := o.ID
			if o.DMA != "" {
				k = "dma:" + o.DMA
			}
			if _, ok := slots[k]; !ok {
				slots[k] = len(slots)
			}
			o.KeySlot = slots[k]
		}
		qu.KeySlots = len(slots)
		qu.Static = true
		for _, o := range qu.Options {
			if o.When != nil {
				qu.Static = false
			}
		}
		if qu.Static {
			pw := q.PlanWeightOrDefault()
			qu.StaticPW = pw
			slotMax := make([]float64, qu.KeySlots) // per-slot maxima
			qu.MaxValue, qu.Den = 0, 0
			for _, o := range qu.Options {
				if !o.DontKnow {
					qu.MaxValue = max(qu.MaxValue, o.Effective(pw))
				}
				if w := o.ChecklistWorth(pw); w > 0 {
					slotMax[o.KeySlot] = max(slotMax[o.KeySlot], w)
				}
			}
			for _, m := range slotMax {
				qu.Den += m
			}
		}
		qu.FeedMask = mask(qu.Feeds)
		for _, o := range qu.Options {
			o.FeedMask = mask(o.Feeds)
		}
		for _, it := range qu.Items {
			it.FeedMask = mask(it.Feeds)
		}
		switch {
		case qu.Scores == "":
			qu.Target = TargetNone
		case qu.Scores == ScoreImpact:
			qu.Target = TargetImpact
		default:
			qu.Target = dim(qu.Scores)
		}
	}
	for i := range q.Insights {
		for j := range q.Insights[i].When {
			r := &q.Insights[i].When[j]
			r.Dimension = dim(r.Score)
			r.Question = q.Question(r.Score)
		}
	}
}

// compileConditions resolves every condition's question and turns its
// answer lists into bit masks (validation has checked they exist).
func (q *Questionnaire) compileConditions() {
	var walk func(c *Condition)
	walk = func(c *Condition) {
		if c == nil {
			return
		}
		for _, sub := range c.All {
			walk(sub)
		}
		for _, sub := range c.Any {
			walk(sub)
		}
		walk(c.Not)
		c.Slot = -1
		if c.Question == "" {
			return
		}
		c.Ref = q.Question(c.Question)
		if c.Item != "" {
			c.Slot = q.Item(c.Question, c.Item).Index
		}
		c.Mask = 0
		for _, id := range append(append([]string{}, c.In...), c.NotIn...) {
			if c.Ref.Type == YesNo {
				c.Mask |= 1 << YesNoIndex(id)
			} else if o := q.Option(c.Question, id); o != nil {
				c.Mask |= 1 << o.Index
			}
		}
	}
	for _, s := range q.Sections {
		walk(s.When)
		for _, qu := range s.Questions {
			walk(qu.When)
			for _, o := range qu.Options {
				walk(o.When)
			}
			for _, it := range qu.Items {
				walk(it.When)
			}
		}
	}
	for i := range q.Insights {
		walk(q.Insights[i].Answers)
	}
}

// resolve fills each question's options from its option set.
func (q *Questionnaire) resolve(v *validator) {
	sets := map[string]*OptionSet{}
	for i := range q.OptionSets {
		sets[q.OptionSets[i].ID] = &q.OptionSets[i]
	}
	for _, s := range q.Sections {
		for _, qu := range s.Questions {
			qu.Section = s
			name := qu.OptionSet
			if name == "" && qu.Type == Scale && len(qu.Options) == 0 {
				name = "adoption" // the 0–5 scale, unless the question lists its own
			}
			if name == "" {
				continue
			}
			set, ok := sets[name]
			if !ok {
				v.At(qu.Keys.Of("option_set", qu.Pos), "question %q: unknown option set %q", qu.ID, name)
				continue
			}
			if len(qu.Options) > 0 {
				v.At(qu.Pos, "question %q: give either options or option_set, not both", qu.ID)
				continue
			}
			qu.Options = set.Options
		}
	}
}

func (q *Questionnaire) hash() {
	b, _ := json.Marshal(q)
	sum := sha256.Sum256(b)
	q.Hash = "sha256:" + hex.EncodeToString(sum[:])
	for _, qu := range q.Questions() {
		b, _ := json.Marshal(qu)
		s := sha256.Sum256(b)
		qu.Hash = hex.EncodeToString(s[:8])
	}
}

// index holds lookups built once per questionnaire.
type index struct {
	questions []*Question
	byID      map[string]*Question
	options   map[string]map[string]*Option // question → option id → option
	items     map[string]map[string]*Item
	setBy     map[string][]*Question // derived question → questions whose options set it
	derived   []*Question            // the derived questions, in order
}

func buildIndex(q *Questionnaire, v *validator) *index {
	ix := &index{
		byID:    map[string]*Question{},
		options: map[string]map[string]*Option{},
		items:   map[string]map[string]*Item{},
		setBy:   map[string][]*Question{},
	}
	for _, s := range q.Sections {
		for _, qu := range s.Questions {
			if prev, dup := ix.byID[qu.ID]; dup && qu.ID != "" {
				v.At(qu.Keys.Of("id", qu.Pos), "duplicate question id %q (first at line %d); question ids must be unique", qu.ID, prev.Pos.Line)
				qu.Order = len(ix.questions) // where it stands, so its conditions are checked fairly
				continue
			}
			qu.Order = len(ix.questions)
			ix.questions = append(ix.questions, qu)
			ix.byID[qu.ID] = qu
			if qu.Derived {
				ix.derived = append(ix.derived, qu)
			}
			opts := make(map[string]*Option, len(qu.Options))
			if len(qu.Options) > MaxOptions {
				v.At(qu.Pos, "question %q has %d options; at most %d", qu.ID, len(qu.Options), MaxOptions)
			}
			for i, o := range qu.Options {
				o.Index = i // shared options of a set have the same index everywhere
				if _, dup := opts[o.ID]; dup {
					v.At(o.Pos, "question %q: duplicate option id %q", qu.ID, o.ID)
				}
				opts[o.ID] = o
			}
			ix.options[qu.ID] = opts
			items := make(map[string]*Item, len(qu.Items))
			for i, it := range qu.Items {
				it.Index = i
				if _, dup := items[it.ID]; dup {
					v.At(it.Pos, "question %q: duplicate item id %q", qu.ID, it.ID)
				}
				items[it.ID] = it
			}
			ix.items[qu.ID] = items
		}
	}
	for _, qu := range ix.questions {
		for _, o := range qu.Options {
			for target := range o.Sets {
				if !slices.Contains(ix.setBy[target], qu) {
					ix.setBy[target] = append(ix.setBy[target], qu)
				}
			}
		}
	}
	return ix
}

// MaxOptions is the most options a question may have (they are kept as
// bits of a 64-bit mask when conditions are evaluated).
const MaxOptions = 64

// OptionName is what a person calls option id of question qid in lang:
// its label without the explanation in parentheses ("Detailhandel" for
// "Detailhandel (winkel, webwinkel, autobedrijf)"), or the id itself when
// the questionnaire (which may be nil) has no such option.
func (q *Questionnaire) OptionName(qid, id string, lang i18n.Lang) string {
	if q == nil {
		return id
	}
	o := q.Option(qid, id)
	if o == nil {
		return id
	}
	l := o.Label.In(lang)
	if i := strings.Index(l, " ("); i > 0 {
		return l[:i]
	}
	return l
}

// Questions returns every question in questionnaire order.
func (q *Questionnaire) Questions() []*Question { return q.index.questions }

// Derived returns the derived questions (answered through another
// question's option), in questionnaire order.
func (q *Questionnaire) Derived() []*Question { return q.index.derived }

// QuestionIDs lists every question id in questionnaire order.
func (q *Questionnaire) QuestionIDs() []string {
	ids := make([]string, len(q.index.questions))
	for i, qu := range q.index.questions {
		ids[i] = qu.ID
	}
	return ids
}

// Question returns the question with this id, or nil.
func (q *Questionnaire) Question(id string) *Question { return q.index.byID[id] }

// Option returns option id of question qid, or nil.
func (q *Questionnaire) Option(qid, id string) *Option { return q.index.options[qid][id] }

// Item returns item id of matrix question qid, or nil.
func (q *Questionnaire) Item(qid, id string) *Item { return q.index.items[qid][id] }

// Option returns the question's option with this id, or nil. Questions
// have a handful of options: a scan of them is cheaper than hashing, and
// scoring a survey looks up every cell.
func (qu *Question) Option(id string) *Option {
	for _, o := range qu.Options {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// Refers reports whether the condition (nil: none), or one inside it,
// is on a question is reports true for.
func (c *Condition) Refers(is func(id string) bool) bool {
	if c == nil {
		return false
	}
	if c.Question != "" && is(c.Question) || c.Not.Refers(is) {
		return true
	}
	for _, s := range c.All {
		if s.Refers(is) {
			return true
		}
	}
	for _, s := range c.Any {
		if s.Refers(is) {
			return true
		}
	}
	return false
}

// Refers reports whether the question is asked, or which of its
// options and items are, depends on a question is reports true for (its
// section's condition aside).
func (qu *Question) Refers(is func(id string) bool) bool {
	if qu.When.Refers(is) {
		return true
	}
	for _, o := range qu.Options {
		if o.When.Refers(is) {
			return true
		}
	}
	for _, it := range qu.Items {
		if it.When.Refers(is) {
			return true
		}
	}
	return false
}

// OptionIDs lists the question's option ids (none for a nil question).
func (qu *Question) OptionIDs() []string {
	if qu == nil {
		return nil
	}
	ids := make([]string, len(qu.Options))
	for i, o := range qu.Options {
		ids[i] = o.ID
	}
	return ids
}

// ItemIDs lists a matrix question's item ids.
func (qu *Question) ItemIDs() []string {
	ids := make([]string, len(qu.Items))
	for i, it := range qu.Items {
		ids[i] = it.ID
	}
	return ids
}

// AnswerIDs lists the answers a condition on the question may name: yes,
// no (and dont-know where it has one) for a yes/no question, else its
// option ids.
func (qu *Question) AnswerIDs() []string {
	if qu.Type == YesNo {
		ids := []string{"yes", "no"}
		if qu.DontKnow {
			ids = append(ids, DontKnowID)
		}
		return ids
	}
	return qu.OptionIDs()
}

// Item returns the matrix question's item with this id, or nil.
func (qu *Question) Item(id string) *Item {
	for _, it := range qu.Items {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// SurveyColumns are the columns of a survey export for this
// questionnaire, in questionnaire order: one per question (derived ones
// left out: they follow from another), one per matrix item
// (question.item).
func (q *Questionnaire) SurveyColumns() []string {
	var cols []string
	for _, qu := range q.Questions() {
		switch {
		case qu.Derived:
		case qu.IsMatrix():
			for _, it := range qu.Items {
				cols = append(cols, qu.ID+"."+it.ID)
			}
		default:
			cols = append(cols, qu.ID)
		}
	}
	return cols
}

// SetBy lists the questions whose options answer the derived question id.
func (q *Questionnaire) SetBy(id string) []*Question { return q.index.setBy[id] }

// Dimension returns the dimension with this id, or nil.
func (q *Questionnaire) Dimension(id string) *Dimension {
	for i := range q.Dimensions {
		if q.Dimensions[i].ID == id {
			return &q.Dimensions[i]
		}
	}
	return nil
}

// Quadrant returns the quadrant with this id, or nil.
func (q *Questionnaire) Quadrant(id string) *Quadrant {
	for i := range q.Quadrants {
		if q.Quadrants[i].ID == id {
			return &q.Quadrants[i]
		}
	}
	return nil
}

// PlanWeightOrDefault is plan_weight, 1 when unset.
func (q *Questionnaire) PlanWeightOrDefault() float64 {
	if q.PlanWeight == nil {
		return 1
	}
	return *q.PlanWeight
}

// WeightOrDefault is the question's weight in its dimension, 1 when unset.
func (qu *Question) WeightOrDefault() float64 {
	if qu.Weight == nil {
		return 1
	}
	return *qu.Weight
}

// IsMatrix reports whether the question asks one answer per item.
func (qu *Question) IsMatrix() bool { return len(qu.Items) > 0 }

// Effective is what choosing o is worth before normalisation.
func (o *Option) Effective(planWeight float64) float64 {
	v := 0.0
	if o.Value != nil {
		v = *o.Value
	}
	return v + o.Plan*planWeight
}

// ChecklistWorth is what ticking o is worth in a checklist: 1 unless a
// value is given; exclusive and don't-know options are worth nothing.
func (o *Option) ChecklistWorth(planWeight float64) float64 {
	if o.Exclusive || o.DontKnow {
		return 0
	}
	if o.Value == nil && o.Plan == 0 {
		return 1
	}
	return o.Effective(planWeight)
}

// WeightOrDefault is the dimension's weight in the maturity mean, 1 when unset.
func (d *Dimension) WeightOrDefault() float64 {
	if d.Weight == nil {
		return 1
	}
	return *d.Weight
}
