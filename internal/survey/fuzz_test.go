package survey

import (
	"bytes"
	"context"
	"io"
	"strings"
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

// FuzzMap: any bytes as a map file (score --map) give a map or an error
// naming the file, never a panic; a map that loads scores a Google Forms
// export or refuses it, never a panic (issue 12). Seeds:
// testdata/fuzz/FuzzMap.
func FuzzMap(f *testing.F) {
	g := generator(f)
	data, full := googleForms(f, 3)
	f.Add(full) // the whole intake mapped
	f.Fuzz(func(t *testing.T, mapYAML []byte) {
		m, err := LoadMap("m.yaml", mapYAML, g.Qn)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "m.yaml") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		opt := opts()
		opt.Map = m
		sum, err := Score(context.Background(), bytes.NewReader(data), g.Qn, g.Cat, opt, io.Discard)
		if err == nil && sum.Scored+sum.Skipped != sum.Rows {
			t.Fatalf("%+v: scored and skipped do not add up", sum)
		}
	})
}
