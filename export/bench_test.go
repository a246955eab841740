package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/synth"
	"github.com/gooivechtstreek/digiscan/store"
)

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchN is the number of stored scans of the benchmarks:
// DIGISCAN_BENCH_N (default 5,000; scripts/perf-analyst.sh measures
// 100,000 and 1,000,000 in a process of their own).
func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("DIGISCAN_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 5000
}

// benchDB is a database of realistic synthetic scans (scored with the
// embedded questionnaire, referred with the embedded catalogue), made once.
func benchDB(b *testing.B) *store.DB {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "digiscan-export-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "bench.db")
		db, err := store.Open(benchPath)
		if err != nil {
			benchErr = err
			return
		}
		g, err := synth.New(1)
		if err != nil {
			benchErr = err
			return
		}
		g.Pool = 2000
		benchErr = g.Fill(context.Background(), db, benchN())
		db.Close()
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	db, err := store.Open(benchPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchPath != "" {
		os.RemoveAll(filepath.Dir(benchPath))
	}
	os.Exit(code)
}

// BenchmarkExport: every format over the stored scans (µs/scan reported;
// goal for CSV: 100,000 scans under 3 s).
func BenchmarkExport(b *testing.B) {
	db := benchDB(b)
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
					sum, err := Write(ctx, db, f, io.Discard, Options{Anonymize: anon})
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
	db := benchDB(b)
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
