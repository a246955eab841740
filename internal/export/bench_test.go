package export

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
)

// benchData holds DIGISCAN_BENCH_N synthetic scans (default 5,000), made
// once.
var benchData synth.BenchDB

func TestMain(m *testing.M) {
	code := m.Run()
	benchData.Remove()
	os.Exit(code)
}

// BenchmarkExport: every format over the stored scans (µs/scan reported;
// goal for CSV: 100,000 scans under 3 s).
func BenchmarkExport(b *testing.B) {
	db := benchData.Open(b)
	ctx := context.Background()
	for _, f := range Formats {
		for _, anon := range []bool{false, true} {
			name := f
			if anon {
				name += "-anonymized"
			}
			b.Run(name, func(b *testing.B) {
				n := 0
				for b.Loop() {
					k := 0 // CSV and XLSX: k = 5
					if f == FormatJSON || f == FormatDMA {
						k = 1 // they cannot generalise
					}
					sum, err := Write(ctx, db, f, io.Discard, Options{Anonymize: anon, K: k})
					if err != nil {
						b.Fatal(err)
					}
					n = sum.Scans
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/scan")
			})
		}
	}
}

// BenchmarkReadFloor: reading the stored JSON alone, the floor of an export.
func BenchmarkReadFloor(b *testing.B) {
	db := benchData.Open(b)
	ctx := context.Background()
	n := 0
	for b.Loop() {
		n = 0
		if err := db.EachRaw(ctx, store.Filter{}, store.RawOptions{LatestFollowUp: true}, func(*store.Raw) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/scan")
}
