package questionnaires

import "testing"

// Every embedded questionnaire loads and validates.
func TestBuiltinsValidate(t *testing.T) {
	names := BuiltinNames()
	if len(names) == 0 {
		t.Fatal("no built-in questionnaires embedded")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			q, err := Builtin(name)
			if err != nil {
				t.Fatalf("built-in %s does not validate:\n%v", name, err)
			}
			if q.ID != name {
				t.Errorf("built-in %s has id %q; the id must match the file name", name, q.ID)
			}
		})
	}
}
