package textwrap

import (
	"slices"
	"testing"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"one two three", 7, []string{"one two", "three"}},
		{"one two three", 13, []string{"one two three"}},
		// Words are never split: dates, hyphenated words and addresses stay whole.
		{"op 27-11-2026 https://www.example.org/a/long/path open", 12, []string{"op", "27-11-2026", "https://www.example.org/a/long/path", "open"}},
		// Existing line breaks are kept; runs of spaces collapse.
		{"a  b\nc", 10, []string{"a b", "c"}},
		// Width counts what people see: é is one column, 漢 two.
		{"één twee", 8, []string{"één twee"}},
		{"漢字 ab", 5, []string{"漢字", "ab"}},
	}
	for _, tt := range tests {
		if got := Wrap(tt.text, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"Mensen & vaardigheden", 22, "Mensen & vaardigheden"},
		{"Mensen & vaardigheden", 10, "Mensen & …"},
		{"Technologie", 11, "Technologie"},
		{"Technologie", 5, "Tech…"},
		{"漢字漢字", 5, "漢字…"},
	}
	for _, tt := range tests {
		if got := Truncate(tt.s, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
