package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/internal/safefile"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// PlanPurge counts what Purge would erase before it does (issue 12).
func TestPlanPurge(t *testing.T) {
	ctx := context.Background()
	db := filterFixture(t)
	day := func(s string) time.Time { t.Helper(); d, _ := time.Parse("2006-01-02", s); return d }
	for _, tc := range []struct {
		cutoff, recent        string
		scans, total, nrecent int
	}{
		{"2026-02-10", "2026-01-01", 3, 5, 2},
		{"2026-02-10", "2026-02-05", 3, 5, 0},
		{"2000-01-01", "1999-01-01", 0, 5, 0},
		{"2999-01-01", "2026-02-14", 5, 5, 2},
	} {
		p, err := db.PlanPurge(ctx, day(tc.cutoff), day(tc.recent))
		if err != nil {
			t.Fatal(err)
		}
		if p.Scans != tc.scans || p.Total != tc.total || p.Recent != tc.nrecent {
			t.Errorf("PlanPurge(%s, %s) = %+v, want %d of %d, %d recent", tc.cutoff, tc.recent, p, tc.scans, tc.total, tc.nrecent)
		}
		if p.Scans > 0 && (p.Oldest.IsZero() || p.Newest.Before(p.Oldest)) {
			t.Errorf("PlanPurge(%s): oldest %v newest %v", tc.cutoff, p.Oldest, p.Newest)
		}
		got, err := db.Count(ctx, Filter{})
		if err != nil || got != tc.total {
			t.Errorf("PlanPurge erased something: %d scans left, %v", got, err)
		}
	}
}

// leftovers makes what killed processes leave beside a database: an
// import staging file with its journal and, listed in the ledger, an
// export's temporary file in another folder. Each holds the company name.
func leftovers(t *testing.T, dbDir string) (files []string) {
	t.Helper()
	staging := filepath.Join(dbDir, ".digiscan-import-123456.db")
	elsewhere := t.TempDir()
	tmp := filepath.Join(elsewhere, ".scans.csv.987654.tmp")
	ledger := filepath.Join(dbDir, safefile.LedgerName)
	if err := os.MkdirAll(ledger, 0o700); err != nil {
		t.Fatal(err)
	}
	for p, data := range map[string]string{
		staging:                             "Fietsenwinkel De Vries",
		staging + "-journal":                "Fietsenwinkel De Vries",
		tmp:                                 "Fietsenwinkel De Vries;12345678",
		filepath.Join(ledger, "0001.entry"): tmp,
	} {
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return []string{staging, staging + "-journal", tmp, filepath.Join(ledger, "0001.entry")}
}

func assertGone(t *testing.T, when string, files []string) {
	t.Helper()
	for _, f := range files {
		if _, err := os.Stat(f); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %s is still there (%v)", when, filepath.Base(f), err)
		}
	}
}

// Orphaned staging and temporary files go when the store opens and on
// every erasure, whatever their age (they were fresh here); a file a
// living process holds stays.
func TestOrphansSwept(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "digiscan.db")
	files := leftovers(t, dir)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	assertGone(t, "open", files)

	mustSave(t, db, result(t, "20261127-a", &scan.Company{Name: "Fietsenwinkel De Vries", KVK: "12345678"}),
		result(t, "20261127-b", nil), result(t, "20261127-c", nil))
	for _, erase := range []struct {
		name string
		fn   func() error
	}{
		{"delete company", func() error {
			_, err := db.DeleteCompany(ctx, CompanyRef{KVK: "12345678"})
			return err
		}},
		{"delete scan", func() error { return db.DeleteScan(ctx, "20261127-b") }},
		{"purge", func() error { _, err := db.Purge(ctx, time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)); return err }},
	} {
		files := leftovers(t, dir)
		if err := erase.fn(); err != nil {
			t.Fatalf("%s: %v", erase.name, err)
		}
		assertGone(t, erase.name, files)
	}

	// In use: locked by its (living) writer.
	live := filepath.Join(dir, ".digiscan-import-777.db")
	f, err := os.Create(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ok, err := safefile.Lock(f); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a staging file in use was removed: %v", err)
	}
}

// A ledger entry names only a temporary file: a hostile or damaged entry
// pointing at another file removes nothing.
func TestLedgerRemovesOnlyTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(t.TempDir(), "report.csv")
	if err := os.WriteFile(victim, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	ledger := filepath.Join(dir, safefile.LedgerName)
	os.MkdirAll(ledger, 0o700)
	for i, p := range []string{victim, "relative/.x.1.tmp", filepath.Dir(victim) + "/../" + filepath.Base(filepath.Dir(victim)) + "/.x.1.tmp"} {
		os.WriteFile(filepath.Join(ledger, fmt.Sprintf("%d.entry", i)), []byte(p), 0o600)
	}
	db, err := Open(filepath.Join(dir, "digiscan.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if b, err := os.ReadFile(victim); err != nil || string(b) != "keep" {
		t.Errorf("the ledger removed %s: %v", victim, err)
	}
}

// kill -9 during an import: the staging file it leaves goes at the next
// open, not after 24 hours.
func TestKilledImportStagingSwept(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "digiscan.db")
	file := filepath.Join(t.TempDir(), "import.jsonl")
	writeJSONL(t, file, 20000, func(i int) *scan.Result { return helperResult("20261128-imp", i) })
	cmd := helperCmd(t, "import", path, "", 20000, "STORE_FILE="+file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	var staged []string
	for len(staged) == 0 && time.Now().Before(deadline) {
		staged, _ = filepath.Glob(filepath.Join(dir, ".digiscan-import-*.db"))
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if len(staged) == 0 {
		t.Skip("the import ended before its staging file was seen")
	}
	if _, err := os.Stat(staged[0]); err != nil {
		t.Skip("the import ended before it was killed")
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	assertGone(t, "open after kill -9", staged)
}

// An imported line whose texts carry control or bidi characters is
// refused with its line number; nothing is imported (issue 12).
func TestImportRefusesControlCharacters(t *testing.T) {
	ctx := context.Background()
	good := jsonl(t, 1, func(i int) *scan.Result { return result(t, "20261127-good", nil) })
	for _, tc := range []struct {
		name string
		r    *scan.Result
	}{
		{"title escape in the name", result(t, "20261127-evil1", &scan.Company{Name: "Bakkerij\x1b]0;pwned\x07"})},
		{"clear screen in the advisor", result(t, "20261127-evil2", nil, func(r *scan.Result) { r.Advisor = "Anna\x1b[2J" })},
		{"fake line in an answer", result(t, "20261127-evil3", nil, func(r *scan.Result) {
			r.Answers["company-name"] = scan.Answer{Text: "Shop\r\n20261127-fake  2026-11-27  Fake"}
		})},
		{"bidi override", result(t, "20261127-evil4", &scan.Company{Name: "Shop\u202Eexe.txt"})},
		{"C1 CSI", result(t, "20261127-evil5", nil, func(r *scan.Result) { r.Organisation = "Org\u009b2J" })},
	} {
		db := openTest(t)
		var buf bytes.Buffer
		buf.Write(good)
		b, err := json.Marshal(fromResult(tc.r))
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
		_, err = db.Import(ctx, &buf, ImportOptions{Name: "in.jsonl"})
		var inv *InvalidLinesError
		if !errors.As(err, &inv) || len(inv.Lines) != 1 || inv.Lines[0].Line != 2 {
			t.Errorf("%s: %v, want line 2 refused", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), "control or text-direction character") {
			t.Errorf("%s: %v", tc.name, err)
		}
		if n := count(t, db, Filter{}); n != 0 {
			t.Errorf("%s: %d scans imported", tc.name, n)
		}
	}
}

// Property: unsafeJSONText finds an unsafe character in the JSON of any
// string exactly when the string holds one.
func TestUnsafeJSONTextProperty(t *testing.T) {
	rnd := rand.New(rand.NewPCG(12, 12))
	alphabet := []rune{'a', 'Z', ' ', 'é', '€', '😀', '\\', '"', '/', 0, 7, 9, 10, 13, 27, 0x7f, 0x85, 0x9b, 0x200d, 0x200f, 0x202e, 0x2066, 0x2028, 0xfeff, 'u'}
	for range 20000 {
		rs := make([]rune, rnd.IntN(12))
		unsafe := false
		for i := range rs {
			rs[i] = alphabet[rnd.IntN(len(alphabet))]
			unsafe = unsafe || scan.UnsafeRune(rs[i])
		}
		s := string(rs)
		b, _ := json.Marshal(map[string]string{"k": s})
		if _, got := unsafeJSONText(b); got != unsafe {
			t.Fatalf("unsafeJSONText(%s) found=%v, want %v", b, got, unsafe)
		}
		// JSON written by another tool: escaped differently (\u001b, raw).
		var alt strings.Builder
		for _, r := range s {
			if r < 0x20 || r == '"' || r == '\\' {
				fmt.Fprintf(&alt, `\u%04x`, r)
			} else {
				alt.WriteRune(r)
			}
		}
		if _, got := unsafeJSONText([]byte(`{"k":"` + alt.String() + `"}`)); got != unsafe {
			t.Fatalf("unsafeJSONText(%q) found=%v, want %v", alt.String(), got, unsafe)
		}
	}
}

// Messages never show Go type names (issue 12: "Go struct field
// storedResult.resultAlias.id of type string").
func TestImportMessagesWithoutGoTypes(t *testing.T) {
	db := openTest(t)
	in := `{"id":5}
{"id":"x","impact":"high"}
{"id":"a","created_at":"2026"}
{"id":"b","consents":[]}
{"id":"c","company":{"name":7}}
`
	_, err := db.Import(context.Background(), strings.NewReader(in), ImportOptions{Name: "in.jsonl"})
	var inv *InvalidLinesError
	if !errors.As(err, &inv) || inv.Total != 5 {
		t.Fatalf("%v", err)
	}
	msg := err.Error()
	for _, goName := range []string{"Go ", "storedResult", "resultAlias", "float64", "string", "map[", "scan.", "time.Time"} {
		if strings.Contains(msg, goName) {
			t.Errorf("the message shows %q:\n%s", goName, msg)
		}
	}
	for _, want := range []string{"in.jsonl:1: invalid: id: expected a text, found a number", "impact: expected a number", `"2026" is not a date and time`, "consents: expected an object, found a list", "company.name: expected a text"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
}

// Erasure fails loudly when it cannot finish: a reader holding the WAL
// (another process in the middle of a read) blocks the checkpoint; the
// scan is deleted but DeleteScan, DeleteCompany and Purge say ErrBusy
// (issue 12).
func TestErasureReportsBlockedCheckpoint(t *testing.T) {
	old := scrubTimeout
	scrubTimeout = 300 * time.Millisecond
	defer func() { scrubTimeout = old }()
	ctx := context.Background()
	db := openTest(t)
	mustSave(t, db, result(t, "20261127-a", &scan.Company{Name: "Fietsenwinkel De Vries", KVK: "12345678"}),
		result(t, "20261127-b", nil), result(t, "20261127-c", nil))
	reader, err := sql.Open("sqlite", DSN(db.Path()))
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM scans").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteScan(ctx, "20261127-b"); !errors.Is(err, ErrBusy) {
		t.Errorf("DeleteScan with a reader: %v, want ErrBusy", err)
	}
	if _, err := db.DeleteCompany(ctx, CompanyRef{KVK: "12345678"}); !errors.Is(err, ErrBusy) {
		t.Errorf("DeleteCompany with a reader: %v, want ErrBusy", err)
	}
	if _, err := db.Purge(ctx, time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ErrBusy) {
		t.Errorf("Purge with a reader: %v, want ErrBusy", err)
	}
	tx.Rollback()
	if err := db.Scrub(ctx); err != nil {
		t.Errorf("Scrub once the reader is gone: %v", err)
	}
}

// Lines of another version of a known questionnaire are imported and
// counted as not scored again; the same lines claiming the version this
// digiscan has are checked (issue 12).
func TestImportVerifiesAgainstQuestionnaire(t *testing.T) {
	ctx := context.Background()
	qn, _ := mini(t)
	resolve := func(id, version string) (*q.Questionnaire, bool, error) {
		if id != qn.ID {
			return nil, false, errors.New("unknown")
		}
		return qn, version == qn.Version, nil
	}
	honest := jsonl(t, 2, func(i int) *scan.Result { return result(t, fmt.Sprintf("20261127-h%d", i), nil) })
	db := openTest(t)
	st, err := db.Import(ctx, bytes.NewReader(honest), ImportOptions{Questionnaires: resolve})
	if err != nil || st.Added != 2 || st.Unverified != 0 {
		t.Fatalf("honest lines: %+v %v", st, err)
	}
	older := jsonl(t, 1, func(i int) *scan.Result {
		return result(t, "20261127-old", nil, func(r *scan.Result) { r.Questionnaire.Version = "0.9"; r.Impact = 1 })
	})
	st, err = db.Import(ctx, bytes.NewReader(older), ImportOptions{Questionnaires: resolve})
	if err != nil || st.Added != 1 || st.Unverified != 1 {
		t.Errorf("another version: %+v %v", st, err)
	}
	for name, edit := range map[string]func(*scan.Result){
		"impact":    func(r *scan.Result) { r.Impact = 99 },
		"quadrant":  func(r *scan.Result) { r.Quadrant = "frontrunner" },
		"hash":      func(r *scan.Result) { r.Questionnaire.Hash = "sha256:00" },
		"an answer": func(r *scan.Result) { r.Answers["sector"] = scan.Answer{Choice: "piracy"} },
		"unknown":   func(r *scan.Result) { r.Questionnaire.ID = "other" },
	} {
		lie := jsonl(t, 1, func(i int) *scan.Result { return result(t, "20261127-lie", nil, edit) })
		_, err := openTest(t).Import(ctx, bytes.NewReader(append(honest, lie...)), ImportOptions{Questionnaires: resolve})
		var inv *InvalidLinesError
		if !errors.As(err, &inv) || inv.Total != 1 || inv.Lines[0].Line != 3 {
			t.Errorf("%s: %v, want line 3 refused", name, err)
		}
	}
}
