// Package msg is digiscan's UI chrome in Dutch and English: headings,
// prompts, key help, status lines and error hints, looked up by key.
//
// The messages live in messages.yaml; content (questions, programmes,
// advice) lives in the questionnaire and catalogue files instead.
// messages_gen.go holds the same messages as a sorted table, made from the
// YAML by `go generate ./internal/msg`, so no command pays for parsing YAML
// at start-up.
package msg

//go:generate go run -tags generate ../generate messages

import (
	"fmt"
	"sort"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// message is one entry of the generated table.
type message struct {
	key    string
	nl, en string
}

func lookup(key string) (i18n.Text, bool) {
	i := sort.Search(len(generated), func(i int) bool { return generated[i].key >= key })
	if i < len(generated) && generated[i].key == key {
		return i18n.Text{NL: generated[i].nl, EN: generated[i].en}, true
	}
	return i18n.Text{}, false
}

// T returns the message key in lang. An unknown key comes back as "[key]"
// so a missing translation is visible (and caught by the tests).
func T(l i18n.Lang, key string) string {
	t, ok := lookup(key)
	if !ok {
		return "[" + key + "]"
	}
	return t.In(l)
}

// Tf formats the message key in lang with args (fmt verbs).
func Tf(l i18n.Lang, key string, args ...any) string {
	return fmt.Sprintf(T(l, key), args...)
}

// Has reports whether key exists (for tests).
func Has(key string) bool {
	_, ok := lookup(key)
	return ok
}
