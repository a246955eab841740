package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gooivechtstreek/digiscan/internal/csvout"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// regional saves a skewed synthetic store, some scans with free text in
// heard_via and a village.
func regional(t *testing.T, n int) *store.DB {
	t.Helper()
	g, err := synth.New(11)
	if err != nil {
		t.Fatal(err)
	}
	scans, err := synth.Regional{Scans: n}.Make(g)
	if err != nil {
		t.Fatal(err)
	}
	db := openStore(t)
	for i, s := range scans {
		if i%7 == 0 {
			s.Result.HeardVia = fmt.Sprintf("Jan Jansen %d, Dorpsstraat 1, 06-1234%04d", i, i)
			s.Result.Answers[q.QPlace] = scan.Answer{Choice: "bussum"}
		}
		if err := db.SaveScan(context.Background(), s.Result); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// kOf measures k on an anonymised CSV: the fewest businesses (company
// pseudonym, else scan pseudonym) sharing municipality, sector, size and
// period; and the share of rows in groups under 5 and alone.
func kOf(rows []map[string]string) (k int, under5, unique float64) {
	groups := map[string]map[string]bool{}
	key := func(r map[string]string) string {
		return r["municipality"] + "|" + r["province"] + "|" + r["sector"] + "|" + r["size"] + "|" + r["quarter"]
	}
	for _, r := range rows {
		b := r["company_pid"]
		if b == "" {
			b = r["pid"]
		}
		if groups[key(r)] == nil {
			groups[key(r)] = map[string]bool{}
		}
		groups[key(r)][b] = true
	}
	k = -1
	for _, g := range groups {
		if k < 0 || len(g) < k {
			k = len(g)
		}
	}
	for _, r := range rows {
		switch n := len(groups[key(r)]); {
		case n == 1:
			unique++
			under5++
		case n < 5:
			under5++
		}
	}
	return k, under5 / float64(len(rows)), unique / float64(len(rows))
}

// TestKAnonymity measures k on the anonymised export of a realistic store:
// at least k businesses share every combination of the quasi-identifiers,
// the file says so, and no village or free text comes through.
func TestKAnonymity(t *testing.T) {
	db := regional(t, 900)
	consenting, err := db.Count(context.Background(), store.Filter{StatisticsConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{1, 5, 10} {
		data, sum := exportBytes(t, db, FormatCSV, Options{Anonymize: true, K: k, Dialect: csvout.RFC4180})
		header, rows := readCSV(t, data, ',')
		got, under5, unique := kOf(rows)
		t.Logf("k=%d: %d rows, %d dropped, generalised %v: k measured %d, %.0f%% in groups under 5, %.0f%% unique",
			k, len(rows), sum.Anonymity.Dropped, sum.Anonymity.Generalised, got, 100*under5, 100*unique)
		a := sum.Anonymity
		if a == nil || a.K != k || a.Rows != len(rows) || a.Rows+a.Dropped != consenting || a.Reached != got {
			t.Errorf("k=%d: summary %+v, measured k %d over %d rows of %d", k, a, got, len(rows), consenting)
		}
		if got < k || len(rows) < consenting/2 {
			t.Errorf("k=%d: measured k %d, %d rows of %d", k, got, len(rows), consenting)
		}
		for _, h := range header {
			if h == "heard_via" || h == "q.place" || h == "q.association" || h == "q.municipality" {
				t.Errorf("column %s in an anonymised export", h)
			}
		}
		for _, s := range []string{"Jan Jansen", "Dorpsstraat", "06-1234", "bussum"} {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("k=%d: %q in the anonymised export", k, s)
			}
		}
	}
}

// TestNotKAnonymousFormats: JSON and DMA keep every profile value, so an
// anonymised one needs --k 1 said out loud; JSON never carries heard_via,
// the village or the association.
func TestNotKAnonymousFormats(t *testing.T) {
	db := regional(t, 60)
	for _, f := range []string{FormatJSON, FormatDMA} {
		var buf bytes.Buffer
		if _, err := Write(context.Background(), db, f, &buf, Options{Anonymize: true}); !errors.Is(err, ErrNotKAnonymous) {
			t.Errorf("%s with k 5: %v", f, err)
		}
	}
	data, _ := exportBytes(t, db, FormatJSON, Options{Anonymize: true, K: 1})
	for _, s := range []string{"Jan Jansen", "Dorpsstraat", `"bussum"`, `"heard_via"`, `"association"`} {
		if bytes.Contains(data, []byte(s)) {
			i := bytes.Index(data, []byte(s))
			t.Errorf("anonymised JSON contains %s: %s", s, data[max(0, i-200):i+100])
		}
	}
}
