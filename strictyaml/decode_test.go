package strictyaml

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type doc struct {
	Pos   Pos
	Keys  Keys
	Name  string            `yaml:"name"`
	Count int               `yaml:"count"`
	Ratio float64           `yaml:"ratio"`
	On    bool              `yaml:"on"`
	Tags  []string          `yaml:"tags"`
	Sub   *sub              `yaml:"sub"`
	Items []sub             `yaml:"items"`
	Map   map[string]string `yaml:"map"`
}

type sub struct {
	Pos Pos
	ID  string `yaml:"id"`
}

func TestDecodeOK(t *testing.T) {
	var d doc
	src := "name: x\ncount: 3\nratio: 0.5\non: true\ntags: [a, b]\nsub: {id: s}\nitems:\n  - id: one\n  - id: two\nmap: {k: v}\n"
	if err := Unmarshal("f.yaml", []byte(src), &d); err != nil {
		t.Fatal(err)
	}
	if d.Name != "x" || d.Count != 3 || d.Ratio != 0.5 || !d.On || len(d.Tags) != 2 || d.Sub.ID != "s" || d.Map["k"] != "v" {
		t.Errorf("decoded %+v", d)
	}
	if d.Items[1].Pos.Line != 9 || d.Items[1].Pos.Col != 5 {
		t.Errorf("position of items[1] = %+v, want 9:5", d.Items[1].Pos)
	}
	if d.Keys["count"].Line != 2 || d.Keys["count"].Col != 8 {
		t.Errorf("position of count's value = %+v, want 2:8", d.Keys["count"])
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"nmae: x\n", `f.yaml:1:1: unknown key "nmae" (did you mean "name"?)`},
		{"zzz: x\n", `f.yaml:1:1: unknown key "zzz"; known keys: name, count, ratio, on, tags, sub, items, map`},
		{"name: x\nname: y\n", `f.yaml:2:1: duplicate key "name" (first at line 1); remove one of them`},
		{"count: many\n", `f.yaml:1:8: expected a whole number, found "many"`},
		{"count: 1.5\n", `f.yaml:1:8: expected a whole number, found the number 1.5`},
		{"ratio: [1]\n", `f.yaml:1:8: expected a number, found a list`},
		{"on: yes\n", `f.yaml:1:5: expected true or false, found "yes"`},
		{"name: true\n", `f.yaml:1:7: expected text, found the boolean true; put it in quotes if you mean the text`},
		{"tags: a\n", `f.yaml:1:7: expected a list, found "a"`},
		{"sub: [1]\n", `f.yaml:1:6: expected a mapping (key: value lines), found a list`},
		{"items:\n  - id: a\n    idd: b\n", `f.yaml:3:5: unknown key "idd" (did you mean "id"?)`},
		{"map: {a: 1, a: 2}\n", `duplicate key "a"`},
		{"name: [\n", `f.yaml:1: YAML syntax error`},
		{"name: x\n---\nname: y\n", `second YAML document`},
		{"", `f.yaml:1:1: file is empty`},
		{"# only a comment\n", `f.yaml:1:1: file is empty`},
		{"<<: {name: x}\n", `merge keys (<<) are not supported`},
		{"\x00\x01binary", `f.yaml:1:1: not a text file (binary data); expected YAML or JSON`},
		{"\xff\xfen\x00a\x00", `file is UTF-16 encoded; save it as UTF-8`},
		{"name: \xc3\x28\n", `not a text file`},
	}
	for _, tc := range tests {
		var d doc
		err := Unmarshal("f.yaml", []byte(tc.src), &d)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

// Every problem of a file is reported, not only the first.
func TestAllProblemsReported(t *testing.T) {
	var d doc
	err := Unmarshal("f.yaml", []byte("nmae: x\ncount: many\non: 3\n"), &d)
	if n := len(List(err)); n != 3 {
		t.Errorf("%d problems, want 3:\n%v", n, err)
	}
}

func TestAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	var m map[string]any
	err := Unmarshal("f.yaml", []byte(src), &m)
	if err == nil || !(strings.Contains(err.Error(), "too many values") || strings.Contains(err.Error(), "excessive aliasing")) {
		t.Errorf("err = %v, want the expansion refused", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, make([]byte, 2048), 0o644)
	tests := []struct{ path, want string }{
		{filepath.Join(dir, "missing.yaml"), "missing.yaml: no such file; check the path"},
		{dir, "is a directory, not a file"},
		{big, "file is too large (2 KB; at most 1 KB): is this the right file?"},
	}
	for _, tc := range tests {
		_, err := ReadFile(tc.path, nil, 1024)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadFile(%s) = %v, want %q", tc.path, err, tc.want)
		}
	}
	_, err := ReadFile("-", strings.NewReader(strings.Repeat("x", 2000)), 1024)
	if err == nil || !strings.Contains(err.Error(), "stdin: input is too large") {
		t.Errorf("stdin over the limit: %v", err)
	}
	b, err := ReadFile("-", strings.NewReader("name: x"), 1024)
	if err != nil || string(b) != "name: x" {
		t.Errorf("stdin: %q, %v", b, err)
	}
}

func TestClosest(t *testing.T) {
	if got := Closest("retial", []string{"retail", "wholesale"}); got != "retail" {
		t.Errorf("Closest = %q", got)
	}
	if got := Closest("xyz", []string{"retail", "wholesale"}); got != "" {
		t.Errorf("Closest of something far = %q, want none", got)
	}
}
