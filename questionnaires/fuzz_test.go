package questionnaires

import "testing"

// FuzzLoad: any bytes as a questionnaire file give a questionnaire or an
// error, never a panic or a hang (issue 12). Seeds: testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		qn, err := Load("fuzz.yaml", data)
		if err == nil && qn == nil {
			t.Fatal("no questionnaire and no error")
		}
		if err != nil && err.Error() == "" {
			t.Fatal("an empty error")
		}
	})
}
