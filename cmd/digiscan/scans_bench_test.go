package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/iostreams"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
)

// BenchmarkScansList: `scans list --all` over a store of synthetic scans
// (5,000; DIGISCAN_BENCH_N=100000 for the goal: ≤ 1 s), written to
// /dev/null as an unbuffered file, as a terminal or pipe would be.
func BenchmarkScansList(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "bench.db")
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	g, err := synth.New(1)
	if err != nil {
		b.Fatal(err)
	}
	g.Pool = 2000
	n := synth.BenchN(5000)
	if err := g.Fill(context.Background(), db, n); err != nil {
		b.Fatal(err)
	}
	db.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer null.Close()
	for _, args := range [][]string{{"--all"}, {}} {
		name := "default"
		if len(args) > 0 {
			name = "all"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				io, _, _, _ := iostreams.Test()
				io.Out = null
				if code := run(append([]string{"scans", "list", "--db", path}, args...), io); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64(n), "scans")
		})
	}
}
