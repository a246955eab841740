package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/internal/iostreams"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// maxImportBytes is the largest import file (README, "Limits"): 4 GB,
// some 400,000 scans; a device or a pipe that never ends stops there.
const maxImportBytes = 4 << 30

func newImportCmd(f *factory) *cobra.Command {
	var prefer string
	cmd := &cobra.Command{
		Use:     "import FILE...",
		Short:   f.t("cmd.import.short"),
		Long:    f.t("cmd.import.long"),
		Example: f.t("cmd.import.example"),
		Args:    minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if prefer != "existing" && prefer != "incoming" {
				return usageT("err.prefer")
			}
			db, err := f.db()
			if err != nil {
				return err
			}
			failed := false
			for _, path := range args {
				var in io.Reader = f.io.In
				name := "stdin"
				var file *os.File
				if path != "-" {
					if file, err = os.Open(path); err != nil {
						return err // a *fs.PathError: errText says it in the person's language
					}
					in, name = file, path
				}
				in = iostreams.LimitInput(in, maxImportBytes, 0) // lines: the store's own limit
				prog := f.newProgress("progress.imported")
				counted := &countingReader{r: in, report: func(c *countingReader) { prog.update(c.lines, c.frac()) }}
				if file != nil {
					if fi, err := file.Stat(); err == nil {
						counted.total = fi.Size()
					}
				}
				st, err := db.Import(cmd.Context(), counted, store.ImportOptions{Name: name, PreferIncoming: prefer == "incoming", Questionnaires: q.Find})
				prog.done()
				if file != nil {
					file.Close() // each file as soon as it is read, not all at the end
				}
				var conflicts *store.ConflictError
				var invalid *store.InvalidLinesError
				switch {
				case errors.As(err, &conflicts):
					for _, c := range conflicts.Conflicts {
						fmt.Fprintf(f.io.ErrOut, "%s:%d: %s\n", name, c.Line, f.tf("msg.conflict", c.ID, strings.Join(c.Fields, ", ")))
					}
					failed = true
				case errors.As(err, &invalid):
					fmt.Fprintln(f.io.ErrOut, invalidLinesText(invalid, f.lang))
					failed = true
					continue
				case err != nil:
					return fmt.Errorf("%s: %w", name, err)
				}
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.imported", name, st.Added, st.Identical, st.Erased, st.Replaced, len(st.Conflicts)))
				if st.Unverified > 0 {
					fmt.Fprintln(f.io.ErrOut, f.tf("msg.import-unverified", st.Unverified))
				}
			}
			if failed {
				return silentError{exitError}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&prefer, "prefer", "existing", f.t("flag.prefer"))
	_ = cmd.RegisterFlagCompletionFunc("prefer", cobra.FixedCompletions([]string{"existing", "incoming"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
