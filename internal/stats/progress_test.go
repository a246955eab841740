package stats

import (
	"context"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/synth"
)

// TestProgress: Compute tells Options.Progress how many scans it has
// read, every 256, counting up.
func TestProgress(t *testing.T) {
	db := openStore(t)
	g, err := synth.New(3)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := g.Fill(ctx, db, 1200); err != nil {
		t.Fatal(err)
	}
	var got []int
	if _, err := Compute(ctx, db, Options{Progress: func(n int) { got = append(got, n) }}); err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no progress")
	}
	for i, n := range got {
		if n != 256*(i+1) {
			t.Fatalf("progress %v: not every 256", got)
		}
	}
}
