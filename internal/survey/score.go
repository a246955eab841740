package survey

import (
	"bufio"
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Output formats.
const (
	FormatCSV   = "csv"
	FormatJSONL = "jsonl" // scan.Result JSON, one a line: what import reads
)

// DefaultMaxProblems is how many bad rows are reported one by one.
const DefaultMaxProblems = 100

// ErrUsage: an option that cannot work (an unknown format).
var ErrUsage = errors.New("invalid option")

// ErrEncoding: the input is not UTF-8 text (a UTF-16 file, say).
var ErrEncoding = errors.New("not a UTF-8 CSV file")

// Options tune Score.
type Options struct {
	// AsOf decides what is open and municipality mergers (default today).
	AsOf date.Date
	// Lang is the language of the results (default nl).
	Lang i18n.Lang
	// Format of the output: csv (default) or jsonl.
	Format string
	// Dialect of CSV output (default csvout.Excel).
	Dialect csvout.Dialect
	// Strict fails on the first bad row; then nothing is written to w and
	// nothing saved (the input is read twice: checked, then scored).
	Strict bool
	// Name is the input's name in messages (default "input").
	Name string
	// MaxProblems is how many bad rows Summary lists (default 100; all
	// are counted).
	MaxProblems int
	// Referrals is how many top referrals the CSV output names (default 3).
	Referrals int
	// Save receives the results, in input order, while they are scored:
	// pass them to store.DB.SaveScans (--save). It runs in a goroutine of
	// its own and sets the pace (the sequence blocks while Save is busy);
	// its error stops the run. With Strict, it starts only after every row
	// checked out.
	Save func(results iter.Seq[*scan.Result]) error
	// Organisation and Advisor are recorded with every result.
	Organisation, Advisor string
	// Now is the clock for ids and created_at (default time.Now).
	Now func() time.Time
	// Workers score rows in parallel (default GOMAXPROCS).
	Workers int
	// StrictColumns makes a column that answers no question an error
	// (a *ColumnsError) instead of a warning.
	StrictColumns bool
	// Map reads the export of another survey tool (see Map).
	Map *Map
	// Progress, when set, is told the rows read so far, a batch at a time
	// (from the goroutine that called Score).
	Progress func(rows int)
}

// Summary tells what Score did.
type Summary struct {
	Rows    int // data rows read
	Scored  int // results written
	Skipped int // bad rows
	// Problems are the first MaxProblems bad rows.
	Problems []RowError
	Comma    rune // the separator found: ',' or ';'
	BOM      bool // the input started with a UTF-8 byte order mark
	// Encoding is "windows-1252" when the input was not UTF-8 but
	// certainly Windows-1252 ("ANSI"), and read as such; else "".
	Encoding string
	// Blank rows (every cell empty) are skipped, not counted in Rows.
	Blank int
	// Ignored are the columns that answer no question (named, with a
	// suggestion when one is near): their cells are not read.
	Ignored []string
	// Warnings are the first MaxProblems rows scored with a repair (a
	// KVK number's leading zero put back); Warned counts them all.
	Warnings []Repair
	Warned   int
}

// Err returns a *RowsError when rows were skipped, else nil: the CLI
// decides whether that fails the run.
func (s Summary) Err() error {
	if s.Skipped == 0 {
		return nil
	}
	name := "input"
	if len(s.Problems) > 0 {
		name = s.Problems[0].Name
	}
	return &RowsError{Name: name, Total: s.Skipped, Rows: s.Problems}
}

// Repair is a row scored after a repair: a KVK number of 7 digits read
// with its leading zero back (a spreadsheet dropped it). The CLI words
// it in the user's language.
type Repair struct {
	Name      string // the input's name
	Row, Line int
	Column    string // the column's heading
	Found     string // what the cell held
	Read      string // what it was read as
}

func (r Repair) String() string {
	return fmt.Sprintf("%s:%d: row %d: %s: %q has 7 digits: read as %s (a spreadsheet dropped its leading zero)", r.Name, r.Line, r.Row, r.Column, r.Found, r.Read)
}

// RowError is one row that could not be scored.
type RowError struct {
	Name     string   // the input's name
	Row      int      // data row, from 1 (the header is not counted)
	Line     int      // line of the file where the row starts, from 1
	Problems []string // what is wrong, one message each
}

func (e *RowError) Error() string {
	return fmt.Sprintf("%s:%d: row %d: %s", e.Name, e.Line, e.Row, strings.Join(e.Problems, "; "))
}

// RowsError reports the rows skipped (the first ones one by one).
type RowsError struct {
	Name  string
	Total int
	Rows  []RowError
}

func (e *RowsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d row(s) skipped", e.Name, e.Total)
	for _, r := range e.Rows {
		b.WriteString("\n  ")
		b.WriteString(r.Error())
	}
	if more := e.Total - len(e.Rows); more > 0 {
		fmt.Fprintf(&b, "\n  … and %d more", more)
	}
	return b.String()
}

func (o *Options) defaults() error {
	if o.Format == "" {
		o.Format = FormatCSV
	}
	if o.Format != FormatCSV && o.Format != FormatJSONL {
		return fmt.Errorf("%w: unknown format %q: use csv or jsonl", ErrUsage, o.Format)
	}
	if o.Dialect.Comma == 0 {
		o.Dialect = csvout.Excel
	}
	if o.Name == "" {
		o.Name = "input"
	}
	if o.MaxProblems <= 0 {
		o.MaxProblems = DefaultMaxProblems
	}
	if o.Referrals <= 0 {
		o.Referrals = 3
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.AsOf.IsZero() {
		o.AsOf = date.Of(o.Now())
	}
	if o.Lang == "" {
		o.Lang = i18n.NL
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return nil
}

// Score batch-scores a survey export (see the package documentation for
// the files it reads): one respondent a row, each row checked like an
// answers file (scan.Check), scored (scan.Score, mode survey), referred
// (referral.Match) and written to w as it comes (CSV, or JSON Lines of
// scan.Result), in input order. Rows that fail are skipped and reported
// in the Summary with their row and line numbers; with opt.Strict the
// first one fails the run before anything is written.
//
// A header that does not fit the questionnaire (required questions
// without a column; with opt.StrictColumns also unknown columns) is a
// *ColumnsError before any row is read. Memory stays flat however many
// rows: rows flow through a few bounded batches.
func Score(ctx context.Context, r io.Reader, qn *q.Questionnaire, cat *referral.Catalogue, opt Options, w io.Writer) (Summary, error) {
	if err := opt.defaults(); err != nil {
		return Summary{}, err
	}
	if qn == nil || cat == nil {
		return Summary{}, errors.New("score: no questionnaire or catalogue")
	}
	if err := referral.Usable(cat, qn); err != nil {
		return Summary{}, fmt.Errorf("score: %w", err)
	}
	// A row whose result is kept (JSON Lines, --save) allocates its
	// answers and result (some 10 KB), garbage a row later: a GC target of
	// 400 saves about a tenth of the time, the heap staying under 30 MB.
	// Written as CSV and not saved, a row leaves little more than its CSV
	// record (some 600 bytes): there 200 costs 8–9% less CPU than 400 (the
	// records are written into memory still in the cache).
	gc := 400
	if opt.Format == FormatCSV && opt.Save == nil {
		gc = 200
	}
	defer debug.SetGCPercent(debug.SetGCPercent(gc))
	if !opt.Strict {
		return run(ctx, r, qn, cat, &opt, w, false)
	}
	// Strict: check every row first; score only a file without bad rows.
	src := r
	var spool *os.File
	seeker, seekable := r.(io.ReadSeeker)
	var start int64
	if seekable {
		var err error
		if start, err = seeker.Seek(0, io.SeekCurrent); err != nil {
			seekable = false
		}
	}
	if !seekable {
		f, err := os.CreateTemp("", "digiscan-survey-*.csv")
		if err != nil {
			return Summary{}, fmt.Errorf("score: %w", err)
		}
		defer func() { f.Close(); os.Remove(f.Name()) }()
		spool, src = f, io.TeeReader(r, f)
	}
	sum, err := run(ctx, src, qn, cat, &opt, nil, true)
	if err != nil {
		return sum, err
	}
	if seekable {
		if _, err := seeker.Seek(start, io.SeekStart); err != nil {
			return sum, fmt.Errorf("score: %w", err)
		}
		src = r
	} else {
		if _, err := spool.Seek(0, io.SeekStart); err != nil {
			return sum, fmt.Errorf("score: %w", err)
		}
		src = spool
	}
	return run(ctx, src, qn, cat, &opt, w, false)
}

// row is one input record.
type row struct {
	n, line int
	fields  []string
	err     error // a CSV syntax error
}

// out is one scored (or rejected) row.
type out struct {
	n, line  int
	blank    bool // every cell empty: skipped, not counted
	problems []string
	repair   *Repair // a repair made to a row scored
	data     []byte  // the output line
	result   *scan.Result
}

type batch struct {
	seq   int
	rows  []row
	outs  []out
	cells []string // the cells of rows, one after another
	data  []byte   // the output lines of outs, one after another
}

const batchRows = 128

// run reads, scores and writes; checkOnly stops at the first bad row and
// writes nothing.
func run(ctx context.Context, r io.Reader, qn *q.Questionnaire, cat *referral.Catalogue, opt *Options, w io.Writer, checkOnly bool) (Summary, error) {
	var sum Summary
	br := bufio.NewReaderSize(r, 1<<16)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
		sum.BOM = true
	} else if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return sum, fmt.Errorf("%s: %w: it is UTF-16; save it as \"CSV UTF-8\"", opt.Name, ErrEncoding)
	} else {
		b, _ := br.Peek(br.Size())
		switch enc := sniff(b); enc {
		case "":
		case cp1252:
			sum.Encoding = enc
			br = bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(br), 1<<16)
		default:
			return sum, fmt.Errorf("%s: %w: it looks like %s; save it as \"CSV UTF-8\"", opt.Name, ErrEncoding, enc)
		}
	}
	sum.Comma = detectComma(br)
	cr := csv.NewReader(br)
	cr.Comma = sum.Comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true // a batch keeps its rows' cells: see below
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return sum, fmt.Errorf("%s: empty file: no header", opt.Name)
	}
	if err != nil {
		return sum, fmt.Errorf("%s: header: %w", opt.Name, err)
	}
	header = slices.Clone(header)
	lay, err := mapColumns(opt.Name, qn, header, opt)
	if err != nil {
		return sum, err
	}
	sum.Ignored = lay.ignored
	// Results written as CSV and not saved are only read for the columns
	// of the output: their answers are built only for the catalogue's
	// conditions, and only the top referrals worked out.
	var keep func(*q.Question) bool
	match := referral.Options{AsOf: opt.AsOf, Lang: opt.Lang}
	if opt.Format == FormatCSV && opt.Save == nil {
		reads := cat.AnswersRead()
		keep = func(qu *q.Question) bool { return slices.Contains(reads, qu.ID) }
		match.Top, match.Reuse = opt.Referrals, true
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan *batch, opt.Workers)
	free := make(chan *batch, 3*opt.Workers)
	// At most this many batches exist at once (read, scoring, waiting to be
	// written in order): memory is bounded however fast the workers run.
	tokens := make(chan struct{}, 4*opt.Workers)
	newBatch := func() *batch {
		select {
		case x := <-free:
			x.rows, x.outs, x.cells, x.data = x.rows[:0], x.outs[:0], x.cells[:0], x.data[:0]
			return x
		default:
			return &batch{rows: make([]row, 0, batchRows)}
		}
	}

	// The workers take turns reading a batch of rows (in input order,
	// under mu), then score it where its cells are still in the core's
	// cache: handing rows from a reader goroutine to the workers cost
	// more in moving memory between cores than the reading itself.
	var (
		mu      sync.Mutex
		seq, n  int   // batches and rows read
		eof     bool  // no more to read
		readErr error // an I/O error; read once the workers are done
	)
	read := func(b *batch) bool {
		mu.Lock()
		defer mu.Unlock()
		for !eof && len(b.rows) < batchRows {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				eof = true
				break
			}
			n++
			var line int
			if err == nil {
				line, _ = cr.FieldPos(0)
			} else if pe := parseError(err); pe != nil {
				line = pe.StartLine
			} else {
				readErr, eof = fmt.Errorf("%s: %w", opt.Name, err), true
				return false
			}
			// The cells go into the batch's array (no allocation a row
			// once it has grown), the record's own being reused.
			at := len(b.cells)
			b.cells = append(b.cells, rec...)
			b.rows = append(b.rows, row{n: n, line: line, fields: b.cells[at:len(b.cells):len(b.cells)], err: err})
		}
		if len(b.rows) == 0 {
			return false
		}
		b.seq = seq
		seq++
		return true
	}

	var wg sync.WaitGroup
	created := opt.Now().UTC().Truncate(time.Second)
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var seed [32]byte
			crand.Read(seed[:])
			sheet := scan.NewSheet(qn, lay.cols, keep)
			sheet.ReuseResult = match.Reuse // a result is written out before the next row
			s := &scorer{qn: qn, cat: cat, opt: opt, sheet: sheet, lay: lay,
				score: scan.Options{AsOf: opt.AsOf, Lang: opt.Lang, Mode: scan.ModeSurvey}, match: match,
				header: len(header), names: header, rnd: rand.NewChaCha8(seed), created: created, checkOnly: checkOnly}
			for {
				select {
				case tokens <- struct{}{}:
				case <-ctx.Done():
					return
				}
				b := newBatch()
				if !read(b) {
					<-tokens
					return
				}
				for i := range b.rows {
					o := s.row(&b.rows[i])
					if o.data != nil { // into the batch's buffer: no allocation a row
						at := len(b.data)
						b.data = append(b.data, o.data...)
						o.data = b.data[at:len(b.data):len(b.data)]
					}
					b.outs = append(b.outs, o)
				}
				select {
				case done <- b:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Save in a goroutine of its own, fed in order.
	var (
		saveCh   chan *scan.Result
		saveDone chan error // Save's result, once
		saved    bool       // saveDone was received
		saveRes  error
	)
	if opt.Save != nil && !checkOnly {
		ch, done := make(chan *scan.Result, 256), make(chan error, 1)
		go func() {
			done <- opt.Save(func(yield func(*scan.Result) bool) {
				for r := range ch {
					if !yield(r) {
						return
					}
				}
			})
		}()
		saveCh, saveDone = ch, done
	}
	// stopSave ends the results and waits for Save.
	stopSave := func() error {
		if saveCh == nil {
			return saveRes
		}
		close(saveCh)
		saveCh = nil
		if !saved {
			saveRes, saved = <-saveDone, true
		}
		return saveRes
	}
	defer stopSave()

	// Write in input order.
	var ow *outWriter
	if !checkOnly {
		ow = &outWriter{w: bufio.NewWriterSize(w, 1<<16), opt: opt}
		if err := ow.header(); err != nil {
			return sum, fmt.Errorf("score: %w", err)
		}
	}
	pending := map[int]*batch{}
	next := 0
	var failure error
	for b := range done {
		if failure != nil {
			continue
		}
		pending[b.seq] = b
		for b := pending[next]; b != nil; b = pending[next] {
			delete(pending, next)
			next++
			for _, o := range b.outs {
				if o.blank {
					sum.Blank++
					continue
				}
				sum.Rows++
				if len(o.problems) > 0 {
					sum.Skipped++
					re := RowError{Name: opt.Name, Row: o.n, Line: o.line, Problems: o.problems}
					if checkOnly || opt.Strict {
						failure = &re
						break
					}
					if len(sum.Problems) < opt.MaxProblems {
						sum.Problems = append(sum.Problems, re)
					}
					continue
				}
				if checkOnly {
					continue
				}
				if o.repair != nil {
					sum.Warned++
					if len(sum.Warnings) < opt.MaxProblems {
						r := *o.repair
						r.Name, r.Row, r.Line = opt.Name, o.n, o.line
						sum.Warnings = append(sum.Warnings, r)
					}
				}
				if err := ow.write(o.data); err != nil {
					failure = fmt.Errorf("score: %w", err)
					break
				}
				sum.Scored++
				if saveCh != nil {
					select {
					case saveCh <- o.result:
					case err := <-saveDone:
						saveRes, saved = err, true
						if err == nil {
							err = errors.New("stopped taking results")
						}
						failure = fmt.Errorf("score: save: %w", err)
					}
					if failure != nil {
						break
					}
				}
			}
			if failure != nil {
				cancel()
				break
			}
			select {
			case free <- b:
			default:
			}
			<-tokens
			if opt.Progress != nil {
				opt.Progress(sum.Rows + sum.Blank)
			}
		}
	}
	if failure == nil && readErr != nil {
		failure = readErr
	}
	if failure == nil && ctx.Err() != nil {
		failure = ctx.Err()
	}
	if failure == nil && ow != nil {
		if err := ow.flush(); err != nil {
			failure = fmt.Errorf("score: %w", err)
		}
	}
	if err := stopSave(); failure == nil && err != nil {
		failure = fmt.Errorf("score: save: %w", err)
	}
	return sum, failure
}

// detectComma finds the separator of the header line: ';' when it has
// more semicolons than commas outside quotes, else ','.
func detectComma(br *bufio.Reader) rune {
	b, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	commas, semis, quoted := 0, 0, false
	for _, c := range b {
		switch c {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				commas++
			}
		case ';':
			if !quoted {
				semis++
			}
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// scorer turns rows into results, one worker's state.
type scorer struct {
	qn        *q.Questionnaire
	cat       *referral.Catalogue
	opt       *Options
	sheet     *scan.Sheet
	lay       *layout
	score     scan.Options
	match     referral.Options
	header    int
	names     []string            // the header's cells
	cells     []string            // a row's cells and its groups' (see layout)
	memo      []map[string]string // by column: cell text → what it reads as
	joinBuf   []byte              // where groups are joined
	joinEnds  []int               // where each group's cell ends in joinBuf
	partMemo  []map[string]string // by column: a multiple choice's part → option id
	folder    folder              // folds texts to look them up
	lastDay   string              // the day part of the last response date read
	lastDate  date.Date           // and what it read as
	rnd       *rand.ChaCha8
	created   time.Time
	checkOnly bool
	buf       bytes.Buffer
	cw        *csvout.Writer // writes into buf
	enc       *json.Encoder  // writes into buf
}

// maxRowProblems is how many problems one row reports.
const maxRowProblems = 5

// messages are the first maxRowProblems problems of a row.
func messages(ps []scan.Problem, l i18n.Lang) []string {
	msgs := make([]string, 0, min(len(ps), maxRowProblems))
	for _, p := range ps[:min(len(ps), maxRowProblems)] {
		msgs = append(msgs, p.In(l))
	}
	return msgs
}

func (s *scorer) row(r *row) out {
	o := out{n: r.n, line: r.line}
	switch {
	case r.err == nil && blank(r.fields):
		o.blank = true
		return o
	case r.err != nil:
		o.problems = []string{csvProblem(parseError(r.err), s.opt.Lang)}
		return o
	case len(r.fields) != s.header:
		o.problems = []string{msg.Tf(s.opt.Lang, "score.row.cells", len(r.fields), s.header)}
		return o
	}
	lay, cells := s.lay, r.fields
	if len(lay.groups) > 0 {
		// The groups' cells are built side by side and made one string:
		// one allocation a row, not one a group.
		s.cells = append(s.cells[:0], cells...)
		buf, ends := s.joinBuf[:0], s.joinEnds[:0]
		for i := range lay.groups {
			buf = lay.groups[i].appendJoin(cells, buf)
			ends = append(ends, len(buf))
		}
		s.joinBuf, s.joinEnds = buf, ends
		all, start := string(buf), 0
		for _, end := range ends {
			s.cells = append(s.cells, all[start:end])
			start = end
		}
		cells = s.cells
	}
	respondent := ""
	if lay.idCol >= 0 {
		respondent = strings.TrimSpace(cells[lay.idCol])
	}
	if lay.kvkCol >= 0 {
		if kvk, ok := kvkDigits(cells[lay.kvkCol]); ok {
			o.repair = &Repair{Column: s.names[lay.kvkCol], Found: strings.TrimSpace(cells[lay.kvkCol]), Read: kvk}
			cells[lay.kvkCol] = kvk
		}
	}
	score, match := s.score, s.match
	if lay.dateCol >= 0 {
		if cell := strings.TrimSpace(cells[lay.dateCol]); cell != "" {
			d, m := s.responseDate(cell)
			if m != "" {
				o.problems = []string{s.header0(lay.dateCol) + ": " + m}
				return o
			}
			score.AsOf, match.AsOf = d, d
		}
	}
	if lay.always {
		s.readTexts(cells)
	}
	if s.checkOnly {
		ps := s.sheet.Check(cells)
		if len(ps) > 0 && s.readTexts(cells) {
			ps = s.sheet.Check(cells)
		}
		o.problems = messages(ps, s.opt.Lang)
		return o
	}
	res, ps, err := s.sheet.Row(cells, score)
	if len(ps) > 0 && s.readTexts(cells) {
		res, ps, err = s.sheet.Row(cells, score)
	}
	if len(ps) > 0 {
		o.problems = messages(ps, s.opt.Lang)
		return o
	}
	if err != nil {
		o.problems = []string{err.Error()}
		return o
	}
	res.ID = scan.NewID(s.created, s.rnd)
	res.CreatedAt = s.created
	res.Organisation, res.Advisor = s.opt.Organisation, s.opt.Advisor
	if err := referral.Match(s.cat, s.qn, res, match); err != nil {
		o.problems = []string{err.Error()}
		return o
	}
	o.data = s.encode(r.n, respondent, res)
	if s.opt.Save != nil {
		o.result = res
	}
	return o
}

// readTexts rewrites the cells that name options by their texts (or
// list a multiple choice with another separator) in option ids; false
// when no cell changed.
func (s *scorer) readTexts(cells []string) bool {
	if s.memo == nil {
		s.memo = make([]map[string]string, len(s.lay.choices))
		s.partMemo = make([]map[string]string, len(s.lay.choices))
	}
	changed := false
	for i, c := range s.lay.choices {
		if c == nil {
			continue
		}
		cell := strings.TrimSpace(cells[i])
		if cell == "" {
			continue
		}
		// The same few texts come back row after row: each worker keeps
		// what it read, up to memoCells a column.
		v, ok := s.memo[i][cell]
		if !ok {
			if s.lay.multi[i] && s.partMemo[i] == nil {
				s.partMemo[i] = map[string]string{}
			}
			v, _ = c.cell(cell, s.lay.multi[i], s.lay.sep, s.partMemo[i], &s.folder)
			if s.memo[i] == nil {
				s.memo[i] = map[string]string{}
			}
			if len(s.memo[i]) < memoCells && len(cell) <= memoText {
				s.memo[i][cell] = v
			}
		}
		if v != cells[i] {
			cells[i], changed = v, true
		}
	}
	return changed
}

// A worker remembers up to memoCells texts a column of at most memoText
// bytes (an option's label; not the long lists of a multiple choice,
// which rarely repeat): some 100 KB a column at most.
const (
	memoCells = 1024
	memoText  = 96
)

// responseDate is responseDate for the layout's date column, the day of
// the previous row's timestamp remembered (the responses of a day come
// together; the time of day does not count).
func (s *scorer) responseDate(cell string) (date.Date, string) {
	day := cell
	if i := strings.IndexAny(day, " T"); i >= 0 {
		day = day[:i]
	}
	if s.lastDay != "" && day == s.lastDay {
		return s.lastDate, ""
	}
	d, m := responseDate(cell, s.lay.dateLayout, s.opt.Lang)
	if m == "" {
		s.lastDay, s.lastDate = strings.Clone(day), d
	}
	return d, m
}

// header0 names column i in messages.
func (s *scorer) header0(i int) string { return s.names[i] }

// blank reports whether every cell is empty or spaces.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseError is err as a *csv.ParseError, or nil. (Only for an error: the
// target of errors.As escapes, an allocation for every row.)
func parseError(err error) *csv.ParseError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

func csvProblem(pe *csv.ParseError, l i18n.Lang) string {
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		return msg.Tf(l, "score.row.quote-open", pe.StartLine)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return msg.Tf(l, "score.row.bare-quote", pe.Line, pe.Column)
	}
	return pe.Err.Error()
}

// encode is the output line of a result, valid until the next call.
func (s *scorer) encode(n int, respondent string, res *scan.Result) []byte {
	s.buf.Reset()
	if s.opt.Format == FormatJSONL {
		if s.enc == nil {
			s.enc = json.NewEncoder(&s.buf)
			s.enc.SetEscapeHTML(false)
		}
		if err := s.enc.Encode(res); err != nil {
			return nil
		}
		return s.buf.Bytes()
	}
	if s.cw == nil {
		s.cw = csvout.NewWriter(&s.buf, s.opt.Dialect.WithoutBOM())
	}
	// Ids (questionnaire options, programmes) need neither quoting nor
	// neutralising: they are lowercase letters, digits, - and _.
	cw := s.cw
	cw.Int(n)
	cw.Text(respondent)
	cw.Raw(res.ID)
	cw.Raw(res.Profile.Sector)
	cw.Raw(res.Profile.Size)
	cw.Raw(res.Profile.Municipality)
	cw.Number(res.Impact)
	cw.Number(res.Readiness)
	cw.Raw(res.Quadrant)
	cw.Number(res.Maturity.Score)
	cw.Raw(res.Maturity.Band)
	for _, id := range q.DimensionIDs {
		if v, ok := res.DimensionScore(id); ok {
			cw.Number(v)
		} else {
			cw.Empty()
		}
	}
	cw.Int(res.DigitalIntensity.Count)
	cw.Raw(res.DigitalIntensity.Level)
	cw.Bool(res.DigitalIntensity.Basic)
	cw.Bool(res.AdvancedTech.Cloud)
	cw.Bool(res.AdvancedTech.AI)
	cw.Bool(res.AdvancedTech.DataAnalytics)
	cw.Bool(res.AdvancedTech.Any)
	for i := range s.opt.Referrals {
		if i < len(res.Referrals) {
			cw.Raw(res.Referrals[i].Programme)
		} else {
			cw.Empty()
		}
	}
	cw.End()
	cw.Flush()
	return s.buf.Bytes()
}

// Columns of the CSV output.
func outputColumns(referrals int) []string {
	cols := []string{"row", IDColumn, "scan_id", "sector", "size", "municipality", "impact", "readiness", "quadrant", "maturity", "maturity_band"}
	for _, d := range q.DimensionIDs {
		cols = append(cols, "dim_"+d)
	}
	cols = append(cols, "dii_count", "dii_level", "dii_basic", "tech_cloud", "tech_ai", "tech_data_analytics", "tech_any")
	for i := range referrals {
		cols = append(cols, "referral_"+strconv.Itoa(i+1))
	}
	return cols
}

// outWriter writes the output.
type outWriter struct {
	w   *bufio.Writer
	opt *Options
}

func (o *outWriter) header() error {
	if o.opt.Format != FormatCSV {
		return nil
	}
	cw := csvout.NewWriter(o.w, o.opt.Dialect) // with the BOM, if any
	if err := cw.Record(outputColumns(o.opt.Referrals)...); err != nil {
		return err
	}
	return cw.Flush()
}

func (o *outWriter) write(b []byte) error {
	_, err := o.w.Write(b)
	return err
}

func (o *outWriter) flush() error { return o.w.Flush() }
