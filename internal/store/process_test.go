package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/scan"
)

// The helper process: go test re-runs this binary with STORE_HELPER set.
// Roles: save N scans (ids with a prefix, every fifth of a shared company),
// import a file, or save until killed, reporting each commit on stdout.
func TestHelperProcess(t *testing.T) {
	role := os.Getenv("STORE_HELPER")
	if role == "" {
		t.Skip("helper process for the multi-process tests")
	}
	start := time.Now()
	if err := helper(role); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "helper %s %s: %v\n", role, os.Getenv("STORE_PREFIX"), time.Since(start))
	os.Exit(0)
}

func helper(role string) error {
	ctx := context.Background()
	db, err := Open(os.Getenv("STORE_DB"))
	if err != nil {
		return err
	}
	defer db.Close()
	prefix := os.Getenv("STORE_PREFIX")
	n, _ := strconv.Atoi(os.Getenv("STORE_N"))
	switch role {
	case "save":
		for i := range n {
			if err := db.SaveScan(ctx, helperResult(prefix, i)); err != nil {
				return err
			}
		}
	case "import":
		f, err := os.Open(os.Getenv("STORE_FILE"))
		if err != nil {
			return err
		}
		defer f.Close()
		st, err := db.Import(ctx, f, ImportOptions{Name: f.Name()})
		if err != nil {
			return err
		}
		if st.Added != n {
			return fmt.Errorf("imported %d, want %d: %+v", st.Added, n, st)
		}
	case "loop":
		for i := 0; ; i++ {
			if err := db.SaveScan(ctx, helperResult(prefix, i)); err != nil {
				return err
			}
			fmt.Printf("saved %d\n", i+1)
		}
	}
	return nil
}

var helperBase struct {
	once sync.Once
	r    *scan.Result
}

func helperResult(prefix string, i int) *scan.Result {
	helperBase.once.Do(func() {
		helperBase.r = result(&testing.T{}, "x", nil)
	})
	r := *helperBase.r
	r.ID = fmt.Sprintf("%s-%07d", prefix, i)
	r.CreatedAt = r.CreatedAt.Add(time.Duration(i) * time.Second)
	switch {
	case i%5 == 0: // re-scans of one company, from both processes
		r.Company = &scan.Company{Name: "Gedeeld Bedrijf", KVK: "55555555"}
	default:
		r.Company = &scan.Company{Name: prefix + " " + strconv.Itoa(i), KVK: fmt.Sprintf("%08d", 10000000+i)}
	}
	return &r
}

func helperCmd(t *testing.T, role, db, prefix string, n int, extra ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "STORE_HELPER="+role, "STORE_DB="+db, "STORE_PREFIX="+prefix, "STORE_N="+strconv.Itoa(n))
	cmd.Env = append(cmd.Env, extra...)
	return cmd
}

// Two processes write at once: one saves scans one by one (an advisor's
// scan), the other saves too, and a third imports a file in batches.
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "digiscan.db") // not created: both race to create it
	const n, imported = 300, 3000

	// The import file, as another advisor's export.
	file := filepath.Join(t.TempDir(), "import.jsonl")
	writeJSONL(t, file, imported, func(i int) *scan.Result { return helperResult("20261128-imp", i) })

	cmds := []*exec.Cmd{
		helperCmd(t, "save", path, "20261127-a", n),
		helperCmd(t, "save", path, "20261127-b", n),
		helperCmd(t, "import", path, "", imported, "STORE_FILE="+file),
	}
	outs := make([]strings.Builder, len(cmds))
	for i, c := range cmds {
		c.Stdout, c.Stderr = &outs[i], &outs[i]
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i].String())
		}
		t.Logf("%s", outs[i].String())
	}
	t.Logf("all done in %v", time.Since(start))
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, Filter{}); got != 2*n+imported {
		t.Errorf("%d scans, want %d", got, 2*n+imported)
	}
	// The shared company's scans from all three link to one company.
	cs, err := db.FindCompanies(ctx, CompanyRef{KVK: "55555555"})
	if err != nil || len(cs) != 1 || cs[0].Scans != 2*n/5+imported/5 {
		t.Errorf("shared company: %+v, %v", cs, err)
	}
}

// A process killed while saving leaves a consistent database: every scan
// it reported saved is there, with its JSON, and nothing half-written.
func TestKilledDuringSave(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "digiscan.db")
	for round := range 3 {
		cmd := helperCmd(t, "loop", path, fmt.Sprintf("2026112%d-k", round), 0)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		saved := 0
		sc := bufio.NewScanner(out)
		target := 40 + 17*round
		for sc.Scan() {
			if k, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "saved ")); err == nil {
				saved = k
			}
			if saved >= target {
				break
			}
		}
		time.Sleep(time.Duration(round) * 3 * time.Millisecond) // land the kill anywhere in a save
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		if saved < target {
			t.Fatalf("round %d: the child saved only %d: %s", round, saved, stderr.String())
		}

		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Fatal(err)
		}
		var scans, results int
		if err := db.sql.QueryRow("SELECT (SELECT count(*) FROM scans WHERE id LIKE ?), (SELECT count(*) FROM scan_results r JOIN scans s ON s.pk = r.scan_pk WHERE s.id LIKE ?)",
			fmt.Sprintf("2026112%d-k%%", round), fmt.Sprintf("2026112%d-k%%", round)).Scan(&scans, &results); err != nil {
			t.Fatal(err)
		}
		if scans < saved || scans != results {
			t.Errorf("round %d: %d scans with %d results; the child had reported %d saved", round, scans, results, saved)
		}
		err = db.Each(ctx, Filter{}, func(r *Record) error { _, err := r.Result(nil); return err })
		if err != nil {
			t.Error(err)
		}
		db.Close()
	}
}
