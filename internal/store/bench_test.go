package store

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/scan"
)

var (
	municipalities = []string{"blaricum", "eemnes", "gooise-meren", "hilversum", "huizen", "laren", "wijdemeren", "outside-region"}
	sectors        = []string{"manufacturing", "retail", "wholesale", "hospitality", "construction", "media", "ict", "health", "agri", "business-services"}
	sizes          = []string{"zzp", "micro", "small", "medium", "large"}
	modes          = []string{scan.ModeAdvisor, scan.ModeSelf, scan.ModeSurvey}
)

// genResult varies the mini result: one scan in five is a re-scan of an
// earlier company, one in four has no company.
func genResult(tb testing.TB, prefix string, i int) *scan.Result {
	_, base := mini(tb)
	r := *base
	r.ID = fmt.Sprintf("%s-%08d", prefix, i)
	r.CreatedAt = base.CreatedAt.Add(-time1(i))
	r.AsOf = r.AsOf.AddDays(-i / 200)
	r.Profile.Municipality = municipalities[i%len(municipalities)]
	r.Profile.Sector = sectors[(i/3)%len(sectors)]
	r.Profile.Size = sizes[(i/7)%len(sizes)]
	r.Mode = modes[(i/11)%len(modes)]
	r.Quadrant = quadrants[(i/2)%len(quadrants)]
	r.Impact = float64(i % 101)
	r.Consents = map[string]scan.Consent{
		"statistics": {Given: i%10 != 0, TextVersion: "1"},
		"follow_up":  {Given: i%3 != 0, TextVersion: "1"},
		"handover":   {Given: i%4 == 0, TextVersion: "1"},
	}
	switch {
	case i%4 == 3:
		r.Company = nil
	case i%5 == 0 && i > 0:
		r.Company = &scan.Company{Name: "Bedrijf " + strconv.Itoa(i/2), KVK: fmt.Sprintf("%08d", 10000000+i/2)}
	default:
		r.Company = &scan.Company{Name: "Bedrijf " + strconv.Itoa(i), KVK: fmt.Sprintf("%08d", 10000000+i)}
	}
	return &r
}

func time1(i int) time.Duration { return time.Duration(i) * time.Minute }

// fill stores n generated scans quickly: one transaction (the data path of
// SaveScan without a commit per scan).
func fill(tb testing.TB, db *DB, n int) {
	tb.Helper()
	ctx := context.Background()
	const batch = 10000
	for start := 0; start < n; start += batch {
		err := db.write(ctx, "fill", func(tx *txn) error {
			for i := start; i < min(start+batch, n); i++ {
				s := fromResult(genResult(tb, "20261127", i))
				data, err := encodeResult(s)
				if err != nil {
					return err
				}
				if _, err := insertScan(ctx, tx, s.resultAlias, data, "2026-11-27T00:00:00.000000000Z"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

func BenchmarkSaveScan(b *testing.B) {
	db := openTest(b)
	fill(b, db, 10000) // not an empty database
	ctx := context.Background()
	i := 10000
	for b.Loop() {
		if err := db.SaveScan(ctx, genResult(b, "20261128", i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// benchDB is a database of n generated scans, made once per size.
var benchDBs = map[int]string{}

func benchDB(b *testing.B, n int) *DB {
	path, ok := benchDBs[n]
	if !ok {
		dir, err := os.MkdirTemp("", "digiscan-bench-")
		if err != nil {
			b.Fatal(err)
		}
		path = filepath.Join(dir, "digiscan.db")
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		fill(b, db, n)
		db.Close()
		benchDBs[n] = path
	}
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// peakHeap samples the heap while fn runs (every 1000 rows) and reports the peak.
type peakHeap struct {
	n    int
	peak uint64
	ms   runtime.MemStats
}

func (p *peakHeap) sample() {
	if p.n++; p.n%1000 == 0 {
		runtime.ReadMemStats(&p.ms)
		p.peak = max(p.peak, p.ms.HeapInuse)
	}
}

// BenchmarkEach iterates 100,000 stored scans (STORE_BENCH_N=1000000 for
// a million: time grows linearly, the peak heap stays flat).
func BenchmarkEach(b *testing.B) {
	n := 100000
	if s := os.Getenv("STORE_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	for _, bc := range []struct {
		name string
		f    Filter
	}{
		{"all-with-json", Filter{}},
		{"all-columns-only", Filter{NoJSON: true}},
		{"all-columns-only-any-order", Filter{NoJSON: true, AnyOrder: true}},
		{"stats-latest-consented", Filter{NoJSON: true, LatestPerCompany: true, StatisticsConsent: true, AnyOrder: true}},
		{"municipality-since", Filter{Municipality: []string{"hilversum"}, Since: genResult(b, "x", n/2).AsOf}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			db := benchDB(b, n)
			ctx := context.Background()
			var p peakHeap
			rows := 0
			for b.Loop() {
				rows = 0
				if err := db.Each(ctx, bc.f, func(r *Record) error { rows++; p.sample(); return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(p.peak)/(1<<20), "peak-heap-MB")
		})
	}
}

func BenchmarkExportJSONL(b *testing.B) {
	db := benchDB(b, 100000)
	ctx := context.Background()
	for b.Loop() {
		if _, err := db.ExportJSONL(ctx, Filter{}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImport(b *testing.B) {
	n := 100000
	if s := os.Getenv("STORE_BENCH_IMPORT_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	data := jsonl(b, n, func(i int) *scan.Result { return genResult(b, "20261129", i) })
	b.SetBytes(int64(len(data)))
	ctx := context.Background()
	for b.Loop() {
		db, err := Open(filepath.Join(b.TempDir(), "digiscan.db"))
		if err != nil {
			b.Fatal(err)
		}
		st, err := db.Import(ctx, bytes.NewReader(data), ImportOptions{})
		if err != nil || st.Added != n {
			b.Fatalf("%+v %v", st, err)
		}
		db.Close()
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, p := range benchDBs {
		os.RemoveAll(filepath.Dir(p))
	}
	os.Exit(code)
}

// BenchmarkSaveScans is batch scoring with --save: 10,000 results a run.
func BenchmarkSaveScans(b *testing.B) {
	db := openTest(b)
	ctx := context.Background()
	run := 0
	for b.Loop() {
		prefix := fmt.Sprintf("2026%04d", run)
		n, err := db.SaveScans(ctx, func(yield func(*scan.Result) bool) {
			for i := range 10000 {
				if !yield(genResult(b, prefix, i)) {
					return
				}
			}
		})
		if err != nil || n != 10000 {
			b.Fatal(n, err)
		}
		run++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(run*10000), "µs/scan")
}
