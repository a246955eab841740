package synth

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/store"
)

// BenchN is how many scans or rows the benchmarks use: DIGISCAN_BENCH_N
// when set (scripts/perf-analyst.sh measures 100,000 and 1,000,000), else
// def.
func BenchN(def int) int {
	if n, err := strconv.Atoi(os.Getenv("DIGISCAN_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return def
}

// BenchDB is a database of synthetic scans for benchmarks, made once per
// process in a temporary directory that Remove deletes.
type BenchDB struct {
	once sync.Once
	path string
	err  error
}

// Open opens the database for a benchmark, closed when it ends, filling
// it with BenchN(5000) realistic scans (scored with the embedded
// questionnaire, referred with the embedded catalogue) the first time.
func (d *BenchDB) Open(tb testing.TB) *store.DB {
	tb.Helper()
	d.once.Do(func() {
		dir, err := os.MkdirTemp("", "digiscan-bench-")
		if err != nil {
			d.err = err
			return
		}
		d.path = filepath.Join(dir, "bench.db")
		db, err := store.Open(d.path)
		if err != nil {
			d.err = err
			return
		}
		defer db.Close()
		g, err := New(1)
		if err != nil {
			d.err = err
			return
		}
		g.Pool = 2000
		d.err = g.Fill(context.Background(), db, BenchN(5000))
	})
	if d.err != nil {
		tb.Fatal(d.err)
	}
	db, err := store.Open(d.path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Remove deletes the database, if one was made.
func (d *BenchDB) Remove() {
	if d.path != "" {
		os.RemoveAll(filepath.Dir(d.path))
	}
}
