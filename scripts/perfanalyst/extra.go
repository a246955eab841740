package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/gooivechtstreek/digiscan/internal/safefile"
	"github.com/gooivechtstreek/digiscan/internal/stats"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/survey"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
)

// extra runs the commands that report their own row counts.
func extra(ctx context.Context, cmd, out, in, dbPath, format string) (int, error) {
	switch cmd {
	case "stats":
		db, err := store.Open(dbPath)
		if err != nil {
			return 0, err
		}
		defer db.Close()
		qn, _ := q.Builtin(q.DefaultName)
		begin()
		rep, err := stats.Compute(ctx, db, stats.Options{})
		if err != nil {
			return 0, err
		}
		if err := rep.WriteText(io.Discard, stats.RenderOptions{Questionnaire: qn}); err != nil {
			return 0, err
		}
		end()
		n, err := db.Count(ctx, store.Filter{})
		return n, err
	case "score":
		qn, err := q.Builtin(q.DefaultName)
		if err != nil {
			return 0, err
		}
		cat, err := referral.Builtin(referral.DefaultName)
		if err != nil {
			return 0, err
		}
		f, err := os.Open(in)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		var sum survey.Summary
		begin()
		defer end()
		err = safefile.Write(out, func(w io.Writer) error {
			var err error
			sum, err = survey.Score(ctx, f, qn, cat, survey.Options{Format: format}, w)
			return err
		})
		if err == nil && sum.Skipped > 0 {
			err = fmt.Errorf("%d rows skipped", sum.Skipped)
		}
		return sum.Rows, err
	}
	return 0, fmt.Errorf("unknown command %s", cmd)
}
