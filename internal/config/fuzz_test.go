package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gooivechtstreek/digiscan/questionnaires"
)

// FuzzLoad: any bytes as the config file give settings or an error, never
// a panic (issue 12). Seeds: testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	dir := f.TempDir()
	p := filepath.Join(dir, "config.yaml")
	env := map[string]string{"DIGISCAN_CONFIG": p, "HOME": "/home/anna"}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(func(k string) string { return env[k] })
		if err == nil && c.DB != "" && !filepath.IsAbs(c.DB) {
			t.Fatalf("db %q is not absolute", c.DB)
		}
		if err != nil {
			return
		}
		for _, ref := range []string{c.Catalogue, c.Questionnaire} {
			if ref != "-" && questionnaires.IsPath(ref) && !filepath.IsAbs(ref) {
				t.Fatalf("path %q is not absolute", ref)
			}
		}
	})
}
