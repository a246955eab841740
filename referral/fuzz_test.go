package referral

import (
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// FuzzLoad: any bytes as a programme catalogue give a catalogue or an
// error, never a panic (issue 12). Seeds: testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := Load("fuzz.yaml", data, qn)
		if err == nil && cat == nil {
			t.Fatal("no catalogue and no error")
		}
		if err == nil {
			_ = Usable(cat, qn)
		}
	})
}
