// Command perfanalyst generates data for and times the analyst functions
// of digiscan (export, stats, survey) in a fresh process each, printing
// the wall time and the peak resident memory. scripts/perf-analyst.sh
// runs it; see there.
//
//	perfanalyst gen-db -n 100000 -o scans.db
//	perfanalyst gen-survey -n 100000 -o survey.csv
//	perfanalyst export -db scans.db [-format csv]
//	perfanalyst stats -db scans.db
//	perfanalyst score -in survey.csv [-format csv|jsonl]
//	perfanalyst csvread -in survey.csv
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gooivechtstreek/digiscan/internal/export"
	"github.com/gooivechtstreek/digiscan/internal/safefile"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: perfanalyst gen-db|gen-survey|export|stats|score|csvread [flags]")
		os.Exit(2)
	}
	cmd, args := os.Args[1], os.Args[2:]
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	n := fs.Int("n", 100000, "how many scans or respondents")
	out := fs.String("o", os.DevNull, "output file")
	in := fs.String("in", "", "input file")
	dbPath := fs.String("db", "", "database")
	format := fs.String("format", "csv", "output format")
	semicolon := fs.Bool("semicolon", false, "survey: ; separated, BOM, CRLF (a Dutch Excel export)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to this file")
	fs.Parse(args)
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "perfanalyst:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	mem := sampleMemory()
	start := time.Now()
	rows, err := run(ctx, cmd, *n, *out, *in, *dbPath, *format, *semicolon)
	elapsed := time.Since(start)
	if !measured.start.IsZero() {
		elapsed = measured.end.Sub(measured.start)
	}
	anon, heap := mem()
	if err != nil {
		fmt.Fprintln(os.Stderr, "perfanalyst:", err)
		os.Exit(1)
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("%s\trows=%d\ttime=%.3fs\tµs/row=%.2f\tpeak-rss=%.1fMB\tpeak-rss-anon=%.1fMB\tpeak-heap=%.1fMB\n", cmd, rows, elapsed.Seconds(),
		float64(elapsed.Microseconds())/float64(max(rows, 1)), float64(ru.Maxrss)/1024, anon, heap)
}

// sampleMemory samples, every 10 ms until the returned function is
// called, the resident anonymous memory (RssAnon: the process's own
// memory, without the database file SQLite maps into it, which counts in
// the resident set but is page cache) and the Go heap in use; the
// function returns both peaks in MB.
func sampleMemory() func() (anon, heap float64) {
	var peakAnon, peakHeap uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		a := rssAnon()
		mu.Lock()
		peakAnon, peakHeap = max(peakAnon, a), max(peakHeap, ms.HeapInuse)
		mu.Unlock()
	}
	go func() {
		defer close(done)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() (float64, float64) {
		close(stop)
		<-done
		sample()
		mu.Lock()
		defer mu.Unlock()
		return float64(peakAnon) / (1 << 20), float64(peakHeap) / (1 << 20)
	}
}

// rssAnon reads RssAnon from /proc/self/status (0 where there is none).
func rssAnon() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "RssAnon:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// measured is the part of a run that is timed, when the command marks it
// (the function under test, without opening and closing the database).
var measured struct{ start, end time.Time }

func begin() { measured.start = time.Now() }
func end()   { measured.end = time.Now() }

func run(ctx context.Context, cmd string, n int, out, in, dbPath, format string, semicolon bool) (int, error) {
	switch cmd {
	case "gen-db":
		g, err := synth.New(1)
		if err != nil {
			return 0, err
		}
		g.Pool, g.N = 2000, n
		db, err := store.Open(out)
		if err != nil {
			return 0, err
		}
		defer db.Close()
		return n, g.Fill(ctx, db, n)
	case "gen-survey":
		g, err := synth.New(2)
		if err != nil {
			return 0, err
		}
		g.Pool = 2000
		f, err := os.Create(out)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		sf := synth.SurveyFormat{Comma: ','}
		if semicolon {
			sf = synth.SurveyFormat{Comma: ';', BOM: true, CRLF: true}
		}
		return n, g.WriteSurvey(f, n, sf)
	case "export":
		db, err := store.Open(dbPath)
		if err != nil {
			return 0, err
		}
		defer db.Close()
		var sum export.Summary
		begin()
		err = safefile.Write(out, func(w io.Writer) error {
			var err error
			sum, err = export.Write(ctx, db, format, w, export.Options{})
			return err
		})
		end()
		return sum.Scans, err
	case "readraw": // the floor of an export: reading the JSON in Filter order
		db, err := store.Open(dbPath)
		if err != nil {
			return 0, err
		}
		defer db.Close()
		rows := 0
		begin()
		err = db.EachRaw(ctx, store.Filter{}, store.RawOptions{LatestFollowUp: format == "followup"}, func(*store.Raw) error { rows++; return nil })
		end()
		return rows, err
	case "csvread":
		f, err := os.Open(in)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		// The same file score reads: its separator (a Dutch Excel export
		// has ;) found from the header, as score does.
		br := bufio.NewReader(f)
		header, _ := br.Peek(64 << 10)
		if i := bytes.IndexByte(header, '\n'); i >= 0 {
			header = header[:i]
		}
		r := csv.NewReader(br)
		if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
			r.Comma = ';'
		}
		r.ReuseRecord = true
		r.FieldsPerRecord = -1
		rows := 0
		for {
			_, err := r.Read()
			if errors.Is(err, io.EOF) {
				return rows - 1, nil
			}
			if err != nil {
				return rows, err
			}
			rows++
		}
	}
	return extra(ctx, cmd, out, in, dbPath, format)
}
