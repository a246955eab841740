package i18n

import (
	_ "embed"
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"
)

// messages.yaml holds the UI chrome (headings, prompts, key help) in both
// languages; content (questions, programmes, advice) lives in the
// questionnaire and catalogue files instead.
//
//go:embed messages.yaml
var messagesYAML []byte

var (
	catalogOnce sync.Once
	catalog     map[string]Text
)

func messages() map[string]Text {
	catalogOnce.Do(func() {
		if err := yaml.Unmarshal(messagesYAML, &catalog); err != nil {
			panic("i18n: messages.yaml: " + err.Error()) // embedded; caught by the tests
		}
	})
	return catalog
}

// T returns the chrome message key in lang. An unknown key comes back as
// "[key]" so a missing translation is visible (and caught by the tests).
func T(l Lang, key string) string {
	t, ok := messages()[key]
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
	_, ok := messages()[key]
	return ok
}

// Keys lists every message key (for tests).
func Keys() []string {
	var ks []string
	for k := range messages() {
		ks = append(ks, k)
	}
	return ks
}
