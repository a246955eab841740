package survey

import (
	"bytes"
	"context"
	"io"
	"testing"
)

// FuzzScore: any bytes as a survey CSV are scored row by row or refused,
// never a panic (issue 12). Seeds: testdata/fuzz/FuzzScore.
func FuzzScore(f *testing.F) {
	g := generator(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, strict := range []bool{false, true} {
			opt := opts()
			opt.Strict = strict
			sum, err := Score(context.Background(), bytes.NewReader(data), g.Qn, g.Cat, opt, io.Discard)
			if err == nil && sum.Scored+sum.Skipped != sum.Rows {
				t.Fatalf("%+v: scored and skipped do not add up", sum)
			}
		}
	})
}
