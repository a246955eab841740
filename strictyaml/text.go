package strictyaml

import (
	_ "embed"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// strictyaml's own messages are in messages.yaml, in Dutch and English:
// an Error carries both (Text) and In shows the one asked for.

//go:embed messages.yaml
var messagesYAML []byte

// tf is message key formatted with args in both languages; an argument
// that is an i18n.Text is put in the same language. An unknown key comes
// back as "[key]" (the tests catch it). The table is read on the first
// message: a run without one pays nothing.
var tf = i18n.Messages("strictyaml/messages.yaml", messagesYAML)

// errorAt is an Error with the message t (Msg is its English).
func errorAt(file string, line, col int, t i18n.Text) *Error {
	return &Error{File: file, Line: line, Col: col, Msg: t.EN, Text: t}
}

// DescribeText is Describe in both languages: what was found where
// something else was expected ("a list", "the number 3", "\"abc\"").
func DescribeText(n *yaml.Node) i18n.Text {
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
