package strictyaml

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// fullOSA is the whole-matrix optimal-string-alignment distance, the
// reference for the three-row levenshtein.
func fullOSA(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// Property: the two-row distance equals the full matrix's on random words.
func TestLevenshteinProperty(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]rune, rnd.IntN(9))
		for i := range b {
			b[i] = []rune("abcé-")[rnd.IntN(5)]
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		if got, want := levenshtein([]rune(a), []rune(b)), fullOSA(a, b); got != want {
			t.Fatalf("levenshtein(%q, %q) = %d, want %d", a, b, got, want)
		}
	}
}

func TestClosestBounded(t *testing.T) {
	known := []string{"retail", "manufacturing", "hospitality", "construction"}
	for got, want := range map[string]string{
		"retial":                                 "retail",
		"Manufacturng":                           "manufacturing",
		"piracy":                                 "",
		strings.Repeat("r", 3<<20):               "", // a 3 MB value: no suggestion, no matrix
		strings.Repeat("retail", MaxSuggest/6+1): "",
	} {
		if c := Closest(got, known); c != want {
			t.Errorf("Closest(%.20q…) = %q, want %q", got, c, want)
		}
	}
}

func TestEcho(t *testing.T) {
	if got := Echo("piracy"); got != `"piracy"` {
		t.Errorf("Echo = %s", got)
	}
	long := Echo(strings.Repeat("é", 3<<20))
	if utf8.RuneCountInString(long) > MaxEcho+40 || !strings.HasSuffix(long, "… (3145728 characters)") {
		t.Errorf("Echo of 3 MB = %.100s (%d)", long, len(long))
	}
}

// BenchmarkDidYouMeanHuge is a 3 MB unknown option against the sectors:
// it was 7 s and 900 MB with the full matrix.
func BenchmarkDidYouMeanHuge(b *testing.B) {
	got := strings.Repeat("x", 3<<20)
	known := []string{"retail", "manufacturing", "hospitality", "construction", "business-services"}
	b.ReportAllocs()
	for b.Loop() {
		DidYouMean(got, known)
	}
}

func BenchmarkDidYouMeanTypo(b *testing.B) {
	known := []string{"retail", "manufacturing", "hospitality", "construction", "business-services"}
	b.ReportAllocs()
	for b.Loop() {
		DidYouMean("manufacturnig", known)
	}
}
