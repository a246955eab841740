package questionnaires

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/gooivechtstreek/digiscan/strictyaml"
)

var update = flag.Bool("update", false, "regenerate the precompiled built-ins (*.json) from their YAML")

// The precompiled built-ins are the JSON of their YAML as decoded, are
// current, and load into the same questionnaire (the same content hash).
func TestCompiledBuiltins(t *testing.T) {
	for _, name := range BuiltinNames() {
		src, err := os.ReadFile(name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var raw Questionnaire
		if err := strictyaml.Unmarshal(name+".yaml", src, &raw); err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(&raw)
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
	}
}
