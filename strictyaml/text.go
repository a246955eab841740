package strictyaml

import (
	_ "embed"
	"fmt"
	"strconv"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// strictyaml's own messages are in messages.yaml, in Dutch and English:
// an Error carries both (Text) and In shows the one asked for.

//go:embed messages.yaml
var messagesYAML []byte

// messages are read on the first error: a file without one pays nothing.
var messages = sync.OnceValue(func() map[string]i18n.Text {
	var m map[string]struct {
		NL string `yaml:"nl"`
		EN string `yaml:"en"`
	}
	if err := yaml.Unmarshal(messagesYAML, &m); err != nil {
		panic("strictyaml: messages.yaml: " + err.Error()) // embedded; the tests read it
	}
	t := make(map[string]i18n.Text, len(m))
	for k, v := range m {
		t[k] = i18n.Text{NL: v.NL, EN: v.EN}
	}
	return t
})

// tf is message key formatted with args in both languages; an argument
// that is an i18n.Text is put in the same language. An unknown key comes
// back as "[key]" (the tests catch it).
func tf(key string, args ...any) i18n.Text {
	m, ok := messages()[key]
	if !ok {
		return i18n.Text{NL: "[" + key + "]", EN: "[" + key + "]"}
	}
	return i18n.Text{NL: format(m.NL, i18n.NL, args), EN: format(m.EN, i18n.EN, args)}
}

func format(f string, l i18n.Lang, args []any) string {
	if len(args) == 0 {
		return f
	}
	in := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(i18n.Text); ok {
			in[i] = t.In(l)
		} else {
			in[i] = a
		}
	}
	return fmt.Sprintf(f, in...)
}

// errorAt is an Error with the message t (Msg is its English).
func errorAt(file string, line, col int, t i18n.Text) *Error {
	return &Error{File: file, Line: line, Col: col, Msg: t.EN, Text: t}
}

// describeText is describe in both languages.
func describeText(n *yaml.Node) i18n.Text {
	switch n.Kind {
	case yaml.MappingNode:
		return tf("found.mapping")
	case yaml.SequenceNode:
		return tf("found.list")
	case yaml.AliasNode:
		return tf("found.alias")
	}
	switch n.Tag {
	case "!!null":
		return tf("found.nothing")
	case "!!bool":
		return tf("found.bool", n.Value)
	case "!!int", "!!float":
		return tf("found.number", n.Value)
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:37] + "..."
	}
	q := strconv.Quote(v)
	return i18n.Text{NL: q, EN: q}
}

// DidYouMeanText is DidYouMean in both languages: ` (did you mean "x"?)`
// for a likely typo of a candidate, else the empty text.
func DidYouMeanText(got string, candidates []string) i18n.Text {
	if best := Closest(got, candidates); best != "" {
		return tf("suggest.did-you-mean", best)
	}
	return i18n.Text{}
}
