package questionnaires

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "regenerate the precompiled built-ins (*.json) from their YAML")

// The precompiled built-ins are the JSON of their YAML as decoded, are
// current, and load into the same questionnaire: the hashes they carry
// are the ones hashing the questionnaire gives.
func TestCompiledBuiltins(t *testing.T) {
	for _, name := range BuiltinNames() {
		src, err := os.ReadFile(name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		want, err := compile(name+".yaml", src)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(name+".json", want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(name + ".json")
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s.json is out of date with %s.yaml: run go test ./questionnaires -update", name, name)
		}
		fromYAML, err := Load(name+".yaml", src)
		if err != nil {
			t.Fatal(err)
		}
		fromJSON, err := loadCompiled(name+".json", got)
		if err != nil {
			t.Fatal(err)
		}
		if fromYAML.Hash != fromJSON.Hash {
			t.Errorf("%s: the precompiled questionnaire hashes %s, the YAML %s", name, fromJSON.Hash, fromYAML.Hash)
		}
		for _, qu := range fromYAML.Questions() {
			if o := fromJSON.Question(qu.ID); o == nil || o.Hash != qu.Hash || o.Order != qu.Order || o.Target != qu.Target || o.FeedMask != qu.FeedMask {
				t.Errorf("%s: question %s differs between the YAML and the precompiled form", name, qu.ID)
			}
		}
		// The hashes it carries are what hashing what it holds gives.
		stored := map[string]string{"": fromJSON.Hash}
		for _, qu := range fromJSON.Questions() {
			stored[qu.ID] = qu.Hash
		}
		fromJSON.hash()
		if fromJSON.Hash != stored[""] {
			t.Errorf("%s: carries hash %s, its content hashes %s", name, stored[""], fromJSON.Hash)
		}
		for _, qu := range fromJSON.Questions() {
			if qu.Hash != stored[qu.ID] {
				t.Errorf("%s: question %s carries hash %s, its content hashes %s", name, qu.ID, stored[qu.ID], qu.Hash)
			}
		}
	}
}
