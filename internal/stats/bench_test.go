package stats

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/synth"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// benchData holds DIGISCAN_BENCH_N synthetic scans (default 5,000), made
// once.
var benchData synth.BenchDB

func TestMain(m *testing.M) {
	code := m.Run()
	benchData.Remove()
	os.Exit(code)
}

// BenchmarkCompute: the whole report over the stored scans, rendered
// (goal: 100,000 scans under 1 s).
func BenchmarkCompute(b *testing.B) {
	db := benchData.Open(b)
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	n := 0
	for b.Loop() {
		rep, err := Compute(ctx, db, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := rep.WriteText(io.Discard, RenderOptions{Questionnaire: qn}); err != nil {
			b.Fatal(err)
		}
		n = rep.N
	}
	b.ReportMetric(float64(n), "businesses")
}

// BenchmarkWriteHTML: the regional page of a computed report.
func BenchmarkWriteHTML(b *testing.B) {
	db := benchData.Open(b)
	qn, _ := q.Builtin(q.DefaultName)
	rep, err := Compute(context.Background(), db, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := rep.WriteHTML(io.Discard, HTMLOptions{RenderOptions: RenderOptions{Questionnaire: qn}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPeers: businesses like yours over the stored scans (once per
// hand-over report).
func BenchmarkPeers(b *testing.B) {
	db := benchData.Open(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := Peers(ctx, db, PeerQuery{ScanID: "none", Sector: "retail", Size: "micro", Quadrant: "most-to-gain"}); err != nil {
			b.Fatal(err)
		}
	}
}
