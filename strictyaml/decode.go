package strictyaml

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// DefaultLimit is the size limit ReadFile callers use unless they have a
// reason to allow more: generous for any hand-written file, small enough that
// a wrong file (a database, a video) is refused at once.
const DefaultLimit = 8 << 20

// maxErrors caps how many problems one file reports; after that the rest of
// the file is most likely a different kind of file altogether.
const maxErrors = 50

// maxNodes bounds the work an alias-heavy document can cause ("billion laughs").
const maxNodes = 1_000_000

// ReadFile reads a file for decoding, turning the common mistakes into
// messages a person can act on: a missing file, a directory, a file over
// limit bytes. path "-" reads stdin (passed as in).
func ReadFile(path string, in io.Reader, limit int64) ([]byte, error) {
	name := path
	var r io.Reader
	if path == "-" {
		name = "stdin"
		r = in
	} else {
		fi, err := os.Stat(path)
		switch {
		case os.IsNotExist(err):
			return nil, errorAt(path, 0, 0, tf("read.not-exist"))
		case os.IsPermission(err):
			return nil, errorAt(path, 0, 0, tf("read.permission"))
		case err != nil:
			return nil, errorAt(path, 0, 0, tf("read.failed", err.Error()))
		case fi.IsDir():
			return nil, errorAt(path, 0, 0, tf("read.is-dir"))
		case fi.Mode().IsRegular() && fi.Size() > limit:
			return nil, errorAt(path, 0, 0, tf("read.too-large", size(fi.Size()), size(limit)))
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, errorAt(path, 0, 0, tf("read.failed", strings.TrimPrefix(err.Error(), "open "+path+": ")))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, errorAt(name, 0, 0, tf("read.failed", err.Error()))
	}
	if int64(len(data)) > limit {
		return nil, errorAt(name, 0, 0, tf("read.input-too-large", size(limit)))
	}
	return data, nil
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// yamlLine splits yaml.v3's "yaml: line N: problem" into N and problem.
func yamlLine(msg string) (line int, problem string, ok bool) {
	rest, found := strings.CutPrefix(msg, "yaml: line ")
	if !found {
		return 0, "", false
	}
	num, problem, found := strings.Cut(rest, ": ")
	if !found {
		return 0, "", false
	}
	line, err := strconv.Atoi(num)
	return line, problem, err == nil
}

// Parse checks that data is a single YAML document of text and returns its
// root node. Empty documents, binary data and UTF-16 are reported clearly.
func Parse(file string, data []byte) (*yaml.Node, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, errorAt(file, 1, 1, tf("parse.utf16"))
	case bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data):
		return nil, errorAt(file, 1, 1, tf("parse.binary"))
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, errorAt(file, 1, 1, tf("parse.empty"))
		}
		return nil, syntaxError(file, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		if err != nil {
			return nil, syntaxError(file, data, err)
		}
		return nil, errorAt(file, extra.Line, extra.Column, tf("parse.second-document"))
	}
	if len(doc.Content) == 0 || (doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].Tag == "!!null") {
		return nil, errorAt(file, 1, 1, tf("parse.empty"))
	}
	return doc.Content[0], nil
}

// syntaxError locates a syntax error. JSON input gets the exact line and
// column from encoding/json. For YAML, yaml.v3 names the line where the
// enclosing block starts, not the line of the mistake; the mistake is the
// first line from there on whose prefix of the document fails the same way.
func syntaxError(file string, data []byte, err error) error {
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		var v any
		var se *json.SyntaxError
		if jerr := json.Unmarshal(data, &v); errors.As(jerr, &se) {
			line, col := lineCol(data, int(se.Offset))
			return errorAt(file, line, col, tf("parse.json-syntax", se.Error()))
		}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, problem, ok := yamlLine(err.Error())
	if !ok {
		return errorAt(file, 0, 0, tf("parse.yaml-syntax", msg))
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	end := 0 // the lines before l lie side by side in data
	for _, x := range lines[:min(max(line, 1)-1, len(lines))] {
		end += len(x)
	}
	for l := max(line, 1); l <= len(lines) && l < line+500; l++ {
		end += len(lines[l-1])
		prefix := data[:end]
		var n yaml.Node
		if perr := yaml.Unmarshal(prefix, &n); perr != nil {
			if _, p, ok := yamlLine(perr.Error()); ok && p == problem {
				line = l
				break
			}
		}
	}
	text := i18n.Text{NL: problem, EN: problem} // yaml.v3's own words
	if strings.Contains(problem, "expected key") || strings.Contains(problem, "mapping values are not allowed") {
		text = tf("parse.indentation", problem)
	}
	return errorAt(file, line, 0, tf("parse.yaml-syntax", text))
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(data))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = offset - bytes.LastIndexByte(before, '\n')
	if col > 1 {
		col-- // the offset is just past the offending byte
	}
	return line, col
}

// Unmarshal parses data and decodes it strictly into out (a pointer).
func Unmarshal(file string, data []byte, out any) error {
	root, err := Parse(file, data)
	if err != nil {
		return err
	}
	return Decode(file, root, out)
}

// Decode decodes node strictly into out (a pointer), collecting every problem.
func Decode(file string, node *yaml.Node, out any) error {
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		panic("strictyaml: Decode needs a non-nil pointer")
	}
	d := &decoder{file: file}
	d.decode(node, v.Elem())
	d.errs.Sort()
	return d.errs.Err()
}

// Unmarshaler is implemented by types that decode themselves from a node.
// A returned error without a position is reported at the node.
type Unmarshaler interface {
	UnmarshalStrictYAML(n *yaml.Node) error
}

type decoder struct {
	file  string
	errs  Errors
	nodes int
}

// fail records the problem of message key (messages.yaml) with args at n.
func (d *decoder) fail(n *yaml.Node, key string, args ...any) {
	if len(d.errs) >= maxErrors {
		if len(d.errs) == maxErrors {
			d.errs = append(d.errs, errorAt(d.file, n.Line, n.Column, tf("decode.too-many")))
		}
		return
	}
	d.errs = append(d.errs, errorAt(d.file, n.Line, n.Column, tf(key, args...)))
}

var (
	posType      = reflect.TypeFor[Pos]()
	keysType     = reflect.TypeFor[Keys]()
	nodeType     = reflect.TypeFor[yaml.Node]()
	unmarshalerT = reflect.TypeFor[Unmarshaler]()
	textUnmarshT = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func (d *decoder) decode(n *yaml.Node, v reflect.Value) {
	d.nodes++
	if d.nodes > maxNodes {
		if d.nodes == maxNodes+1 {
			d.fail(n, "decode.too-many-values")
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		d.decode(n.Alias, v)
		return
	}
	if v.Type() == nodeType {
		v.Set(reflect.ValueOf(*n))
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerT) {
		if err := v.Addr().Interface().(Unmarshaler).UnmarshalStrictYAML(n); err != nil {
			d.add(n, err)
		}
		return
	}
	if v.Kind() == reflect.Pointer {
		if isNull(n) {
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem())
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshT) && n.Kind == yaml.ScalarNode {
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			d.fail(n, "decode.plain", err.Error())
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Map:
		d.decodeMap(n, v)
	case reflect.Slice:
		d.decodeSlice(n, v)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, "decode.expected-text", DescribeText(n))
			return
		}
		if isNull(n) {
			v.SetString("")
			return
		}
		if n.Tag == "!!bool" {
			d.fail(n, "decode.expected-text-bool", n.Value)
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.fail(n, "decode.expected-bool", DescribeText(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var i int64
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
			d.fail(n, "decode.expected-int", DescribeText(n))
			return
		}
		if v.OverflowInt(i) {
			d.fail(n, "decode.out-of-range", n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Float32, reflect.Float64:
		var f float64
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil {
			d.fail(n, "decode.expected-number", DescribeText(n))
			return
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			d.fail(n, "decode.expected-finite", n.Value)
			return
		}
		v.SetFloat(f)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.add(n, err)
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		panic(fmt.Sprintf("strictyaml: unsupported type %s", v.Type()))
	}
}

func (d *decoder) add(n *yaml.Node, err error) {
	for _, e := range List(err) {
		if e.Line == 0 {
			e.Line, e.Col = n.Line, n.Column
		}
		if e.File == "" {
			e.File = d.file
		}
		if len(d.errs) < maxErrors {
			d.errs = append(d.errs, e)
		}
	}
}

type fieldInfo struct {
	index []int
	name  string
}

func structFields(t reflect.Type) (fields []fieldInfo, pos, keys []int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == posType {
			pos = f.Index
			continue
		}
		if f.Type == keysType {
			keys = f.Index
			continue
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			sub, _, _ := structFields(f.Type)
			for _, s := range sub {
				fields = append(fields, fieldInfo{index: append([]int{i}, s.index...), name: s.name})
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields = append(fields, fieldInfo{index: f.Index, name: name})
	}
	return fields, pos, keys
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	fields, pos, keys := structFields(v.Type())
	if pos != nil {
		v.FieldByIndex(pos).Set(reflect.ValueOf(Pos{Line: n.Line, Col: n.Column}))
	}
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, "decode.expected-mapping", DescribeText(n))
		return
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	var kp Keys
	if keys != nil {
		kp = Keys{}
		v.FieldByIndex(keys).Set(reflect.ValueOf(kp))
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if !d.checkKey(k, seen) {
			continue
		}
		idx := -1
		for j, f := range fields {
			if f.name == k.Value {
				idx = j
				break
			}
		}
		if idx < 0 {
			d.fail(k, "decode.unknown-key", k.Value, suggest(k.Value, names))
			continue
		}
		if kp != nil {
			kp[k.Value] = Pos{Line: val.Line, Col: val.Column}
		}
		d.decode(val, v.FieldByIndex(fields[idx].index))
	}
}

// checkKey rejects merge keys, non-scalar keys and duplicates.
func (d *decoder) checkKey(k *yaml.Node, seen map[string]*yaml.Node) bool {
	if k.Kind != yaml.ScalarNode {
		d.fail(k, "decode.key-not-text", DescribeText(k))
		return false
	}
	if k.Tag == "!!merge" {
		d.fail(k, "decode.merge-key")
		return false
	}
	if first, dup := seen[k.Value]; dup {
		d.fail(k, "decode.duplicate-key", k.Value, first.Line)
		return false
	}
	seen[k.Value] = k
	return true
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, "decode.expected-mapping", DescribeText(n))
		return
	}
	if v.Type().Key().Kind() != reflect.String {
		panic("strictyaml: map keys must be strings")
	}
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(v.Type(), len(n.Content)/2))
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if !d.checkKey(k, seen) {
			continue
		}
		elem := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, elem)
		v.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), elem)
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, "decode.expected-list", DescribeText(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		// An empty item ("-" alone) in a list of records would be a nil
		// record every loader then trips over: say where it is instead.
		if isNull(c) && v.Type().Elem().Kind() == reflect.Pointer {
			d.fail(c, "decode.empty-item", i+1)
			continue
		}
		d.decode(c, s.Index(i))
	}
	v.Set(s)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names what a node is, for "expected X, found Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!bool":
		return "the boolean " + n.Value
	case "!!int", "!!float":
		return "the number " + n.Value
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:37] + "..."
	}
	return strconv.Quote(v)
}

// Describe is describe for other packages that validate raw nodes.
func Describe(n *yaml.Node) string { return describe(n) }

// DidYouMean returns ` (did you mean "x"?)` for the candidate closest to
// got, if one is close enough to be a likely typo, else "".
func DidYouMean(got string, candidates []string) string {
	if best := Closest(got, candidates); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// suggest is DidYouMeanText, else the known keys when they are few.
func suggest(got string, candidates []string) i18n.Text {
	if h := DidYouMeanText(got, candidates); h != (i18n.Text{}) {
		return h
	}
	if len(candidates) > 0 && len(candidates) <= 12 {
		return tf("suggest.known-keys", strings.Join(candidates, ", "))
	}
	return i18n.Text{}
}

// MaxSuggest is the longest value (in characters) a suggestion is looked
// for: a typo is in a short word; the work for a longer value (a 3 MB
// option, a 10 MB cell) would grow with its length times each candidate's.
const MaxSuggest = 64

// Closest returns the candidate nearest to got by edit distance, if it is
// near enough to be a likely typo, else "". Bounded: nothing for a value
// longer than MaxSuggest, and a candidate whose length alone puts it too
// far is skipped without computing the distance.
func Closest(got string, candidates []string) string {
	if utf8.RuneCountInString(got) > MaxSuggest {
		return ""
	}
	best, bestD := "", 1<<30
	g := []rune(strings.ToLower(got))
	limit := max(1, len(got)/3)
	for _, c := range candidates {
		cr := []rune(strings.ToLower(c))
		if abs(len(cr)-len(g)) > limit {
			continue
		}
		dist := levenshtein(g, cr)
		if dist < bestD {
			best, bestD = c, dist
		}
	}
	if bestD <= limit {
		return best
	}
	return ""
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// levenshtein is the optimal-string-alignment distance: insertions,
// deletions, substitutions and transpositions ("nmae" → "name") cost 1.
// It keeps three rows, not the whole matrix.
func levenshtein(ra, rb []rune) int {
	prev2 := make([]int, len(rb)+1) // row i-2
	prev := make([]int, len(rb)+1)  // row i-1
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// MaxEcho is how much of a value an error message repeats.
const MaxEcho = 60

// Echo is s quoted for an error message, cut to MaxEcho characters (with
// how long it was) so a huge value does not make a huge message.
func Echo(s string) string {
	if utf8.RuneCountInString(s) <= MaxEcho {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return fmt.Sprintf("%q… (%d characters)", string(r[:MaxEcho]), len(r))
}
