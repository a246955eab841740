package questionnaires

import (
	"os"
	"testing"
)

// The precompiled built-ins (builtins_gen.go, made by go generate) are
// current and load into the same questionnaire as their YAML: the hashes
// they carry are the ones hashing the questionnaire gives.
func TestCompiledBuiltins(t *testing.T) {
	for _, name := range BuiltinNames() {
		src, err := os.ReadFile(name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		fromYAML, err := Load(name+".yaml", src)
		if err != nil {
			t.Fatal(err)
		}
		qn, hash, questionHashes := compiledBuiltin(name)
		if qn == nil {
			t.Fatalf("builtins_gen.go has no %s: run go generate ./questionnaires", name)
		}
		fromGo, err := loadCompiled("builtins_gen.go", qn, hash, questionHashes)
		if err != nil {
			t.Fatal(err)
		}
		if fromYAML.Hash != fromGo.Hash {
			t.Fatalf("%s: the precompiled questionnaire hashes %s, the YAML %s: builtins_gen.go is out of date, run go generate ./questionnaires", name, fromGo.Hash, fromYAML.Hash)
		}
		for _, qu := range fromYAML.Questions() {
			if o := fromGo.Question(qu.ID); o == nil || o.Hash != qu.Hash || o.Order != qu.Order || o.Target != qu.Target || o.FeedMask != qu.FeedMask {
				t.Errorf("%s: question %s differs between the YAML and the precompiled form", name, qu.ID)
			}
		}
		// The hashes it carries are what hashing what it holds gives.
		stored := map[string]string{"": fromGo.Hash}
		for _, qu := range fromGo.Questions() {
			stored[qu.ID] = qu.Hash
		}
		fromGo.hash()
		if fromGo.Hash != stored[""] {
			t.Errorf("%s: carries hash %s, its content hashes %s", name, stored[""], fromGo.Hash)
		}
		for _, qu := range fromGo.Questions() {
			if qu.Hash != stored[qu.ID] {
				t.Errorf("%s: question %s carries hash %s, its content hashes %s", name, qu.ID, stored[qu.ID], qu.Hash)
			}
		}
	}
}

// A name that is not built in has no precompiled form.
func TestCompiledBuiltinUnknown(t *testing.T) {
	if qn, hash, _ := compiledBuiltin("nosuch"); qn != nil || hash != "" {
		t.Errorf("compiledBuiltin(nosuch) = %v, %q", qn, hash)
	}
}
