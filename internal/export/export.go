package export

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Formats of an export.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
	FormatJSON = "json" // JSON Lines, the format import reads
	FormatDMA  = "dma"  // the EDIH Digital Maturity Assessment shape, as CSV
)

// Formats lists the formats, the default first.
var Formats = []string{FormatCSV, FormatXLSX, FormatJSON, FormatDMA}

// ErrUnknownFormat: a format or dialect that does not exist (a usage error).
var ErrUnknownFormat = errors.New("unknown export format")

// Options tune an export. The zero value exports every stored scan as
// CSV for Dutch Excel.
type Options struct {
	// Filter selects the scans (--since, --until, --municipality, --sector,
	// --size, --quadrant, --mode, --questionnaire-version), in its order.
	Filter store.Filter
	// Anonymize makes the export for sharing with analysts: only scans with
	// consent-statistics; no scan id (a pseudonym instead), no company
	// name, KVK or establishment number, no free-text answers, no advisor
	// or organisation; the quarter instead of dates. See Pseudonyms.
	Anonymize bool
	// Dialect of CSV exports (--dialect; default Excel). The DMA export
	// has the DMA tool's own.
	Dialect csvout.Dialect
	// Questionnaires resolves the questionnaires of the stored scans
	// (default questionnaires.Find).
	Questionnaires q.Resolver
	// Referrals is how many top referrals get a column (default 3).
	Referrals int
	// Lang is the language of the XLSX column descriptions (default nl).
	Lang i18n.Lang
	// Key is the pseudonym key of an anonymised export; nil draws a random
	// one for this export only (see Pseudonyms). Tests set it.
	Key []byte
	// K is the k-anonymity of an anonymised export (--k; default 5): every
	// combination of municipality, sector, size and period is shared by at
	// least K businesses (see Anonymity).
	K int

	// Progress, when set, is told the scans written so far, every
	// progressEvery scans.
	Progress func(scans int)
}

// progressEvery is how often Options.Progress hears of the scans written.
const progressEvery = 256

// progress tells opt.Progress of n scans written, every progressEvery.
func (o *Options) progress(n int) {
	if o.Progress != nil && n%progressEvery == 0 {
		o.Progress(n)
	}
}

// Summary tells what an export wrote.
type Summary struct {
	Scans   int
	Columns int
	// Warnings: questionnaire versions that were not available (their
	// answers used the columns of another version), answers left out.
	Warnings []string
	// DroppedAnswers counts answers that had no column (questions of a
	// version not available); the JSON export keeps everything.
	DroppedAnswers int
	// Anonymity is what an anonymised export reached (nil otherwise).
	Anonymity *Anonymity
}

// Write exports the scans opt.Filter selects in format to w.
func Write(ctx context.Context, db *store.DB, format string, w io.Writer, opt Options) (Summary, error) {
	switch format {
	case FormatCSV, "":
		return CSV(ctx, db, w, opt)
	case FormatXLSX:
		return XLSX(ctx, db, w, opt)
	case FormatJSON, "jsonl":
		return JSONL(ctx, db, w, opt)
	case FormatDMA:
		return DMA(ctx, db, w, opt)
	}
	return Summary{}, fmt.Errorf("%w %q: use %s", ErrUnknownFormat, format, strings.Join(Formats, ", "))
}

func (o *Options) defaults() error {
	if o.Dialect.Comma == 0 {
		o.Dialect = csvout.Excel
	}
	if o.Questionnaires == nil {
		o.Questionnaires = q.Find
	}
	if o.Referrals <= 0 {
		o.Referrals = 3
	}
	if o.Lang == "" {
		o.Lang = i18n.NL
	}
	if o.Anonymize {
		if o.K == 0 {
			o.K = DefaultK
		}
		if o.K < 1 {
			return fmt.Errorf("%w: --k must be at least 1, got %d", ErrUnknownFormat, o.K)
		}
		o.Filter.StatisticsConsent = true
		if o.Key == nil {
			o.Key = make([]byte, 32)
			if _, err := rand.Read(o.Key); err != nil {
				return fmt.Errorf("export: pseudonym key: %w", err)
			}
		}
	}
	o.Filter.NoJSON = false
	return nil
}

// questionnaires resolves the questionnaires of the scans f selects.
func questionnaires(ctx context.Context, db *store.DB, f store.Filter, resolve q.Resolver, sum *Summary) ([]*q.Questionnaire, error) {
	uses, err := db.Questionnaires(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var qns []*q.Questionnaire
	for _, u := range uses {
		qn, exact, err := resolve(u.ID, u.Version)
		if err != nil {
			sum.Warnings = append(sum.Warnings, fmt.Sprintf("questionnaire %s %s (%d scans) is not available: %v; their answers are left out", u.ID, u.Version, u.Scans, err))
			continue
		}
		if !exact {
			sum.Warnings = append(sum.Warnings, fmt.Sprintf("questionnaire %s %s (%d scans) is not available: its answers use the columns of version %s", u.ID, u.Version, u.Scans, qn.Version))
		}
		if !slices.Contains(qns, qn) {
			qns = append(qns, qn)
		}
	}
	slices.SortStableFunc(qns, questionnaireOrder)
	return qns, nil
}

// Pseudonyms replace ids in anonymised exports: the first 80 bits of
// HMAC-SHA256 of the id under a key drawn at random for one export and
// never stored or shown, in lowercase base32 (16 characters). The same
// scan or company gets the same pseudonym throughout one export (re-scans
// stay linked); without the key a pseudonym cannot be traced back, and two
// exports cannot be linked to each other.
type Pseudonyms struct {
	mac hash.Hash
	buf []byte
}

// NewPseudonyms returns pseudonyms under key.
func NewPseudonyms(key []byte) *Pseudonyms { return &Pseudonyms{mac: hmac.New(sha256.New, key)} }

var pidEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Of returns the pseudonym of an id in a kind ("scan", "company").
func (p *Pseudonyms) Of(kind string, id []byte) string {
	p.mac.Reset()
	p.mac.Write([]byte(kind))
	p.mac.Write([]byte{0})
	p.mac.Write(id)
	p.buf = p.mac.Sum(p.buf[:0])
	return pidEncoding.EncodeToString(p.buf[:10])
}

// Quarter returns the quarter of a date or time text ("2026-11-27",
// "2026-11-27T10:30:00Z"): "2026-Q4"; "" when it is not one.
func Quarter(s string) string {
	if len(s) < 7 || s[4] != '-' {
		return ""
	}
	m, err := strconv.Atoi(s[5:7])
	if err != nil || m < 1 || m > 12 {
		return ""
	}
	return s[:4] + "-Q" + strconv.Itoa((m+2)/3)
}

// cell is one value of a row.
type cell struct {
	k cellKind
	s []byte
	f float64
}

type cellKind uint8

const (
	cEmpty cellKind = iota
	cText
	cNumber
	cBool
	cDate // XLSX only: a date's serial number (see xlsxCell)
)

// rowBuilder turns stored results into cells for a layout.
type rowBuilder struct {
	l       *layout
	pids    *Pseudonyms
	scanner jsonScanner
	row     scanRow
	cells   []cell
	hooks   resultHooks
	dropped int
	arena   []byte // joined multiple choices, formatted numbers
}

func newRowBuilder(l *layout, opt *Options) *rowBuilder {
	b := &rowBuilder{l: l, cells: make([]cell, len(l.cols))}
	if opt.Anonymize {
		b.pids = NewPseudonyms(opt.Key)
	}
	b.hooks = resultHooks{maxReferrals: l.referrals, indicator: b.indicator, answer: b.answer}
	return b
}

func (b *rowBuilder) indicator(id []byte, yes bool) {
	if c, ok := b.l.indicators[string(id)]; ok {
		b.cells[c] = cell{k: cBool, f: boolNum(yes)}
	}
}

func boolNum(v bool) float64 {
	if v {
		return 1
	}
	return 0
}

// answer puts one answer's value into its column(s).
func (b *rowBuilder) answer(qid []byte, s *jsonScanner) {
	ac := b.l.answers[string(qid)]
	if ac == nil {
		if !b.l.excluded[string(qid)] {
			b.dropped++
		}
		s.skip()
		return
	}
	switch s.peek() {
	case '{':
		s.object(func(item []byte) {
			c, ok := ac.items[string(item)]
			v := s.str()
			if !ok {
				b.dropped++
				return
			}
			b.cells[c] = cell{k: cText, s: v}
		})
	case '[':
		from := len(b.arena)
		s.array(func(i int) {
			if i > 0 {
				b.arena = append(b.arena, '|')
			}
			b.arena = append(b.arena, s.str()...)
		})
		b.set(ac, cell{k: cText, s: b.arena[from:len(b.arena):len(b.arena)]})
	case '"':
		b.set(ac, cell{k: cText, s: s.str()})
	case 't', 'f':
		v := "no"
		if s.boolean() {
			v = "yes"
		}
		b.set(ac, cell{k: cText, s: []byte(v)})
	case 'n':
		s.skip()
	default:
		if x, ok := s.number(); ok {
			b.set(ac, cell{k: cNumber, f: x})
		}
	}
}

func (b *rowBuilder) set(ac *answerCols, c cell) {
	if ac.col < 0 {
		b.dropped++
		return
	}
	b.cells[ac.col] = c
}

// build fills b.cells from one stored scan.
func (b *rowBuilder) build(raw *store.Raw) error {
	for i := range b.cells {
		b.cells[i] = cell{}
	}
	b.arena = b.arena[:0]
	if err := parseResult(&b.scanner, raw.JSON, &b.row, &b.hooks); err != nil {
		return err
	}
	r := &b.row
	text := func(v []byte) cell {
		if len(v) == 0 {
			return cell{}
		}
		return cell{k: cText, s: v}
	}
	num := func(x float64) cell {
		if math.IsNaN(x) {
			return cell{}
		}
		return cell{k: cNumber, f: x}
	}
	str := func(v string) cell { return text([]byte(v)) }
	for i, sp := range b.l.specs {
		var c cell
		switch sp.f {
		case fID:
			c = text(r.id)
		case fPID:
			c = str(b.pids.Of("scan", r.id))
		case fCompanyID:
			if raw.CompanyID != 0 {
				c = num(float64(raw.CompanyID))
			}
		case fCompanyPID:
			if raw.CompanyID != 0 {
				c = str(b.pids.Of("company", strconv.AppendInt(nil, raw.CompanyID, 10)))
			}
		case fCreatedAt:
			c = text(r.createdAt)
		case fScanDate:
			c = text(r.asOf)
		case fQuarter:
			d := r.asOf
			if len(d) == 0 {
				d = r.createdAt
			}
			c = str(Quarter(string(d)))
		case fQID:
			c = text(r.qid)
		case fQVersion:
			c = text(r.qversion)
		case fCatID:
			c = text(r.catID)
		case fCatVersion:
			c = text(r.catVersion)
		case fLang:
			c = text(r.lang)
		case fMode:
			c = text(r.mode)
		case fAdvisor:
			c = text(r.advisor)
		case fOrganisation:
			c = text(r.organisation)
		case fHeardVia:
			c = text(r.heard)
		case fConsent:
			if v := r.consent[sp.arg]; v >= 0 {
				c = cell{k: cBool, f: float64(v)}
			}
		case fCompanyName:
			c = text(r.companyName)
		case fKVK:
			c = text(r.kvk)
		case fEstablishment:
			c = text(r.establishment)
		case fSector:
			c = text(r.sector)
		case fSize:
			c = text(r.size)
		case fMunicipality:
			c = text(r.municipality)
		case fProvince:
			c = text(r.province)
		case fImpact:
			c = num(r.impact)
		case fReadiness:
			c = num(r.readiness)
		case fQuadrant:
			c = text(r.quadrant)
		case fThImpact:
			c = num(r.thImpact)
		case fThReadiness:
			c = num(r.thReadiness)
		case fMaturity:
			c = num(r.maturity)
		case fMaturityBand:
			c = text(r.maturityBand)
		case fDim:
			c = num(r.dims[sp.arg])
		case fDIIVersion:
			c = text(r.diiVersion)
		case fDIICount:
			c = num(r.diiCount)
		case fDIILevel:
			c = text(r.diiLevel)
		case fDIIBasic:
			c = cell{k: cBool, f: boolNum(r.diiBasic)}
		case fTech:
			c = cell{k: cBool, f: boolNum(r.tech[sp.arg])}
		case fReferral:
			if sp.arg < len(r.referrals) {
				c = text(r.referrals[sp.arg])
			}
		case fFollowUpProgramme:
			if raw.FollowUp != nil {
				c = str(raw.FollowUp.Programme)
			}
		case fFollowUpOutcome:
			if raw.FollowUp != nil {
				c = str(raw.FollowUp.Outcome)
			}
		case fFollowUpDate:
			if raw.FollowUp != nil && !raw.FollowUp.Date.IsZero() {
				c = str(raw.FollowUp.Date.String())
			}
		case fFollowUpQuarter:
			if raw.FollowUp != nil && !raw.FollowUp.Date.IsZero() {
				c = str(Quarter(raw.FollowUp.Date.String()))
			}
		case fIndicator, fAnswer:
			continue // filled while parsing
		}
		b.cells[i] = c
	}
	return nil
}

// prepare resolves the questionnaires and builds the layout.
func prepare(ctx context.Context, db *store.DB, opt *Options) (*layout, Summary, error) {
	var sum Summary
	if err := opt.defaults(); err != nil {
		return nil, sum, err
	}
	qns, err := questionnaires(ctx, db, opt.Filter, opt.Questionnaires, &sum)
	if err != nil {
		return nil, sum, err
	}
	l := newLayout(qns, opt.Anonymize, opt.Referrals)
	sum.Columns = len(l.cols)
	if opt.Anonymize {
		p, err := planK(ctx, db, opt.Filter, opt.K)
		if err != nil {
			return nil, sum, err
		}
		l.k = p
		sum.Anonymity = &p.a
	}
	return l, sum, nil
}

// eachRow builds the row of every selected scan and calls emit with it,
// in Filter order (see readAhead).
func eachRow(ctx context.Context, db *store.DB, l *layout, opt *Options, sum *Summary, emit func(cells []cell) error) error {
	b := newRowBuilder(l, opt)
	err := readAhead(ctx, db, opt.Filter, store.RawOptions{LatestFollowUp: true}, func(raw *store.Raw) error {
		if err := b.build(raw); err != nil {
			return fmt.Errorf("scan %d of the export: %w", sum.Scans+1, err)
		}
		if l.k != nil && !b.generalise(l.k) {
			return nil // in a group of fewer than k businesses
		}
		sum.Scans++
		opt.progress(sum.Scans)
		return emit(b.cells)
	})
	sum.DroppedAnswers += b.dropped
	if b.dropped > 0 {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%d answers had no column (questions of a questionnaire version that is not available) and were left out; the JSON export keeps them", b.dropped))
	}
	return err
}

// readAhead is store.DB.EachRaw with reading the database and handling
// the scans overlapping: one goroutine reads (SQLite is most of an
// export's time) and hands batches of copied JSON to the caller's
// goroutine, which calls fn. Memory is bounded by the batches in flight
// (a few MB).
func readAhead(ctx context.Context, db *store.DB, f store.Filter, ro store.RawOptions, fn func(*store.Raw) error) error {
	const batchSize, inFlight = 32, 4
	// The SQLite driver allocates every result JSON (about 10 KB) afresh:
	// a gigabyte of garbage per 100,000 scans, collected some 250 times at
	// the default GC target with a heap this small. A target of 400% keeps
	// the heap under 30 MB and saves about a tenth of the export's time.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	type item struct {
		raw  store.Raw
		json []byte
		fu   store.FollowUp
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []item, inFlight)
	free := make(chan []item, inFlight+2)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		var batch []item
		next := func() []item {
			select {
			case b := <-free:
				return b[:0]
			default:
				return make([]item, 0, batchSize)
			}
		}
		send := func() error {
			select {
			case batches <- batch:
				batch = nil
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		batch = next()
		err := db.EachRaw(ctx, f, ro, func(raw *store.Raw) error {
			batch = batch[:len(batch)+1]
			it := &batch[len(batch)-1]
			it.json = append(it.json[:0], raw.JSON...)
			it.raw = store.Raw{CompanyID: raw.CompanyID, Seq: raw.Seq}
			if raw.FollowUp != nil {
				it.fu = *raw.FollowUp
				it.raw.FollowUp = &it.fu
			}
			it.raw.JSON = it.json
			if len(batch) == cap(batch) {
				if err := send(); err != nil {
					return err
				}
				batch = next()
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			err = send()
		}
		readErr <- err
	}()
	var err error
	for batch := range batches {
		if err != nil {
			continue // drain after an error
		}
		for i := range batch {
			if err = fn(&batch[i].raw); err != nil {
				break
			}
		}
		if err != nil {
			cancel()
			continue
		}
		select {
		case free <- batch:
		default:
		}
	}
	if rerr := <-readErr; err == nil {
		err = rerr
	}
	return err
}

// CSV writes one row per scan in opt.Dialect: the columns of Columns
// (see the package documentation).
func CSV(ctx context.Context, db *store.DB, w io.Writer, opt Options) (Summary, error) {
	l, sum, err := prepare(ctx, db, &opt)
	if err != nil {
		return sum, err
	}
	cw := csvout.NewWriter(w, opt.Dialect)
	if err := cw.Record(l.names()...); err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	err = eachRow(ctx, db, l, &opt, &sum, func(cells []cell) error {
		for _, c := range cells {
			switch c.k {
			case cEmpty:
				cw.Empty()
			case cText:
				cw.TextBytes(c.s)
			case cNumber:
				cw.Number(c.f)
			case cBool:
				cw.Bool(c.f != 0)
			}
		}
		return cw.End()
	})
	if err == nil {
		err = cw.Flush()
	}
	if err != nil {
		return sum, fmt.Errorf("export: %w", err)
	}
	return sum, nil
}
