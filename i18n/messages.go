package i18n

import (
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Messages reads a table of messages in both languages, a YAML mapping of
// key to {nl: …, en: …} embedded in a package, and returns the function
// that formats one: the message key with args in both languages, an
// argument that is itself a Text put in the same language. The table is
// read on the first message, so a run without one pays nothing. An
// unknown key comes back as "[key]" (the packages' tests catch it); name
// is the table's file, for the panic of a table that does not parse
// (embedded, so its package's tests read it first).
func Messages(name string, data []byte) func(key string, args ...any) Text {
	table := sync.OnceValue(func() map[string]Text {
		t, err := MessageTable(data)
		if err != nil {
			panic(name + ": " + err.Error())
		}
		return t
	})
	return func(key string, args ...any) Text {
		m, ok := table()[key]
		if !ok {
			return Text{NL: "[" + key + "]", EN: "[" + key + "]"}
		}
		return Text{NL: formatIn(m.NL, NL, args), EN: formatIn(m.EN, EN, args)}
	}
}

// MessageTable reads a table of messages (see Messages); the packages'
// tests check it with this.
func MessageTable(data []byte) (map[string]Text, error) {
	var m map[string]struct {
		NL string `yaml:"nl"`
		EN string `yaml:"en"`
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	t := make(map[string]Text, len(m))
	for k, v := range m {
		t[k] = Text{NL: v.NL, EN: v.EN}
	}
	return t, nil
}

func formatIn(f string, l Lang, args []any) string {
	if len(args) == 0 {
		return f
	}
	in := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(Text); ok {
			in[i] = t.In(l)
		} else {
			in[i] = a
		}
	}
	return fmt.Sprintf(f, in...)
}
