// Package golit writes a Go value as Go source: one composite literal
// that builds the same value. The built-in questionnaire and catalogue are
// compiled into the binary this way (by internal/generate, run by go
// generate), so that starting a scan decodes no YAML or JSON at all
// (reflection-based decoding cost every scan several milliseconds, most of
// it building type information on first use).
//
// It covers what those models hold: structs, pointers, slices, maps with
// ordered keys, strings, booleans and numbers, and values that implement
// fmt.GoStringer (such as date.Date). Zero fields are left out; fields the
// caller skips (positions in the YAML, say) are never written.
package golit

import (
	"cmp"
	"fmt"
	"go/format"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// File is Go source for one package with values written into it.
type File struct {
	pkgPath string
	// Skip leaves a struct field out (besides unexported ones).
	Skip    func(reflect.StructField) bool
	imports map[string]bool
	b       strings.Builder
}

// NewFile starts a file of package pkgPath.
func NewFile(pkgPath string) *File {
	return &File{pkgPath: pkgPath, imports: map[string]bool{}}
}

// Raw adds source text as it is.
func (f *File) Raw(s string) { f.b.WriteString(s) }

// Value adds the literal of v.
func (f *File) Value(v any) error { return f.value(reflect.ValueOf(v), false) }

// Source is the formatted file: header, package clause, imports, body.
func (f *File) Source(header string) ([]byte, error) {
	var src strings.Builder
	src.WriteString(header)
	fmt.Fprintf(&src, "package %s\n\n", path.Base(f.pkgPath))
	if len(f.imports) > 0 {
		src.WriteString("import (\n")
		for _, p := range slices.Sorted(maps.Keys(f.imports)) {
			fmt.Fprintf(&src, "\t%q\n", p)
		}
		src.WriteString(")\n\n")
	}
	src.WriteString(f.b.String())
	out, err := format.Source([]byte(src.String()))
	if err != nil {
		return nil, fmt.Errorf("golit: generated source does not parse: %w", err)
	}
	return out, nil
}

var goStringer = reflect.TypeFor[fmt.GoStringer]()

// value writes v; elided: the type may be left out (an element of a
// slice or map literal).
func (f *File) value(v reflect.Value, elided bool) error {
	t := v.Type()
	if t.Implements(goStringer) && (t.Kind() != reflect.Pointer || !v.IsNil()) {
		f.use(t)
		f.b.WriteString(v.Interface().(fmt.GoStringer).GoString())
		return nil
	}
	switch t.Kind() {
	case reflect.Bool:
		f.b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.typed(t, strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		f.typed(t, strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		f.typed(t, strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.String:
		f.typed(t, strconv.Quote(v.String()))
	case reflect.Pointer:
		if v.IsNil() {
			f.b.WriteString("nil")
			return nil
		}
		if t.Elem().Kind() == reflect.Struct {
			if !elided {
				f.b.WriteString("&")
			}
			return f.value(v.Elem(), elided)
		}
		// new(expr) (Go 1.26): a pointer to a number or string.
		f.b.WriteString("new(")
		f.b.WriteString(f.typeName(t.Elem()))
		f.b.WriteString("(")
		if err := f.value(v.Elem(), false); err != nil {
			return err
		}
		f.b.WriteString("))")
	case reflect.Slice:
		if v.IsNil() {
			f.b.WriteString("nil")
			return nil
		}
		if !elided {
			f.b.WriteString(f.typeName(t))
		}
		f.b.WriteString("{")
		for i := range v.Len() {
			if i > 0 {
				f.b.WriteString(", ")
			}
			if err := f.value(v.Index(i), elidable(t.Elem())); err != nil {
				return err
			}
		}
		f.b.WriteString("}")
	case reflect.Map:
		if v.IsNil() {
			f.b.WriteString("nil")
			return nil
		}
		if !elided {
			f.b.WriteString(f.typeName(t))
		}
		f.b.WriteString("{\n")
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			if err := f.value(k, elidable(t.Key())); err != nil {
				return err
			}
			f.b.WriteString(": ")
			if err := f.value(v.MapIndex(k), elidable(t.Elem())); err != nil {
				return err
			}
			f.b.WriteString(",\n")
		}
		f.b.WriteString("}")
	case reflect.Struct:
		if !elided {
			f.b.WriteString(f.typeName(t))
		}
		f.b.WriteString("{")
		first := true
		for i := range t.NumField() {
			sf := t.Field(i)
			fv := v.Field(i)
			if !sf.IsExported() || fv.IsZero() || (f.Skip != nil && f.Skip(sf)) {
				continue
			}
			if first {
				f.b.WriteString("\n")
				first = false
			}
			f.b.WriteString(sf.Name)
			f.b.WriteString(": ")
			if err := f.value(fv, false); err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name(), sf.Name, err)
			}
			f.b.WriteString(",\n")
		}
		f.b.WriteString("}")
	default:
		return fmt.Errorf("golit: cannot write a %s", t)
	}
	return nil
}

// typed writes a basic literal, converted when its type is a named one.
func (f *File) typed(t reflect.Type, lit string) {
	if t.PkgPath() == "" {
		f.b.WriteString(lit)
		return
	}
	f.b.WriteString(f.typeName(t) + "(" + lit + ")")
}

// elidable: a composite literal element of this type may leave it out.
func elidable(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && !t.Implements(goStringer) ||
		t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && !t.Implements(goStringer)
}

// qualified matches the package paths inside a generic type's name:
// Keyed[*github.com/x/y/referral.TierAdvice].
var qualified = regexp.MustCompile(`([\w.\-]+(?:/[\w.\-]+)+)\.(\w+)`)

// typeName is t as written in the file's package.
func (f *File) typeName(t reflect.Type) string {
	if t.Name() == "" {
		switch t.Kind() {
		case reflect.Pointer:
			return "*" + f.typeName(t.Elem())
		case reflect.Slice:
			return "[]" + f.typeName(t.Elem())
		case reflect.Map:
			return "map[" + f.typeName(t.Key()) + "]" + f.typeName(t.Elem())
		}
		return t.String()
	}
	name := qualified.ReplaceAllStringFunc(t.Name(), func(m string) string {
		s := qualified.FindStringSubmatch(m)
		return f.qualify(s[1], s[2])
	})
	return f.qualify(t.PkgPath(), name)
}

// qualify names name of package pkgPath from the file's package.
func (f *File) qualify(pkgPath, name string) string {
	if pkgPath == "" || pkgPath == f.pkgPath {
		return name
	}
	f.imports[pkgPath] = true
	return path.Base(pkgPath) + "." + name
}

// use records the import a GoString result needs.
func (f *File) use(t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if p := t.PkgPath(); p != "" && p != f.pkgPath {
		f.imports[p] = true
	}
}

// Case is what a generated function returns for one name.
type Case struct {
	Name   string
	Values []any // one per result of the function
}

// Switch is the source of a generated file of package pkgPath holding one
// function: signature (with named results) and a body that returns, for
// each case's name, its values, built only when called; any other name
// returns the zero values:
//
//	func compiledBuiltin(name string) (qn *Questionnaire, hash string) {
//		switch name {
//		case "intake":
//			return &Questionnaire{...}, "sha256:..."
//		}
//		return
//	}
//
// header comes first (the "Code generated" line, a build constraint); skip
// leaves struct fields out (besides unexported ones).
func Switch(pkgPath, header, signature string, cases []Case, skip func(reflect.StructField) bool) ([]byte, error) {
	f := NewFile(pkgPath)
	f.Skip = skip
	f.Raw(signature + " {\n\tswitch name {\n")
	for _, c := range cases {
		f.Raw(fmt.Sprintf("\tcase %q:\n\t\treturn ", c.Name))
		for i, v := range c.Values {
			if i > 0 {
				f.Raw(", ")
			}
			if err := f.Value(v); err != nil {
				return nil, fmt.Errorf("%s: %w", c.Name, err)
			}
		}
		f.Raw("\n")
	}
	f.Raw("\t}\n\treturn\n}\n")
	return f.Source(header)
}
