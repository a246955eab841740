package synth

import (
	"bytes"
	"encoding/csv"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// TestValid: generated answers pass scan.Check; results score and refer;
// re-scans keep the business's identity a year later.
func TestValid(t *testing.T) {
	g, err := New(5)
	if err != nil {
		t.Fatal(err)
	}
	g.N = 200
	for i := range 200 {
		if ps := scan.Check(g.Qn, g.AnswersOf(i)); len(ps) > 0 {
			t.Fatalf("business %d: %v", i, ps)
		}
	}
	first, err := g.Result(104 - 100) // business 4 …
	if err != nil {
		t.Fatal(err)
	}
	again, err := g.Result(104) // … re-scanned as scan 104 (i%5 == 4, second half)
	if err != nil {
		t.Fatal(err)
	}
	if first.Company == nil || again.Company == nil || first.Company.KVK != again.Company.KVK || again.AsOf.Sub(first.AsOf) < 300 {
		t.Errorf("re-scan: %+v %v / %+v %v", first.Company, first.AsOf, again.Company, again.AsOf)
	}
	if len(again.Referrals) == 0 || again.ID == first.ID {
		t.Errorf("result %s referrals %d", again.ID, len(again.Referrals))
	}
	var buf bytes.Buffer
	if err := g.WriteSurvey(&buf, 20, SurveyFormat{Comma: ';', BOM: true, CRLF: true}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) != 21 || recs[0][0] != q.QSector {
		t.Errorf("survey: %d records %v", len(recs), err)
	}
}
