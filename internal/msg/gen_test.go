package msg

import (
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// parseYAML reads messages.yaml, the source of the generated table.
func parseYAML(t testing.TB) map[string]i18n.Text {
	data, err := os.ReadFile("messages.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]i18n.Text
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("messages.yaml: %v", err)
	}
	return m
}

// The generated table (messages_gen.go, made by go generate) holds exactly
// the messages of messages.yaml, sorted by key for the binary search.
func TestMessagesGenerated(t *testing.T) {
	m := parseYAML(t)
	if len(generated) != len(m) {
		t.Errorf("messages_gen.go has %d messages, messages.yaml %d: run go generate ./internal/msg", len(generated), len(m))
	}
	if !slices.IsSortedFunc(generated[:], func(a, b message) int { return strings.Compare(a.key, b.key) }) {
		t.Error("messages_gen.go is not sorted by key: run go generate ./internal/msg")
	}
	for _, g := range generated {
		if y, ok := m[g.key]; !ok || y.NL != g.nl || y.EN != g.en {
			t.Errorf("%s: messages_gen.go says %q/%q, messages.yaml %q/%q: run go generate ./internal/msg", g.key, g.nl, g.en, y.NL, y.EN)
		}
	}
}

// BenchmarkLookup: a message lookup from the generated table.
func BenchmarkLookup(b *testing.B) {
	for b.Loop() {
		T(i18n.NL, "cmd.scan.short")
	}
}
