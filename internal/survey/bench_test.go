package survey

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/internal/synth"
)

var (
	benchOnce sync.Once
	benchData []byte
)

// benchFile is a survey export of DIGISCAN_BENCH_N respondents (default
// 10,000; scripts/perf-analyst.sh measures 100,000 and 1,000,000 from
// files), ; separated with a BOM and CRLF, as Dutch Excel saves it.
func benchFile(b *testing.B) []byte {
	benchOnce.Do(func() {
		n := synth.BenchN(10000)
		g := generator(b)
		g.Pool = 2000
		var buf bytes.Buffer
		if err := g.WriteSurvey(&buf, n, synth.SurveyFormat{Comma: ';', BOM: true, CRLF: true}); err != nil {
			b.Fatal(err)
		}
		g.Pool = 0
		benchData = buf.Bytes()
	})
	return benchData
}

var (
	benchLimeOnce, benchMapOnce sync.Once
	benchLime, benchForms       []byte
	benchMap                    *Map
)

// BenchmarkScoreTools: the LimeSurvey response export (answer codes,
// Y per option) and a Google-Forms-style export read through a map
// (labels, ", "-separated checkboxes), the same respondents as
// BenchmarkScore's file.
func BenchmarkScoreTools(b *testing.B) {
	n := synth.BenchN(10000)
	g := generator(b)
	benchLimeOnce.Do(func() { benchLime = limeSurveyResponses(b, n) })
	benchMapOnce.Do(func() {
		var y []byte
		benchForms, y = googleForms(b, n)
		m, err := LoadMap("map.yaml", y, g.Qn)
		if err != nil {
			b.Fatal(err)
		}
		benchMap = m
	})
	for _, bc := range []struct {
		name string
		data []byte
		opt  Options
	}{
		{"limesurvey", benchLime, Options{}},
		{"map", benchForms, Options{Map: benchMap}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			rows := 0
			cpu := cpuTime()
			for b.Loop() {
				sum, err := Score(context.Background(), bytes.NewReader(bc.data), g.Qn, g.Cat, bc.opt, io.Discard)
				if err != nil || sum.Skipped > 0 {
					b.Fatal(err, sum.Problems)
				}
				rows = sum.Rows
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*rows), "µs/row")
			reportCPU(b, cpu, rows)
		})
	}
}

// BenchmarkCSVRead is the bare encoding/csv read of the benchmark file:
// the yardstick of BenchmarkScore.
func BenchmarkCSVRead(b *testing.B) {
	data := benchFile(b)
	b.SetBytes(int64(len(data)))
	cpu, rows := cpuTime(), 0
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma, r.ReuseRecord = ';', true
		rows = -1 // the header
		for {
			if _, err := r.Read(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			rows++
		}
	}
	reportCPU(b, cpu, rows)
}

// BenchmarkScore: parse, check, score, refer and write every respondent
// (goal: 100,000 under 3 s), as CSV and as JSON Lines, and the checking
// pass of --strict alone.
func BenchmarkScore(b *testing.B) {
	data := benchFile(b)
	g := generator(b)
	for _, bc := range []struct {
		name string
		opt  Options
	}{
		{"csv", Options{}},
		{"jsonl", Options{Format: FormatJSONL}},
		{"strict-csv", Options{Strict: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			rows := 0
			cpu := cpuTime()
			for b.Loop() {
				sum, err := Score(context.Background(), bytes.NewReader(data), g.Qn, g.Cat, bc.opt, io.Discard)
				if err != nil || sum.Skipped > 0 {
					b.Fatal(err, sum.Problems)
				}
				rows = sum.Rows
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*rows), "µs/row")
			reportCPU(b, cpu, rows)
		})
	}
}

// cpuTime is the CPU time the process has used (user and system): a
// benchmark's cost per row that other work on a shared machine does not
// inflate as it does the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per row since start.
func reportCPU(b *testing.B, start time.Duration, rows int) {
	b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/1e3/float64(b.N*max(rows, 1)), "cpu-µs/row")
}
