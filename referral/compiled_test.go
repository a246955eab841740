package referral

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"

	"github.com/gooivechtstreek/digiscan/strictyaml"
)

var update = flag.Bool("update", false, "regenerate the precompiled built-ins (*.json) from their YAML")

// The precompiled built-in catalogues are the JSON of their YAML as
// decoded, are current, and refer businesses exactly as the YAML does.
func TestCompiledBuiltins(t *testing.T) {
	qn := intake(t)
	for _, name := range BuiltinNames() {
		src, err := os.ReadFile(name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var raw Catalogue
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
			t.Fatalf("%s.json is out of date with %s.yaml: run go test ./referral -update", name, name)
		}
		fromYAML, err := Load(name+".yaml", src, qn)
		if err != nil {
			t.Fatal(err)
		}
		fromJSON, err := loadCompiled(name+".json", got)
		if err != nil {
			t.Fatal(err)
		}
		again, err := json.Marshal(fromJSON)
		if err != nil {
			t.Fatal(err)
		}
		first, _ := json.Marshal(fromYAML)
		if !bytes.Equal(first, again) {
			t.Errorf("%s: the precompiled catalogue differs from the YAML", name)
		}
		for _, file := range []string{"manufacturer-huizen", "media-hilversum", "photographer-laren", "shop-hilversum", "wholesaler-eemnes"} {
			a, b := scored(t, file, today, "nl"), scored(t, file, today, "nl")
			if err := Match(fromYAML, qn, a, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := Match(fromJSON, qn, b, Options{}); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Referrals, b.Referrals) || !reflect.DeepEqual(a.Advice, b.Advice) {
				t.Errorf("%s: %s is referred differently by the precompiled catalogue", name, file)
			}
		}
	}
}
