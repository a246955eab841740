// Package builtin is what the embedded questionnaires and catalogues
// share: their names, the YAML source of one, and loading each at most
// once per process.
package builtin

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Set is the built-ins of one kind: NAME.yaml files in FS.
type Set[T any] struct {
	FS   fs.FS
	Kind string // in messages: "questionnaire", "catalogue"

	cache sync.Map // name → *result[T]
}

type result[T any] struct {
	once sync.Once
	v    T
	err  error
}

// Names lists the built-ins, sorted.
func (s *Set[T]) Names() []string {
	entries, _ := fs.ReadDir(s.FS, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, n)
		}
	}
	return names
}

// Source is the YAML of built-in name; an unknown name is an error that
// suggests the closest one, or lists them.
func (s *Set[T]) Source(name string) ([]byte, error) {
	data, err := fs.ReadFile(s.FS, name+".yaml")
	if err != nil {
		return nil, &UnknownError{Kind: s.Kind, Name: name, Names: s.Names()}
	}
	return data, nil
}

// UnknownError is a name that is not built in: Kind (questionnaire,
// catalogue), the Name asked for and the built-in Names. The command says
// it in the person's language.
type UnknownError struct {
	Kind, Name string
	Names      []string
}

func (e *UnknownError) Error() string {
	hint := strictyaml.DidYouMean(e.Name, e.Names)
	if hint == "" {
		hint = "; built-in: " + strings.Join(e.Names, ", ") + " (or give a path to a .yaml file)"
	}
	return fmt.Sprintf("no built-in %s %q%s", e.Kind, e.Name, hint)
}

// Once returns what load gives for name, calling it only the first time
// name is asked for in this process.
func (s *Set[T]) Once(name string, load func() (T, error)) (T, error) {
	v, _ := s.cache.LoadOrStore(name, new(result[T]))
	r := v.(*result[T])
	r.once.Do(func() { r.v, r.err = load() })
	return r.v, r.err
}
