package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/gooivechtstreek/digiscan/iostreams"
)

var update = flag.Bool("update", false, "rewrite the expected output in the test scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"digiscan": func() { os.Exit(run(os.Args[1:], iostreams.System())) },
	})
}

// TestScripts runs the end-to-end tests in testdata/script against the
// real binary: scans from answers files, errors on bad files, languages,
// drafts. Regenerate expected output with: go test ./cmd/digiscan -update
func TestScripts(t *testing.T) {
	examples, _ := filepath.Abs("../../examples")
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/data")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/config")
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("EXAMPLES", examples)
			env.Setenv("TERM", "dumb")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// mkfile SIZE_MB PATH writes a file of that many megabytes.
			"mkfile": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: mkfile MB PATH")
				}
				mb, err := strconv.Atoi(args[0])
				ts.Check(err)
				f, err := os.Create(ts.MkAbs(args[1]))
				ts.Check(err)
				defer f.Close()
				line := []byte("answers: {sector: retail}                                       # padding\n")
				for n := 0; n < mb<<20; n += len(line) {
					_, err := f.Write(line)
					ts.Check(err)
				}
			},
			// mkbinary PATH writes bytes that are not text.
			"mkbinary": func(ts *testscript.TestScript, neg bool, args []string) {
				b := make([]byte, 4096)
				for i := range b {
					b[i] = byte(i*131 + 7)
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
			},
		},
	})
}

func ExampleRun() {
	io, _, out, _ := iostreams.Test()
	code := run([]string{"scan", "--answers", "../../examples/answers/winkel-hilversum.yaml", "--as-of", "2026-11-27", "--format", "json"}, io)
	fmt.Println(code, out.Len() > 0)
	// Output: 0 true
}
