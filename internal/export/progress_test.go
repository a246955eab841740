package export

import (
	"context"
	"slices"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/synth"
)

// TestProgress: every format tells Options.Progress of the scans written,
// every 256, counting up.
func TestProgress(t *testing.T) {
	db := openStore(t)
	g, err := synth.New(5)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Fill(context.Background(), db, 600); err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats {
		var got []int
		exportBytes(t, db, format, Options{Progress: func(n int) { got = append(got, n) }})
		if !slices.Equal(got, []int{256, 512}) {
			t.Errorf("%s: progress %v, want [256 512]", format, got)
		}
	}
}
