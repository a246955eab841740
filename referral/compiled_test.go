package referral

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// The precompiled built-in catalogues (builtins_gen.go, made by go
// generate) are current: they hold what their YAML holds and refer
// businesses exactly as the YAML does.
func TestCompiledBuiltins(t *testing.T) {
	qn := intake(t)
	for _, name := range BuiltinNames() {
		src, err := os.ReadFile(name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		fromYAML, err := Load(name+".yaml", src, qn)
		if err != nil {
			t.Fatal(err)
		}
		c := compiledBuiltin(name)
		if c == nil {
			t.Fatalf("builtins_gen.go has no %s: run go generate ./referral", name)
		}
		fromGo, err := loadCompiled("builtins_gen.go", c)
		if err != nil {
			t.Fatal(err)
		}
		again, err := json.Marshal(fromGo)
		if err != nil {
			t.Fatal(err)
		}
		first, _ := json.Marshal(fromYAML)
		if !bytes.Equal(first, again) {
			t.Fatalf("%s: the precompiled catalogue differs from the YAML: builtins_gen.go is out of date, run go generate ./referral", name)
		}
		for _, file := range []string{"manufacturer-huizen", "media-hilversum", "photographer-laren", "shop-hilversum", "wholesaler-eemnes"} {
			a, b := scored(t, file, today, "nl"), scored(t, file, today, "nl")
			if err := Match(fromYAML, qn, a, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := Match(fromGo, qn, b, Options{}); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Referrals, b.Referrals) || !reflect.DeepEqual(a.Advice, b.Advice) {
				t.Errorf("%s: %s is referred differently by the precompiled catalogue", name, file)
			}
		}
	}
}

// A name that is not built in has no precompiled form.
func TestCompiledBuiltinUnknown(t *testing.T) {
	if c := compiledBuiltin("nosuch"); c != nil {
		t.Errorf("compiledBuiltin(nosuch) = %v", c)
	}
}
