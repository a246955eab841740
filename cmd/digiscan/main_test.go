package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/gooivechtstreek/digiscan/internal/iostreams"
	"github.com/gooivechtstreek/digiscan/internal/store"
	"github.com/gooivechtstreek/digiscan/internal/synth"
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
				line := []byte("answers: {sector: retail}                                       # padding\n")
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), bytes.Repeat(line, mb<<20/len(line)+1), 0o644))
			},
			// holdreader DB starts a read transaction on the database (as
			// another digiscan in the middle of a read) that stays until
			// the script ends: it blocks truncating the WAL.
			"holdreader": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: holdreader DB")
				}
				db, err := sql.Open("sqlite", store.DSN(ts.MkAbs(args[0])))
				ts.Check(err)
				tx, err := db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
				ts.Check(err)
				var n int
				ts.Check(tx.QueryRow("SELECT count(*) FROM scans").Scan(&n))
				ts.Defer(func() { tx.Rollback(); db.Close() })
			},
			// synthstore N DB fills the database DB with a synthetic
			// regional store of N scans (synth.Regional: invented weights,
			// seed 9), for the statistics pages.
			"synthstore": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: synthstore N DB")
				}
				n, err := strconv.Atoi(args[0])
				ts.Check(err)
				db, err := store.Open(ts.MkAbs(args[1]))
				ts.Check(err)
				defer db.Close()
				g, err := synth.New(9)
				ts.Check(err)
				_, err = synth.Regional{Scans: n}.Fill(context.Background(), g, db)
				ts.Check(err)
			},
			// mkbinary PATH writes bytes that are not text.
			"mkbinary": func(ts *testscript.TestScript, neg bool, args []string) {
				b := make([]byte, 4096)
				for i := range b {
					b[i] = byte(i*131 + 7)
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
			},
			// utf16 SRC DST writes SRC as UTF-16 (little endian, with a byte order mark).
			"utf16": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: utf16 SRC DST")
				}
				var b bytes.Buffer
				b.Write([]byte{0xFF, 0xFE})
				for _, u := range utf16.Encode([]rune(ts.ReadFile(args[0]))) {
					b.Write([]byte{byte(u), byte(u >> 8)})
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), b.Bytes(), 0o644))
			},
			// replace FILE OLD NEW replaces every OLD in FILE by NEW, failing when
			// OLD is not there; \n in OLD and NEW stands for a newline. It makes
			// a variant of a file in the archive, one mistake at a time.
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: replace FILE OLD NEW")
				}
				nl := strings.NewReplacer(`\n`, "\n")
				text, old := ts.ReadFile(args[0]), nl.Replace(args[1])
				if !strings.Contains(text, old) {
					ts.Fatalf("replace: %q not found in %s", old, args[0])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.ReplaceAll(text, old, nl.Replace(args[2]))), 0o644))
			},
			// capture stdout|stderr VAR REGEXP sets $VAR to the first group of
			// REGEXP in the last command's output (a draft or scan id).
			"capture": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 || (args[0] != "stdout" && args[0] != "stderr") {
					ts.Fatalf("usage: capture stdout|stderr VAR REGEXP")
				}
				m := regexp.MustCompile("(?m)" + args[2]).FindStringSubmatch(ts.ReadFile(args[0]))
				if len(m) < 2 {
					ts.Fatalf("capture: no match for %q in %s", args[2], args[0])
				}
				ts.Setenv(args[1], m[1])
			},
			// jsonkeys FILE PATH... checks that the JSON object in FILE (or
			// stdout) has each dotted key path, e.g. questionnaire.hash.
			"jsonkeys": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: jsonkeys FILE PATH...")
				}
				var doc any
				ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &doc))
				for _, path := range args[1:] {
					cur, keys := doc, strings.Split(path, ".")
					for i, k := range keys {
						switch v := cur.(type) {
						case map[string]any:
							next, ok := v[k]
							if !ok {
								ts.Fatalf("jsonkeys: %s has no key %s", args[0], path)
							}
							cur = next
						case []any: // a number indexes a list: referrals.0.name
							n, err := strconv.Atoi(k)
							if err != nil || n >= len(v) {
								ts.Fatalf("jsonkeys: %s: %s has no element %s", args[0], strings.Join(keys[:i], "."), k)
							}
							cur = v[n]
						default:
							ts.Fatalf("jsonkeys: %s: %s is not an object or list", args[0], strings.Join(keys[:i], "."))
						}
					}
				}
			},
			// jsonvalue FILE PATH [REGEXP] checks that some value at the dotted
			// PATH in the JSON of FILE (or stdout) exists and matches REGEXP;
			// with !, that none matches (the first key must still exist, so a
			// typo cannot pass). Segments: a key, a list index, * (every
			// element), KEY=VALUE (the list elements whose KEY is VALUE), #
			// (the length of a list). Strings match without quotes, other
			// values as compact JSON:
			//   jsonvalue stdout referrals.programme=slim.status '^upcoming$'
			//   ! jsonvalue stdout referrals.*.programme '^via$'
			//   jsonvalue stdout 'advice.#' '^[1-3]$' (quoted: # starts a comment)
			"jsonvalue": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 || len(args) > 3 {
					ts.Fatalf("usage: jsonvalue FILE PATH [REGEXP]")
				}
				dec := json.NewDecoder(strings.NewReader(ts.ReadFile(args[0])))
				dec.UseNumber()
				var doc any
				ts.Check(dec.Decode(&doc))
				keys := strings.Split(args[1], ".")
				if m, ok := doc.(map[string]any); ok {
					if _, ok := m[keys[0]]; !ok {
						ts.Fatalf("jsonvalue: %s has no key %s", args[0], keys[0])
					}
				}
				re := regexp.MustCompile(".*")
				if len(args) == 3 {
					re = regexp.MustCompile(args[2])
				}
				var got []string
				matched := false
				for _, v := range jsonSelect([]any{doc}, keys) {
					s := jsonText(v)
					got = append(got, s)
					matched = matched || re.MatchString(s)
				}
				switch {
				case neg && matched:
					ts.Fatalf("jsonvalue: %s: %s is %q; want none matching %q", args[0], args[1], got, re)
				case !neg && !matched && len(got) == 0:
					ts.Fatalf("jsonvalue: %s has no %s", args[0], args[1])
				case !neg && !matched:
					ts.Fatalf("jsonvalue: %s: %s is %q; want one matching %q", args[0], args[1], got, re)
				}
			},
			// jsonevery FILE LIST KEY... checks that the list at the dotted
			// path LIST in FILE (or stdout; . for the whole document) is not
			// empty and that every element has each KEY:
			//   jsonevery stdout referrals programme name url
			"jsonevery": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 3 {
					ts.Fatalf("usage: jsonevery FILE LIST KEY...")
				}
				var doc any
				ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &doc))
				lists := []any{doc} // LIST . is the document itself
				if args[1] != "." {
					lists = jsonSelect(lists, strings.Split(args[1], "."))
				}
				if len(lists) != 1 {
					ts.Fatalf("jsonevery: %s has no %s", args[0], args[1])
				}
				list, ok := lists[0].([]any)
				if !ok || len(list) == 0 {
					ts.Fatalf("jsonevery: %s: %s is not a list with elements", args[0], args[1])
				}
				for i, el := range list {
					obj, _ := el.(map[string]any)
					for _, k := range args[2:] {
						if _, ok := obj[k]; !ok {
							ts.Fatalf("jsonevery: %s: %s.%d has no key %s", args[0], args[1], i, k)
						}
					}
				}
			},
			// status CODE PROGRAM [ARGS...] runs PROGRAM like exec and checks
			// that it exits with CODE (docs/design.md, "Exit codes": 0 ok, 1 error, 2 usage).
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: status CODE PROGRAM [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("status: %v", err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("status: %s exited with %d, want %d", args[1], got, want)
				}
			},
		},
	})
}

// jsonSelect follows one dotted path segment after another from each of
// vals; see the jsonvalue command.
func jsonSelect(vals []any, keys []string) []any {
	for _, k := range keys {
		var next []any
		for _, cur := range vals {
			switch v := cur.(type) {
			case map[string]any:
				if k == "*" {
					for _, x := range v {
						next = append(next, x)
					}
				} else if x, ok := v[k]; ok {
					next = append(next, x)
				}
			case []any:
				field, want, isSel := strings.Cut(k, "=")
				n, err := strconv.Atoi(k)
				switch {
				case k == "#":
					next = append(next, json.Number(strconv.Itoa(len(v))))
				case k == "*":
					next = append(next, v...)
				case isSel:
					for _, x := range v {
						if m, ok := x.(map[string]any); ok && m[field] != nil && jsonText(m[field]) == want {
							next = append(next, x)
						}
					}
				case err == nil && n >= 0 && n < len(v):
					next = append(next, v[n])
				}
			}
		}
		vals = next
	}
	return vals
}

// jsonText is a JSON value as jsonvalue matches it: a string without
// quotes, anything else as compact JSON.
func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func ExampleRun() {
	io, _, out, _ := iostreams.Test()
	// A home of its own: neither the user's config nor their database.
	home, err := os.MkdirTemp("", "digiscan-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(home)
	io.Getenv = func(k string) string {
		switch k {
		case "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME":
			return home
		}
		return ""
	}
	code := run([]string{"scan", "--answers", "../../examples/answers/winkel-hilversum.yaml", "--as-of", "2026-11-27", "--format", "json", "--no-save"}, io)
	fmt.Println(code, out.Len() > 0)
	// Output: 0 true
}
