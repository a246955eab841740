package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func load(t *testing.T, content string) (*Config, string, error) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGISCAN_CONFIG": p, "HOME": "/home/anna"}
	c, err := Load(func(k string) string { return env[k] })
	return c, dir, err
}

// A config of only comments is valid and sets nothing (issue 12).
func TestCommentOnlyConfig(t *testing.T) {
	for _, content := range []string{
		"# advisor: Anna\n# lang: en\n",
		"",
		"\n\n   \n",
		"\xEF\xBB\xBF# with a byte order mark\n",
		"---\n# a document marker and a comment\n",
	} {
		c, _, err := load(t, content)
		if err != nil {
			t.Errorf("%q: %v", content, err)
			continue
		}
		if c.Advisor != "" || c.Lang != "" || c.DB != "" || c.Catalogue != "" {
			t.Errorf("%q: %+v", content, c)
		}
	}
	if _, _, err := load(t, "# a comment\nlang: fr\n"); err == nil {
		t.Error("lang: fr after a comment was accepted")
	}
}

// db: ~/x.db is in the home folder; a relative db: is relative to the
// config file's folder, not to where digiscan runs (issue 12).
func TestConfigDBPath(t *testing.T) {
	for _, tc := range []struct{ db, want string }{
		{"~/scans.db", "/home/anna/scans.db"},
		{"/data/digiscan.db", "/data/digiscan.db"},
		{"scans.db", "{dir}/scans.db"},
		{"../shared/scans.db", "{dir}/../shared/scans.db"},
		{"~anna/x.db", "{dir}/~anna/x.db"},
	} {
		c, dir, err := load(t, "db: "+tc.db+"\n")
		if err != nil {
			t.Fatal(err)
		}
		want := tc.want
		if len(want) > 5 && want[:5] == "{dir}" {
			want = filepath.Join(dir, want[5:])
		}
		if c.DB != want {
			t.Errorf("db: %s → %s, want %s", tc.db, c.DB, want)
		}
	}
}

// catalogue: and questionnaire: paths are resolved like db: — ~/ is the
// home folder, a relative path is relative to the config file's folder —
// while built-in names stay names (issue 12).
func TestConfigRefPaths(t *testing.T) {
	for _, tc := range []struct{ ref, want string }{
		{"~/regio/catalogue.yaml", "/home/anna/regio/catalogue.yaml"},
		{"/data/catalogue.yaml", "/data/catalogue.yaml"},
		{"catalogue.yaml", "{dir}/catalogue.yaml"},
		{"regio/programmes.yml", "{dir}/regio/programmes.yml"},
		{"../shared/q.json", "{dir}/../shared/q.json"},
		{"gooi-vechtstreek", "gooi-vechtstreek"},
		{"intake", "intake"},
		{"-", "-"},
	} {
		for _, key := range []string{"catalogue", "questionnaire"} {
			c, dir, err := load(t, key+": '"+tc.ref+"'\n")
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if len(want) > 5 && want[:5] == "{dir}" {
				want = filepath.Join(dir, want[5:])
			}
			got := c.Catalogue
			if key == "questionnaire" {
				got = c.Questionnaire
			}
			if got != want {
				t.Errorf("%s: %s → %s, want %s", key, tc.ref, got, want)
			}
		}
	}
}

// The config's texts go into every scan and onto the terminal: control and
// text-direction characters are refused with the file, line and key, as in
// text answers (issue 12).
func TestConfigRefusesControl(t *testing.T) {
	for _, tc := range []struct{ content, want string }{
		{"advisor: \"Anna\\e]0;pwned\\a\"\n", ":1:10: advisor: character 5 is a control or text-direction character (U+001B)"},
		{"lang: nl\norganisation: \"OV\\rHilversum\"\n", ":2:15: organisation: character 3 is a control or text-direction character (U+000D)"},
		{"privacy:\n  controller: Regio\n  contact: \"a@b.nl\\u202E\"\n", ":3:12: privacy contact: character 7 is a control or text-direction character (U+202E)"},
		{"privacy:\n  retention: \"2\\njaar\"\n", ":2:14: privacy retention: character 2"},
	} {
		_, _, err := load(t, tc.content)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want …%s", tc.content, err, tc.want)
		}
	}
	if _, _, err := load(t, "advisor: Anna de Vries\norganisation: \"Ondernemers\u00e9 \u00abGooi\u00bb\"\n"); err != nil {
		t.Errorf("plain text refused: %v", err)
	}
}
