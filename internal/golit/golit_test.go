package golit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
)

type Kind string

type Leaf struct {
	ID    string
	Label i18n.Text
}

type Pair[T any] struct{ Items map[string]T }

type Tree struct {
	Name     string
	Kind     Kind
	Weight   *float64
	Count    int
	Flags    uint64
	Ok       bool
	Leaves   []*Leaf
	Values   []Leaf
	Tags     []string
	Empty    []string
	Scores   map[string]float64
	Until    date.Date
	Pairs    Pair[*Leaf]
	Pos      int `json:"-"`
	private  int
	Nothing  *Leaf
	Children []*Tree
}

func TestSource(t *testing.T) {
	w := 0.5
	v := &Tree{
		Name: "a \"quoted\" name", Kind: "k", Weight: &w, Count: -3, Flags: 1 << 40, Ok: true,
		Leaves: []*Leaf{{ID: "x", Label: i18n.Text{NL: "ja", EN: "yes"}}},
		Values: []Leaf{{ID: "y"}},
		Tags:   []string{"b", "a"}, Empty: []string{},
		Scores: map[string]float64{"z": 1, "a": 2.25},
		Until:  date.New(2027, 1, 31),
		Pairs:  Pair[*Leaf]{Items: map[string]*Leaf{"p": {ID: "p"}}},
		Pos:    7, private: 9,
		Children: []*Tree{{Name: "child"}},
	}
	src, err := Switch("github.com/gooivechtstreek/digiscan/internal/golit", "// Code generated; DO NOT EDIT.\n\n",
		"func tree(name string) (t *Tree, size int)", []Case{{"tree", []any{v, 3}}, {"other", []any{&Tree{}, 0}}},
		func(sf reflect.StructField) bool { return sf.Tag.Get("json") == "-" })
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") } // gofmt aligns
	got := norm(string(src))
	for _, want := range []string{
		"// Code generated; DO NOT EDIT.\n\npackage golit\n",
		"\"github.com/gooivechtstreek/digiscan/date\"",
		"\"github.com/gooivechtstreek/digiscan/i18n\"",
		"func tree(name string) (t *Tree, size int) {\n\tswitch name {\n\tcase \"tree\":\n\t\treturn &Tree{",
		"}, 3\n",
		"case \"other\":\n\t\treturn &Tree{}, 0\n\t}\n\treturn\n}",
		`Name:   "a \"quoted\" name",`,
		`Kind:   Kind("k"),`,
		"Weight: new(float64(0.5)),",
		"Count:  -3,",
		"Flags:  1099511627776,",
		"Ok:     true,",
		"Leaves: []*Leaf{{\n", // pointer elements elided
		"Label: i18n.Text{",
		"Values: []Leaf{{\n",
		`Tags:   []string{"b", "a"},`,
		"Empty:  []string{},",
		"Scores: map[string]float64{\n\t\t\t\t\"a\": 2.25,\n\t\t\t\t\"z\": 1,",
		"Until:  date.New(2027, 1, 31),",
		"Pairs: Pair[*Leaf]{",
		"Items: map[string]*Leaf{\n",
		"Children: []*Tree{{\n",
		`Name: "child",`,
	} {
		if !strings.Contains(got, norm(want)) {
			t.Errorf("missing %q in:\n%s", want, src)
		}
	}
	for _, not := range []string{"Pos:", "private", "Nothing", "Until: date.Date{}"} {
		if strings.Contains(got, norm(not)) {
			t.Errorf("%q written:\n%s", not, src)
		}
	}
}

func TestUnsupported(t *testing.T) {
	f := NewFile("example.com/p")
	if err := f.Value(struct{ C chan int }{make(chan int)}); err == nil || !strings.Contains(err.Error(), "chan int") {
		t.Errorf("a channel: %v", err)
	}
}
