package referral

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reason kinds: the catalogue's reasons: section gives a template for each,
// in both languages. The Go code decides which reasons apply; the words are
// the catalogue's.
const (
	rLocation       = iota // the programme is for this place: {municipality}
	rProvince              // a provincial programme: {municipality}, {province}
	rProvinceOnly          // a provincial programme, business outside the region: {province}
	rSector                // the programme is for or focuses on the sector: {sector}
	rLocationSector        // both: {municipality}, {sector}
	rSize                  // the programme focuses on businesses of this size: {size}
	rGapCritical           // the programme helps where the gap is large: {dimension}, {score}
	rGapModerate
	rGapMinor
	rScoreLow  // a focus score range with a maximum holds: {dimension}, {score}
	rScoreHigh // a focus score range with only a minimum holds: {dimension}, {score}
	rTopics    // the business asked for help with: {topics}
	rAnd       // joins a list: {list}, {last}
	rQuadrantVulnerable
	rQuadrantFrontrunner
	rQuadrantLowUrgency
	rQuadrantPrepared
	rNotMember // not a member of a business association
	rSuccessor // {previous} ended and {name} took over
	rUpcoming  // the next round opens on {date}
	rCloses    // applications close on {date}
	rEvent     // an event that fits: {event}, {date}, {place}, {dimension}
	rEventPlanned
	rGeneral // fallback when nothing else can be said
	nReasons
)

// Placeholders.
const (
	phMunicipality = iota
	phProvince
	phSector
	phSize
	phDimension
	phScore
	phTopics
	phList
	phLast
	phPrevious
	phName
	phDate
	phEvent
	phPlace
	nPlaceholders
)

var placeholderNames = [nPlaceholders]string{
	"municipality", "province", "sector", "size", "dimension", "score", "topics", "list", "last",
	"previous", "name", "date", "event", "place",
}

type reasonSpec struct {
	id           string
	placeholders []string
}

var reasonSpecs = [nReasons]reasonSpec{
	rLocation:            {"location", []string{"municipality"}},
	rProvince:            {"province", []string{"municipality", "province"}},
	rProvinceOnly:        {"province-only", []string{"province"}},
	rSector:              {"sector", []string{"sector"}},
	rLocationSector:      {"location-sector", []string{"municipality", "sector"}},
	rSize:                {"size", []string{"size"}},
	rGapCritical:         {"gap-critical", []string{"dimension", "score"}},
	rGapModerate:         {"gap-moderate", []string{"dimension", "score"}},
	rGapMinor:            {"gap-minor", []string{"dimension", "score"}},
	rScoreLow:            {"score-low", []string{"dimension", "score"}},
	rScoreHigh:           {"score-high", []string{"dimension", "score"}},
	rTopics:              {"topics", []string{"topics"}},
	rAnd:                 {"and", []string{"list", "last"}},
	rQuadrantVulnerable:  {"quadrant-vulnerable", nil},
	rQuadrantFrontrunner: {"quadrant-frontrunner", nil},
	rQuadrantLowUrgency:  {"quadrant-low-urgency", nil},
	rQuadrantPrepared:    {"quadrant-prepared", nil},
	rNotMember:           {"not-member", nil},
	rSuccessor:           {"successor", []string{"previous", "name"}},
	rUpcoming:            {"upcoming", []string{"date"}},
	rCloses:              {"closes", []string{"date"}},
	rEvent:               {"event", []string{"event", "date", "place", "dimension"}},
	rEventPlanned:        {"event-planned", []string{"event", "date", "place", "dimension"}},
	rGeneral:             {"general", nil},
}

// ReasonKinds lists the reason kinds a catalogue gives templates for.
func ReasonKinds() []string {
	out := make([]string, nReasons)
	for i, s := range reasonSpecs {
		out[i] = s.id
	}
	return out
}

func reasonKind(id string) int {
	for i, s := range reasonSpecs {
		if s.id == id {
			return i
		}
	}
	return -1
}

// template is a compiled reason template: literal text and placeholders.
type template struct {
	segs   []seg
	static string // the whole text when it has no placeholders
	size   int    // bytes of literal text
}

type seg struct {
	lit string
	ph  int8 // placeholder, or -1 for literal text
}

// compileTemplate parses "text {placeholder} text"; only the allowed
// placeholders may appear, each allowed one at most once is not required.
func compileTemplate(s string, allowed []string) (template, error) {
	var t template
	rest := s
	for rest != "" {
		i := strings.IndexAny(rest, "{}")
		if i < 0 {
			t.segs = append(t.segs, seg{lit: rest, ph: -1})
			t.size += len(rest)
			break
		}
		if rest[i] == '}' {
			return t, errors.New("a } without a {; placeholders are written {name}")
		}
		if i > 0 {
			t.segs = append(t.segs, seg{lit: rest[:i], ph: -1})
			t.size += i
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return t, errors.New("a { without a }; placeholders are written {name}")
		}
		name := rest[i+1 : i+j]
		if !slices.Contains(allowed, name) {
			if len(allowed) == 0 {
				return t, fmt.Errorf("unknown placeholder {%s}: this reason takes none", name)
			}
			return t, fmt.Errorf("unknown placeholder {%s}%s", name, didYouMean(name, allowed))
		}
		t.segs = append(t.segs, seg{ph: int8(slices.Index(placeholderNames[:], name))})
		rest = rest[i+j+1:]
	}
	if len(t.segs) == 0 || (len(t.segs) == 1 && t.segs[0].ph < 0) {
		t.static = s
	}
	return t, nil
}

// args are the values of the placeholders for one rendering.
type args [nPlaceholders]string

func (t *template) render(a *args) string {
	if t.static != "" || len(t.segs) == 0 {
		return t.static
	}
	n := t.size
	for _, s := range t.segs {
		if s.ph >= 0 {
			n += len(a[s.ph])
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range t.segs {
		if s.ph < 0 {
			b.WriteString(s.lit)
		} else {
			b.WriteString(a[s.ph])
		}
	}
	return b.String()
}

// phrase turns an option label into words that fit inside a sentence:
// parenthesised examples are dropped ("Media en uitgeverij (film, tv)" →
// "Media en uitgeverij") and, unless lower is false, the first letter is
// lowercased when the word is not an acronym ("ICT" stays).
func phrase(label string, lower bool) string {
	var b strings.Builder
	depth := 0
	for _, r := range label {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	s = strings.TrimRight(s, " ,;:")
	if !lower || s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(r) && !unicode.IsUpper(next) {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s
}
