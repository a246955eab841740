package i18n

import (
	"fmt"
	"sort"
)

// The UI chrome (headings, prompts, key help) lives in messages.yaml, in
// both languages; content (questions, programmes, advice) lives in the
// questionnaire and catalogue files instead. messages_gen.go holds the same
// messages as a sorted table, generated from the YAML by
// `go test ./i18n -update`, so no command pays for parsing YAML at start-up.
// TestMessagesGenerated fails when the table is out of date.

// message is one entry of the generated table.
type message struct {
	key    string
	nl, en string
}

func lookup(key string) (Text, bool) {
	i := sort.Search(len(generated), func(i int) bool { return generated[i].key >= key })
	if i < len(generated) && generated[i].key == key {
		return Text{NL: generated[i].nl, EN: generated[i].en}, true
	}
	return Text{}, false
}

// T returns the chrome message key in lang. An unknown key comes back as
// "[key]" so a missing translation is visible (and caught by the tests).
func T(l Lang, key string) string {
	t, ok := lookup(key)
	if !ok {
		return "[" + key + "]"
	}
	return t.In(l)
}

// Tf formats the chrome message key in lang with args (fmt verbs).
func Tf(l Lang, key string, args ...any) string {
	return fmt.Sprintf(T(l, key), args...)
}

// Has reports whether key exists (for tests).
func Has(key string) bool {
	_, ok := lookup(key)
	return ok
}
